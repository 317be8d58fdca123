/* class.c: attribute access, method binding, super(), the class statement.
 *
 * Lookup order for obj.name (no descriptors beyond functions): the
 * instance's attributes (layout.c), then the class chain. A function found on the class binds
 * to the instance as a Method; a native method of a builtin class binds as a
 * copy of the Native with `self` set; any other class attribute is returned
 * as it is. Method call sites (class_load_method) skip the binding. */
#include "interp.h"

static Value raise_no_attr(VM *vm, Value obj, Str *name) {
    if (IS_TYPE(obj))
        return vm_raise(vm, T_ATTRIBUTE_ERROR, "type object '%s' has no attribute '%s'",
                        AS_TYPE(obj)->name->data, name->data);
    if (val_is_kind(obj, OBJ_MODULE) && val_type(vm, obj) == vm->types[T_MODULE])
        return vm_raise(vm, T_ATTRIBUTE_ERROR, "module '%s' has no attribute '%s'",
                        AS_MODULE(obj)->name->data, name->data);
    return vm_raise(vm, T_ATTRIBUTE_ERROR, "'%s' object has no attribute '%s'",
                    val_type(vm, obj)->name->data, name->data);
}

/* object.__init__ / BaseException.__init__, for super().__init__(...) when
 * the builtin classes define no __init__ of their own. */
static Value base_init(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    Value self = args[0];
    if (IS_EXC(self)) {
        Tuple *a = tuple_from(vm, args + 1, nargs - 1);
        if (!a) return VAL_ERROR;
        AS_EXC(self)->args = a;
        return VAL_NONE;
    }
    if (nargs > 1 || (kwnames && kwnames->len))
        return vm_raise(vm, T_TYPE_ERROR,
                        "object.__init__() takes exactly one argument (the instance to initialize)");
    return VAL_NONE;
}

Value new_native(VM *vm, NativeFn fn, const char *name, Value self) {
    gc_push_root(vm, self);
    Native *n = gc_alloc(vm, sizeof(Native), OBJ_NATIVE, vm->types[T_BUILTIN]);
    gc_pop_roots(vm, 1);
    if (!n) return VAL_ERROR;
    n->fn = fn;
    n->name = name;
    n->self = self;
    return val_obj(n);
}

/* A class attribute f as seen through instance obj. */
static Value bind(VM *vm, Value f, Value obj) {
    if (IS_FUNCTION(f)) {
        gc_push_root(vm, obj);
        gc_push_root(vm, f);
        Method *m = gc_alloc(vm, sizeof(Method), OBJ_METHOD, vm->types[T_METHOD]);
        gc_pop_roots(vm, 2);
        if (!m) return VAL_ERROR;
        m->self = obj;
        m->func = f;
        return val_obj(m);
    }
    if (val_is_kind(f, OBJ_DESCR)) return descr_get(vm, f, obj, val_type(vm, obj));
    if (val_is_kind(f, OBJ_NATIVE) && AS_NATIVE(f)->self == VAL_NULL) {
        gc_push_root(vm, f);
        Value r = new_native(vm, AS_NATIVE(f)->fn, AS_NATIVE(f)->name, obj);
        gc_pop_roots(vm, 1);
        return r;
    }
    return f;
}

static Value str_or_error(VM *vm, Str *s) { return s ? val_obj(s) : VAL_ERROR; }

/* Attributes every object of a kind has without a class dict entry:
 * `__class__`, a class's `__name__`, an exception's `args`, ... VAL_NULL
 * when name is none of them. */
static Value copy_dict(VM *vm, Dict *src) {
    Dict *d = dict_new(vm);
    if (!d) return VAL_ERROR;
    gc_push_root(vm, val_obj(d));
    Value k, v;
    int64_t pos = 0;
    int rc = 0;
    while (rc == 0 && dict_next(src, &pos, &k, &v)) rc = dict_set(vm, d, k, v);
    gc_pop_roots(vm, 1);
    return rc < 0 ? VAL_ERROR : val_obj(d);
}

