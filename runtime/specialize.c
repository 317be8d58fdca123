/* specialize.c: choosing a specialized form for an instruction (quickening)
 * and the statistics of doing so. See specialize.h for the counters and
 * docs/specialization.md for each form's guards and cache layout. */
#include <stdlib.h>

#include "specialize.h"

#include "interp.h"

/* Globals and builtins entries are indexed by 12 bits (LOAD_GLOBAL keeps
 * the index in the counter unit's high bits while specialized). */
#define GLOBAL_INDEX_MAX (1 << (16 - ADAPTIVE_BACKOFF_BITS))
#define VERSION48 UINT64_C(0xFFFFFFFFFFFF)

static uint16_t backoff(uint16_t counter) {
    int exp = counter & ADAPTIVE_BACKOFF_MASK;
    if (exp < ADAPTIVE_BACKOFF_MAX) exp++;
    return (uint16_t)((((1 << exp) - 1) << ADAPTIVE_BACKOFF_BITS) | exp);
}

static bool is_num(Value v) { return val_is_float(v) || val_is_int(v); }

/* An instance of a user class whose memo has a Python function in `slot`
 * (refreshed here for the class's current version, so the guard passes). */
static bool has_py_dunder(VM *vm, Value o, int slot) {
    if (!val_is_kind(o, OBJ_INSTANCE)) return false;
    Type *t = val_as_obj(o)->type;
    return !t->builtin && type_dunder_refresh(vm, t) && type_dunder(t, slot);
}

/* a op b through a's Python dunder, unless b's reflected one may come
 * first. */
static int py_dunder_binary(VM *vm, Value a, Value b, int slot, int op, SpecFail *fail) {
    *fail = SPEC_FAIL_TYPES;
    if (!has_py_dunder(vm, a, slot)) return -1;
    *fail = SPEC_FAIL_OPERATOR;
    return type_reflected_first(vm, val_as_obj(a)->type, b) ? -1 : op;
}

static int binary_op(VM *vm, Value *sp, uint32_t oparg, SpecFail *fail) {
    Value a = sp[-2], b = sp[-1];
    int op = oparg >= BINOP_INPLACE_BASE ? (int)oparg - BINOP_INPLACE_BASE : (int)oparg;
    *fail = SPEC_FAIL_OPERATOR;
    if (val_is_int(a) && val_is_int(b)) {
        switch (op) {
        case BINOP_ADD: return OP_BINARY_OP_ADD_INT;
        case BINOP_SUBTRACT: return OP_BINARY_OP_SUBTRACT_INT;
        case BINOP_MULTIPLY: return OP_BINARY_OP_MULTIPLY_INT;
        case BINOP_FLOOR_DIVIDE: return OP_BINARY_OP_FLOOR_DIVIDE_INT;
        case BINOP_REMAINDER: return OP_BINARY_OP_REMAINDER_INT;
        case BINOP_AND: return OP_BINARY_OP_AND_INT;
        case BINOP_OR: return OP_BINARY_OP_OR_INT;
        case BINOP_XOR: return OP_BINARY_OP_XOR_INT;
        case BINOP_LSHIFT: return OP_BINARY_OP_LSHIFT_INT;
        case BINOP_RSHIFT: return OP_BINARY_OP_RSHIFT_INT;
        case BINOP_TRUE_DIVIDE: return OP_BINARY_OP_TRUE_DIVIDE_INT;
        default: return -1;
        }
    }
    if (val_is_float(a) && val_is_float(b)) {
        switch (op) {
        case BINOP_ADD: return OP_BINARY_OP_ADD_FLOAT;
        case BINOP_SUBTRACT: return OP_BINARY_OP_SUBTRACT_FLOAT;
        case BINOP_MULTIPLY: return OP_BINARY_OP_MULTIPLY_FLOAT;
        case BINOP_TRUE_DIVIDE: return OP_BINARY_OP_TRUE_DIVIDE_FLOAT;
        default: return -1;
        }
    }
    if (is_num(a) && is_num(b)) {
        switch (op) {
        case BINOP_ADD: return OP_BINARY_OP_ADD_NUM;
        case BINOP_SUBTRACT: return OP_BINARY_OP_SUBTRACT_NUM;
        case BINOP_MULTIPLY: return OP_BINARY_OP_MULTIPLY_NUM;
        case BINOP_TRUE_DIVIDE: return OP_BINARY_OP_TRUE_DIVIDE_NUM;
        default: return -1;
        }
    }
    if (IS_STR(a) && IS_STR(b)) return op == BINOP_ADD ? OP_BINARY_OP_ADD_STR : -1;
    return py_dunder_binary(vm, a, b, DUNDER_BINOP + (int)oparg, OP_BINARY_OP_PY_DUNDER, fail);
}

