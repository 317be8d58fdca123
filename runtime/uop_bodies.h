/* uop_bodies.h: the body of every uop in uops.h, written once.
 *
 * This file is included (not compiled alone) by each executor of uops: the
 * tier-1 interpreter (interp.c) and, later, the JIT's stencil template
 * (stencils/template.c, one compilation per uop with -DUOP=<name>). The
 * includer defines the access macros below, then includes this file; each
 * UOP(name) ... UOP_END becomes whatever the includer makes of it (the
 * interpreter: an always-inline function `uop_<name>` returning a UopExit).
 *
 * Contract (what an includer provides):
 *   UOP(name), UOP_END   open / close one body
 *   vm                   the VM * (a parameter or local named vm)
 *   STACK(i)             operand slot i relative to the stack pointer, an
 *                        lvalue: STACK(-1) is the top, STACK(0) the first free
 *   SP_ADJ(n)            move the stack pointer by n
 *   OPARG                the instruction's full oparg (EXTENDED_ARG included)
 *   CACHE(i)             inline cache unit i (uint16_t lvalue, 0 = counter)
 *   CACHE32(i)           units i..i+1 as one 32-bit operand (a class version)
 *   CACHE48(i)           units i..i+2 as one 48-bit operand
 *   CACHE64(i)           units i..i+3 as one 64-bit operand (a Value)
 *   LOCAL(i), CONST(i), NAME(i), GLOBALS, CODE   the frame's fast locals,
 *                        constants, names, globals dict and code object
 *   DEOPT_IF(cond)       leave the uop and run the generic instruction
 *   ERROR_IF(cond)       leave with the exception in vm->exc (cond true)
 *   JUMP_BY(n)           the next instruction is n units after this one's end
 *   RECORD_BRANCH(t)     note a conditional branch's outcome (1 = taken)
 *   SYNC_FRAME(sp)       save ip and the given sp in the frame before a call
 *   FRAME_PUSHED()       end the instruction: a new frame runs now
 * and, for the tier-2 bodies at the end (compiled only where UOP_TIER2 is
 * defined: the stencils and the JIT's uop interpreter):
 *   OPERAND              the uop's 64-bit operand, set by the projector
 *   FRAME_POPPED()       the topmost frame was popped: continue in its
 *                        caller (frame and sp now the caller's)
 *
 * Rules every body keeps (the JIT relies on them):
 *   - Three ways out of a uop: DEOPT_IF (the instruction restarts as its
 *     generic form, so a deopt must come before any side effect of the
 *     whole instruction: no stack write, no store, no allocation), ERROR_IF
 *     (after raising), or falling off the end (then the next uop runs).
 *     The one exception is a rewrite the generic form treats identically
 *     (_INIT_CALL_BOUND_METHOD splitting a bound method into func + self).
 *   - No allocation before the last guard of an instruction: a collection
 *     may run at any allocation, and a deopt must find the stack unchanged.
 *   - Operands stay in their slots until the uop is done with them: slots
 *     below vm->stack_top are GC roots, so a body may call out and
 *     allocate while its inputs are still on the stack.
 */

#include "uop_helpers.h"

/* ---- stack, constants, locals ------------------------------------------ */

UOP(_NOP)
UOP_END

UOP(_POP_TOP)
    SP_ADJ(-1);
UOP_END

UOP(_PUSH_NULL)
    STACK(0) = VAL_NULL;
    SP_ADJ(1);
UOP_END

#define UOP_COPY(n)                                                            \
    STACK(0) = STACK(-(n));                                                    \
    SP_ADJ(1)
#define UOP_SWAP(n)                                                            \
    Value top = STACK(-1);                                                     \
    STACK(-1) = STACK(-(n));                                                   \
    STACK(-(n)) = top

UOP(_COPY)
    UOP_COPY((int)OPARG);
UOP_END

UOP(_SWAP)
    UOP_SWAP((int)OPARG);
UOP_END

UOP(_LOAD_CONST)
    STACK(0) = CONST(OPARG);
    SP_ADJ(1);
UOP_END

UOP(_LOAD_FAST)
    Value v = LOCAL(OPARG);
    ERROR_IF(v == VAL_NULL && uop_unbound_local(vm, CODE, (int)OPARG) == VAL_ERROR);
    STACK(0) = v;
    SP_ADJ(1);
UOP_END

UOP(_STORE_FAST)
    LOCAL(OPARG) = STACK(-1);
    SP_ADJ(-1);
UOP_END

/* ---- closures: a cell or free variable's slot holds its Cell ------------ */

UOP(_MAKE_CELL)
    Cell *c = cell_new(vm, LOCAL(OPARG));
    ERROR_IF(!c);
    LOCAL(OPARG) = val_obj(c);
UOP_END

UOP(_LOAD_CLOSURE)
    STACK(0) = LOCAL(OPARG);
    SP_ADJ(1);
UOP_END

UOP(_LOAD_DEREF)
    Value v = ((Cell *)val_as_obj(LOCAL(OPARG)))->value;
    ERROR_IF(v == VAL_NULL && uop_unbound_deref(vm, CODE, (int)OPARG) == VAL_ERROR);
    STACK(0) = v;
    SP_ADJ(1);
UOP_END

UOP(_STORE_DEREF)
    ((Cell *)val_as_obj(LOCAL(OPARG)))->value = STACK(-1);
    SP_ADJ(-1);
UOP_END

UOP(_IS_OP)
    bool same = STACK(-2) == STACK(-1);
    STACK(-2) = val_bool(same ^ (OPARG & 1));
    SP_ADJ(-1);
UOP_END

/* ---- jumps --------------------------------------------------------------- */

UOP(_JUMP_FORWARD)
    JUMP_BY((int)OPARG);
UOP_END

UOP(_POP_JUMP_IF_FALSE)
    int t = uop_truthy(vm, STACK(-1));
    ERROR_IF(t < 0);
    SP_ADJ(-1);
    RECORD_BRANCH(!t);
    if (!t) JUMP_BY((int)OPARG);
UOP_END

UOP(_POP_JUMP_IF_TRUE)
    int t = uop_truthy(vm, STACK(-1));
    ERROR_IF(t < 0);
    SP_ADJ(-1);
    RECORD_BRANCH(t);
    if (t) JUMP_BY((int)OPARG);
UOP_END

UOP(_POP_JUMP_IF_NONE)
    int t = STACK(-1) == VAL_NONE;
    SP_ADJ(-1);
    RECORD_BRANCH(t);
    if (t) JUMP_BY((int)OPARG);
UOP_END

UOP(_POP_JUMP_IF_NOT_NONE)
    int t = STACK(-1) != VAL_NONE;
    SP_ADJ(-1);
    RECORD_BRANCH(t);
    if (t) JUMP_BY((int)OPARG);
UOP_END

/* ---- guards ---------------------------------------------------------------- */

UOP(_GUARD_BOTH_INT)
    DEOPT_IF(!val_is_int(STACK(-1)) || !val_is_int(STACK(-2)));
UOP_END

UOP(_GUARD_BOTH_FLOAT)
    DEOPT_IF(!val_is_float(STACK(-1)) || !val_is_float(STACK(-2)));
UOP_END

/* Numbers, not both ints: int op int must keep giving ints. */
UOP(_GUARD_BOTH_NUM)
    Value a = STACK(-2), b = STACK(-1);
    DEOPT_IF(!uop_is_num(a) || !uop_is_num(b) || (val_is_int(a) && val_is_int(b)));
