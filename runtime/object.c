/* object.c: the generic object protocol (repr, str, truth, hash, equality,
 * comparison, arithmetic) for builtin types, falling back to the special
 * methods of user classes through vm_call_dunder.
 *
 * Only dunders defined by user classes are called: a builtin class's native
 * methods (object.__repr__, ...) are implemented here, and calling them from
 * here would recurse. Public entry points root their operands before
 * anything that can allocate, so callers may pass fresh values. */
#include <math.h>
#include <stdlib.h>

#include "vm.h"
#include "builtins.h"

static const char *type_name(VM *vm, Value v) { return val_type(vm, v)->name->data; }

static bool is_num(Value v) { return val_is_float(v) || val_is_anyint(v); }

static bool is_user(Value v) { return val_is_obj(v) && !val_as_obj(v)->type->builtin; }

/* An instance of a user class that is not a list or dict underneath. */
static bool is_plain_user(Value v) { return is_user(v) && !val_is_builtin_sub(v); }

/* An attribute found on the user-defined part of v's class chain, or
 * VAL_NULL. */
static Value user_lookup(Value v, Str *name) {
    if (!val_is_obj(v)) return VAL_NULL;
    return type_lookup_user(val_as_obj(v)->type, name);
}

/* Call a user-defined dunder; VAL_NULL when the class has none. */
static Value call_user(VM *vm, Value v, Str *name, Value *args, int nargs) {
    if (!name || user_lookup(v, name) == VAL_NULL) return VAL_NULL;
    return vm_call_dunder(vm, v, name, args, nargs);
}

Value obj_call_override(VM *vm, Value v, Str *name, Value *args, int nargs) {
    return call_user(vm, v, name, args, nargs);
}

/* The interned "__<prefix><op>__" (e.g. "__iadd__", "__neg__"); NULL on
 * MemoryError. */
static Str *dunder_name(VM *vm, const char *prefix, const char *op) {
    char buf[64];
    snprintf(buf, sizeof buf, "__%s%s__", prefix, op);
    return str_intern_cstr(vm, buf);
}

/* The module a class reports in reprs: its __module__, else __main__. */
static const char *module_name(VM *vm, Type *t) {
    Value m = dict_get_str(t->dict, vm->names[NAME_MODULE]);
    return IS_STR(m) ? AS_STR(m)->data : "__main__";
}

static int64_t range_len(Range *r) {
    if (r->step > 0 && r->start < r->stop) return (r->stop - r->start - 1) / r->step + 1;
    if (r->step < 0 && r->start > r->stop) return (r->start - r->stop - 1) / (-r->step) + 1;
    return 0;
}

/* ---- repr and str ------------------------------------------------------- */

static int repr_into(VM *vm, StrBuf *b, Value v);

/* Guard against self-containing containers: 1 if o's repr is already in
 * progress, 0 if pushed, -1 on error (too deep). */
static int repr_enter(VM *vm, Obj *o) {
    for (int i = 0; i < vm->repr_depth; i++)
        if (vm->repr_stack[i] == o) return 1;
    if (vm->repr_depth >= vm->opt.recursion_limit) {
        vm_raise(vm, T_RECURSION_ERROR, "maximum recursion depth exceeded while getting the repr of an object");
        return -1;
    }
    if (vm->repr_depth == vm->repr_cap) {
        int cap = vm->repr_cap ? vm->repr_cap * 2 : 16;
        Obj **s = realloc(vm->repr_stack, (size_t)cap * sizeof *s);
        if (!s) {
            vm_raise_oom(vm);
            return -1;
        }
        vm->repr_stack = s;
        vm->repr_cap = cap;
    }
    vm->repr_stack[vm->repr_depth++] = o;
    return 0;
}

/* Append a str-valued result of a user __repr__/__str__, type-checked. */
static int add_str_result(VM *vm, StrBuf *b, Value r, const char *which) {
    if (r == VAL_ERROR) return -1;
    if (!IS_STR(r)) {
        vm_raise(vm, T_TYPE_ERROR, "%s returned non-string (type %s)", which, type_name(vm, r));
        return -1;
    }
    sb_add(b, AS_STR(r)->data, AS_STR(r)->len);
    return 0;
}

/* "item, item, ..." for the first len() items of a list or tuple (re-read
 * every time: a __repr__ may mutate the list). */
static int items_into(VM *vm, StrBuf *b, Value seq) {
    for (int64_t i = 0;; i++) {
        int64_t n = IS_LIST(seq) ? AS_LIST(seq)->len : AS_TUPLE(seq)->len;
        if (i >= n) return 0;
        Value item = IS_LIST(seq) ? AS_LIST(seq)->items[i] : AS_TUPLE(seq)->items[i];
        if (i > 0) sb_adds(b, ", ");
        if (repr_into(vm, b, item) < 0) return -1;
    }
}

static int dict_into(VM *vm, StrBuf *b, Dict *d) {
    Value k, v;
    int64_t pos = 0;
    bool first = true;
    sb_addc(b, '{');
    while (dict_next(d, &pos, &k, &v)) {
        if (!first) sb_adds(b, ", ");
        first = false;
        gc_push_root(vm, v);
        int rc = repr_into(vm, b, k);
        if (rc == 0) sb_adds(b, ": ");
        if (rc == 0) rc = repr_into(vm, b, v);
        gc_pop_roots(vm, 1);
        if (rc < 0) return -1;
    }
    sb_addc(b, '}');
    return 0;
}

/* dict_keys([...]) and friends. */
static int view_into(VM *vm, StrBuf *b, Iter *it) {
    TypeId id = it->obj.type == vm->types[T_DICT_KEYS]     ? T_DICT_KEYS
                : it->obj.type == vm->types[T_DICT_VALUES] ? T_DICT_VALUES
                                                           : T_DICT_ITEMS;
    sb_adds(b, it->obj.type->name->data);
    sb_adds(b, "([");
    Dict *d = IS_DICT(it->src) ? AS_DICT(it->src) : NULL;
    Value k, v;
    int64_t pos = 0;
    bool first = true;
    while (d && dict_next(d, &pos, &k, &v)) {
        if (!first) sb_adds(b, ", ");
        first = false;
        gc_push_root(vm, k);
        gc_push_root(vm, v);
        int rc = 0;
        if (id == T_DICT_ITEMS) {
            sb_addc(b, '(');
            rc = repr_into(vm, b, k);
            if (rc == 0) sb_adds(b, ", ");
            if (rc == 0) rc = repr_into(vm, b, v);
            sb_addc(b, ')');
        } else {
            rc = repr_into(vm, b, id == T_DICT_KEYS ? k : v);
        }
        gc_pop_roots(vm, 2);
        if (rc < 0) return -1;
    }
    sb_adds(b, "])");
    return 0;
}

static int exc_repr_into(VM *vm, StrBuf *b, Exception *e) {
    sb_adds(b, e->obj.type->name->data);
    Tuple *args = e->args ? e->args : vm->empty_tuple;
    if (args->len == 1) {
        sb_addc(b, '(');
        if (repr_into(vm, b, args->items[0]) < 0) return -1;
        sb_addc(b, ')');
        return 0;
    }
    return repr_into(vm, b, val_obj(args));
}

/* {1, 2}, set(), frozenset({1, 2}), frozenset(). */
static int set_into(VM *vm, StrBuf *b, Set *s) {
    bool frozen = s->obj.type == vm->types[T_FROZENSET];
    if (s->used == 0) {
        sb_adds(b, frozen ? "frozenset()" : "set()");
        return 0;
    }
    if (frozen) sb_adds(b, "frozenset(");
    sb_addc(b, '{');
    int64_t pos = 0;
    Value k;
    for (bool first = true; set_next(s, &pos, &k); first = false) {
        if (!first) sb_adds(b, ", ");
        if (repr_into(vm, b, k) < 0) return -1;
    }
    sb_addc(b, '}');
    if (frozen) sb_addc(b, ')');
    return 0;
}

