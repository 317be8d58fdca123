/* stitch.h: copy-and-patch.
 *
 * Given a sequence of ops (a stencil with its oparg, operand, instruction
 * and targets), stitch lays their code out back to back (each falls through
 * into the next), copies their data after the code, patches every hole and
 * seals the result executable. Targets are indices into the same sequence,
 * so exits are ops too (usually _EXIT_TRACE stencils after the trace's
 * last op). The entry point is ops[0]'s code; run it with jit_enter
 * (shim.h). */
#ifndef STITCH_JIT_STITCH_H
#define STITCH_JIT_STITCH_H

#include <stddef.h>
#include <stdint.h>

#include "codemem.h"
#include "stencil.h"

typedef struct StitchOp {
    uint16_t stencil;       /* StencilId */
    uint32_t oparg;
    uint64_t operand;
    const uint16_t *ip;     /* the instruction's first cache unit */
    int32_t jump;           /* op a taken JUMP_BY goes to, or -1 */
    int32_t deopt;          /* op a failed guard goes to, or -1 */
    int32_t error;          /* op an error goes to, or -1 */
} StitchOp;

/* Why the last stitch failed (for STITCH_JIT_DUMP and the tests). */
typedef enum StitchError {
    STITCH_OK,
    STITCH_NO_STENCIL,   /* an op's stencil is absent (a left-out uop) */
    STITCH_NO_TARGET,    /* a hole's target op is missing or out of range */
    STITCH_RANGE,        /* a value does not fit its hole */
    STITCH_NO_MEMORY,    /* the code arena is full */
} StitchError;

/* Bytes stitch(ops, n) takes at most (code, data, GOT slots, trampolines);
 * 0 when an op has no stencil. */
size_t stitch_size(const StitchOp *ops, int n);
/* Stitch ops[0..n) into cm: the entry point, or NULL (*err says why; cm
 * keeps what it handed out). *size gets the bytes used. */
void *stitch(CodeMem *cm, const StitchOp *ops, int n, size_t *size, StitchError *err);

#endif
