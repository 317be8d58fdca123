/* int.c: Python ints. Small ones live inline in the Value (48 bits); the
 * rest are BigInts holding a GMP integer. Every result is normalized: one
 * that fits the small range is returned small.
 *
 * GC discipline: operands are read (or copied into local mpz_t temporaries)
 * before the result is allocated, so no operand needs rooting here. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>

#include "vm.h"

#define HASH_BITS 61
#define HASH_MODULUS (((uint64_t)1 << HASH_BITS) - 1)
/* CPython 3.11 refuses decimal conversions of ints longer than this. */
#define MAX_STR_DIGITS 4300

/* ---- conversions between representations -------------------------------- */

static int64_t small_of(Value v) {
    if (v == VAL_TRUE) return 1;
    if (v == VAL_FALSE) return 0;
    return val_as_int(v);
}

static bool is_small(Value v) { return val_is_int(v) || val_is_bool(v); }

/* Copy any int value into an initialized mpz. */
static void to_mpz(mpz_t out, Value v) {
    if (is_small(v)) {
        mpz_set_si(out, (long)small_of(v));
    } else {
        mpz_set(out, AS_BIGINT(v)->z);
    }
}

/* Normalize z into a Value; z is left untouched (the caller clears it). */
static Value from_mpz(VM *vm, const mpz_t z) {
    if (mpz_fits_slong_p(z)) {
        long i = mpz_get_si(z);
        if (int_fits_small(i)) return val_int(i);
    }
    BigInt *b = gc_alloc(vm, sizeof(BigInt), OBJ_BIGINT, vm->types[T_INT]);
    if (!b) return VAL_ERROR;
    mpz_init_set(b->z, z);
    gc_account(vm, mpz_size(b->z) * sizeof(mp_limb_t));
    return val_obj(b);
}

/* from_mpz, then clear z: the common tail of every big operation. */
static Value take_mpz(VM *vm, mpz_t z) {
    Value r = from_mpz(vm, z);
    mpz_clear(z);
    return r;
}

/* GMP allocates through these. A big int of one or two limbs (64-bit
 * arithmetic that left the small-int range, as in x * 1103515245 % m) is
 * made and dropped often, and malloc and free cost more than its
 * arithmetic: blocks of LIMB_BLOCK bytes wait on a free list. Every block
 * on it came from malloc(LIMB_BLOCK), so a plain free() of one is valid.
 * GMP cannot report failure, so running out aborts, as its own would. */
enum { LIMB_BLOCK = 2 * sizeof(mp_limb_t), LIMB_CACHE_MAX = 4096 };
static void *limb_free_list;
static int limb_cached;

static void *limb_check(void *p) {
    if (!p) {
        fputs("stitch: out of memory in GMP\n", stderr);
        abort();
    }
    return p;
}

static void *limb_malloc(size_t n) { return limb_check(malloc(n)); }

static void *limb_alloc(size_t n) {
    if (n > LIMB_BLOCK) return limb_malloc(n);
    void *p = limb_free_list;
    if (!p) return limb_malloc(LIMB_BLOCK);
    limb_free_list = *(void **)p;
    limb_cached--;
    return p;
}

static void limb_free(void *p, size_t n) {
    if (n > LIMB_BLOCK || limb_cached >= LIMB_CACHE_MAX) {
        free(p);
        return;
    }
    *(void **)p = limb_free_list;
    limb_free_list = p;
    limb_cached++;
}

static void *limb_realloc(void *p, size_t old, size_t n) {
    if (old > LIMB_BLOCK && n > LIMB_BLOCK) {
        return limb_check(realloc(p, n));
    }
    if (old <= LIMB_BLOCK && n <= LIMB_BLOCK) return p;
    void *q = limb_alloc(n);
    memcpy(q, p, old < n ? old : n);
    limb_free(p, old);
    return q;
}

void int_init_allocator(void) {
    mp_set_memory_functions(limb_alloc, limb_realloc, limb_free);
}

