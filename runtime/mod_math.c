/* mod_math.c: the built-in math module.
 *
 * Plain libm calls with CPython's error rules (math_1/math_2 in its
 * mathmodule.c): a NaN result from non-NaN input is "math domain error"
 * (ValueError); an infinite result from finite input is "math range error"
 * (OverflowError) for the functions that can overflow, else a domain error.
 * Integer functions (isqrt, gcd, factorial, comb, perm) use GMP. */
#include <math.h>

#include "builtins.h"

static Value domain_error(VM *vm) { return vm_raise(vm, T_VALUE_ERROR, "math domain error"); }
static Value range_error(VM *vm) { return vm_raise(vm, T_OVERFLOW_ERROR, "math range error"); }

/* A real number argument as a double; -1 with TypeError/OverflowError. */
static int to_double(VM *vm, Value v, double *out) {
    if (val_is_float(v)) {
        *out = val_as_float(v);
        return 0;
    }
    if (val_is_anyint(v)) {
        bool overflow = false;
        *out = int_to_double(vm, v, &overflow);
        if (!overflow) return 0;
        vm_raise(vm, T_OVERFLOW_ERROR, "int too large to convert to float");
        return -1;
    }
    vm_raise(vm, T_TYPE_ERROR, "must be real number, not %s", type_name_of(vm, v));
    return -1;
}

/* An integer argument; -1 with TypeError "'float' object cannot be
 * interpreted as an integer". */
static int to_int(VM *vm, Value v) {
    if (val_is_anyint(v)) return 0;
    vm_raise(vm, T_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
             type_name_of(vm, v));
    return -1;
}

/* ---- one-argument libm functions ---------------------------------------- */

typedef double (*Fn1)(double);

static Value math_1(VM *vm, Value *args, int nargs, Tuple *kwnames, const char *name, Fn1 fn,
                    bool can_overflow) {
    ArgSpec spec = {name, ARGS_METH, 0, 1, 1, 0, NULL};
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    double x;
    if (to_double(vm, args[0], &x) < 0) return VAL_ERROR;
    double r = fn(x);
    if (isnan(r) && !isnan(x)) return domain_error(vm);
    if (isinf(r) && isfinite(x)) return can_overflow ? range_error(vm) : domain_error(vm);
    return val_float(r);
}

static double m_degrees(double x) { return x * (180.0 / M_PI); }
static double m_radians(double x) { return x * (M_PI / 180.0); }

/* Name, libm function, whether an infinite result is an overflow. */
#define MATH_1_LIST(X)                                                         \
    X(sqrt, sqrt, false)                                                       \
    X(exp, exp, true)                                                          \
    X(expm1, expm1, true)                                                      \
    X(log1p, log1p, false)                                                     \
    X(sin, sin, false)                                                         \
    X(cos, cos, false)                                                         \
    X(tan, tan, false)                                                         \
    X(asin, asin, false)                                                       \
    X(acos, acos, false)                                                       \
    X(atan, atan, false)                                                       \
    X(sinh, sinh, true)                                                        \
    X(cosh, cosh, true)                                                        \
    X(tanh, tanh, false)                                                       \
    X(asinh, asinh, false)                                                     \
    X(acosh, acosh, false)                                                     \
    X(atanh, atanh, false)                                                     \
    X(fabs, fabs, false)                                                       \
    X(erf, erf, false)                                                         \
    X(erfc, erfc, false)                                                       \
    X(degrees, m_degrees, true)                                                \
    X(radians, m_radians, false)

#define X(name, fn, ovf)                                                       \
    static Value math_##name(VM *vm, Value *args, int nargs, Tuple *kwnames) { \
        return math_1(vm, args, nargs, kwnames, #name, fn, ovf);               \
    }
MATH_1_LIST(X)
#undef X

/* ---- two-argument functions ------------------------------------------------ */