UOP_END

UOP(_GUARD_BOTH_STR)
    DEOPT_IF(!IS_STR(STACK(-1)) || !IS_STR(STACK(-2)));
UOP_END

UOP(_GUARD_TOS_INT)
    DEOPT_IF(!val_is_int(STACK(-1)));
UOP_END

UOP(_GUARD_TOS_TUPLE)
    DEOPT_IF(!IS_TUPLE(STACK(-1)));
UOP_END

/* The list guards test the exact class: a subclass may override
 * __getitem__, __setitem__ or __iter__ (the JIT's K_LIST means exactly list). */
UOP(_GUARD_TOS_LIST)
    DEOPT_IF(!IS_LIST(STACK(-1)) || val_as_obj(STACK(-1))->type != vm->types[T_LIST]);
UOP_END

UOP(_GUARD_NOS_LIST)
    DEOPT_IF(!IS_LIST(STACK(-2)) || val_as_obj(STACK(-2))->type != vm->types[T_LIST]);
UOP_END

UOP(_GUARD_NOS_TUPLE)
    DEOPT_IF(!IS_TUPLE(STACK(-2)));
UOP_END

UOP(_GUARD_NOS_STR)
    DEOPT_IF(!IS_STR(STACK(-2)));
UOP_END

UOP(_GUARD_NOS_DICT)
    DEOPT_IF(!IS_DICT(STACK(-2)) || val_as_obj(STACK(-2))->type != vm->types[T_DICT]);
UOP_END

UOP(_GUARD_TOS_DICT)
    DEOPT_IF(!IS_DICT(STACK(-1)) || val_as_obj(STACK(-1))->type != vm->types[T_DICT]);
UOP_END

/* set or frozenset exactly: a subclass may define its own __contains__. */
UOP(_GUARD_TOS_ANY_SET)
    Value s = STACK(-1);
    DEOPT_IF(!val_is_kind(s, OBJ_SET) || (val_as_obj(s)->type != vm->types[T_SET] &&
                                          val_as_obj(s)->type != vm->types[T_FROZENSET]));
UOP_END

/* ---- arithmetic -------------------------------------------------------------- */

/* Ints: operands are small ints (48 bits), so + and - cannot overflow
 * int64; results outside the small range deopt to the generic path, which
 * makes a big int. */
#define UOP_INT_RESULT(r)                                                      \
    DEOPT_IF(!int_fits_small(r));                                              \
    STACK(-2) = val_int(r);                                                    \
    SP_ADJ(-1)

UOP(_BINARY_OP_ADD_INT)
    int64_t r = val_as_int(STACK(-2)) + val_as_int(STACK(-1));
    UOP_INT_RESULT(r);
UOP_END

UOP(_BINARY_OP_SUBTRACT_INT)
    int64_t r = val_as_int(STACK(-2)) - val_as_int(STACK(-1));
    UOP_INT_RESULT(r);
UOP_END

UOP(_BINARY_OP_MULTIPLY_INT)
    int64_t r;
    DEOPT_IF(__builtin_mul_overflow(val_as_int(STACK(-2)), val_as_int(STACK(-1)), &r));
    UOP_INT_RESULT(r);
UOP_END

UOP(_BINARY_OP_FLOOR_DIVIDE_INT)
    int64_t y = val_as_int(STACK(-1));
    DEOPT_IF(y == 0);
    int64_t r = uop_floor_div(val_as_int(STACK(-2)), y);
    UOP_INT_RESULT(r);
UOP_END

UOP(_BINARY_OP_REMAINDER_INT)
    int64_t y = val_as_int(STACK(-1));
    DEOPT_IF(y == 0);
    int64_t r = uop_floor_mod(val_as_int(STACK(-2)), y);
    STACK(-2) = val_int(r);
    SP_ADJ(-1);
UOP_END

UOP(_BINARY_OP_AND_INT)
    STACK(-2) = val_int(val_as_int(STACK(-2)) & val_as_int(STACK(-1)));
    SP_ADJ(-1);
UOP_END

UOP(_BINARY_OP_OR_INT)
    STACK(-2) = val_int(val_as_int(STACK(-2)) | val_as_int(STACK(-1)));
    SP_ADJ(-1);
UOP_END

UOP(_BINARY_OP_XOR_INT)
    STACK(-2) = val_int(val_as_int(STACK(-2)) ^ val_as_int(STACK(-1)));
    SP_ADJ(-1);
UOP_END

UOP(_BINARY_OP_LSHIFT_INT)
    int64_t x = val_as_int(STACK(-2)), y = val_as_int(STACK(-1)), r;
    DEOPT_IF(y < 0 || y > 47 || __builtin_mul_overflow(x, INT64_C(1) << y, &r));
    UOP_INT_RESULT(r);
UOP_END

UOP(_BINARY_OP_RSHIFT_INT)
    int64_t x = val_as_int(STACK(-2)), y = val_as_int(STACK(-1));
    DEOPT_IF(y < 0);
    STACK(-2) = val_int(y >= 63 ? (x < 0 ? -1 : 0) : x >> y);
    SP_ADJ(-1);
UOP_END

#undef UOP_INT_RESULT

#define UOP_FLOAT_RESULT(r)                                                    \
    STACK(-2) = val_float(r);                                                  \
    SP_ADJ(-1)

UOP(_BINARY_OP_ADD_FLOAT)
    UOP_FLOAT_RESULT(val_as_float(STACK(-2)) + val_as_float(STACK(-1)));
UOP_END

UOP(_BINARY_OP_SUBTRACT_FLOAT)
    UOP_FLOAT_RESULT(val_as_float(STACK(-2)) - val_as_float(STACK(-1)));
UOP_END

UOP(_BINARY_OP_MULTIPLY_FLOAT)
    UOP_FLOAT_RESULT(val_as_float(STACK(-2)) * val_as_float(STACK(-1)));
UOP_END

UOP(_BINARY_OP_TRUE_DIVIDE_FLOAT)
    double y = val_as_float(STACK(-1));
    DEOPT_IF(y == 0.0);
    UOP_FLOAT_RESULT(val_as_float(STACK(-2)) / y);
UOP_END

/* Mixed int/float operands: the int converts exactly, as Python's does. */
UOP(_BINARY_OP_ADD_NUM)
    UOP_FLOAT_RESULT(uop_num(STACK(-2)) + uop_num(STACK(-1)));
UOP_END

UOP(_BINARY_OP_SUBTRACT_NUM)
    UOP_FLOAT_RESULT(uop_num(STACK(-2)) - uop_num(STACK(-1)));
UOP_END

UOP(_BINARY_OP_MULTIPLY_NUM)
    UOP_FLOAT_RESULT(uop_num(STACK(-2)) * uop_num(STACK(-1)));
UOP_END

UOP(_BINARY_OP_TRUE_DIVIDE_NUM)
    double y = uop_num(STACK(-1));
    DEOPT_IF(y == 0.0);
    UOP_FLOAT_RESULT(uop_num(STACK(-2)) / y);
UOP_END

#undef UOP_FLOAT_RESULT

UOP(_BINARY_OP_ADD_STR)
    Str *r = str_concat(vm, AS_STR(STACK(-2)), AS_STR(STACK(-1)));
    ERROR_IF(!r);
    STACK(-2) = val_obj(r);
    SP_ADJ(-1);
UOP_END

/* ---- comparisons ------------------------------------------------------------- */

