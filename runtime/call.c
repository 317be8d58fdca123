/* call.c: calling every kind of callable, binding arguments, pushing frames.
 *
 * One binder (call_push) serves both the interpreter's CALL, which pushes
 * the frame and keeps running in the same loop, and calls from C (vm_call),
 * which push a FRAME_ENTRY frame and run a nested loop. */
#include "interp.h"

static Value raise_recursion(VM *vm) {
    return vm_raise(vm, T_RECURSION_ERROR, "maximum recursion depth exceeded");
}

/* "'a'", "'a' and 'b'", "'a', 'b', and 'c'": CPython's list of names. */
static void add_name_list(StrBuf *b, Str **names, int n) {
    for (int i = 0; i < n; i++) {
        if (i > 0) sb_adds(b, n == 2 ? " and " : i == n - 1 ? ", and " : ", ");
        sb_addf(b, "'%s'", names[i]->data);
    }
}

static void raise_missing(VM *vm, Function *fn, Value *locals) {
    Code *co = fn->code;
    Str *missing[256];
    int n = 0;
    for (int j = 0; j < co->nargs && n < 256; j++)
        if (locals[j] == VAL_NULL) missing[n++] = AS_STR(co->varnames->items[j]);
    StrBuf b;
    sb_init(&b);
    sb_addf(&b, "%s() missing %d required positional argument%s: ", fn->qualname->data, n,
            n == 1 ? "" : "s");
    add_name_list(&b, missing, n);
    sb_addc(&b, '\0');
    vm_raise(vm, T_TYPE_ERROR, "%s", b.data);
    sb_free(&b);
}

static void raise_too_many(VM *vm, Function *fn, int given) {
    int max = fn->code->nargs;
    int ndef = fn->defaults ? (int)fn->defaults->len : 0;
    int min = max - ndef;
    const char *verb = given == 1 ? "was" : "were";
    if (ndef > 0)
        vm_raise(vm, T_TYPE_ERROR, "%s() takes from %d to %d positional arguments but %d %s given",
                 fn->qualname->data, min, max, given, verb);
    else
        vm_raise(vm, T_TYPE_ERROR, "%s() takes %d positional argument%s but %d %s given",
                 fn->qualname->data, max, max == 1 ? "" : "s", given, verb);
}

static int param_index(Code *co, Str *name) {
    Value *v = co->varnames->items;
    for (int j = 0; j < co->nargs; j++)
        if (AS_STR(v[j]) == name) return j;
    for (int j = 0; j < co->nargs; j++)
        if (str_eq(AS_STR(v[j]), name)) return j;
    return -1;
}

/* The general binding: keywords, defaults, and the errors. Clears the
 * frame's extent above the positional arguments as it goes. */
static int bind_slow(VM *vm, Function *fn, Value *locals, int npos, Tuple *kwnames, Value *end) {
    Code *co = fn->code;
    int nkw = kwnames ? (int)kwnames->len : 0;
    if (npos > co->nargs) {
        raise_too_many(vm, fn, npos);
        return -1;
    }
    Value kwv[256];
    for (int i = 0; i < nkw; i++) kwv[i] = locals[npos + i];
    for (Value *p = locals + npos; p < end; p++) *p = VAL_NULL;
    for (int i = 0; i < nkw; i++) {
        Str *name = AS_STR(kwnames->items[i]);
        int j = param_index(co, name);
        if (j < 0) {
            vm_raise(vm, T_TYPE_ERROR, "%s() got an unexpected keyword argument '%s'",
                     fn->qualname->data, name->data);
            return -1;
        }
        if (locals[j] != VAL_NULL) {
            vm_raise(vm, T_TYPE_ERROR, "%s() got multiple values for argument '%s'",
                     fn->qualname->data, name->data);
            return -1;
        }
        locals[j] = kwv[i];
    }
    int ndef = fn->defaults ? (int)fn->defaults->len : 0;
    int first_def = co->nargs - ndef;
    bool missing = false;
    for (int j = npos; j < co->nargs; j++) {
        if (locals[j] != VAL_NULL) continue;
        if (j >= first_def) locals[j] = fn->defaults->items[j - first_def];
        else missing = true;
    }
    if (missing) {
        raise_missing(vm, fn, locals);
        return -1;
    }
    return 0;
}

Frame *call_push(VM *vm, Function *fn, Value *locals, int npos, Tuple *kwnames, int flags) {
    Code *co = fn->code;
    Value *end = locals + co->nlocals + co->stacksize;
    if (__builtin_expect(vm->nframes >= vm->opt.recursion_limit || vm->nframes >= vm->max_frames ||
                             end > vm->stack_end,
                         0)) {
        raise_recursion(vm);
        return NULL;
    }
    if (__builtin_expect(!kwnames && npos == co->nargs, 1)) {
        for (Value *p = locals + npos; p < end; p++) *p = VAL_NULL;
    } else if (bind_slow(vm, fn, locals, npos, kwnames, end) < 0) {
        return NULL;
    }
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

/* Call fn(self, args...) from C: lays the call out at the stack top. */
static Value call_with_self(VM *vm, Value fn, Value self, Value *args, int npos, Tuple *kwnames) {
    int total = npos + (kwnames ? (int)kwnames->len : 0);
    Value *p = vm->stack_top;
    if (p + total + 2 > vm->stack_end) return raise_recursion(vm);
    if (total) memmove(p + 2, args, (size_t)total * sizeof(Value));
    p[0] = fn;
    p[1] = self;
    vm->stack_top = p + 2 + total;
    Value r = call_slots(vm, p, npos, kwnames);
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
    Instance *inst = inst_new(vm, t);
    return inst ? val_obj(inst) : VAL_ERROR;
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