static int two_doubles(VM *vm, const char *name, Value *args, int nargs, Tuple *kwnames,
                       double *x, double *y) {
    ArgSpec spec = {name, ARGS_POS, 0, 2, 2, 0, NULL};
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return -1;
    if (to_double(vm, args[0], x) < 0 || to_double(vm, args[1], y) < 0) return -1;
    return 0;
}

/* CPython's math_2 rule for a result of finite-or-not inputs. */
static Value math_2_result(VM *vm, double x, double y, double r) {
    if (isnan(r) && !isnan(x) && !isnan(y)) return domain_error(vm);
    if (isinf(r) && isfinite(x) && isfinite(y)) return range_error(vm);
    return val_float(r);
}

static Value math_atan2(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    double x, y;
    if (two_doubles(vm, "atan2", args, nargs, kwnames, &x, &y) < 0) return VAL_ERROR;
    return math_2_result(vm, x, y, atan2(x, y));
}

static Value math_copysign(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    double x, y;
    if (two_doubles(vm, "copysign", args, nargs, kwnames, &x, &y) < 0) return VAL_ERROR;
    return val_float(copysign(x, y));
}

static Value math_fmod(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    double x, y;
    if (two_doubles(vm, "fmod", args, nargs, kwnames, &x, &y) < 0) return VAL_ERROR;
    if (isinf(y) && isfinite(x)) return val_float(x);
    return math_2_result(vm, x, y, fmod(x, y));
}

static Value math_pow(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    double x, y;
    if (two_doubles(vm, "pow", args, nargs, kwnames, &x, &y) < 0) return VAL_ERROR;
    double r = pow(x, y);
    if (isfinite(x) && isfinite(y)) {
        if (isnan(r)) return domain_error(vm);
        if (isinf(r)) return x == 0.0 ? domain_error(vm) : range_error(vm);
    }
    return val_float(r);
}

static Value math_hypot(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "hypot", ARGS_POS, 0, -1);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    double r = 0.0;
    bool inf = false, nan = false;
    for (int i = 0; i < nargs; i++) {
        double x;
        if (to_double(vm, args[i], &x) < 0) return VAL_ERROR;
        inf |= isinf(x) != 0;
        nan |= isnan(x) != 0;
        r = i == 0 ? fabs(x) : hypot(r, x);
    }
    return val_float(inf ? INFINITY : nan ? NAN : r);
}

static Value math_ldexp(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "ldexp", ARGS_POS, 2, 2);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    double x;
    if (to_double(vm, args[0], &x) < 0) return VAL_ERROR;
    if (!val_is_anyint(args[1]))
        return vm_raise(vm, T_TYPE_ERROR, "Expected an int as second argument to ldexp.");
    int64_t e;
    if (!int_to_i64(args[1], &e)) e = int_cmp(args[1], val_int(0)) > 0 ? INT32_MAX : INT32_MIN;
    if (e > INT32_MAX) e = INT32_MAX;
    if (e < INT32_MIN) e = INT32_MIN;
    double r = ldexp(x, (int)e);
    if (isinf(r) && isfinite(x)) return range_error(vm);
    return val_float(r);
}

/* log(x[, base]), also of ints too big for a double (via their exponent). */
static int log_of(VM *vm, Value v, double (*fn)(double), double *out) {
    if (val_is_anyint(v)) {
        if (int_cmp(v, val_int(0)) <= 0) return domain_error(vm), -1;
        bool overflow = false;
        double d = int_to_double(vm, v, &overflow);
        if (overflow) {
            mpz_t z;
            mpz_init(z);
            int_to_mpz(z, v);
            long e;
            double m = mpz_get_d_2exp(&e, z);
            mpz_clear(z);
            *out = fn(m) + (double)e * fn(2.0);
            return 0;
        }
        *out = fn(d);
        return 0;
    }
    double x;
    if (to_double(vm, v, &x) < 0) return -1;
    if (isnan(x) || (isinf(x) && x > 0)) {
        *out = x;
        return 0;
    }
    if (x <= 0.0) return domain_error(vm), -1;
    *out = fn(x);
    return 0;
}

