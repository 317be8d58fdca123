/* test_float.c: float repr, arithmetic, hashing and parsing. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>

#include "vm.h"

#include "heap_fixture.h"

/* The message of the pending exception (args[0]), clearing it. */
static const char *repr(double d) {
    static char buf[32];
    float_repr_buf(d, buf);
    return buf;
}

/* Expected strings from CPython 3.11's repr(). */
static const struct {
    double d;
    const char *s;
} repr_cases[] = {
    {1.0, "1.0"},
    {0.1, "0.1"},
    {1e16, "1e+16"},
    {1e-05, "1e-05"},
    {123456789012345.6, "123456789012345.6"},
    {1.2345678901234568e+16, "1.2345678901234568e+16"},
    {INFINITY, "inf"},
    {-INFINITY, "-inf"},
    {NAN, "nan"},
    {-0.0, "-0.0"},
    {5e-324, "5e-324"},
    {0.0, "0.0"},
    {2.5, "2.5"},
    {1.0 / 3, "0.3333333333333333"},
    {2.0 / 3, "0.6666666666666666"},
    {100.0, "100.0"},
    {1e15, "1000000000000000.0"},
    {9999999999999998.0, "9999999999999998.0"},
    {1e22, "1e+22"},
    {1.7976931348623157e308, "1.7976931348623157e+308"},
    {2.2250738585072014e-308, "2.2250738585072014e-308"},
    {0.0001, "0.0001"},
    {0.00001, "1e-05"},
    {0.001234, "0.001234"},
    {-1.5, "-1.5"},
    {3.141592653589793, "3.141592653589793"},
    {2.718281828459045, "2.718281828459045"},
    {1e100, "1e+100"},
    {1.5e-10, "1.5e-10"},
    {123.456, "123.456"},
    {0.3, "0.3"},
    {0.1 + 0.2, "0.30000000000000004"},
    {12345678.9, "12345678.9"},
    {4.35, "4.35"},
    {1.5e16, "1.5e+16"},
    {1.4142135623730951, "1.4142135623730951"},
    {100000000000000.0, "100000000000000.0"},
    {10000000000000000.0, "1e+16"},
    {-123456789.125, "-123456789.125"},
    {6.02214076e23, "6.02214076e+23"},
    {1.1, "1.1"},
    {7e-7, "7e-07"},
    {255.0 / 256, "0.99609375"},
    {0.5, "0.5"},
    {1.5e-323, "1.5e-323"},
    {-1e-300, "-1e-300"},
    {1234.5e-9, "1.2345e-06"},
};

static void test_repr_table(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof repr_cases / sizeof repr_cases[0]; i++)
        assert_string_equal(repr(repr_cases[i].d), repr_cases[i].s);
}

/* Hard cases, expected strings from CPython 3.11's repr(). A power of two
 * has half the gap below that it has above, so its shortest form can be
 * the candidate one unit above the correctly rounded one (2**-24: the
 * 16-digit rounding 5.960464477539062e-08 does not read back, ...063 does);
 * subnormals have fewer digits; the rest straddle the fast path's limits
 * (integers near 2^53, 15 vs 16 digits, powers of ten, scale 1e22). */
static const struct {
    double d;
    const char *s;
} repr_hard_cases[] = {
    {0x1p-1074, "5e-324"},
    {0x1p-1073, "1e-323"},
    {0x1p-1060, "8.095e-320"},
    {0x1p-1023, "1.1125369292536007e-308"},
    {0x1p-1022, "2.2250738585072014e-308"},
    {0x1p-1017, "7.120236347223045e-307"},
    {0x1p-957, "8.209073602596753e-289"},
    {0x1p-296, "7.854549544476363e-90"},
    {0x1p-97, "6.310887241768095e-30"},
    {0x1p-44, "5.684341886080802e-14"},
    {0x1p-24, "5.960464477539063e-08"},
    {0x1p89, "6.189700196426902e+26"},
    {0x1p149, "7.1362384635298e+44"},
    {0x1p956, "6.090821257125e+287"},
    {0x1p966, "6.237000967296e+290"},
    {0x1p976, "6.386688990511104e+293"},
    {0x1p1023, "8.98846567431158e+307"},
    {0x1.fffffffffffffp1023, "1.7976931348623157e+308"},
    {1e23, "1e+23"},
    {0x1p53, "9007199254740992.0"},
    {9007199254740994.0, "9007199254740994.0"},
    {999999999999999.9, "999999999999999.9"},
    {123456789012345.67, "123456789012345.67"},
    {0.1 + 0.7, "0.7999999999999999"},
    {1e-7, "1e-07"},
    {1.0000000000000002, "1.0000000000000002"},
    {0.9999999999999999, "0.9999999999999999"},
    {1e-8 / 3, "3.3333333333333334e-09"},
    {1e36 / 7, "1.4285714285714287e+35"},
    {1e37 / 7, "1.4285714285714285e+36"},
};

