/* types.c: the builtin classes, user classes and class versions.
 *
 * Versions: a class's version changes whenever its dict, or a base's dict,
 * changes. A class cannot list its subclasses, so type_new marks a base as
 * having subclasses, and type_modified on such a base re-versions every class
 * on the heap that derives from it (a walk of vm->objects: rare, since it
 * only happens when a class that has subclasses is modified after they were
 * created). */
#include <stdlib.h>
#include "vm.h"

static uint32_t new_version(VM *vm) {
    uint32_t v = vm->next_type_version;
    /* After 2^32 versions, give up versioning: 0 means "unversioned". */
    if (v != 0) vm->next_type_version++;
    return v;
}

/* The ObjKind of instances of each builtin class. */
static uint8_t builtin_inst_kind(VM *vm, TypeId id) {
    switch (id) {
    case T_OBJECT: case T_NONE: return OBJ_INSTANCE;
    case T_TYPE: return OBJ_TYPE;
    case T_INT: case T_BOOL: case T_FLOAT: return OBJ_BIGINT;
    case T_STR: return OBJ_STR;
    case T_TUPLE: return OBJ_TUPLE;
    case T_LIST: return OBJ_LIST;
    case T_DICT: return OBJ_DICT;
    case T_SET: case T_FROZENSET: return OBJ_SET;
    case T_RANGE: return OBJ_RANGE;
    case T_SLICE: return OBJ_SLICE;
    case T_CODE: return OBJ_CODE;
    case T_FUNCTION: return OBJ_FUNCTION;
    case T_BUILTIN: return OBJ_NATIVE;
    case T_METHOD: return OBJ_METHOD;
    case T_CELL: return OBJ_CELL;
    case T_PROPERTY: case T_STATICMETHOD: case T_CLASSMETHOD: return OBJ_DESCR;
    case T_MODULE: case T_TEXTIO: return OBJ_MODULE;
    case T_GENERATOR: return OBJ_GEN;
    default:
        if (id >= T_BASE_EXCEPTION) return OBJ_EXCEPTION;
        return OBJ_ITER;
    }
}

/* Creates vm->types (and vm->interned, which naming them needs). Runs with
 * the GC paused, so nothing here needs rooting. */
void types_init(VM *vm) {
    static const char *const names[T_COUNT] = {
#define X(id, name, base) name,
        BUILTIN_TYPE_LIST(X)
#undef X
    };
    enum { T_NONE_BASE = -1 };
    static const int bases[T_COUNT] = {
#define X(id, name, base) (int)T_##base,
        BUILTIN_TYPE_LIST(X)
#undef X
    };
    for (int i = 0; i < T_COUNT; i++) {
        Type *t = gc_alloc(vm, sizeof(Type), OBJ_TYPE, NULL);
        if (!t) return;
        vm->types[i] = t;
    }
    for (int i = 0; i < T_COUNT; i++) {
        Type *t = vm->types[i];
        t->obj.type = vm->types[T_TYPE];
        t->base = bases[i] < 0 ? NULL : vm->types[bases[i]];
        t->inst_kind = builtin_inst_kind(vm, (TypeId)i);
        t->builtin = 1;
        t->version = new_version(vm);
        if (t->base) t->base->has_subclasses = 1;
    }
    if (!(vm->interned = dict_new(vm))) return;
    for (int i = 0; i < T_COUNT; i++) {
        if (!(vm->types[i]->dict = dict_new(vm))) return;
        if (!(vm->types[i]->name = str_intern_cstr(vm, names[i]))) return;
    }
}

Type *val_type(VM *vm, Value v) {
    if (val_is_float(v)) return vm->types[T_FLOAT];
    if (val_is_int(v)) return vm->types[T_INT];
    if (val_is_obj(v)) return val_as_obj(v)->type;
    if (val_is_bool(v)) return vm->types[T_BOOL];
    return vm->types[T_NONE];
}

/* type_lookup's results, keyed on (class version, interned name), as
 * CPython's type attribute cache: a version is never reused and changes
 * with any change to the dict of the class or of a base, so an entry whose
 * version matches is always right, and needs no invalidation. Only interned
 * names are cached (they are never freed, so a pointer names one text). */