static Value math_log(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "log", ARGS_POS, 1, 2);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    double num, den;
    if (log_of(vm, args[0], log, &num) < 0) return VAL_ERROR;
    if (nargs == 1) return val_float(num);
    if (log_of(vm, args[1], log, &den) < 0) return VAL_ERROR;
    if (den == 0.0) return vm_raise(vm, T_ZERO_DIVISION_ERROR, "float division by zero");
    return val_float(num / den);
}

static Value math_log2(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "log2", ARGS_METH, 1, 1);
    double r;
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0 || log_of(vm, args[0], log2, &r) < 0)
        return VAL_ERROR;
    return val_float(r);
}

static Value math_log10(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "log10", ARGS_METH, 1, 1);
    double r;
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0 || log_of(vm, args[0], log10, &r) < 0)
        return VAL_ERROR;
    return val_float(r);
}

/* ---- float -> int ---------------------------------------------------------- */

static Value to_integral(VM *vm, const char *name, Value *args, int nargs, Tuple *kwnames,
                         double (*fn)(double)) {
    ArgSpec spec = {name, ARGS_METH, 0, 1, 1, 0, NULL};
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    Value v = args[0];
    if (val_is_bool(v)) return val_int(v == VAL_TRUE);
    if (val_is_anyint(v)) return v;
    double x;
    if (to_double(vm, v, &x) < 0) return VAL_ERROR;
    return int_from_double(vm, fn(x));
}

static Value math_floor(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    return to_integral(vm, "floor", args, nargs, kwnames, floor);
}
static Value math_ceil(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    return to_integral(vm, "ceil", args, nargs, kwnames, ceil);
}
static Value math_trunc(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    return to_integral(vm, "trunc", args, nargs, kwnames, trunc);
}

/* ---- predicates and decompositions ------------------------------------------ */

static int one_double(VM *vm, const char *name, Value *args, int nargs, Tuple *kwnames, double *x) {
    ArgSpec spec = {name, ARGS_METH, 0, 1, 1, 0, NULL};
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return -1;
    return to_double(vm, args[0], x);
}

static Value math_isfinite(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    double x;
    if (one_double(vm, "isfinite", args, nargs, kwnames, &x) < 0) return VAL_ERROR;
    return val_bool(isfinite(x));
}
static Value math_isinf(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    double x;
    if (one_double(vm, "isinf", args, nargs, kwnames, &x) < 0) return VAL_ERROR;
    return val_bool(isinf(x));
}
static Value math_isnan(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    double x;
    if (one_double(vm, "isnan", args, nargs, kwnames, &x) < 0) return VAL_ERROR;
    return val_bool(isnan(x));
}

static Value pair(VM *vm, Value a, Value b) {
    Value items[2] = {a, b};
    Tuple *t = tuple_from(vm, items, 2);
    return t ? val_obj(t) : VAL_ERROR;
}

static Value math_modf(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    double x, ip;
    if (one_double(vm, "modf", args, nargs, kwnames, &x) < 0) return VAL_ERROR;
    if (isinf(x)) return pair(vm, val_float(copysign(0.0, x)), val_float(x));
    double fp = modf(x, &ip);
    return pair(vm, val_float(fp), val_float(ip));
}

static Value math_frexp(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    double x;
    if (one_double(vm, "frexp", args, nargs, kwnames, &x) < 0) return VAL_ERROR;
    int e = 0;
    double m = isfinite(x) && x != 0.0 ? frexp(x, &e) : x;
    return pair(vm, val_float(m), val_int(e));
}

