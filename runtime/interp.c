/* interp.c: the bytecode dispatch loop.
 *
 * One C function runs every Python frame of one interpreter entry: a call of
 * a Python function pushes a frame and continues in the same loop, a return
 * pops it. Calls from C (vm_call, used by builtins and dunders) re-enter
 * through interp_run with a FRAME_ENTRY frame, whose return leaves the loop.
 *
 * Hot state lives in C locals: ip (next code unit), sp (next free operand
 * slot), base (the frame's fast locals), consts. Invariants:
 *   - While a handler runs, ip points just past the instruction's opcode
 *     unit, so an error knows its instruction (ip - 1). A handler advances
 *     ip over its cache units only once it can no longer fail.
 *   - A frame that pushes a callee saves ip (still before the caches) and
 *     the call's first slot as sp; the return writes the result there and
 *     skips CALL's caches.
 *   - The GC scans every slot below vm->stack_top. Operands popped off the
 *     stack stay in their slots, so they remain rooted until overwritten,
 *     which lets a handler pop first and call out afterwards.
 * Errors never longjmp: a failing handler jumps to `error` with vm->exc set.
 */
#include "interp.h"

#include "builtins.h"
#include "opcodes.h"
#include "specialize.h"

/* Cache units of each instruction, as compile-time constants. */
enum {
#define X(name, cache, pops, pushes, flags) CACHES_##name = cache,
    OPCODE_LIST(X)
#undef X
};

_Static_assert(CACHES_CALL == CACHES_CALL_KW && CACHES_CALL == CACHES_CALL_FUNCTION_EX,
               "a return skips the caches of any call");
/* A generator's yield or return skips the caches of whichever resumed it. */
enum { GEN_RESUME_CACHES = CACHES_FOR_ITER };
_Static_assert(CACHES_FOR_ITER == CACHES_SEND, "a generator's yield skips either's caches");

/* Nested interpreter entries from C. Each costs the C stack frames of the
 * loop and of the C functions between (1-2 KB in a debug build), so this
 * bounds the C stack whatever the recursion limit. */
#define C_DEPTH_MAX 1000

/* ---- uops ----------------------------------------------------------------
 * The uop bodies (uop_bodies.h) become always-inline functions over the
 * loop's state; a generated handler (see run) calls its uops in order and
 * acts on how each one exits. */
typedef enum UopExit { UOP_OK, UOP_DEOPT, UOP_ERROR, UOP_FRAME } UopExit;

#define UOP(name)                                                              \
    static inline __attribute__((always_inline)) UopExit uop_##name(           \
        VM *vm, Frame *frame, Value **spp_, uint16_t *ip, uint16_t **nextp_,   \
        Value *base, Value *consts, uint32_t oparg) {
#define UOP_END                                                                \
    return UOP_OK;                                                             \
    }
#define STACK(i) ((*spp_)[(i)])
#define SP_ADJ(n) (*spp_ += (n))
#define OPARG oparg
#define CACHE(i) (ip[(i)])
#define CACHE32(i) ((uint32_t)ip[(i)] | (uint32_t)ip[(i) + 1] << 16)
#define CACHE48(i) ((uint64_t)ip[(i)] | (uint64_t)ip[(i) + 1] << 16 | (uint64_t)ip[(i) + 2] << 32)
#define CACHE64(i) (CACHE48(i) | (uint64_t)ip[(i) + 3] << 48)
#define LOCAL(i) (base[(i)])
#define CONST(i) (consts[(i)])
#define NAME(i) AS_STR(frame->code->names->items[(i)])
#define GLOBALS (frame->globals)
#define CODE (frame->code)
#define DEOPT_IF(c)                                                            \
    do {                                                                       \
        if (__builtin_expect(!!(c), 0)) return UOP_DEOPT;                      \
    } while (0)
#define ERROR_IF(c)                                                            \
    do {                                                                       \
        if (__builtin_expect(!!(c), 0)) return UOP_ERROR;                      \
    } while (0)
#define JUMP_BY(n) (*nextp_ += (n))
#define RECORD_BRANCH(t) (ip[0] = (uint16_t)(ip[0] << 1 | (unsigned)(t)))
#define SYNC_FRAME(s) (frame->ip = ip, frame->sp = (s))
#define FRAME_PUSHED() return UOP_FRAME
#include "uop_bodies.h"
#undef UOP
#undef UOP_END
#undef STACK
#undef SP_ADJ
#undef OPARG
#undef CACHE
#undef CACHE32
#undef CACHE48
#undef CACHE64
#undef LOCAL
#undef CONST
#undef NAME
#undef GLOBALS
#undef CODE
#undef DEOPT_IF
#undef ERROR_IF
#undef JUMP_BY
#undef RECORD_BRANCH
#undef SYNC_FRAME
#undef FRAME_PUSHED

/* ---- slow paths, out of line ------------------------------------------- */

static Value raise_unbound_local(VM *vm, Code *co, int i) {
    return vm_raise(vm, T_UNBOUND_LOCAL_ERROR,
                    "cannot access local variable '%s' where it is not associated with a value",
                    AS_STR(co->varnames->items[i])->data);
}

/* CPython's builtins that stitch lacks: naming one is an unsupported
 * feature, not a typo, and says so. */
static const char *const missing_builtins[] = {
    "BaseExceptionGroup", "Ellipsis", "ExceptionGroup", "__build_class__",
    "__import__", "aiter", "anext", "breakpoint", "bytearray", "bytes", "compile", "complex",
    "copyright", "credits", "dir", "eval", "exec", "globals", "help", "input", "license",
    "locals", "memoryview", "open",
};

static Value raise_name_error(VM *vm, Str *name) {
    for (size_t i = 0; i < sizeof missing_builtins / sizeof *missing_builtins; i++)
        if (!strcmp(name->data, missing_builtins[i]))
            return vm_raise(vm, T_NAME_ERROR, "stitch: unsupported: builtin '%s'", name->data);
    return vm_raise(vm, T_NAME_ERROR, "name '%s' is not defined", name->data);
}

/* Where a name is looked up by LOAD_NAME and LOAD_GLOBAL: the class body
 * namespace (if any), the globals, the builtins. */
static Value load_name(VM *vm, Dict *locals, Dict *globals, Str *name) {
    Value v;
    if (locals) {
        v = dict_get(vm, locals, val_obj(name));
        if (v != VAL_NULL) return v;
    }
    v = dict_get_str(globals, name);
    if (v != VAL_NULL) return v;
    v = dict_get_str(vm->builtins, name);
    if (v != VAL_NULL) return v;
    return raise_name_error(vm, name);
}