Value int_from_i64(VM *vm, int64_t i) {
    if (int_fits_small(i)) return val_int(i);
    BigInt *b = gc_alloc(vm, sizeof(BigInt), OBJ_BIGINT, vm->types[T_INT]);
    if (!b) return VAL_ERROR;
    mpz_init_set_si(b->z, (long)i);
    gc_account(vm, mpz_size(b->z) * sizeof(mp_limb_t));
    return val_obj(b);
}

Value int_from_u64(VM *vm, uint64_t u) {
    if (u <= (uint64_t)SMALL_INT_MAX) return val_int((int64_t)u);
    mpz_t z;
    mpz_init_set_ui(z, (unsigned long)u);
    return take_mpz(vm, z);
}

Value int_from_double(VM *vm, double d) {
    if (isnan(d)) return vm_raise(vm, T_VALUE_ERROR, "cannot convert float NaN to integer");
    if (isinf(d)) return vm_raise(vm, T_OVERFLOW_ERROR, "cannot convert float infinity to integer");
    d = trunc(d);
    if (fabs(d) < 9007199254740992.0 && int_fits_small((int64_t)d)) return val_int((int64_t)d);
    mpz_t z;
    mpz_init_set_d(z, d);
    return take_mpz(vm, z);
}

bool int_to_i64(Value v, int64_t *out) {
    if (is_small(v)) {
        *out = small_of(v);
        return true;
    }
    if (!mpz_fits_slong_p(AS_BIGINT(v)->z)) return false;
    *out = mpz_get_si(AS_BIGINT(v)->z);
    return true;
}

/* |z| rounded half-even to a double, times 2^0; *overflow when too big. */
static double mpz_to_double(const mpz_t z, bool *overflow) {
    size_t bits = mpz_sizeinbase(z, 2);
    *overflow = false;
    if (bits <= 53) return mpz_get_d(z);
    /* Keep at most 55 significant bits plus a sticky bit so the final
     * uint64 -> double conversion (round-half-even in hardware) rounds
     * correctly. */
    size_t shift = bits > 55 ? bits - 55 : 0;
    mpz_t q;
    mpz_init(q);
    mpz_tdiv_q_2exp(q, z, shift);
    mpz_abs(q, q);
    uint64_t top = mpz_get_ui(q);
    mpz_clear(q);
    if (mpz_scan1(z, 0) < shift) top |= 1;
    double r = ldexp((double)top, (int)(shift > 2000 ? 2000 : shift));
    if (isinf(r)) {
        *overflow = true;
        return 0.0;
    }
    return mpz_sgn(z) < 0 ? -r : r;
}

double int_to_double(VM *vm, Value v, bool *overflow) {
    if (is_small(v)) {
        *overflow = false;
        return (double)small_of(v);
    }
    double d = mpz_to_double(AS_BIGINT(v)->z, overflow);
    if (*overflow && vm) vm_raise(vm, T_OVERFLOW_ERROR, "int too large to convert to float");
    return d;
}

int int_cmp(Value a, Value b) {
    if (is_small(a) && is_small(b)) {
        int64_t x = small_of(a), y = small_of(b);
        return (x > y) - (x < y);
    }
    int c;
    if (is_small(a)) c = -mpz_cmp_si(AS_BIGINT(b)->z, (long)small_of(a));
    else if (is_small(b)) c = mpz_cmp_si(AS_BIGINT(a)->z, (long)small_of(b));
    else c = mpz_cmp(AS_BIGINT(a)->z, AS_BIGINT(b)->z);
    return (c > 0) - (c < 0);
}

/* Exact comparison of an int with a finite or infinite (not NaN) double. */
int int_cmp_double(Value a, double d) {
    if (isinf(d)) return d > 0 ? -1 : 1;
    if (is_small(a)) {
        /* Small ints are exact as doubles. */
        double x = (double)small_of(a);
        return (x > d) - (x < d);
    }
    double t = trunc(d);
    mpz_t z;
    mpz_init_set_d(z, t);
    int c = mpz_cmp(AS_BIGINT(a)->z, z);
    mpz_clear(z);
    if (c != 0) return (c > 0) - (c < 0);
    /* Equal integer parts: the fraction of d decides. */
    return d > t ? -1 : d < t ? 1 : 0;
}

/* ---- arithmetic --------------------------------------------------------- */

