/* test_int.c: small/big int arithmetic, parsing, repr and hashing. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>

#include <stdlib.h>

#include "vm.h"

#include "heap_fixture.h"

/* Parse a decimal int (test input is always valid). */
static Value I(const char *s) {
    Value v = K(int_from_str(vm, s, (int64_t)strlen(s), 10));
    assert_int_not_equal(v, VAL_ERROR);
    return v;
}

static const char *S(Value v) {
    assert_int_not_equal(v, VAL_ERROR);
    Str *s = int_repr(vm, v);
    assert_non_null(s);
    return s->data;
}

/* A big value must never be a BigInt when it fits the small range. */
static void assert_normalized(Value v) {
    if (IS_BIGINT(v)) {
        int64_t x;
        assert_false(int_to_i64(v, &x) && int_fits_small(x));
    }
}

static void test_small_boundaries(void **state) {
    (void)state;
    Value max = K(int_from_i64(vm, SMALL_INT_MAX)), min = K(int_from_i64(vm, SMALL_INT_MIN));
    assert_true(val_is_int(max) && val_is_int(min));
    Value up = K(int_binop(vm, BINOP_ADD, max, val_int(1)));
    assert_true(IS_BIGINT(up));
    assert_string_equal(S(up), "140737488355328");
    Value down = K(int_binop(vm, BINOP_SUBTRACT, up, val_int(1)));
    assert_true(val_is_int(down));
    assert_int_equal(val_as_int(down), SMALL_INT_MAX);
    Value below = K(int_binop(vm, BINOP_SUBTRACT, min, val_int(1)));
    assert_true(IS_BIGINT(below));
    assert_string_equal(S(below), "-140737488355329");
    assert_true(val_is_int(K(int_binop(vm, BINOP_ADD, below, val_int(1)))));
    assert_true(IS_BIGINT(K(int_neg(vm, min))));
    assert_string_equal(S(K(int_binop(vm, BINOP_FLOOR_DIVIDE, min, val_int(-1)))), "140737488355328");
}

static void test_i64_boundaries(void **state) {
    (void)state;
    Value max = K(int_from_i64(vm, INT64_MAX)), min = K(int_from_i64(vm, INT64_MIN));
    assert_string_equal(S(max), "9223372036854775807");
    assert_string_equal(S(min), "-9223372036854775808");
    assert_string_equal(S(K(int_binop(vm, BINOP_ADD, max, val_int(1)))), "9223372036854775808");
    assert_string_equal(S(K(int_binop(vm, BINOP_MULTIPLY, min, val_int(-1)))), "9223372036854775808");
    assert_string_equal(S(K(int_from_u64(vm, UINT64_MAX))), "18446744073709551615");
    /* Multiplication overflowing int64 goes to GMP. */
    Value x = K(int_from_i64(vm, 3037000500));
    assert_string_equal(S(K(int_binop(vm, BINOP_MULTIPLY, x, x))), "9223372037000250000");
    Value p = K(int_binop(vm, BINOP_MULTIPLY, val_int(140737488355327), val_int(140737488355327)));
    assert_string_equal(S(p), "19807040628565802923409276929");
    /* Shrinking back. */
    Value q = K(int_binop(vm, BINOP_FLOOR_DIVIDE, p, val_int(140737488355327)));
    assert_true(val_is_int(q));
    assert_int_equal(val_as_int(q), 140737488355327);
    int64_t out;
    assert_true(int_to_i64(max, &out) && out == INT64_MAX);
    assert_false(int_to_i64(K(int_binop(vm, BINOP_ADD, max, val_int(1))), &out));
}

static const struct {
    const char *a, *b, *floordiv, *mod;
} divmod_cases[] = {
    {"7", "2", "3", "1"},
    {"7", "-2", "-4", "-1"},
    {"7", "18446744073709551617", "0", "7"},
    {"7", "-18446744073709551617", "-1", "-18446744073709551610"},
    {"-7", "2", "-4", "1"},
    {"-7", "-2", "3", "-1"},
    {"-7", "18446744073709551617", "-1", "18446744073709551610"},
    {"-7", "-18446744073709551617", "0", "-7"},
    {"140737488355331", "2", "70368744177665", "1"},
    {"140737488355331", "-2", "-70368744177666", "-1"},
    {"140737488355331", "-18446744073709551617", "-1", "-18446603336221196286"},
    {"-140737488355331", "2", "-70368744177666", "1"},
    {"-140737488355331", "-2", "70368744177665", "-1"},
    {"-140737488355331", "18446744073709551617", "-1", "18446603336221196286"},
    {"1180591620717411303429", "2", "590295810358705651714", "1"},
    {"1180591620717411303429", "-2", "-590295810358705651715", "-1"},
    {"1180591620717411303429", "18446744073709551617", "63", "18446744073709551558"},
    {"1180591620717411303429", "-18446744073709551617", "-64", "-59"},
    {"-1180591620717411303429", "2", "-590295810358705651715", "1"},
    {"-1180591620717411303429", "-2", "590295810358705651714", "-1"},
    {"-1180591620717411303429", "18446744073709551617", "-64", "59"},
    {"-1180591620717411303429", "-18446744073709551617", "63", "-18446744073709551558"},
};