/* Containers that can contain themselves go through repr_enter. */
static int container_into(VM *vm, StrBuf *b, Value v) {
    Obj *o = val_as_obj(v);
    int in = repr_enter(vm, o);
    if (in < 0) return -1;
    if (in > 0) {
        sb_adds(b, o->kind == OBJ_LIST ? "[...]" : o->kind == OBJ_DICT ? "{...}" : "(...)");
        return 0;
    }
    int rc;
    if (o->kind == OBJ_LIST) {
        sb_addc(b, '[');
        rc = items_into(vm, b, v);
        sb_addc(b, ']');
    } else if (o->kind == OBJ_TUPLE) {
        sb_addc(b, '(');
        rc = items_into(vm, b, v);
        if (AS_TUPLE(v)->len == 1) sb_addc(b, ',');
        sb_addc(b, ')');
    } else if (o->kind == OBJ_DICT) {
        rc = dict_into(vm, b, (Dict *)o);
    } else if (o->kind == OBJ_SET) {
        rc = set_into(vm, b, (Set *)o);
    } else {
        rc = view_into(vm, b, (Iter *)o);
    }
    vm->repr_depth--;
    return rc;
}

static int instance_into(VM *vm, StrBuf *b, Value v) {
    if (v == vm->not_implemented) {
        sb_adds(b, "NotImplemented");
        return 0;
    }
    Value r = call_user(vm, v, vm->names[NAME_REPR], NULL, 0);
    if (r != VAL_NULL) return add_str_result(vm, b, r, "__repr__");
    if (IS_EXC(v)) return exc_repr_into(vm, b, AS_EXC(v));
    Type *t = val_as_obj(v)->type;
    sb_addf(b, "<%s.%s object at %p>", module_name(vm, t), t->name->data, (void *)val_as_obj(v));
    return 0;
}

static int repr_into(VM *vm, StrBuf *b, Value v) {
    char buf[32];
    if (val_is_float(v)) {
        float_repr_buf(val_as_float(v), buf);
        sb_adds(b, buf);
        return 0;
    }
    if (val_is_int(v)) {
        sb_add(b, buf, int_format_i64(val_as_int(v), buf));
        return 0;
    }
    if (!val_is_obj(v)) {
        sb_adds(b, v == VAL_TRUE ? "True" : v == VAL_FALSE ? "False" : v == VAL_NONE ? "None" : "<NULL>");
        return 0;
    }
    if (val_is_builtin_sub(v)) {
        Value r = call_user(vm, v, vm->names[NAME_REPR], NULL, 0);
        if (r != VAL_NULL) return add_str_result(vm, b, r, "__repr__");
    }
    Obj *o = val_as_obj(v);
    gc_push_root(vm, v);
    int rc = 0;
    switch ((ObjKind)o->kind) {
    case OBJ_STR:
        str_repr_into(b, AS_STR(v)->data, AS_STR(v)->len);
        break;
    case OBJ_BIGINT: {
        Str *s = int_repr(vm, v);
        if (s) sb_add(b, s->data, s->len);
        else rc = -1;
        break;
    }
    case OBJ_TUPLE:
    case OBJ_LIST:
    case OBJ_DICT:
    case OBJ_SET:
        rc = container_into(vm, b, v);
        break;
    case OBJ_RANGE: {
        Range *r = (Range *)o;
        sb_addf(b, "range(%lld, %lld", (long long)r->start, (long long)r->stop);
        if (r->step != 1) sb_addf(b, ", %lld", (long long)r->step);
        sb_addc(b, ')');
        break;
    }
    case OBJ_SLICE: {
        Slice *s = (Slice *)o;
        sb_adds(b, "slice(");
        rc = repr_into(vm, b, s->start);
        if (rc == 0) sb_adds(b, ", ");
        if (rc == 0) rc = repr_into(vm, b, s->stop);
        if (rc == 0) sb_adds(b, ", ");
        if (rc == 0) rc = repr_into(vm, b, s->step);
        sb_addc(b, ')');
        break;
    }
    case OBJ_ITER:
        if (o->type == vm->types[T_DICT_KEYS] || o->type == vm->types[T_DICT_VALUES] ||
            o->type == vm->types[T_DICT_ITEMS])
            rc = container_into(vm, b, v);
        else
            sb_addf(b, "<%s object at %p>", o->type->name->data, (void *)o);
        break;
    case OBJ_CODE: {
        Code *c = (Code *)o;
        sb_addf(b, "<code object %s at %p, file \"%s\", line %d>", c->name ? c->name->data : "?",
                (void *)o, c->filename ? c->filename->data : "?", c->firstline);
        break;
    }
    case OBJ_FUNCTION: {
        Function *f = (Function *)o;
        Str *n = f->qualname ? f->qualname : f->name;
        sb_addf(b, "<function %s at %p>", n ? n->data : "?", (void *)o);
        break;
    }
    case OBJ_NATIVE: {
        Native *n = (Native *)o;
        if (n->self == VAL_NULL || n->self == VAL_NONE)
            sb_addf(b, "<built-in function %s>", n->name);
        else
            sb_addf(b, "<built-in method %s of %s object at %p>", n->name, type_name(vm, n->self),
                    (void *)val_as_obj(n->self));
        break;
    }
    case OBJ_METHOD: {
        Method *m = (Method *)o;
        Str *n = IS_FUNCTION(m->func) ? (AS_FUNCTION(m->func)->qualname ? AS_FUNCTION(m->func)->qualname
                                                                         : AS_FUNCTION(m->func)->name)
                                      : NULL;
        sb_addf(b, "<bound method %s of ", n ? n->data : "?");
        rc = repr_into(vm, b, m->self);
        sb_addc(b, '>');
        break;
    }
    case OBJ_TYPE: {
        Type *t = (Type *)o;
        if (t->builtin) sb_addf(b, "<class '%s'>", t->name->data);
        else sb_addf(b, "<class '%s.%s'>", module_name(vm, t), t->name->data);
        break;
    }
    case OBJ_INSTANCE:
    case OBJ_EXCEPTION:
        rc = instance_into(vm, b, v);
        break;
    case OBJ_CELL: {
        Cell *c = (Cell *)o;
        if (c->value == VAL_NULL) sb_addf(b, "<cell at %p: empty>", (void *)o);
        else sb_addf(b, "<cell at %p: %s object at %p>", (void *)o, type_name(vm, c->value),
                     val_is_obj(c->value) ? (void *)val_as_obj(c->value) : (void *)o);
        break;
    }
    case OBJ_MODULE:
        module_repr_into(vm, b, (ModuleObj *)o);
        break;
    case OBJ_DESCR:
        if (o->type == vm->types[T_MEMBER_DESCR])
            sb_addf(b, "<member '%s' of '%s' objects>", AS_STR(((Descr *)o)->name)->data,
                    AS_TYPE(((Descr *)o)->fget)->name->data);
        else
            sb_addf(b, "<%s object at %p>", o->type->name->data, (void *)o);
        break;
    case OBJ_GEN:
        sb_addf(b, "<generator object %s at %p>", ((Generator *)o)->func->qualname->data, (void *)o);
        break;
    case OBJ_KIND_COUNT:
        break;
    }
    gc_pop_roots(vm, 1);
    return rc;
}

