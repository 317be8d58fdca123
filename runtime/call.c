/* call.c: calling every kind of callable, binding arguments, pushing frames.
 *
 * One binder (call_push) serves both the interpreter's CALL, which pushes
 * the frame and keeps running in the same loop, and calls from C (vm_call),
 * which push a FRAME_ENTRY frame and run a nested loop. The specialized
 * keyword calls (CALL_KW_PY...) bind by a map worked out once per call
 * site instead (call_kw_map, call_push_kw_map). */
#include "interp.h"
#include "builtins.h"

Value call_raise_recursion(VM *vm) {
    return vm_raise(vm, T_RECURSION_ERROR, "maximum recursion depth exceeded");
}

/* "'a'", "'a' and 'b'", "'a', 'b', and 'c'": CPython's list of names. */
static void add_name_list(StrBuf *b, Str **names, int n) {
    for (int i = 0; i < n; i++) {
        if (i > 0) sb_adds(b, n == 2 ? " and " : i == n - 1 ? ", and " : ", ");
        sb_addf(b, "'%s'", names[i]->data);
    }
}

/* "f() missing 2 required positional arguments: 'a' and 'b'" (or
 * keyword-only ones): the empty slots of [from, to). */
static void raise_missing(VM *vm, Function *fn, Value *locals, int from, int to, const char *kind) {
    Code *co = fn->code;
    Str *missing[256];
    int n = 0;
    for (int j = from; j < to && n < 256; j++)
        if (locals[j] == VAL_NULL) missing[n++] = AS_STR(co->varnames->items[j]);
    StrBuf b;
    sb_init(&b);
    sb_addf(&b, "%s() missing %d required %s argument%s: ", fn->qualname->data, n, kind,
            n == 1 ? "" : "s");
    add_name_list(&b, missing, n);
    sb_addc(&b, '\0');
    vm_raise(vm, T_TYPE_ERROR, "%s", b.data);
    sb_free(&b);
}

/* CPython's too_many_positional, counting keyword-only arguments given. */
static void raise_too_many(VM *vm, Function *fn, int given, Value *locals) {
    Code *co = fn->code;
    int max = co->nargs;
    int ndef = fn->defaults ? (int)fn->defaults->len : 0;
    int kwonly = 0;
    for (int j = co->nargs; j < co->nargs + co->kwonlyargcount; j++) kwonly += locals[j] != VAL_NULL;
    char sig[64], kwsig[96] = "";
    if (ndef > 0) snprintf(sig, sizeof sig, "from %d to %d", max - ndef, max);
    else snprintf(sig, sizeof sig, "%d", max);
    if (kwonly)
        snprintf(kwsig, sizeof kwsig, " positional argument%s (and %d keyword-only argument%s)",
                 given == 1 ? "" : "s", kwonly, kwonly == 1 ? "" : "s");
    vm_raise(vm, T_TYPE_ERROR, "%s() takes %s positional argument%s but %d%s %s given",
             fn->qualname->data, sig, ndef > 0 || max != 1 ? "s" : "", given, kwsig,
             given == 1 && !kwonly ? "was" : "were");
}

/* The slot of the positional-or-keyword or keyword-only parameter `name`. */
static int param_index(Code *co, Str *name) {
    Value *v = co->varnames->items;
    int n = co->nargs + co->kwonlyargcount;
    for (int j = 0; j < n; j++)
        if (AS_STR(v[j]) == name) return j;
    for (int j = 0; j < n; j++)
        if (str_eq(AS_STR(v[j]), name)) return j;
    return -1;
}

/* A new frame's extent above its first n locals: unbound locals read as
 * NULL. Operand slots are written before they are read; they need clearing
 * only where they may hold a pointer freed by a collection (at or above
 * stack_hwm, vm.h). */
static inline void clear_extent(VM *vm, Value *locals, int n, Code *co, Value *end) {
    Value *ops = locals + co->nlocals;
    for (Value *p = locals + n; p < ops; p++) *p = VAL_NULL;
    for (Value *p = ops > vm->stack_hwm ? ops : vm->stack_hwm; p < end; p++) *p = VAL_NULL;
}