static void test_floordiv_mod_signs(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof divmod_cases / sizeof divmod_cases[0]; i++) {
        Value a = I(divmod_cases[i].a), b = I(divmod_cases[i].b);
        Value q = K(int_binop(vm, BINOP_FLOOR_DIVIDE, a, b));
        Value m = K(int_binop(vm, BINOP_REMAINDER, a, b));
        assert_normalized(q);
        assert_normalized(m);
        assert_string_equal(S(q), divmod_cases[i].floordiv);
        assert_string_equal(S(m), divmod_cases[i].mod);
    }
    assert_int_equal(K(int_binop(vm, BINOP_REMAINDER, val_int(5), val_int(0))), VAL_ERROR);
    assert_string_equal(take_message(T_ZERO_DIVISION_ERROR), "integer modulo by zero");
    assert_int_equal(K(int_binop(vm, BINOP_FLOOR_DIVIDE, I("1180591620717411303429"), VAL_FALSE)), VAL_ERROR);
    assert_string_equal(take_message(T_ZERO_DIVISION_ERROR), "integer division or modulo by zero");
}

static void test_true_divide(void **state) {
    (void)state;
    Value r = K(int_binop(vm, BINOP_TRUE_DIVIDE, val_int(1), val_int(3)));
    assert_true(val_as_float(r) == 1.0 / 3);
    r = K(int_binop(vm, BINOP_TRUE_DIVIDE, K(int_binop(vm, BINOP_POWER, val_int(2), val_int(100))), val_int(3)));
    assert_true(val_as_float(r) == 4.2255020007607644e+29);
    r = K(int_binop(vm, BINOP_TRUE_DIVIDE, I("1000000000000000000000000000001"), I("1000000000000000")));
    assert_true(val_as_float(r) == 1e15);
    r = K(int_binop(vm, BINOP_TRUE_DIVIDE, val_int(0), val_int(-5)));
    assert_true(val_as_float(r) == 0 && signbit(val_as_float(r)));
    assert_int_equal(K(int_binop(vm, BINOP_TRUE_DIVIDE, val_int(1), val_int(0))), VAL_ERROR);
    assert_string_equal(take_message(T_ZERO_DIVISION_ERROR), "division by zero");
    Value huge = K(int_binop(vm, BINOP_POWER, val_int(10), val_int(400)));
    assert_int_equal(K(int_binop(vm, BINOP_TRUE_DIVIDE, huge, val_int(3))), VAL_ERROR);
    assert_string_equal(take_message(T_OVERFLOW_ERROR), "integer division result too large for a float");
    r = K(int_binop(vm, BINOP_TRUE_DIVIDE, huge, K(int_binop(vm, BINOP_MULTIPLY, huge, val_int(4)))));
    assert_true(val_as_float(r) == 0.25);
}

static void test_power(void **state) {
    (void)state;
    assert_string_equal(S(K(int_binop(vm, BINOP_POWER, val_int(3), val_int(100)))),
                        "515377520732011331036461129765621272702107522001");
    assert_string_equal(S(K(int_binop(vm, BINOP_POWER, val_int(-3), val_int(3)))), "-27");
    assert_string_equal(S(K(int_binop(vm, BINOP_POWER, val_int(0), val_int(0)))), "1");
    Value r = K(int_binop(vm, BINOP_POWER, val_int(2), val_int(-2)));
    assert_true(val_is_float(r) && val_as_float(r) == 0.25);
    assert_int_equal(K(int_binop(vm, BINOP_POWER, val_int(0), val_int(-1))), VAL_ERROR);
    assert_string_equal(take_message(T_ZERO_DIVISION_ERROR), "0.0 cannot be raised to a negative power");
    Value big = I("100000000000000000000000000000");
    assert_string_equal(S(K(int_binop(vm, BINOP_POWER, val_int(-1), big))), "1");
    assert_string_equal(S(K(int_binop(vm, BINOP_POWER, val_int(1), big))), "1");
    /* Absurd sizes are a MemoryError, not a crash. */
    assert_int_equal(K(int_binop(vm, BINOP_POWER, val_int(2), big)), VAL_ERROR);
    assert_ptr_equal(vm->exc, vm->memory_error);
    vm->exc = VAL_NULL;
}

