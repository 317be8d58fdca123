/* test_values.c: NaN-boxing round trips and the object protocol on values. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>

#include <stdlib.h>

#include "vm.h"

#include "heap_fixture.h"

static const char *R(Value v) {
    Value r = obj_repr(vm, v);
    assert_int_not_equal(r, VAL_ERROR);
    return AS_STR(r)->data;
}

static Value S(const char *s) { return K(val_obj(str_from_cstr(vm, s))); }

static void test_int_boxing(void **state) {
    (void)state;
    int64_t cases[] = {0, 1, -1, 42, -42, SMALL_INT_MAX, SMALL_INT_MIN, SMALL_INT_MAX - 1,
                       SMALL_INT_MIN + 1, 1 << 20, -(1 << 20)};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Value v = val_int(cases[i]);
        assert_true(val_is_int(v));
        assert_false(val_is_float(v) || val_is_obj(v) || val_is_bool(v) || val_is_none(v));
        assert_int_equal(val_as_int(v), cases[i]);
    }
    assert_true(int_fits_small(SMALL_INT_MAX));
    assert_false(int_fits_small(SMALL_INT_MAX + 1));
    assert_true(int_fits_small(SMALL_INT_MIN));
    assert_false(int_fits_small(SMALL_INT_MIN - 1));
}

static void test_float_boxing(void **state) {
    (void)state;
    double cases[] = {0.0, -0.0, 1.5, -1.5, INFINITY, -INFINITY, 5e-324, 1.7976931348623157e308, -1e-300};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Value v = val_float(cases[i]);
        assert_true(val_is_float(v));
        assert_false(val_is_int(v) || val_is_obj(v) || val_is_bool(v));
        double back = val_as_float(v);
        assert_memory_equal(&back, &cases[i], sizeof back);
    }
    /* Every NaN (including ones whose payload looks like a tag) canonicalizes. */
    uint64_t nans[] = {0x7FF8000000000001ull, 0xFFF8000000000000ull, 0x7FFC000000000005ull,
                       0xFFFC000000001234ull, 0x7FFD000000000001ull, 0x7FF0000000000001ull};
    for (size_t i = 0; i < sizeof nans / sizeof nans[0]; i++) {
        double d;
        memcpy(&d, &nans[i], sizeof d);
        Value v = val_float(d);
        assert_int_equal(v, VAL_CANON_NAN);
        assert_true(val_is_float(v));
        assert_true(isnan(val_as_float(v)));
    }
}

static void test_specials_and_pointers(void **state) {
    (void)state;
    assert_true(val_is_none(VAL_NONE));
    assert_true(val_is_bool(VAL_TRUE) && val_is_bool(VAL_FALSE));
    assert_int_equal(val_bool(true), VAL_TRUE);
    Value specials[] = {VAL_NONE, VAL_TRUE, VAL_FALSE, VAL_NULL, VAL_ERROR};
    for (size_t i = 0; i < 5; i++) {
        assert_false(val_is_float(specials[i]));
        assert_false(val_is_int(specials[i]));
        assert_false(val_is_obj(specials[i]));
    }
    Str *s = K(str_from_cstr(vm, "x"));
    Value v = val_obj(s);
    assert_true(val_is_obj(v) && !val_is_float(v));
    assert_ptr_equal(val_as_obj(v), s);
    assert_true(IS_STR(v));
    assert_true(val_is_anyint(VAL_TRUE) && val_is_anyint(val_int(3)) && !val_is_anyint(val_float(1)));
}