static void test_repr_hard(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof repr_hard_cases / sizeof repr_hard_cases[0]; i++)
        assert_string_equal(repr(repr_hard_cases[i].d), repr_hard_cases[i].s);
}

/* Every double printed shortest must read back exactly. */
static void test_repr_roundtrip(void **state) {
    (void)state;
    uint64_t x = 0x123456789abcdefull;
    for (int i = 0; i < 20000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        double d;
        memcpy(&d, &x, sizeof d);
        if (!isfinite(d)) continue;
        char buf[32];
        int n = float_repr_buf(d, buf);
        assert_true(n < 32);
        assert_true(strtod(buf, NULL) == d);
    }
}

static void test_float_repr_str(void **state) {
    (void)state;
    Str *s = K(float_repr(vm, 0.1));
    assert_non_null(s);
    assert_string_equal(s->data, "0.1");
}

static const struct {
    double a, b;
    const char *floordiv, *mod;
} divmod_cases[] = {
    {7.5, 2.0, "3.0", "1.5"},
    {7.5, -2.0, "-4.0", "-0.5"},
    {7.5, INFINITY, "0.0", "7.5"},
    {7.5, -INFINITY, "-1.0", "-inf"},
    {7.5, 0.1, "74.0", "0.09999999999999959"},
    {-7.5, 2.0, "-4.0", "0.5"},
    {-7.5, -2.0, "3.0", "-1.5"},
    {-7.5, INFINITY, "-1.0", "inf"},
    {-7.5, -INFINITY, "0.0", "-7.5"},
    {-7.5, 0.1, "-75.0", "4.163336342344337e-16"},
    {0.0, 2.0, "0.0", "0.0"},
    {0.0, -2.0, "-0.0", "-0.0"},
    {0.0, INFINITY, "0.0", "0.0"},
    {0.0, -INFINITY, "-0.0", "-0.0"},
    {-0.0, 2.0, "-0.0", "0.0"},
    {-0.0, -2.0, "0.0", "-0.0"},
    {-0.0, INFINITY, "-0.0", "0.0"},
    {-0.0, -INFINITY, "0.0", "-0.0"},
    {1e+300, 2.0, "5e+299", "0.0"},
    {1e+300, -2.0, "-5e+299", "-0.0"},
    {1e+300, -INFINITY, "-1.0", "-inf"},
    {1e+300, 0.1, "1e+301", "0.00011215964963492975"},
    {5.0, -2.0, "-3.0", "-1.0"},
    {-5.0, 2.0, "-3.0", "1.0"},
    {-5.0, 0.1, "-50.0", "2.7755575615628914e-16"},
};

static void test_floordiv_mod_signs(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof divmod_cases / sizeof divmod_cases[0]; i++) {
        Value q = float_binop(vm, BINOP_FLOOR_DIVIDE, divmod_cases[i].a, divmod_cases[i].b);
        Value m = float_binop(vm, BINOP_REMAINDER, divmod_cases[i].a, divmod_cases[i].b);
        assert_true(val_is_float(q) && val_is_float(m));
        assert_string_equal(repr(val_as_float(q)), divmod_cases[i].floordiv);
        assert_string_equal(repr(val_as_float(m)), divmod_cases[i].mod);
    }
}

static void test_division_by_zero(void **state) {
    (void)state;
    assert_int_equal(float_binop(vm, BINOP_TRUE_DIVIDE, 1.0, 0.0), VAL_ERROR);
    assert_string_equal(take_message(T_ZERO_DIVISION_ERROR), "float division by zero");
    assert_int_equal(float_binop(vm, BINOP_FLOOR_DIVIDE, 1.0, -0.0), VAL_ERROR);
    assert_string_equal(take_message(T_ZERO_DIVISION_ERROR), "float floor division by zero");
    assert_int_equal(float_binop(vm, BINOP_REMAINDER, 1.0, 0.0), VAL_ERROR);
    assert_string_equal(take_message(T_ZERO_DIVISION_ERROR), "float modulo");
}