static void test_shifts(void **state) {
    (void)state;
    assert_string_equal(S(K(int_binop(vm, BINOP_LSHIFT, val_int(1), val_int(47)))), "140737488355328");
    assert_string_equal(S(K(int_binop(vm, BINOP_LSHIFT, val_int(-1), val_int(47)))), "-140737488355328");
    assert_true(val_is_int(K(int_binop(vm, BINOP_LSHIFT, val_int(-1), val_int(47)))));
    assert_string_equal(S(K(int_binop(vm, BINOP_RSHIFT, val_int(-5), val_int(1)))), "-3");
    assert_string_equal(S(K(int_binop(vm, BINOP_RSHIFT, val_int(-5), val_int(100)))), "-1");
    assert_string_equal(S(K(int_binop(vm, BINOP_RSHIFT, K(int_neg(vm, I("1267650600228229401496703205376"))),
                                     val_int(3)))),
                        "-158456325028528675187087900672");
    assert_string_equal(S(K(int_binop(vm, BINOP_RSHIFT, I("1267650600228229401496703205376"), val_int(99)))), "2");
    assert_int_equal(K(int_binop(vm, BINOP_LSHIFT, val_int(1), val_int(-1))), VAL_ERROR);
    assert_string_equal(take_message(T_VALUE_ERROR), "negative shift count");
    assert_int_equal(K(int_binop(vm, BINOP_RSHIFT, val_int(1), val_int(-1))), VAL_ERROR);
    assert_string_equal(take_message(T_VALUE_ERROR), "negative shift count");
}

static void test_bitwise_negative(void **state) {
    (void)state;
    Value p70 = K(int_binop(vm, BINOP_POWER, val_int(2), val_int(70)));
    assert_string_equal(S(K(int_binop(vm, BINOP_AND, val_int(-1), p70))), "1180591620717411303424");
    assert_string_equal(S(K(int_binop(vm, BINOP_AND, val_int(-12345), val_int(255)))), "199");
    assert_string_equal(S(K(int_binop(vm, BINOP_OR, K(int_neg(vm, p70)), val_int(5)))), "-1180591620717411303419");
    assert_string_equal(S(K(int_binop(vm, BINOP_XOR, K(int_neg(vm, p70)), val_int(-1)))), "1180591620717411303423");
    assert_string_equal(S(K(int_invert(vm, p70))), "-1180591620717411303425");
    assert_string_equal(S(K(int_invert(vm, val_int(0)))), "-1");
    assert_int_equal(K(int_binop(vm, BINOP_AND, VAL_TRUE, VAL_FALSE)), VAL_FALSE);
    assert_int_equal(K(int_binop(vm, BINOP_OR, VAL_TRUE, VAL_FALSE)), VAL_TRUE);
    assert_int_equal(K(int_binop(vm, BINOP_ADD, VAL_TRUE, val_int(1))), val_int(2));
}

