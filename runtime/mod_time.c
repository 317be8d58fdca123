/* mod_time.c: the built-in time module (clocks and sleep). */
#include <errno.h>
#include <math.h>
#include <time.h>

#include "builtins.h"

static double clock_seconds(clockid_t id) {
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static Value clock_fn(VM *vm, const char *name, Value *args, int nargs, Tuple *kwnames,
                      clockid_t id) {
    ArgSpec spec = {name, ARGS_METH, 0, 0, 0, 0, NULL};
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    return val_float(clock_seconds(id));
}

static Value time_time(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    return clock_fn(vm, "time", args, nargs, kwnames, CLOCK_REALTIME);
}
static Value time_perf_counter(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    return clock_fn(vm, "perf_counter", args, nargs, kwnames, CLOCK_MONOTONIC);
}
static Value time_monotonic(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    return clock_fn(vm, "monotonic", args, nargs, kwnames, CLOCK_MONOTONIC);
}
static Value time_process_time(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    return clock_fn(vm, "process_time", args, nargs, kwnames, CLOCK_PROCESS_CPUTIME_ID);
}

static Value time_time_ns(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "time_ns", ARGS_METH, 0, 0);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return int_from_i64(vm, (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec);
}

static Value time_sleep(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "sleep", ARGS_METH, 1, 1);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    Value v = args[0];
    double secs;
    if (val_is_float(v)) {
        secs = val_as_float(v);
    } else if (val_is_anyint(v)) {
        bool overflow = false;
        secs = int_to_double(vm, v, &overflow);
    } else {
        return vm_raise(vm, T_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                        type_name_of(vm, v));
    }
    if (isnan(secs)) return vm_raise(vm, T_VALUE_ERROR, "Invalid value NaN (not a number)");
    if (secs < 0) return vm_raise(vm, T_VALUE_ERROR, "sleep length must be non-negative");
    struct timespec ts = {.tv_sec = (time_t)secs, .tv_nsec = (long)((secs - floor(secs)) * 1e9)};
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR) {
    }
    return VAL_NONE;
}

int mod_time_init(VM *vm, ModuleObj *m) {
    static const struct {
        const char *name;
        NativeFn fn;
    } fns[] = {
        {"time", time_time},           {"perf_counter", time_perf_counter},
        {"monotonic", time_monotonic}, {"process_time", time_process_time},
        {"time_ns", time_time_ns},     {"sleep", time_sleep},
    };
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
        if (module_add_fn(vm, m, fns[i].name, fns[i].fn) < 0) return -1;
    return 0;
}