static Value special_attr(VM *vm, Value obj, Str *name) {
    Str **n = vm->names;
    if (name == n[NAME_CLASS]) return val_obj(val_type(vm, obj));
    if (!val_is_obj(obj)) return VAL_NULL;
    switch (val_as_obj(obj)->kind) {
    case OBJ_TYPE: {
        Type *t = AS_TYPE(obj);
        if (name == n[NAME_QUALNAME]) {
            Value q = dict_get_str(t->dict, name);
            if (q != VAL_NULL && IS_STR(q)) return q;
        }
        if (name == n[NAME_NAME] || name == n[NAME_QUALNAME]) return val_obj(t->name);
        /* A copy: writes through it must not bypass type_modified, on which
         * every attribute cache relies. */
        if (name == n[NAME_DICT]) return copy_dict(vm, t->dict);
        if (name == n[NAME_MODULE] && t->builtin) return str_or_error(vm, str_intern_cstr(vm, "builtins"));
        if (!strcmp(name->data, "__base__")) return t->base ? val_obj(t->base) : VAL_NONE;
        if (!strcmp(name->data, "__bases__")) return val_obj(t->bases);
        if (!strcmp(name->data, "__mro__")) return val_obj(t->mro);
        return VAL_NULL;
    }
    case OBJ_FUNCTION: {
        Function *f = AS_FUNCTION(obj);
        if (name == n[NAME_NAME]) return val_obj(f->name);
        if (name == n[NAME_QUALNAME]) return val_obj(f->qualname);
        if (f->dict) {
            Value v = dict_get(vm, f->dict, val_obj(name));
            if (v != VAL_NULL) return v;
        }
        if (name == n[NAME_MODULE]) return dict_get_str(f->globals, n[NAME_NAME]);
        if (name == n[NAME_DOC]) return f->code->doc ? val_obj(f->code->doc) : VAL_NONE;
        if (name == n[NAME_DICT]) {
            if (f->dict) return copy_dict(vm, f->dict);
            Dict *d = dict_new(vm);
            return d ? val_obj(d) : VAL_ERROR;
        }
        return VAL_NULL;
    }
    case OBJ_NATIVE:
        if (name == n[NAME_NAME] || name == n[NAME_QUALNAME])
            return str_or_error(vm, str_from_cstr(vm, AS_NATIVE(obj)->name));
        if (!strcmp(name->data, "__self__"))
            return AS_NATIVE(obj)->self == VAL_NULL ? VAL_NONE : AS_NATIVE(obj)->self;
        return VAL_NULL;
    case OBJ_METHOD:
        if (!strcmp(name->data, "__self__")) return AS_METHOD(obj)->self;
        if (!strcmp(name->data, "__func__")) return AS_METHOD(obj)->func;
        if (name == n[NAME_NAME] || name == n[NAME_QUALNAME] || name == n[NAME_DOC])
            return special_attr(vm, AS_METHOD(obj)->func, name);
        return VAL_NULL;
    case OBJ_DESCR:
        return descr_attr(vm, obj, name);
    case OBJ_EXCEPTION: {
        Exception *e = AS_EXC(obj);
        if (name == n[NAME_ARGS]) return e->args ? val_obj(e->args) : val_obj(vm->empty_tuple);
        if (!strcmp(name->data, "__cause__")) return e->cause == VAL_NULL ? VAL_NONE : e->cause;
        if (!strcmp(name->data, "__context__")) return e->context;
        if (!strcmp(name->data, "__suppress_context__"))
            return e->cause != VAL_NONE ? VAL_TRUE : VAL_FALSE;
        if (!strcmp(name->data, "__traceback__")) return VAL_NONE;
        /* What CPython's StopIteration and SystemExit __init__ derive from
         * the arguments (an attribute set on the instance comes first). */
        Type *t = val_as_obj(obj)->type;
        int nargs = e->args ? (int)e->args->len : 0;
        Value first = nargs ? e->args->items[0] : VAL_NONE;
        if (!strcmp(name->data, "value") && type_is_subtype(t, vm->types[T_STOP_ITERATION]))
            return first;
        if (!strcmp(name->data, "code") && type_is_subtype(t, vm->types[T_SYSTEM_EXIT]))
            return nargs > 1 ? val_obj(e->args) : first;
    }
        /* fall through */
    case OBJ_INSTANCE:
        if (name == n[NAME_DICT] && !val_as_obj(obj)->type->slotted) {
            Dict *d = inst_dict(vm, obj);
            return d ? val_obj(d) : VAL_ERROR;
        }
        return VAL_NULL;
    default:
        return VAL_NULL;
    }
}

