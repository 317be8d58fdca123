/* natives_util.h: shared fixture of test_builtins.c and test_iter.c, which
 * call builtin functions and methods directly through their C entry points.
 *
 * The VM runs with the GC collecting at every allocation; every value a
 * helper creates is pushed as a GC root for the rest of the test (the VM is
 * created and freed around each test), so tests can hold values in locals. */
#ifndef NATIVES_UTIL_H
#define NATIVES_UTIL_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"

static VM *vm;
static StrBuf out;

static inline void capture(void *ud, const char *s, size_t n) {
    (void)ud;
    sb_add(&out, s, (int64_t)n);
}

static inline int setup(void **state) {
    (void)state;
    VMOptions opt = {0};
    opt.gc_stress = true;
    opt.heap_limit = (size_t)1 << 30;
    opt.write_out = capture;
    vm = vm_new(&opt);
    sb_init(&out);
    return vm ? 0 : -1;
}

static inline int teardown(void **state) {
    (void)state;
    vm_free(vm);
    sb_free(&out);
    return 0;
}

/* What the program printed since the last call. */
static inline const char *printed(void) {
    static char buf[1024];
    snprintf(buf, sizeof buf, "%s", out.data ? out.data : "");
    out.len = 0;
    if (out.data) out.data[0] = '\0';
    return buf;
}

static inline Value keep(Value v) {
    if (v != VAL_ERROR && v != VAL_NULL) gc_push_root(vm, v);
    return v;
}

static inline Value S(const char *s) { return keep(val_obj(str_from_cstr(vm, s))); }
static inline Value I(int64_t i) { return keep(int_from_i64(vm, i)); }
static inline Value F(double d) { return val_float(d); }

static inline Value seq_of(bool tuple, int n, va_list ap) {
    Value items[32];
    for (int i = 0; i < n; i++) items[i] = va_arg(ap, Value);
    Obj *o = tuple ? (Obj *)tuple_from(vm, items, n) : (Obj *)list_from(vm, items, n);
    return keep(val_obj(o));
}

static inline Value L(int n, ...) {
    va_list ap;
    va_start(ap, n);
    Value v = seq_of(false, n, ap);
    va_end(ap);
    return v;
}

static inline Value T(int n, ...) {
    va_list ap;
    va_start(ap, n);
    Value v = seq_of(true, n, ap);
    va_end(ap);
    return v;
}

static inline Value builtin(const char *name) {
    Value f = dict_get_str(vm->builtins, str_intern_cstr(vm, name));
    if (f == VAL_NULL) fail_msg("no builtin %s", name);
    return f;
}

/* Call a builtin function or class with positional args, then keyword
 * values named by the comma-separated kwcsv (NULL for none). */
static inline Value vcall(Value f, Value self, const char *kwcsv, int n, va_list ap) {
    Value args[32];
    int k = 0, nkw = 0;
    if (self != VAL_NULL) args[k++] = self;
    for (int i = 0; i < n; i++) args[k++] = va_arg(ap, Value);
    Tuple *kw = NULL;
    if (kwcsv) {
        Value names[8];
        char buf[128];
        snprintf(buf, sizeof buf, "%s", kwcsv);
        for (char *p = strtok(buf, ","); p; p = strtok(NULL, ",")) names[nkw++] = S(p);
        kw = tuple_from(vm, names, nkw);
        keep(val_obj(kw));
    }
    int npos = k - nkw;
    Value r;
    if (IS_TYPE(f)) r = AS_TYPE(f)->ctor(vm, args, npos, kw);
    else r = AS_NATIVE(f)->fn(vm, args, npos, kw);
    return keep(r);
}

static inline Value call(const char *name, int n, ...) {
    va_list ap;
    va_start(ap, n);
    Value r = vcall(builtin(name), VAL_NULL, NULL, n, ap);
    va_end(ap);
    return r;
}

/* n counts positional and keyword values together. */
static inline Value callkw(const char *name, const char *kwcsv, int n, ...) {
    va_list ap;
    va_start(ap, n);
    Value r = vcall(builtin(name), VAL_NULL, kwcsv, n, ap);
    va_end(ap);
    return r;
}

static inline Value method_of(Value self, const char *name) {
    Value m = type_lookup(vm, val_type(vm, self), str_intern_cstr(vm, name));
    if (m == VAL_NULL) fail_msg("no method %s", name);
    return m;
}

static inline Value meth(Value self, const char *name, int n, ...) {
    va_list ap;
    va_start(ap, n);
    Value r = vcall(method_of(self, name), self, NULL, n, ap);
    va_end(ap);
    return r;
}

static inline Value methkw(Value self, const char *name, const char *kwcsv, int n, ...) {
    va_list ap;
    va_start(ap, n);
    Value r = vcall(method_of(self, name), self, kwcsv, n, ap);
    va_end(ap);
    return r;
}

/* repr(v) as a C string (valid for the rest of the test). */
static inline const char *rep(Value v) {
    if (v == VAL_ERROR) {
        Value e = vm_take_exc(vm);
        Value s = keep(obj_str(vm, e));
        fail_msg("unexpected %s: %s", val_type(vm, e)->name->data, AS_STR(s)->data);
    }
    Value r = keep(obj_repr(vm, v));
    return AS_STR(r)->data;
}

#define assert_repr(v, text) assert_string_equal(rep(v), text)

/* The pending exception is a `t` whose str() is msg; clears it. */
static inline void expect_exc(Value result, TypeId t, const char *msg) {
    assert_true(result == VAL_ERROR);
    assert_true(vm->exc != VAL_NULL);
    Value e = keep(vm_take_exc(vm));
    assert_string_equal(val_type(vm, e)->name->data, vm->types[t]->name->data);
    Value s = keep(obj_str(vm, e));
    assert_string_equal(AS_STR(s)->data, msg);
}

#endif
