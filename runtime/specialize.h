/* specialize.h: quickening (PEP 659), shared by interp.c, dis.c and api.c.
 *
 * A specializable instruction's first cache unit is an adaptive counter
 * (CPython's layout): the high 12 bits count executions down to the next
 * specialization attempt, the low 4 bits are the backoff exponent. The
 * generic instruction decrements it; at 0 the interpreter calls
 * specialize(), which rewrites the opcode in place into a specialized form
 * (uops.h) or, failing, waits 2^backoff - 1 executions (the exponent grows
 * by one per failure, up to 12). A specialized form whose guard fails is
 * rewritten back to the generic form with the same backoff (spec_deopt). */
#ifndef STITCH_SPECIALIZE_H
#define STITCH_SPECIALIZE_H

#include <stdio.h>

#include "opcodes.h"
#include "vm.h"

#define ADAPTIVE_BACKOFF_BITS 4
#define ADAPTIVE_STEP (1 << ADAPTIVE_BACKOFF_BITS)
#define ADAPTIVE_BACKOFF_MAX 12
#define ADAPTIVE_BACKOFF_MASK (ADAPTIVE_STEP - 1)

/* Why a specialization attempt failed: X(ENUM, "text"). */
#define SPEC_FAIL_LIST(X)                                                      \
    X(TYPES, "operand types")                                                  \
    X(OPERATOR, "operator not specialized")                                    \
    X(RANGE, "index or length")                                                \
    X(CALLABLE, "kind of callable")                                            \
    X(ARGS, "argument shape")                                                  \
    X(VERSION, "unversioned class")                                            \
    X(NOT_FOUND, "name not found")                                             \
    X(TOO_BIG, "dict too big to index")                                   \
    X(ATTR_KIND, "kind of attribute")

typedef enum SpecFail {
#define X(e, s) SPEC_FAIL_##e,
    SPEC_FAIL_LIST(X)
#undef X
    SPEC_FAIL_COUNT
} SpecFail;

/* STITCH_STATS=1 counters. exec is indexed by the opcode executed, the
 * others by the generic opcode (attempts, failures) or the specialized one
 * (successes, deopts). */
typedef struct SpecStats {
    uint64_t exec[256];
    uint64_t attempts[OP_COUNT];
    uint64_t successes[OP_COUNT];
    uint64_t deopts[OP_COUNT];
    uint64_t failures[OP_COUNT][SPEC_FAIL_COUNT];
} SpecStats;

/* Try to specialize the instruction whose caches start at `cache`
 * (cache[-1] is its opcode unit), with the operand stack top at sp. True
 * when it was rewritten (the caller re-dispatches it); false after setting
 * the backoff. Never raises; may allocate (operands are on the stack). */
bool specialize(VM *vm, Frame *f, uint16_t *cache, Value *sp, uint32_t oparg);

/* Rewrite the specialized instruction at `instr` back to its generic form
 * with a grown backoff (a guard failed). */
void spec_deopt(VM *vm, uint16_t *instr);

/* Start counting (STITCH_STATS); false if out of memory. */
bool spec_stats_enable(VM *vm);
/* Print and free the counters (no-op when not counting). */
void spec_stats_report(VM *vm, FILE *out);

#endif
