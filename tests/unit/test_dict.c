/* test_dict.c: the compact insertion-ordered hash table. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>

#include "vm.h"

static VM *vm;

static int setup(void **state) {
    (void)state;
    vm = vm_new(NULL);
    /* STITCH_GC_STRESS=1 reruns every test collecting at each allocation. */
    if (vm && getenv("STITCH_GC_STRESS")) vm->opt.gc_stress = true;
    return vm ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    vm_free(vm);
    return 0;
}

/* Under STITCH_GC_STRESS every allocation collects: K() roots a test's
 * temporaries until the end of the test (reset_roots). */
static Value keep_v(Value v) {
    if (v != VAL_ERROR && v != VAL_NULL) gc_push_root(vm, v);
    return v;
}
static void *keep_p(void *p) {
    if (p) gc_push_root(vm, val_obj(p));
    return p;
}
#define K(x)                                                                   \
    _Generic((x), Value: (__typeof__(x))keep_v((Value)(uintptr_t)(x)),         \
             default: (__typeof__(x))keep_p((void *)(uintptr_t)(x)))

static int reset_roots(void **state) {
    (void)state;
    vm->nroots = 0;
    vm->exc = VAL_NULL;
    return 0;
}

static Value key(int i) {
    /* Mix int and str keys. */
    if (i % 2) return val_int(i);
    return val_obj(str_printf(vm, "k%d", i));
}

static void test_many_keys(void **state) {
    (void)state;
    /* Stress mode collects at every allocation: keep it quadratic-safe. */
    int N = vm->opt.gc_stress ? 3000 : 100000;
    Dict *d = K(dict_new(vm));
    gc_push_root(vm, val_obj(d));
    for (int i = 0; i < N; i++) assert_int_equal(dict_set(vm, d, key(i), val_int(i * 2)), 0);
    assert_int_equal(d->len, N);
    assert_true(d->used <= d->cap && d->cap <= d->index_cap * 2 / 3);
    for (int i = 0; i < N; i++) assert_int_equal(dict_get(vm, d, key(i)), val_int(i * 2));
    assert_int_equal(dict_get(vm, d, val_int(N + 1)), VAL_NULL);
    /* Overwrite keeps the count. */
    assert_int_equal(dict_set(vm, d, key(10), val_int(-1)), 0);
    assert_int_equal(d->len, N);
    assert_int_equal(dict_get(vm, d, key(10)), val_int(-1));
    /* Delete every third key. */
    for (int i = 0; i < N; i += 3) assert_int_equal(dict_del(vm, d, key(i)), 1);
    assert_int_equal(dict_del(vm, d, key(0)), 0);
    for (int i = 0; i < N; i++) {
        Value v = dict_get(vm, d, key(i));
        if (i % 3 == 0) assert_int_equal(v, VAL_NULL);
        else assert_int_not_equal(v, VAL_NULL);
    }
}

static void test_order_after_deletes(void **state) {
    (void)state;
    Dict *d = K(dict_new(vm));
    gc_push_root(vm, val_obj(d));
    for (int i = 0; i < 10; i++) dict_set(vm, d, val_int(i), val_int(i));
    for (int i = 0; i < 10; i += 2) dict_del(vm, d, val_int(i));
    dict_set(vm, d, val_int(0), val_int(100)); /* re-added: goes last */
    dict_set(vm, d, val_int(5), val_int(55));  /* overwrite: keeps place */
    /* Force tombstone compaction with many insert/delete cycles. */
    for (int i = 1000; i < 1100; i++) {
        dict_set(vm, d, val_int(i), VAL_NONE);
        dict_del(vm, d, val_int(i));
    }
    int64_t expect_k[] = {1, 3, 5, 7, 9, 0}, expect_v[] = {1, 3, 55, 7, 9, 100};
    int64_t pos = 0, n = 0;
    Value k, v;
    while (dict_next(d, &pos, &k, &v)) {
        assert_true(n < 6);
        assert_int_equal(val_as_int(k), expect_k[n]);
        assert_int_equal(val_as_int(v), expect_v[n]);
        n++;
    }
    assert_int_equal(n, 6);
    assert_int_equal(d->len, 6);
    assert_true(d->used < 100); /* compacted */
}

