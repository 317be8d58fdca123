/* descr.c: property, staticmethod, classmethod and member_descriptor.
 *
 * All four are one object kind (Descr) told apart by class. Attribute
 * lookup (class.c) hands any Descr found on a class to descr_get /
 * descr_set; a property is a data descriptor, so it is consulted before the
 * instance's own attributes. */
#include "builtins.h"

static Value descr_new(VM *vm, TypeId t, Value fget, Value fset, Value fdel) {
    Value roots[3] = {fget, fset, fdel};
    for (int i = 0; i < 3; i++) gc_push_root(vm, roots[i]);
    Descr *d = gc_alloc(vm, sizeof(Descr), OBJ_DESCR, vm->types[t]);
    gc_pop_roots(vm, 3);
    if (!d) return VAL_ERROR;
    d->fget = fget;
    d->fset = fset;
    d->fdel = fdel;
    d->name = VAL_NULL;
    return val_obj(d);
}

static bool is_a(VM *vm, Value v, TypeId t) {
    return val_is_kind(v, OBJ_DESCR) && val_as_obj(v)->type == vm->types[t];
}

bool descr_is_property(VM *vm, Value v) { return is_a(vm, v, T_PROPERTY); }

static Value none_if_null(Value v) { return v == VAL_NULL ? VAL_NONE : v; }

static Value ctor_property(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC_KW(spec, "property", ARGS_KW, 0, 4, "fget", "fset", "fdel", "doc");
    Value a[ARG_MAX_SLOTS];
    if (arg_parse(vm, &spec, args, nargs, kwnames, a) < 0) return VAL_ERROR;
    return descr_new(vm, T_PROPERTY, none_if_null(a[0]), none_if_null(a[1]), none_if_null(a[2]));
}

static Value wrap_function(VM *vm, TypeId t, const char *name, Value *args, int nargs,
                           Tuple *kwnames) {
    if (kwnames && kwnames->len)
        return vm_raise(vm, T_TYPE_ERROR, "%s() takes no keyword arguments", name);
    if (nargs != 1)
        return vm_raise(vm, T_TYPE_ERROR, "%s expected 1 argument, got %d", name, nargs);
    return descr_new(vm, t, args[0], VAL_NONE, VAL_NONE);
}

static Value ctor_staticmethod(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    return wrap_function(vm, T_STATICMETHOD, "staticmethod", args, nargs, kwnames);
}

/* fset = True marks a builtin class's own classmethod (CPython's
 * classmethod_descriptor): it binds as a builtin method, not a method. */
Value descr_classmethod_new(VM *vm, Value f) {
    return descr_new(vm, T_CLASSMETHOD, f, VAL_TRUE, VAL_NONE);
}

static Value ctor_classmethod(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    return wrap_function(vm, T_CLASSMETHOD, "classmethod", args, nargs, kwnames);
}

/* p.getter(f) / p.setter(f) / p.deleter(f): a copy of p with one accessor
 * replaced (which is 0, 1 or 2). */
static Value copy_with(VM *vm, Value *args, int nargs, Tuple *kwnames, const ArgSpec *spec,
                       int which) {
    if (arg_parse(vm, spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    Descr *p = AS_DESCR(args[0]);
    Value f[3] = {p->fget, p->fset, p->fdel};
    f[which] = args[1];
    Value r = descr_new(vm, T_PROPERTY, f[0], f[1], f[2]);
    if (r != VAL_ERROR) AS_DESCR(r)->name = AS_DESCR(args[0])->name;
    return r;
}

static Value prop_getter(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_PROPERTY, "getter", ARGS_METH, 1, 1);
    return copy_with(vm, args, nargs, kwnames, &spec, 0);
}

static Value prop_setter(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_PROPERTY, "setter", ARGS_METH, 1, 1);
    return copy_with(vm, args, nargs, kwnames, &spec, 1);
}

static Value prop_deleter(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_PROPERTY, "deleter", ARGS_METH, 1, 1);
    return copy_with(vm, args, nargs, kwnames, &spec, 2);
}

/* CPython 3.11's "property 'x' of 'A' object has no getter". */
static Value no_accessor(VM *vm, Descr *p, Value obj, const char *what) {
    const char *tn = val_type(vm, obj)->name->data;
    if (p->name != VAL_NULL && IS_STR(p->name))
        return vm_raise(vm, T_ATTRIBUTE_ERROR, "property '%s' of '%s' object has no %s",
                        AS_STR(p->name)->data, tn, what);
    return vm_raise(vm, T_ATTRIBUTE_ERROR, "property of '%s' object has no %s", tn, what);
}

static Value bound_method(VM *vm, Value func, Value self) {
    gc_push_root(vm, func);
    gc_push_root(vm, self);
    Method *m = gc_alloc(vm, sizeof(Method), OBJ_METHOD, vm->types[T_METHOD]);
    gc_pop_roots(vm, 2);
    if (!m) return VAL_ERROR;
    m->self = self;
    m->func = func;
    return val_obj(m);
}

