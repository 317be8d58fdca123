/* test_iter.c: the container protocol (obj_getitem/setitem/delitem, slices,
 * obj_contains, obj_len) and the iterator and view objects. Expected values
 * were produced with CPython 3.11. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "natives_util.h"

static Value slice(Value a, Value b, Value c) { return keep(slice_new(vm, a, b, c)); }

static Value get(Value c, Value k) { return keep(obj_getitem(vm, c, k)); }

static Value range3(int64_t a, int64_t b, int64_t c) { return keep(range_new(vm, a, b, c)); }

static void test_slicing_table(void **state) {
    (void)state;
    struct { Value a, b, c; const char *list, *str, *range; } rows[] = {
        {VAL_NONE, VAL_NONE, VAL_NONE, "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]", "'héllo wörld'", "range(3, 30, 3)"},
        {I(2), I(8), VAL_NONE, "[2, 3, 4, 5, 6, 7]", "'llo wö'", "range(9, 27, 3)"},
        {I(-3), VAL_NONE, VAL_NONE, "[7, 8, 9]", "'rld'", "range(21, 30, 3)"},
        {VAL_NONE, VAL_NONE, I(-1), "[9, 8, 7, 6, 5, 4, 3, 2, 1, 0]", "'dlröw olléh'", "range(27, 0, -3)"},
        {I(8), I(2), I(-2), "[8, 6, 4]", "'rwo'", "range(27, 9, -6)"},
        {I(-100), I(100), I(3), "[0, 3, 6, 9]", "'hlwl'", "range(3, 30, 9)"},
        {I(5), I(1), VAL_NONE, "[]", "''", "range(18, 6, 3)"},
        {VAL_NONE, VAL_NONE, I(4), "[0, 4, 8]", "'hor'", "range(3, 30, 12)"},
        {I(-1), I(-11), I(-3), "[9, 6, 3, 0]", "'döoé'", "range(27, 0, -9)"},
        {I(100), VAL_NONE, I(-1), "[9, 8, 7, 6, 5, 4, 3, 2, 1, 0]", "'dlröw olléh'", "range(27, 0, -3)"},
        {I(1), I(-1), I(2), "[1, 3, 5, 7]", "'él öl'", "range(6, 27, 6)"},
        {I(-2), VAL_NONE, I(-2), "[8, 6, 4, 2, 0]", "'lö lé'", "range(24, 0, -6)"},
        {I(3), I(3), VAL_NONE, "[]", "''", "range(12, 12, 3)"},
        {VAL_NONE, I(-20), I(-1), "[9, 8, 7, 6, 5, 4, 3, 2, 1, 0]", "'dlröw olléh'", "range(27, 0, -3)"},
    };
    Value list = call("list", 1, range3(0, 10, 1));
    Value tuple = call("tuple", 1, list);
    Value str = S("héllo wörld"), ascii = S("abcdefghij");
    Value range = range3(3, 30, 3);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        Value s = slice(rows[i].a, rows[i].b, rows[i].c);
        assert_repr(get(list, s), rows[i].list);
        assert_repr(call("list", 1, get(tuple, s)), rows[i].list);
        /* The ASCII string of the same length slices like the list. */
        Value letters = get(ascii, s);
        assert_int_equal(AS_STR(letters)->nchars, AS_LIST(get(list, s))->len);
        assert_repr(get(str, s), rows[i].str);
        assert_repr(get(range, s), rows[i].range);
    }
    expect_exc(obj_getitem(vm, list, slice(VAL_NONE, VAL_NONE, I(0))), T_VALUE_ERROR,
               "slice step cannot be zero");
    expect_exc(obj_getitem(vm, list, slice(S("a"), VAL_NONE, VAL_NONE)), T_TYPE_ERROR,
               "slice indices must be integers or None or have an __index__ method");
}