static bool has_attrs(Value obj) {
    return val_is_kind(obj, OBJ_INSTANCE) || val_is_kind(obj, OBJ_EXCEPTION);
}

/* Where an instance of a list or dict subclass keeps its attributes (a
 * dict made on the first store), or NULL for any other object. */
static Dict **sub_attrs(Value obj) {
    if (!val_is_builtin_sub(obj)) return NULL;
    return IS_LIST(obj) ? &AS_LIST(obj)->attrs : &AS_DICT(obj)->attrs;
}

/* A property on obj's class, which takes precedence over obj's own
 * attribute of that name; VAL_NULL when there is none. */
static Value class_property(VM *vm, Value obj, Str *name) {
    Value d = type_lookup(vm, val_type(vm, obj), name);
    return descr_is_property(vm, d) ? d : VAL_NULL;
}

/* super(C, obj): a Method-shaped proxy of class `super` holding obj as self
 * and C as func; its attributes are looked up after C in obj's classes. */
static bool is_super_proxy(VM *vm, Value v) {
    return val_is_kind(v, OBJ_METHOD) && val_as_obj(v)->type == vm->types[T_SUPER];
}

Value class_super_new(VM *vm, Value cls, Value self) {
    if (!IS_TYPE(cls))
        return vm_raise(vm, T_TYPE_ERROR, "super() argument 1 must be a type, not %s",
                        val_type(vm, cls)->name->data);
    Type *c = AS_TYPE(cls);
    bool ok = IS_TYPE(self) ? type_is_subtype(AS_TYPE(self), c) : obj_isinstance(vm, self, c);
    if (!ok)
        return vm_raise(vm, T_TYPE_ERROR, "super(type, obj): obj must be an instance or subtype of type");
    Method *m = gc_alloc(vm, sizeof(Method), OBJ_METHOD, vm->types[T_SUPER]);
    if (!m) return VAL_ERROR;
    m->self = self;
    m->func = cls;
    return val_obj(m);
}

Value obj_getattr(VM *vm, Value obj, Str *name) {
    Value v;
    if (has_attrs(obj)) {
        /* One class lookup serves the property check and the fallback. */
        int k;
        Value c = type_lookup_slot(vm, val_type(vm, obj), name, &k);
        if (descr_is_property(vm, c)) return bind(vm, c, obj);
        if ((v = inst_get_at(AS_INSTANCE(obj), k, name)) != VAL_NULL) return v;
        if (c != VAL_NULL) return bind(vm, c, obj);
    }
    if (IS_TYPE(obj)) {
        v = special_attr(vm, obj, name);
        if (v != VAL_NULL) return v;
        v = type_lookup(vm, AS_TYPE(obj), name);
        if (val_is_kind(v, OBJ_DESCR)) return descr_get(vm, v, VAL_NULL, AS_TYPE(obj));
        if (v != VAL_NULL) return v;
        if ((v = descr_slot_member(vm, AS_TYPE(obj), name)) != VAL_NULL) return v;
        return raise_no_attr(vm, obj, name);
    }
    if (val_is_kind(obj, OBJ_MODULE) && (v = module_getattr(vm, obj, name)) != VAL_NULL) return v;
    if (is_super_proxy(vm, obj))
        return class_super_attr(vm, AS_TYPE(AS_METHOD(obj)->func), AS_METHOD(obj)->self, name);
    Dict **attrs = sub_attrs(obj);
    if (attrs) {
        if ((v = class_property(vm, obj, name)) != VAL_NULL) return bind(vm, v, obj);
        if (*attrs && (v = dict_get_str(*attrs, name)) != VAL_NULL) return v;
        if (name == vm->names[NAME_DICT]) {
            if (*attrs) return copy_dict(vm, *attrs);
            Dict *d = dict_new(vm);
            return d ? val_obj(d) : VAL_ERROR;
        }
    }
    v = type_lookup(vm, val_type(vm, obj), name);
    if (v != VAL_NULL) return bind(vm, v, obj);
    v = special_attr(vm, obj, name);
    if (v != VAL_NULL) return v;
    /* Not found: a user class's __getattr__(name) has the last word. */
    if (!val_type(vm, obj)->builtin) {
        Value arg = val_obj(name);
        gc_push_root(vm, arg);
        v = vm_call_dunder(vm, obj, vm->names[NAME_GETATTR], &arg, 1);
        gc_pop_roots(vm, 1);
        if (v != VAL_NULL) return v;
    }
    return raise_no_attr(vm, obj, name);
}