/* The general binding: keywords, defaults, *args, **kwargs, and the errors,
 * in CPython's order. Clears the frame's extent above the arguments as it
 * goes. The *args tuple and **kwargs dict are made first, while every
 * argument is still on the stack (a root). */
static int bind_slow(VM *vm, Function *fn, Value *locals, int npos, Tuple *kwnames, Value *end) {
    Code *co = fn->code;
    int nkw = kwnames ? (int)kwnames->len : 0;
    int nparams = co->nargs + co->kwonlyargcount;
    int nroots = 0, rc = -1;
    Value varargs = VAL_NULL, varkw = VAL_NULL;
    if (co->flags & CO_VARARGS) {
        int extra = npos > co->nargs ? npos - co->nargs : 0;
        Tuple *t = extra ? tuple_from(vm, locals + co->nargs, extra) : vm->empty_tuple;
        if (!t) return -1;
        varargs = val_obj(t);
        gc_push_root(vm, varargs), nroots++;
    }
    if (co->flags & CO_VARKEYWORDS) {
        Dict *d = dict_new(vm);
        if (!d) goto done;
        varkw = val_obj(d);
        gc_push_root(vm, varkw), nroots++;
        for (int i = 0; i < nkw; i++) {
            Str *name = AS_STR(kwnames->items[i]);
            if (param_index(co, name) < 0 && dict_set_str(vm, d, name, locals[npos + i]) < 0) goto done;
        }
    }
    /* No allocation from here on: the keyword values are copied aside. */
    Value kwv[256];
    for (int i = 0; i < nkw && i < 256; i++) kwv[i] = locals[npos + i];
    int ncopy = npos < co->nargs ? npos : co->nargs;
    clear_extent(vm, locals, ncopy, co, end);
    for (int i = 0; i < nkw; i++) {
        Str *name = AS_STR(kwnames->items[i]);
        int j = param_index(co, name);
        if (j < 0) {
            if (varkw != VAL_NULL) continue;
            vm_raise(vm, T_TYPE_ERROR, "%s() got an unexpected keyword argument '%s'",
                     fn->qualname->data, name->data);
            goto done;
        }
        if (locals[j] != VAL_NULL) {
            vm_raise(vm, T_TYPE_ERROR, "%s() got multiple values for argument '%s'",
                     fn->qualname->data, name->data);
            goto done;
        }
        locals[j] = kwv[i];
    }
    if (npos > co->nargs && varargs == VAL_NULL) {
        raise_too_many(vm, fn, npos, locals);
        goto done;
    }
    int ndef = fn->defaults ? (int)fn->defaults->len : 0;
    int first_def = co->nargs - ndef;
    bool missing = false;
    for (int j = ncopy; j < co->nargs; j++) {
        if (locals[j] != VAL_NULL) continue;
        if (j >= first_def) locals[j] = fn->defaults->items[j - first_def];
        else missing = true;
    }
    if (missing) {
        raise_missing(vm, fn, locals, 0, co->nargs, "positional");
        goto done;
    }
    for (int j = co->nargs; j < nparams; j++) {
        if (locals[j] != VAL_NULL) continue;
        Value d = fn->kwdefaults ? dict_get_str(fn->kwdefaults, AS_STR(co->varnames->items[j]))
                                 : VAL_NULL;
        if (d != VAL_NULL) locals[j] = d;
        else missing = true;
    }
    if (missing) {
        raise_missing(vm, fn, locals, co->nargs, nparams, "keyword-only");
        goto done;
    }
    int k = nparams;
    if (varargs != VAL_NULL) locals[k++] = varargs;
    if (varkw != VAL_NULL) locals[k] = varkw;
    rc = 0;
done:
    if (nroots) gc_pop_roots(vm, nroots);
    return rc;
}