/* An int comparison whose result only a conditional jump reads fuses with
 * it (CPython 3.11's COMPARE_OP_INT_JUMP). */
static int compare_int(const uint16_t *cache) {
    int next = cache[opcode_caches[OP_COMPARE_OP]] & 0xFF;
    return next == OP_POP_JUMP_IF_FALSE || next == OP_POP_JUMP_IF_TRUE ? OP_COMPARE_OP_INT_JUMP
                                                                       : OP_COMPARE_OP_INT;
}

static int compare_op(VM *vm, const uint16_t *cache, Value *sp, uint32_t oparg, SpecFail *fail) {
    Value a = sp[-2], b = sp[-1];
    if (val_is_int(a) && val_is_int(b)) return compare_int(cache);
    if (is_num(a) && is_num(b)) return OP_COMPARE_OP_FLOAT;
    if (IS_STR(a) && IS_STR(b)) return OP_COMPARE_OP_STR;
    return py_dunder_binary(vm, a, b, DUNDER_CMP + (int)oparg, OP_COMPARE_OP_PY_DUNDER, fail);
}

static bool is_exact_dict(VM *vm, Value v) {
    return IS_DICT(v) && val_as_obj(v)->type == vm->types[T_DICT];
}

/* Not a list subclass, which may override __getitem__ and the rest. */
static bool is_exact_list(VM *vm, Value v) {
    return IS_LIST(v) && val_as_obj(v)->type == vm->types[T_LIST];
}

static int contains_op(VM *vm, Value *sp, SpecFail *fail) {
    Value c = sp[-1];
    if (is_exact_dict(vm, c)) return OP_CONTAINS_OP_DICT;
    if (val_is_kind(c, OBJ_SET)) {
        Type *t = val_as_obj(c)->type;
        if (t == vm->types[T_SET] || t == vm->types[T_FROZENSET]) return OP_CONTAINS_OP_SET;
    }
    if (has_py_dunder(vm, c, DUNDER_CONTAINS)) return OP_CONTAINS_OP_PY_DUNDER;
    *fail = SPEC_FAIL_TYPES;
    return -1;
}

static int binary_subscr(VM *vm, Value *sp, SpecFail *fail) {
    Value c = sp[-2], k = sp[-1];
    if (is_exact_dict(vm, c)) return OP_BINARY_SUBSCR_DICT;
    if (has_py_dunder(vm, c, DUNDER_GETITEM)) return OP_BINARY_SUBSCR_GETITEM;
    *fail = SPEC_FAIL_TYPES;
    if (!val_is_int(k)) return -1;
    if (is_exact_list(vm, c)) return OP_BINARY_SUBSCR_LIST_INT;
    if (IS_TUPLE(c)) return OP_BINARY_SUBSCR_TUPLE_INT;
    if (IS_STR(c) && AS_STR(c)->ascii) return OP_BINARY_SUBSCR_STR_INT;
    return -1;
}

static int store_subscr(VM *vm, Value *sp, SpecFail *fail) {
    Value c = sp[-2], k = sp[-1];
    if (is_exact_dict(vm, c)) return OP_STORE_SUBSCR_DICT;
    if (is_exact_list(vm, c) && val_is_int(k)) return OP_STORE_SUBSCR_LIST_INT;
    if (has_py_dunder(vm, c, DUNDER_SETITEM)) return OP_STORE_SUBSCR_SETITEM;
    *fail = SPEC_FAIL_TYPES;
    return -1;
}

