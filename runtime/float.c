/* float.c: Python floats (IEEE doubles stored inline in the Value). */
#include <ctype.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "vm.h"

#define HASH_BITS 61
#define HASH_MODULUS (((uint64_t)1 << HASH_BITS) - 1)
#define HASH_INF 314159

/* The decimal digits of d correctly rounded to prec significant digits
 * (prec chars, no dot) and the exponent of the first one. */
static int rounded_digits(double d, int prec, char *digits) {
    char buf[40];
    snprintf(buf, sizeof buf, "%.*e", prec - 1, d);
    /* buf is "D.DDDDe[+-]XX" or "De[+-]XX". */
    int n = 0;
    char *p = buf;
    for (; *p != 'e'; p++)
        if (*p != '.') digits[n++] = *p;
    return atoi(p + 1);
}

/* The double nearest to 0.digits[0..n) * 10^(exp+1). */
static double digits_value(const char *digits, int n, int exp) {
    char buf[48];
    snprintf(buf, sizeof buf, "%.*se%d", n, digits, exp - n + 1);
    return strtod(buf, NULL);
}

/* Adds one unit in the last of n digits; returns the new exponent (one
 * more when 99..9 carries into 100..0). */
static int digits_next_up(char *digits, int n, int exp) {
    int i = n - 1;
    while (i >= 0 && digits[i] == '9') digits[i--] = '0';
    if (i >= 0) {
        digits[i]++;
        return exp;
    }
    digits[0] = '1';
    return exp + 1;
}

/* The digits of v > 0 less trailing zeros; returns the exponent of the
 * first (the digit count less one). */
static int integer_digits(uint64_t v, char *digits) {
    char tmp[24];
    int n = 0;
    do tmp[n++] = (char)('0' + v % 10);
    while (v /= 10);
    int k = 0;
    while (k < n - 1 && tmp[k] == '0') k++;
    for (int i = 0; i < n - k; i++) digits[i] = tmp[n - 1 - i];
    digits[n - k] = '\0';
    return n - 1;
}

