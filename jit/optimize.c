/* optimize.c: the trace optimizer, one forward pass of abstract
 * interpretation.
 *
 * Each stack slot and each fast local of the frames the trace runs in gets
 * an abstract value: unknown, or known to be a small int, a float, a str,
 * a list, a tuple (and for locals: whether it is bound). Facts come from
 * the guards that passed, the results of typed uops (an int op that did
 * not deopt gave a small int), constants, and stores. With them:
 *   - a guard whose test is already proven is removed (the int guard on a
 *     value a previous int op produced or a previous guard checked, the
 *     guard on a local the trace itself stored an int into);
 *   - a constant load becomes _LOAD_CONST_INLINE (the value is the
 *     operand: no loads through frame->code->consts);
 *   - a load of a local proven bound skips the unbound check;
 *   - a push popped right away (a load then _POP_TOP) is dropped.
 * Facts never flow around the loop's back edge: the pass starts at the
 * trace's head knowing nothing, which keeps it simple and sound (a fact
 * established in iteration n is re-established in iteration n + 1 by the
 * same uops before it is used).
 *
 * Calls may run any code, but none of it can change a fast local of a
 * frame it did not create or the type of a value, so facts survive them.
 * An inlined call's frame gets fresh locals; its caller's are kept and
 * come back at _POP_FRAME.
 */
#include <string.h>

#include "jit.h"

typedef enum Kind { K_UNKNOWN, K_INT, K_FLOAT, K_STR, K_LIST, K_TUPLE } Kind;

#define SLOTS 256     /* abstract stack, centred on the trace's entry depth */
#define LOCALS 64     /* fast locals tracked per frame */

typedef struct Abs {
    uint8_t stack[SLOTS];
    int sp;                           /* SLOTS / 2 at the trace's entry */
    uint8_t locals[TRACE_MAX_DEPTH + 1][LOCALS];
    uint8_t bound[TRACE_MAX_DEPTH + 1][LOCALS];
    int base[TRACE_MAX_DEPTH + 1];    /* stack depth where each frame's stack starts */
    int depth;
} Abs;

static Kind kind_of(Value v) {
    if (val_is_int(v)) return K_INT;
    if (val_is_float(v)) return K_FLOAT;
    if (IS_STR(v)) return K_STR;
    if (IS_LIST(v)) return K_LIST;
    if (IS_TUPLE(v)) return K_TUPLE;
    return K_UNKNOWN;
}

static uint8_t *slot(Abs *a, int i) {
    static uint8_t scratch;
    int k = a->sp + i;
    if (k < 0 || k >= SLOTS) {
        scratch = K_UNKNOWN;
        return &scratch;
    }
    return &a->stack[k];
}

static Kind peek(Abs *a, int i) { return (Kind)*slot(a, i); }
static void set(Abs *a, int i, Kind k) { *slot(a, i) = (uint8_t)k; }

/* Apply a uop's stack effect with unknown results. */
static void effect(Abs *a, int uop, uint32_t oparg) {
    int pops = 0, pushes = 0;
    switch (uop) {
#define U(name, po, pu, fl)                                                    \
    case UOP##name:                                                            \
        pops = (po);                                                           \
        pushes = (pu);                                                         \
        break;
        UOP_LIST(U)
#undef U
    }
    a->sp -= pops;
    for (int i = 0; i < pushes; i++) set(a, i, K_UNKNOWN);
    a->sp += pushes;
}

/* A type guard on the top two slots: 1 when its test is already proven,
 * else 0, recording what it proves; -1 for any other uop. */
static int guard_known(Abs *a, int uop) {
    Kind need_top = K_UNKNOWN, need_second = K_UNKNOWN;
    switch (uop) {
    case UOP_GUARD_BOTH_INT: need_top = need_second = K_INT; break;
    case UOP_GUARD_BOTH_FLOAT: need_top = need_second = K_FLOAT; break;
    case UOP_GUARD_BOTH_STR: need_top = need_second = K_STR; break;
    case UOP_GUARD_TOS_INT: need_top = K_INT; break;
    case UOP_GUARD_TOS_LIST: need_top = K_LIST; break;
    case UOP_GUARD_TOS_TUPLE: need_top = K_TUPLE; break;
    case UOP_GUARD_NOS_LIST: need_second = K_LIST; break;
    case UOP_GUARD_NOS_TUPLE: need_second = K_TUPLE; break;
    case UOP_GUARD_NOS_STR: need_second = K_STR; break;
    default: return -1;
    }
    bool known = (need_top == K_UNKNOWN || peek(a, -1) == need_top) &&
                 (need_second == K_UNKNOWN || peek(a, -2) == need_second);
    if (need_top != K_UNKNOWN) set(a, -1, need_top);
    if (need_second != K_UNKNOWN) set(a, -2, need_second);
    return known;
}