static int delete_name(VM *vm, Dict *d, Str *name) {
    int r = dict_del(vm, d, val_obj(name));
    if (r == 0) raise_name_error(vm, name);
    return r <= 0 ? -1 : 0;
}

static int truthy_slow(VM *vm, Value v) {
    if (v == VAL_NONE) return 0;
    if (val_is_float(v)) return val_as_float(v) != 0.0;
    return obj_truthy(vm, v);
}

/* What the uop bodies call (declared in uop_bodies.h). */
Value uop_unbound_local(VM *vm, Code *co, int i) { return raise_unbound_local(vm, co, i); }
int uop_truthy_slow(VM *vm, Value v) { return truthy_slow(vm, v); }

static Value build_map(VM *vm, Value *items, int n) {
    Dict *d = dict_new(vm);
    if (!d) return VAL_ERROR;
    gc_push_root(vm, val_obj(d));
    for (int i = 0; i < n; i++) {
        if (dict_set(vm, d, items[2 * i], items[2 * i + 1]) < 0) {
            gc_pop_roots(vm, 1);
            return VAL_ERROR;
        }
    }
    gc_pop_roots(vm, 1);
    return val_obj(d);
}

static Value build_string(VM *vm, Value *items, int n) {
    StrBuf b;
    sb_init(&b);
    for (int i = 0; i < n; i++) {
        Value s = items[i];
        if (!IS_STR(s)) {
            s = obj_str(vm, s);
            if (s == VAL_ERROR) {
                sb_free(&b);
                return VAL_ERROR;
            }
        }
        sb_add(&b, AS_STR(s)->data, AS_STR(s)->len);
    }
    Str *r = sb_finish(vm, &b);
    return r ? val_obj(r) : VAL_ERROR;
}

/* UNPACK_SEQUENCE: seq is at slot[0]; items go to slot[n-1] .. slot[0],
 * item 0 highest. */
static int unpack(VM *vm, Value *slot, int n) {
    Value seq = slot[0];
    if (IS_TUPLE(seq) || (IS_LIST(seq) && !val_is_builtin_sub(seq))) {
        int64_t len = IS_TUPLE(seq) ? AS_TUPLE(seq)->len : AS_LIST(seq)->len;
        Value *items = IS_TUPLE(seq) ? AS_TUPLE(seq)->items : AS_LIST(seq)->items;
        if (len == n) {
            for (int i = 0; i < n; i++) slot[n - 1 - i] = items[i];
            return 0;
        }
        if (len > n)
            vm_raise(vm, T_VALUE_ERROR, "too many values to unpack (expected %d)", n);
        else
            vm_raise(vm, T_VALUE_ERROR, "not enough values to unpack (expected %d, got %d)", n,
                     (int)len);
        return -1;
    }
    Value it = obj_iter(vm, seq);
    if (it == VAL_ERROR) return -1;
    gc_push_root(vm, it);
    int got = 0;
    for (; got < n; got++) {
        Value v = iter_next(vm, it);
        if (v == VAL_ERROR) goto fail;
        if (v == VAL_NULL) {
            vm_raise(vm, T_VALUE_ERROR, "not enough values to unpack (expected %d, got %d)", n,
                     got);
            goto fail;
        }
        slot[n - 1 - got] = v;
    }
    Value extra = iter_next(vm, it);
    if (extra == VAL_ERROR) goto fail;
    if (extra != VAL_NULL) {
        vm_raise(vm, T_VALUE_ERROR, "too many values to unpack (expected %d)", n);
        goto fail;
    }
    gc_pop_roots(vm, 1);
    return 0;
fail:
    gc_pop_roots(vm, 1);
    return -1;
}

/* UNPACK_EX: seq at slot[0]; `before` items, the starred list, then
 * `after` items go to slot[before + after] .. slot[0], the first highest. */
static int unpack_ex(VM *vm, Value *slot, int before, int after) {
    char msg[160];
    snprintf(msg, sizeof msg, "cannot unpack non-iterable %s object", type_name_of(vm, slot[0]));
    List *l = seq_to_list_or(vm, slot[0], msg);
    if (!l) return -1;
    slot[0] = val_obj(l);
    int64_t len = l->len, fixed = before + after;
    if (len < fixed) {
        vm_raise(vm, T_VALUE_ERROR, "not enough values to unpack (expected at least %d, got %d)",
                 (int)fixed, (int)len);
        return -1;
    }
    List *star = list_from(vm, l->items + before, len - fixed);
    if (!star) return -1;
    int total = before + 1 + after;
    for (int i = 0; i < before; i++) slot[total - 1 - i] = l->items[i];
    for (int j = 0; j < after; j++) slot[after - 1 - j] = l->items[len - after + j];
    slot[after] = val_obj(star);
    return 0;
}

static Value build_set(VM *vm, Value *items, int n) {
    Set *s = set_new(vm, T_SET);
    if (!s) return VAL_ERROR;
    gc_push_root(vm, val_obj(s));
    int rc = 0;
    for (int i = 0; i < n && rc >= 0; i++) rc = set_add(vm, s, items[i]);
    gc_pop_roots(vm, 1);
    return rc < 0 ? VAL_ERROR : val_obj(s);
}

/* FORMAT_VALUE, sp one past [value spec?]: the formatted str replaces the
 * value. Each intermediate result is stored in the value's slot, which
 * keeps it rooted while the next step allocates. */
static int format_value(VM *vm, Value *sp, uint32_t oparg) {
    Str *spec = oparg & 4 ? AS_STR(*--sp) : vm->empty_str;
    Value v = sp[-1];
    if ((oparg & 3) == 1) v = obj_str(vm, v);
    else if (oparg & 3) v = obj_repr(vm, v);
    if (v == VAL_ERROR) return -1;
    sp[-1] = v;
    if (spec->len != 0 || !IS_STR(v)) v = obj_format(vm, v, spec);
    if (v == VAL_ERROR) return -1;
    sp[-1] = v;
    return 0;
}

/* MAKE_FUNCTION: sp[-1] is the code, below it the parts oparg names. */
static Value make_function(VM *vm, Frame *f, Value *sp, uint32_t oparg) {
    Function *fn = gc_alloc(vm, sizeof(Function), OBJ_FUNCTION, vm->types[T_FUNCTION]);
    if (!fn) return VAL_ERROR;
    Code *co = AS_CODE(sp[-1]);
    Value *p = sp - 1;
    if (oparg & 8) fn->closure = AS_TUPLE(*--p);
    if (oparg & 2) fn->kwdefaults = AS_DICT(*--p);
    if (oparg & 1) fn->defaults = AS_TUPLE(*--p);
    fn->code = co;
    fn->globals = f->globals;
    fn->name = co->name;
    fn->qualname = co->qualname;
    return val_obj(fn);
}

