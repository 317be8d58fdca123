/* optimize.c: the trace optimizer, abstract interpretation over the uops.
 *
 * Each stack slot and each fast local of the frames the trace runs in gets
 * an abstract value: unknown, or known to be a small int, a float, a str,
 * a list, a tuple, or a range/list/tuple iterator; locals also whether
 * they are bound, and stack slots which local they were loaded from.
 * Facts come from the guards that passed, the results of typed uops (an
 * int op that did not deopt gave a small int), constants, and stores; a
 * guard on a value loaded from a local proves the local too (until it is
 * stored again). With them:
 *   - a guard whose test is already proven is removed;
 *   - a constant load becomes _LOAD_CONST_INLINE (the value is the
 *     operand: no loads through frame->code->consts);
 *   - a load of a local proven bound skips the unbound check;
 *   - a push popped right away (a load then _POP_TOP) is dropped.
 *
 * Loops: a first pass from no facts at all finds what holds at the back
 * edge whatever the entry state (guards and stores on the one path through
 * the body). Those facts about the loop frame's locals and its top of
 * stack (a for loop's iterator) become the head's facts for the real pass,
 * and a preamble before the head checks them once per entry from tier 1:
 * the back edge re-establishes them by construction (the transfer
 * functions are monotone, so the second pass ends with at least the
 * first's facts). A guard on a loop-carried or loop-invariant local is
 * then checked once per entry, not once per iteration.
 *
 * Calls may run any code, but none of it can change a fast local of
 * another frame or the type of a value, so facts survive them. An inlined
 * call's frame gets fresh facts; its caller's come back at _POP_FRAME.
 */
#include <string.h>

#include "jit.h"

/* K_LIST is an exact list: the list guards test the class, not only the
 * layout (a list subclass may override its dunders; uop_bodies.h). */
typedef enum Kind {
    K_UNKNOWN, K_INT, K_FLOAT, K_STR, K_LIST, K_TUPLE,
    K_RANGE_ITER, K_LIST_ITER, K_TUPLE_ITER, K_BOOL,
    K_NULL /* the NULL below a plain function call's arguments */
} Kind;

#define SLOTS 256     /* abstract stack, centred on the trace's entry depth */
#define LOCALS 64     /* fast locals tracked per frame */
#define ENTRY (SLOTS / 2)

typedef struct Slot {
    uint8_t kind;
    int8_t local;     /* loaded from this local of the same frame, or -1 */
} Slot;

typedef struct Abs {
    Slot stack[SLOTS];
    int sp;
    uint8_t locals[TRACE_MAX_DEPTH + 1][LOCALS];
    uint8_t bound[TRACE_MAX_DEPTH + 1][LOCALS];
    int base[TRACE_MAX_DEPTH + 1];    /* abstract sp where each callee's stack starts */
    int depth;
    /* The loop frame's locals read before any store in the trace (only
     * those need entry facts) and those stored. */
    uint8_t live_in[LOCALS], written[LOCALS];
    const Code *callee; /* pinned by the last _CHECK_FUNCTION_CODE */
    /* Per frame depth: the globals keys version a _GUARD_GLOBALS_KEYS
     * proved since the last uop that may call out (which may add a global). */
    uint8_t keys_known[TRACE_MAX_DEPTH + 1];
    uint64_t keys_version[TRACE_MAX_DEPTH + 1];
} Abs;

static Kind kind_of(Value v) {
    if (val_is_int(v)) return K_INT;
    if (val_is_float(v)) return K_FLOAT;
    if (IS_STR(v)) return K_STR;
    if (IS_LIST(v) && !val_is_builtin_sub(v)) return K_LIST;
    if (IS_TUPLE(v)) return K_TUPLE;
    return K_UNKNOWN;
}

static Slot *slot(Abs *a, int i) {
    static Slot scratch;
    int k = a->sp + i;
    if (k < 0 || k >= SLOTS) {
        scratch = (Slot){K_UNKNOWN, -1};
        return &scratch;
    }
    return &a->stack[k];
}

static Kind peek(Abs *a, int i) { return (Kind)slot(a, i)->kind; }

static void push(Abs *a, Kind k, int local) {
    *slot(a, 0) = (Slot){(uint8_t)k, (int8_t)local};
    a->sp++;
}