static Value floordiv_mod(VM *vm, BinOp op, Value a, Value b) {
    if (is_small(b) && small_of(b) == 0)
        return vm_raise(vm, T_ZERO_DIVISION_ERROR, op == BINOP_REMAINDER ? "integer modulo by zero"
                                                                      : "integer division or modulo by zero");
    /* Operands that fit 64 bits (big ones too: LCGs overflow the small range
     * briefly) need no GMP; y != 0 here unless b is big. */
    int64_t x, y;
    if (int_to_i64(a, &x) && int_to_i64(b, &y) && y != 0 && !(x == INT64_MIN && y == -1)) {
        int64_t q = x / y, r = x % y;
        if (r != 0 && ((r < 0) != (y < 0))) {
            q -= 1;
            r += y;
        }
        return int_from_i64(vm, op == BINOP_FLOOR_DIVIDE ? q : r);
    }
    mpz_t mx, my;
    mpz_inits(mx, my, NULL);
    to_mpz(mx, a);
    to_mpz(my, b);
    if (op == BINOP_FLOOR_DIVIDE) mpz_fdiv_q(mx, mx, my);
    else mpz_fdiv_r(mx, mx, my);
    mpz_clear(my);
    return take_mpz(vm, mx);
}

/* a / b correctly rounded: scale so the quotient has 55-56 bits, keep a
 * sticky bit for a nonzero remainder, and let the uint64 -> double
 * conversion do the round-half-even. */
static Value true_divide(VM *vm, Value a, Value b) {
    if (is_small(b) && small_of(b) == 0) return vm_raise(vm, T_ZERO_DIVISION_ERROR, "division by zero");
    if (is_small(a) && is_small(b)) return val_float((double)small_of(a) / (double)small_of(b));
    mpz_t x, y, q, r;
    mpz_inits(x, y, q, r, NULL);
    to_mpz(x, a);
    to_mpz(y, b);
    bool neg = (mpz_sgn(x) < 0) != (mpz_sgn(y) < 0);
    mpz_abs(x, x);
    mpz_abs(y, y);
    double result = 0.0;
    long diff = (long)mpz_sizeinbase(x, 2) - (long)mpz_sizeinbase(y, 2);
    bool overflow = diff > 1025;
    if (mpz_sgn(x) != 0 && !overflow && diff > -1080) {
        long sh = 55 - diff;
        if (sh > 0) mpz_mul_2exp(x, x, (mp_bitcnt_t)sh);
        else if (sh < 0) mpz_mul_2exp(y, y, (mp_bitcnt_t)-sh);
        mpz_tdiv_qr(q, r, x, y);
        uint64_t top = mpz_get_ui(q);
        if (mpz_sgn(r) != 0) top |= 1;
        result = ldexp((double)top, (int)-sh);
        overflow = isinf(result);
    }
    mpz_clears(x, y, q, r, NULL);
    if (overflow)
        return vm_raise(vm, T_OVERFLOW_ERROR, "integer division result too large for a float");
    return val_float(neg ? -result : result);
}

/* The Python value of an int as a double for mixed int/float arithmetic. */
static bool as_double(VM *vm, Value v, double *out) {
    bool overflow;
    *out = int_to_double(vm, v, &overflow);
    return !overflow;
}

static Value power(VM *vm, Value a, Value b) {
    bool b_neg = is_small(b) ? small_of(b) < 0 : mpz_sgn(AS_BIGINT(b)->z) < 0;
    if (b_neg) {
        /* CPython: a negative exponent makes it a float power. */
        double x, y;
        if (!as_double(vm, a, &x) || !as_double(vm, b, &y)) return VAL_ERROR;
        return float_binop(vm, BINOP_POWER, x, y);
    }
    if (is_small(a) && is_small(b)) {
        int64_t base = small_of(a), e = small_of(b), r = 1;
        bool overflow = false;
        while (e > 0 && !overflow) {
            if (e & 1) overflow = __builtin_mul_overflow(r, base, &r);
            e >>= 1;
            if (e && __builtin_mul_overflow(base, base, &base)) overflow = true;
        }
        if (!overflow) return int_from_i64(vm, r);
    }
    mpz_t x;
    mpz_init(x);
    to_mpz(x, a);
    int64_t e;
    if (mpz_cmpabs_ui(x, 1) <= 0) {
        /* 0, 1, -1 to any power: no size limit applies. */
        bool odd = is_small(b) ? (small_of(b) & 1) : mpz_odd_p(AS_BIGINT(b)->z);
        bool zero_exp = is_small(b) && small_of(b) == 0;
        long base = mpz_get_si(x);
        mpz_clear(x);
        if (zero_exp) return val_int(1);
        return val_int(base == -1 ? (odd ? -1 : 1) : base);
    }
    double bits = (double)mpz_sizeinbase(x, 2);
    if (!int_to_i64(b, &e) || bits * (double)e / 8.0 > (double)vm->opt.heap_limit) {
        mpz_clear(x);
        return vm_raise_oom(vm);
    }
    mpz_pow_ui(x, x, (unsigned long)e);
    return take_mpz(vm, x);
}

