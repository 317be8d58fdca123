/* dump.h: the machine-code half of STITCH_JIT_DUMP.
 *
 * Prints a stitched trace as capstone disassembles it, op by op, with every
 * hole the stitcher patched named next to the instruction that holds it,
 * from the StitchListing that stitch filled (stitch.h). */
#ifndef STITCH_JIT_DUMP_H
#define STITCH_JIT_DUMP_H

#include <stddef.h>
#include <stdio.h>

#include "stitch.h"

/* Print the machine code of a stitched trace: for each op, a line with its
 * label (labels[i], supplied by the caller, e.g. "_BINARY_OP_ADD_INT" or
 * "_EXIT_TRACE -> line 12"), then its instructions disassembled
 * (capstone, Intel syntax), address and bytes shown, and after each
 * instruction that contains a patched hole: `; <HOLE NAME> = <value>` with
 * the value named: OPARG = 5, OPERAND = 0x..., IP = 0x..., CONTINUE/JUMP/DEOPT/ERROR -> [k] <labels[k]>,
 * a runtime symbol by name (`call str_concat`), CODE/DATA + offset.
 * Instructions past op_start[n] (GOT slots, trampolines) are listed under a
 * final "far area" heading if present. Data bytes after the code (literals)
 * are a hex dump under a "data" heading. size = StitchTrace.size or the size
 * from stitch; with no listing, [entry, entry + size) is disassembled as one
 * block. labels may be NULL. */
void jit_dump_code(FILE *out, const void *entry, size_t size, int n, const char *const *labels,
                   const StitchListing *listing);

#endif