static int unpack_sequence(VM *vm, Value *sp, uint32_t oparg, SpecFail *fail) {
    Value s = sp[-1];
    *fail = SPEC_FAIL_RANGE;
    if (IS_TUPLE(s)) {
        if (AS_TUPLE(s)->len != oparg) return -1;
        return oparg == 2 ? OP_UNPACK_SEQUENCE_TWO_TUPLE : OP_UNPACK_SEQUENCE_TUPLE;
    }
    if (is_exact_list(vm, s)) return AS_LIST(s)->len == oparg ? OP_UNPACK_SEQUENCE_LIST : -1;
    *fail = SPEC_FAIL_TYPES;
    return -1;
}

static int for_iter(VM *vm, Value *sp, SpecFail *fail) {
    Value it = sp[-1];
    *fail = SPEC_FAIL_TYPES;
    if (IS_GEN(it)) return OP_FOR_ITER_GEN;
    if (!val_is_kind(it, OBJ_ITER)) return -1;
    Type *t = val_as_obj(it)->type;
    if (t == vm->types[T_RANGE_ITER]) return OP_FOR_ITER_RANGE;
    if (t == vm->types[T_LIST_ITER]) return OP_FOR_ITER_LIST;
    if (t == vm->types[T_TUPLE_ITER]) return OP_FOR_ITER_TUPLE;
    return -1;
}

/* A generator resumes in the caller's loop; other receivers stay generic. */
static int send(Value *sp, SpecFail *fail) {
    *fail = SPEC_FAIL_TYPES;
    return IS_GEN(sp[-2]) ? OP_SEND_GEN : -1;
}

/* Entry position of interned key `name` in d, or -1 (a scan: only when
 * specializing). */
static int64_t entry_of(Dict *d, Str *name) {
    Value k = val_obj(name);
    for (int64_t i = 0; i < d->used; i++)
        if (d->entries[i].key == k) return i;
    return -1;
}

static void write48(uint16_t *c, uint64_t v) {
    c[0] = (uint16_t)v;
    c[1] = (uint16_t)(v >> 16);
    c[2] = (uint16_t)(v >> 32);
}

static int load_global(VM *vm, Frame *f, uint16_t *cache, uint32_t oparg, SpecFail *fail) {
    Str *name = AS_STR(f->code->names->items[oparg >> 1]);
    int64_t ix = entry_of(f->globals, name);
    int op = OP_LOAD_GLOBAL_MODULE;
    if (ix < 0) {
        ix = entry_of(vm->builtins, name);
        op = OP_LOAD_GLOBAL_BUILTIN;
    }
    if (ix < 0) {
        *fail = SPEC_FAIL_NOT_FOUND;
        return -1;
    }
    if (ix >= GLOBAL_INDEX_MAX) {
        *fail = SPEC_FAIL_TOO_BIG;
        return -1;
    }
    write48(cache + 1, f->globals->keys_version & VERSION48);
    cache[0] |= (uint16_t)(ix << ADAPTIVE_BACKOFF_BITS);
    return op;
}

static void write32(uint16_t *c, uint32_t v) {
    c[0] = (uint16_t)v;
    c[1] = (uint16_t)(v >> 16);
}

static void write64(uint16_t *c, uint64_t v) {
    write48(c, v);
    c[3] = (uint16_t)(v >> 48);
}

/* What LOAD_ATTR finds on a class without binding it to an instance: not a
 * function, nor a native method waiting for its self (class.c's bind), nor
 * a property, staticmethod or classmethod (descr.c). */
static bool is_plain_class_attr(Value v) {
    return !IS_FUNCTION(v) && !(val_is_kind(v, OBJ_NATIVE) && AS_NATIVE(v)->self == VAL_NULL) &&
           !val_is_kind(v, OBJ_DESCR);
}

/* A descriptor on class t under name: instance attribute sites stay generic. */
static bool has_descr(VM *vm, Type *t, Str *name) {
    return val_is_kind(type_lookup(vm, t, name), OBJ_DESCR);
}

/* Class objects answer dunder names such as __name__ and __dict__ before
 * their dicts (class.c's special_attr); those stay generic. */
static bool is_dunder(const Str *s) {
    return s->len > 4 && s->data[0] == '_' && s->data[1] == '_';
}

/* Objects of builtin classes whose attributes are only the class's natives
 * (lists, dicts, strs, ...): no per-object attributes can shadow them, and
 * builtin class dicts never change after start-up. */
