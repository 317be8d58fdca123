/* project.c: trace projection, from specialized bytecode to uops.
 *
 * Nothing runs here: the projector reads the code as the specializing
 * interpreter left it (the instruction forms and their caches) and lays
 * the likeliest path out as one straight line of uops:
 *   - an instruction made of uops (uops.h) contributes them in order; a
 *     generic instruction that has a tier-2 uop (the table below)
 *     contributes that one uop;
 *   - a conditional branch follows the direction its history (cache unit
 *     0, a shift register of recent outcomes) says is likelier, as a guard
 *     that leaves the trace the other way;
 *   - a call of a Python function the CALL's cache names (by code id) is
 *     inlined: the callee's frame is pushed for real and projection goes
 *     on in its code, up to TRACE_MAX_DEPTH; its RETURN_VALUE pops it;
 *   - the loop closes when the path comes back to its start;
 *   - anything else ends the trace with an exit to tier 1 at that
 *     instruction, which the interpreter then runs.
 * Each uop's exits are resolved here: a failed guard resumes tier 1 at the
 * instruction's first unit, an error just past its opcode (as tier 1's
 * error path expects), a branch off the trace at its target.
 */
#include <string.h>

#include "jit.h"
#include "opcodes.h"

/* Generic instructions standing for one tier-2 uop in a trace. */
static const short generic_uop[OP_COUNT] = {
    [OP_BINARY_OP] = UOP_BINARY_OP + 1,
    [OP_COMPARE_OP] = UOP_COMPARE_OP + 1,
    [OP_CONTAINS_OP] = UOP_CONTAINS_OP + 1,
    [OP_UNARY_NEGATIVE] = UOP_UNARY_NEGATIVE + 1,
    [OP_UNARY_INVERT] = UOP_UNARY_INVERT + 1,
    [OP_UNARY_NOT] = UOP_UNARY_NOT + 1,
    [OP_BINARY_SUBSCR] = UOP_BINARY_SUBSCR + 1,
    [OP_STORE_SUBSCR] = UOP_STORE_SUBSCR + 1,
    [OP_LOAD_ATTR] = UOP_LOAD_ATTR + 1,
    [OP_STORE_ATTR] = UOP_STORE_ATTR + 1,
    [OP_LOAD_GLOBAL] = UOP_LOAD_GLOBAL + 1,
    [OP_STORE_GLOBAL] = UOP_STORE_GLOBAL + 1,
    [OP_BUILD_TUPLE] = UOP_BUILD_TUPLE + 1,
    [OP_BUILD_LIST] = UOP_BUILD_LIST + 1,
    [OP_LIST_APPEND] = UOP_LIST_APPEND + 1,
    [OP_GET_ITER] = UOP_GET_ITER + 1,
    [OP_FOR_ITER] = UOP_FOR_ITER + 1,
    [OP_UNPACK_SEQUENCE] = UOP_UNPACK_SEQUENCE + 1,
    [OP_FORMAT_VALUE] = UOP_FORMAT_VALUE + 1,
    [OP_BUILD_STRING] = UOP_BUILD_STRING + 1,
    [OP_CALL] = UOP_CALL_NON_PY + 1,
    [OP_COPY_FREE_VARS] = UOP_COPY_FREE_VARS + 1,
};

int trace_opcode_at(const uint16_t *p) {
    while ((*p & 0xFF) == OP_EXTENDED_ARG) p++;
    return *p & 0xFF;
}

int trace_exit(Trace *t, ExitKind kind, uint16_t *resume, Code *co, int depth) {
    for (int i = 0; i < t->nexits; i++)
        if (t->exits[i].kind == kind && t->exits[i].resume == resume && t->exits[i].depth == depth &&
            t->exits[i].epoch == t->epoch)
            return i;
    if (t->nexits == TRACE_MAX_EXITS) return -1;
    t->exits[t->nexits].kind = (uint8_t)kind;
    t->exits[t->nexits].resume = resume;
    t->exits[t->nexits].code = co;
    t->exits[t->nexits].depth = (uint8_t)depth;
    t->exits[t->nexits].epoch = t->epoch;
    t->exits[t->nexits].op = (uint8_t)trace_opcode_at(resume);
    return t->nexits++;
}

/* A frame projection may return into: its code, where it goes on, and
 * whether the frame returning to it is an __init__'s. */
typedef struct ProjFrame {
    Code *co;
    uint16_t *ret;
    bool init;
} ProjFrame;