/* What a guard proved of slot i, and of the local it was loaded from. */
static void prove(Abs *a, int i, Kind k) {
    Slot *s = slot(a, i);
    s->kind = (uint8_t)k;
    if (s->local >= 0) a->locals[a->depth][s->local] = (uint8_t)k;
}

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
    for (int i = 0; i < pushes; i++) push(a, K_UNKNOWN, -1);
}

/* A type guard on the top two slots: 1 when its test is already proven,
 * else 0, recording what it proves; -1 for any other uop. */
static int guard_known(Abs *a, int uop) {
    Kind top = K_UNKNOWN, second = K_UNKNOWN;
    switch (uop) {
    case UOP_GUARD_BOTH_INT: top = second = K_INT; break;
    case UOP_GUARD_BOTH_FLOAT: top = second = K_FLOAT; break;
    case UOP_GUARD_BOTH_STR: top = second = K_STR; break;
    case UOP_GUARD_TOS_INT: top = K_INT; break;
    case UOP_GUARD_TOS_LIST: top = K_LIST; break;
    case UOP_GUARD_TOS_TUPLE: top = K_TUPLE; break;
    case UOP_GUARD_NOS_LIST: second = K_LIST; break;
    case UOP_GUARD_NOS_TUPLE: second = K_TUPLE; break;
    case UOP_GUARD_NOS_STR: second = K_STR; break;
    case UOP_ITER_CHECK_RANGE: top = K_RANGE_ITER; break;
    case UOP_ITER_CHECK_LIST: top = K_LIST_ITER; break;
    case UOP_ITER_CHECK_TUPLE: top = K_TUPLE_ITER; break;
    default: return -1;
    }
    bool known = (top == K_UNKNOWN || peek(a, -1) == top) &&
                 (second == K_UNKNOWN || peek(a, -2) == second);
    if (top != K_UNKNOWN) prove(a, -1, top);
    if (second != K_UNKNOWN) prove(a, -2, second);
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
    case UOP_COMPARE_OP_INT:
    case UOP_COMPARE_OP_FLOAT:
    case UOP_COMPARE_OP_STR:
    case UOP_CONTAINS_OP_DICT:
    case UOP_CONTAINS_OP_SET:
    case UOP_CONTAINS_OP:
    case UOP_IS_OP:
    case UOP_UNARY_NOT:
    case UOP_CALL_ISINSTANCE:
        return K_BOOL;
    default:
        return K_UNKNOWN;
    }
}

static bool pure_push(int uop) {
    return uop == UOP_LOAD_FAST_CHECKED || uop == UOP_LOAD_CONST_INLINE || uop == UOP_LOAD_CONST;
}

/* A store to local i: stack slots loaded from it no longer stand for it. */
static void forget_origin(Abs *a, int i) {
    for (int k = a->base[a->depth]; k < a->sp && k < SLOTS; k++)
        if (a->stack[k].local == i) a->stack[k].local = -1;
}