/* RAISE_VARARGS 2: raise exc from cause. `from None` suppresses the context,
 * which the Exception records as cause == VAL_NULL (see traceback.c). */
static void raise_from(VM *vm, Value exc, Value cause) {
    if (vm_raise_value(vm, exc) != VAL_ERROR || !IS_EXC(vm->exc)) return;
    Value raised = vm->exc;
    if (cause == VAL_NONE) {
        AS_EXC(raised)->cause = VAL_NULL;
        return;
    }
    gc_push_root(vm, raised);
    if (IS_TYPE(cause) && type_is_subtype(AS_TYPE(cause), vm->types[T_BASE_EXCEPTION])) {
        vm->exc = VAL_NULL;
        cause = vm_call(vm, cause, NULL, 0, NULL);
        if (cause == VAL_ERROR) {
            gc_pop_roots(vm, 1);
            return;
        }
        vm->exc = raised;
    }
    if (!IS_EXC(cause)) {
        vm_raise(vm, T_TYPE_ERROR, "exception causes must derive from BaseException");
        gc_pop_roots(vm, 1);
        return;
    }
    AS_EXC(raised)->cause = cause;
    gc_pop_roots(vm, 1);
}

static int check_exc_match_type(VM *vm, Value t) {
    Type *be = vm->types[T_BASE_EXCEPTION];
    if (IS_TUPLE(t)) {
        for (int64_t i = 0; i < AS_TUPLE(t)->len; i++)
            if (check_exc_match_type(vm, AS_TUPLE(t)->items[i]) < 0) return -1;
        return 0;
    }
    if (IS_TYPE(t) && type_is_subtype(AS_TYPE(t), be)) return 0;
    vm_raise(vm, T_TYPE_ERROR,
             "catching classes that do not inherit from BaseException is not allowed");
    return -1;
}

/* The handler covering code unit `off`, innermost first. */
static const ExcEntry *find_handler(Code *co, int off) {
    const ExcEntry *best = NULL;
    for (int i = 0; i < co->nexc; i++) {
        const ExcEntry *e = &co->exctable[i];
        if (off >= e->start && off < e->end &&
            (!best || e->end - e->start < best->end - best->start))
            best = e;
    }
    return best;
}

/* x op y for small ints, or VAL_NULL when the generic path must decide
 * (overflow, division by zero, powers, shifts). Small ints have 48 bits, so
 * + and - cannot overflow int64; the result is checked against the range. */
static inline Value binop_int_fast(int op, int64_t x, int64_t y) {
    int64_t r;
    switch (op) {
    case BINOP_ADD: r = x + y; break;
    case BINOP_SUBTRACT: r = x - y; break;
    case BINOP_MULTIPLY:
        if (__builtin_mul_overflow(x, y, &r)) return VAL_NULL;
        break;
    case BINOP_FLOOR_DIVIDE:
        if (y == 0) return VAL_NULL;
        r = uop_floor_div(x, y);
        break;
    case BINOP_REMAINDER:
        if (y == 0) return VAL_NULL;
        r = uop_floor_mod(x, y);
        break;
    case BINOP_AND: return val_int(x & y);
    case BINOP_OR: return val_int(x | y);
    case BINOP_XOR: return val_int(x ^ y);
    case BINOP_RSHIFT:
        if (y < 0) return VAL_NULL;
        return val_int(y >= 63 ? (x < 0 ? -1 : 0) : x >> y);
    case BINOP_TRUE_DIVIDE:
        if (y == 0) return VAL_NULL;
        return val_float((double)x / (double)y);
    default: return VAL_NULL;
    }
    return int_fits_small(r) ? val_int(r) : VAL_NULL;
}

static inline Value binop_float_fast(int op, double x, double y) {
    switch (op) {
    case BINOP_ADD: return val_float(x + y);
    case BINOP_SUBTRACT: return val_float(x - y);
    case BINOP_MULTIPLY: return val_float(x * y);
    case BINOP_TRUE_DIVIDE:
        if (y == 0.0) return VAL_NULL;
        return val_float(x / y);
    default: return VAL_NULL;
    }
}

#define CMP_SWITCH(op, x, y)                                                   \
    switch (op) {                                                              \
    case CMP_LT: return (x) < (y) ? VAL_TRUE : VAL_FALSE;                      \
    case CMP_LE: return (x) <= (y) ? VAL_TRUE : VAL_FALSE;                     \
    case CMP_EQ: return (x) == (y) ? VAL_TRUE : VAL_FALSE;                     \
    case CMP_NE: return (x) != (y) ? VAL_TRUE : VAL_FALSE;                     \
    case CMP_GT: return (x) > (y) ? VAL_TRUE : VAL_FALSE;                      \
    case CMP_GE: return (x) >= (y) ? VAL_TRUE : VAL_FALSE;                     \
    }                                                                          \
    return VAL_NULL

static inline Value cmp_int_fast(int op, int64_t x, int64_t y) { CMP_SWITCH(op, x, y); }
static inline Value cmp_float_fast(int op, double x, double y) { CMP_SWITCH(op, x, y); }

/* The value of a number usable by the float fast paths: a float, or a
 * small int (exact as a double). */
static inline bool as_double(Value v, double *d) {
    if (val_is_float(v)) {
        *d = val_as_float(v);
        return true;
    }
    if (val_is_int(v)) {
        *d = (double)val_as_int(v);
        return true;
    }
    return false;
}

static Value binop(VM *vm, int op, Value a, Value b) {
    int bop = op >= BINOP_INPLACE_BASE ? op - BINOP_INPLACE_BASE : op;
    Value r;
    if (val_is_int(a) && val_is_int(b)) {
        r = binop_int_fast(bop, val_as_int(a), val_as_int(b));
        if (r != VAL_NULL) return r;
    } else {
        double x, y;
        if (as_double(a, &x) && as_double(b, &y)) {
            r = binop_float_fast(bop, x, y);
            if (r != VAL_NULL) return r;
        }
    }
    return obj_binop(vm, (BinOp)op, a, b);
}

static Value compare(VM *vm, int op, Value a, Value b) {
    Value r;
    double x, y;
    if (val_is_int(a) && val_is_int(b)) r = cmp_int_fast(op, val_as_int(a), val_as_int(b));
    else if (as_double(a, &x) && as_double(b, &y)) r = cmp_float_fast(op, x, y);
    else r = VAL_NULL;
    return r != VAL_NULL ? r : obj_compare(vm, (CmpOp)op, a, b);
}

