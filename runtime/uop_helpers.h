/* uop_helpers.h: what the uop bodies (uop_bodies.h) call besides the
 * runtime's API, in a header of its own so that an includer expanding the
 * bodies inside a function (jit/uop_interp.c) can include it first, at
 * file scope. */
/* ---- helpers shared by the bodies ------------------------------------- */

#ifndef STITCH_UOP_HELPERS
#define STITCH_UOP_HELPERS

#include "opcodes.h"
#include "vm.h"

/* Raise UnboundLocalError for fast local i of co (interp.c). */
Value uop_unbound_local(VM *vm, Code *co, int i);
/* Truth of a value that is not a bool or small int: 1, 0, -1 (interp.c). */
int uop_truthy_slow(VM *vm, Value v);
/* A new cell holding v (VAL_NULL: empty); NULL on MemoryError (closure.c). */
Cell *cell_new(VM *vm, Value v);
/* Raise the error for reading empty cell slot i of co (closure.c). */
Value uop_unbound_deref(VM *vm, Code *co, int i);

static inline int64_t uop_floor_div(int64_t x, int64_t y) {
    int64_t q = x / y;
    if ((x % y != 0) && ((x < 0) != (y < 0))) q--;
    return q;
}

static inline int64_t uop_floor_mod(int64_t x, int64_t y) {
    int64_t r = x % y;
    if (r != 0 && ((r < 0) != (y < 0))) r += y;
    return r;
}

/* A number known to be a float or a small int, as a double (exact: small
 * ints have 48 bits). */
static inline double uop_num(Value v) {
    return val_is_float(v) ? val_as_float(v) : (double)val_as_int(v);
}

static inline bool uop_is_num(Value v) { return val_is_float(v) || val_is_int(v); }

/* Whether comparison op holds when the operands compare as c (-1, 0, 1):
 * bit c + 1 of the operator's three (less, equal, greater), without a
 * branch. */
#define UOP_CMP_MASKS                                                          \
    (1u << 3 * CMP_LT | 3u << 3 * CMP_LE | 2u << 3 * CMP_EQ | 5u << 3 * CMP_NE | \
     4u << 3 * CMP_GT | 6u << 3 * CMP_GE)
static inline bool uop_cmp_holds(int op, int c) { return UOP_CMP_MASKS >> (3 * op + c + 1) & 1; }

/* The same for any c of a three-way comparison (a memcmp's sign). */
static inline Value uop_cmp_result(int op, int c) {
    return val_bool(uop_cmp_holds(op, (c > 0) - (c < 0)));
}

/* Truth of a popped condition operand: bools and small ints inline. */
static inline int uop_truthy(VM *vm, Value v) {
    return v == VAL_TRUE    ? 1
           : v == VAL_FALSE ? 0
           : val_is_int(v)  ? val_as_int(v) != 0
                            : uop_truthy_slow(vm, v);
}

/* The generic paths of the interpreter's hand-written instructions
 * (interp.c), for the tier-2 uops that stand for them in traces. Each
 * returns VAL_ERROR / -1 with the exception raised. */
Value uop_binop(VM *vm, int op, Value a, Value b);
Value uop_compare(VM *vm, int op, Value a, Value b);
Value uop_unary(VM *vm, int op, Value a);
Value uop_subscr(VM *vm, Value c, Value k);
int uop_store_subscr(VM *vm, Value c, Value k, Value v);
/* LOAD_ATTR with sp one past [obj]; a method call site fills sp[0]. */
int uop_load_attr(VM *vm, Value *sp, Str *name, bool method);
/* LOAD_GLOBAL through the hint in *hint (the instruction's cache unit 1). */
Value uop_load_global(VM *vm, Dict *globals, Str *name, uint16_t *hint);
/* The next item of iterator it, VAL_NULL when exhausted. */
Value uop_for_iter(VM *vm, Value it);
int uop_unpack(VM *vm, Value *slot, int n);
/* FORMAT_VALUE with sp one past its operands: the result replaces the value. */
int uop_format_value(VM *vm, Value *sp, uint32_t oparg);
Value uop_build_string(VM *vm, Value *items, int n);

static inline bool uop_is_iter(VM *vm, Value v, TypeId t) {
    return val_is_kind(v, OBJ_ITER) && val_as_obj(v)->type == vm->types[t];
}

#endif