static Value finish(VM *vm, StrBuf *b, int rc) {
    if (rc < 0) {
        sb_free(b);
        return VAL_ERROR;
    }
    Str *s = sb_finish(vm, b);
    return s ? val_obj(s) : VAL_ERROR;
}

Value obj_repr_builtin(VM *vm, Value v) {
    StrBuf b;
    sb_init(&b);
    return finish(vm, &b, container_into(vm, &b, v));
}

Value obj_repr(VM *vm, Value v) {
    if (val_is_int(v)) {
        Str *s = int_repr(vm, v);
        return s ? val_obj(s) : VAL_ERROR;
    }
    StrBuf b;
    sb_init(&b);
    return finish(vm, &b, repr_into(vm, &b, v));
}

/* str() of an exception without a user __str__: '', str(args[0]) (repr for
 * KeyError, like CPython), or str(args). */
static Value exc_str(VM *vm, Exception *e) {
    Tuple *args = e->args ? e->args : vm->empty_tuple;
    if (args->len == 0) return val_obj(vm->empty_str);
    if (args->len == 1) {
        if (type_is_subtype(e->obj.type, vm->types[T_KEY_ERROR])) return obj_repr(vm, args->items[0]);
        return obj_str(vm, args->items[0]);
    }
    return obj_repr(vm, val_obj(args));
}

Value obj_str(VM *vm, Value v) {
    if (IS_STR(v)) return v;
    if (!is_user(v) && !IS_EXC(v)) return obj_repr(vm, v);
    gc_push_root(vm, v);
    Value r = call_user(vm, v, vm->names[NAME_STR], NULL, 0);
    const char *which = "__str__";
    if (r == VAL_NULL) {
        r = call_user(vm, v, vm->names[NAME_REPR], NULL, 0);
        which = "__repr__";
    }
    if (r == VAL_NULL) r = IS_EXC(v) ? exc_str(vm, AS_EXC(v)) : obj_repr(vm, v);
    else if (r != VAL_ERROR && !IS_STR(r))
        r = vm_raise(vm, T_TYPE_ERROR, "%s returned non-string (type %s)", which, type_name(vm, r));
    gc_pop_roots(vm, 1);
    return r;
}

/* ---- truth -------------------------------------------------------------- */

int64_t obj_len_result(VM *vm, Value r) {
    if (r == VAL_ERROR) return -1;
    int64_t n;
    if (!val_is_anyint(r)) {
        vm_raise(vm, T_TYPE_ERROR, "'%s' object cannot be interpreted as an integer", type_name(vm, r));
        return -1;
    }
    if (!int_to_i64(r, &n)) {
        vm_raise(vm, T_OVERFLOW_ERROR, "cannot fit 'int' into an index-sized integer");
        return -1;
    }
    if (n < 0) {
        vm_raise(vm, T_VALUE_ERROR, "__len__() should return >= 0");
        return -1;
    }
    return n;
}

int obj_truthy(VM *vm, Value v) {
    if (v == VAL_TRUE) return 1;
    if (v == VAL_FALSE || v == VAL_NONE) return 0;
    if (val_is_int(v)) return val_as_int(v) != 0;
    if (val_is_float(v)) return val_as_float(v) != 0.0;
    if (!val_is_obj(v)) return 0;
    Obj *o = val_as_obj(v);
    switch ((ObjKind)o->kind) {
    case OBJ_STR: return ((Str *)o)->len != 0;
    case OBJ_TUPLE: return ((Tuple *)o)->len != 0;
    case OBJ_LIST:
    case OBJ_DICT:
        if (val_is_builtin_sub(v)) break; /* the class may define __bool__ or __len__ */
        return o->kind == OBJ_LIST ? ((List *)o)->len != 0 : ((Dict *)o)->len != 0;
    case OBJ_SET: return ((Set *)o)->used != 0;
    case OBJ_RANGE: return range_len((Range *)o) != 0;
    case OBJ_ITER:
        if ((o->type == vm->types[T_DICT_KEYS] || o->type == vm->types[T_DICT_VALUES] ||
             o->type == vm->types[T_DICT_ITEMS]) && IS_DICT(((Iter *)o)->src))
            return AS_DICT(((Iter *)o)->src)->len != 0;
        return 1;
    case OBJ_INSTANCE:
    case OBJ_EXCEPTION:
        break;
    default:
        return 1;
    }
    /* User classes: __bool__, else __len__ (a list or dict subclass always
     * has one), else true. */
    Value r = call_user(vm, v, vm->names[NAME_BOOL], NULL, 0);
    if (r == VAL_ERROR) return -1;
    if (r != VAL_NULL) {
        if (val_is_bool(r)) return r == VAL_TRUE;
        vm_raise(vm, T_TYPE_ERROR, "__bool__ should return bool, returned %s", type_name(vm, r));
        return -1;
    }
    if (!val_is_builtin_sub(v) && user_lookup(v, vm->names[NAME_LEN]) == VAL_NULL) return 1;
    int64_t n = obj_len(vm, v);
    return n < 0 ? -1 : n != 0;
}

/* ---- hashing ------------------------------------------------------------ */

/* CPython's pointer hash: the address rotated right by 4 bits. */
static uint64_t identity_hash(const void *p) {
    uint64_t y = (uint64_t)(uintptr_t)p;
    y = (y >> 4) | (y << 60);
    return y == (uint64_t)-1 ? (uint64_t)-2 : y;
}

static int unhashable(VM *vm, Value v) {
    vm_raise(vm, T_TYPE_ERROR, "unhashable type: '%s'", type_name(vm, v));
    return -1;
}

/* CPython's tuple hash (xxHash-based, 3.8+), so hash((1, 2)) matches. */
static int tuple_hash(VM *vm, Tuple *t, uint64_t *out) {
    if (t->hash) {
        *out = t->hash;
        return 0;
    }
    const uint64_t p1 = 11400714785074694791ull, p2 = 14029467366897019727ull,
                   p5 = 2870177450012600261ull;
    uint64_t acc = p5;
    bool cacheable = true;
    gc_push_root(vm, val_obj(t));
    for (int64_t i = 0; i < t->len; i++) {
        uint64_t lane;
        if (is_user(t->items[i])) cacheable = false;
        if (obj_hash(vm, t->items[i], &lane) < 0) {
            gc_pop_roots(vm, 1);
            return -1;
        }
        acc += lane * p2;
        acc = (acc << 31) | (acc >> 33);
        acc *= p1;
    }
    gc_pop_roots(vm, 1);
    acc += (uint64_t)t->len ^ (p5 ^ 3527539ull);
    if (acc == (uint64_t)-1) acc = 1546275796;
    if (cacheable) t->hash = acc;
    *out = acc;
    return 0;
}

/* A user class's hash: its __hash__, or unhashable when it defines __eq__
 * without __hash__ (CPython sets __hash__ = None then), else identity. */
static int user_hash(VM *vm, Value v, uint64_t *out) {
    Tuple *mro = val_as_obj(v)->type->mro;
    for (int64_t i = 0; i < mro->len; i++) {
        Type *t = AS_TYPE(mro->items[i]);
        if (t->builtin) continue;
        Value h = dict_get_str(t->dict, vm->names[NAME_HASH]);
        if (h == VAL_NONE) return unhashable(vm, v);
        if (h != VAL_NULL) {
            Value r = vm_call_dunder(vm, v, vm->names[NAME_HASH], NULL, 0);
            if (r == VAL_ERROR) return -1;
            if (!val_is_anyint(r)) {
                vm_raise(vm, T_TYPE_ERROR, "__hash__ method should return an integer");
                return -1;
            }
            /* CPython takes a result that fits a machine word as is, so
             * that __hash__ returning hash(x) hashes like x. */
            int64_t h;
            if (int_to_i64(r, &h)) *out = (uint64_t)(h == -1 ? -2 : h);
            else *out = int_hash(r);
            return 0;
        }
        if (dict_get_str(t->dict, vm->names[NAME_EQ]) != VAL_NULL) return unhashable(vm, v);
    }
    if (val_is_builtin_sub(v)) return unhashable(vm, v);
    *out = identity_hash(val_as_obj(v));
    return 0;
}

