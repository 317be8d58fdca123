/* test_list.c: list and tuple construction and growth. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>

#include "vm.h"

#include "heap_fixture.h"

static void test_append_grows(void **state) {
    (void)state;
    List *l = K(list_new(vm, 0));
    gc_push_root(vm, val_obj(l));
    for (int i = 0; i < 100000; i++) assert_int_equal(list_append(vm, l, val_int(i)), 0);
    assert_int_equal(l->len, 100000);
    assert_true(l->cap >= l->len);
    for (int i = 0; i < 100000; i++) assert_int_equal(val_as_int(l->items[i]), i);
}

static void test_insert_clamps(void **state) {
    (void)state;
    List *l = K(list_new(vm, 2));
    gc_push_root(vm, val_obj(l));
    list_insert(vm, l, 0, val_int(2));   /* [2] */
    list_insert(vm, l, 0, val_int(0));   /* [0, 2] */
    list_insert(vm, l, 1, val_int(1));   /* [0, 1, 2] */
    list_insert(vm, l, 100, val_int(4)); /* [0, 1, 2, 4] */
    list_insert(vm, l, -1, val_int(3));  /* [0, 1, 2, 3, 4] */
    list_insert(vm, l, -100, val_int(-1));
    int64_t expect[] = {-1, 0, 1, 2, 3, 4};
    assert_int_equal(l->len, 6);
    for (int i = 0; i < 6; i++) assert_int_equal(val_as_int(l->items[i]), expect[i]);
}

static void test_from_and_tuples(void **state) {
    (void)state;
    Value items[3] = {val_int(1), VAL_NONE, val_float(2.5)};
    List *l = K(list_from(vm, items, 3));
    assert_int_equal(l->len, 3);
    assert_int_equal(l->items[2], val_float(2.5));
    Tuple *t = K(tuple_from(vm, items, 3));
    assert_int_equal(t->len, 3);
    assert_int_equal(t->items[0], val_int(1));
    Tuple *n = K(tuple_new(vm, 4));
    for (int i = 0; i < 4; i++) assert_int_equal(n->items[i], VAL_NONE);
    assert_ptr_equal(K(tuple_new(vm, 0)), vm->empty_tuple);
    assert_ptr_equal(K(tuple_from(vm, NULL, 0)), vm->empty_tuple);
    List *e = K(list_new(vm, 0));
    assert_int_equal(e->len, 0);
}

static void test_append_roots_new_value(void **state) {
    (void)state;
    /* Appending a just-created string under GC stress: the list must keep it. */
    bool was_stressed = vm->opt.gc_stress;
    vm->opt.gc_stress = true;
    List *l = K(list_new(vm, 0));
    gc_push_root(vm, val_obj(l));
    for (int i = 0; i < 200; i++) {
        Str *s = K(str_printf(vm, "item%d", i));
        assert_int_equal(list_append(vm, l, val_obj(s)), 0);
    }
    for (int i = 0; i < 200; i++) {
        char buf[16];
        snprintf(buf, sizeof buf, "item%d", i);
        assert_string_equal(AS_STR(l->items[i])->data, buf);
    }
    vm->opt.gc_stress = was_stressed;
}

static void test_huge_list_is_memory_error(void **state) {
    (void)state;
    assert_null(K(list_new(vm, INT64_C(100000000000))));
    assert_int_equal(vm->exc, vm->memory_error);
    vm->exc = VAL_NULL;
    Value one = val_int(0);
    List *l = K(list_from(vm, &one, 1));
    gc_push_root(vm, val_obj(l));
    Value count = K(int_from_i64(vm, INT64_C(100000000000)));
    assert_int_equal(K(obj_binop(vm, BINOP_MULTIPLY, val_obj(l), count)), VAL_ERROR);
    assert_int_equal(vm->exc, vm->memory_error);
    vm->exc = VAL_NULL;
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_append_grows, reset_roots),
        cmocka_unit_test_teardown(test_insert_clamps, reset_roots),
        cmocka_unit_test_teardown(test_from_and_tuples, reset_roots),
        cmocka_unit_test_teardown(test_append_roots_new_value, reset_roots),
        cmocka_unit_test_teardown(test_huge_list_is_memory_error, reset_roots),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