/* The kind a typed uop leaves on top, or K_UNKNOWN. */
static Kind result_kind(int uop) {
    switch (uop) {
    case UOP_BINARY_OP_ADD_INT:
    case UOP_BINARY_OP_SUBTRACT_INT:
    case UOP_BINARY_OP_MULTIPLY_INT:
    case UOP_BINARY_OP_FLOOR_DIVIDE_INT:
    case UOP_BINARY_OP_REMAINDER_INT:
    case UOP_BINARY_OP_AND_INT:
    case UOP_BINARY_OP_OR_INT:
    case UOP_BINARY_OP_XOR_INT:
    case UOP_BINARY_OP_LSHIFT_INT:
    case UOP_BINARY_OP_RSHIFT_INT:
    case UOP_FOR_ITER_RANGE:
    case UOP_CALL_LEN:
        return K_INT;
    case UOP_BINARY_OP_ADD_FLOAT:
    case UOP_BINARY_OP_SUBTRACT_FLOAT:
    case UOP_BINARY_OP_MULTIPLY_FLOAT:
    case UOP_BINARY_OP_TRUE_DIVIDE_FLOAT:
    case UOP_BINARY_OP_ADD_NUM:
    case UOP_BINARY_OP_SUBTRACT_NUM:
    case UOP_BINARY_OP_MULTIPLY_NUM:
    case UOP_BINARY_OP_TRUE_DIVIDE_NUM:
        return K_FLOAT;
    case UOP_BINARY_OP_ADD_STR:
    case UOP_BUILD_STRING:
        return K_STR;
    case UOP_BUILD_LIST:
        return K_LIST;
    case UOP_BUILD_TUPLE:
        return K_TUPLE;
    default:
        return K_UNKNOWN;
    }
}

static bool pure_push(int uop) {
    return uop == UOP_LOAD_FAST_CHECKED || uop == UOP_LOAD_CONST_INLINE || uop == UOP_LOAD_CONST;
}

/* Rewrite op (which may be dropped: false). */
static bool step(VM *vm, Abs *a, TraceOp *op) {
    int d = a->depth;
    uint32_t i = op->oparg;
    bool tracked = i < LOCALS;
    switch (op->uop) {
    case UOP_LOAD_CONST: {
        Value v = op->code->consts->items[i];
        op->uop = UOP_LOAD_CONST_INLINE;
        op->operand = (uint64_t)v;
        set(a, 0, kind_of(v));
        a->sp++;
        return true;
    }
    case UOP_LOAD_FAST:
        if (tracked && a->bound[d][i]) op->uop = UOP_LOAD_FAST_CHECKED;
        set(a, 0, tracked ? (Kind)a->locals[d][i] : K_UNKNOWN);
        a->sp++;
        if (tracked) a->bound[d][i] = 1; /* or the load raised */
        return true;
    case UOP_STORE_FAST:
        a->sp--;
        if (tracked) {
            a->locals[d][i] = (uint8_t)peek(a, 0);
            a->bound[d][i] = 1;
        }
        return true;
    case UOP_PUSH_FRAME:
        effect(a, op->uop, i);
        if (d + 1 <= TRACE_MAX_DEPTH) {
            a->depth++;
            memset(a->locals[a->depth], 0, LOCALS);
            memset(a->bound[a->depth], 0, LOCALS);
            a->base[a->depth] = a->sp;
        }
        return true;
    case UOP_POP_FRAME:
        if (a->depth > 0) {
            a->sp = a->base[a->depth];
            a->depth--;
        }
        set(a, 0, K_UNKNOWN);
        a->sp++;
        return true;
    default:
        break;
    }
    (void)vm;
    int g = guard_known(a, op->uop);
    if (g >= 0) return g == 0;
    effect(a, op->uop, i);
    Kind k = result_kind(op->uop);
    if (k != K_UNKNOWN) set(a, -1, k);
    if (op->uop == UOP_FOR_ITER_RANGE) set(a, -1, K_INT);
    return true;
}

void trace_optimize(VM *vm, Trace *t) {
    static Abs a;
    memset(&a, 0, sizeof a);
    a.sp = SLOTS / 2;
    int n = 0;
    for (int i = 0; i < t->n; i++) {
        TraceOp op = t->ops[i];
        if (!step(vm, &a, &op)) continue;
        /* A push popped at once is no push at all. */
        if (op.uop == UOP_POP_TOP && n > 0 && pure_push(t->ops[n - 1].uop) &&
            t->ops[n - 1].depth == op.depth) {
            n--;
            continue;
        }
        t->ops[n++] = op;
    }
    t->n = n;
}