/* Interpret op, rewriting it; false when it is to be dropped. */
static bool step(Abs *a, TraceOp *op) {
    int d = a->depth;
    uint32_t i = op->oparg;
    bool tracked = i < LOCALS;
    if (uop_flags[op->uop] & (UOPF_ESCAPES | UOPF_FRAME_POP)) memset(a->keys_known, 0, sizeof a->keys_known);
    switch (op->uop) {
    case UOP_GUARD_GLOBALS_KEYS: {
        /* A second check of the same version with nothing in between that
         * may call out proves nothing new (the entry index the load after
         * it uses belongs to that version). */
        uint64_t v = (uint64_t)op->ip[1] | (uint64_t)op->ip[2] << 16 | (uint64_t)op->ip[3] << 32;
        if (a->keys_known[d] && a->keys_version[d] == v) return false;
        a->keys_known[d] = 1;
        a->keys_version[d] = v;
        return true;
    }
    case UOP_LOAD_CONST: {
        Value v = op->code->consts->items[i];
        op->uop = UOP_LOAD_CONST_INLINE;
        op->operand = (uint64_t)v;
        push(a, kind_of(v), -1);
        return true;
    }
    case UOP_LOAD_FAST_DEOPT: /* the projector's form of every _LOAD_FAST */
        if (tracked && d == 0 && !a->written[i]) a->live_in[i] = 1;
        if (tracked && a->bound[d][i]) {
            op->uop = UOP_LOAD_FAST_CHECKED;
            op->deopt = op->error = -1;
        }
        push(a, tracked ? (Kind)a->locals[d][i] : K_UNKNOWN, tracked ? (int)i : -1);
        if (tracked) a->bound[d][i] = 1; /* or the load left the trace */
        return true;
    case UOP_STORE_FAST:
        a->sp--;
        if (tracked) {
            if (d == 0) a->written[i] = 1;
            forget_origin(a, (int)i);
            a->locals[d][i] = (uint8_t)peek(a, 0);
            a->bound[d][i] = 1;
        }
        return true;
    case UOP_PUSH_FRAME:
    case UOP_PUSH_FRAME_KW_MAP:
    case UOP_ALLOC_AND_ENTER_INIT: {
        /* [callable NULL args...] with exact arguments: the callee's
         * parameters are the arguments, kinds and all. */
        uint8_t args[LOCALS] = {0};
        bool plain = op->uop == UOP_PUSH_FRAME && a->callee && (uint32_t)a->callee->nargs == i &&
                     peek(a, -(int)i - 1) == K_NULL;
        for (uint32_t k = 0; plain && k < i && k < LOCALS; k++) args[k] = (uint8_t)peek(a, -(int)i + (int)k);
        effect(a, op->uop, i);
        if (d < TRACE_MAX_DEPTH) {
            a->depth++;
            memcpy(a->locals[a->depth], args, LOCALS);
            memset(a->bound[a->depth], 0, LOCALS);
            /* A call that bound its arguments bound every positional
             * parameter of the code the trace checked it runs (a keyword
             * call's map leaves none unbound either). */
            if (op->uop != UOP_ALLOC_AND_ENTER_INIT && a->callee)
                memset(a->bound[a->depth], 1, a->callee->nargs < LOCALS ? (size_t)a->callee->nargs : LOCALS);
            a->base[a->depth] = a->sp;
        }
        a->callee = NULL;
        return true;
    }
    case UOP_PUSH_NULL:
        push(a, K_NULL, -1);
        return true;
    case UOP_COPY:
        /* The copy is the same value: its kind and origin go with it. */
        if (i >= 1 && i <= 3) op->uop = (uint16_t)(UOP_COPY_1 + i - 1);
        {
            Slot s = *slot(a, -(int)i);
            push(a, (Kind)s.kind, s.local);
        }
        return true;
    case UOP_SWAP:
        if (i == 2 || i == 3) op->uop = (uint16_t)(UOP_SWAP_2 + i - 2);
        {
            Slot top = *slot(a, -1);
            *slot(a, -1) = *slot(a, -(int)i);
            *slot(a, -(int)i) = top;
        }
        return true;
    case UOP_CHECK_FUNCTION_CODE:
        a->callee = (const Code *)(uintptr_t)op->operand;
        break;
    case UOP_FOR_ITER_RANGE:
        push(a, K_INT, -1); /* the iterator stays below (the jump leaves) */
        return true;
    case UOP_FOR_ITER_LIST:
    case UOP_FOR_ITER_TUPLE:
    case UOP_FOR_ITER:
        push(a, K_UNKNOWN, -1);
        return true;
    case UOP_POP_FRAME:
    case UOP_POP_FRAME_INIT:
        if (a->depth > 0) {
            a->sp = a->base[a->depth];
            a->depth--;
        } else {
            /* Back into a caller the trace did not enter (a side trace
             * returning into its exit's frames): nothing is known there. */
            for (int k = 0; k < SLOTS; k++) a->stack[k] = (Slot){K_UNKNOWN, -1};
            memset(a->locals[0], 0, LOCALS);
            memset(a->bound[0], 0, LOCALS);
        }
        push(a, K_UNKNOWN, -1);
        return true;
    default:
        break;
    }
    if (peek(a, -1) == K_BOOL && op->uop == UOP_GUARD_IS_TRUE_POP) op->uop = UOP_GUARD_IS_TRUE_POP_BOOL;
    if (peek(a, -1) == K_BOOL && op->uop == UOP_GUARD_IS_FALSE_POP) op->uop = UOP_GUARD_IS_FALSE_POP_BOOL;
    int g = guard_known(a, op->uop);
    if (g >= 0) return g == 0;
    effect(a, op->uop, i);
    Kind k = result_kind(op->uop);
    if (k != K_UNKNOWN) slot(a, -1)->kind = (uint8_t)k;
    return true;
}

