/* gen.c: generators.
 *
 * CPython's design: calling a generator function runs its prologue, then
 * RETURN_GENERATOR copies the frame's extent (locals and operands) into a
 * new Generator and returns it. Resuming copies the extent back onto the VM
 * stack as a FRAME_GEN frame: FOR_ITER_GEN and SEND_GEN push it to run in
 * the interpreter's own loop; resumptions from C (next(), send, throw,
 * close, builtins) push it as a FRAME_ENTRY and run a nested loop. Its
 * YIELD_VALUE copies the extent back (gen_yield); its return or an
 * exception leaving it ends it (gen_finish). Throwing resumes with vm->exc
 * set and FRAME_THROW, so the exception is raised at the yield and the
 * frame's exception table applies.
 */
#include "interp.h"
#include "opcodes.h"

static void save(Generator *g, Value *base, Value *sp, uint16_t *ip) {
    g->nsaved = (int32_t)(sp - base);
    memcpy(g->saved, base, (size_t)g->nsaved * sizeof(Value));
    g->ip = ip;
}

Value gen_create(VM *vm, Frame *f, Value *sp, uint16_t *ip) {
    Code *co = f->code;
    int cap = co->nlocals + co->stacksize;
    Generator *g = gc_alloc(vm, sizeof(Generator), OBJ_GEN, vm->types[T_GENERATOR]);
    if (!g) return VAL_ERROR;
    g->func = f->func;
    gc_push_root(vm, val_obj(g));
    Value *buf = gc_buf_alloc(vm, (size_t)cap * sizeof(Value));
    gc_pop_roots(vm, 1);
    if (!buf) return VAL_ERROR;
    g->saved = buf;
    g->cap = cap;
    save(g, f->base, sp, ip);
    g->handled = g->caller_handled = g->caller_outer = VAL_NONE;
    g->state = GEN_CREATED;
    return val_obj(g);
}

/* The handled exception while g runs: its own, and the caller's outside
 * it; the caller's pair waits in g until g yields or finishes. */
static void swap_in_handled(VM *vm, Generator *g) {
    g->caller_handled = vm->handled;
    g->caller_outer = vm->handled_outer;
    vm->handled_outer = vm_handled(vm);
    vm->handled = g->handled;
}

static void swap_out_handled(VM *vm, Generator *g, bool suspended) {
    g->handled = suspended ? vm->handled : VAL_NONE;
    vm->handled = g->caller_handled;
    vm->handled_outer = g->caller_outer;
    g->caller_handled = g->caller_outer = VAL_NONE;
}

/* Copy g's extent onto the stack top as a running frame with `flags`
 * (FRAME_GEN added), the sent value v pushed unless throwing. NULL with a
 * RecursionError when there is no room. */
static Frame *push_frame(VM *vm, Generator *g, Value v, bool throw, int flags) {
    Value *base = vm->stack_top, *end = base + g->cap;
    if (!call_frame_fits(vm, end + 1)) {
        call_raise_recursion(vm);
        return NULL;
    }
    memcpy(base, g->saved, (size_t)g->nsaved * sizeof(Value));
    Value *sp = base + g->nsaved;
    /* Operand slots are written before they are read; only those the
     * collector may see stale (above the high-water mark) need clearing. */
    for (Value *p = sp > vm->stack_hwm ? sp : vm->stack_hwm; p < end; p++) *p = VAL_NULL;
    if (!throw) *sp++ = v;
    if (end > vm->stack_hwm) vm->stack_hwm = end;
    /* Field by field: a compound literal would clear the frame first. */
    Frame *f = &vm->frames[vm->nframes++];
    f->code = g->func->code;
    f->func = g->func;
    f->globals = g->func->globals;
    f->locals_dict = NULL;
    f->base = base;
    f->sp = sp;
    f->ip = g->ip;
    f->flags = FRAME_GEN | flags;
    f->top = end;
    f->gen = g;
    vm->stack_top = end;
    g->state = GEN_RUNNING;
    swap_in_handled(vm, g);
    return f;
}