int obj_hash(VM *vm, Value v, uint64_t *out) {
    if (val_is_float(v)) {
        *out = float_hash(val_as_float(v));
        return 0;
    }
    if (val_is_int(v) || val_is_bool(v)) {
        *out = int_hash(v);
        return 0;
    }
    if (!val_is_obj(v)) {
        *out = identity_hash((void *)(uintptr_t)v);
        return 0;
    }
    Obj *o = val_as_obj(v);
    switch ((ObjKind)o->kind) {
    case OBJ_STR:
        *out = str_hash((Str *)o);
        return 0;
    case OBJ_BIGINT:
        *out = int_hash(v);
        return 0;
    case OBJ_TUPLE:
        return tuple_hash(vm, (Tuple *)o, out);
    case OBJ_SET:
        return set_hash(vm, (Set *)o, out);
    case OBJ_LIST:
    case OBJ_DICT:
    case OBJ_SLICE:
        return unhashable(vm, v);
    case OBJ_ITER:
        if (o->type == vm->types[T_DICT_KEYS] || o->type == vm->types[T_DICT_ITEMS])
            return unhashable(vm, v);
        break;
    case OBJ_INSTANCE:
    case OBJ_EXCEPTION:
        if (is_user(v)) return user_hash(vm, v, out);
        break;
    default:
        break;
    }
    *out = identity_hash(o);
    return 0;
}

/* ---- equality and comparison -------------------------------------------- */

/* Numeric three-way comparison across int/bool/big/float; 2 = unordered. */
static int num_cmp(Value a, Value b) {
    bool fa = val_is_float(a), fb = val_is_float(b);
    if (!fa && !fb) return int_cmp(a, b);
    if (fa && fb) {
        double x = val_as_float(a), y = val_as_float(b);
        if (isnan(x) || isnan(y)) return 2;
        return (x > y) - (x < y);
    }
    double d = val_as_float(fa ? a : b);
    if (isnan(d)) return 2;
    int c = int_cmp_double(fa ? b : a, d);
    return fa ? -c : c;
}

static bool cmp_holds(CmpOp op, int c) {
    if (c == 2) return op == CMP_NE;
    switch (op) {
    case CMP_LT: return c < 0;
    case CMP_LE: return c <= 0;
    case CMP_EQ: return c == 0;
    case CMP_NE: return c != 0;
    case CMP_GT: return c > 0;
    default: return c >= 0;
    }
}

static Value seq_item(Value s, int64_t i) {
    return IS_LIST(s) ? AS_LIST(s)->items[i] : AS_TUPLE(s)->items[i];
}

static int64_t seq_len(Value s) { return IS_LIST(s) ? AS_LIST(s)->len : AS_TUPLE(s)->len; }

/* Lexicographic comparison of two lists or two tuples (a and b rooted by
 * the caller). Lengths are re-read after every item comparison. */
static Value seq_compare(VM *vm, CmpOp op, Value a, Value b) {
    int64_t i = 0;
    for (; i < seq_len(a) && i < seq_len(b); i++) {
        int eq = obj_eq(vm, seq_item(a, i), seq_item(b, i));
        if (eq < 0) return VAL_ERROR;
        if (!eq) break;
    }
    int64_t la = seq_len(a), lb = seq_len(b);
    if (i >= la || i >= lb) return val_bool(cmp_holds(op, (la > lb) - (la < lb)));
    if (op == CMP_EQ) return VAL_FALSE;
    if (op == CMP_NE) return VAL_TRUE;
    return obj_compare(vm, op, seq_item(a, i), seq_item(b, i));
}

static int dict_eq(VM *vm, Dict *a, Dict *b) {
    if (a->len != b->len) return 0;
    Value k, v;
    int64_t pos = 0;
    while (dict_next(a, &pos, &k, &v)) {
        gc_push_root(vm, k);
        gc_push_root(vm, v);
        Value bv = dict_get(vm, b, k);
        int eq = bv == VAL_ERROR ? -1 : bv == VAL_NULL ? 0 : obj_eq(vm, v, bv);
        gc_pop_roots(vm, 2);
        if (eq <= 0) return eq;
    }
    return 1;
}

/* Equality for everything but user instances (a and b rooted). */
static int eq_builtin(VM *vm, Value a, Value b) {
    if (is_num(a) && is_num(b)) return num_cmp(a, b) == 0;
    if (a == b) return 1;
    if (!val_is_obj(a) || !val_is_obj(b)) return 0;
    Obj *x = val_as_obj(a), *y = val_as_obj(b);
    if (x->kind != y->kind) return 0;
    switch ((ObjKind)x->kind) {
    case OBJ_STR:
        return str_eq((Str *)x, (Str *)y);
    case OBJ_TUPLE:
    case OBJ_LIST: {
        Value r = seq_compare(vm, CMP_EQ, a, b);
        return r == VAL_ERROR ? -1 : r == VAL_TRUE;
    }
    case OBJ_DICT:
        return dict_eq(vm, (Dict *)x, (Dict *)y);
    case OBJ_SET: {
        Value r = set_compare(vm, CMP_EQ, a, b);
        return r == VAL_ERROR ? -1 : r == VAL_TRUE;
    }
    case OBJ_RANGE: {
        Range *r = (Range *)x, *s = (Range *)y;
        int64_t n = range_len(r);
        if (n != range_len(s)) return 0;
        if (n == 0) return 1;
        if (r->start != s->start) return 0;
        return n == 1 || r->step == s->step;
    }
    case OBJ_METHOD: {
        Method *m = (Method *)x, *n = (Method *)y;
        return m->func == n->func && m->self == n->self;
    }
    default:
        return 0;
    }
}

/* A user dunder's answer: VAL_NULL when it had none or declined
 * (returned NotImplemented), so the protocol tries the next method. */
static Value answered(VM *vm, Value r) { return r == vm->not_implemented ? VAL_NULL : r; }

/* One side's rich comparison: self's method, else for != the negation of
 * its __eq__ (object.__ne__); VAL_NULL when neither answers. */
static Value compare_side(VM *vm, CmpOp o, Value self, Value other) {
    if (!is_user(self)) return VAL_NULL;
    Value r = call_user(vm, self, vm->cmp_names[o], &other, 1);
    if (r != VAL_NULL || o != CMP_NE) return answered(vm, r);
    r = answered(vm, call_user(vm, self, vm->cmp_names[CMP_EQ], &other, 1));
    if (r == VAL_NULL || r == VAL_ERROR) return r;
    int t = obj_truthy(vm, r);
    return t < 0 ? VAL_ERROR : val_bool(!t);
}

/* Rich comparison through user dunders (CPython's do_richcompare): the
 * right operand's reflected method first when its class is a proper
 * subclass of the left's, then the left's method, then the right's
 * reflected one. VAL_NULL when no side answers. `from` 1 starts at the
 * second try (the left's method declined and the reflected-first rule did
 * not apply: COMPARE_OP_PY_DUNDER resumes there). */