#define TYPE_CACHE_SIZE 4096

typedef struct TypeCacheEntry {
    uint32_t version;
    Str *name;
    Value value;
} TypeCacheEntry;

static Value lookup_uncached(Type *t, Str *name) {
    for (; t; t = t->base) {
        Value v = dict_get_str(t->dict, name);
        if (v != VAL_NULL) return v;
    }
    return VAL_NULL;
}

Value type_lookup(VM *vm, Type *t, Str *name) {
    if (!t->version || !name->interned) return lookup_uncached(t, name);
    if (!vm->type_cache) {
        vm->type_cache = calloc(TYPE_CACHE_SIZE, sizeof(TypeCacheEntry));
        if (!vm->type_cache) return lookup_uncached(t, name);
    }
    uintptr_t h = (uintptr_t)t->version * 2654435761u ^ ((uintptr_t)name >> 4);
    TypeCacheEntry *e = &vm->type_cache[h & (TYPE_CACHE_SIZE - 1)];
    if (e->version == t->version && e->name == name) return e->value;
    Value v = lookup_uncached(t, name);
    e->version = t->version;
    e->name = name;
    e->value = v;
    return v;
}

bool type_is_subtype(Type *t, Type *base) {
    for (; t; t = t->base)
        if (t == base) return true;
    return false;
}

Type *type_new(VM *vm, Str *name, Type *base, Dict *dict) {
    if (!base) base = vm->types[T_OBJECT];
    if (base->builtin && base != vm->types[T_OBJECT] &&
        !type_is_subtype(base, vm->types[T_BASE_EXCEPTION])) {
        vm_raise(vm, T_TYPE_ERROR, "stitch does not support subclassing built-in type '%s'",
                 base->name->data);
        return NULL;
    }
    gc_push_root(vm, val_obj(name));
    gc_push_root(vm, val_obj(base));
    gc_push_root(vm, dict ? val_obj(dict) : VAL_NONE);
    Type *t = gc_alloc(vm, sizeof(Type), OBJ_TYPE, vm->types[T_TYPE]);
    if (t) {
        t->name = name;
        t->base = base;
        t->dict = dict;
        t->inst_kind = base->inst_kind;
        t->version = new_version(vm);
        if (!dict) {
            gc_push_root(vm, val_obj(t));
            t->dict = dict_new(vm);
            gc_pop_roots(vm, 1);
            if (!t->dict) t = NULL;
        }
    }
    gc_pop_roots(vm, 3);
    if (t) base->has_subclasses = 1;
    return t;
}

/* Traces guarding the old version will never pass again: the JIT drops them. */
void type_new_version(VM *vm, Type *t) {
    uint32_t old = t->version;
    t->version = new_version(vm);
    if (vm->jit && old) vm->jit->invalidate(vm, JIT_DEP_TYPE, old);
}

void type_modified(VM *vm, Type *t) {
    type_new_version(vm, t);
    if (!t->has_subclasses) return;
    for (Obj *o = vm->objects; o; o = o->next) {
        if (o->kind != OBJ_TYPE || o == &t->obj) continue;
        Type *sub = (Type *)o;
        if (type_is_subtype(sub, t)) type_new_version(vm, sub);
    }
}

void type_add_native(VM *vm, Type *t, const char *name, NativeFn fn) {
    Native *n = gc_alloc(vm, sizeof(Native), OBJ_NATIVE, vm->types[T_BUILTIN]);
    if (!n) return;
    n->fn = fn;
    n->name = name;
    n->self = VAL_NULL;
    gc_push_root(vm, val_obj(n));
    Str *key = str_intern_cstr(vm, name);
    if (key) dict_set_str(vm, t->dict, key, val_obj(n));
    gc_pop_roots(vm, 1);
    type_modified(vm, t);
}

bool obj_isinstance(VM *vm, Value v, Type *t) { return type_is_subtype(val_type(vm, v), t); }
