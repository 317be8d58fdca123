/* uop_interp.c: the tier-2 uop interpreter (STITCH_JIT=uops).
 *
 * Runs an executor's optimized uops one by one, with the same bodies
 * (uop_bodies.h) and the same exits as its machine code, but no code is
 * generated: projection, the optimizer, exits and links can be tested on
 * their own, and it is the reference the stitched code must agree with.
 */
#include "interp.h"
#include "jit.h"
#include "uop_helpers.h"

/* The contract of uop_bodies.h, over this loop's locals. */
#define UOP(name) case UOP##name: {
#define UOP_END                                                                \
    }                                                                          \
    break;
#define STACK(i) (sp[(i)])
#define SP_ADJ(n) (sp += (n))
#define OPARG (op->oparg)
#define OPERAND (op->operand)
#define CACHE(i) (op->ip[(i)])
#define CACHE32(i) ((uint32_t)op->ip[(i)] | (uint32_t)op->ip[(i) + 1] << 16)
#define CACHE48(i)                                                             \
    ((uint64_t)op->ip[(i)] | (uint64_t)op->ip[(i) + 1] << 16 | (uint64_t)op->ip[(i) + 2] << 32)
#define CACHE64(i) (CACHE48(i) | (uint64_t)op->ip[(i) + 3] << 48)
#define LOCAL(i) (frame->base[(i)])
#define CONST(i) (frame->code->consts->items[(i)])
#define NAME(i) AS_STR(frame->code->names->items[(i)])
#define GLOBALS (frame->globals)
#define CODE (frame->code)
#define DEOPT_IF(c)                                                            \
    do {                                                                       \
        if (__builtin_expect(!!(c), 0)) goto deopt;                            \
    } while (0)
#define ERROR_IF(c)                                                            \
    do {                                                                       \
        if (__builtin_expect(!!(c), 0)) goto error;                            \
    } while (0)
#define JUMP_BY(n)                                                             \
    do {                                                                       \
        (void)(n);                                                             \
        goto jump;                                                             \
    } while (0)
#define RECORD_BRANCH(t) (op->ip[0] = (uint16_t)(op->ip[0] << 1 | (unsigned)(t)))
#define SYNC_FRAME(s) (frame->ip = op->ip, frame->sp = (s))
#define FRAME_PUSHED() (frame = &vm->frames[vm->nframes - 1], sp = frame->sp)
#define FRAME_POPPED() (frame = &vm->frames[vm->nframes - 1], sp = frame->sp)
#define UOP_TIER2

Exit *uop_run(VM *vm, Executor *ex) {
    Frame *frame = &vm->frames[vm->nframes - 1];
    Value *sp = frame->sp;
    const TraceOp *op = ex->ops;
    uint64_t *counter = &vm->jit_state->stats.uops_run;
    Exit *e;
    for (;;) {
        if (op == ex->ops + ex->nops) {
            e = &ex->exits[ex->end_exit];
            goto leave;
        }
        ++*counter;
        switch (op->uop) {
#include "uop_bodies.h"
        default:
            /* Never projected: leave as a failed guard would. */
            goto deopt;
        }
        op++;
        continue;
    deopt:
        e = &ex->exits[op->deopt];
        goto leave;
    error:
        e = &ex->exits[op->error];
        goto leave;
    jump:
        if (op->uop == UOP_JUMP_TO_TOP) {
            op = ex->ops + ex->loop_start;
            continue;
        }
        e = &ex->exits[op->jump];
    leave:
        frame->sp = sp;
        frame->ip = e->resume;
        if (!e->linked) return e;
        ex = e->linked;
        op = ex->ops;
    }
}