static Value user_compare(VM *vm, CmpOp op, Value a, Value b, int from) {
    static const CmpOp reflected[CMP_COUNT] = {
#define X(e, sym, d, r) CMP_##r,
        CMPOP_LIST(X)
#undef X
    };
    Value sides[2] = {a, b};
    CmpOp ops[2] = {op, reflected[op]};
    int order[2] = {0, 1};
    Type *ta = val_type(vm, a), *tb = val_type(vm, b);
    if (ta != tb && type_is_subtype(tb, ta)) {
        order[0] = 1;
        order[1] = 0;
    }
    for (int k = from; k < 2; k++) {
        int s = order[k];
        Value r = compare_side(vm, ops[s], sides[s], sides[1 - s]);
        if (r != VAL_NULL) return r;
    }
    return VAL_NULL;
}

int obj_eq(VM *vm, Value a, Value b) {
    if (!is_user(a) && !is_user(b)) {
        if (a == b && !val_is_float(a)) return 1;
        if (!val_is_obj(a) || !val_is_obj(b)) return eq_builtin(vm, a, b);
    }
    Value r = obj_compare(vm, CMP_EQ, a, b);
    if (r == VAL_ERROR) return -1;
    if (val_is_bool(r)) return r == VAL_TRUE;
    gc_push_root(vm, r);
    int t = obj_truthy(vm, r);
    gc_pop_roots(vm, 1);
    return t;
}

/* dict.keys() and dict.items() are set-like (CPython's dictviews): with a
 * set operator or a set comparison they stand for the set of their items. */
static bool is_setlike_view(VM *vm, Value v) {
    if (!val_is_kind(v, OBJ_ITER)) return false;
    Type *t = val_as_obj(v)->type;
    return t == vm->types[T_DICT_KEYS] || t == vm->types[T_DICT_ITEMS];
}

/* a op b with a view on either side: the set of a's items, combined with b
 * (any iterable), as CPython's dictviews_or/_and/_sub/_xor; VAL_NULL when
 * they do not apply. a and b are rooted by the caller. */
static Value view_binop(VM *vm, BinOp op, Value a, Value b) {
    if (op != BINOP_AND && op != BINOP_OR && op != BINOP_SUBTRACT && op != BINOP_XOR)
        return VAL_NULL;
    if (!is_setlike_view(vm, a) && !is_setlike_view(vm, b)) return VAL_NULL;
    Value x = set_from(vm, T_SET, a);
    if (x == VAL_ERROR) return x;
    gc_push_root(vm, x);
    Value y = IS_ANYSET(b) ? b : set_from(vm, T_SET, b);
    Value r = y == VAL_ERROR ? y : set_binop(vm, op, true, x, y);
    gc_pop_roots(vm, 1);
    return r;
}

/* A set comparison where a view stands for the set of its items; VAL_NULL
 * unless both sides are sets or set-like views and one is a view. */
static Value view_compare(VM *vm, CmpOp op, Value a, Value b) {
    bool va = is_setlike_view(vm, a), vb = is_setlike_view(vm, b);
    if (!(va || vb) || !(va || IS_ANYSET(a)) || !(vb || IS_ANYSET(b))) return VAL_NULL;
    Value x = va ? set_from(vm, T_SET, a) : a;
    if (x == VAL_ERROR) return x;
    gc_push_root(vm, x);
    Value y = vb ? set_from(vm, T_SET, b) : b;
    Value r = y == VAL_ERROR ? y : set_compare(vm, op, x, y);
    gc_pop_roots(vm, 1);
    return r;
}

static Value compare_rooted(VM *vm, CmpOp op, Value a, Value b, int from) {
    if (is_user(a) || is_user(b)) {
        Value r = user_compare(vm, op, a, b, from);
        if (r != VAL_NULL) return r;
    }
    if (IS_STR(a) && IS_STR(b)) {
        Str *x = AS_STR(a), *y = AS_STR(b);
        int64_t n = x->len < y->len ? x->len : y->len;
        int c = memcmp(x->data, y->data, (size_t)n);
        if (c == 0) c = (x->len > y->len) - (x->len < y->len);
        return val_bool(cmp_holds(op, (c > 0) - (c < 0)));
    } else if ((IS_LIST(a) && IS_LIST(b)) || (IS_TUPLE(a) && IS_TUPLE(b))) {
        return seq_compare(vm, op, a, b);
    } else if (IS_ANYSET(a) && IS_ANYSET(b)) {
        return set_compare(vm, op, a, b);
    }
    Value v = view_compare(vm, op, a, b);
    if (v != VAL_NULL) return v;
    if (op == CMP_EQ || op == CMP_NE) {
        int eq = is_plain_user(a) || is_plain_user(b) ? a == b : eq_builtin(vm, a, b);
        if (eq < 0) return VAL_ERROR;
        return val_bool(op == CMP_EQ ? eq : !eq);
    }
    return vm_raise(vm, T_TYPE_ERROR, "'%s' not supported between instances of '%s' and '%s'",
                    cmpop_symbols[op], type_name(vm, a), type_name(vm, b));
}

Value obj_compare(VM *vm, CmpOp op, Value a, Value b) {
    if (is_num(a) && is_num(b)) return val_bool(cmp_holds(op, num_cmp(a, b)));
    gc_push_root(vm, a);
    gc_push_root(vm, b);
    Value r = compare_rooted(vm, op, a, b, 0);
    gc_pop_roots(vm, 2);
    return r;
}

Value obj_compare_declined(VM *vm, CmpOp op, Value a, Value b) {
    gc_push_root(vm, a);
    gc_push_root(vm, b);
    Value r = compare_rooted(vm, op, a, b, 1);
    gc_pop_roots(vm, 2);
    return r;
}

/* ---- arithmetic --------------------------------------------------------- */

static Value unsupported(VM *vm, BinOp op, bool inplace, Value a, Value b) {
    return vm_raise(vm, T_TYPE_ERROR, "unsupported operand type(s) for %s%s: '%s' and '%s'",
                    binop_symbols[op], inplace ? "=" : "", type_name(vm, a), type_name(vm, b));
}

/* A repetition count: ints only; huge ones cannot be an index. */
static int repeat_count(VM *vm, Value n, int64_t *out) {
    if (int_to_i64(n, out)) return 0;
    bool neg = int_cmp(n, val_int(0)) < 0;
    if (neg) {
        *out = 0;
        return 0;
    }
    vm_raise(vm, T_OVERFLOW_ERROR, "cannot fit 'int' into an index-sized integer");
    return -1;
}

static bool is_seq(Value v) { return IS_STR(v) || IS_LIST(v) || IS_TUPLE(v); }

/* seq * n for str, list and tuple; inplace on a list mutates it. */
static Value repeat(VM *vm, Value seq, Value count, bool inplace) {
    int64_t n;
    if (repeat_count(vm, count, &n) < 0) return VAL_ERROR;
    if (n < 0) n = 0;
    if (IS_STR(seq)) {
        Str *s = str_repeat(vm, AS_STR(seq), n);
        return s ? val_obj(s) : VAL_ERROR;
    }
    int64_t len = seq_len(seq);
    if (len && n > (int64_t)(vm->opt.heap_limit / sizeof(Value)) / len) return vm_raise_oom(vm);
    int64_t total = len * n;
    if (IS_TUPLE(seq)) {
        if (n == 1) return seq;
        Tuple *t = tuple_new(vm, total);
        if (!t) return VAL_ERROR;
        for (int64_t i = 0; i < total; i++) t->items[i] = AS_TUPLE(seq)->items[i % len];
        return val_obj(t);
    }
    List *src = AS_LIST(seq);
    if (!inplace) {
        List *l = list_new(vm, total);
        if (!l) return VAL_ERROR;
        for (int64_t i = 0; i < total; i++) l->items[i] = src->items[i % len];
        l->len = total;
        return val_obj(l);
    }
    if (total > src->cap) {
        Value *items = gc_buf_realloc(vm, src->items, (size_t)src->cap * sizeof(Value),
                                      (size_t)total * sizeof(Value));
        if (!items) return VAL_ERROR;
        src->items = items;
        src->cap = total;
    }
    for (int64_t i = len; i < total; i++) src->items[i] = src->items[i % len];
    src->len = total;
    return seq;
}