static void test_repr(void **state) {
    (void)state;
    assert_string_equal(R(VAL_NONE), "None");
    assert_string_equal(R(VAL_TRUE), "True");
    assert_string_equal(R(val_int(-7)), "-7");
    assert_string_equal(R(val_float(1e16)), "1e+16");
    assert_string_equal(R(S("it's")), "\"it's\"");
    Value items[2] = {val_int(1), S("a")};
    Tuple *t1 = K(tuple_from(vm, items, 1));
    assert_string_equal(R(val_obj(t1)), "(1,)");
    assert_string_equal(R(val_obj(vm->empty_tuple)), "()");
    List *l = K(list_from(vm, items, 2));
    gc_push_root(vm, val_obj(l));
    assert_string_equal(R(val_obj(l)), "[1, 'a']");
    list_append(vm, l, val_obj(l));
    assert_string_equal(R(val_obj(l)), "[1, 'a', [...]]");
    Dict *d = K(dict_new(vm));
    gc_push_root(vm, val_obj(d));
    dict_set(vm, d, S("a"), val_int(1));
    dict_set(vm, d, val_int(2), val_obj(t1));
    assert_string_equal(R(val_obj(d)), "{'a': 1, 2: (1,)}");
    dict_set(vm, d, val_int(3), val_obj(d));
    assert_string_equal(R(val_obj(d)), "{'a': 1, 2: (1,), 3: {...}}");
    assert_string_equal(R(val_obj(vm->types[T_INT])), "<class 'int'>");
    assert_string_equal(R(val_obj(vm->types[T_VALUE_ERROR])), "<class 'ValueError'>");
    assert_string_equal(R(K(range_new(vm, 0, 5, 1))), "range(0, 5)");
    assert_string_equal(R(K(range_new(vm, 0, 5, 2))), "range(0, 5, 2)");
    vm_raise(vm, T_VALUE_ERROR, "x");
    Value e = K(vm_take_exc(vm));
    assert_string_equal(R(e), "ValueError('x')");
    Value s = K(obj_str(vm, e));
    assert_string_equal(AS_STR(s)->data, "x");
    vm_raise(vm, T_KEY_ERROR, "k");
    e = K(vm_take_exc(vm));
    assert_string_equal(AS_STR(K(obj_str(vm, e)))->data, "'k'");
    Value none_exc = K(exc_new(vm, vm->types[T_RUNTIME_ERROR], NULL));
    assert_string_equal(R(none_exc), "RuntimeError()");
    assert_string_equal(AS_STR(K(obj_str(vm, none_exc)))->data, "");
}

static void test_truthy(void **state) {
    (void)state;
    assert_int_equal(obj_truthy(vm, VAL_NONE), 0);
    assert_int_equal(obj_truthy(vm, val_int(0)), 0);
    assert_int_equal(obj_truthy(vm, val_int(-1)), 1);
    assert_int_equal(obj_truthy(vm, val_float(0.0)), 0);
    assert_int_equal(obj_truthy(vm, val_float(-0.0)), 0);
    assert_int_equal(obj_truthy(vm, val_float(NAN)), 1);
    assert_int_equal(obj_truthy(vm, val_obj(vm->empty_str)), 0);
    assert_int_equal(obj_truthy(vm, S("0")), 1);
    assert_int_equal(obj_truthy(vm, val_obj(K(list_new(vm, 4)))), 0);
    assert_int_equal(obj_truthy(vm, val_obj(K(dict_new(vm)))), 0);
    assert_int_equal(obj_truthy(vm, K(range_new(vm, 5, 5, 1))), 0);
    assert_int_equal(obj_truthy(vm, K(range_new(vm, 5, 0, -1))), 1);
}

static void test_numeric_equality_and_hash(void **state) {
    (void)state;
    uint64_t h1, h2, h3;
    assert_int_equal(obj_eq(vm, val_int(1), val_float(1.0)), 1);
    assert_int_equal(obj_eq(vm, VAL_TRUE, val_float(1.0)), 1);
    assert_int_equal(obj_eq(vm, val_float(NAN), val_float(NAN)), 0);
    obj_hash(vm, val_int(1), &h1);
    obj_hash(vm, val_float(1.0), &h2);
    obj_hash(vm, VAL_TRUE, &h3);
    assert_true(h1 == h2 && h2 == h3);
    Value items[2] = {val_int(1), val_int(2)};
    Tuple *t = K(tuple_from(vm, items, 2));
    obj_hash(vm, val_obj(t), &h1);
    assert_int_equal((int64_t)h1, INT64_C(-3550055125485641917)); /* CPython: hash((1, 2)) */
    assert_int_equal(obj_hash(vm, val_obj(K(list_new(vm, 0))), &h1), -1);
    assert_string_equal(take_message(T_TYPE_ERROR), "unhashable type: 'list'");
}