bool gen_push_frame(VM *vm, Generator *g, Value v, uint32_t exit, int flags) {
    Frame *f = push_frame(vm, g, v, false, flags);
    if (f) f->gen_exit = exit;
    return f != NULL;
}

void gen_yield(VM *vm, Frame *f, Value *sp, uint16_t *ip) {
    Generator *g = f->gen;
    save(g, f->base, sp, ip);
    g->state = GEN_SUSPENDED;
    swap_out_handled(vm, g, true);
}

/* PEP 479: a StopIteration escaping a generator becomes a RuntimeError. */
static void convert_stop_iteration(VM *vm) {
    if (!exc_matches(vm, vm->exc, val_obj(vm->types[T_STOP_ITERATION]))) return;
    Value stop = vm_take_exc(vm);
    gc_push_root(vm, stop);
    vm_raise(vm, T_RUNTIME_ERROR, "generator raised StopIteration");
    if (IS_EXC(vm->exc)) AS_EXC(vm->exc)->cause = stop;
    gc_pop_roots(vm, 1);
}

static void finish(VM *vm, Generator *g, bool raised) {
    g->state = GEN_DONE;
    g->nsaved = 0;
    swap_out_handled(vm, g, false);
    if (raised) convert_stop_iteration(vm);
}

void gen_finish(VM *vm, Frame *f, bool raised) { finish(vm, f->gen, raised); }

/* Run g in a nested loop until it yields (1), returns (0) or raises (-1),
 * sending v, or with `throw` raising exception v at its yield. *out gets
 * the value. (The interpreter's yield, return and unwinding leave the
 * frame: gen_yield, gen_finish.) */
static int resume(VM *vm, Generator *g, Value v, bool throw, Value *out) {
    if (g->state == GEN_RUNNING) {
        vm_raise(vm, T_VALUE_ERROR, "generator already executing");
        return -1;
    }
    if (g->state == GEN_CREATED && throw) g->state = GEN_DONE, g->nsaved = 0;
    if (g->state == GEN_DONE) {
        if (throw) {
            vm->exc = v;
            return -1;
        }
        *out = VAL_NONE;
        return 0;
    }
    if (g->state == GEN_CREATED && v != VAL_NONE) {
        vm_raise(vm, T_TYPE_ERROR, "can't send non-None value to a just-started generator");
        return -1;
    }
    Value *saved_top = vm->stack_top;
    if (!push_frame(vm, g, v, throw, FRAME_ENTRY | (throw ? FRAME_THROW : 0))) return -1;
    if (throw) vm->exc = v;
    gc_push_root(vm, val_obj(g));
    Value r = interp_run(vm);
    gc_pop_roots(vm, 1);
    vm->stack_top = saved_top;
    if (g->state == GEN_RUNNING) finish(vm, g, true); /* interp_run refused to start */
    if (g->state == GEN_SUSPENDED) {
        *out = r;
        return 1;
    }
    if (r == VAL_ERROR) return -1;
    *out = r;
    return 0;
}

Value gen_next(VM *vm, Generator *g) {
    Value out;
    int r = resume(vm, g, VAL_NONE, false, &out);
    return r < 0 ? VAL_ERROR : r == 0 ? VAL_NULL : out;
}

/* StopIteration(value), or StopIteration() for None (.value is args[0]). */
static Value raise_stop(VM *vm, Value value) {
    gc_push_root(vm, value);   /* the generator's result: nothing else holds it */
    Tuple *args = value == VAL_NONE ? vm->empty_tuple : tuple_from(vm, &value, 1);
    gc_pop_roots(vm, 1);
    if (!args) return VAL_ERROR;
    Value e = exc_new(vm, vm->types[T_STOP_ITERATION], args);
    return e == VAL_ERROR ? e : vm_raise_value(vm, e);
}