/* super() in a method of owner: name in the MRO of self's class (of self,
 * in a classmethod) after owner. */
static Value super_lookup(VM *vm, Type *owner, Value self, Str *name) {
    Type *t = IS_TYPE(self) ? AS_TYPE(self) : val_type(vm, self);
    return type_lookup_after(t, owner, name);
}

int class_load_method(VM *vm, Value obj, Type *owner, Str *name, Value *out) {
    Value f;
    if (owner) {
        f = super_lookup(vm, owner, obj, name);
        if (f == VAL_NULL || val_is_kind(f, OBJ_DESCR)) {
            *out = class_super_attr(vm, owner, obj, name);
            return *out == VAL_ERROR ? -1 : 0;
        }
    } else {
        /* The class is looked up once: a property there wins over the
         * instance's own attribute, a plain function loads unbound. */
        int k = -1;
        f = IS_TYPE(obj) ? VAL_NULL : type_lookup_slot(vm, val_type(vm, obj), name, &k);
        Value own;
        if (has_attrs(obj) && !descr_is_property(vm, f) &&
            (own = inst_get_at(AS_INSTANCE(obj), k, name)) != VAL_NULL) {
            *out = own;
            return 0;
        }
        Dict **attrs = sub_attrs(obj);
        if (attrs && *attrs && dict_get_str(*attrs, name) != VAL_NULL) {
            *out = obj_getattr(vm, obj, name);
            return *out == VAL_ERROR ? -1 : 0;
        }
        if (f == VAL_NULL || val_is_kind(f, OBJ_DESCR)) {
            *out = obj_getattr(vm, obj, name);
            return *out == VAL_ERROR ? -1 : 0;
        }
    }
    *out = f;
    return IS_FUNCTION(f) || (val_is_kind(f, OBJ_NATIVE) && AS_NATIVE(f)->self == VAL_NULL);
}

Value class_super_attr(VM *vm, Type *owner, Value self, Str *name) {
    Value f = super_lookup(vm, owner, self, name);
    /* super() in a classmethod: self is the class itself. */
    if (f != VAL_NULL && IS_TYPE(self))
        return val_is_kind(f, OBJ_DESCR) ? descr_get(vm, f, VAL_NULL, AS_TYPE(self)) : f;
    if (f != VAL_NULL) return bind(vm, f, self);
    if (name == vm->names[NAME_INIT]) return new_native(vm, base_init, "__init__", self);
    return vm_raise(vm, T_ATTRIBUTE_ERROR, "'super' object has no attribute '%s'", name->data);
}

/* Attributes of a function (decorators set them): __name__ and
 * __qualname__ rename it, anything else goes to its attribute dict. */
static int function_setattr(VM *vm, Function *f, Str *name, Value v) {
    Str **n = vm->names;
    if (name == n[NAME_NAME] || name == n[NAME_QUALNAME]) {
        if (!IS_STR(v)) {
            vm_raise(vm, T_TYPE_ERROR, "__%s__ must be set to a string object",
                     name == n[NAME_NAME] ? "name" : "qualname");
            return -1;
        }
        if (name == n[NAME_NAME]) f->name = AS_STR(v);
        else f->qualname = AS_STR(v);
        return 0;
    }
    if (!f->dict) {
        Dict *d = dict_new(vm);
        if (!d) return -1;
        f->dict = d;
    }
    return dict_set(vm, f->dict, val_obj(name), v);
}