/* Where projection is: the instruction being read and its frame. */
typedef struct Cursor {
    Trace *t;
    Code *co;
    uint16_t *instr;   /* first unit, prefixes included */
    uint16_t *ip;      /* opcode + 1 */
    uint32_t oparg;
    int depth;
    bool full;         /* out of room for ops or exits */
} Cursor;

static TraceOp *emit(Cursor *c, int uop, uint32_t oparg, uint64_t operand) {
    Trace *t = c->t;
    /* Raising UnboundLocalError is tier 1's business: a trace deopts. */
    if (uop == UOP_LOAD_FAST) uop = UOP_LOAD_FAST_DEOPT;
    /* The NULL of a method-style load is a uop of its own, so the load has
     * one stack effect and keeps the stack cache. */
    if (uop_flags[uop] & UOPF_NULL_BIT && oparg & 1) {
        TraceOp *op = emit(c, uop, oparg & ~1u, operand);
        return op ? emit(c, UOP_PUSH_NULL, 0, 0) : NULL;
    }
    if (t->n >= TRACE_MAX_UOPS) {
        c->full = true;
        return NULL;
    }
    TraceOp *op = &t->ops[t->n++];
    *op = (TraceOp){.uop = (uint16_t)uop, .depth = (uint8_t)c->depth, .oparg = oparg,
                    .operand = operand, .ip = c->ip, .instr = c->instr, .code = c->co,
                    .deopt = -1, .error = -1, .jump = -1};
    unsigned f = uop_flags[uop];
    if (f & UOPF_GUARD) op->deopt = (int16_t)trace_exit(t, EXIT_DEOPT, c->instr, c->co, c->depth);
    if (f & (UOPF_ERROR | UOPF_FRAME)) op->error = (int16_t)trace_exit(t, EXIT_ERROR, c->ip, c->co, c->depth);
    if ((f & UOPF_GUARD && op->deopt < 0) || ((f & UOPF_ERROR) && op->error < 0)) c->full = true;
    return op;
}

/* A uop that may leave the trace by JUMP_BY, to `target`. */
static void emit_jumping(Cursor *c, int uop, uint32_t oparg, uint16_t *target) {
    TraceOp *op = emit(c, uop, oparg, 0);
    if (!op) return;
    op->jump = (int16_t)trace_exit(c->t, EXIT_BRANCH, target, c->co, c->depth);
    if (op->jump < 0) c->full = true;
}

/* Likelier direction of a conditional branch: most of its last 8
 * outcomes (bit 0 is the latest; unrecorded ones count as not taken). */
static bool likely_taken(const uint16_t *cache) {
    return __builtin_popcount(cache[0] & 0xFF) > 4;
}

static void branch(Cursor *c, int op, uint16_t *next, uint16_t **resume) {
    uint16_t *target = next + c->oparg;
    bool taken = likely_taken(c->ip);
    int guard;
    switch (op) {
    case OP_POP_JUMP_IF_FALSE: guard = taken ? UOP_GUARD_IS_FALSE_POP : UOP_GUARD_IS_TRUE_POP; break;
    case OP_POP_JUMP_IF_TRUE: guard = taken ? UOP_GUARD_IS_TRUE_POP : UOP_GUARD_IS_FALSE_POP; break;
    case OP_POP_JUMP_IF_NONE: guard = taken ? UOP_GUARD_IS_NONE_POP : UOP_GUARD_IS_NOT_NONE_POP; break;
    default: guard = taken ? UOP_GUARD_IS_NOT_NONE_POP : UOP_GUARD_IS_NONE_POP; break;
    }
    emit_jumping(c, guard, 0, taken ? next : target);
    *resume = taken ? target : next;
}

/* The code a specialized CALL was made for (cache units 1-2 hold its id,
 * unit 3 __init__'s for a class), if it can be inlined. */
static Code *callee_code(VM *vm, const uint16_t *cache, int op) {
    uint32_t id = op == OP_CALL_ALLOC_AND_ENTER_INIT ? cache[3]
                                                     : (uint32_t)cache[1] | (uint32_t)cache[2] << 16;
    Code *co = id && id < vm->ncodes ? vm->codes[id] : NULL;
    if (!co || (co->flags & CO_GENERATOR)) return NULL;
    return co;
}

/* The uops of a Python call, inlining the callee; false when the call
 * ends the trace instead. */