/* The value a StopIteration carries (its first argument, or None). */
static Value stop_value(Value e) {
    Tuple *args = IS_EXC(e) ? AS_EXC(e)->args : NULL;
    return args && args->len > 0 ? args->items[0] : VAL_NONE;
}

int gen_send(VM *vm, Value recv, Value v, Value *out) {
    if (IS_GEN(recv)) return resume(vm, AS_GEN(recv), v, false, out);
    Value r;
    if (v == VAL_NONE) {
        /* A user __next__'s StopIteration carries the result: call it here,
         * as iter_next would drop the exception. */
        r = val_is_kind(recv, OBJ_INSTANCE) ? vm_call_dunder(vm, recv, vm->names[NAME_NEXT], NULL, 0)
                                            : VAL_NULL;
        if (r == VAL_NULL) r = iter_next(vm, recv);
        if (r == VAL_NULL) {
            *out = VAL_NONE;
            return 0;
        }
    } else {
        Value m = obj_getattr(vm, recv, str_intern_cstr(vm, "send"));
        if (m == VAL_ERROR) return -1;
        gc_push_root(vm, m);
        r = vm_call(vm, m, &v, 1, NULL);
        gc_pop_roots(vm, 1);
    }
    if (r != VAL_ERROR) {
        *out = r;
        return 1;
    }
    if (!exc_matches(vm, vm->exc, val_obj(vm->types[T_STOP_ITERATION]))) return -1;
    *out = stop_value(vm_take_exc(vm));
    return 0;
}

static Generator *self_gen(VM *vm, Value *args, int nargs, const char *name) {
    if (nargs < 1 || !IS_GEN(args[0])) {
        vm_raise(vm, T_TYPE_ERROR, "descriptor '%s' requires a 'generator' object", name);
        return NULL;
    }
    return AS_GEN(args[0]);
}

/* What send and throw return: the yielded value, or StopIteration. */
static Value result(VM *vm, int r, Value out) {
    if (r < 0) return VAL_ERROR; /* out is unset then */
    return r == 0 ? raise_stop(vm, out) : out;
}

Value gen_next_or(VM *vm, Generator *g, Value dflt) {
    Value out = VAL_NONE;
    int r = resume(vm, g, VAL_NONE, false, &out);
    if (r == 0 && dflt != VAL_NULL) return dflt;
    return result(vm, r, out);
}

static Value gen_m_next(VM *vm, Value *args, int nargs, Tuple *kw) {
    (void)kw;
    Generator *g = self_gen(vm, args, nargs, "__next__");
    if (!g) return VAL_ERROR;
    Value out = VAL_NONE;
    int r = resume(vm, g, VAL_NONE, false, &out);
    return result(vm, r, out);
}

static Value gen_m_send(VM *vm, Value *args, int nargs, Tuple *kw) {
    (void)kw;
    Generator *g = self_gen(vm, args, nargs, "send");
    if (!g) return VAL_ERROR;
    if (nargs != 2)
        return vm_raise(vm, T_TYPE_ERROR, "generator.send() takes exactly one argument (%d given)",
                        nargs - 1);
    Value out = VAL_NONE;
    int r = resume(vm, g, args[1], false, &out);
    return result(vm, r, out);
}

/* The iterator g delegates to while suspended in a `yield from` (the
 * compiler gives that YIELD_VALUE oparg 1; the receiver is on top of the
 * saved stack), else VAL_NULL: CPython's _PyGen_yf. */
static Value delegate(Generator *g) {
    if (g->state != GEN_SUSPENDED || (g->ip[-1] >> 8) != 1) return VAL_NULL;
    return g->saved[g->nsaved - 1];
}

/* The delegate of g is finished while a throw ran in it (r: 0 it returned
 * `value`, -1 it raised): pop it and resume g at the end of its `yield
 * from` (the SEND's jump target), with the result, a StopIteration's value,
 * or raising the exception there, as CPython 3.11 does. */