static bool has_native_methods(Obj *o) {
    switch ((ObjKind)o->kind) {
    case OBJ_INSTANCE: case OBJ_EXCEPTION: case OBJ_TYPE: case OBJ_MODULE: return false;
    default: return o->type->builtin;
    }
}

/* `[].append(x)`-style call sites: [obj] -> [native obj]. */
static int load_native_method(VM *vm, Type *t, Str *name, uint16_t *cache, uint32_t oparg,
                              SpecFail *fail) {
    *fail = SPEC_FAIL_ATTR_KIND;
    if (!(oparg & 1) || !t->version) return -1;
    Value v = type_lookup(vm, t, name);
    *fail = SPEC_FAIL_NOT_FOUND;
    if (v == VAL_NULL) return -1;
    *fail = SPEC_FAIL_ATTR_KIND;
    if (!val_is_kind(v, OBJ_NATIVE) || AS_NATIVE(v)->self != VAL_NULL) return -1;
    write32(cache + 1, t->version);
    write64(cache + 4, v);
    return OP_LOAD_ATTR_METHOD_NATIVE;
}

/* Cache units: 1-2 the class version, 3 the slot index, 4-7 a Value (the
 * function of a method, or a class attribute's value). A cached Value is
 * kept alive by the class dict holding it for as long as the version
 * matches. */
/* LOAD_ATTR's unit 8 says units 1-2, 3 and 4-7 hold an instance-value
 * entry (versions and slot) from an earlier specialization, which a
 * polymorphic form may extend. Any other form clears it. */
#define POLY_TAG 0x9A7

static uint32_t read32(const uint16_t *c) { return (uint32_t)c[0] | (uint32_t)c[1] << 16; }

/* Specialize for t's instances holding the name at slot k, keeping the
 * classes already cached for the same slot (the newest first). */
static int instance_value(uint16_t *cache, bool had, Type *t, int k) {
    uint32_t vs[3] = {t->version, 0, 0};
    int n = 1;
    if (had && cache[3] == (uint16_t)k) {
        uint32_t old[3] = {read32(cache + 1), read32(cache + 4), read32(cache + 6)};
        for (int j = 0; j < 3 && n < 3; j++)
            if (old[j] && old[j] != t->version) vs[n++] = old[j];
    }
    write32(cache + 1, vs[0]);
    write32(cache + 4, vs[1]);
    write32(cache + 6, vs[2]);
    cache[3] = (uint16_t)k;
    cache[8] = POLY_TAG;
    return n == 1 ? OP_LOAD_ATTR_INSTANCE_VALUE : OP_LOAD_ATTR_INSTANCE_VALUE_POLY;
}

static int load_attr(VM *vm, Frame *f, uint16_t *cache, Value *sp, uint32_t oparg, SpecFail *fail) {
    Value obj = sp[-1];
    Str *name = AS_STR(f->code->names->items[oparg >> 1]);
    Type *t;
    Value v;
    bool had_instance_value = cache[8] == POLY_TAG;
    cache[8] = 0;
    if (IS_TYPE(obj)) {
        t = AS_TYPE(obj);
        *fail = SPEC_FAIL_ATTR_KIND;
        if (is_dunder(name)) return -1;
        *fail = SPEC_FAIL_NOT_FOUND;
        if ((v = type_lookup(vm, t, name)) == VAL_NULL) return -1;
        *fail = SPEC_FAIL_ATTR_KIND;
        if (val_is_kind(v, OBJ_DESCR)) return -1;
        *fail = SPEC_FAIL_VERSION;
        if (!t->version) return -1;
        write32(cache + 1, t->version);
        write64(cache + 4, v);
        return OP_LOAD_ATTR_CLASS;
    }
    *fail = SPEC_FAIL_TYPES;
    if (val_is_obj(obj) && has_native_methods(val_as_obj(obj)))
        return load_native_method(vm, val_as_obj(obj)->type, name, cache, oparg, fail);
    if (!val_is_kind(obj, OBJ_INSTANCE)) return -1;
    Instance *i = AS_INSTANCE(obj);
    t = i->obj.type;
    *fail = SPEC_FAIL_VERSION;
    if (!t->version) return -1;
    *fail = SPEC_FAIL_ATTR_KIND;
    if (has_descr(vm, t, name)) return -1;
    int k = layout_find(t, name);
    *fail = SPEC_FAIL_NOT_FOUND;
    if (k >= 0) {
        if ((uint32_t)k >= i->nslots || i->slots[k] == VAL_NULL) return -1;
        return instance_value(cache, had_instance_value, t, k);
    }
    write32(cache + 1, t->version);
    *fail = SPEC_FAIL_ATTR_KIND;
    if (i->overflow && dict_get_str(i->overflow, name) != VAL_NULL) return -1;
    *fail = SPEC_FAIL_NOT_FOUND;
    if ((v = type_lookup(vm, t, name)) == VAL_NULL) return -1;
    write64(cache + 4, v);
    if (is_plain_class_attr(v)) return OP_LOAD_ATTR_NONDESCRIPTOR;
    *fail = SPEC_FAIL_ATTR_KIND;
    return oparg & 1 ? OP_LOAD_ATTR_METHOD : -1;
}

