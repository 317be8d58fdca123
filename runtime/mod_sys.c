/* mod_sys.c: the built-in sys module: argv, exit, the standard streams,
 * the recursion limit and a few constants. sys.stdout / sys.stderr are
 * ModuleObj-shaped objects of class _io.TextIOWrapper whose namespace holds
 * their write and flush functions. */
#include <stdint.h>

#include "builtins.h"

static Value stream_write(VM *vm, Value *args, int nargs, Tuple *kwnames, bool err) {
    SPEC(spec, "write", ARGS_METH, 1, 1);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    if (!IS_STR(args[0]))
        return vm_raise(vm, T_TYPE_ERROR, "write() argument must be str, not %s",
                        type_name_of(vm, args[0]));
    Str *s = AS_STR(args[0]);
    (err ? vm_write_err : vm_write_out)(vm, s->data, (size_t)s->len);
    return int_from_i64(vm, s->nchars);
}

static Value stdout_write(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    return stream_write(vm, args, nargs, kwnames, false);
}
static Value stderr_write(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    return stream_write(vm, args, nargs, kwnames, true);
}

static Value stream_flush(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "flush", ARGS_METH, 0, 0);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    if (!vm->opt.write_out) fflush(stdout);
    return VAL_NONE;
}

static int add_stream(VM *vm, ModuleObj *sys, const char *attr, const char *name, NativeFn write) {
    ModuleObj *s = module_new(vm, name);
    if (!s) return -1;
    s->obj.type = vm->types[T_TEXTIO];
    gc_push_root(vm, val_obj(s));
    int rc = module_add_fn(vm, s, "write", write) < 0 || module_add_fn(vm, s, "flush", stream_flush) < 0 ||
                     module_add_value(vm, sys, attr, val_obj(s)) < 0
                 ? -1
                 : 0;
    gc_pop_roots(vm, 1);
    return rc;
}

static Value sys_getrecursionlimit(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "getrecursionlimit", ARGS_METH, 0, 0);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    return val_int(vm->opt.recursion_limit);
}

/* The frame array cannot grow while frames run, so a limit beyond its
 * capacity (vm.c reserves 100000) is capped to it. */
static Value sys_setrecursionlimit(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "setrecursionlimit", ARGS_METH, 1, 1);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    int64_t n;
    if (arg_int64(vm, args[0], &n) < 0 && vm->exc != VAL_NULL) return VAL_ERROR;
    if (n < 1)
        return vm_raise(vm, T_VALUE_ERROR, "recursion limit must be greater or equal than 1");
    if (n <= vm->nframes)
        return vm_raise(vm, T_RECURSION_ERROR,
                        "cannot set the recursion limit to %d at the recursion depth %d: "
                        "the limit is too low",
                        (int)n, vm->nframes);
    int cap = vm->max_frames - 64;
    vm->opt.recursion_limit = n > cap ? cap : (int)n;
    return VAL_NONE;
}

static Value str_list(VM *vm, char **items, int n) {
    List *l = list_new(vm, n);
    if (!l) return VAL_ERROR;
    gc_push_root(vm, val_obj(l));
    for (int i = 0; i < n; i++) {
        Str *s = str_from_cstr(vm, items[i]);
        if (!s || list_append(vm, l, val_obj(s)) < 0) {
            gc_pop_roots(vm, 1);
            return VAL_ERROR;
        }
    }
    gc_pop_roots(vm, 1);
    return val_obj(l);
}

int mod_sys_init(VM *vm, ModuleObj *m) {
    static const struct {
        const char *name;
        NativeFn fn;
    } fns[] = {
        {"exit", builtin_exit},
        {"getrecursionlimit", sys_getrecursionlimit},
        {"setrecursionlimit", sys_setrecursionlimit},
    };
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
        if (module_add_fn(vm, m, fns[i].name, fns[i].fn) < 0) return -1;
    char *no_args[] = {""};
    Value argv = vm->argc ? str_list(vm, vm->argv, vm->argc) : str_list(vm, no_args, 1);
    if (argv == VAL_ERROR || module_add_value(vm, m, "argv", argv) < 0) return -1;
    Value maxsize = int_from_i64(vm, INT64_MAX);
    if (maxsize == VAL_ERROR || module_add_value(vm, m, "maxsize", maxsize) < 0) return -1;
    Value version[5] = {val_int(3), val_int(11), val_int(0), VAL_NULL, val_int(0)};
    Str *final = str_from_cstr(vm, "final");
    if (!final) return -1;
    version[3] = val_obj(final);
    gc_push_root(vm, version[3]);
    Tuple *vi = tuple_from(vm, version, 5);
    gc_pop_roots(vm, 1);
    if (!vi || module_add_value(vm, m, "version_info", val_obj(vi)) < 0) return -1;
    Str *platform = str_from_cstr(vm, "linux");
    if (!platform || module_add_value(vm, m, "platform", val_obj(platform)) < 0) return -1;
    if (module_add_value(vm, m, "modules", val_obj(vm->modules)) < 0) return -1;
    if (add_stream(vm, m, "stdout", "<stdout>", stdout_write) < 0 ||
        add_stream(vm, m, "stderr", "<stderr>", stderr_write) < 0)
        return -1;
    return 0;
}