static int leave_delegate(VM *vm, Generator *g, int r, Value value, Value *out) {
    /* SEND, its cache, then the YIELD_VALUE g is at */
    uint16_t *send = g->ip - 2 - opcode_caches[OP_SEND];
    int oparg = send[0] >> 8, shift = 8;
    for (uint16_t *p = send - 1; (*p & 0xFF) == OP_EXTENDED_ARG; p--, shift += 8)
        oparg |= (*p >> 8) << shift;
    g->ip = send + 1 + opcode_caches[OP_SEND] + oparg;
    g->nsaved--;
    if (r == 0) return resume(vm, g, value, false, out);
    if (exc_matches(vm, vm->exc, val_obj(vm->types[T_STOP_ITERATION])))
        return resume(vm, g, stop_value(vm_take_exc(vm)), false, out);
    return resume(vm, g, vm_take_exc(vm), true, out);
}

/* obj.name, or VAL_NULL when it has no such attribute. */
static Value attr_or_null(VM *vm, Value obj, const char *name) {
    Value m = obj_getattr(vm, obj, str_intern_cstr(vm, name));
    if (m != VAL_ERROR || !exc_matches(vm, vm->exc, val_obj(vm->types[T_ATTRIBUTE_ERROR])))
        return m;
    vm_take_exc(vm);
    return VAL_NULL;
}

static int gen_close(VM *vm, Generator *g);

/* Close a delegate (CPython's gen_close_iter): a generator's close(), else
 * its close method if it has one. -1 with the exception set. */
static int close_delegate(VM *vm, Value yf) {
    if (IS_GEN(yf)) return gen_close(vm, AS_GEN(yf));
    Value m = attr_or_null(vm, yf, "close");
    if (m == VAL_ERROR) {
        vm_take_exc(vm);   /* CPython reports it as unraisable and goes on */
        return 0;
    }
    if (m == VAL_NULL) return 0;
    gc_push_root(vm, m);
    Value r = vm_call(vm, m, NULL, 0, NULL);
    gc_pop_roots(vm, 1);
    return r == VAL_ERROR ? -1 : 0;
}

/* The exception throw(typ[, val[, tb]]) raises (CPython's throw_here). */
static Value throw_exc(VM *vm, Value *args, int nargs) {
    Value typ = args[0], val = nargs > 1 ? args[1] : VAL_NONE;
    if (nargs > 2 && args[2] != VAL_NONE)
        return vm_raise(vm, T_TYPE_ERROR, "throw() third argument must be a traceback object");
    if (IS_TYPE(typ) && type_is_subtype(AS_TYPE(typ), vm->types[T_BASE_EXCEPTION])) {
        if (IS_EXC(val) && type_is_subtype(val_type(vm, val), AS_TYPE(typ))) return val;
        if (val == VAL_NONE) return vm_call(vm, typ, NULL, 0, NULL);
        if (IS_TUPLE(val)) return vm_call(vm, typ, AS_TUPLE(val)->items, AS_TUPLE(val)->len, NULL);
        return vm_call(vm, typ, &val, 1, NULL);
    }
    if (!IS_EXC(typ))
        return vm_raise(vm, T_TYPE_ERROR, "exceptions must be classes or instances deriving from BaseException, not %s",
                        val_type(vm, typ)->name->data);
    if (val != VAL_NONE)
        return vm_raise(vm, T_TYPE_ERROR, "instance exception may not have a separate value");
    return typ;
}

/* g.throw(*args) (CPython's _gen_throw): into the delegate first when g is
 * in a `yield from`; a GeneratorExit closes the delegate instead. */
