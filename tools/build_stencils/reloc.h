/* reloc.h: one architecture's ELF relocation types, as hole kinds.
 *
 * The extractor is target-neutral: everything it knows about a machine's
 * relocations is a table of these rows (reloc_x86_64.c; an AArch64 table
 * would be a second file and a second entry in reloc_arch). */
#ifndef STITCH_RELOC_H
#define STITCH_RELOC_H

#include <stdint.h>

typedef struct RelocRule {
    uint32_t type;     /* ELF r_type */
    const char *name;  /* as readelf prints it */
    int kind;          /* HoleKind, or -1: known but rejected */
} RelocRule;

typedef struct RelocArch {
    uint16_t machine;  /* ELF e_machine */
    const char *name;
    const RelocRule *rules;
    int nrules;
    /* Opcode bytes of a relative jump with a 32-bit displacement, and its
     * length: the trailing jump the extractor may drop. */
    uint8_t jmp32_opcode;
} RelocArch;

/* The table for ELF machine `machine`, or NULL. */
const RelocArch *reloc_arch(uint16_t machine);
/* The row for `type`, or NULL when the type is not listed at all. */
const RelocRule *reloc_rule(const RelocArch *a, uint32_t type);

extern const RelocArch reloc_arch_x86_64;

#endif

/* The target's tail rule (reloc_<arch>.c): drop a trailing jump to the
 * continuation, or turn `jcc CONTINUE; jmp X` into `j!cc X`, so the next
 * stencil falls through. */
struct ExStencil;
void reloc_trim_tail_x86_64(struct ExStencil *s);