static Value shift(VM *vm, BinOp op, Value a, Value b) {
    bool b_neg = is_small(b) ? small_of(b) < 0 : mpz_sgn(AS_BIGINT(b)->z) < 0;
    if (b_neg) return vm_raise(vm, T_VALUE_ERROR, "negative shift count");
    bool a_zero = is_small(a) && small_of(a) == 0;
    int64_t n;
    if (!int_to_i64(b, &n)) {
        if (a_zero) return val_int(0);
        if (op == BINOP_RSHIFT) {
            bool neg = is_small(a) ? small_of(a) < 0 : mpz_sgn(AS_BIGINT(a)->z) < 0;
            return val_int(neg ? -1 : 0);
        }
        return vm_raise(vm, T_OVERFLOW_ERROR, "too many digits in integer");
    }
    if (is_small(a)) {
        int64_t x = small_of(a);
        if (op == BINOP_RSHIFT) return val_int(n >= 63 ? (x < 0 ? -1 : 0) : x >> n);
        if (n < 16) return int_from_i64(vm, x * ((int64_t)1 << n));
    }
    if (op == BINOP_LSHIFT && !a_zero && (double)n / 8.0 > (double)vm->opt.heap_limit) {
        return vm_raise_oom(vm);
    }
    mpz_t x;
    mpz_init(x);
    to_mpz(x, a);
    if (op == BINOP_LSHIFT) mpz_mul_2exp(x, x, (mp_bitcnt_t)n);
    else mpz_fdiv_q_2exp(x, x, (mp_bitcnt_t)n);
    return take_mpz(vm, x);
}

static Value bitwise(VM *vm, BinOp op, Value a, Value b) {
    if (is_small(a) && is_small(b)) {
        int64_t x = small_of(a), y = small_of(b);
        int64_t r = op == BINOP_AND ? x & y : op == BINOP_OR ? x | y : x ^ y;
        if (val_is_bool(a) && val_is_bool(b)) return val_bool(r != 0);
        return val_int(r);
    }
    mpz_t x, y;
    mpz_inits(x, y, NULL);
    to_mpz(x, a);
    to_mpz(y, b);
    if (op == BINOP_AND) mpz_and(x, x, y);
    else if (op == BINOP_OR) mpz_ior(x, x, y);
    else mpz_xor(x, x, y);
    mpz_clear(y);
    return take_mpz(vm, x);
}

/* +, -, * on at least one big operand (or a small product that overflowed). */
static Value big_arith(VM *vm, BinOp op, Value a, Value b) {
    mpz_t x, y;
    mpz_inits(x, y, NULL);
    to_mpz(x, a);
    to_mpz(y, b);
    if (op == BINOP_MULTIPLY) {
        double bits = (double)mpz_sizeinbase(x, 2) + (double)mpz_sizeinbase(y, 2);
        if (bits / 8.0 > (double)vm->opt.heap_limit) {
            mpz_clears(x, y, NULL);
            return vm_raise_oom(vm);
        }
    }
    if (op == BINOP_ADD) mpz_add(x, x, y);
    else if (op == BINOP_SUBTRACT) mpz_sub(x, x, y);
    else mpz_mul(x, x, y);
    mpz_clear(y);
    return take_mpz(vm, x);
}