static void test_compare(void **state) {
    (void)state;
    Value big = K(int_binop(vm, BINOP_POWER, val_int(2), val_int(64)));
    gc_push_root(vm, big);
    assert_int_equal(obj_compare(vm, CMP_EQ, big, val_float(18446744073709551616.0)), VAL_TRUE);
    Value big1 = K(int_binop(vm, BINOP_ADD, big, val_int(1)));
    assert_int_equal(obj_compare(vm, CMP_GT, big1, val_float(18446744073709551616.0)), VAL_TRUE);
    assert_int_equal(obj_compare(vm, CMP_EQ, big1, val_float(18446744073709551616.0)), VAL_FALSE);
    assert_int_equal(obj_compare(vm, CMP_LT, val_float(NAN), val_int(1)), VAL_FALSE);
    assert_int_equal(obj_compare(vm, CMP_NE, val_float(NAN), val_int(1)), VAL_TRUE);
    assert_int_equal(obj_compare(vm, CMP_LT, S("abc"), S("abd")), VAL_TRUE);
    assert_int_equal(obj_compare(vm, CMP_LT, S("ab"), S("abc")), VAL_TRUE);
    assert_int_equal(obj_compare(vm, CMP_GT, S("\xc3\xa9"), S("z")), VAL_TRUE);
    Value a[3] = {val_int(1), val_int(2), val_int(3)}, b[2] = {val_int(1), val_int(3)};
    Value ta = val_obj(K(tuple_from(vm, a, 3)));
    gc_push_root(vm, ta);
    Value tb = val_obj(K(tuple_from(vm, b, 2)));
    gc_push_root(vm, tb);
    assert_int_equal(obj_compare(vm, CMP_LT, ta, tb), VAL_TRUE);
    assert_int_equal(obj_compare(vm, CMP_EQ, ta, tb), VAL_FALSE);
    assert_int_equal(obj_compare(vm, CMP_LT, val_int(1), S("a")), VAL_ERROR);
    assert_string_equal(take_message(T_TYPE_ERROR), "'<' not supported between instances of 'int' and 'str'");
    assert_int_equal(obj_compare(vm, CMP_EQ, val_int(1), S("a")), VAL_FALSE);
    assert_int_equal(obj_compare(vm, CMP_NE, VAL_NONE, val_int(0)), VAL_TRUE);
}

static void test_binop(void **state) {
    (void)state;
    assert_int_equal(K(obj_binop(vm, BINOP_ADD, val_int(1), val_float(0.5))), val_float(1.5));
    assert_int_equal(K(obj_binop(vm, BINOP_ADD, VAL_TRUE, VAL_TRUE)), val_int(2));
    assert_string_equal(R(K(obj_binop(vm, BINOP_ADD, S("ab"), S("cd")))), "'abcd'");
    assert_string_equal(R(K(obj_binop(vm, BINOP_MULTIPLY, S("ab"), val_int(3)))), "'ababab'");
    assert_string_equal(R(K(obj_binop(vm, BINOP_MULTIPLY, val_int(2), S("x")))), "'xx'");
    assert_string_equal(R(K(obj_binop(vm, BINOP_MULTIPLY, S("x"), val_int(-2)))), "''");
    Value items[2] = {val_int(1), val_int(2)};
    Value l = val_obj(K(list_from(vm, items, 2)));
    gc_push_root(vm, l);
    assert_string_equal(R(K(obj_binop(vm, BINOP_MULTIPLY, l, val_int(2)))), "[1, 2, 1, 2]");
    assert_string_equal(R(K(obj_binop(vm, BINOP_ADD, l, l))), "[1, 2, 1, 2]");
    Value r = K(obj_binop(vm, BINOP_INPLACE_BASE + BINOP_ADD, l, l));
    assert_int_equal(r, l);
    assert_string_equal(R(l), "[1, 2, 1, 2]");
    r = K(obj_binop(vm, BINOP_INPLACE_BASE + BINOP_MULTIPLY, l, val_int(2)));
    assert_int_equal(r, l);
    assert_int_equal(AS_LIST(l)->len, 8);
    Value t = val_obj(K(tuple_from(vm, items, 2)));
    gc_push_root(vm, t);
    assert_string_equal(R(K(obj_binop(vm, BINOP_ADD, t, t))), "(1, 2, 1, 2)");
    assert_string_equal(R(K(obj_binop(vm, BINOP_MULTIPLY, t, val_int(0)))), "()");
    assert_int_equal(K(obj_binop(vm, BINOP_ADD, val_int(1), S("a"))), VAL_ERROR);
    assert_string_equal(take_message(T_TYPE_ERROR), "unsupported operand type(s) for +: 'int' and 'str'");
    assert_int_equal(K(obj_binop(vm, BINOP_INPLACE_BASE + BINOP_SUBTRACT, val_int(1), S("a"))), VAL_ERROR);
    assert_string_equal(take_message(T_TYPE_ERROR), "unsupported operand type(s) for -=: 'int' and 'str'");
    assert_int_equal(K(obj_binop(vm, BINOP_ADD, S("a"), val_int(1))), VAL_ERROR);
    assert_string_equal(take_message(T_TYPE_ERROR), "can only concatenate str (not \"int\") to str");
    assert_int_equal(K(obj_binop(vm, BINOP_ADD, l, t)), VAL_ERROR);
    assert_string_equal(take_message(T_TYPE_ERROR), "can only concatenate list (not \"tuple\") to list");
    assert_int_equal(K(obj_binop(vm, BINOP_MULTIPLY, S("a"), val_float(2.0))), VAL_ERROR);
    assert_string_equal(take_message(T_TYPE_ERROR), "can't multiply sequence by non-int of type 'float'");
    Value huge = K(int_binop(vm, BINOP_POWER, val_int(10), val_int(400)));
    assert_int_equal(K(obj_binop(vm, BINOP_ADD, huge, val_float(1.0))), VAL_ERROR);
    assert_string_equal(take_message(T_OVERFLOW_ERROR), "int too large to convert to float");
}

