/* stitch.h: copy-and-patch.
 *
 * Given a sequence of ops (a stencil with its oparg, operand, instruction
 * and targets), stitch lays their code out back to back (each falls through
 * into the next), copies their data after the code, patches every hole and
 * seals the result executable. Targets are indices into the same sequence,
 * so exits are ops too (usually _EXIT_TRACE stencils after the trace's
 * last op). The entry point is ops[0]'s code; run it with jit_enter
 * (shim.h).
 *
 * Sealing costs one mprotect per call (a few microseconds, far more than
 * copying and patching a short trace), so a caller with several traces
 * ready (a trace and its side exits, a warm-up's worth of hot loops)
 * should hand them to stitch_batch together. */
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

/* One patched hole, as stitch filled it (for the JIT dump). */
typedef struct StitchHoleRecord {
    uint32_t op;        /* index of the op whose stencil has the hole */
    uint32_t at;        /* offset of the patched bytes from the trace's entry
                           (code holes; data holes: offset of the data byte from the entry too) */
    uint8_t kind;       /* HoleKind */
    uint8_t value;      /* HoleValue */
    uint8_t in_data;
    uint16_t symbol;    /* HV_SYMBOL: index into stencil_symbol_names */
    int32_t target_op;  /* CONTINUE/JUMP/DEOPT/ERROR: the op index aimed at, else -1 */
    uint64_t target;    /* S: the value before addend and PC arithmetic */
    int64_t addend;
} StitchHoleRecord;

/* Where each op's code starts (op_start[0..n], offsets from the entry;
 * op_start[n] is the end of the code) and every hole patched, in op order.
 * Filled (malloc'd arrays; any old contents are overwritten) by
 * stitch_batch when StitchTrace.listing is set, or stitch_listed; empty
 * after a failed stitch; free with stitch_listing_free. The stack cache's
 * write-back stubs lie in [op_start[n], code_end), the data (literals) in
 * [code_end, data_end); past it, up to the size stitch reports, only padding and the
 * piece's GOT slots and trampolines. */
typedef struct StitchListing {
    uint32_t *op_start;
    uint8_t *cache;     /* each op's stack-cache depth on entry (its variant) */
    StitchHoleRecord *holes;
    int nholes;
    uint32_t data_end;
    uint32_t code_end;  /* [op_start[n], code_end): write-back stubs, before the data */
} StitchListing;
/* Free what stitch put in *l and empty it (l may be NULL). */
void stitch_listing_free(StitchListing *l);

/* One trace of a batch: ops[0..n) in; its entry point and the bytes it
 * took (code and data, not the shared trampolines) out, and, when listing
 * is set, what was patched where (all or nothing, like the entry). */
typedef struct StitchTrace {
    const StitchOp *ops;
    int n;
    void *entry;
    size_t size;
    StitchListing *listing; /* NULL: no listing (no cost) */
} StitchTrace;

/* Bytes stitch(ops, n) takes at most (code, data, GOT slots, trampolines);
 * 0 when the ops cannot be stitched (an op has no stencil, a target is
 * missing). */
size_t stitch_size(const StitchOp *ops, int n);
/* Stitch ops[0..n) into cm: the entry point, or NULL (*err says why; cm
 * keeps what it handed out). *size gets the bytes used. */
void *stitch(CodeMem *cm, const StitchOp *ops, int n, size_t *size, StitchError *err);
/* stitch, also filling *listing (when not NULL) as stitch_batch does. */
void *stitch_listed(CodeMem *cm, const StitchOp *ops, int n, size_t *size, StitchListing *listing,
                    StitchError *err);
/* Stitch traces t[0..k) into one piece of cm sealed with one mprotect,
 * filling each t[i].entry and t[i].size. 0, or -1 with *err set and no
 * entry point filled (all or nothing). */
int stitch_batch(CodeMem *cm, StitchTrace *t, int k, StitchError *err);
/* Copy and patch ops[0..n) into dst without sealing: dst must hold
 * stitch_size(ops, n) writable bytes at the address the code will run
 * from. The bytes used, or 0 with *err set. (For the benchmark and for
 * callers that manage their own memory.) */
size_t stitch_write(uint8_t *dst, const StitchOp *ops, int n, StitchError *err);

#endif