static Value unary(VM *vm, UnaryOp op, Value a) {
    if (val_is_int(a)) {
        int64_t i = val_as_int(a);
        if (op == UNARY_NEGATIVE && int_fits_small(-i)) return val_int(-i);
        if (op == UNARY_POSITIVE) return a;
        if (op == UNARY_INVERT) return val_int(~i);
    } else if (val_is_float(a)) {
        if (op == UNARY_NEGATIVE) return val_float(-val_as_float(a));
        if (op == UNARY_POSITIVE) return a;
    }
    return obj_unaryop(vm, op, a);
}

static Value subscr(VM *vm, Value c, Value k) {
    if (val_is_int(k) && val_is_obj(c)) {
        int64_t i = val_as_int(k), len;
        Value *items;
        if (IS_LIST(c) && !val_is_builtin_sub(c)) len = AS_LIST(c)->len, items = AS_LIST(c)->items;
        else if (IS_TUPLE(c)) len = AS_TUPLE(c)->len, items = AS_TUPLE(c)->items;
        else return obj_getitem(vm, c, k);
        if (i < 0) i += len;
        if (i >= 0 && i < len) return items[i];
    }
    return obj_getitem(vm, c, k);
}

static int store_subscr(VM *vm, Value c, Value k, Value v) {
    if (val_is_int(k) && IS_LIST(c) && !val_is_builtin_sub(c)) {
        List *l = AS_LIST(c);
        int64_t i = val_as_int(k);
        if (i < 0) i += l->len;
        if (i >= 0 && i < l->len) {
            l->items[i] = v;
            return 0;
        }
    }
    return obj_setitem(vm, c, k, v);
}

/* Next item of a range or list iterator without a call, VAL_NULL when
 * exhausted; other iterators go through iter_next. The fields' meaning is
 * iter.c's: a range iterator yields index, index + step, ... while before
 * stop; a list iterator reads src[index]. */
static inline Value for_iter(VM *vm, Value it) {
    if (val_is_kind(it, OBJ_ITER)) {
        Iter *p = AS_ITER(it);
        Type *t = p->obj.type;
        if (t == vm->types[T_RANGE_ITER]) {
            int64_t i = p->index;
            if (p->step > 0 ? i >= p->stop : i <= p->stop) return VAL_NULL;
            if (__builtin_add_overflow(i, p->step, &p->index)) p->index = p->stop;
            return int_fits_small(i) ? val_int(i) : int_from_i64(vm, i);
        }
        if (t == vm->types[T_LIST_ITER] && IS_LIST(p->src)) {
            List *l = AS_LIST(p->src);
            if (p->index < l->len) return l->items[p->index++];
        }
    }
    return iter_next(vm, it);
}

/* ---- inline caches --------------------------------------------------------
 * The generic LOAD_GLOBAL remembers in cache unit 1 (unit 0 is the adaptive
 * counter) where it found a name last time: the entry index + 1 in globals,
 * or in builtins with GLOBAL_IN_BUILTINS set; 0 = no hint. A hint is
 * verified before use (the entry must still hold the same interned key), so
 * a stale hint only costs a miss. The attribute instructions have no hints:
 * they specialize (docs/specialization.md). */
#define GLOBAL_IN_BUILTINS 0x8000
#define HINT_SCAN_MAX 2048

/* The entry position of interned key `name` in d, or -1. Only on misses,
 * and only in dicts small enough for a scan to be cheap. */
static int64_t entry_index(Dict *d, Str *name) {
    Value k = val_obj(name);
    if (d->used > HINT_SCAN_MAX) return -1;
    for (int64_t i = 0; i < d->used; i++)
        if (d->entries[i].key == k) return i;
    return -1;
}

/* The value of the entry the hint points at, or VAL_NULL. */
static inline Value hinted(Dict *d, uint32_t hint, Str *name) {
    return hint && (int64_t)hint <= d->used && d->entries[hint - 1].key == val_obj(name)
               ? d->entries[hint - 1].value
               : VAL_NULL;
}

static void hint_entry(uint16_t *cache, Dict *d, Str *name, uint16_t flag) {
    int64_t ix = entry_index(d, name);
    cache[0] = ix < 0 ? 0 : (uint16_t)((ix + 1) | flag);
}

static Value load_global_slow(VM *vm, Dict *globals, Str *name, uint16_t *cache) {
    Value v = dict_get_str(globals, name);
    if (v != VAL_NULL) {
        hint_entry(cache, globals, name, 0);
        return v;
    }
    v = dict_get_str(vm->builtins, name);
    if (v == VAL_NULL) return raise_name_error(vm, name);
    hint_entry(cache, vm->builtins, name, GLOBAL_IN_BUILTINS);
    return v;
}

static inline Value load_global(VM *vm, Dict *globals, Str *name, uint16_t *cache) {
    uint32_t hint = cache[0];
    Value v;
    if (!(hint & GLOBAL_IN_BUILTINS)) {
        if ((v = hinted(globals, hint, name)) != VAL_NULL) return v;
    } else if ((v = hinted(vm->builtins, hint & ~GLOBAL_IN_BUILTINS, name)) != VAL_NULL &&
               dict_get_str(globals, name) == VAL_NULL) {
        return v;
    }
    return load_global_slow(vm, globals, name, cache);
}

/* LOAD_ATTR's generic path: sp[-1] = attr, and at a method call site
 * (`method`) sp[0] = self or NULL. Returns -1 on error. */
static int load_attr(VM *vm, Value *sp, Str *name, bool method) {
    Value obj = sp[-1], out;
    if (!method) {
        out = obj_getattr(vm, obj, name);
        if (out == VAL_ERROR) return -1;
        sp[-1] = out;
        return 0;
    }
    int r = class_load_method(vm, obj, NULL, name, &out);
    if (r < 0) return -1;
    sp[-1] = out;
    sp[0] = r ? obj : VAL_NULL;
    return 0;
}

/* The generic paths, for the trace JIT's tier-2 uops (uop_bodies.h). */
Value uop_binop(VM *vm, int op, Value a, Value b) { return binop(vm, op, a, b); }
Value uop_compare(VM *vm, int op, Value a, Value b) { return compare(vm, op, a, b); }
Value uop_unary(VM *vm, int op, Value a) { return unary(vm, (UnaryOp)op, a); }
Value uop_subscr(VM *vm, Value c, Value k) { return subscr(vm, c, k); }
int uop_store_subscr(VM *vm, Value c, Value k, Value v) { return store_subscr(vm, c, k, v); }
int uop_load_attr(VM *vm, Value *sp, Str *name, bool method) { return load_attr(vm, sp, name, method); }
Value uop_load_global(VM *vm, Dict *globals, Str *name, uint16_t *hint) {
    return load_global(vm, globals, name, hint);
}
Value uop_for_iter(VM *vm, Value it) { return for_iter(vm, it); }
int uop_unpack(VM *vm, Value *slot, int n) { return unpack(vm, slot, n); }
int uop_format_value(VM *vm, Value *sp, uint32_t oparg) { return format_value(vm, sp, oparg); }
Value uop_build_string(VM *vm, Value *items, int n) { return build_string(vm, items, n); }

