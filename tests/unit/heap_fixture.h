/* heap_fixture.h: the cmocka fixture shared by the object-model unit tests:
 * one VM per test group, STITCH_GC_STRESS honoured, and K() to keep a test's
 * temporaries rooted until the test ends. Include after cmocka.h and vm.h. */
#ifndef HEAP_FIXTURE_H
#define HEAP_FIXTURE_H

#include <stdlib.h>

static VM *vm;

static inline int setup(void **state) {
    (void)state;
    vm = vm_new(NULL);
    /* STITCH_GC_STRESS=1 reruns every test collecting at each allocation. */
    if (vm && getenv("STITCH_GC_STRESS")) vm->opt.gc_stress = true;
    return vm ? 0 : -1;
}

static inline int teardown(void **state) {
    (void)state;
    vm_free(vm);
    return 0;
}

/* Under STITCH_GC_STRESS every allocation collects: K() roots a test's
 * temporaries until the end of the test (reset_roots). */
static inline Value keep_v(Value v) {
    if (v != VAL_ERROR && v != VAL_NULL) gc_push_root(vm, v);
    return v;
}
static inline void *keep_p(void *p) {
    if (p) gc_push_root(vm, val_obj(p));
    return p;
}
#define K(x)                                                                   \
    _Generic((x), Value: (__typeof__(x))keep_v((Value)(uintptr_t)(x)),         \
             default: (__typeof__(x))keep_p((void *)(uintptr_t)(x)))

static inline int reset_roots(void **state) {
    (void)state;
    vm->nroots = 0;
    vm->exc = VAL_NULL;
    return 0;
}

/* The message of the pending exception, which must be of class `expect`;
 * clears it. */
static inline const char *take_message(TypeId expect) {
    assert_true(IS_EXC(vm->exc));
    Exception *e = AS_EXC(vm->exc);
    assert_ptr_equal(e->obj.type, vm->types[expect]);
    vm->exc = VAL_NULL;
    assert_true(e->args->len >= 1);
    return AS_STR(e->args->items[0])->data;
}

#endif