static bool inline_call(VM *vm, Cursor *c, int op, const short *uops) {
    Trace *t = c->t;
    Code *callee = callee_code(vm, c->ip, op);
    if (!callee || c->depth + 1 >= TRACE_MAX_DEPTH ||
        t->ninlined == (int)(sizeof t->inlined / sizeof *t->inlined))
        return false;
    /* A class's version pins its __init__; a function's code is checked. */
    for (const short *u = uops; *u >= 0; u++) {
        /* CALL_KW's guard checks the code already; this one tells the
         * optimizer the callee (with the callable one slot further down,
         * below the kwnames). The keyword map becomes the push's operand
         * (uop_bodies.h says why). */
        if (*u == UOP_PUSH_FRAME) emit(c, UOP_CHECK_FUNCTION_CODE, c->oparg, (uint64_t)(uintptr_t)callee);
        if (*u == UOP_PUSH_FRAME_KW) {
            emit(c, UOP_CHECK_FUNCTION_CODE, c->oparg + 1, (uint64_t)(uintptr_t)callee);
            emit(c, UOP_PUSH_FRAME_KW_MAP, c->oparg, c->ip[3]);
            continue;
        }
        emit(c, *u, c->oparg, 0);
    }
    t->inlined[t->ninlined++] = callee;
    return true;
}

/* Decode the instruction at c->instr; the opcode. */
static int decode(Cursor *c) {
    uint16_t *p = c->instr, word = *p++;
    uint32_t oparg = word >> 8;
    while ((word & 0xFF) == OP_EXTENDED_ARG) {
        word = *p++;
        oparg = oparg << 8 | word >> 8;
    }
    c->ip = p;
    c->oparg = oparg;
    return word & 0xFF;
}

/* The frames below the topmost one (f) that a side trace may return into:
 * each caller's code and the instruction after its CALL. Stops at a frame
 * entered from C (its return leaves the interpreter loop) or a generator's. */
static int live_callers(VM *vm, Frame *f, int max, ProjFrame *frames) {
    int top = (int)(f - vm->frames), d = 0;
    while (d < max && d < TRACE_MAX_DEPTH - 1 && top - d - 1 >= 0 &&
           !(vm->frames[top - d].flags & (FRAME_ENTRY | FRAME_GEN | FRAME_CLASSBODY)))
        d++;
    /* frames[k] returns from depth k + 1 into depth k (the outermost is 0). */
    for (int k = 0; k < d; k++) {
        Frame *caller = &vm->frames[top - d + k], *callee = caller + 1;
        frames[k] = (ProjFrame){caller->code, caller->ip + opcode_caches[OP_CALL],
                                (callee->flags & FRAME_INIT) != 0};
    }
    return d;
}