/* ---- the loop ----------------------------------------------------------- */

static Value run(VM *vm) {
    static void *const targets[OP_COUNT] = {
#define X(name, cache, pops, pushes, flags) [OP_##name] = &&op_##name,
        OPCODE_LIST(X)
#undef X
    };
    /* Under STITCH_STATS every dispatch first counts the opcode. */
    static void *const counting[OP_COUNT] = {
#define X(name, cache, pops, pushes, flags) [OP_##name] = &&count_op,
        OPCODE_LIST(X)
#undef X
    };
    void *const *dispatch = vm->spec_stats ? counting : targets;

    Frame *frame;
    uint16_t *ip;
    Value *sp, *base, *consts;
    uint32_t word, oparg;
    Tuple *kwnames;
    Value *slot;
    int npos;

#define LOAD_FRAME()                                                           \
    do {                                                                       \
        frame = &vm->frames[vm->nframes - 1];                                  \
        ip = frame->ip;                                                        \
        sp = frame->sp;                                                        \
        base = frame->base;                                                    \
        consts = frame->code->consts->items;                                   \
    } while (0)
#define STORE_FRAME()                                                          \
    do {                                                                       \
        frame->ip = ip;                                                        \
        frame->sp = sp;                                                        \
    } while (0)
#define DISPATCH()                                                             \
    do {                                                                       \
        word = *ip++;                                                          \
        oparg = word >> 8;                                                     \
        goto *dispatch[word & 0xff];                                           \
    } while (0)
#define SKIP(name) (ip += CACHES_##name)
#define NAME(i) AS_STR(frame->code->names->items[(i)])
#define CHECK(v)                                                               \
    do {                                                                       \
        if ((v) == VAL_ERROR) goto error;                                      \
    } while (0)
/* The adaptive step of a specializable generic instruction (specialize.h):
 * count down, and at zero try to rewrite it and run the new form. */
#define ADAPT()                                                                \
    do {                                                                       \
        if (__builtin_expect(ip[0] < ADAPTIVE_STEP, 0)) {                      \
            if (specialize(vm, frame, ip, sp, oparg)) {                        \
                word = ip[-1];                                                 \
                goto *targets[word & 0xff];                                    \
            }                                                                  \
        } else {                                                               \
            ip[0] -= ADAPTIVE_STEP;                                            \
        }                                                                      \
    } while (0)

    LOAD_FRAME();
    if (__builtin_expect(frame->flags & FRAME_THROW, 0)) {
        /* gen.c throws vm->exc into a generator at its yield. */
        frame->flags &= ~FRAME_THROW;
        goto error;
    }
    DISPATCH();

op_CACHE:
    vm_raise(vm, T_RUNTIME_ERROR, "bad bytecode: cache unit executed");
    goto error;
op_EXTENDED_ARG:
    word = *ip++;
    oparg = (oparg << 8) | (word >> 8);
    goto *dispatch[word & 0xff];

op_JUMP_BACKWARD:
    /* Loops are found here: with the JIT on, the cache unit counts the
     * jumps, and a hot one is handed to the JIT, which may rewrite it into
     * ENTER_EXECUTOR (then run at once). */
    if (vm->jit && jit_counter_hot(vm, ip)) {
        STORE_FRAME();
        if (vm->jit->hot_loop(vm, frame, ip - 1, ip + CACHES_JUMP_BACKWARD - (int)oparg)) {
            word = ip[-1];
            goto *targets[word & 0xff];
        }
    }
    ip += CACHES_JUMP_BACKWARD - (int)oparg;
    DISPATCH();
op_ENTER_EXECUTOR: {
    /* The jump is taken first: the trace starts at the loop's head. */
    uint16_t *jump = ip - 1;
    ip += CACHES_JUMP_BACKWARD - (int)oparg;
    STORE_FRAME();
    int r = vm->jit->enter(vm, jump);
    LOAD_FRAME();
    if (r == JIT_ERROR) goto error;
    DISPATCH();
}

op_DELETE_FAST:
    if (base[oparg] == VAL_NULL) {
        raise_unbound_local(vm, frame->code, (int)oparg);
        goto error;
    }
    base[oparg] = VAL_NULL;
    DISPATCH();

op_LOAD_GLOBAL: {
    ADAPT();
    /* Unit 0 is the adaptive counter; the hint lives in unit 1. */
    Value v = load_global(vm, frame->globals, NAME(oparg >> 1), ip + 1);
    CHECK(v);
    *sp++ = v;
    if (oparg & 1) *sp++ = VAL_NULL;
    SKIP(LOAD_GLOBAL);
    DISPATCH();
}
op_STORE_GLOBAL:
    sp--;
    if (dict_set_str(vm, frame->globals, NAME(oparg), *sp) < 0) goto error;
    DISPATCH();
op_DELETE_GLOBAL:
    if (delete_name(vm, frame->globals, NAME(oparg)) < 0) goto error;
    DISPATCH();
op_LOAD_NAME: {
    Value v = load_name(vm, frame->locals_dict, frame->globals, NAME(oparg));
    CHECK(v);
    *sp++ = v;
    DISPATCH();
}
op_STORE_NAME: {
    sp--;
    Dict *d = frame->locals_dict ? frame->locals_dict : frame->globals;
    if (dict_set(vm, d, val_obj(NAME(oparg)), *sp) < 0) goto error;
    DISPATCH();
}
op_DELETE_NAME:
    if (delete_name(vm, frame->locals_dict ? frame->locals_dict : frame->globals,
                    NAME(oparg)) < 0)
        goto error;
    DISPATCH();

op_LOAD_ATTR:
    ADAPT();
    if (load_attr(vm, sp, NAME(oparg >> 1), oparg & 1) < 0) goto error;
    sp += oparg & 1;
    SKIP(LOAD_ATTR);
    DISPATCH();
op_STORE_ATTR:
    ADAPT();
    sp -= 2;
    if (obj_setattr(vm, sp[1], NAME(oparg), sp[0]) < 0) goto error;
    SKIP(STORE_ATTR);
    DISPATCH();
op_DELETE_ATTR:
    sp--;
    if (obj_delattr(vm, *sp, NAME(oparg)) < 0) goto error;
    DISPATCH();
op_LOAD_SUPER_ATTR: {
    Value self = sp[-1];
    Str *name = NAME(oparg >> 1);
    Function *fn = frame->func;
    if (!fn || !fn->owner || frame->code->nargs < 1) {
        vm_raise(vm, T_RUNTIME_ERROR, "super(): no arguments");
        goto error;
    }
    if (oparg & 1) {
        Value out;
        int r = class_load_method(vm, self, fn->owner, name, &out);
        if (r < 0) goto error;
        sp[-1] = out;
        *sp++ = r ? self : VAL_NULL;
    } else {
        Value v = class_super_attr(vm, fn->owner, self, name);
        CHECK(v);
        sp[-1] = v;
    }
    SKIP(LOAD_SUPER_ATTR);
    DISPATCH();
}

op_UNARY_NEGATIVE: {
    Value r = unary(vm, UNARY_NEGATIVE, sp[-1]);
    CHECK(r);
    sp[-1] = r;
    DISPATCH();
}
op_UNARY_POSITIVE: {
    Value r = unary(vm, UNARY_POSITIVE, sp[-1]);
    CHECK(r);
    sp[-1] = r;
    DISPATCH();
}
op_UNARY_INVERT: {
    Value r = unary(vm, UNARY_INVERT, sp[-1]);
    CHECK(r);
    sp[-1] = r;
    DISPATCH();
}
op_UNARY_NOT: {
    Value v = sp[-1];
    int t = v == VAL_TRUE ? 1 : v == VAL_FALSE ? 0 : truthy_slow(vm, v);
    if (t < 0) goto error;
    sp[-1] = t ? VAL_FALSE : VAL_TRUE;
    DISPATCH();
}
op_BINARY_OP: {
    ADAPT();
    Value b = sp[-1], a = sp[-2], r;
    /* Numbers have no in-place forms: x += y is x + y for them. */
    int bop = oparg >= BINOP_INPLACE_BASE ? (int)oparg - BINOP_INPLACE_BASE : (int)oparg;
    if (val_is_int(a) && val_is_int(b) &&
        (r = binop_int_fast(bop, val_as_int(a), val_as_int(b))) != VAL_NULL) {
    } else if (val_is_float(a) && val_is_float(b) &&
               (r = binop_float_fast(bop, val_as_float(a), val_as_float(b))) != VAL_NULL) {
    } else {
        r = binop(vm, (int)oparg, a, b);
        CHECK(r);
    }
    sp[-2] = r;
    sp--;
    SKIP(BINARY_OP);
    DISPATCH();
}
op_COMPARE_OP: {
    ADAPT();
    Value b = sp[-1], a = sp[-2], r;
    if (val_is_int(a) && val_is_int(b)) {
        r = cmp_int_fast((int)oparg, val_as_int(a), val_as_int(b));
    } else {
        r = compare(vm, (int)oparg, a, b);
        CHECK(r);
    }
    sp[-2] = r;
    sp--;
    SKIP(COMPARE_OP);
    DISPATCH();
}
op_CONTAINS_OP: {
    ADAPT();
    int r = obj_contains(vm, sp[-1], sp[-2]);
    if (r < 0) goto error;
    sp[-2] = (r ^ (oparg & 1)) ? VAL_TRUE : VAL_FALSE;
    sp--;
    SKIP(CONTAINS_OP);
    DISPATCH();
}

op_BINARY_SUBSCR: {
    ADAPT();
    Value r = subscr(vm, sp[-2], sp[-1]);
    CHECK(r);
    sp[-2] = r;
    sp--;
    SKIP(BINARY_SUBSCR);
    DISPATCH();
}
op_STORE_SUBSCR:
    ADAPT();
    sp -= 3;
    if (store_subscr(vm, sp[1], sp[2], sp[0]) < 0) goto error;
    SKIP(STORE_SUBSCR);
    DISPATCH();
op_DELETE_SUBSCR:
    sp -= 2;
    if (obj_delitem(vm, sp[0], sp[1]) < 0) goto error;
    DISPATCH();
op_BUILD_SLICE: {
    Value step = oparg == 3 ? sp[-1] : VAL_NONE;
    Value *args = sp - oparg;
    Value r = slice_new(vm, args[0], args[1], step);
    CHECK(r);
    sp = args;
    *sp++ = r;
    DISPATCH();
}

op_BUILD_TUPLE: {
    Tuple *t = oparg ? tuple_from(vm, sp - oparg, oparg) : vm->empty_tuple;
    if (!t) goto error;
    sp -= oparg;
    *sp++ = val_obj(t);
    DISPATCH();
}
op_BUILD_LIST: {
    List *l = list_from(vm, sp - oparg, oparg);
    if (!l) goto error;
    sp -= oparg;
    *sp++ = val_obj(l);
    DISPATCH();
}
op_BUILD_MAP: {
    Value r = build_map(vm, sp - 2 * oparg, (int)oparg);
    CHECK(r);
    sp -= 2 * oparg;
    *sp++ = r;
    DISPATCH();
}
op_FORMAT_VALUE:
    STORE_FRAME();
    if (format_value(vm, sp, oparg) < 0) goto error;
    sp -= (oparg >> 2) & 1;
    DISPATCH();
op_BUILD_STRING: {
    Value r = build_string(vm, sp - oparg, (int)oparg);
    CHECK(r);
    sp -= oparg;
    *sp++ = r;
    DISPATCH();
}
op_LIST_TO_TUPLE: {
    Tuple *t = tuple_from(vm, AS_LIST(sp[-1])->items, AS_LIST(sp[-1])->len);
    if (!t) goto error;
    sp[-1] = val_obj(t);
    DISPATCH();
}
op_LIST_APPEND:
    if (list_append(vm, AS_LIST(sp[-1 - (int)oparg]), sp[-1]) < 0) goto error;
    sp--;
    DISPATCH();
op_LIST_EXTEND:
    if (!obj_is_iterable(vm, sp[-1])) {  /* [*x]: CPython's message */
        vm_raise(vm, T_TYPE_ERROR, "Value after * must be an iterable, not %s", type_name_of(vm, sp[-1]));
        goto error;
    }
    if (seq_extend(vm, AS_LIST(sp[-1 - (int)oparg]), sp[-1]) < 0) goto error;
    sp--;
    DISPATCH();
op_BUILD_SET: {
    Value r = build_set(vm, sp - oparg, (int)oparg);
    CHECK(r);
    sp -= oparg;
    *sp++ = r;
    DISPATCH();
}
op_SET_ADD:
    if (set_add(vm, AS_SET(sp[-1 - (int)oparg]), sp[-1]) < 0) goto error;
    sp--;
    DISPATCH();
op_SET_UPDATE:
    if (set_update(vm, AS_SET(sp[-1 - (int)oparg]), sp[-1]) < 0) goto error;
    sp--;
    DISPATCH();
op_UNPACK_EX:
    if (unpack_ex(vm, sp - 1, (int)(oparg & 0xFF), (int)(oparg >> 8)) < 0) goto error;
    sp += (int)(oparg & 0xFF) + (int)(oparg >> 8);
    DISPATCH();
op_MAP_ADD:
    if (dict_set(vm, AS_DICT(sp[-2 - (int)oparg]), sp[-2], sp[-1]) < 0) goto error;
    sp -= 2;
    DISPATCH();
op_UNPACK_SEQUENCE:
    ADAPT();
    if (unpack(vm, sp - 1, (int)oparg) < 0) goto error;
    sp += (int)oparg - 1;
    SKIP(UNPACK_SEQUENCE);
    DISPATCH();

op_GET_ITER: {
    Value r = obj_loop_iter(vm, sp[-1]);
    CHECK(r);
    sp[-1] = r;
    DISPATCH();
}
op_FOR_ITER: {
    ADAPT();
    Value v = for_iter(vm, sp[-1]);
    CHECK(v);
    SKIP(FOR_ITER);
    if (v == VAL_NULL) {
        sp--;
        if (val_is_obj(*sp)) iter_loop_done(vm, val_as_obj(*sp));
        ip += oparg;
    } else {
        *sp++ = v;
    }
    DISPATCH();
}

op_MAKE_FUNCTION: {
    Value r = make_function(vm, frame, sp, oparg);
    CHECK(r);
    sp -= (oparg & 1) + ((oparg >> 1) & 1) + ((oparg >> 3) & 1);
    sp[-1] = r;
    DISPATCH();
}
op_COPY_FREE_VARS:
    closure_copy_free_vars(frame, (int)oparg);
    DISPATCH();
op_DELETE_DEREF:
    if (closure_delete(vm, frame, (int)oparg) < 0) goto error;
    DISPATCH();
op_DICT_MERGE:
    STORE_FRAME();
    if (call_dict_merge(vm, sp[-(int)oparg - 4], AS_DICT(sp[-(int)oparg - 1]), sp[-1]) < 0)
        goto error;
    sp--;
    DISPATCH();
op_DICT_UPDATE:
    STORE_FRAME();
    if (dict_update_mapping(vm, AS_DICT(sp[-1 - (int)oparg]), sp[-1]) < 0) goto error;
    sp--;
    DISPATCH();
op_CALL_FUNCTION_EX:
    slot = sp - 3 - (oparg & 1);
    STORE_FRAME();
    npos = call_ex_prepare(vm, slot, oparg & 1, &kwnames);
    if (npos < 0) goto error;
    sp = slot + 2 + npos + (kwnames ? (int)kwnames->len : 0);
    goto do_call;

op_CALL_KW:
    ADAPT();
    sp--;
    kwnames = AS_TUPLE(*sp);
    slot = sp - oparg - 2;
    npos = (int)oparg - (int)kwnames->len;
    goto do_call;
op_CALL:
    ADAPT();
    kwnames = NULL;
    slot = sp - oparg - 2;
    npos = (int)oparg;
do_call: {
    Value callable = slot[0];
    if (val_is_obj(callable)) {
        switch (val_as_obj(callable)->kind) {
        case OBJ_FUNCTION: {
            Value *args = slot + 2;
            int n = npos;
            if (slot[1] != VAL_NULL) args--, n++;
            frame->ip = ip;
            frame->sp = slot;
            if (!call_push(vm, AS_FUNCTION(callable), args, n, kwnames, 0)) goto error;
            LOAD_FRAME();
            DISPATCH();
        }
        case OBJ_METHOD:
            if (slot[1] != VAL_NULL) break;
            slot[0] = AS_METHOD(callable)->func;
            slot[1] = AS_METHOD(callable)->self;
            goto do_call;
        case OBJ_NATIVE: {
            Native *nat = AS_NATIVE(callable);
            Value *args = slot + 2;
            int n = npos;
            if (slot[1] == VAL_NULL && nat->self != VAL_NULL) slot[1] = nat->self;
            if (slot[1] != VAL_NULL) args--, n++;
            STORE_FRAME();
            Value r = nat->fn(vm, args, n, kwnames);
            CHECK(r);
            sp = slot;
            *sp++ = r;
            SKIP(CALL);
            DISPATCH();
        }
        case OBJ_TYPE: {
            Function *init;
            if (slot[1] != VAL_NULL || AS_TYPE(callable)->builtin ||
                !(init = call_python_init(vm, AS_TYPE(callable))))
                break;
            Value inst = call_alloc_instance(vm, AS_TYPE(callable), slot + 2, npos);
            CHECK(inst);
            slot[0] = slot[1] = inst;
            frame->ip = ip;
            frame->sp = slot;
            if (!call_push(vm, init, slot + 1, npos + 1, kwnames, FRAME_INIT)) goto error;
            LOAD_FRAME();
            DISPATCH();
        }
        default:
            break;
        }
    }
    STORE_FRAME();
    Value r = call_slots(vm, slot, npos, kwnames);
    CHECK(r);
    sp = slot;
    *sp++ = r;
    SKIP(CALL);
    DISPATCH();
}

op_RETURN_VALUE: {
    Value r = sp[-1];
    int flags = frame->flags;
    if (flags & FRAME_INIT) {
        if (r != VAL_NONE)
            r = vm_raise(vm, T_TYPE_ERROR, "__init__() should return None, not '%s'",
                         val_type(vm, r)->name->data);
        else
            r = base[-1];
    }
    if (flags & FRAME_GEN) gen_finish(vm, frame, false);
    uint32_t exit = frame->gen_exit;
    vm->nframes--;
    if (flags & FRAME_ENTRY) return r;
    LOAD_FRAME();
    vm->stack_top = frame->top;
    CHECK(r);
    if (flags & FRAME_GEN) {
        /* FOR_ITER_GEN's loop is over (the iterator goes); SEND_GEN's
         * `yield from` has its result in the receiver's place. */
        if (flags & FRAME_GEN_SEND) sp[-1] = r;
        else sp--;
        ip += GEN_RESUME_CACHES + exit;
        DISPATCH();
    }
    *sp++ = r;
    SKIP(CALL);
    DISPATCH();
}

op_RETURN_GENERATOR: {
    Value g = gen_create(vm, frame, sp, ip);
    CHECK(g);
    *sp++ = g;
    goto op_RETURN_VALUE;
}
op_YIELD_VALUE: {
    /* To gen.c's resume (an entry), or to the FOR_ITER_GEN / SEND_GEN that
     * pushed the frame: the value goes on the caller's stack, after the
     * receiver, and the caller goes on after the instruction. */
    Value r = sp[-1];
    int flags = frame->flags;
    gen_yield(vm, frame, sp - 1, ip);
    vm->nframes--;
    if (flags & FRAME_ENTRY) return r;
    LOAD_FRAME();
    vm->stack_top = frame->top;
    *sp++ = r;
    ip += GEN_RESUME_CACHES;
    DISPATCH();
}
op_SEND: {
    ADAPT();
    Value out;
    STORE_FRAME();
    int r = gen_send(vm, sp[-2], sp[-1], &out);
    if (r < 0) goto error;
    SKIP(SEND);
    if (r == 0) {
        sp[-2] = out;
        sp--;
        ip += oparg;
    } else {
        sp[-1] = out;
    }
    DISPATCH();
}
op_GET_YIELD_FROM_ITER: {
    if (!IS_GEN(sp[-1])) {
        Value r = obj_iter(vm, sp[-1]);
        CHECK(r);
        sp[-1] = r;
    }
    DISPATCH();
}

op_BUILD_CLASS: {
    STORE_FRAME();
    Value r = class_build(vm, sp[-3], sp[-2], sp[-1]);
    CHECK(r);
    sp -= 3;
    *sp++ = r;
    DISPATCH();
}

op_RAISE_VARARGS:
    if (oparg == 0) {
        if (vm_handled(vm) == VAL_NONE) {
            vm_raise(vm, T_RUNTIME_ERROR, "No active exception to reraise");
            goto error;
        }
        vm->exc = vm_handled(vm);
        goto unwind;
    }
    if (oparg == 1) vm_raise_value(vm, sp[-1]);
    else raise_from(vm, sp[-2], sp[-1]);
    goto error;
op_PUSH_EXC_INFO: {
    Value exc = sp[-1];
    sp[-1] = vm->handled;
    *sp++ = exc;
    vm->handled = exc;
    DISPATCH();
}
op_POP_EXCEPT:
    vm->handled = *--sp;
    DISPATCH();
op_CHECK_EXC_MATCH: {
    Value t = sp[-1];
    if (check_exc_match_type(vm, t) < 0) goto error;
    sp[-1] = exc_matches(vm, sp[-2], t) ? VAL_TRUE : VAL_FALSE;
    DISPATCH();
}
op_RERAISE:
    vm->exc = *--sp;
    goto unwind;
op_LOAD_ASSERTION_ERROR:
    *sp++ = val_obj(vm->types[T_ASSERTION_ERROR]);
    DISPATCH();

    /* Instructions made of uops (uops.h): each runs its uops' bodies in
     * order. `next` is where it continues (JUMP_BY moves it); ip stays just
     * past the opcode while the uops run, for errors and cache reads. */
#define RUN_UOP(u)                                                             \
    switch (uop_##u(vm, frame, &sp, ip, &next, base, consts, oparg)) {         \
    case UOP_OK: break;                                                        \
    case UOP_DEOPT: goto deopt;                                                \
    case UOP_ERROR: goto error;                                                \
    case UOP_FRAME: goto enter_frame;                                          \
    }
#define UOP_HANDLER(P, name, base_, ...)                                       \
    op_##name: {                                                               \
        uint16_t *next = ip + CACHES_##name;                                   \
        UOP_FOR_EACH(RUN_UOP, __VA_ARGS__)                                     \
        ip = next;                                                             \
        DISPATCH();                                                            \
    }
    GENERIC_UOP_INSTRS(UOP_HANDLER, _)
    SPECIALIZED_INSTRS(UOP_HANDLER, _)
