/* gen.c: generators.
 *
 * CPython's design: calling a generator function runs its prologue, then
 * RETURN_GENERATOR copies the frame's extent (locals and operands) into a
 * new Generator and returns it. Resuming copies the extent back onto the VM
 * stack as a FRAME_ENTRY | FRAME_GEN frame and runs it in a nested
 * interpreter loop; YIELD_VALUE copies the extent back into the generator
 * and leaves that loop. The state tells a yield from a return. Throwing
 * (throw, close) resumes with vm->exc set and FRAME_THROW, so the exception
 * is raised at the yield and the frame's exception table applies.
 */
#include "interp.h"

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
    g->state = GEN_CREATED;
    return val_obj(g);
}

void gen_suspend(Frame *f, Value *sp, uint16_t *ip) {
    save(f->gen, f->base, sp, ip);
    f->gen->state = GEN_SUSPENDED;
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

/* Run g until it yields (1), returns (0) or raises (-1), sending v, or with
 * `throw` raising exception v at its yield. *out gets the value. */
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
    Code *co = g->func->code;
    Value *saved_top = vm->stack_top, *base = saved_top, *end = base + g->cap;
    if (vm->nframes >= vm->opt.recursion_limit || vm->nframes >= vm->max_frames ||
        end + 1 > vm->stack_end) {
        vm_raise(vm, T_RECURSION_ERROR, "maximum recursion depth exceeded");
        return -1;
    }
    memcpy(base, g->saved, (size_t)g->nsaved * sizeof(Value));
    Value *sp = base + g->nsaved;
    for (Value *p = sp; p < end; p++) *p = VAL_NULL;
    if (!throw) *sp++ = v;
    Frame *f = &vm->frames[vm->nframes++];
    *f = (Frame){.code = co, .func = g->func, .globals = g->func->globals, .base = base,
                 .sp = sp, .ip = g->ip, .flags = FRAME_ENTRY | FRAME_GEN | (throw ? FRAME_THROW : 0),
                 .top = end, .gen = g};
    vm->stack_top = end;
    if (throw) vm->exc = v;
    g->state = GEN_RUNNING;
    gc_push_root(vm, val_obj(g));
    Value r = interp_run(vm);
    gc_pop_roots(vm, 1);
    vm->stack_top = saved_top;
    if (g->state == GEN_SUSPENDED) {
        *out = r;
        return 1;
    }
    g->state = GEN_DONE;
    g->nsaved = 0;
    if (r == VAL_ERROR) {
        convert_stop_iteration(vm);
        return -1;
    }
    *out = r;
    return 0;
}

Value gen_next(VM *vm, Generator *g) {
    Value out;
    int r = resume(vm, g, VAL_NONE, false, &out);
    return r < 0 ? VAL_ERROR : r == 0 ? VAL_NULL : out;
}

/* StopIteration(value), or StopIteration() for None, with .value set. */
static Value raise_stop(VM *vm, Value value) {
    Tuple *args = value == VAL_NONE ? vm->empty_tuple : tuple_from(vm, &value, 1);
    if (!args) return VAL_ERROR;
    Value e = exc_new(vm, vm->types[T_STOP_ITERATION], args);
    if (e == VAL_ERROR) return e;
    gc_push_root(vm, e);
    int rc = inst_set(vm, e, str_intern_cstr(vm, "value"), value);
    gc_pop_roots(vm, 1);
    return rc < 0 ? VAL_ERROR : vm_raise_value(vm, e);
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
        r = iter_next(vm, recv);
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

static Value gen_m_throw(VM *vm, Value *args, int nargs, Tuple *kw) {
    (void)kw;
    Generator *g = self_gen(vm, args, nargs, "throw");
    if (!g) return VAL_ERROR;
    if (nargs < 2) return vm_raise(vm, T_TYPE_ERROR, "throw expected at least 1 argument, got 0");
    Value e = args[1];
    if (IS_TYPE(e) && type_is_subtype(AS_TYPE(e), vm->types[T_BASE_EXCEPTION])) {
        e = vm_call(vm, e, args + 2, nargs > 2 ? 1 : 0, NULL);
        if (e == VAL_ERROR) return e;
        args[1] = e;
    }
    if (!IS_EXC(e))
        return vm_raise(vm, T_TYPE_ERROR, "exceptions must be classes or instances deriving from BaseException, not %s",
                        val_type(vm, e)->name->data);
    Value out = VAL_NONE;
    int r = resume(vm, g, e, true, &out);
    return result(vm, r, out);
}

static Value gen_m_close(VM *vm, Value *args, int nargs, Tuple *kw) {
    (void)kw;
    Generator *g = self_gen(vm, args, nargs, "close");
    if (!g) return VAL_ERROR;
    if (g->state == GEN_CREATED || g->state == GEN_DONE) {
        g->state = GEN_DONE;
        g->nsaved = 0;
        return VAL_NONE;
    }
    Value e = exc_new(vm, vm->types[T_GENERATOR_EXIT], vm->empty_tuple);
    if (e == VAL_ERROR) return e;
    Value out;
    int r = resume(vm, g, e, true, &out);
    if (r > 0) return vm_raise(vm, T_RUNTIME_ERROR, "generator ignored GeneratorExit");
    if (r == 0) return VAL_NONE;
    if (exc_matches(vm, vm->exc, val_obj(vm->types[T_GENERATOR_EXIT])) ||
        exc_matches(vm, vm->exc, val_obj(vm->types[T_STOP_ITERATION]))) {
        vm_take_exc(vm);
        return VAL_NONE;
    }
    return VAL_ERROR;
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