static Value math_isclose(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC_KW(spec, "isclose", ARGS_KW, 2, 2, "a", "b", "rel_tol", "abs_tol");
    Value kw[ARG_MAX_SLOTS];
    if (arg_parse(vm, &spec, args, nargs, kwnames, kw) < 0) return VAL_ERROR;
    double a, b, rel = 1e-09, abs_tol = 0.0;
    if (to_double(vm, kw[0], &a) < 0 || to_double(vm, kw[1], &b) < 0) return VAL_ERROR;
    if (kw[2] != VAL_NULL && to_double(vm, kw[2], &rel) < 0) return VAL_ERROR;
    if (kw[3] != VAL_NULL && to_double(vm, kw[3], &abs_tol) < 0) return VAL_ERROR;
    if (rel < 0.0 || abs_tol < 0.0)
        return vm_raise(vm, T_VALUE_ERROR, "tolerances must be non-negative");
    if (a == b) return VAL_TRUE;
    if (isinf(a) || isinf(b)) return VAL_FALSE;
    double diff = fabs(b - a);
    return val_bool((diff <= fabs(rel * b)) || (diff <= fabs(rel * a)) || diff <= abs_tol);
}

/* ---- integer functions (GMP) ------------------------------------------------ */

static Value math_isqrt(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "isqrt", ARGS_METH, 1, 1);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0 || to_int(vm, args[0]) < 0)
        return VAL_ERROR;
    if (int_cmp(args[0], val_int(0)) < 0)
        return vm_raise(vm, T_VALUE_ERROR, "isqrt() argument must be nonnegative");
    mpz_t z;
    mpz_init(z);
    int_to_mpz(z, args[0]);
    mpz_sqrt(z, z);
    Value r = int_from_mpz(vm, z);
    mpz_clear(z);
    return r;
}

static Value math_gcd(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "gcd", ARGS_POS, 0, -1);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    mpz_t g, x;
    mpz_init(g);
    mpz_init(x);
    for (int i = 0; i < nargs; i++) {
        if (to_int(vm, args[i]) < 0) {
            mpz_clear(g);
            mpz_clear(x);
            return VAL_ERROR;
        }
        int_to_mpz(x, args[i]);
        mpz_gcd(g, g, x);
    }
    Value r = int_from_mpz(vm, g);
    mpz_clear(g);
    mpz_clear(x);
    return r;
}

static Value math_lcm(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "lcm", ARGS_POS, 0, -1);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    mpz_t l, x;
    mpz_init_set_ui(l, 1);
    mpz_init(x);
    for (int i = 0; i < nargs; i++) {
        if (to_int(vm, args[i]) < 0) {
            mpz_clear(l);
            mpz_clear(x);
            return VAL_ERROR;
        }
        int_to_mpz(x, args[i]);
        mpz_lcm(l, l, x);
    }
    Value r = int_from_mpz(vm, l);
    mpz_clear(l);
    mpz_clear(x);
    return r;
}

/* A non-negative int argument that fits an unsigned long; -1 raised. */
static int small_nonneg(VM *vm, Value v, const char *negmsg, unsigned long *out) {
    if (to_int(vm, v) < 0) return -1;
    int64_t i;
    if (!int_to_i64(v, &i) || i > (int64_t)LONG_MAX) {
        if (int_cmp(v, val_int(0)) < 0) return vm_raise(vm, T_VALUE_ERROR, "%s", negmsg), -1;
        vm_raise(vm, T_OVERFLOW_ERROR, "Python int too large to convert to C long");
        return -1;
    }
    if (i < 0) return vm_raise(vm, T_VALUE_ERROR, "%s", negmsg), -1;
    *out = (unsigned long)i;
    return 0;
}

static Value math_factorial(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "factorial", ARGS_METH, 1, 1);
    unsigned long n;
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0 ||
        small_nonneg(vm, args[0], "factorial() not defined for negative values", &n) < 0)
        return VAL_ERROR;
    mpz_t z;
    mpz_init(z);
    mpz_fac_ui(z, n);
    Value r = int_from_mpz(vm, z);
    mpz_clear(z);
    return r;
}