int obj_setattr(VM *vm, Value obj, Str *name, Value v) {
    if (has_attrs(obj)) {
        if (IS_EXC(obj) && name == vm->names[NAME_ARGS] && IS_TUPLE(v)) {
            AS_EXC(obj)->args = AS_TUPLE(v);
            return 0;
        }
        Value p = class_property(vm, obj, name);
        if (p != VAL_NULL) return descr_set(vm, p, obj, v);
        return inst_set(vm, obj, name, v);
    }
    if (IS_TYPE(obj)) {
        Type *t = AS_TYPE(obj);
        if (t->builtin) {
            vm_raise(vm, T_TYPE_ERROR, "cannot set '%s' attribute of immutable type '%s'",
                     name->data, t->name->data);
            return -1;
        }
        if (dict_set_str(vm, t->dict, name, v) < 0) return -1;
        type_modified(vm, t);
        return 0;
    }
    if (val_is_kind(obj, OBJ_MODULE)) return dict_set(vm, AS_MODULE(obj)->dict, val_obj(name), v);
    if (IS_FUNCTION(obj)) return function_setattr(vm, AS_FUNCTION(obj), name, v);
    Dict **attrs = sub_attrs(obj);
    if (attrs) {
        Value p = class_property(vm, obj, name);
        if (p != VAL_NULL) return descr_set(vm, p, obj, v);
        if (!*attrs && !(*attrs = dict_new(vm))) return -1;
        return dict_set_str(vm, *attrs, name, v);
    }
    raise_no_attr(vm, obj, name);
    return -1;
}

int obj_delattr(VM *vm, Value obj, Str *name) {
    if (IS_TYPE(obj) && AS_TYPE(obj)->builtin) {
        vm_raise(vm, T_TYPE_ERROR, "cannot delete '%s' attribute of immutable type '%s'",
                 name->data, AS_TYPE(obj)->name->data);
        return -1;
    }
    Dict **attrs = sub_attrs(obj);
    Value p = has_attrs(obj) || attrs ? class_property(vm, obj, name) : VAL_NULL;
    if (p != VAL_NULL) return descr_set(vm, p, obj, VAL_NULL);
    int r = IS_TYPE(obj)     ? dict_del(vm, AS_TYPE(obj)->dict, val_obj(name))
            : has_attrs(obj) ? inst_del(vm, AS_INSTANCE(obj), name)
            : attrs && *attrs ? dict_del(vm, *attrs, val_obj(name))
                             : 0;
    if (r < 0) return -1;
    if (r == 0 && has_attrs(obj) && val_as_obj(obj)->type->slotted &&
        layout_find(val_as_obj(obj)->type, name) >= 0) {
        vm_raise(vm, T_ATTRIBUTE_ERROR, "%s", name->data); /* an empty slot, as CPython says */
        return -1;
    }
    if (r == 0) {
        raise_no_attr(vm, obj, name);
        return -1;
    }
    if (IS_TYPE(obj)) type_modified(vm, AS_TYPE(obj));
    return 0;
}

static void set_owner(Value f, Type *t) {
    if (IS_FUNCTION(f)) AS_FUNCTION(f)->owner = t;
}

/* Attribute hooks stitch does not call (the attribute paths and their
 * specialized forms would skip them): a clear error, not silently wrong
 * output. */
static int unsupported_hooks(VM *vm, Dict *ns) {
    static const char *const hooks[] = {"__setattr__", "__delattr__", "__getattribute__"};
    for (size_t i = 0; i < sizeof hooks / sizeof *hooks; i++) {
        Str *h = str_intern_cstr(vm, hooks[i]);
        if (!h) return -1;
        if (dict_get_str(ns, h) != VAL_NULL) {
            vm_raise(vm, T_TYPE_ERROR, "stitch: unsupported: a class defining %s", hooks[i]);
            return -1;
        }
    }
    return 0;
}