Value int_binop(VM *vm, BinOp op, Value a, Value b) {
    /* +, -, * of operands that fit 64 bits, when the result does too, need
     * no GMP (at most the result is a BigInt). */
    int64_t x, y, r;
    bool fits = int_to_i64(a, &x) && int_to_i64(b, &y);
    switch (op) {
    case BINOP_ADD:
        if (fits && !__builtin_add_overflow(x, y, &r)) return int_from_i64(vm, r);
        return big_arith(vm, op, a, b);
    case BINOP_SUBTRACT:
        if (fits && !__builtin_sub_overflow(x, y, &r)) return int_from_i64(vm, r);
        return big_arith(vm, op, a, b);
    case BINOP_MULTIPLY:
        if (fits && !__builtin_mul_overflow(x, y, &r)) return int_from_i64(vm, r);
        return big_arith(vm, op, a, b);
    case BINOP_FLOOR_DIVIDE:
    case BINOP_REMAINDER:
        return floordiv_mod(vm, op, a, b);
    case BINOP_TRUE_DIVIDE:
        return true_divide(vm, a, b);
    case BINOP_POWER:
        return power(vm, a, b);
    case BINOP_LSHIFT:
    case BINOP_RSHIFT:
        return shift(vm, op, a, b);
    case BINOP_AND:
    case BINOP_OR:
    case BINOP_XOR:
        return bitwise(vm, op, a, b);
    default:
        return vm_raise(vm, T_TYPE_ERROR, "unsupported operand type(s) for %s: 'int' and 'int'",
                        binop_symbols[op]);
    }
}

Value int_neg(VM *vm, Value a) {
    if (is_small(a)) return int_from_i64(vm, -small_of(a));
    mpz_t x;
    mpz_init(x);
    mpz_neg(x, AS_BIGINT(a)->z);
    return take_mpz(vm, x);
}

Value int_invert(VM *vm, Value a) {
    if (is_small(a)) return int_from_i64(vm, ~small_of(a));
    mpz_t x;
    mpz_init(x);
    mpz_com(x, AS_BIGINT(a)->z);
    return take_mpz(vm, x);
}

/* ---- text --------------------------------------------------------------- */

static Value digits_limit_error(VM *vm, size_t ndigits) {
    return vm_raise(vm, T_VALUE_ERROR,
                    "Exceeds the limit (%d digits) for integer string conversion: value has %zu "
                    "digits; use sys.set_int_max_str_digits() to increase the limit",
                    MAX_STR_DIGITS, ndigits);
}

int int_format_i64(int64_t x, char *buf) {
    char tmp[24];
    uint64_t u = x < 0 ? -(uint64_t)x : (uint64_t)x;
    int n = 0;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    int len = 0;
    if (x < 0) buf[len++] = '-';
    while (n) buf[len++] = tmp[--n];
    buf[len] = '\0';
    return len;
}

Str *int_repr(VM *vm, Value v) {
    if (is_small(v)) {
        char buf[24];
        int n = int_format_i64(small_of(v), buf);
        return str_new(vm, buf, n);
    }
    const mpz_t *z = &AS_BIGINT(v)->z;
    char *s = NULL;
    size_t n = 0;
    /* sizeinbase may overestimate by one; the string decides. */
    if (mpz_sizeinbase(*z, 10) <= MAX_STR_DIGITS + 1) {
        s = mpz_get_str(NULL, 10, *z);
        n = strlen(s);
    }
    bool too_long = !s || n - (s[0] == '-') > MAX_STR_DIGITS;
    Str *r = too_long ? NULL : str_new(vm, s, (int64_t)n);
    if (s) {
        void (*freefn)(void *, size_t);
        mp_get_memory_functions(NULL, NULL, &freefn);
        freefn(s, n + 1);
    }
    if (too_long)
        vm_raise(vm, T_VALUE_ERROR,
                 "Exceeds the limit (%d digits) for integer string conversion; use "
                 "sys.set_int_max_str_digits() to increase the limit",
                 MAX_STR_DIGITS);
    return r;
}

static int digit_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