/* A member descriptor stored under another name or class by the program,
 * read through an instance: the slot it names. */
static Value member_get(VM *vm, Descr *p, Value obj) {
    Type *owner = AS_TYPE(p->fget);
    Str *name = AS_STR(p->name);
    if (!val_is_kind(obj, OBJ_INSTANCE) || !type_is_subtype(val_type(vm, obj), owner))
        return vm_raise(vm, T_TYPE_ERROR, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object",
                        name->data, owner->name->data, val_type(vm, obj)->name->data);
    Value v = inst_get(AS_INSTANCE(obj), name);
    if (v != VAL_NULL) return v;
    return vm_raise(vm, T_ATTRIBUTE_ERROR, "'%s' object has no attribute '%s'",
                    val_type(vm, obj)->name->data, name->data);
}

Value descr_get(VM *vm, Value d, Value obj, Type *cls) {
    Descr *p = AS_DESCR(d);
    if (is_a(vm, d, T_STATICMETHOD)) return p->fget;
    if (is_a(vm, d, T_CLASSMETHOD) && p->fset == VAL_TRUE)
        return new_native(vm, AS_NATIVE(p->fget)->fn, AS_NATIVE(p->fget)->name, val_obj(cls));
    if (is_a(vm, d, T_CLASSMETHOD)) return bound_method(vm, p->fget, val_obj(cls));
    if (obj == VAL_NULL) return d;
    if (is_a(vm, d, T_MEMBER_DESCR)) return member_get(vm, p, obj);
    if (p->fget == VAL_NONE) return no_accessor(vm, p, obj, "getter");
    return vm_call(vm, p->fget, &obj, 1, NULL);
}

int descr_set(VM *vm, Value d, Value obj, Value v) {
    Descr *p = AS_DESCR(d);
    Value f = v == VAL_NULL ? p->fdel : p->fset;
    if (f == VAL_NONE) {
        no_accessor(vm, p, obj, v == VAL_NULL ? "deleter" : "setter");
        return -1;
    }
    Value a[2] = {obj, v};
    return vm_call(vm, f, a, v == VAL_NULL ? 1 : 2, NULL) == VAL_ERROR ? -1 : 0;
}

void descr_set_names(Dict *classdict) {
    int64_t pos = 0;
    Value k, v;
    while (dict_next(classdict, &pos, &k, &v))
        if (val_is_kind(v, OBJ_DESCR) && AS_DESCR(v)->name == VAL_NULL) AS_DESCR(v)->name = k;
}

/* fget/fset/fdel of a property, __func__ of the other two; VAL_NULL when
 * name is none of those. */
Value descr_attr(VM *vm, Value d, Str *name) {
    Descr *p = AS_DESCR(d);
    if (is_a(vm, d, T_MEMBER_DESCR)) {
        if (name == vm->names[NAME_NAME] || name == vm->names[NAME_QUALNAME]) return p->name;
        return strcmp(name->data, "__objclass__") ? VAL_NULL : p->fget;
    }
    if (!is_a(vm, d, T_PROPERTY)) return strcmp(name->data, "__func__") ? VAL_NULL : p->fget;
    if (!strcmp(name->data, "fget")) return p->fget;
    if (!strcmp(name->data, "fset")) return p->fset;
    if (!strcmp(name->data, "fdel")) return p->fdel;
    return VAL_NULL;
}

/* Slots live in the instance layout (layout.c), not as descriptors in the
 * class dict, so instance lookups never meet one; reading a slot name on
 * the class makes its member descriptor then (a new one each time). */
Value descr_slot_member(VM *vm, Type *t, Str *name) {
    uint32_t k = 0;
    while (k < t->nslotnames && !str_eq(t->attr_names[k], name)) k++;
    if (k == t->nslotnames) return VAL_NULL;
    while (t->base && k < t->base->nslotnames) t = t->base;   /* the declaring class */
    Value d = descr_new(vm, T_MEMBER_DESCR, val_obj(t), VAL_NONE, VAL_NONE);
    if (d != VAL_ERROR) AS_DESCR(d)->name = val_obj(t->attr_names[k]);
    return d;
}

void descr_init(VM *vm) {
    vm->types[T_PROPERTY]->ctor = ctor_property;
    vm->types[T_STATICMETHOD]->ctor = ctor_staticmethod;
    vm->types[T_CLASSMETHOD]->ctor = ctor_classmethod;
    type_add_native(vm, vm->types[T_PROPERTY], "getter", prop_getter);
    type_add_native(vm, vm->types[T_PROPERTY], "setter", prop_setter);
    type_add_native(vm, vm->types[T_PROPERTY], "deleter", prop_deleter);
}