static void test_indexing(void **state) {
    (void)state;
    Value list = L(3, S("a"), S("b"), S("c"));
    Value tuple = T(2, I(1), I(2));
    Value str = S("héllo");
    assert_repr(get(list, I(-1)), "'c'");
    assert_repr(get(list, VAL_TRUE), "'b'");
    assert_repr(get(tuple, I(-2)), "1");
    assert_repr(get(str, I(1)), "'é'");
    assert_repr(get(str, I(-1)), "'o'");
    assert_repr(get(range3(10, 0, -3), I(-1)), "1");
    expect_exc(obj_getitem(vm, list, I(3)), T_INDEX_ERROR, "list index out of range");
    expect_exc(obj_getitem(vm, list, I(-4)), T_INDEX_ERROR, "list index out of range");
    expect_exc(obj_getitem(vm, tuple, I(2)), T_INDEX_ERROR, "tuple index out of range");
    expect_exc(obj_getitem(vm, str, I(5)), T_INDEX_ERROR, "string index out of range");
    expect_exc(obj_getitem(vm, range3(0, 3, 1), I(3)), T_INDEX_ERROR, "range object index out of range");
    expect_exc(obj_getitem(vm, list, S("x")), T_TYPE_ERROR,
               "list indices must be integers or slices, not str");
    expect_exc(obj_getitem(vm, tuple, F(1.0)), T_TYPE_ERROR,
               "tuple indices must be integers or slices, not float");
    expect_exc(obj_getitem(vm, str, S("x")), T_TYPE_ERROR, "string indices must be integers, not 'str'");
    expect_exc(obj_getitem(vm, I(5), I(0)), T_TYPE_ERROR, "'int' object is not subscriptable");
    Value d = call("dict", 1, L(1, T(2, S("k"), I(1))));
    assert_repr(get(d, S("k")), "1");
    expect_exc(obj_getitem(vm, d, S("x")), T_KEY_ERROR, "'x'");
    /* KeyError keeps the key itself as its only argument. */
    Value key = T(2, I(1), I(2));
    assert_true(obj_getitem(vm, d, key) == VAL_ERROR);
    Value e = keep(vm_take_exc(vm));
    assert_int_equal(AS_EXC(e)->args->len, 1);
    assert_true(AS_EXC(e)->args->items[0] == key);
}

static void test_setitem_delitem(void **state) {
    (void)state;
    Value l = call("list", 1, range3(0, 5, 1));
    assert_int_equal(obj_setitem(vm, l, I(-1), S("x")), 0);
    assert_int_equal(obj_setitem(vm, l, slice(I(1), I(3), VAL_NONE), L(3, I(7), I(8), I(9))), 0);
    assert_repr(l, "[0, 7, 8, 9, 3, 'x']");
    assert_int_equal(obj_setitem(vm, l, slice(VAL_NONE, VAL_NONE, I(2)), L(3, I(0), I(0), I(0))), 0);
    assert_repr(l, "[0, 7, 0, 9, 0, 'x']");
    assert_int_equal(obj_setitem(vm, l, slice(I(1), I(1), VAL_NONE), l), 0);
    assert_repr(l, "[0, 0, 7, 0, 9, 0, 'x', 7, 0, 9, 0, 'x']");
    assert_int_equal(obj_setitem(vm, l, slice(I(2), VAL_NONE, VAL_NONE), L(0)), 0);
    assert_repr(l, "[0, 0]");
    assert_int_equal(obj_setitem(vm, l, slice(I(5), I(1), VAL_NONE), S("ab")), 0);
    assert_repr(l, "[0, 0, 'a', 'b']");
    expect_exc(obj_setitem(vm, l, slice(VAL_NONE, VAL_NONE, I(2)), L(1, I(1))) < 0 ? VAL_ERROR : VAL_NONE,
               T_VALUE_ERROR, "attempt to assign sequence of size 1 to extended slice of size 2");
    expect_exc(obj_setitem(vm, l, slice(I(0), I(1), VAL_NONE), I(5)) < 0 ? VAL_ERROR : VAL_NONE,
               T_TYPE_ERROR, "can only assign an iterable");
    expect_exc(obj_setitem(vm, l, I(9), I(1)) < 0 ? VAL_ERROR : VAL_NONE, T_INDEX_ERROR,
               "list assignment index out of range");
    expect_exc(obj_setitem(vm, T(1, I(1)), I(0), I(1)) < 0 ? VAL_ERROR : VAL_NONE, T_TYPE_ERROR,
               "'tuple' object does not support item assignment");

    Value m = call("list", 1, range3(0, 10, 1));
    assert_int_equal(obj_delitem(vm, m, slice(VAL_NONE, VAL_NONE, I(-3))), 0);
    assert_repr(m, "[1, 2, 4, 5, 7, 8]");
    assert_int_equal(obj_delitem(vm, m, slice(I(1), I(3), VAL_NONE)), 0);
    assert_int_equal(obj_delitem(vm, m, I(-1)), 0);
    assert_repr(m, "[1, 5, 7]");
    expect_exc(obj_delitem(vm, m, I(3)) < 0 ? VAL_ERROR : VAL_NONE, T_INDEX_ERROR,
               "list assignment index out of range");
    expect_exc(obj_delitem(vm, S("a"), I(0)) < 0 ? VAL_ERROR : VAL_NONE, T_TYPE_ERROR,
               "'str' object doesn't support item deletion");
    Value d = call("dict", 0);
    assert_int_equal(obj_setitem(vm, d, S("a"), I(1)), 0);
    assert_int_equal(obj_delitem(vm, d, S("a")), 0);
    expect_exc(obj_delitem(vm, d, S("a")) < 0 ? VAL_ERROR : VAL_NONE, T_KEY_ERROR, "'a'");
}