/* Push the frame of fn whose locals (bound) start at `locals`. */
static Frame *frame_enter(VM *vm, Function *fn, Value *locals, Value *end, int flags) {
    Code *co = fn->code;
    if (end > vm->stack_hwm) vm->stack_hwm = end;
    Frame *f = &vm->frames[vm->nframes++];
    f->code = co;
    f->func = fn;
    f->globals = fn->globals;
    f->locals_dict = NULL;
    f->base = locals;
    f->sp = locals + co->nlocals;
    f->ip = co->code;
    f->flags = flags;
    /* Slots between this extent and the caller's stay scanned: they may
     * hold the caller's popped operands, which must not go stale. */
    f->top = end > vm->stack_top ? end : vm->stack_top;
    vm->stack_top = f->top;
    return f;
}

Frame *call_push(VM *vm, Function *fn, Value *locals, int npos, Tuple *kwnames, int flags) {
    Code *co = fn->code;
    Value *end = locals + co->nlocals + co->stacksize;
    if (!call_frame_fits(vm, end)) {
        call_raise_recursion(vm);
        return NULL;
    }
    if (__builtin_expect(!kwnames && npos == co->nargs && !(co->flags & CO_COMPLEX_ARGS), 1)) {
        clear_extent(vm, locals, npos, co, end);
    } else if (bind_slow(vm, fn, locals, npos, kwnames, end) < 0) {
        return NULL;
    }
    return frame_enter(vm, fn, locals, end, flags);
}

Frame *call_push_kw_map(VM *vm, Function *fn, Value *locals, int npos, int nkw, unsigned map,
                        int flags) {
    Code *co = fn->code;
    Value *end = locals + co->nlocals + co->stacksize;
    if (!call_frame_fits(vm, end)) {
        call_raise_recursion(vm);
        return NULL;
    }
    /* The keyword values lie where the extent is cleared: set them aside. */
    Value kwv[CALL_KW_MAP_MAX];
    for (int i = 0; i < nkw; i++) kwv[i] = locals[npos + i];
    clear_extent(vm, locals, npos, co, end);
    for (int i = 0; i < nkw; i++) locals[map >> (4 * i) & 15] = kwv[i];
    if (fn->defaults) {
        int first_def = co->nargs - (int)fn->defaults->len;
        for (int j = npos > first_def ? npos : first_def; j < co->nargs; j++)
            if (locals[j] == VAL_NULL) locals[j] = fn->defaults->items[j - first_def];
    }
    return frame_enter(vm, fn, locals, end, flags);
}

int call_kw_map(Function *fn, int npos, Tuple *kwnames) {
    Code *co = fn->code;
    int nkw = (int)kwnames->len;
    if ((co->flags & CO_COMPLEX_ARGS) || nkw > CALL_KW_MAP_MAX || npos > co->nargs) return -1;
    unsigned filled = 0;
    int map = 0;
    for (int i = 0; i < nkw; i++) {
        int j = npos;
        while (j < co->nargs && co->varnames->items[j] != kwnames->items[i]) j++;
        if (j == co->nargs || j >= 16 || (filled >> j & 1)) return -1;
        filled |= 1u << j;
        map |= j << (4 * i);
    }
    int first_def = co->nargs - (fn->defaults ? (int)fn->defaults->len : 0);
    for (int j = npos; j < first_def; j++)
        if (j >= 16 || !(filled >> j & 1)) return -1;
    return map;
}

/* Call fn(self, args...) from C: lays the call out at the stack top. */
static Value call_with_self(VM *vm, Value fn, Value self, Value *args, int npos, Tuple *kwnames) {
    int total = npos + (kwnames ? (int)kwnames->len : 0);
    Value *p = vm->stack_top;
    if (p + total + 2 > vm->stack_end) return call_raise_recursion(vm);
    if (total) memmove(p + 2, args, (size_t)total * sizeof(Value));
    p[0] = fn;
    p[1] = self;
    vm->stack_top = p + 2 + total;
    Value r = call_slots(vm, p, npos, kwnames);
    vm->stack_top = p;
    return r;
}