/* One pass over ops[0..n) from state a; the new length. */
static int run_pass(Abs *a, TraceOp *ops, int n) {
    int out = 0;
    for (int i = 0; i < n; i++) {
        TraceOp op = ops[i];
        if (!step(a, &op)) continue;
        /* A push popped at once is no push at all. */
        if (op.uop == UOP_POP_TOP && out > 0 && pure_push(ops[out - 1].uop) &&
            ops[out - 1].depth == op.depth) {
            out--;
            continue;
        }
        ops[out++] = op;
    }
    return out;
}

static void init(Abs *a) {
    memset(a, 0, sizeof *a);
    a->sp = ENTRY;
    for (int i = 0; i < SLOTS; i++) a->stack[i].local = -1;
}

static int local_guard(Kind k) {
    switch (k) {
    case K_INT: return UOP_GUARD_LOCAL_INT;
    case K_FLOAT: return UOP_GUARD_LOCAL_FLOAT;
    case K_STR: return UOP_GUARD_LOCAL_STR;
    case K_LIST: return UOP_GUARD_LOCAL_LIST;
    case K_TUPLE: return UOP_GUARD_LOCAL_TUPLE;
    default: return -1;
    }
}

static int iter_guard(Kind k) {
    switch (k) {
    case K_RANGE_ITER: return UOP_ITER_CHECK_RANGE;
    case K_LIST_ITER: return UOP_ITER_CHECK_LIST;
    case K_TUPLE_ITER: return UOP_ITER_CHECK_TUPLE;
    default: return -1;
    }
}

/* The preamble checking entry facts e; the number of ops it took. */
static int preamble(Trace *t, const Abs *e, TraceOp *pre, int room) {
    int n = 0;
    int exit = trace_exit(t, EXIT_DEOPT, t->start, t->code, 0);
    if (exit < 0) return -1;
    TraceOp proto = {.depth = 0, .ip = t->ops[0].ip, .instr = t->start, .code = t->code,
                     .deopt = (int16_t)exit, .error = -1, .jump = -1};
    int g = iter_guard((Kind)e->stack[ENTRY - 1].kind);
    if (g >= 0 && n < room) {
        pre[n] = proto;
        pre[n++].uop = (uint16_t)g;
    }
    for (int i = 0; i < LOCALS && i < t->code->nlocals; i++) {
        int lg = local_guard((Kind)e->locals[0][i]);
        if (lg < 0 || n >= room) continue;
        pre[n] = proto;
        pre[n].uop = (uint16_t)lg;
        pre[n++].oparg = (uint32_t)i;
    }
    return n;
}

void trace_optimize(VM *vm, Trace *t) {
    (void)vm;
    static Abs a, facts;
    static TraceOp scratch[TRACE_MAX_UOPS];
    t->loop_start = 0;
    init(&a);
    if (!t->loops) {
        t->n = run_pass(&a, t->ops, t->n);
        return;
    }
    /* Pass 1 (on a copy): what holds at the back edge. */
    memcpy(scratch, t->ops, (size_t)t->n * sizeof *scratch);
    run_pass(&a, scratch, t->n);
    init(&facts);
    if (a.depth == 0 && a.sp == ENTRY) {
        facts.stack[ENTRY - 1].kind = a.stack[ENTRY - 1].kind;
        for (int i = 0; i < LOCALS; i++) {
            if (!a.live_in[i] || local_guard((Kind)a.locals[0][i]) < 0) continue;
            facts.locals[0][i] = a.locals[0][i];
            facts.bound[0][i] = 1;
        }
    }
    TraceOp pre[LOCALS + 1];
    int npre = preamble(t, &facts, pre, LOCALS + 1);
    if (npre <= 0 || t->n + npre > TRACE_MAX_UOPS) {
        init(&a);
        t->n = run_pass(&a, t->ops, t->n);
        return;
    }
    /* Pass 2 from the entry facts, after the preamble. */
    a = facts;
    int n = run_pass(&a, t->ops, t->n);
    memmove(t->ops + npre, t->ops, (size_t)n * sizeof *t->ops);
    memcpy(t->ops, pre, (size_t)npre * sizeof *pre);
    t->n = n + npre;
    t->loop_start = npre;
}