/* Cache units: 1-2 the class version, 3 the slot index. Only names already
 * in the layout: a store that grows it changes the version anyway. */
static int store_attr(VM *vm, Frame *f, uint16_t *cache, Value *sp, uint32_t oparg,
                      SpecFail *fail) {
    Value obj = sp[-1];
    Str *name = AS_STR(f->code->names->items[oparg]);
    *fail = SPEC_FAIL_TYPES;
    if (!val_is_kind(obj, OBJ_INSTANCE)) return -1;
    Instance *i = AS_INSTANCE(obj);
    Type *t = i->obj.type;
    *fail = SPEC_FAIL_VERSION;
    if (!t->version) return -1;
    *fail = SPEC_FAIL_ATTR_KIND;
    if (has_descr(vm, t, name)) return -1;
    int k = layout_find(t, name);
    *fail = SPEC_FAIL_NOT_FOUND;
    if (k < 0) return -1;
    *fail = SPEC_FAIL_RANGE;
    if ((uint32_t)k >= i->nslots) return -1;
    write32(cache + 1, t->version);
    cache[3] = (uint16_t)k;
    return OP_STORE_ATTR_INSTANCE_VALUE;
}

static NativeFn builtin_fn(VM *vm, const char *name) {
    Str *s = str_intern_cstr(vm, name);
    if (!s) {
        vm_take_exc(vm);
        return NULL;
    }
    Value v = dict_get_str(vm->builtins, s);
    return val_is_kind(v, OBJ_NATIVE) ? AS_NATIVE(v)->fn : NULL;
}

static int call(VM *vm, uint16_t *cache, Value *sp, uint32_t oparg, SpecFail *fail) {
    Value *slot = sp - oparg - 2;
    Value c = slot[0];
    bool self = slot[1] != VAL_NULL;
    *fail = SPEC_FAIL_CALLABLE;
    if (!val_is_obj(c)) return -1;
    switch (val_as_obj(c)->kind) {
    case OBJ_FUNCTION:
        /* The callee's code id is a hint for the trace projector (the
         * instruction itself does not depend on it). */
        write32(cache + 1, AS_FUNCTION(c)->code->id);
        return AS_FUNCTION(c)->code->nargs == (int)oparg + self ? OP_CALL_PY_EXACT_ARGS
                                                                  : OP_CALL_PY_GENERAL;
    case OBJ_METHOD: {
        Value fn = AS_METHOD(c)->func;
        *fail = SPEC_FAIL_ARGS;
        if (self || !IS_FUNCTION(fn) || AS_FUNCTION(fn)->code->nargs != (int)oparg + 1) return -1;
        write32(cache + 1, AS_FUNCTION(fn)->code->id);
        return OP_CALL_BOUND_METHOD_EXACT_ARGS;
    }
    case OBJ_NATIVE: {
        Native *nat = AS_NATIVE(c);
        if (!vm->len_fn) vm->len_fn = builtin_fn(vm, "len");
        if (!vm->isinstance_fn) vm->isinstance_fn = builtin_fn(vm, "isinstance");
        bool plain = !self && nat->self == VAL_NULL;
        if (plain && oparg == 1 && nat->fn == vm->len_fn) return OP_CALL_LEN;
        if (plain && oparg == 2 && nat->fn == vm->isinstance_fn && IS_TYPE(slot[3]))
            return OP_CALL_ISINSTANCE;
        return OP_CALL_BUILTIN;
    }
    case OBJ_TYPE: {
        Type *t = AS_TYPE(c);
        if (!self && t->builtin && t->ctor) return OP_CALL_BUILTIN_CLASS;
        if (self || t->builtin || !call_python_init(vm, t)) return -1;
        if (!t->version) {
            *fail = SPEC_FAIL_VERSION;
            return -1;
        }
        write32(cache + 1, t->version);
        /* __init__'s code id, for the trace projector (a hint, pinned by
         * the version like __init__ itself; 0 when it does not fit). */
        uint32_t id = call_python_init(vm, t)->code->id;
        cache[3] = id <= 0xFFFF ? (uint16_t)id : 0;
        return OP_CALL_ALLOC_AND_ENTER_INIT;
    }
    default:
        return -1;
    }
}