static void test_contains_len(void **state) {
    (void)state;
    Value l = L(3, I(1), F(2.0), S("x"));
    assert_int_equal(obj_contains(vm, l, I(2)), 1);
    assert_int_equal(obj_contains(vm, l, S("y")), 0);
    assert_int_equal(obj_contains(vm, S("héllo"), S("él")), 1);
    assert_int_equal(obj_contains(vm, S("abc"), S("")), 1);
    assert_int_equal(obj_contains(vm, range3(0, 10, 2), I(4)), 1);
    assert_int_equal(obj_contains(vm, range3(0, 10, 2), I(5)), 0);
    assert_int_equal(obj_contains(vm, range3(0, -10, -2), I(-4)), 1);
    assert_int_equal(obj_contains(vm, range3(0, 10, 2), F(4.0)), 1);
    Value d = call("dict", 1, L(1, T(2, S("a"), I(1))));
    assert_int_equal(obj_contains(vm, d, S("a")), 1);
    assert_int_equal(obj_contains(vm, meth(d, "items", 0), T(2, S("a"), I(1))), 1);
    assert_int_equal(obj_contains(vm, meth(d, "items", 0), T(2, S("a"), I(2))), 0);
    assert_int_equal(obj_contains(vm, meth(d, "values", 0), I(1)), 1);
    assert_int_equal(obj_contains(vm, meth(d, "keys", 0), S("b")), 0);
    assert_int_equal(obj_contains(vm, S("a"), I(1)), -1);
    expect_exc(VAL_ERROR, T_TYPE_ERROR, "'in <string>' requires string as left operand, not int");
    assert_int_equal(obj_contains(vm, I(3), I(1)), -1);
    expect_exc(VAL_ERROR, T_TYPE_ERROR, "argument of type 'int' is not iterable");
    assert_int_equal(obj_len(vm, S("héllo")), 5);
    assert_int_equal(obj_len(vm, range3(10, 0, -3)), 4);
    assert_int_equal(obj_len(vm, range3(0, 100, 7)), 15);
    assert_int_equal(obj_len(vm, range3(5, 5, 1)), 0);
    assert_int_equal(obj_len(vm, meth(d, "keys", 0)), 1);
    assert_int_equal(obj_len(vm, F(1.0)), -1);
    expect_exc(VAL_ERROR, T_TYPE_ERROR, "object of type 'float' has no len()");
}

/* Drain an iterator into a list repr. */
static const char *drain(Value it) {
    Value l = keep(val_obj(list_new(vm, 0)));
    for (;;) {
        Value v = iter_next(vm, it);
        if (v == VAL_NULL) break;
        if (v == VAL_ERROR) return rep(v);
        list_append(vm, AS_LIST(l), v);
    }
    return rep(l);
}