UOP(_COMPARE_OP_INT)
    int64_t x = val_as_int(STACK(-2)), y = val_as_int(STACK(-1));
    STACK(-2) = uop_cmp_result((int)OPARG, (x > y) - (x < y));
    SP_ADJ(-1);
UOP_END

/* COMPARE_OP_INT and the POP_JUMP_IF_FALSE / _TRUE right after it, in one
 * dispatch (tier 1 only: traces run the two as they are). Past the
 * compare's counter, CACHE(1) is the jump's own word and CACHE(2) its
 * branch history, kept as the jump keeps it. */
UOP(_COMPARE_OP_INT_JUMP)
    int64_t x = val_as_int(STACK(-2)), y = val_as_int(STACK(-1));
    uint16_t jump = CACHE(1);
    bool taken = uop_cmp_holds((int)OPARG, (x > y) - (x < y)) ==
                 ((jump & 0xFF) == OP_POP_JUMP_IF_TRUE);
    SP_ADJ(-2);
    CACHE(2) = (uint16_t)(CACHE(2) << 1 | taken);
    JUMP_BY(2 + (taken ? (int)(jump >> 8) : 0));
UOP_END

/* NaN compares false with everything (and != is true). */
UOP(_COMPARE_OP_FLOAT)
    double x = uop_num(STACK(-2)), y = uop_num(STACK(-1));
    Value r;
    switch ((int)OPARG) {
    case CMP_LT: r = val_bool(x < y); break;
    case CMP_LE: r = val_bool(x <= y); break;
    case CMP_EQ: r = val_bool(x == y); break;
    case CMP_NE: r = val_bool(x != y); break;
    case CMP_GT: r = val_bool(x > y); break;
    default: r = val_bool(x >= y); break;
    }
    STACK(-2) = r;
    SP_ADJ(-1);
UOP_END

/* UTF-8 byte order is code point order. */
UOP(_COMPARE_OP_STR)
    Str *a = AS_STR(STACK(-2)), *b = AS_STR(STACK(-1));
    int c;
    if (a == b) {
        c = 0;
    } else {
        int64_t n = a->len < b->len ? a->len : b->len;
        c = memcmp(a->data, b->data, (size_t)n);
        if (c == 0) c = (a->len > b->len) - (a->len < b->len);
    }
    STACK(-2) = uop_cmp_result((int)OPARG, c);
    SP_ADJ(-1);
UOP_END

/* ---- membership: [a b] -> [a in b] (oparg 1: not in) ---------------------- */

/* A failed lookup (an unhashable key) raises from dict_get / set_contains
 * with the generic path's message, so neither form needs to deopt. */
UOP(_CONTAINS_OP_DICT)
    Value v = dict_get(vm, AS_DICT(STACK(-1)), STACK(-2));
    ERROR_IF(v == VAL_ERROR);
    STACK(-2) = val_bool((v != VAL_NULL) ^ (OPARG & 1));
    SP_ADJ(-1);
UOP_END

UOP(_CONTAINS_OP_SET)
    int r = set_contains(vm, AS_SET(STACK(-1)), STACK(-2));
    ERROR_IF(r < 0);
    STACK(-2) = val_bool(r ^ (int)(OPARG & 1));
    SP_ADJ(-1);
UOP_END

/* ---- subscripts ---------------------------------------------------------------- */

UOP(_BINARY_SUBSCR_LIST_INT)
    List *l = AS_LIST(STACK(-2));
    int64_t i = val_as_int(STACK(-1));
    if (i < 0) i += l->len;
    DEOPT_IF((uint64_t)i >= (uint64_t)l->len);
    STACK(-2) = l->items[i];
    SP_ADJ(-1);
UOP_END

UOP(_BINARY_SUBSCR_TUPLE_INT)
    Tuple *t = AS_TUPLE(STACK(-2));
    int64_t i = val_as_int(STACK(-1));
    if (i < 0) i += t->len;
    DEOPT_IF((uint64_t)i >= (uint64_t)t->len);
    STACK(-2) = t->items[i];
    SP_ADJ(-1);
UOP_END

/* ASCII strings only: one byte is one character. */
UOP(_BINARY_SUBSCR_STR_INT)
    Str *s = AS_STR(STACK(-2));
    int64_t i = val_as_int(STACK(-1));
    if (i < 0) i += s->len;
    DEOPT_IF(!s->ascii || (uint64_t)i >= (uint64_t)s->len);
    Str *r = str_intern(vm, s->data + i, 1);
    ERROR_IF(!r);
    STACK(-2) = val_obj(r);
    SP_ADJ(-1);
UOP_END

/* A missing key takes the generic path, which raises the KeyError. */
UOP(_BINARY_SUBSCR_DICT)
    Value v = dict_get(vm, AS_DICT(STACK(-2)), STACK(-1));
    if (v == VAL_NULL) v = obj_getitem(vm, STACK(-2), STACK(-1));
    ERROR_IF(v == VAL_ERROR);
    STACK(-2) = v;
    SP_ADJ(-1);
UOP_END

UOP(_STORE_SUBSCR_LIST_INT)
    List *l = AS_LIST(STACK(-2));
    int64_t i = val_as_int(STACK(-1));
    if (i < 0) i += l->len;
    DEOPT_IF((uint64_t)i >= (uint64_t)l->len);
    l->items[i] = STACK(-3);
    SP_ADJ(-3);
UOP_END

UOP(_STORE_SUBSCR_DICT)
    ERROR_IF(dict_set(vm, AS_DICT(STACK(-2)), STACK(-1), STACK(-3)) < 0);
    SP_ADJ(-3);
UOP_END

/* ---- unpacking --------------------------------------------------------------- */

UOP(_UNPACK_SEQUENCE_TWO_TUPLE)
    Tuple *t = AS_TUPLE(STACK(-1));
    DEOPT_IF(t->len != 2);
    STACK(-1) = t->items[1];
    STACK(0) = t->items[0];
    SP_ADJ(1);
UOP_END

UOP(_UNPACK_SEQUENCE_TUPLE)
    Tuple *t = AS_TUPLE(STACK(-1));
    int n = (int)OPARG;
    DEOPT_IF(t->len != n);
    for (int i = 0; i < n; i++) STACK(n - 2 - i) = t->items[i];
    SP_ADJ(n - 1);
UOP_END

UOP(_UNPACK_SEQUENCE_LIST)
    List *l = AS_LIST(STACK(-1));
    int n = (int)OPARG;
    DEOPT_IF(l->len != n);
    for (int i = 0; i < n; i++) STACK(n - 2 - i) = l->items[i];
    SP_ADJ(n - 1);
UOP_END

/* ---- iteration ------------------------------------------------------------------- */

UOP(_ITER_CHECK_RANGE)
    DEOPT_IF(!uop_is_iter(vm, STACK(-1), T_RANGE_ITER));
UOP_END

UOP(_ITER_CHECK_LIST)
    DEOPT_IF(!uop_is_iter(vm, STACK(-1), T_LIST_ITER));
UOP_END

UOP(_ITER_CHECK_TUPLE)
    DEOPT_IF(!uop_is_iter(vm, STACK(-1), T_TUPLE_ITER));
UOP_END

/* The fields' meaning is iter.c's: a range iterator yields index,
 * index + step, ... while before stop. */