Value call_py_dunder(VM *vm, Function *fn, Value self, const Value *args, int n) {
    Value *p = vm->stack_top;
    if (p + n + 1 > vm->stack_end) return call_raise_recursion(vm);
    p[0] = self;
    for (int i = 0; i < n; i++) p[i + 1] = args[i];
    vm->stack_top = p + n + 1;
    Value r = VAL_ERROR;
    if (call_push(vm, fn, p, n + 1, NULL, FRAME_ENTRY)) r = interp_run(vm);
    vm->stack_top = p;
    return r;
}

Value vm_call(VM *vm, Value callable, Value *args, int nargs, Tuple *kwnames) {
    return call_with_self(vm, callable, VAL_NULL, args, nargs, kwnames);
}

Function *call_python_init(VM *vm, Type *t) {
    Value init = type_lookup(vm, t, vm->names[NAME_INIT]);
    return IS_FUNCTION(init) ? AS_FUNCTION(init) : NULL;
}

Value call_alloc_instance(VM *vm, Type *t, Value *args, int n) {
    if (t->inst_kind == OBJ_EXCEPTION) {
        Tuple *a = n ? tuple_from(vm, args, n) : vm->empty_tuple;
        if (!a) return VAL_ERROR;
        gc_push_root(vm, val_obj(a));
        Value e = exc_new(vm, t, a);
        gc_pop_roots(vm, 1);
        return e;
    }
    /* A subclass of list or dict: an empty one of class t; its __init__
     * (list's or dict's, unless overridden) fills it. */
    Obj *o = t->inst_kind == OBJ_LIST   ? (Obj *)list_new(vm, 0)
             : t->inst_kind == OBJ_DICT ? (Obj *)dict_new(vm)
                                        : (Obj *)inst_new(vm, t);
    if (o) o->type = t;
    return o ? val_obj(o) : VAL_ERROR;
}

/* Calling a class: builtin classes through their constructor, user classes
 * by allocating an instance and running its __init__. */
static Value call_type(VM *vm, Type *t, Value *args, int npos, Tuple *kwnames) {
    if (t->builtin) {
        if (t->ctor) return t->ctor(vm, args, npos, kwnames);
        if (type_is_subtype(t, vm->types[T_BASE_EXCEPTION])) {
            if (kwnames && kwnames->len)
                return vm_raise(vm, T_TYPE_ERROR, "%s() takes no keyword arguments",
                                t->name->data);
            return call_alloc_instance(vm, t, args, npos);
        }
        return vm_raise(vm, T_TYPE_ERROR, "cannot create '%s' instances", t->name->data);
    }
    Function *init = call_python_init(vm, t);
    int nkw = kwnames ? (int)kwnames->len : 0;
    if (!init && (t->inst_kind == OBJ_LIST || t->inst_kind == OBJ_DICT)) {
        Value inst = call_alloc_instance(vm, t, args, npos);
        if (inst == VAL_ERROR) return inst;
        gc_push_root(vm, inst);
        Value native = type_lookup(vm, t, vm->names[NAME_INIT]);
        Value r = call_with_self(vm, native, inst, args, npos, kwnames);
        gc_pop_roots(vm, 1);
        return r == VAL_ERROR ? r : inst;
    }
    if (!init && t->inst_kind != OBJ_EXCEPTION && npos + nkw > 0)
        return vm_raise(vm, T_TYPE_ERROR, "%s() takes no arguments", t->name->data);
    if (!init && nkw > 0)
        return vm_raise(vm, T_TYPE_ERROR, "%s() takes no keyword arguments", t->name->data);
    Value inst = call_alloc_instance(vm, t, args, npos);
    if (inst == VAL_ERROR || !init) return inst;
    gc_push_root(vm, inst);
    Value r = call_with_self(vm, val_obj(init), inst, args, npos, kwnames);
    gc_pop_roots(vm, 1);
    if (r == VAL_ERROR) return r;
    if (r != VAL_NONE)
        return vm_raise(vm, T_TYPE_ERROR, "__init__() should return None, not '%s'",
                        val_type(vm, r)->name->data);
    return inst;
}