static void test_iterators(void **state) {
    (void)state;
    Value it = keep(obj_iter(vm, L(2, I(1), I(2))));
    assert_true(obj_iter(vm, it) == it);
    assert_string_equal(drain(it), "[1, 2]");
    assert_true(iter_next(vm, it) == VAL_NULL); /* stays exhausted */
    assert_string_equal(drain(keep(obj_iter(vm, S("hé!")))), "['h', 'é', '!']");
    assert_string_equal(drain(keep(obj_iter(vm, range3(10, 0, -3)))), "[10, 7, 4, 1]");
    assert_string_equal(drain(keep(obj_iter(vm, range3(0, 0, 1)))), "[]");
    Value d = call("dict", 1, L(2, T(2, S("a"), I(1)), T(2, S("b"), I(2))));
    assert_string_equal(drain(keep(obj_iter(vm, d))), "['a', 'b']");
    assert_string_equal(drain(keep(obj_iter(vm, meth(d, "items", 0)))), "[('a', 1), ('b', 2)]");
    assert_string_equal(drain(keep(obj_iter(vm, meth(d, "values", 0)))), "[1, 2]");
    assert_repr(meth(d, "items", 0), "dict_items([('a', 1), ('b', 2)])");
    assert_string_equal(drain(call("enumerate", 2, S("ab"), I(5))), "[(5, 'a'), (6, 'b')]");
    assert_string_equal(drain(call("zip", 2, L(3, I(1), I(2), I(3)), S("ab"))), "[(1, 'a'), (2, 'b')]");
    assert_string_equal(drain(call("zip", 0)), "[]");
    assert_string_equal(drain(call("reversed", 1, S("héllo"))), "['o', 'l', 'l', 'é', 'h']");
    assert_string_equal(drain(call("reversed", 1, range3(1, 10, 3))), "[7, 4, 1]");
    assert_string_equal(drain(call("reversed", 1, T(2, I(1), I(2)))), "[2, 1]");
    Value zs = callkw("zip", "strict", 3, L(2, I(1), I(2)), L(1, I(1)), VAL_TRUE);
    expect_exc(iter_next(vm, zs) == VAL_ERROR ? VAL_ERROR : iter_next(vm, zs), T_VALUE_ERROR,
               "zip() argument 2 is shorter than argument 1");
    Value n = call("iter", 1, L(1, I(1)));
    assert_repr(call("next", 1, n), "1");
    assert_repr(call("next", 2, n, S("end")), "'end'");
    expect_exc(call("next", 1, n), T_STOP_ITERATION, "");
    expect_exc(call("next", 1, I(1)), T_TYPE_ERROR, "'int' object is not an iterator");
    expect_exc(obj_iter(vm, I(1)), T_TYPE_ERROR, "'int' object is not iterable");
    expect_exc(call("reversed", 1, I(1)), T_TYPE_ERROR, "'int' object is not reversible");
}

static void test_dict_mutation_during_iteration(void **state) {
    (void)state;
    Value d = call("dict", 1, L(2, T(2, S("a"), I(1)), T(2, S("b"), I(2))));
    Value it = keep(obj_iter(vm, d));
    assert_repr(iter_next(vm, it), "'a'");
    obj_setitem(vm, d, S("c"), I(3));
    expect_exc(iter_next(vm, it), T_RUNTIME_ERROR, "dictionary changed size during iteration");
    /* Once broken, it stays broken even when the size is restored. */
    obj_delitem(vm, d, S("c"));
    expect_exc(iter_next(vm, it), T_RUNTIME_ERROR, "dictionary changed size during iteration");
    /* Changing a value is not a change of size. */
    Value it2 = keep(obj_iter(vm, meth(d, "values", 0)));
    obj_setitem(vm, d, S("a"), I(10));
    assert_string_equal(drain(it2), "[10, 2]");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_slicing_table, setup, teardown),
        cmocka_unit_test_setup_teardown(test_indexing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_setitem_delitem, setup, teardown),
        cmocka_unit_test_setup_teardown(test_contains_len, setup, teardown),
        cmocka_unit_test_setup_teardown(test_iterators, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dict_mutation_during_iteration, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