UOP(_FOR_ITER_RANGE)
    Iter *p = AS_ITER(STACK(-1));
    int64_t i = p->index;
    if (p->step > 0 ? i >= p->stop : i <= p->stop) {
        iter_loop_done(vm, &p->obj);
        SP_ADJ(-1);
        JUMP_BY((int)OPARG);
    } else {
        DEOPT_IF(!int_fits_small(i));
        if (__builtin_add_overflow(i, p->step, &p->index)) p->index = p->stop;
        STACK(0) = val_int(i);
        SP_ADJ(1);
    }
UOP_END

UOP(_FOR_ITER_LIST)
    Iter *p = AS_ITER(STACK(-1));
    List *l = AS_LIST(p->src);
    if (p->index < l->len) {
        STACK(0) = l->items[p->index++];
        SP_ADJ(1);
    } else {
        iter_loop_done(vm, &p->obj);
        SP_ADJ(-1);
        JUMP_BY((int)OPARG);
    }
UOP_END

UOP(_FOR_ITER_TUPLE)
    Iter *p = AS_ITER(STACK(-1));
    Tuple *t = AS_TUPLE(p->src);
    if (p->index < t->len) {
        STACK(0) = t->items[p->index++];
        SP_ADJ(1);
    } else {
        iter_loop_done(vm, &p->obj);
        SP_ADJ(-1);
        JUMP_BY((int)OPARG);
    }
UOP_END

/* A generator another resumption is not running; a just-started one may
 * only be sent None (the generic SEND raises). */
UOP(_ITER_CHECK_GEN)
    DEOPT_IF(!IS_GEN(STACK(-1)) || AS_GEN(STACK(-1))->state == GEN_RUNNING);
UOP_END

UOP(_SEND_CHECK_GEN)
    Value recv = STACK(-2);
    DEOPT_IF(!IS_GEN(recv) || AS_GEN(recv)->state == GEN_RUNNING ||
             (AS_GEN(recv)->state == GEN_CREATED && STACK(-1) != VAL_NONE));
UOP_END

UOP(_FOR_ITER_GEN_FRAME)
    Generator *g = AS_GEN(STACK(-1));
    if (g->state == GEN_DONE) {
        SP_ADJ(-1);
        JUMP_BY((int)OPARG);
    } else {
        SYNC_FRAME(&STACK(0));
        ERROR_IF(!gen_push_frame(vm, g, VAL_NONE, OPARG, 0));
        FRAME_PUSHED();
    }
UOP_END

UOP(_SEND_GEN_FRAME)
    Generator *g = AS_GEN(STACK(-2));
    if (g->state == GEN_DONE) {
        STACK(-2) = VAL_NONE;
        SP_ADJ(-1);
        JUMP_BY((int)OPARG);
    } else {
        SYNC_FRAME(&STACK(-1));
        ERROR_IF(!gen_push_frame(vm, g, STACK(-1), OPARG, FRAME_GEN_SEND));
        FRAME_PUSHED();
    }
UOP_END

/* ---- globals ------------------------------------------------------------------- */

/* The keys version changes when a key is added, deleted or moved, never
 * when a value is overwritten (dict.c). */
UOP(_GUARD_GLOBALS_KEYS)
    DEOPT_IF((GLOBALS->keys_version & UINT64_C(0xFFFFFFFFFFFF)) != CACHE48(1));
UOP_END

/* The keys guard proves the entry still holds the name; its value is read
 * now (a delete would have changed the keys version; the NULL check is the
 * belt to that). */
UOP(_LOAD_GLOBAL_MODULE)
    Value v = GLOBALS->entries[CACHE(0) >> 4].value;
    DEOPT_IF(v == VAL_NULL);
    STACK(0) = v;
    SP_ADJ(1);
    if (OPARG & 1) {
        STACK(0) = VAL_NULL;
        SP_ADJ(1);
    }
UOP_END

/* The globals keys version proves the name still absent from the globals; the
 * builtins entry is checked by key (interned names compare by pointer). */
UOP(_LOAD_GLOBAL_BUILTIN)
    Dict *b = vm->builtins;
    uint32_t ix = CACHE(0) >> 4;
    DEOPT_IF(ix >= b->used || b->entries[ix].key != val_obj(NAME(OPARG >> 1)));
    STACK(0) = b->entries[ix].value;
    SP_ADJ(1);
    if (OPARG & 1) {
        STACK(0) = VAL_NULL;
        SP_ADJ(1);
    }
UOP_END

/* ---- calls ---------------------------------------------------------------------- */

UOP(_CHECK_CALL_BOUND_METHOD)
    DEOPT_IF(!val_is_kind(STACK(-(int)OPARG - 2), OBJ_METHOD) || STACK(-(int)OPARG - 1) != VAL_NULL);
UOP_END

/* [method NULL args] -> [func self args]: what the generic CALL does too. */
UOP(_INIT_CALL_BOUND_METHOD)
    Method *m = AS_METHOD(STACK(-(int)OPARG - 2));
    STACK(-(int)OPARG - 1) = m->self;
    STACK(-(int)OPARG - 2) = m->func;
UOP_END

UOP(_CHECK_FUNCTION_EXACT_ARGS)
    Value c = STACK(-(int)OPARG - 2);
    int n = (int)OPARG + (STACK(-(int)OPARG - 1) != VAL_NULL);
    DEOPT_IF(!IS_FUNCTION(c) || AS_FUNCTION(c)->code->nargs != n);
UOP_END

UOP(_CHECK_FUNCTION)
    DEOPT_IF(!IS_FUNCTION(STACK(-(int)OPARG - 2)));
UOP_END

/* The arguments become the callee's locals where they lie. */
UOP(_PUSH_FRAME)
    Value *slot = &STACK(-(int)OPARG - 2);
    Value *args = slot + 2;
    int n = (int)OPARG;
    if (slot[1] != VAL_NULL) args--, n++;
    SYNC_FRAME(slot);
    ERROR_IF(!call_push(vm, AS_FUNCTION(slot[0]), args, n, NULL, 0));
    FRAME_PUSHED();
UOP_END

UOP(_CALL_BUILTIN)
    Value *slot = &STACK(-(int)OPARG - 2);
    DEOPT_IF(!val_is_kind(slot[0], OBJ_NATIVE));
    Native *nat = AS_NATIVE(slot[0]);
    Value *args = slot + 2;
    int n = (int)OPARG;
    if (slot[1] == VAL_NULL && nat->self != VAL_NULL) slot[1] = nat->self;
    if (slot[1] != VAL_NULL) args--, n++;
    SYNC_FRAME(&STACK(0));
    Value r = nat->fn(vm, args, n, NULL);
    ERROR_IF(r == VAL_ERROR);
    slot[0] = r;
    SP_ADJ(-(int)OPARG - 1);
UOP_END

/* len(x): [len NULL x] -> [int]. */
UOP(_CALL_LEN)
    Value c = STACK(-3);
    DEOPT_IF(!val_is_kind(c, OBJ_NATIVE) || AS_NATIVE(c)->fn != vm->len_fn ||
             STACK(-2) != VAL_NULL);
    SYNC_FRAME(&STACK(0));
    int64_t n = obj_len(vm, STACK(-1));
    ERROR_IF(n < 0);
    STACK(-3) = val_int(n);
    SP_ADJ(-2);
UOP_END