static void test_numeric_key_equivalence(void **state) {
    (void)state;
    Dict *d = K(dict_new(vm));
    gc_push_root(vm, val_obj(d));
    dict_set(vm, d, val_int(1), val_obj(K(str_from_cstr(vm, "int"))));
    assert_int_equal(dict_set(vm, d, val_float(1.0), val_obj(K(str_from_cstr(vm, "float")))), 0);
    assert_int_equal(d->len, 1);
    assert_string_equal(AS_STR(dict_get(vm, d, VAL_TRUE))->data, "float");
    /* The original key object stays (CPython keeps the first key). */
    int64_t pos = 0;
    Value k;
    dict_next(d, &pos, &k, NULL);
    assert_int_equal(k, val_int(1));
    Value big = K(int_binop(vm, BINOP_POWER, val_int(2), val_int(80)));
    dict_set(vm, d, big, val_int(80));
    Value big2 = K(int_binop(vm, BINOP_POWER, val_int(2), val_int(80)));
    assert_ptr_not_equal(val_as_obj(big), val_as_obj(big2));
    assert_int_equal(dict_get(vm, d, big2), val_int(80));
    assert_int_equal(dict_get(vm, d, val_float(1208925819614629174706176.0)), val_int(80));
    Value tk[2] = {val_int(1), val_obj(K(str_from_cstr(vm, "x")))};
    dict_set(vm, d, val_obj(K(tuple_from(vm, tk, 2))), val_int(7));
    tk[1] = val_obj(K(str_from_cstr(vm, "x")));
    assert_int_equal(dict_get(vm, d, val_obj(K(tuple_from(vm, tk, 2)))), val_int(7));
    /* Unhashable keys raise. */
    assert_int_equal(dict_set(vm, d, val_obj(K(list_new(vm, 0))), val_int(1)), -1);
    assert_true(IS_EXC(vm->exc));
    vm->exc = VAL_NULL;
    assert_int_equal(dict_get(vm, d, val_obj(K(dict_new(vm)))), VAL_ERROR);
    vm->exc = VAL_NULL;
}

static void test_versions(void **state) {
    (void)state;
    Dict *a = K(dict_new(vm)), *b = K(dict_new(vm));
    assert_int_not_equal(a->version, b->version);
    uint64_t v0 = a->version;
    dict_set(vm, a, val_int(1), val_int(1));
    uint64_t v1 = a->version;
    assert_int_not_equal(v1, v0);
    dict_set(vm, a, val_int(1), val_int(2));
    assert_int_not_equal(a->version, v1);
    uint64_t v2 = a->version;
    dict_get(vm, a, val_int(1));
    assert_int_equal(a->version, v2);
    dict_del(vm, a, val_int(1));
    assert_int_not_equal(a->version, v2);
    uint64_t v3 = a->version;
    dict_del(vm, a, val_int(1)); /* absent: no change */
    assert_int_equal(a->version, v3);
    dict_set_str(vm, a, vm->names[NAME_INIT], VAL_NONE);
    assert_int_not_equal(a->version, v3);
}

static void test_str_fast_paths(void **state) {
    (void)state;
    Dict *d = K(dict_new(vm));
    gc_push_root(vm, val_obj(d));
    Str *name = K(str_intern_cstr(vm, "spam"));
    assert_int_equal(dict_get_str(d, name), VAL_NULL);
    dict_set_str(vm, d, name, val_int(1));
    assert_int_equal(dict_get_str(d, name), val_int(1));
    /* A non-interned equal key set through the generic path is found. */
    dict_set(vm, d, val_obj(K(str_from_cstr(vm, "eggs"))), val_int(2));
    assert_int_equal(dict_get_str(d, K(str_intern_cstr(vm, "eggs"))), val_int(2));
    assert_int_equal(dict_get(vm, d, val_obj(K(str_from_cstr(vm, "spam")))), val_int(1));
    dict_set_str(vm, d, K(str_intern_cstr(vm, "eggs")), val_int(3));
    assert_int_equal(d->len, 2);
    assert_int_equal(dict_get(vm, d, val_obj(K(str_from_cstr(vm, "eggs")))), val_int(3));
    assert_ptr_equal(dict_find_str(vm->interned, "spam", 4, str_hash_bytes("spam", 4)), name);
    assert_null(dict_find_str(vm->interned, "no-such-name!", 13, str_hash_bytes("no-such-name!", 13)));
}

static void test_under_gc_stress(void **state) {
    (void)state;
    bool was_stressed = vm->opt.gc_stress;
    vm->opt.gc_stress = true;
    Dict *d = K(dict_new(vm));
    gc_push_root(vm, val_obj(d));
    for (int i = 0; i < 300; i++) {
        Value k = val_obj(K(str_printf(vm, "key%d", i)));
        gc_push_root(vm, k);
        Value v = val_obj(K(str_printf(vm, "val%d", i)));
        assert_int_equal(dict_set(vm, d, k, v), 0);
    }
    for (int i = 0; i < 300; i++) {
        Value k = val_obj(K(str_printf(vm, "key%d", i)));
        Value v = dict_get(vm, d, k);
        char buf[16];
        snprintf(buf, sizeof buf, "val%d", i);
        assert_string_equal(AS_STR(v)->data, buf);
    }
    vm->opt.gc_stress = was_stressed;
}