static void test_from_str_forms(void **state) {
    (void)state;
    struct { const char *s; int base; const char *out; } ok[] = {
        {"0x_1f", 0, "31"}, {"0b101", 0, "5"}, {"0o17", 0, "15"}, {" -1_000 ", 10, "-1000"},
        {"00000", 0, "0"}, {"0_0", 0, "0"}, {"ff", 16, "255"}, {"0xff", 16, "255"}, {"z", 36, "35"},
        {"123456789012345678901234567890", 10, "123456789012345678901234567890"},
        {"+42", 10, "42"}, {"\t7\n", 10, "7"}, {"-0", 10, "0"},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        assert_string_equal(S(K(int_from_str(vm, ok[i].s, (int64_t)strlen(ok[i].s), ok[i].base))), ok[i].out);
    struct { const char *s; int base; const char *msg; } bad[] = {
        {"abc", 10, "invalid literal for int() with base 10: 'abc'"},
        {" 12a ", 10, "invalid literal for int() with base 10: ' 12a '"},
        {"", 10, "invalid literal for int() with base 10: ''"},
        {"1__0", 10, "invalid literal for int() with base 10: '1__0'"},
        {"_1", 10, "invalid literal for int() with base 10: '_1'"},
        {"1_", 10, "invalid literal for int() with base 10: '1_'"},
        {"012", 0, "invalid literal for int() with base 0: '012'"},
        {"0x", 0, "invalid literal for int() with base 0: '0x'"},
        {"1.5", 10, "invalid literal for int() with base 10: '1.5'"},
        {"it's", 10, "invalid literal for int() with base 10: \"it's\""},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(K(int_from_str(vm, bad[i].s, (int64_t)strlen(bad[i].s), bad[i].base)), VAL_ERROR);
        assert_string_equal(take_message(T_VALUE_ERROR), bad[i].msg);
    }
}

static void test_repr_big(void **state) {
    (void)state;
    Value v = K(int_binop(vm, BINOP_POWER, val_int(2), val_int(200)));
    assert_string_equal(S(v), "1606938044258990275541962092341162602522202993782792835301376");
    assert_string_equal(S(K(int_neg(vm, v))), "-1606938044258990275541962092341162602522202993782792835301376");
    /* CPython 3.11's int->str digit limit. */
    Value huge = K(int_binop(vm, BINOP_POWER, val_int(10), val_int(4300)));
    assert_null(K(int_repr(vm, huge)));
    take_message(T_VALUE_ERROR);
    Value ok = K(int_binop(vm, BINOP_SUBTRACT, huge, val_int(1)));
    assert_int_equal(strlen(S(ok)), 4300);
}

static void test_hash(void **state) {
    (void)state;
    assert_int_equal(int_hash(val_int(1)), float_hash(1.0));
    assert_int_equal(int_hash(val_int(-1)), (uint64_t)-2);
    assert_int_equal(int_hash(VAL_TRUE), 1);
    Value p200 = K(int_binop(vm, BINOP_POWER, val_int(2), val_int(200)));
    assert_int_equal(int_hash(p200), 131072);
    assert_int_equal((int64_t)int_hash(K(int_neg(vm, p200))), -131072);
    Value p61 = K(int_binop(vm, BINOP_POWER, val_int(2), val_int(61)));
    assert_int_equal(int_hash(p61), 1);
    assert_int_equal(int_hash(K(int_binop(vm, BINOP_SUBTRACT, p61, val_int(1)))), 0);
    assert_int_equal((int64_t)int_hash(K(int_neg(vm, p61))), -2);
}

static void test_double_conversion(void **state) {
    (void)state;
    bool of;
    assert_true(int_to_double(vm, K(int_binop(vm, BINOP_POWER, val_int(2), val_int(100))), &of) == ldexp(1, 100));
    assert_false(of);
    /* 2^53 + 1 rounds to even; 2^53 + 3 rounds up. */
    Value x = K(int_from_i64(vm, (INT64_C(1) << 53) + 1));
    assert_true(int_to_double(vm, x, &of) == 9007199254740992.0);
    x = K(int_from_i64(vm, (INT64_C(1) << 53) + 3));
    assert_true(int_to_double(vm, x, &of) == 9007199254740996.0);
    int_to_double(vm, K(int_binop(vm, BINOP_POWER, val_int(10), val_int(400))), &of);
    assert_true(of);
    assert_string_equal(take_message(T_OVERFLOW_ERROR), "int too large to convert to float");
    assert_string_equal(S(K(int_from_double(vm, -1e20))), "-100000000000000000000");
    assert_string_equal(S(K(int_from_double(vm, 3.99))), "3");
    assert_int_equal(K(int_from_double(vm, NAN)), VAL_ERROR);
    assert_string_equal(take_message(T_VALUE_ERROR), "cannot convert float NaN to integer");
    assert_int_equal(K(int_from_double(vm, -INFINITY)), VAL_ERROR);
    assert_string_equal(take_message(T_OVERFLOW_ERROR), "cannot convert float infinity to integer");
}

static void test_compare(void **state) {
    (void)state;
    Value big = K(int_binop(vm, BINOP_POWER, val_int(2), val_int(60)));
    assert_int_equal(int_cmp(big, val_int(5)), 1);
    assert_int_equal(int_cmp(K(int_neg(vm, big)), val_int(5)), -1);
    assert_int_equal(int_cmp(VAL_TRUE, val_int(1)), 0);
    assert_int_equal(int_cmp_double(big, ldexp(1, 60)), 0);
    Value big1 = K(int_binop(vm, BINOP_ADD, big, val_int(1)));
    assert_int_equal(int_cmp_double(big1, ldexp(1, 60)), 1);
    assert_int_equal(int_cmp_double(big, ldexp(1, 60) + 256), -1);
    assert_int_equal(int_cmp_double(val_int(3), 3.5), -1);
    assert_int_equal(int_cmp_double(big, INFINITY), -1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_small_boundaries, reset_roots),
        cmocka_unit_test_teardown(test_i64_boundaries, reset_roots),
        cmocka_unit_test_teardown(test_floordiv_mod_signs, reset_roots),
        cmocka_unit_test_teardown(test_true_divide, reset_roots),
        cmocka_unit_test_teardown(test_power, reset_roots),
        cmocka_unit_test_teardown(test_shifts, reset_roots),
        cmocka_unit_test_teardown(test_bitwise_negative, reset_roots),
        cmocka_unit_test_teardown(test_from_str_forms, reset_roots),
        cmocka_unit_test_teardown(test_repr_big, reset_roots),
        cmocka_unit_test_teardown(test_hash, reset_roots),
        cmocka_unit_test_teardown(test_double_conversion, reset_roots),
        cmocka_unit_test_teardown(test_compare, reset_roots),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