/* isinstance(x, cls) for a class: [isinstance NULL x cls] -> [bool]. */
UOP(_CALL_ISINSTANCE)
    Value c = STACK(-4);
    DEOPT_IF(!val_is_kind(c, OBJ_NATIVE) || AS_NATIVE(c)->fn != vm->isinstance_fn ||
             STACK(-3) != VAL_NULL || !IS_TYPE(STACK(-1)));
    STACK(-4) = val_bool(obj_isinstance(vm, STACK(-2), AS_TYPE(STACK(-1))));
    SP_ADJ(-3);
UOP_END

/* str(x), int(s), range(n), list(x), ...: a builtin class with a
 * constructor, called as call.c's call_type does (no self: args after the
 * NULL slot, no keywords). Any such class passes the guard: the body is the
 * same for all of them. */
UOP(_CALL_BUILTIN_CLASS)
    Value *slot = &STACK(-(int)OPARG - 2);
    DEOPT_IF(!IS_TYPE(slot[0]) || !AS_TYPE(slot[0])->builtin || !AS_TYPE(slot[0])->ctor ||
             slot[1] != VAL_NULL);
    SYNC_FRAME(&STACK(0));
    Value r = AS_TYPE(slot[0])->ctor(vm, slot + 2, (int)OPARG, NULL);
    ERROR_IF(r == VAL_ERROR);
    slot[0] = r;
    SP_ADJ(-(int)OPARG - 1);
UOP_END

/* The class's version (cache units 1-2) pins its __init__. */
UOP(_CHECK_CLASS_VERSION)
    Value c = STACK(-(int)OPARG - 2);
    DEOPT_IF(!IS_TYPE(c) || AS_TYPE(c)->version != CACHE32(1) || STACK(-(int)OPARG - 1) != VAL_NULL);
UOP_END

/* A user class with a Python __init__: the instance replaces the class in
 * the callable slot and __init__ runs as a FRAME_INIT frame. */
UOP(_ALLOC_AND_ENTER_INIT)
    Value *slot = &STACK(-(int)OPARG - 2);
    Type *t = AS_TYPE(slot[0]);
    Function *init = call_python_init(vm, t);
    DEOPT_IF(!init);
    Value inst = call_alloc_instance(vm, t, slot + 2, (int)OPARG);
    ERROR_IF(inst == VAL_ERROR);
    slot[0] = slot[1] = inst;
    SYNC_FRAME(slot);
    ERROR_IF(!call_push(vm, init, slot + 1, (int)OPARG + 1, NULL, FRAME_INIT));
    FRAME_PUSHED();
UOP_END

/* ---- keyword calls (CALL_KW) ------------------------------------------------------
 * [callable self|NULL args... kwnames]: OPARG counts the keyword values, the
 * kwnames tuple (a constant) is on top. The Python forms bind by the map
 * call_kw_map (call.c) made for the callee's code (units 1-2, its id), which
 * the guard checks: the code fixes the parameters and the map, so binding
 * cannot fail. The map was made for a call with or without a self, which
 * the guard also checks. */

UOP(_CHECK_CALL_BOUND_METHOD_KW)
    DEOPT_IF(!val_is_kind(STACK(-(int)OPARG - 3), OBJ_METHOD) || STACK(-(int)OPARG - 2) != VAL_NULL);
UOP_END

/* [method NULL args kwnames] -> [func self args kwnames], as CALL_KW does. */
UOP(_INIT_CALL_BOUND_METHOD_KW)
    Method *m = AS_METHOD(STACK(-(int)OPARG - 3));
    STACK(-(int)OPARG - 2) = m->self;
    STACK(-(int)OPARG - 3) = m->func;
UOP_END

#define UOP_CHECK_FUNCTION_KW(has_self)                                        \
    Value c = STACK(-(int)OPARG - 3);                                          \
    DEOPT_IF(!IS_FUNCTION(c) || AS_FUNCTION(c)->code->id != CACHE32(1) ||      \
             (STACK(-(int)OPARG - 2) != VAL_NULL) != (has_self))

UOP(_CHECK_FUNCTION_KW)
    UOP_CHECK_FUNCTION_KW(0);
UOP_END

UOP(_CHECK_FUNCTION_KW_SELF)
    UOP_CHECK_FUNCTION_KW(1);
UOP_END

#undef UOP_CHECK_FUNCTION_KW

/* The arguments become the callee's locals where they lie, the keywords
 * moved to their slots by the map (unit 3; in a trace, the operand). */
#define UOP_PUSH_FRAME_KW(map)                                                 \
    Value *slot = &STACK(-(int)OPARG - 3);                                     \
    int nkw = (int)AS_TUPLE(STACK(-1))->len;                                   \
    Value *args = slot + 2;                                                    \
    int n = (int)OPARG - nkw;                                                  \
    if (slot[1] != VAL_NULL) args--, n++;                                      \
    SYNC_FRAME(slot);                                                          \
    ERROR_IF(!call_push_kw_map(vm, AS_FUNCTION(slot[0]), args, n, nkw, (map), 0)); \
    FRAME_PUSHED()

UOP(_PUSH_FRAME_KW)
    UOP_PUSH_FRAME_KW(CACHE(3));
UOP_END

/* A native takes the keywords itself (kwnames stays on the stack, a root). */
UOP(_CALL_KW_BUILTIN)
    Value *slot = &STACK(-(int)OPARG - 3);
    DEOPT_IF(!val_is_kind(slot[0], OBJ_NATIVE));
    Native *nat = AS_NATIVE(slot[0]);
    Tuple *kwnames = AS_TUPLE(STACK(-1));
    Value *args = slot + 2;
    int n = (int)OPARG - (int)kwnames->len;
    if (slot[1] == VAL_NULL && nat->self != VAL_NULL) slot[1] = nat->self;
    if (slot[1] != VAL_NULL) args--, n++;
    SYNC_FRAME(&STACK(0));
    Value r = nat->fn(vm, args, n, kwnames);
    ERROR_IF(r == VAL_ERROR);
    slot[0] = r;
    SP_ADJ(-(int)OPARG - 2);
UOP_END

/* dict(r, k=v), sorted(xs, key=f), ...: a builtin class's constructor with
 * the keywords, as call_type calls it (no self). */
UOP(_CALL_KW_BUILTIN_CLASS)
    Value *slot = &STACK(-(int)OPARG - 3);
    DEOPT_IF(!IS_TYPE(slot[0]) || !AS_TYPE(slot[0])->builtin || !AS_TYPE(slot[0])->ctor ||
             slot[1] != VAL_NULL);
    Tuple *kwnames = AS_TUPLE(STACK(-1));
    SYNC_FRAME(&STACK(0));
    Value r = AS_TYPE(slot[0])->ctor(vm, slot + 2, (int)OPARG - (int)kwnames->len, kwnames);
    ERROR_IF(r == VAL_ERROR);
    slot[0] = r;
    SP_ADJ(-(int)OPARG - 2);
UOP_END

/* The class's version (units 1-2) pins its __init__ and so the map. */
UOP(_CHECK_CLASS_VERSION_KW)
    Value c = STACK(-(int)OPARG - 3);
    DEOPT_IF(!IS_TYPE(c) || AS_TYPE(c)->version != CACHE32(1) || STACK(-(int)OPARG - 2) != VAL_NULL);
UOP_END

/* Point(x=1, y=2): the instance replaces the class in the callable slot and
 * __init__ runs as a FRAME_INIT frame, bound by the map (self included).
 * Never in a trace (jit/project.c): it syncs the frame's ip, which a uop
 * reading its cache must not do there (executor.c's snapshot_caches). */