/* Powers of ten exact as doubles. */
static const double pow10_exact[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* The fast path for a normal d whose shortest form has 15 digits or
 * fewer (0.1, 2.5, 123.456): scale d by 10^k into [1e14, 1e15), round to
 * an integer r and check that r * 10^-k reads back as d. With r < 2^53 and
 * 10^k exact that check is one correctly rounded operation (Clinger's fast
 * path for reading decimals), and the scaling errs by well under 0.5, so
 * r is the 15-digit rounding of d. Returns 1 with the digits, 0 if d has
 * no such form (16 or 17 digits are needed), -1 if it cannot tell. */
static int digits_upto15(double d, char *digits, int *exp) {
    int k = 14 - (int)floor(log10(d));
    if (k < -22 || k > 22) return -1;
    double x = k >= 0 ? d * pow10_exact[k] : d / pow10_exact[-k];
    if (x < 1e14 || x >= 1e15) return -1; /* log10 was off by one */
    double r = floor(x + 0.5);
    if ((k >= 0 ? r / pow10_exact[k] : r * pow10_exact[-k]) != d) return 0;
    *exp = integer_digits((uint64_t)r, digits) - k;
    return 1;
}

/* Shortest decimal digits that read back as d (d finite, > 0) and, among
 * the shortest, the nearest to d (David Gay's mode 0, which CPython's repr
 * uses): fills digits (no dot, no trailing zeros) and returns the decimal
 * exponent of the first digit (d = 0.digits * 10^(exp+1)).
 *
 * A normal double has at most one reading-back string of 15 digits or
 * fewer (DBL_DIG), so its 15-digit rounding stripped of zeros is the
 * answer whenever it reads back; only subnormals (less precise) need the
 * search from one digit. At each length the correctly rounded digits are
 * the nearest candidate, and if they do not read back nothing of that
 * length does, unless d is a power of two: its gap to the double below is
 * half the gap above, so the candidate one unit above may read back when
 * the nearest (below) does not (2**-24 is 5.960464477539063e-08). Ties
 * round half to even, in printf as in Gay's code. */
static int shortest_digits(double d, char *digits) {
    if (d < 0x1p53 && d == (double)(uint64_t)d) return integer_digits((uint64_t)d, digits);
    int prec = 1, n = 0, exp = 0, e2;
    if (d >= DBL_MIN) {
        int found = digits_upto15(d, digits, &exp);
        if (found > 0) return exp;
        prec = found == 0 ? 16 : 15;
    }
    bool pow2 = frexp(d, &e2) == 0.5;
    for (; prec <= 17; prec++) {
        n = prec;
        exp = rounded_digits(d, prec, digits);
        double v = digits_value(digits, n, exp);
        if (v == d) break;
        if (pow2 && v < d && prec < 17) {
            char up[24];
            memcpy(up, digits, (size_t)n);
            int upexp = digits_next_up(up, n, exp);
            if (digits_value(up, n, upexp) == d) {
                memcpy(digits, up, (size_t)n);
                exp = upexp;
                break;
            }
        }
    }
    while (n > 1 && digits[n - 1] == '0') n--;
    digits[n] = '\0';
    return exp;
}

/* CPython's repr: shortest round-trip digits, fixed notation for decimal
 * exponents in [-4, 16), otherwise d.ddde+XX. */
int float_repr_buf(double d, char *buf) {
    if (isnan(d)) return sprintf(buf, "nan");
    if (isinf(d)) return sprintf(buf, d > 0 ? "inf" : "-inf");
    char *out = buf;
    if (signbit(d)) {
        *out++ = '-';
        d = -d;
    }
    if (d == 0) return (int)(out - buf) + sprintf(out, "0.0");
    char digits[24];
    int e = shortest_digits(d, digits);
    int n = (int)strlen(digits);
    if (e < -4 || e >= 16) {
        *out++ = digits[0];
        if (n > 1) {
            *out++ = '.';
            memcpy(out, digits + 1, (size_t)n - 1);
            out += n - 1;
        }
        out += sprintf(out, "e%c%02d", e < 0 ? '-' : '+', e < 0 ? -e : e);
    } else if (e < 0) {
        *out++ = '0';
        *out++ = '.';
        for (int i = -1; i > e; i--) *out++ = '0';
        memcpy(out, digits, (size_t)n);
        out += n;
    } else {
        for (int i = 0; i <= e; i++) *out++ = i < n ? digits[i] : '0';
        *out++ = '.';
        if (n > e + 1) {
            memcpy(out, digits + e + 1, (size_t)(n - e - 1));
            out += n - e - 1;
        } else {
            *out++ = '0';
        }
    }
    *out = '\0';
    return (int)(out - buf);
}

Str *float_repr(VM *vm, double d) {
    char buf[32];
    int n = float_repr_buf(d, buf);
    return str_new(vm, buf, n);
}

/* ---- arithmetic --------------------------------------------------------- */

/* CPython's float_divmod: the remainder takes the divisor's sign, the
 * quotient is floored and corrected for rounding. */
static void divmod(double vx, double wx, double *floordiv, double *mod) {
    double m = fmod(vx, wx);
    double div = (vx - m) / wx;
    if (m != 0) {
        if ((wx < 0) != (m < 0)) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = copysign(0.0, wx);
    }
    double fd;
    if (div != 0) {
        fd = floor(div);
        if (div - fd > 0.5) fd += 1.0;
    } else {
        fd = copysign(0.0, vx / wx);
    }
    *floordiv = fd;
    *mod = m;
}

static bool is_odd_integer(double w) { return fmod(fabs(w), 2.0) == 1.0; }

/* CPython's float_pow, special cases first. */
static Value power(VM *vm, double v, double w) {
    if (w == 0) return val_float(1.0);
    if (isnan(v)) return val_float(v == 1.0 ? 1.0 : v);
    if (isnan(w)) return val_float(v == 1.0 ? 1.0 : w);
    if (isinf(w)) {
        double av = fabs(v);
        if (av == 1.0) return val_float(1.0);
        return val_float((w > 0) == (av > 1.0) ? fabs(w) : 0.0);
    }
    if (isinf(v)) {
        bool odd = is_odd_integer(w);
        if (v > 0) return val_float(w > 0 ? v : 0.0);
        return val_float(w > 0 ? (odd ? v : -v) : (odd ? -0.0 : 0.0));
    }
    if (v == 0) {
        if (w < 0)
            return vm_raise(vm, T_ZERO_DIVISION_ERROR, "0.0 cannot be raised to a negative power");
        return val_float(is_odd_integer(w) ? v : 0.0);
    }
    if (v < 0 && w != floor(w))
        /* CPython returns a complex number here; stitch has no complex type. */
        return vm_raise(vm, T_VALUE_ERROR,
                        "negative number cannot be raised to a fractional power "
                        "(complex numbers are not supported)");
    if (v == 1.0) return val_float(1.0);
    double r = pow(v, w);
    if (isinf(r)) return vm_raise(vm, T_OVERFLOW_ERROR, "(34, 'Numerical result out of range')");
    return val_float(r);
}

Value float_binop(VM *vm, BinOp op, double a, double b) {
    double q, m;
    switch (op) {
    case BINOP_ADD:
        return val_float(a + b);
    case BINOP_SUBTRACT:
        return val_float(a - b);
    case BINOP_MULTIPLY:
        return val_float(a * b);
    case BINOP_TRUE_DIVIDE:
        if (b == 0) return vm_raise(vm, T_ZERO_DIVISION_ERROR, "float division by zero");
        return val_float(a / b);
    case BINOP_FLOOR_DIVIDE:
        if (b == 0) return vm_raise(vm, T_ZERO_DIVISION_ERROR, "float floor division by zero");
        divmod(a, b, &q, &m);
        return val_float(q);
    case BINOP_REMAINDER:
        if (b == 0) return vm_raise(vm, T_ZERO_DIVISION_ERROR, "float modulo");
        divmod(a, b, &q, &m);
        return val_float(m);
    case BINOP_POWER:
        return power(vm, a, b);
    default:
        return vm_raise(vm, T_TYPE_ERROR, "unsupported operand type(s) for %s: 'float' and 'float'",
                        binop_symbols[op]);
    }
}

/* ---- hashing ------------------------------------------------------------ */

/* Python's numeric hash (agrees with int_hash on integral values). NaN
 * hashes to 0 (CPython 3.10+ uses the object's identity, which an unboxed
 * float does not have). */
uint64_t float_hash(double v) {
    if (isinf(v)) return v > 0 ? HASH_INF : (uint64_t)-HASH_INF;
    if (isnan(v)) return 0;
    int e;
    double m = frexp(v, &e);
    int sign = 1;
    if (m < 0) {
        sign = -1;
        m = -m;
    }
    uint64_t x = 0;
    while (m) {
        x = ((x << 28) & HASH_MODULUS) | x >> (HASH_BITS - 28);
        m *= 268435456.0;
        e -= 28;
        uint64_t y = (uint64_t)m;
        m -= (double)y;
        x += y;
        if (x >= HASH_MODULUS) x -= HASH_MODULUS;
    }
    e = e >= 0 ? e % HASH_BITS : HASH_BITS - 1 - ((-1 - e) % HASH_BITS);
    x = ((x << e) & HASH_MODULUS) | x >> (HASH_BITS - e);
    int64_t h = (int64_t)x * sign;
    if (h == -1) h = -2;
    return (uint64_t)h;
}

/* ---- parsing ------------------------------------------------------------ */

static bool match_word(const char *s, int64_t n, const char *word) {
    if ((int64_t)strlen(word) != n) return false;
    for (int64_t i = 0; i < n; i++)
        if (tolower((unsigned char)s[i]) != word[i]) return false;
    return true;
}

/* Copy digits [i, end) of s into out (underscores removed); an underscore
 * must sit between two digits. Returns the count, -1 if malformed. */
static int64_t take_digits(const char *s, int64_t *i, int64_t end, char *out) {
    int64_t n = 0;
    while (*i < end) {
        char c = s[*i];
        if (isdigit((unsigned char)c)) {
            out[n++] = c;
        } else if (c == '_' && n > 0 && *i + 1 < end && isdigit((unsigned char)s[*i + 1])) {
            /* skipped */
        } else {
            break;
        }
        (*i)++;
    }
    return n;
}

/* float()'s grammar: [sign] (digits [. [digits]] | . digits) [e [sign] digits]
 * or inf/infinity/nan, surrounded by optional whitespace. */
static bool parse_float(const char *s, int64_t len, double *out) {
    int64_t i = 0, end = len;
    while (i < end && isspace((unsigned char)s[i])) i++;
    while (end > i && isspace((unsigned char)s[end - 1])) end--;
    char *buf = malloc((size_t)(end - i) + 4);
    if (!buf) return false;
    int64_t n = 0;
    bool neg = false;
    if (i < end && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
    bool ok;
    if (match_word(s + i, end - i, "inf") || match_word(s + i, end - i, "infinity")) {
        *out = neg ? -INFINITY : INFINITY;
        ok = true;
    } else if (match_word(s + i, end - i, "nan")) {
        *out = NAN;
        ok = true;
    } else {
        buf[n++] = neg ? '-' : '+';
        int64_t mant = take_digits(s, &i, end, buf + n);
        n += mant;
        if (i < end && s[i] == '.') {
            buf[n++] = '.';
            i++;
            if (i < end && s[i] == '_') goto bad;
            int64_t frac = take_digits(s, &i, end, buf + n);
            n += frac;
            mant += frac;
        }
        if (mant == 0) goto bad;
        if (i < end && (s[i] == 'e' || s[i] == 'E')) {
            buf[n++] = 'e';
            i++;
            if (i < end && (s[i] == '+' || s[i] == '-')) buf[n++] = s[i++];
            int64_t ex = take_digits(s, &i, end, buf + n);
            if (ex == 0) goto bad;
            n += ex;
        }
        if (i != end) goto bad;
        buf[n] = '\0';
        *out = strtod(buf, NULL);
        ok = true;
    }
    free(buf);
    return ok;
bad:
    free(buf);
    return false;
}

Value float_from_str(VM *vm, const char *s, int64_t len) {
    double d;
    if (parse_float(s, len, &d)) return val_float(d);
    StrBuf b;
    sb_init(&b);
    str_repr_into(&b, s, len);
    vm_raise(vm, T_VALUE_ERROR, "could not convert string to float: %s", b.data);
    sb_free(&b);
    return VAL_ERROR;
}