static void test_power(void **state) {
    (void)state;
    assert_string_equal(repr(val_as_float(float_binop(vm, BINOP_POWER, 2.0, 10.0))), "1024.0");
    assert_string_equal(repr(val_as_float(float_binop(vm, BINOP_POWER, 2.0, -1.0))), "0.5");
    assert_string_equal(repr(val_as_float(float_binop(vm, BINOP_POWER, -2.0, 3.0))), "-8.0");
    assert_string_equal(repr(val_as_float(float_binop(vm, BINOP_POWER, 0.0, 0.0))), "1.0");
    assert_string_equal(repr(val_as_float(float_binop(vm, BINOP_POWER, NAN, 0.0))), "1.0");
    assert_string_equal(repr(val_as_float(float_binop(vm, BINOP_POWER, 1.0, NAN))), "1.0");
    assert_string_equal(repr(val_as_float(float_binop(vm, BINOP_POWER, -INFINITY, 3.0))), "-inf");
    assert_string_equal(repr(val_as_float(float_binop(vm, BINOP_POWER, -INFINITY, -3.0))), "-0.0");
    assert_string_equal(repr(val_as_float(float_binop(vm, BINOP_POWER, 0.5, INFINITY))), "0.0");
    assert_int_equal(float_binop(vm, BINOP_POWER, 0.0, -1.0), VAL_ERROR);
    assert_string_equal(take_message(T_ZERO_DIVISION_ERROR), "0.0 cannot be raised to a negative power");
    assert_int_equal(float_binop(vm, BINOP_POWER, 10.0, 400.0), VAL_ERROR);
    assert_string_equal(take_message(T_OVERFLOW_ERROR), "(34, 'Numerical result out of range')");
    assert_int_equal(float_binop(vm, BINOP_POWER, -8.0, 1.0 / 3), VAL_ERROR);
    take_message(T_VALUE_ERROR);
}

static void test_hash_agrees_with_int(void **state) {
    (void)state;
    assert_int_equal(float_hash(1.0), int_hash(val_int(1)));
    assert_int_equal(float_hash(-1.0), (uint64_t)-2);
    assert_int_equal(float_hash(0.0), 0);
    assert_int_equal(float_hash(-0.0), 0);
    assert_int_equal(float_hash(1e15), int_hash(K(int_from_i64(vm, 1000000000000000))));
    assert_int_equal(float_hash(0.5), 1152921504606846976ull);   /* CPython: hash(0.5) */
    assert_int_equal(float_hash(1.5), 1152921504606846977ull);
    assert_int_equal(float_hash(INFINITY), 314159);
    Value big = K(int_binop(vm, BINOP_POWER, val_int(2), val_int(100)));
    assert_int_equal(float_hash(ldexp(1.0, 100)), int_hash(big));
}

static const struct {
    const char *s, *repr;
} parse_ok[] = {
    {"1.5", "1.5"},        {" -2e3 ", "-2000.0"}, {"inf", "inf"},         {"-Infinity", "-inf"},
    {"nan", "nan"},        {"  1e5 ", "100000.0"}, {"1_0.5", "10.5"},     {".5", "0.5"},
    {"5.", "5.0"},         {"1E+05", "100000.0"}, {"+1.25e-2", "0.0125"}, {"1e500", "inf"},
    {"-0", "-0.0"},        {"\t3\n", "3.0"},
};

static const struct {
    const char *s, *msg;
} parse_bad[] = {
    {"abc", "could not convert string to float: 'abc'"},
    {"", "could not convert string to float: ''"},
    {"1__0", "could not convert string to float: '1__0'"},
    {"_1", "could not convert string to float: '_1'"},
    {"1_", "could not convert string to float: '1_'"},
    {"1e", "could not convert string to float: '1e'"},
    {"e5", "could not convert string to float: 'e5'"},
    {".", "could not convert string to float: '.'"},
    {"1.2.3", "could not convert string to float: '1.2.3'"},
    {"0x10", "could not convert string to float: '0x10'"},
    {"1 2", "could not convert string to float: '1 2'"},
    {"in f", "could not convert string to float: 'in f'"},
};

static void test_from_str(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof parse_ok / sizeof parse_ok[0]; i++) {
        Value v = K(float_from_str(vm, parse_ok[i].s, (int64_t)strlen(parse_ok[i].s)));
        assert_true(val_is_float(v));
        assert_string_equal(repr(val_as_float(v)), parse_ok[i].repr);
    }
    for (size_t i = 0; i < sizeof parse_bad / sizeof parse_bad[0]; i++) {
        Value v = K(float_from_str(vm, parse_bad[i].s, (int64_t)strlen(parse_bad[i].s)));
        assert_int_equal(v, VAL_ERROR);
        assert_string_equal(take_message(T_VALUE_ERROR), parse_bad[i].msg);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_repr_table, reset_roots),
        cmocka_unit_test_teardown(test_repr_hard, reset_roots),
        cmocka_unit_test_teardown(test_repr_roundtrip, reset_roots),
        cmocka_unit_test_teardown(test_float_repr_str, reset_roots),
        cmocka_unit_test_teardown(test_floordiv_mod_signs, reset_roots),
        cmocka_unit_test_teardown(test_division_by_zero, reset_roots),
        cmocka_unit_test_teardown(test_power, reset_roots),
        cmocka_unit_test_teardown(test_hash_agrees_with_int, reset_roots),
        cmocka_unit_test_teardown(test_from_str, reset_roots),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