static int gen_throw(VM *vm, Generator *g, Value *args, int nargs, Value *out) {
    Value yf = delegate(g);
    if (yf != VAL_NULL) {
        Type *t = IS_TYPE(args[0]) ? AS_TYPE(args[0]) : val_type(vm, args[0]);
        int r = 2;   /* 2: the delegate has no throw(); raise at g's yield */
        g->state = GEN_RUNNING;
        if (type_is_subtype(t, vm->types[T_GENERATOR_EXIT])) {
            r = close_delegate(vm, yf);
            g->state = GEN_SUSPENDED;
            if (r < 0) return resume(vm, g, vm_take_exc(vm), true, out);
            r = 2;
        } else if (IS_GEN(yf)) {
            r = gen_throw(vm, AS_GEN(yf), args, nargs, out);
        } else {
            Value m = attr_or_null(vm, yf, "throw");
            if (m == VAL_ERROR) {
                g->state = GEN_SUSPENDED;
                return -1;
            }
            if (m != VAL_NULL) {
                gc_push_root(vm, m);
                *out = vm_call(vm, m, args, nargs, NULL);
                gc_pop_roots(vm, 1);
                r = *out == VAL_ERROR ? -1 : 1;
            }
        }
        g->state = GEN_SUSPENDED;
        if (r == 1) return 1;
        if (r != 2) return leave_delegate(vm, g, r, r == 0 ? *out : VAL_NONE, out);
    }
    Value e = throw_exc(vm, args, nargs);
    if (e == VAL_ERROR) return -1;
    return resume(vm, g, e, true, out);
}

static Value gen_m_throw(VM *vm, Value *args, int nargs, Tuple *kw) {
    (void)kw;
    Generator *g = self_gen(vm, args, nargs, "throw");
    if (!g) return VAL_ERROR;
    if (nargs < 2) return vm_raise(vm, T_TYPE_ERROR, "throw expected at least 1 argument, got 0");
    if (nargs > 4)
        return vm_raise(vm, T_TYPE_ERROR, "throw expected at most 3 arguments, got %d", nargs - 1);
    Value out = VAL_NONE;
    int r = gen_throw(vm, g, args + 1, nargs - 1, &out);
    return result(vm, r, out);
}

/* g.close() (CPython's gen_close): close the delegate of a `yield from`,
 * then raise GeneratorExit (or the delegate's error) at g's yield. */
static int gen_close(VM *vm, Generator *g) {
    if (g->state == GEN_CREATED || g->state == GEN_DONE) {
        g->state = GEN_DONE;
        g->nsaved = 0;
        return 0;
    }
    Value yf = delegate(g);
    int err = 0;
    if (yf != VAL_NULL) {
        g->state = GEN_RUNNING;
        err = close_delegate(vm, yf);
        g->state = GEN_SUSPENDED;
    }
    Value e = err < 0 ? vm_take_exc(vm) : exc_new(vm, vm->types[T_GENERATOR_EXIT], vm->empty_tuple);
    if (e == VAL_ERROR) return -1;
    Value out;
    int r = resume(vm, g, e, true, &out);
    if (r > 0) {
        vm_raise(vm, T_RUNTIME_ERROR, "generator ignored GeneratorExit");
        return -1;
    }
    if (r == 0) return 0;
    if (exc_matches(vm, vm->exc, val_obj(vm->types[T_GENERATOR_EXIT])) ||
        exc_matches(vm, vm->exc, val_obj(vm->types[T_STOP_ITERATION]))) {
        vm_take_exc(vm);
        return 0;
    }
    return -1;
}

static Value gen_m_close(VM *vm, Value *args, int nargs, Tuple *kw) {
    (void)kw;
    Generator *g = self_gen(vm, args, nargs, "close");
    if (!g) return VAL_ERROR;
    return gen_close(vm, g) < 0 ? VAL_ERROR : VAL_NONE;
}

static Value gen_m_iter(VM *vm, Value *args, int nargs, Tuple *kw) {
    (void)kw;
    Generator *g = self_gen(vm, args, nargs, "__iter__");
    return g ? args[0] : VAL_ERROR;
}

void gen_init(VM *vm) {
    Type *t = vm->types[T_GENERATOR];
    type_add_native(vm, t, "__next__", gen_m_next);
    type_add_native(vm, t, "send", gen_m_send);
    type_add_native(vm, t, "throw", gen_m_throw);
    type_add_native(vm, t, "close", gen_m_close);
    type_add_native(vm, t, "__iter__", gen_m_iter);
}