static Value bad_literal(VM *vm, const char *s, int64_t len, int base) {
    StrBuf b;
    sb_init(&b);
    str_repr_into(&b, s, len);
    vm_raise(vm, T_VALUE_ERROR, "invalid literal for int() with base %d: %s", base, b.data);
    sb_free(&b);
    return VAL_ERROR;
}

/* Python's int(str, base) grammar: optional whitespace and sign, an optional
 * 0x/0o/0b prefix matching the base (any, for base 0), digits with single
 * underscores between them; base 0 rejects leading zeros in decimals. */
Value int_from_str(VM *vm, const char *s, int64_t len, int base) {
    if (base != 0 && (base < 2 || base > 36))
        return vm_raise(vm, T_VALUE_ERROR, "int() base must be >= 2 and <= 36, or 0");
    int64_t i = 0, end = len;
    while (i < end && isspace((unsigned char)s[i])) i++;
    while (end > i && isspace((unsigned char)s[end - 1])) end--;
    bool neg = false;
    if (i < end && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
    int b = base;
    bool prefixed = false;
    if (end - i >= 2 && s[i] == '0') {
        char p = (char)tolower((unsigned char)s[i + 1]);
        int pb = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
        if (pb && (base == 0 || base == pb)) {
            b = pb;
            i += 2;
            prefixed = true;
        }
    }
    if (b == 0) b = 10;
    /* The common case, a short run of decimal digits: no copy. (Base 0
     * rejects a leading zero unless all are zeros: the general path says
     * so.) */
    if (b == 10 && end > i && end - i <= 18) {
        int64_t x = 0, j = i;
        while (j < end && s[j] >= '0' && s[j] <= '9') x = x * 10 + (s[j++] - '0');
        if (j == end && !(base == 0 && s[i] == '0' && x != 0)) return int_from_i64(vm, neg ? -x : x);
    }
    char *digits = malloc((size_t)(end - i) + 2);
    if (!digits) {
        return vm_raise_oom(vm);
    }
    int64_t n = 0;
    bool ok = i < end, prev_digit = prefixed; /* "0x_1" is valid */
    for (int64_t j = i; j < end && ok; j++) {
        if (s[j] == '_') {
            ok = prev_digit;
            prev_digit = false;
        } else if (digit_value(s[j]) < b) {
            digits[n++] = s[j];
            prev_digit = true;
        } else {
            ok = false;
        }
    }
    ok = ok && n > 0 && prev_digit;
    if (ok && base == 0 && !prefixed && n > 1 && digits[0] == '0')
        for (int64_t j = 0; j < n; j++) ok = ok && digits[j] == '0';
    if (!ok) {
        free(digits);
        return bad_literal(vm, s, len, base);
    }
    digits[n] = '\0';
    if (n <= 12 && b <= 10) {
        int64_t x = strtoll(digits, NULL, b);
        free(digits);
        return val_int(neg ? -x : x);
    }
    if ((b & (b - 1)) != 0 && n > MAX_STR_DIGITS) {
        free(digits);
        return digits_limit_error(vm, (size_t)n);
    }
    mpz_t z;
    mpz_init_set_str(z, digits, b);
    free(digits);
    if (neg) mpz_neg(z, z);
    return take_mpz(vm, z);
}

/* ---- hashing ------------------------------------------------------------ */

/* Python's numeric hash: the value modulo 2^61 - 1, sign kept, -1 -> -2. */
uint64_t int_hash(Value v) {
    int64_t h;
    if (is_small(v)) {
        int64_t x = small_of(v);
        uint64_t m = (uint64_t)(x < 0 ? -x : x) % HASH_MODULUS;
        h = x < 0 ? -(int64_t)m : (int64_t)m;
    } else {
        const mpz_t *z = &AS_BIGINT(v)->z;
        mpz_t m;
        mpz_init(m);
        mpz_abs(m, *z);
        uint64_t r = mpz_fdiv_ui(m, HASH_MODULUS);
        mpz_clear(m);
        h = mpz_sgn(*z) < 0 ? -(int64_t)r : (int64_t)r;
    }
    if (h == -1) h = -2;
    return (uint64_t)h;
}

void int_to_mpz(mpz_t out, Value v) { to_mpz(out, v); }

Value int_from_mpz(VM *vm, const mpz_t z) { return from_mpz(vm, z); }