/* list.extend(b) for list += b. */
static Value list_extend(VM *vm, List *l, Value b) {
    if (IS_LIST(b) || IS_TUPLE(b)) {
        int64_t n = seq_len(b);
        for (int64_t i = 0; i < n; i++)
            if (list_append(vm, l, seq_item(b, i)) < 0) return VAL_ERROR;
        return val_obj(l);
    }
    Value it = obj_iter(vm, b);
    if (it == VAL_ERROR) return VAL_ERROR;
    gc_push_root(vm, it);
    Value r = val_obj(l);
    for (;;) {
        Value x = iter_next(vm, it);
        if (x == VAL_NULL) break;
        if (x == VAL_ERROR || list_append(vm, l, x) < 0) {
            r = VAL_ERROR;
            break;
        }
    }
    gc_pop_roots(vm, 1);
    return r;
}

/* a + b for two lists or two tuples. */
static Value concat(VM *vm, Value a, Value b) {
    int64_t la = seq_len(a), lb = seq_len(b);
    if (IS_TUPLE(a)) {
        if (lb == 0) return a;
        if (la == 0) return b;
        Tuple *t = tuple_new(vm, la + lb);
        if (!t) return VAL_ERROR;
        memcpy(t->items, AS_TUPLE(a)->items, (size_t)la * sizeof(Value));
        memcpy(t->items + la, AS_TUPLE(b)->items, (size_t)lb * sizeof(Value));
        return val_obj(t);
    }
    List *l = list_new(vm, la + lb);
    if (!l) return VAL_ERROR;
    if (la) memcpy(l->items, AS_LIST(a)->items, (size_t)la * sizeof(Value));
    if (lb) memcpy(l->items + la, AS_LIST(b)->items, (size_t)lb * sizeof(Value));
    l->len = la + lb;
    return val_obj(l);
}

static Value str_format(VM *vm, Str *fmt, Value args);

/* Operators on str, list and tuple; VAL_NULL when they do not apply. */
static Value seq_binop(VM *vm, BinOp op, bool inplace, Value a, Value b) {
    if (op == BINOP_ADD && is_seq(a)) {
        Obj *x = val_as_obj(a);
        if (val_is_obj(b) && val_as_obj(b)->kind == x->kind) {
            if (IS_STR(a)) {
                Str *s = str_concat(vm, AS_STR(a), AS_STR(b));
                return s ? val_obj(s) : VAL_ERROR;
            }
            if (inplace && IS_LIST(a)) return list_extend(vm, AS_LIST(a), b);
            return concat(vm, a, b);
        }
        if (inplace && IS_LIST(a)) return list_extend(vm, AS_LIST(a), b);
        /* Also for a user b: its __radd__ was tried first (user_binop) and
         * CPython's sq_concat still comes last, with this message, naming
         * the builtin also for a list subclass. */
        const char *kind = IS_STR(a) ? "str" : IS_LIST(a) ? "list" : "tuple";
        return vm_raise(vm, T_TYPE_ERROR, "can only concatenate %s (not \"%s\") to %s",
                        kind, type_name(vm, b), kind);
    }
    if (op == BINOP_MULTIPLY) {
        if (is_seq(a) && val_is_anyint(b)) return repeat(vm, a, b, inplace);
        if (is_seq(b) && val_is_anyint(a)) return repeat(vm, b, a, false);
        if ((is_seq(a) && !is_user(b)) || (is_seq(b) && !is_user(a)))
            return vm_raise(vm, T_TYPE_ERROR, "can't multiply sequence by non-int of type '%s'",
                            type_name(vm, is_seq(a) ? b : a));
    }
    if (op == BINOP_REMAINDER && IS_STR(a) && !is_user(b)) return str_format(vm, AS_STR(a), b);
    return VAL_NULL;
}

/* CPython's method_is_overloaded: b's class has the reflected method and
 * it is not the one a's class has. */
static bool overrides(Type *ta, Type *tb, Str *name) {
    Value fb = type_lookup_user(tb, name);
    return fb != VAL_NULL && fb != type_lookup_user(ta, name);
}

/* a op b through user dunders, as CPython's slot wrappers: a's __iop__
 * first when in place; b's reflected method first when b's class is a
 * proper subclass of a's that overrides it; a's method; b's reflected one
 * unless both have the same class (or it was tried first). A missing
 * method or NotImplemented passes to the next; VAL_NULL when none answers.
 * `from` skips steps already taken: 1 after a's __iop__ declined, 2 after
 * a's __op__ declined too when b's reflected method could not come first
 * (BINARY_OP_PY_DUNDER resumes at 1 or 2, obj_binop_declined). */
static Value user_binop(VM *vm, BinOp op, bool inplace, Value a, Value b, int from) {
    Value r;
    if (from == 0 && inplace && is_user(a) &&
        (r = answered(vm, call_user(vm, a, vm->ibinop_names[op], &b, 1))) != VAL_NULL)
        return r;
    Str *rname = vm->rbinop_names[op];
    Type *ta = val_type(vm, a), *tb = val_type(vm, b);
    bool other = is_user(b) && ta != tb;
    if (from <= 1 && is_user(a)) {
        if (other && type_is_subtype(tb, ta) && overrides(ta, tb, rname)) {
            if ((r = answered(vm, call_user(vm, b, rname, &a, 1))) != VAL_NULL) return r;
            other = false;
        }
        if ((r = answered(vm, call_user(vm, a, vm->binop_names[op], &b, 1))) != VAL_NULL) return r;
    }
    if (other && (r = answered(vm, call_user(vm, b, rname, &a, 1))) != VAL_NULL) return r;
    return VAL_NULL;
}

/* d | e (a new plain dict, both dicts) and d |= e (d.update(e): any mapping
 * or iterable of pairs), as CPython's dict_or / dict_ior; VAL_NULL when
 * they do not apply. */
static Value dict_binop(VM *vm, BinOp op, bool inplace, Value a, Value b) {
    if (op != BINOP_OR || !IS_DICT(a)) return VAL_NULL;
    if (inplace) return dict_update_from(vm, AS_DICT(a), b) < 0 ? VAL_ERROR : a;
    if (!IS_DICT(b)) return VAL_NULL;
    Dict *d = dict_new(vm);
    if (!d) return VAL_ERROR;
    gc_push_root(vm, val_obj(d));
    int rc = dict_update_dict(vm, d, AS_DICT(a));
    if (rc == 0) rc = dict_update_from(vm, d, b);
    gc_pop_roots(vm, 1);
    return rc < 0 ? VAL_ERROR : val_obj(d);
}

static Value binop_rooted(VM *vm, BinOp op, bool inplace, Value a, Value b, int from) {
    Value r;
    if (is_user(a) || is_user(b)) {
        if ((r = user_binop(vm, op, inplace, a, b, from)) != VAL_NULL) return r;
    }
    if ((r = seq_binop(vm, op, inplace, a, b)) != VAL_NULL) return r;
    if ((r = set_binop(vm, op, inplace, a, b)) != VAL_NULL) return r;
    if ((r = dict_binop(vm, op, inplace, a, b)) != VAL_NULL) return r;
    if ((r = view_binop(vm, op, a, b)) != VAL_NULL) return r;
    return unsupported(vm, op, inplace, a, b);
}