UOP(_ALLOC_AND_ENTER_INIT_KW)
    Value *slot = &STACK(-(int)OPARG - 3);
    int nkw = (int)AS_TUPLE(STACK(-1))->len;
    int npos = (int)OPARG - nkw;
    Type *t = AS_TYPE(slot[0]);
    Function *init = call_python_init(vm, t);
    DEOPT_IF(!init);
    Value inst = call_alloc_instance(vm, t, slot + 2, npos);
    ERROR_IF(inst == VAL_ERROR);
    slot[0] = slot[1] = inst;
    SYNC_FRAME(slot);
    ERROR_IF(!call_push_kw_map(vm, init, slot + 1, npos + 1, nkw, CACHE(3), FRAME_INIT));
    FRAME_PUSHED();
UOP_END

/* ---- attributes --------------------------------------------------------------- */

/* The object's class is the one specialized for (versions are never reused;
 * a non-object has no class of its own and fails). A class version also
 * pins the object's C layout: only user-class instances are specialized. */
UOP(_GUARD_TYPE_VERSION)
    Value o = STACK(-1);
    DEOPT_IF(!val_is_obj(o) || val_as_obj(o)->type->version != CACHE32(1));
UOP_END

/* Up to three classes whose layouts all hold the name at the same slot
 * (subclasses that set a base's attributes first): versions in cache units
 * 1-2, 4-5 and 6-7, 0 for an empty entry (never a class's version). */
UOP(_GUARD_TYPE_VERSION_POLY)
    Value o = STACK(-1);
    DEOPT_IF(!val_is_obj(o));
    uint32_t v = val_as_obj(o)->type->version;
    DEOPT_IF(v == 0 || (v != CACHE32(1) && v != CACHE32(4) && v != CACHE32(6)));
UOP_END

/* An attribute read on a class object, keyed on that class's version. */
UOP(_GUARD_CLASS_VERSION)
    Value o = STACK(-1);
    DEOPT_IF(!IS_TYPE(o) || AS_TYPE(o)->version != CACHE32(1));
UOP_END

/* A name found on the class is not shadowed by the instance: the version
 * guard proves it still absent from the layout (growth re-versions the
 * class), so only the overflow dict, if any, can hold it. */
UOP(_GUARD_ATTR_NOT_SHADOWED)
    Instance *i = AS_INSTANCE(STACK(-1));
    DEOPT_IF(i->overflow && dict_get_str(i->overflow, NAME(OPARG >> 1)) != VAL_NULL);
UOP_END

/* Slot CACHE(3) of the class's layout; absent (deleted, or beyond an
 * instance made before the layout grew) deopts to raise or look further. */
UOP(_LOAD_ATTR_INSTANCE_VALUE)
    Instance *i = AS_INSTANCE(STACK(-1));
    uint32_t k = CACHE(3);
    DEOPT_IF(k >= i->nslots);
    Value v = i->slots[k];
    DEOPT_IF(v == VAL_NULL);
    STACK(-1) = v;
    if (OPARG & 1) {
        STACK(0) = VAL_NULL;
        SP_ADJ(1);
    }
UOP_END

/* [obj] -> [func obj]: the class's function, pinned by the class version. */
UOP(_LOAD_ATTR_METHOD)
    STACK(0) = STACK(-1);
    STACK(-1) = (Value)CACHE64(4);
    SP_ADJ(1);
UOP_END

/* [obj] -> [value] (or [value NULL] at a call site): a class attribute that
 * is not a function, so no binding; pinned by the version guard. */
UOP(_LOAD_ATTR_CACHED_VALUE)
    STACK(-1) = (Value)CACHE64(4);
    if (OPARG & 1) {
        STACK(0) = VAL_NULL;
        SP_ADJ(1);
    }
UOP_END

/* [value obj] -> []: into slot CACHE(3), which the instance must have. */
UOP(_STORE_ATTR_INSTANCE_VALUE)
    Instance *i = AS_INSTANCE(STACK(-1));
    uint32_t k = CACHE(3);
    DEOPT_IF(k >= i->nslots);
    i->slots[k] = STACK(-2);
    SP_ADJ(-2);
UOP_END

/* ---- operators on instances of user classes: Python dunders ---------------- */

/* The left operand (or container) is an instance of a user class whose
 * memo (vm.h's type_dunder, valid for the class's current version) holds a
 * Python function for the operator; the generic path would find and call
 * that same function. A stale memo deopts; specializing again refreshes
 * it. */
#define UOP_GUARD_DUNDER(o, slot)                                              \
    DEOPT_IF(!val_is_kind((o), OBJ_INSTANCE) || !type_dunder(val_as_obj(o)->type, (slot)))

/* a op b, a op= b. Not when b's class is a proper subclass of a's: its
 * reflected method may have to run first (object.c's user_binop). */
UOP(_GUARD_DUNDER_BINOP)
    Value a = STACK(-2);
    UOP_GUARD_DUNDER(a, DUNDER_BINOP + (int)OPARG);
    DEOPT_IF(type_reflected_first(vm, val_as_obj(a)->type, STACK(-1)));
UOP_END

/* [a b] -> [fn(a, b)]: the function the guard found. An operator whose
 * dunder returns NotImplemented goes on with the generic protocol, past
 * that dunder (`declined`, with a and b still on the stack). */
#define UOP_CALL_DUNDER_2(slot, declined)                                      \
    Value a = STACK(-2);                                                       \
    Function *fn = type_dunder(val_as_obj(a)->type, (slot));                   \
    SYNC_FRAME(&STACK(0));                                                     \
    Value r = call_py_dunder(vm, fn, a, &STACK(-1), 1);                        \
    if (r == vm->not_implemented) r = (declined);                              \
    ERROR_IF(r == VAL_ERROR);                                                  \
    STACK(-2) = r;                                                             \
    SP_ADJ(-1)

UOP(_BINARY_OP_PY_DUNDER)
    UOP_CALL_DUNDER_2(DUNDER_BINOP + (int)OPARG, obj_binop_declined(vm, (int)OPARG, a, STACK(-1)));
UOP_END

/* a < b, a == b, ...: the same reflected-first rule (object.c's
 * user_compare). */
UOP(_GUARD_DUNDER_COMPARE)
    Value a = STACK(-2);
    UOP_GUARD_DUNDER(a, DUNDER_CMP + (int)OPARG);
    DEOPT_IF(type_reflected_first(vm, val_as_obj(a)->type, STACK(-1)));
UOP_END

UOP(_COMPARE_OP_PY_DUNDER)
    UOP_CALL_DUNDER_2(DUNDER_CMP + (int)OPARG,
                      obj_compare_declined(vm, (CmpOp)OPARG, a, STACK(-1)));
UOP_END

/* c[k]: any key (a tuple for g[x, y] too), as the generic path passes it. */
UOP(_GUARD_DUNDER_GETITEM)
    UOP_GUARD_DUNDER(STACK(-2), DUNDER_GETITEM);
UOP_END

UOP(_BINARY_SUBSCR_GETITEM)
    UOP_CALL_DUNDER_2(DUNDER_GETITEM, r);
UOP_END

#undef UOP_CALL_DUNDER_2

/* [v c k]: c[k] = v. */
UOP(_GUARD_DUNDER_SETITEM)
    UOP_GUARD_DUNDER(STACK(-2), DUNDER_SETITEM);
UOP_END