/* Python callees of CALL_KW bind by a map worked out here (call.c's
 * call_kw_map) into unit 3; units 1-2 hold what pins it: the callee's code
 * id (also the projector's inlining hint) or the class's version. */
static int call_kw_py(Function *fn, uint16_t *cache, int npos, Tuple *kwnames, SpecFail *fail) {
    int map = call_kw_map(fn, npos, kwnames);
    *fail = SPEC_FAIL_ARGS;
    if (map < 0) return -1;
    write32(cache + 1, fn->code->id);
    cache[3] = (uint16_t)map;
    return 0;
}

static int call_kw(VM *vm, uint16_t *cache, Value *sp, uint32_t oparg, SpecFail *fail) {
    Tuple *kwnames = AS_TUPLE(sp[-1]);
    Value *slot = sp - oparg - 3;
    Value c = slot[0];
    bool self = slot[1] != VAL_NULL;
    int npos = (int)oparg - (int)kwnames->len;
    *fail = SPEC_FAIL_CALLABLE;
    if (!val_is_obj(c)) return -1;
    switch (val_as_obj(c)->kind) {
    case OBJ_FUNCTION:
        if (call_kw_py(AS_FUNCTION(c), cache, npos + self, kwnames, fail) < 0) return -1;
        return self ? OP_CALL_KW_PY_SELF : OP_CALL_KW_PY;
    case OBJ_METHOD: {
        Value fn = AS_METHOD(c)->func;
        *fail = SPEC_FAIL_ARGS;
        if (self || !IS_FUNCTION(fn) || call_kw_py(AS_FUNCTION(fn), cache, npos + 1, kwnames, fail) < 0)
            return -1;
        return OP_CALL_KW_BOUND_METHOD;
    }
    case OBJ_NATIVE:
        return OP_CALL_KW_BUILTIN;
    case OBJ_TYPE: {
        Type *t = AS_TYPE(c);
        if (!self && t->builtin && t->ctor) return OP_CALL_KW_BUILTIN_CLASS;
        Function *init = self || t->builtin ? NULL : call_python_init(vm, t);
        if (!init) return -1;
        *fail = SPEC_FAIL_VERSION;
        if (!t->version) return -1;
        if (call_kw_py(init, cache, npos + 1, kwnames, fail) < 0) return -1;
        write32(cache + 1, t->version);
        return OP_CALL_KW_ALLOC_AND_ENTER_INIT;
    }
    default:
        return -1;
    }
}