/* comb(n, k) and perm(n, k): n!/(k!(n-k)!) and n!/(n-k)!. */
static Value comb_perm(VM *vm, Value *args, int nargs, Tuple *kwnames, bool perm) {
    ArgSpec spec = {perm ? "perm" : "comb", ARGS_POS, 0, perm ? 1 : 2, 2, 0, NULL};
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    unsigned long n, k;
    if (small_nonneg(vm, args[0], "n must be a non-negative integer", &n) < 0) return VAL_ERROR;
    if (nargs < 2 || args[1] == VAL_NONE) k = n;
    else if (small_nonneg(vm, args[1], "k must be a non-negative integer", &k) < 0) return VAL_ERROR;
    if (k > n) return val_int(0);
    mpz_t z, f;
    mpz_init(z);
    mpz_bin_uiui(z, n, k);
    if (perm) {
        mpz_init(f);
        mpz_fac_ui(f, k);
        mpz_mul(z, z, f);
        mpz_clear(f);
    }
    Value r = int_from_mpz(vm, z);
    mpz_clear(z);
    return r;
}

static Value math_comb(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    return comb_perm(vm, args, nargs, kwnames, false);
}
static Value math_perm(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    return comb_perm(vm, args, nargs, kwnames, true);
}

/* prod(iterable, *, start=1): multiplies with the `*` operator. */
static Value math_prod(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC_KW(spec, "prod", ARGS_KW, 1, 1, NULL, "start");
    Value kw[ARG_MAX_SLOTS];
    if (arg_parse(vm, &spec, args, nargs, kwnames, kw) < 0) return VAL_ERROR;
    Value it = obj_iter(vm, args[0]);
    if (it == VAL_ERROR) return VAL_ERROR;
    gc_push_root(vm, it);
    Value acc = kw[1] != VAL_NULL ? kw[1] : val_int(1);
    for (;;) {
        gc_push_root(vm, acc);
        Value x = iter_next(vm, it);
        if (x == VAL_NULL || x == VAL_ERROR) {
            gc_pop_roots(vm, 2);
            return x == VAL_ERROR ? VAL_ERROR : acc;
        }
        acc = obj_binop(vm, BINOP_MULTIPLY, acc, x);
        gc_pop_roots(vm, 1);
        if (acc == VAL_ERROR) break;
    }
    gc_pop_roots(vm, 1);
    return VAL_ERROR;
}

int mod_math_init(VM *vm, ModuleObj *m) {
    static const struct {
        const char *name;
        NativeFn fn;
    } fns[] = {
#define X(name, fn, ovf) {#name, math_##name},
        MATH_1_LIST(X)
#undef X
        {"atan2", math_atan2},       {"copysign", math_copysign}, {"fmod", math_fmod},
        {"pow", math_pow},           {"hypot", math_hypot},       {"ldexp", math_ldexp},
        {"log", math_log},           {"log2", math_log2},         {"log10", math_log10},
        {"floor", math_floor},       {"ceil", math_ceil},         {"trunc", math_trunc},
        {"isfinite", math_isfinite}, {"isinf", math_isinf},       {"isnan", math_isnan},
        {"modf", math_modf},         {"frexp", math_frexp},       {"isclose", math_isclose},
        {"isqrt", math_isqrt},       {"gcd", math_gcd},           {"lcm", math_lcm},
        {"factorial", math_factorial}, {"comb", math_comb},       {"perm", math_perm},
        {"prod", math_prod},
    };
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
        if (module_add_fn(vm, m, fns[i].name, fns[i].fn) < 0) return -1;
    static const struct {
        const char *name;
        double value;
    } consts[] = {
        {"pi", M_PI}, {"e", M_E}, {"tau", 2.0 * M_PI}, {"inf", INFINITY}, {"nan", NAN},
    };
    for (size_t i = 0; i < sizeof consts / sizeof consts[0]; i++)
        if (module_add_value(vm, m, consts[i].name, val_float(consts[i].value)) < 0) return -1;
    return 0;
}