/* [v c k] -> []: c.__setitem__(k, v), its result dropped. */
UOP(_STORE_SUBSCR_SETITEM)
    Value c = STACK(-2);
    Function *fn = type_dunder(val_as_obj(c)->type, DUNDER_SETITEM);
    Value args[2] = {STACK(-1), STACK(-3)};
    SYNC_FRAME(&STACK(0));
    ERROR_IF(call_py_dunder(vm, fn, c, args, 2) == VAL_ERROR);
    SP_ADJ(-3);
UOP_END

/* [x c]: x in c, the container on top. */
UOP(_GUARD_DUNDER_CONTAINS)
    UOP_GUARD_DUNDER(STACK(-1), DUNDER_CONTAINS);
UOP_END

/* [x c] -> [bool]: the truth of c.__contains__(x) (negated for not in).
 * The result waits in x's slot, rooted, while its truth is found (which
 * may call its __bool__ or __len__). */
UOP(_CONTAINS_OP_PY_DUNDER)
    Value c = STACK(-1);
    Function *fn = type_dunder(val_as_obj(c)->type, DUNDER_CONTAINS);
    SYNC_FRAME(&STACK(0));
    Value r = call_py_dunder(vm, fn, c, &STACK(-2), 1);
    ERROR_IF(r == VAL_ERROR);
    STACK(-2) = r;
    int t = uop_truthy(vm, r);
    ERROR_IF(t < 0);
    STACK(-2) = val_bool(t ^ (int)(OPARG & 1));
    SP_ADJ(-1);
UOP_END

#undef UOP_GUARD_DUNDER

/* ---- with (class.c) ------------------------------------------------------------ */

/* [mgr] -> [exit enter_result]. */
UOP(_BEFORE_WITH)
    Value exit;
    Value r = class_before_with(vm, STACK(-1), &exit);
    ERROR_IF(r == VAL_ERROR);
    STACK(-1) = exit;
    STACK(0) = r;
    SP_ADJ(1);
UOP_END

/* [exit prev exc] -> [exit prev exc exit(type(exc), exc, None)]. */
UOP(_WITH_EXCEPT_START)
    Value r = class_with_exit(vm, STACK(-3), STACK(-1));
    ERROR_IF(r == VAL_ERROR);
    STACK(0) = r;
    SP_ADJ(1);
UOP_END

/* ---- imports (module.c) ------------------------------------------------------ */

/* [level fromlist] -> [module]: every import statement starts here. */
UOP(_IMPORT_NAME)
    Value m = module_import(vm, NAME(OPARG));
    ERROR_IF(m == VAL_ERROR);
    STACK(-2) = m;
    SP_ADJ(-1);
UOP_END

/* [m] -> [m m.name] (from m import name). */
UOP(_IMPORT_FROM)
    Value v = module_import_from(vm, STACK(-1), NAME(OPARG));
    ERROR_IF(v == VAL_ERROR);
    STACK(0) = v;
    SP_ADJ(1);
UOP_END

/* [m] -> [] (from m import *, at module level only). */
UOP(_IMPORT_STAR)
    ERROR_IF(module_import_star(vm, STACK(-1), GLOBALS) < 0);
    SP_ADJ(-1);
UOP_END

/* ---- tier 2: what only traces run (jit/project.c emits these) ----------- */

#ifdef UOP_TIER2

/* A branch the trace follows one way: leave (JUMP_BY) when it goes the
 * other. The condition (t, read before the pop) is popped either way, as
 * the instruction does. */
#define UOP_POP_FOLLOW(t, followed)                                            \
    SP_ADJ(-1);                                                                \
    if (!(t) != !(followed)) JUMP_BY(0)

UOP(_GUARD_IS_TRUE_POP)
    int t = uop_truthy(vm, STACK(-1));
    ERROR_IF(t < 0);
    UOP_POP_FOLLOW(t, 1);
UOP_END

UOP(_GUARD_IS_FALSE_POP)
    int t = uop_truthy(vm, STACK(-1));
    ERROR_IF(t < 0);
    UOP_POP_FOLLOW(t, 0);
UOP_END

UOP(_GUARD_IS_NONE_POP)
    int t = STACK(-1) == VAL_NONE;
    UOP_POP_FOLLOW(t, 1);
UOP_END

UOP(_GUARD_IS_NOT_NONE_POP)
    int t = STACK(-1) == VAL_NONE;
    UOP_POP_FOLLOW(t, 0);
UOP_END

/* On a condition the optimizer proved a bool: no call to uop_truthy_slow
 * possible, so no spills around it either. */
UOP(_GUARD_IS_TRUE_POP_BOOL)
    int t = STACK(-1) == VAL_TRUE;
    UOP_POP_FOLLOW(t, 1);
UOP_END

UOP(_GUARD_IS_FALSE_POP_BOOL)
    int t = STACK(-1) == VAL_TRUE;
    UOP_POP_FOLLOW(t, 0);
UOP_END

#undef UOP_POP_FOLLOW

UOP(_JUMP_TO_TOP)
    JUMP_BY(0);
UOP_END

/* Code objects are immutable and a function's code is fixed, so the code
 * pins everything the trace assumed of the callee. */
UOP(_CHECK_FUNCTION_CODE)
    Value c = STACK(-(int)OPARG - 2);
    DEOPT_IF(!IS_FUNCTION(c) || (uint64_t)(uintptr_t)AS_FUNCTION(c)->code != OPERAND);
UOP_END

/* _PUSH_FRAME_KW in a trace, with the map as the operand (the projector
 * reads unit 3): a uop that syncs the frame's ip may not read a cache,
 * which a trace reads from a snapshot (executor.c). */
UOP(_PUSH_FRAME_KW_MAP)
    UOP_PUSH_FRAME_KW((unsigned)OPERAND);
UOP_END

#undef UOP_PUSH_FRAME_KW

/* Pop the topmost frame and push r on its caller's stack, whose sp is the
 * call's first slot (the CALL synced it before pushing the frame). */
#define UOP_RETURN_TO_CALLER(r)                                                \
    vm->nframes--;                                                             \
    FRAME_POPPED();                                                            \
    vm->stack_top = frame->top;                                                \
    STACK(0) = (r);                                                            \
    SP_ADJ(1)

/* RETURN_VALUE of an inlined call (never an __init__): of a frame the
 * trace pushed, or, in a side trace, one its exit's trace pushed. */
UOP(_POP_FRAME)
    Value r = STACK(-1);
    UOP_RETURN_TO_CALLER(r);
UOP_END

/* RETURN_VALUE of an inlined __init__ (_ALLOC_AND_ENTER_INIT): the call's
 * result is the instance, in the slot below the frame's locals. Returning
 * anything but None leaves for tier 1, which raises. */
UOP(_POP_FRAME_INIT)
    DEOPT_IF(STACK(-1) != VAL_NONE);
    Value r = LOCAL(-1);
    UOP_RETURN_TO_CALLER(r);
UOP_END

#undef UOP_RETURN_TO_CALLER

UOP(_LOAD_CONST_INLINE)
    STACK(0) = (Value)OPERAND;
    SP_ADJ(1);
UOP_END

UOP(_COUNT_INSTRS)
    *(uint64_t *)(uintptr_t)OPERAND += OPARG;
UOP_END

UOP(_GUARD_LOCAL_INT)
    DEOPT_IF(!val_is_int(LOCAL(OPARG)));
UOP_END

UOP(_GUARD_LOCAL_FLOAT)
    DEOPT_IF(!val_is_float(LOCAL(OPARG)));