static void test_equal_strs_share_an_entry(void **state) {
    (void)state;
    /* Distinct Str objects with the same text (none interned) are one key;
     * lengths around the hash's 8-byte words, and one-byte differences. */
    Dict *d = K(dict_new(vm));
    gc_push_root(vm, val_obj(d));
    const char *base = "abcdefghijklmnopqrstuvwxyz0123456789";
    for (int n = 0; n <= 36; n++) {
        Str *a = K(str_new(vm, base, n));
        assert_int_equal(dict_set(vm, d, val_obj(a), val_int(n)), 0);
        Str *b = K(str_new(vm, base, n));
        assert_ptr_not_equal(a, b);
        assert_int_equal(dict_get(vm, d, val_obj(b)), val_int(n));
        assert_int_equal(dict_set(vm, d, val_obj(b), val_int(n + 100)), 0);
        assert_int_equal(dict_get(vm, d, val_obj(a)), val_int(n + 100));
        assert_int_not_equal(str_hash(a), 0);
    }
    assert_int_equal(d->len, 37);
    char buf[40];
    for (int i = 0; i < 36; i++) {
        memcpy(buf, base, 36);
        buf[i] = '_';
        Str *s = K(str_new(vm, buf, 36));
        assert_int_not_equal(str_hash(s), str_hash_bytes(base, 36));
        assert_int_equal(dict_get(vm, d, val_obj(s)), VAL_NULL);
    }
    /* The first key object stays. */
    int64_t pos = 0;
    Value k;
    dict_next(d, &pos, &k, NULL);
    assert_int_equal(AS_STR(k)->len, 0);
}

static void test_int_key_hashes(void **state) {
    (void)state;
    /* The inline small-int hash agrees with obj_hash, so floats and bools
     * find int keys; -1 and -2 collide and stay distinct. */
    int64_t ks[] = {0, 1, -1, -2, 7, SMALL_INT_MAX, SMALL_INT_MIN, 1 << 20};
    Dict *d = K(dict_new(vm));
    gc_push_root(vm, val_obj(d));
    for (size_t i = 0; i < sizeof ks / sizeof ks[0]; i++) {
        uint64_t h;
        assert_int_equal(obj_hash(vm, val_int(ks[i]), &h), 0);
        assert_int_equal(h, int_hash(val_int(ks[i])));
        assert_int_equal(dict_set(vm, d, val_int(ks[i]), val_int((int64_t)i)), 0);
    }
    assert_int_equal(d->len, 8);
    for (size_t i = 0; i < sizeof ks / sizeof ks[0]; i++) {
        assert_int_equal(dict_get(vm, d, val_int(ks[i])), val_int((int64_t)i));
        assert_int_equal(dict_get(vm, d, val_float((double)ks[i])), val_int((int64_t)i));
    }
    assert_int_equal(dict_get(vm, d, VAL_TRUE), val_int(1));
    assert_int_equal(dict_get(vm, d, val_int(-3)), VAL_NULL);
    assert_int_equal(dict_del(vm, d, val_int(-1)), 1);
    assert_int_equal(dict_get(vm, d, val_int(-2)), val_int(3));
    /* 2**47 is the first big int: same hash path as its float. */
    Value big = K(int_binop(vm, BINOP_ADD, val_int(SMALL_INT_MAX), val_int(1)));
    assert_true(IS_BIGINT(big));
    dict_set(vm, d, big, val_int(47));
    assert_int_equal(dict_get(vm, d, val_float(140737488355328.0)), val_int(47));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_many_keys, reset_roots),
        cmocka_unit_test_teardown(test_order_after_deletes, reset_roots),
        cmocka_unit_test_teardown(test_numeric_key_equivalence, reset_roots),
        cmocka_unit_test_teardown(test_versions, reset_roots),
        cmocka_unit_test_teardown(test_str_fast_paths, reset_roots),
        cmocka_unit_test_teardown(test_under_gc_stress, reset_roots),
        cmocka_unit_test_teardown(test_equal_strs_share_an_entry, reset_roots),
        cmocka_unit_test_teardown(test_int_key_hashes, reset_roots),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