int trace_project(VM *vm, Trace *t, Code *co, uint16_t *start, bool loop_head, Frame *callers,
                  int ncallers) {
    t->n = t->nexits = t->ninlined = 0;
    t->code = co;
    t->start = start;
    t->loops = t->returns_out = false;
    t->epoch = 0;
    t->stop = NULL;
    ProjFrame frames[TRACE_MAX_DEPTH];
    Cursor c = {.t = t, .co = co, .instr = start};
    int known = callers ? live_callers(vm, callers, ncallers, frames) : 0, first_depth = known;
    c.depth = first_depth;
    uint16_t *end = NULL; /* where tier 1 takes over when the trace ends */
    /* The state before the instruction being projected: one that does not
     * fit whole (ops or exits) is taken back and left to tier 1. */
    struct {
        int n, nexits, ninlined, first_depth, epoch;
        bool returns_out;
        Cursor c;
    } before;
    while (!c.full && !end) {
        before.n = t->n, before.nexits = t->nexits, before.ninlined = t->ninlined;
        before.first_depth = first_depth, before.returns_out = t->returns_out;
        before.epoch = t->epoch;
        before.c = c;
        int op = decode(&c);
        uint16_t *next = c.ip + opcode_caches[op];
        const short *uops = opcode_uops(op);
        /* A trace cannot follow into a generator's frame (its ip is the
         * generator's, known only at run time), and resuming one from a
         * trace would take the generic uop's nested interpreter loop,
         * slower than tier 1's frame push: FOR_ITER_GEN and SEND_GEN end
         * the trace. */
        /* The fused compare-and-jump is two instructions to a trace. */
        if (op == OP_COMPARE_OP_INT_JUMP) op = OP_COMPARE_OP_INT, uops = opcode_uops(op);
        switch (op) {
        case OP_FOR_ITER_GEN:
        case OP_SEND_GEN:
            break;
        case OP_NOP:
            c.instr = next;
            continue;
        case OP_JUMP_FORWARD:
            c.instr = next + c.oparg;
            continue;
        case OP_JUMP_BACKWARD:
        case OP_ENTER_EXECUTOR:
            if (loop_head && c.depth == 0 && !callers && next - c.oparg == start) {
                if (!emit(&c, UOP_JUMP_TO_TOP, 0, 0)) continue;
                t->loops = true;
                t->stop = "loop closed";
                return 0;
            }
            /* Another loop: tier 1 (or that loop's trace, linked to this
             * exit) goes on at its head. */
            end = next - c.oparg;
            t->stop = "another loop";
            continue;
        case OP_POP_JUMP_IF_FALSE:
        case OP_POP_JUMP_IF_TRUE:
        case OP_POP_JUMP_IF_NONE:
        case OP_POP_JUMP_IF_NOT_NONE:
            branch(&c, op, next, &c.instr);
            continue;
        case OP_RETURN_VALUE:
            if (c.depth == 0) break;
            emit(&c, frames[c.depth - 1].init ? UOP_POP_FRAME_INIT : UOP_POP_FRAME, 0, 0);
            t->epoch++;
            if (c.depth <= first_depth) {
                t->returns_out = true;
                first_depth = c.depth - 1;
            }
            c.depth--;
            c.co = frames[c.depth].co;
            c.instr = frames[c.depth].ret;
            continue;
        case OP_CALL_PY_EXACT_ARGS:
        case OP_CALL_BOUND_METHOD_EXACT_ARGS:
        case OP_CALL_PY_GENERAL:
        case OP_CALL_ALLOC_AND_ENTER_INIT:
        case OP_CALL_KW_PY:
        case OP_CALL_KW_PY_SELF:
        case OP_CALL_KW_BOUND_METHOD: {
            uint16_t *ret = next;
            Code *caller = c.co;
            if (!inline_call(vm, &c, op, uops)) break;
            frames[c.depth].co = caller;
            frames[c.depth].ret = ret;
            frames[c.depth].init = op == OP_CALL_ALLOC_AND_ENTER_INIT;
            t->epoch++;
            c.depth++;
            c.co = t->inlined[t->ninlined - 1];
            c.instr = c.co->code;
            continue;
        }
        case OP_CALL_KW_ALLOC_AND_ENTER_INIT:
            /* Its cache has no room for __init__'s code id (unit 3 holds
             * the keyword map): tier 1 runs it. */
            break;
        default:
            if (uops) {
                for (const short *u = uops; *u >= 0; u++) {
                    if (uop_flags[*u] & UOPF_JUMP) emit_jumping(&c, *u, c.oparg, next + c.oparg);
                    else emit(&c, *u, c.oparg, 0);
                }
                c.instr = next;
                continue;
            }
            if (generic_uop[op]) {
                int u = generic_uop[op] - 1;
                if (uop_flags[u] & UOPF_JUMP) emit_jumping(&c, u, c.oparg, next + c.oparg);
                else emit(&c, u, c.oparg, 0);
                c.instr = next;
                continue;
            }
            break;
        }
        /* An instruction the trace does not take: tier 1 runs it. */
        end = c.instr;
        if (!t->stop) t->stop = opcode_names[op];
    }
    if (c.full) {
        t->n = before.n, t->nexits = before.nexits, t->ninlined = before.ninlined;
        first_depth = before.first_depth, t->returns_out = before.returns_out;
        t->epoch = (uint16_t)before.epoch;
        c = before.c;
        end = c.instr;
        t->stop = "trace too long";
    }
    /* Fewer uops than this run faster in tier 1 than through an entry and
     * an exit. */
    if (t->n < 3) return -1;
    /* The end exit: ops fall through into it (executor.c lays it first). */
    if (trace_exit(t, EXIT_END, end, c.co, c.depth) < 0) return -1;
    /* A trace that never returned into the known callers can start from
     * any frame at its first instruction (it is shared): depths count from
     * its own first frame, so that its exits claim only frames it entered. */
    if (!t->returns_out && known) {
        for (int i = 0; i < t->n; i++) t->ops[i].depth = (uint8_t)(t->ops[i].depth - known);
        for (int i = 0; i < t->nexits; i++) t->exits[i].depth = (uint8_t)(t->exits[i].depth - known);
    }
    return 0;
}