Value class_build(VM *vm, Value body, Value name, Value base) {
    if (!IS_FUNCTION(body) || !IS_STR(name))
        return vm_raise(vm, T_TYPE_ERROR, "BUILD_CLASS: bad class body");
    /* base: NULL (no bases), one class, or a tuple of two or more. */
    Tuple *bases = vm->empty_tuple;
    if (base != VAL_NULL) {
        Value *b = IS_TUPLE(base) ? AS_TUPLE(base)->items : &base;
        int64_t n = IS_TUPLE(base) ? AS_TUPLE(base)->len : 1;
        for (int64_t i = 0; i < n; i++)
            if (!IS_TYPE(b[i]))
                return vm_raise(vm, T_TYPE_ERROR, "bases must be types, not '%s'",
                                val_type(vm, b[i])->name->data);
        if (!IS_TUPLE(base) && !(bases = tuple_from(vm, &base, 1))) return VAL_ERROR;
        if (IS_TUPLE(base)) bases = AS_TUPLE(base);
    }
    Value *p = vm->stack_top;
    if (p + 4 > vm->stack_end)
        return vm_raise(vm, T_RECURSION_ERROR, "maximum recursion depth exceeded");
    gc_push_root(vm, val_obj(bases));
    Dict *ns = dict_new(vm);
    gc_pop_roots(vm, 1);
    if (!ns) return VAL_ERROR;
    /* The namespace, the body and the bases stay rooted on the stack while
     * the body runs (its frame starts above them). */
    p[0] = val_obj(ns);
    p[1] = body;
    p[2] = val_obj(bases);
    vm->stack_top = p + 3;
    Function *fn = AS_FUNCTION(body);
    Value modname = dict_get_str(fn->globals, vm->names[NAME_NAME]);
    Value r = VAL_ERROR;
    if (modname != VAL_NULL && dict_set_str(vm, ns, vm->names[NAME_MODULE], modname) < 0)
        goto done;
    Frame *f = call_push(vm, fn, p + 3, 0, NULL, FRAME_ENTRY | FRAME_CLASSBODY);
    if (!f) goto done;
    f->locals_dict = ns;
    if (interp_run(vm) == VAL_ERROR) goto done;
    /* Every class has its own __doc__, None without a docstring (CPython's
     * type_new), so a subclass does not show its base's. */
    if (dict_get_str(ns, vm->names[NAME_DOC]) == VAL_NULL &&
        dict_set_str(vm, ns, vm->names[NAME_DOC], VAL_NONE) < 0)
        goto done;
    if (unsupported_hooks(vm, ns) < 0) goto done;
    Type *t = type_new_bases(vm, AS_STR(name), bases, ns);
    if (!t) goto done;
    descr_set_names(t->dict);
    int64_t pos = 0;
    Value k, v;
    while (dict_next(t->dict, &pos, &k, &v)) {
        set_owner(v, t);
        /* Functions wrapped by property/staticmethod/classmethod use super() too. */
        if (val_is_kind(v, OBJ_DESCR)) {
            set_owner(AS_DESCR(v)->fget, t);
            set_owner(AS_DESCR(v)->fset, t);
            set_owner(AS_DESCR(v)->fdel, t);
        }
    }
    r = val_obj(t);
done:
    vm->stack_top = p;
    return r;
}

/* The special method name of obj's class bound to obj, or VAL_NULL. */
static Value special_method(VM *vm, Value obj, const char *name) {
    Str *s = str_intern_cstr(vm, name);
    if (!s) return VAL_ERROR;
    Value f = type_lookup(vm, val_type(vm, obj), s);
    return f == VAL_NULL ? VAL_NULL : bind(vm, f, obj);
}

Value class_before_with(VM *vm, Value mgr, Value *exit) {
    Value enter = special_method(vm, mgr, "__enter__");
    if (enter == VAL_ERROR) return VAL_ERROR;
    if (enter == VAL_NULL)
        return vm_raise(vm, T_TYPE_ERROR, "'%s' object does not support the context manager protocol",
                        val_type(vm, mgr)->name->data);
    gc_push_root(vm, enter);
    Value ex = special_method(vm, mgr, "__exit__");
    gc_pop_roots(vm, 1);
    if (ex == VAL_ERROR) return VAL_ERROR;
    if (ex == VAL_NULL)
        return vm_raise(vm, T_TYPE_ERROR,
                        "'%s' object does not support the context manager protocol "
                        "(missed __exit__ method)",
                        val_type(vm, mgr)->name->data);
    gc_push_root(vm, ex);
    Value r = vm_call(vm, enter, NULL, 0, NULL);
    gc_pop_roots(vm, 1);
    *exit = ex;
    return r;
}

Value class_with_exit(VM *vm, Value exit, Value exc) {
    Value args[3] = {val_obj(val_type(vm, exc)), exc, VAL_NONE};
    return vm_call(vm, exit, args, 3, NULL);
}