Value call_slots(VM *vm, Value *slot, int npos, Tuple *kwnames) {
    for (;;) {
        Value c = slot[0];
        bool has_self = slot[1] != VAL_NULL;
        Value *args = has_self ? slot + 1 : slot + 2;
        int n = npos + has_self;
        if (!val_is_obj(c)) break;
        switch (val_as_obj(c)->kind) {
        case OBJ_FUNCTION: {
            Value *saved = vm->stack_top;
            if (!call_push(vm, AS_FUNCTION(c), args, n, kwnames, FRAME_ENTRY)) return VAL_ERROR;
            Value r = interp_run(vm);
            vm->stack_top = saved;
            return r;
        }
        case OBJ_NATIVE: {
            Native *nat = AS_NATIVE(c);
            if (!has_self && nat->self != VAL_NULL) {
                slot[1] = nat->self;
                args--, n++;
            }
            return nat->fn(vm, args, n, kwnames);
        }
        case OBJ_METHOD:
            if (has_self)
                return call_with_self(vm, AS_METHOD(c)->func, AS_METHOD(c)->self, args, n,
                                      kwnames);
            slot[0] = AS_METHOD(c)->func;
            slot[1] = AS_METHOD(c)->self;
            continue;
        case OBJ_TYPE:
            return call_type(vm, AS_TYPE(c), args, n, kwnames);
        default: {
            Value f = type_lookup(vm, val_type(vm, c), vm->names[NAME_CALL]);
            if (f == VAL_NULL) break;
            if (IS_FUNCTION(f)) return call_with_self(vm, f, c, args, n, kwnames);
            slot[0] = f;
            continue;
        }
        }
        break;
    }
    return vm_raise(vm, T_TYPE_ERROR, "'%s' object is not callable",
                    val_type(vm, slot[0])->name->data);
}

Value vm_call_dunder(VM *vm, Value v, Str *name, Value *args, int nargs) {
    Value f = type_lookup(vm, val_type(vm, v), name);
    if (f == VAL_NULL) return VAL_NULL;
    if (IS_FUNCTION(f) || (val_is_kind(f, OBJ_NATIVE) && AS_NATIVE(f)->self == VAL_NULL))
        return call_with_self(vm, f, v, args, nargs, NULL);
    return vm_call(vm, f, args, nargs, NULL);
}

/* CPython's _PyObject_FunctionStr: "mod.qualname()" for a function,
 * "name()" for a builtin, else "T object". */
static void function_str(VM *vm, Value f, char *buf, size_t n) {
    if (val_is_kind(f, OBJ_METHOD)) f = AS_METHOD(f)->func;
    if (IS_FUNCTION(f)) {
        Function *fn = AS_FUNCTION(f);
        Value mod = dict_get_str(fn->globals, vm->names[NAME_NAME]);
        if (IS_STR(mod)) snprintf(buf, n, "%s.%s()", AS_STR(mod)->data, fn->qualname->data);
        else snprintf(buf, n, "%s()", fn->qualname->data);
    } else if (val_is_kind(f, OBJ_NATIVE)) {
        snprintf(buf, n, "%s()", AS_NATIVE(f)->name);
    } else if (IS_TYPE(f)) {
        snprintf(buf, n, "%s()", AS_TYPE(f)->name->data);
    } else {
        snprintf(buf, n, "%s object", val_type(vm, f)->name->data);
    }
}

int call_dict_merge(VM *vm, Value callable, Dict *d, Value m) {
    char fs[256];
    if (!IS_DICT(m)) {
        function_str(vm, callable, fs, sizeof fs);
        vm_raise(vm, T_TYPE_ERROR, "%s argument after ** must be a mapping, not %s", fs,
                 val_type(vm, m)->name->data);
        return -1;
    }
    int64_t pos = 0;
    Value k, v;
    while (dict_next(AS_DICT(m), &pos, &k, &v)) {
        /* Non-string keys fail later, in call_ex_prepare (CPython's order). */
        if (!IS_STR(k)) {
            if (dict_set(vm, d, k, v) < 0) return -1;
            continue;
        }
        if (dict_get_str(d, AS_STR(k)) != VAL_NULL) {
            function_str(vm, callable, fs, sizeof fs);
            vm_raise(vm, T_TYPE_ERROR, "%s got multiple values for keyword argument '%s'", fs,
                     AS_STR(k)->data);
            return -1;
        }
        if (dict_set_str(vm, d, AS_STR(k), v) < 0) return -1;
    }
    return 0;
}