bool specialize(VM *vm, Frame *f, uint16_t *cache, Value *sp, uint32_t oparg) {
    uint16_t *instr = cache - 1;
    int base = *instr & 0xFF;
    uint16_t exp = cache[0] & ADAPTIVE_BACKOFF_MASK;
    if (vm->opt.no_specialize) {
        cache[0] = (uint16_t)(0xFFFF & ~ADAPTIVE_BACKOFF_MASK) | exp;
        return false;
    }
    SpecStats *st = vm->spec_stats;
    if (st) st->attempts[base]++;
    SpecFail fail = SPEC_FAIL_TYPES;
    int op = -1;
    cache[0] = exp;
    switch (base) {
    case OP_BINARY_OP: op = binary_op(vm, sp, oparg, &fail); break;
    case OP_COMPARE_OP: op = compare_op(vm, cache, sp, oparg, &fail); break;
    case OP_CONTAINS_OP: op = contains_op(vm, sp, &fail); break;
    case OP_BINARY_SUBSCR: op = binary_subscr(vm, sp, &fail); break;
    case OP_STORE_SUBSCR: op = store_subscr(vm, sp, &fail); break;
    case OP_UNPACK_SEQUENCE: op = unpack_sequence(vm, sp, oparg, &fail); break;
    case OP_FOR_ITER: op = for_iter(vm, sp, &fail); break;
    case OP_SEND: op = send(sp, &fail); break;
    case OP_LOAD_GLOBAL: op = load_global(vm, f, cache, oparg, &fail); break;
    case OP_CALL: op = call(vm, cache, sp, oparg, &fail); break;
    case OP_CALL_KW: op = call_kw(vm, cache, sp, oparg, &fail); break;
    case OP_LOAD_ATTR: op = load_attr(vm, f, cache, sp, oparg, &fail); break;
    case OP_STORE_ATTR: op = store_attr(vm, f, cache, sp, oparg, &fail); break;
    default: break;
    }
    if (op < 0) {
        if (st) st->failures[base][fail]++;
        cache[0] = backoff(exp);
        return false;
    }
    if (st) st->successes[op]++;
    *instr = (uint16_t)((*instr & 0xFF00) | op);
    return true;
}

void spec_deopt(VM *vm, uint16_t *instr) {
    int op = *instr & 0xFF;
    if (vm->spec_stats) vm->spec_stats->deopts[op]++;
    *instr = (uint16_t)((*instr & 0xFF00) | opcode_base[op]);
    instr[1] = backoff(instr[1]);
}

bool spec_stats_enable(VM *vm) {
    if (!vm->spec_stats) vm->spec_stats = calloc(1, sizeof(SpecStats));
    return vm->spec_stats != NULL;
}

static const char *const fail_names[SPEC_FAIL_COUNT] = {
#define X(e, s) s,
    SPEC_FAIL_LIST(X)
#undef X
};

void spec_stats_report(VM *vm, FILE *out) {
    SpecStats *st = vm->spec_stats;
    if (!st) return;
    uint64_t total = 0;
    for (int op = 0; op < OP_COUNT; op++) total += st->exec[op];
    fprintf(out, "stitch stats: %llu instructions executed\n", (unsigned long long)total);
    fputs("opcode                            executed      %\n", out);
    for (int op = 0; op < OP_COUNT; op++)
        if (st->exec[op])
            fprintf(out, "  %-30s %12llu %6.2f\n", opcode_names[op], (unsigned long long)st->exec[op],
                    100.0 * (double)st->exec[op] / (double)(total ? total : 1));
    fputs("specialization                    attempts  successes  failures\n", out);
    for (int base = 0; base < OP_COUNT; base++) {
        if (!st->attempts[base]) continue;
        uint64_t ok = 0, failed = 0;
        for (int op = 0; op < OP_COUNT; op++)
            if (opcode_base[op] == base && op != base) ok += st->successes[op];
        for (int r = 0; r < SPEC_FAIL_COUNT; r++) failed += st->failures[base][r];
        fprintf(out, "  %-30s %10llu %10llu %9llu\n", opcode_names[base],
                (unsigned long long)st->attempts[base], (unsigned long long)ok,
                (unsigned long long)failed);
        for (int r = 0; r < SPEC_FAIL_COUNT; r++)
            if (st->failures[base][r])
                fprintf(out, "      failed: %-28s %llu\n", fail_names[r],
                        (unsigned long long)st->failures[base][r]);
        for (int op = 0; op < OP_COUNT; op++)
            if (opcode_base[op] == base && op != base && (st->successes[op] || st->deopts[op]))
                fprintf(out, "      -> %-28s %llu specialized, %llu deopts\n", opcode_names[op],
                        (unsigned long long)st->successes[op], (unsigned long long)st->deopts[op]);
    }
    free(st);
    vm->spec_stats = NULL;
}