Value obj_binop(VM *vm, BinOp op, Value a, Value b) {
    bool inplace = op >= BINOP_INPLACE_BASE;
    if (inplace) op -= BINOP_INPLACE_BASE;
    if (val_is_anyint(a) && val_is_anyint(b)) return int_binop(vm, op, a, b);
    if (is_num(a) && is_num(b)) {
        bool bitwise = op == BINOP_AND || op == BINOP_OR || op == BINOP_XOR ||
                       op == BINOP_LSHIFT || op == BINOP_RSHIFT || op == BINOP_MATRIX_MULTIPLY;
        if (bitwise) return unsupported(vm, op, inplace, a, b);
        bool overflow = false;
        double x = val_is_float(a) ? val_as_float(a) : int_to_double(vm, a, &overflow);
        if (overflow) return VAL_ERROR;
        double y = val_is_float(b) ? val_as_float(b) : int_to_double(vm, b, &overflow);
        if (overflow) return VAL_ERROR;
        return float_binop(vm, op, x, y);
    }
    gc_push_root(vm, a);
    gc_push_root(vm, b);
    Value r = binop_rooted(vm, op, inplace, a, b, 0);
    gc_pop_roots(vm, 2);
    return r;
}

Value obj_binop_declined(VM *vm, int oparg, Value a, Value b) {
    bool inplace = oparg >= BINOP_INPLACE_BASE;
    BinOp op = (BinOp)(inplace ? oparg - BINOP_INPLACE_BASE : oparg);
    /* In place, the memo's function was __iop__ when the class has one. */
    int from = inplace && type_lookup_user(val_type(vm, a), vm->ibinop_names[op]) != VAL_NULL ? 1 : 2;
    gc_push_root(vm, a);
    gc_push_root(vm, b);
    Value r = binop_rooted(vm, op, inplace, a, b, from);
    gc_pop_roots(vm, 2);
    return r;
}

Value obj_unaryop(VM *vm, UnaryOp op, Value a) {
    if (op == UNARY_NOT) {
        int t = obj_truthy(vm, a);
        return t < 0 ? VAL_ERROR : val_bool(!t);
    }
    if (val_is_anyint(a)) {
        if (op == UNARY_NEGATIVE) return int_neg(vm, a);
        if (op == UNARY_INVERT) return int_invert(vm, a);
        return val_is_bool(a) ? val_int(a == VAL_TRUE) : a;
    }
    if (val_is_float(a) && op != UNARY_INVERT)
        return op == UNARY_NEGATIVE ? val_float(-val_as_float(a)) : a;
    static const char *const ops[UNARY_COUNT] = {"neg", "pos", "invert", "not"};
    static const char *const syms[UNARY_COUNT] = {
#define X(e, sym, d) sym,
        UNARYOP_LIST(X)
#undef X
    };
    if (is_user(a)) {
        gc_push_root(vm, a);
        Str *name = dunder_name(vm, "", ops[op]);
        Value r = name ? call_user(vm, a, name, NULL, 0) : VAL_ERROR;
        gc_pop_roots(vm, 1);
        if (r != VAL_NULL) return r;
    }
    return vm_raise(vm, T_TYPE_ERROR, "bad operand type for unary %s: '%s'", syms[op], type_name(vm, a));
}

/* ---- printf-style formatting (str % args) -------------------------------- */

typedef struct FormatSpec {
    bool left, plus, space, alt, zero;
    int width;       /* -1: none */
    int prec;        /* -1: none */
    char conv;
} FormatSpec;

/* Append text (nchars code points) padded to the spec's width. */
static void add_padded(StrBuf *b, const FormatSpec *f, const char *s, int64_t len, int64_t nchars) {
    int64_t pad = f->width > nchars ? f->width - nchars : 0;
    if (!f->left)
        for (int64_t i = 0; i < pad; i++) sb_addc(b, ' ');
    sb_add(b, s, len);
    if (f->left)
        for (int64_t i = 0; i < pad; i++) sb_addc(b, ' ');
}

/* %s %r %a: str()/repr() of v, cut to the precision. */
static int format_text(VM *vm, StrBuf *b, const FormatSpec *f, Value v) {
    Value s = f->conv == 's' ? obj_str(vm, v) : obj_repr(vm, v);
    if (s == VAL_ERROR) return -1;
    Str *str = AS_STR(s);
    int64_t len = str->len, n = str->nchars;
    if (f->prec >= 0 && n > f->prec) {
        int64_t i = 0, chars = 0;
        while (i < len && chars < f->prec) {
            i++;
            while (i < len && ((unsigned char)str->data[i] & 0xC0) == 0x80) i++;
            chars++;
        }
        len = i;
        n = chars;
    }
    add_padded(b, f, str->data, len, n);
    return 0;
}

/* Sign, prefix and digits laid out per the flags (zero padding goes after
 * the sign and prefix). */
static void add_number(StrBuf *b, const FormatSpec *f, bool neg, const char *prefix, const char *digits) {
    char sign[2] = {neg ? '-' : f->plus ? '+' : f->space ? ' ' : '\0', '\0'};
    int64_t nd = (int64_t)strlen(digits), zeros = 0;
    if (f->prec > nd && strchr("diuxXo", f->conv)) zeros = f->prec - nd;
    int64_t body = (int64_t)strlen(sign) + (int64_t)strlen(prefix) + zeros + nd;
    if (f->zero && !f->left && f->width > body) {
        zeros += f->width - body;
        body = f->width;
    }
    if (!f->left)
        for (int64_t i = body; i < f->width; i++) sb_addc(b, ' ');
    sb_adds(b, sign);
    sb_adds(b, prefix);
    for (int64_t i = 0; i < zeros; i++) sb_addc(b, '0');
    sb_adds(b, digits);
    if (f->left)
        for (int64_t i = body; i < f->width; i++) sb_addc(b, ' ');
}

/* %d %i %u %x %X %o %c with an int (floats truncate for %d). */
static int format_int(VM *vm, StrBuf *b, const FormatSpec *f, Value v) {
    bool decimal = strchr("diu", f->conv) != NULL;
    if (val_is_float(v) && decimal) {
        v = int_from_double(vm, val_as_float(v));
        if (v == VAL_ERROR) return -1;
    }
    if (!val_is_anyint(v)) {
        if (decimal) vm_raise(vm, T_TYPE_ERROR, "%%%c format: a real number is required, not %s", f->conv, type_name(vm, v));
        else vm_raise(vm, T_TYPE_ERROR, "%%%c format: an integer is required, not %s", f->conv, type_name(vm, v));
        return -1;
    }
    int base = decimal ? 10 : f->conv == 'o' ? 8 : 16;
    mpz_t z;
    mpz_init(z);
    int64_t small;
    if (int_to_i64(v, &small)) mpz_set_si(z, (long)small);
    else mpz_set(z, AS_BIGINT(v)->z);
    bool neg = mpz_sgn(z) < 0;
    mpz_abs(z, z);
    char *digits = mpz_get_str(NULL, f->conv == 'X' ? -16 : base, z);
    const char *prefix = !f->alt ? "" : f->conv == 'o' ? "0o" : f->conv == 'x' ? "0x" : f->conv == 'X' ? "0X" : "";
    add_number(b, f, neg, prefix, digits);
    void (*freefn)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &freefn);
    freefn(digits, strlen(digits) + 1);
    mpz_clear(z);
    return 0;
}