static void test_unary(void **state) {
    (void)state;
    assert_int_equal(obj_unaryop(vm, UNARY_NEGATIVE, VAL_TRUE), val_int(-1));
    assert_int_equal(obj_unaryop(vm, UNARY_INVERT, VAL_TRUE), val_int(-2));
    assert_int_equal(obj_unaryop(vm, UNARY_POSITIVE, VAL_FALSE), val_int(0));
    assert_int_equal(obj_unaryop(vm, UNARY_NEGATIVE, val_float(0.0)), val_float(-0.0));
    assert_int_equal(obj_unaryop(vm, UNARY_NOT, val_obj(vm->empty_str)), VAL_TRUE);
    assert_int_equal(obj_unaryop(vm, UNARY_NEGATIVE, S("a")), VAL_ERROR);
    assert_string_equal(take_message(T_TYPE_ERROR), "bad operand type for unary -: 'str'");
    assert_int_equal(obj_unaryop(vm, UNARY_INVERT, val_float(1.0)), VAL_ERROR);
    assert_string_equal(take_message(T_TYPE_ERROR), "bad operand type for unary ~: 'float'");
}

static const char *F(const char *fmt, Value args) {
    Value r = K(obj_binop(vm, BINOP_REMAINDER, S(fmt), args));
    assert_int_not_equal(r, VAL_ERROR);
    return AS_STR(r)->data;
}

static void test_percent_format(void **state) {
    (void)state;
    assert_string_equal(F("%d items", val_int(3)), "3 items");
    assert_string_equal(F("%5d|%-5d|%05d", val_obj(K(tuple_from(vm, (Value[]){val_int(42), val_int(-7), val_int(-7)}, 3)))),
                        "   42|-7   |-0007");
    assert_string_equal(F("%.2f", val_float(3.14159)), "3.14");
    assert_string_equal(F("%f", val_int(2)), "2.000000");
    assert_string_equal(F("%x %X %#x %o", val_obj(K(tuple_from(vm, (Value[]){val_int(255), val_int(255), val_int(255), val_int(8)}, 4)))),
                        "ff FF 0xff 10");
    assert_string_equal(F("%s and %r", val_obj(K(tuple_from(vm, (Value[]){S("a"), S("b")}, 2)))), "a and 'b'");
    assert_string_equal(F("%-4s|%4s|%.1s", val_obj(K(tuple_from(vm, (Value[]){S("ab"), S("cd"), S("xyz")}, 3)))),
                        "ab  |  cd|x");
    assert_string_equal(F("100%%", val_obj(vm->empty_tuple)), "100%");
    assert_string_equal(F("%d", val_float(3.9)), "3");
    assert_string_equal(F("%+d %e %g", val_obj(K(tuple_from(vm, (Value[]){val_int(5), val_float(12345.678), val_float(0.0001)}, 3)))),
                        "+5 1.234568e+04 0.0001");
    assert_string_equal(F("%s", val_obj(K(tuple_from(vm, (Value[]){VAL_NONE}, 1)))), "None");
    assert_int_equal(K(obj_binop(vm, BINOP_REMAINDER, S("%d %d"), val_int(1))), VAL_ERROR);
    assert_string_equal(take_message(T_TYPE_ERROR), "not enough arguments for format string");
    assert_int_equal(K(obj_binop(vm, BINOP_REMAINDER, S("%d"), val_obj(K(tuple_from(vm, (Value[]){val_int(1), val_int(2)}, 2))))), VAL_ERROR);
    assert_string_equal(take_message(T_TYPE_ERROR), "not all arguments converted during string formatting");
    assert_int_equal(K(obj_binop(vm, BINOP_REMAINDER, S("%d"), S("x"))), VAL_ERROR);
    assert_string_equal(take_message(T_TYPE_ERROR), "%d format: a real number is required, not str");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_int_boxing, reset_roots),
        cmocka_unit_test_teardown(test_float_boxing, reset_roots),
        cmocka_unit_test_teardown(test_specials_and_pointers, reset_roots),
        cmocka_unit_test_teardown(test_repr, reset_roots),
        cmocka_unit_test_teardown(test_truthy, reset_roots),
        cmocka_unit_test_teardown(test_numeric_equality_and_hash, reset_roots),
        cmocka_unit_test_teardown(test_compare, reset_roots),
        cmocka_unit_test_teardown(test_binop, reset_roots),
        cmocka_unit_test_teardown(test_unary, reset_roots),
        cmocka_unit_test_teardown(test_percent_format, reset_roots),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
