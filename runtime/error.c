/* error.c: creating and raising exceptions. */
#include <stdlib.h>

#include "vm.h"

/* An exception raised while another is being handled remembers it as its
 * __context__ (CPython's implicit chaining), unless that would loop. */
static void set_context(VM *vm, Value exc) {
    Value handled = vm_handled(vm);
    if (!IS_EXC(exc) || !IS_EXC(handled) || handled == exc) return;
    Exception *e = AS_EXC(exc);
    if (e->context != VAL_NONE) return;
    for (Value c = handled; IS_EXC(c); c = AS_EXC(c)->context)
        if (c == exc) return;
    e->context = handled;
}

Value exc_new(VM *vm, Type *t, Tuple *args) {
    if (!args) args = vm->empty_tuple;
    gc_push_root(vm, val_obj(args));
    Exception *e = gc_alloc(vm, sizeof(Exception), OBJ_EXCEPTION, t);
    if (!e) {
        gc_pop_roots(vm, 1);
        return VAL_ERROR;
    }
    e->slots = NULL;
    e->nslots = e->ninline = 0;
    e->overflow = NULL;
    e->args = args;
    e->cause = VAL_NONE;
    e->context = VAL_NONE;
    gc_push_root(vm, val_obj(e));
    e->traceback = list_new(vm, 0);
    gc_pop_roots(vm, 2);
    if (!e->traceback) return VAL_ERROR;
    return val_obj(e);
}

Value vm_raise_oom(VM *vm) {
    Value e = vm->memory_error;
    if (IS_EXC(e)) {
        /* The one instance is reused: start its traceback afresh. */
        Exception *x = AS_EXC(e);
        if (x->traceback) x->traceback->len = 0;
        x->cause = VAL_NONE;
        x->context = VAL_NONE;
    }
    vm->exc = e;
    return VAL_ERROR;
}

Value vm_raise(VM *vm, TypeId t, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    Value r = vm_raisev(vm, t, fmt, ap);
    va_end(ap);
    return r;
}

Value vm_raisev(VM *vm, TypeId t, const char *fmt, va_list ap) {
    if (t == T_MEMORY_ERROR) return vm_raise_oom(vm);
    StrBuf b;
    sb_init(&b);
    sb_vaddf(&b, fmt, ap);
    Str *msg = sb_finish(vm, &b);
    if (!msg) return VAL_ERROR; /* MemoryError is raised */
    gc_push_root(vm, val_obj(msg));
    Value m = val_obj(msg);
    Tuple *args = tuple_from(vm, &m, 1);
    Value exc = args ? exc_new(vm, vm->types[t], args) : VAL_ERROR;
    gc_pop_roots(vm, 1);
    if (exc == VAL_ERROR) return VAL_ERROR;
    set_context(vm, exc);
    vm->exc = exc;
    return VAL_ERROR;
}

Value vm_raise_value(VM *vm, Value exc) {
    Type *base = vm->types[T_BASE_EXCEPTION];
    if (IS_TYPE(exc) && type_is_subtype(AS_TYPE(exc), base)) {
        Type *t = AS_TYPE(exc);
        /* User classes may define __init__: instantiate them by calling. */
        exc = t->builtin ? exc_new(vm, t, NULL) : vm_call(vm, exc, NULL, 0, NULL);
        if (exc == VAL_ERROR) return VAL_ERROR;
        if (!IS_EXC(exc))
            return vm_raise(vm, T_TYPE_ERROR, "calling %s should have returned an instance of "
                            "BaseException, not %s", t->name->data, val_type(vm, exc)->name->data);
    } else if (!IS_EXC(exc)) {
        return vm_raise(vm, T_TYPE_ERROR, "exceptions must derive from BaseException");
    }
    set_context(vm, exc);
    vm->exc = exc;
    return VAL_ERROR;
}

bool exc_matches(VM *vm, Value exc, Value cls) {
    if (IS_TUPLE(cls)) {
        Tuple *t = AS_TUPLE(cls);
        for (int64_t i = 0; i < t->len; i++)
            if (exc_matches(vm, exc, t->items[i])) return true;
        return false;
    }
    if (!IS_TYPE(cls)) return false;
    Type *t = IS_TYPE(exc) ? AS_TYPE(exc) : val_type(vm, exc);
    return type_is_subtype(t, AS_TYPE(cls));
}

Value vm_take_exc(VM *vm) {
    Value e = vm->exc;
    vm->exc = VAL_NULL;
    return e;
}