#undef UOP_HANDLER
#undef RUN_UOP

deopt:
    /* A guard failed before any side effect: go back to the generic form
     * and run it now. */
    spec_deopt(vm, ip - 1);
    word = ip[-1];
    goto *targets[word & 0xff];
enter_frame:
    LOAD_FRAME();
    DISPATCH();
count_op:
    vm->spec_stats->exec[word & 0xff]++;
    goto *targets[word & 0xff];

error: {
    Code *co = frame->code;
    if (vm->exc == VAL_NULL) vm_raise(vm, T_RUNTIME_ERROR, "error return without exception set");
    tb_add(vm, vm->exc, co, co->lines[ip - 1 - co->code]);
}
unwind: {
    Code *co = frame->code;
    int off = (int)(ip - 1 - co->code);
    const ExcEntry *h = find_handler(co, off);
    if (h) {
        sp = base + co->nlocals + h->depth;
        if (h->lasti) *sp++ = val_int(off);
        *sp++ = vm_take_exc(vm);
        ip = co->code + h->handler;
        DISPATCH();
    }
    int flags = frame->flags;
    if (flags & FRAME_GEN) gen_finish(vm, frame, true);
    vm->nframes--;
    if (flags & FRAME_ENTRY) return VAL_ERROR;
    LOAD_FRAME();
    vm->stack_top = frame->top;
    goto error;
}