UOP_END

UOP(_GUARD_LOCAL_STR)
    DEOPT_IF(!IS_STR(LOCAL(OPARG)));
UOP_END

UOP(_GUARD_LOCAL_LIST)
    DEOPT_IF(!IS_LIST(LOCAL(OPARG)) || val_as_obj(LOCAL(OPARG))->type != vm->types[T_LIST]);
UOP_END

UOP(_GUARD_LOCAL_TUPLE)
    DEOPT_IF(!IS_TUPLE(LOCAL(OPARG)));
UOP_END

/* A local the optimizer proved bound. */
UOP(_LOAD_FAST_CHECKED)
    STACK(0) = LOCAL(OPARG);
    SP_ADJ(1);
UOP_END

/* ---- generic instructions, one helper call each ---- */

UOP(_BINARY_OP)
    Value r = uop_binop(vm, (int)OPARG, STACK(-2), STACK(-1));
    ERROR_IF(r == VAL_ERROR);
    STACK(-2) = r;
    SP_ADJ(-1);
UOP_END

UOP(_COMPARE_OP)
    Value r = uop_compare(vm, (int)OPARG, STACK(-2), STACK(-1));
    ERROR_IF(r == VAL_ERROR);
    STACK(-2) = r;
    SP_ADJ(-1);
UOP_END

UOP(_CONTAINS_OP)
    int r = obj_contains(vm, STACK(-1), STACK(-2));
    ERROR_IF(r < 0);
    STACK(-2) = val_bool(r ^ (int)(OPARG & 1));
    SP_ADJ(-1);
UOP_END

UOP(_UNARY_NEGATIVE)
    Value r = uop_unary(vm, UNARY_NEGATIVE, STACK(-1));
    ERROR_IF(r == VAL_ERROR);
    STACK(-1) = r;
UOP_END

UOP(_UNARY_INVERT)
    Value r = uop_unary(vm, UNARY_INVERT, STACK(-1));
    ERROR_IF(r == VAL_ERROR);
    STACK(-1) = r;
UOP_END

UOP(_UNARY_NOT)
    int t = uop_truthy(vm, STACK(-1));
    ERROR_IF(t < 0);
    STACK(-1) = val_bool(!t);
UOP_END

UOP(_BINARY_SUBSCR)
    Value r = uop_subscr(vm, STACK(-2), STACK(-1));
    ERROR_IF(r == VAL_ERROR);
    STACK(-2) = r;
    SP_ADJ(-1);
UOP_END

UOP(_STORE_SUBSCR)
    ERROR_IF(uop_store_subscr(vm, STACK(-2), STACK(-1), STACK(-3)) < 0);
    SP_ADJ(-3);
UOP_END

UOP(_LOAD_ATTR)
    ERROR_IF(uop_load_attr(vm, &STACK(0), NAME(OPARG >> 1), OPARG & 1) < 0);
    SP_ADJ((int)(OPARG & 1));
UOP_END

UOP(_STORE_ATTR)
    ERROR_IF(obj_setattr(vm, STACK(-1), NAME(OPARG), STACK(-2)) < 0);
    SP_ADJ(-2);
UOP_END

UOP(_LOAD_GLOBAL)
    Value v = uop_load_global(vm, GLOBALS, NAME(OPARG >> 1), &CACHE(1));
    ERROR_IF(v == VAL_ERROR);
    STACK(0) = v;
    SP_ADJ(1);
    if (OPARG & 1) {
        STACK(0) = VAL_NULL;
        SP_ADJ(1);
    }
UOP_END

UOP(_STORE_GLOBAL)
    ERROR_IF(dict_set_str(vm, GLOBALS, NAME(OPARG), STACK(-1)) < 0);
    SP_ADJ(-1);
UOP_END

UOP(_BUILD_TUPLE)
    int n = (int)OPARG;
    Tuple *t = n ? tuple_from(vm, &STACK(-n), n) : vm->empty_tuple;
    ERROR_IF(!t);
    STACK(-n) = val_obj(t);
    SP_ADJ(1 - n);
UOP_END

UOP(_BUILD_LIST)
    int n = (int)OPARG;
    List *l = list_from(vm, &STACK(-n), n);
    ERROR_IF(!l);
    STACK(-n) = val_obj(l);
    SP_ADJ(1 - n);
UOP_END

UOP(_LIST_APPEND)
    ERROR_IF(list_append(vm, AS_LIST(STACK(-1 - (int)OPARG)), STACK(-1)) < 0);
    SP_ADJ(-1);
UOP_END

UOP(_GET_ITER)
    Value r = obj_loop_iter(vm, STACK(-1));
    ERROR_IF(r == VAL_ERROR);
    STACK(-1) = r;
UOP_END

UOP(_FOR_ITER)
    Value v = uop_for_iter(vm, STACK(-1));
    ERROR_IF(v == VAL_ERROR);
    if (v == VAL_NULL) {
        if (val_is_obj(STACK(-1))) iter_loop_done(vm, val_as_obj(STACK(-1)));
        SP_ADJ(-1);
        JUMP_BY((int)OPARG);
    } else {
        STACK(0) = v;
        SP_ADJ(1);
    }
UOP_END

UOP(_UNPACK_SEQUENCE)
    ERROR_IF(uop_unpack(vm, &STACK(-1), (int)OPARG) < 0);
    SP_ADJ((int)OPARG - 1);
UOP_END

UOP(_FORMAT_VALUE)
    SYNC_FRAME(&STACK(0));
    ERROR_IF(uop_format_value(vm, &STACK(0), OPARG) < 0);
    SP_ADJ(-(int)((OPARG >> 2) & 1));
UOP_END

UOP(_BUILD_STRING)
    int n = (int)OPARG;
    Value r = uop_build_string(vm, &STACK(-n), n);
    ERROR_IF(r == VAL_ERROR);
    STACK(-n) = r;
    SP_ADJ(1 - n);
UOP_END

/* A closure's first instruction: its cells into their slots. */
UOP(_COPY_FREE_VARS)
    closure_copy_free_vars(frame, (int)OPARG);
UOP_END

/* Python callees push a frame in tier 1: leave the trace before the call
 * (nothing has happened yet) rather than nest an interpreter loop. */
UOP(_CALL_NON_PY)
    Value *slot = &STACK(-(int)OPARG - 2);
    Value c = slot[0];
    DEOPT_IF(IS_FUNCTION(c) || val_is_kind(c, OBJ_METHOD) || (IS_TYPE(c) && !AS_TYPE(c)->builtin));
    SYNC_FRAME(&STACK(0));
    Value r = call_slots(vm, slot, (int)OPARG, NULL);
    ERROR_IF(r == VAL_ERROR);
    slot[0] = r;
    SP_ADJ(-(int)OPARG - 1);
UOP_END

UOP(_LOAD_FAST_DEOPT)
    Value v = LOCAL(OPARG);
    DEOPT_IF(v == VAL_NULL);
    STACK(0) = v;
    SP_ADJ(1);
UOP_END

UOP(_COPY_1)
    UOP_COPY(1);
UOP_END

UOP(_COPY_2)
    UOP_COPY(2);
UOP_END

UOP(_COPY_3)
    UOP_COPY(3);
UOP_END

UOP(_SWAP_2)
    UOP_SWAP(2);
UOP_END

UOP(_SWAP_3)
    UOP_SWAP(3);
UOP_END

#endif /* UOP_TIER2 */