static int format_float(VM *vm, StrBuf *b, const FormatSpec *f, Value v) {
    double d;
    if (val_is_float(v)) {
        d = val_as_float(v);
    } else if (val_is_anyint(v)) {
        bool overflow;
        d = int_to_double(vm, v, &overflow);
        if (overflow) return -1;
    } else {
        vm_raise(vm, T_TYPE_ERROR, "must be real number, not %s", type_name(vm, v));
        return -1;
    }
    char cfmt[16], *p = cfmt;
    *p++ = '%';
    if (f->alt) *p++ = '#';
    *p++ = '.';
    *p++ = '*';
    *p++ = f->conv;
    *p = '\0';
    int prec = f->prec < 0 ? 6 : f->prec;
    StrBuf digits;
    sb_init(&digits);
    sb_addf(&digits, cfmt, prec, fabs(d));
    if (isnan(d) && strchr("EFG", f->conv)) memcpy(digits.data, "NAN", 3);
    FormatSpec g = *f;
    if (!isfinite(d)) g.zero = false;
    add_number(b, &g, signbit(d) && !isnan(d), "", digits.data);
    sb_free(&digits);
    return 0;
}

static int format_char(VM *vm, StrBuf *b, const FormatSpec *f, Value v) {
    char buf[4];
    int n;
    if (IS_STR(v) && AS_STR(v)->nchars == 1) {
        add_padded(b, f, AS_STR(v)->data, AS_STR(v)->len, 1);
        return 0;
    }
    int64_t cp;
    if (!val_is_anyint(v) || !int_to_i64(v, &cp)) {
        vm_raise(vm, T_TYPE_ERROR, "%%c requires int or char");
        return -1;
    }
    if (cp < 0 || cp > 0x10FFFF) {
        vm_raise(vm, T_OVERFLOW_ERROR, "%%c arg not in range(0x110000)");
        return -1;
    }
    if (cp < 0x80) {
        buf[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        buf[0] = (char)(0xC0 | (cp >> 6));
        buf[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        buf[0] = (char)(0xE0 | (cp >> 12));
        buf[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        buf[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        buf[0] = (char)(0xF0 | (cp >> 18));
        buf[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        buf[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        buf[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    add_padded(b, f, buf, n, 1);
    return 0;
}

/* The next argument for a conversion, or VAL_NULL (TypeError raised). */
static Value next_arg(VM *vm, const Value *items, int64_t n, int64_t *i) {
    if (*i >= n) {
        vm_raise(vm, T_TYPE_ERROR, "not enough arguments for format string");
        return VAL_NULL;
    }
    return items[(*i)++];
}

/* Read a width or precision: digits, or '*' taking an int argument. */
static int read_number(VM *vm, const char *s, int64_t *j, int64_t end, const Value *items, int64_t n,
                       int64_t *argi, int *out) {
    if (*j < end && s[*j] == '*') {
        (*j)++;
        Value v = next_arg(vm, items, n, argi);
        int64_t x;
        if (v == VAL_NULL) return -1;
        if (!val_is_int(v) || !int_to_i64(v, &x)) {
            vm_raise(vm, T_TYPE_ERROR, "* wants int");
            return -1;
        }
        *out = (int)x;
        return 0;
    }
    int x = 0;
    bool any = false;
    while (*j < end && s[*j] >= '0' && s[*j] <= '9') {
        x = x * 10 + (s[(*j)++] - '0');
        any = true;
    }
    if (any) *out = x;
    return 0;
}

static int format_into(VM *vm, StrBuf *b, Str *fmt, Value args) {
    const char *s = fmt->data;
    int64_t end = fmt->len;
    bool tuple = IS_TUPLE(args);
    const Value *items = tuple ? AS_TUPLE(args)->items : &args;
    int64_t n = tuple ? AS_TUPLE(args)->len : 1, argi = 0;
    bool mapped = false;
    for (int64_t i = 0; i < end;) {
        const char *pct = memchr(s + i, '%', (size_t)(end - i));
        if (!pct) {
            sb_add(b, s + i, end - i);
            break;
        }
        int64_t j = pct - s;
        sb_add(b, s + i, j - i);
        j++;
        if (j < end && s[j] == '%') {
            sb_addc(b, '%');
            i = j + 1;
            continue;
        }
        Value v = VAL_NULL;
        if (j < end && s[j] == '(') {
            int64_t k = j + 1;
            while (k < end && s[k] != ')') k++;
            if (k >= end) {
                vm_raise(vm, T_VALUE_ERROR, "incomplete format key");
                return -1;
            }
            if (!IS_DICT(args)) {
                vm_raise(vm, T_TYPE_ERROR, "format requires a mapping");
                return -1;
            }
            Str *key = str_new(vm, s + j + 1, k - j - 1);
            if (!key) return -1;
            v = dict_get(vm, AS_DICT(args), val_obj(key));
            if (v == VAL_ERROR) return -1;
            if (v == VAL_NULL) {
                gc_push_root(vm, val_obj(key));
                Value k2 = val_obj(key);
                Tuple *t = tuple_from(vm, &k2, 1);
                gc_pop_roots(vm, 1);
                Value e = t ? exc_new(vm, vm->types[T_KEY_ERROR], t) : VAL_ERROR;
                if (e != VAL_ERROR) vm_raise_value(vm, e);
                return -1;
            }
            mapped = true;
            j = k + 1;
        }
        FormatSpec f = {.width = -1, .prec = -1};
        for (; j < end && strchr("-+ #0", s[j]); j++) {
            if (s[j] == '-') f.left = true;
            else if (s[j] == '+') f.plus = true;
            else if (s[j] == ' ') f.space = true;
            else if (s[j] == '#') f.alt = true;
            else f.zero = true;
        }
        if (read_number(vm, s, &j, end, items, n, &argi, &f.width) < 0) return -1;
        if (f.width < -1) {
            f.left = true;
            f.width = -f.width;
        }
        if (j < end && s[j] == '.') {
            j++;
            f.prec = 0;
            if (read_number(vm, s, &j, end, items, n, &argi, &f.prec) < 0) return -1;
        }
        while (j < end && strchr("hlL", s[j])) j++;
        if (j >= end) {
            vm_raise(vm, T_VALUE_ERROR, "incomplete format");
            return -1;
        }
        f.conv = s[j];
        i = j + 1;
        if (v == VAL_NULL && (v = next_arg(vm, items, n, &argi)) == VAL_NULL) return -1;
        int rc;
        switch (f.conv) {
        case 's': case 'r': case 'a':
            rc = format_text(vm, b, &f, v);
            break;
        case 'd': case 'i': case 'u': case 'x': case 'X': case 'o':
            rc = format_int(vm, b, &f, v);
            break;
        case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
            rc = format_float(vm, b, &f, v);
            break;
        case 'c':
            rc = format_char(vm, b, &f, v);
            break;
        default:
            vm_raise(vm, T_VALUE_ERROR, "unsupported format character '%c' (0x%x) at index %lld",
                     f.conv, (unsigned char)f.conv, (long long)j);
            rc = -1;
        }
        if (rc < 0) return -1;
    }
    if (!mapped && !IS_DICT(args) && argi < n) {
        vm_raise(vm, T_TYPE_ERROR, "not all arguments converted during string formatting");
        return -1;
    }
    return 0;
}

static Value str_format(VM *vm, Str *fmt, Value args) {
    StrBuf b;
    sb_init(&b);
    return finish(vm, &b, format_into(vm, &b, fmt, args));
}