/* The keywords of CALL_FUNCTION_EX may be the caller's own `m` of f(**m)
 * (compile_call_ex): DICT_MERGE's check, in its place. When the
 * positionals must be iterated first (running user code that may change
 * m), m is copied as DICT_MERGE would have done. */
static int check_kwargs(VM *vm, Value *slot, bool copy) {
    Value m = slot[3];
    if (!copy && IS_DICT(m)) return 0;
    Dict *d = dict_new(vm);
    if (!d) return -1;
    gc_push_root(vm, val_obj(d));
    int r = call_dict_merge(vm, slot[0], d, m);
    gc_pop_roots(vm, 1);
    if (r == 0) slot[3] = val_obj(d);
    return r;
}

int call_ex_prepare(VM *vm, Value *slot, bool has_kw, Tuple **kwnames) {
    *kwnames = NULL;
    Value args = slot[2];
    if (has_kw && check_kwargs(vm, slot, !IS_TUPLE(args) && !IS_LIST(args)) < 0) return -1;
    if (!IS_TUPLE(args) && !IS_LIST(args)) {
        Value it = obj_iter(vm, args);
        if (it == VAL_ERROR) {
            char fs[256];
            function_str(vm, slot[0], fs, sizeof fs);
            vm_take_exc(vm);
            vm_raise(vm, T_TYPE_ERROR, "%s argument after * must be an iterable, not %s", fs,
                     val_type(vm, args)->name->data);
            return -1;
        }
        gc_push_root(vm, it);
        List *l = list_new(vm, 0);
        if (l) slot[2] = args = val_obj(l);
        int r = l ? seq_extend(vm, l, it) : -1;
        gc_pop_roots(vm, 1);
        if (r < 0) return -1;
    }
    int64_t npos = IS_TUPLE(args) ? AS_TUPLE(args)->len : AS_LIST(args)->len;
    Dict *kw = has_kw ? AS_DICT(slot[3]) : NULL;
    int64_t nkw = kw ? kw->len : 0;
    if (nkw > 0) {
        Tuple *names = tuple_new(vm, nkw);
        if (!names) return -1;
        int64_t pos = 0, i = 0;
        Value k, v;
        while (dict_next(kw, &pos, &k, &v)) {
            if (!IS_STR(k)) {
                vm_raise(vm, T_TYPE_ERROR, "keywords must be strings");
                return -1;
            }
            names->items[i++] = k;
        }
        *kwnames = names;
    }
    /* Lay the call out; the tuple/list and dict are read as they are
     * overwritten, so keep them rooted. The names stay on the stack just
     * above the call (a root while the callee binds). */
    Value *end = slot + 2 + npos + nkw;
    if (end + 1 > vm->stack_end) {
        vm_raise(vm, T_RECURSION_ERROR, "maximum recursion depth exceeded");
        return -1;
    }
    gc_push_root(vm, args);
    if (kw) gc_push_root(vm, val_obj(kw));
    if (*kwnames) gc_push_root(vm, val_obj(*kwnames));
    Value *items = IS_TUPLE(args) ? AS_TUPLE(args)->items : AS_LIST(args)->items;
    for (int64_t i = 0; i < npos; i++) slot[2 + i] = items[i];
    int64_t pos = 0, i = 0;
    Value k, v;
    while (kw && dict_next(kw, &pos, &k, &v)) slot[2 + npos + i++] = v;
    *end = *kwnames ? val_obj(*kwnames) : VAL_NONE;
    if (end + 1 > vm->stack_top) vm->stack_top = end + 1;
    gc_pop_roots(vm, 1 + (kw != NULL) + (*kwnames != NULL));
    return (int)npos;
}