#undef LOAD_FRAME
#undef STORE_FRAME
#undef DISPATCH
#undef SKIP
#undef NAME
#undef CHECK
#undef ADAPT
}

/* As in CPython 3.11, an entry from C counts against the recursion limit
 * on top of the Python frames, so recursion through dunders stops at about
 * half the depth of plain recursion. */
Value interp_run(VM *vm) {
    if (vm->c_depth >= C_DEPTH_MAX || vm->nframes + vm->c_depth > vm->opt.recursion_limit) {
        vm->nframes--;
        return vm_raise(vm, T_RECURSION_ERROR,
                        "maximum recursion depth exceeded while calling a Python object");
    }
    vm->c_depth++;
    Value r = run(vm);
    vm->c_depth--;
    return r;
}

Value vm_run_module(VM *vm, Code *code, Dict *globals) {
    Value *saved = vm->stack_top;
    Value *base = saved;
    Value *top = base + code->nlocals + code->stacksize;
    if (vm->nframes >= vm->max_frames || top > vm->stack_end)
        return vm_raise(vm, T_RECURSION_ERROR, "maximum recursion depth exceeded");
    for (Value *p = base; p < top; p++) *p = VAL_NULL;
    Frame *f = &vm->frames[vm->nframes++];
    *f = (Frame){.code = code, .globals = globals, .base = base,
                 .sp = base + code->nlocals, .ip = code->code, .flags = FRAME_ENTRY,
                 .top = top};
    vm->stack_top = top;
    Value r = interp_run(vm);
    vm->stack_top = saved;
    return r;
}
