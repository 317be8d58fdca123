/* mod_random.c: the built-in random module, producing exactly CPython's
 * stream for an integer seed.
 *
 * The generator is MT19937 seeded as CPython's _randommodule.c does: the
 * absolute value of the seed, split into 32-bit words (least significant
 * first), goes through init_by_array. random() builds 53 bits from two
 * outputs; getrandbits fills 32-bit words least significant first; the
 * integer functions draw through CPython 3.11's _randbelow_with_getrandbits
 * (k = n.bit_length() bits, retried while >= n), and shuffle, choice,
 * randrange and uniform are its random.py algorithms. One generator per VM
 * (vm->random), created on first use. */
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "builtins.h"

#define MT_N 624
#define MT_M 397

struct MtState {
    uint32_t mt[MT_N];
    int mti;
};

static void init_genrand(struct MtState *s, uint32_t seed) {
    s->mt[0] = seed;
    for (int i = 1; i < MT_N; i++)
        s->mt[i] = 1812433253U * (s->mt[i - 1] ^ (s->mt[i - 1] >> 30)) + (uint32_t)i;
    s->mti = MT_N;
}

static void init_by_array(struct MtState *s, const uint32_t *key, size_t len) {
    init_genrand(s, 19650218U);
    uint32_t *mt = s->mt;
    size_t i = 1, j = 0;
    for (size_t k = MT_N > len ? MT_N : len; k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525U)) + key[j] + (uint32_t)j;
        i++, j++;
        if (i >= MT_N) mt[0] = mt[MT_N - 1], i = 1;
        if (j >= len) j = 0;
    }
    for (size_t k = MT_N - 1; k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941U)) - (uint32_t)i;
        i++;
        if (i >= MT_N) mt[0] = mt[MT_N - 1], i = 1;
    }
    mt[0] = 0x80000000U;
}

static uint32_t genrand(struct MtState *s) {
    static const uint32_t mag01[2] = {0x0U, 0x9908b0dfU};
    uint32_t *mt = s->mt, y;
    if (s->mti >= MT_N) {
        int kk;
        for (kk = 0; kk < MT_N - MT_M; kk++) {
            y = (mt[kk] & 0x80000000U) | (mt[kk + 1] & 0x7fffffffU);
            mt[kk] = mt[kk + MT_M] ^ (y >> 1) ^ mag01[y & 1];
        }
        for (; kk < MT_N - 1; kk++) {
            y = (mt[kk] & 0x80000000U) | (mt[kk + 1] & 0x7fffffffU);
            mt[kk] = mt[kk + (MT_M - MT_N)] ^ (y >> 1) ^ mag01[y & 1];
        }
        y = (mt[MT_N - 1] & 0x80000000U) | (mt[0] & 0x7fffffffU);
        mt[MT_N - 1] = mt[MT_M - 1] ^ (y >> 1) ^ mag01[y & 1];
        s->mti = 0;
    }
    y = mt[s->mti++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680U;
    y ^= (y << 15) & 0xefc60000U;
    y ^= y >> 18;
    return y;
}

/* Seed from the clock and the process id (CPython uses urandom; any
 * unpredictable seed will do). */
static void seed_from_time(struct MtState *s) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint32_t key[4] = {(uint32_t)ts.tv_nsec, (uint32_t)ts.tv_sec, (uint32_t)getpid(),
                       (uint32_t)((uint64_t)ts.tv_sec >> 32)};
    init_by_array(s, key, 4);
}

/* The VM's generator; NULL with MemoryError raised. */
static struct MtState *state(VM *vm) {
    if (!vm->random) {
        if (!(vm->random = malloc(sizeof *vm->random))) return vm_raise_oom(vm), NULL;
        seed_from_time(vm->random);
    }
    return vm->random;
}

/* Seed from any int: its absolute value's 32-bit words. */
static void seed_from_int(struct MtState *s, Value v) {
    mpz_t z;
    mpz_init(z);
    int_to_mpz(z, v);
    mpz_abs(z, z);
    size_t n = 0;
    uint32_t *key = mpz_sgn(z) ? mpz_export(NULL, &n, -1, 4, 0, 0, z) : NULL;
    uint32_t zero = 0;
    init_by_array(s, key ? key : &zero, key ? n : 1);
    if (key) {
        void (*free_fn)(void *, size_t);
        mp_get_memory_functions(NULL, NULL, &free_fn);
        free_fn(key, n * 4);
    }
    mpz_clear(z);
}

/* ---- drawing --------------------------------------------------------------- */

static double random_double(struct MtState *s) {
    uint32_t a = genrand(s) >> 5, b = genrand(s) >> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
}

/* getrandbits(k) as CPython fills it: 32-bit words, least significant
 * first, the last one shifted down to the bits still wanted. */
static Value getrandbits(VM *vm, struct MtState *s, uint64_t k) {
    if (k <= 32) return val_int(k == 0 ? 0 : genrand(s) >> (32 - k));
    size_t words = (size_t)((k - 1) / 32 + 1);
    uint32_t *w = malloc(words * sizeof *w);
    if (!w) return vm_raise_oom(vm);
    for (size_t i = 0; i < words; i++, k -= 32) {
        uint32_t r = genrand(s);
        w[i] = k < 32 ? r >> (32 - k) : r;
    }
    mpz_t z;
    mpz_init(z);
    mpz_import(z, words, -1, 4, 0, 0, w);
    free(w);
    Value v = int_from_mpz(vm, z);
    mpz_clear(z);
    return v;
}

static uint64_t bit_length(Value n) {
    int64_t i;
    if (int_to_i64(n, &i)) return i == 0 ? 0 : 64 - (uint64_t)__builtin_clzll((uint64_t)(i < 0 ? -i : i));
    mpz_t z;
    mpz_init(z);
    int_to_mpz(z, n);
    uint64_t b = mpz_sizeinbase(z, 2);
    mpz_clear(z);
    return b;
}

/* _randbelow_with_getrandbits(n), n > 0. */
static Value randbelow(VM *vm, struct MtState *s, Value n) {
    uint64_t k = bit_length(n);
    gc_push_root(vm, n);
    Value r;
    do r = getrandbits(vm, s, k);
    while (r != VAL_ERROR && int_cmp(r, n) >= 0);
    gc_pop_roots(vm, 1);
    return r;
}

static Value randbelow_i64(VM *vm, struct MtState *s, int64_t n) {
    return randbelow(vm, s, val_int(n));
}

/* ---- the module's functions ----------------------------------------------- */

static Value rnd_seed(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC_KW(spec, "seed", ARGS_KW, 0, 2, "a", "version");
    Value kw[ARG_MAX_SLOTS];
    if (arg_parse(vm, &spec, args, nargs, kwnames, kw) < 0) return VAL_ERROR;
    struct MtState *s = state(vm);
    if (!s) return VAL_ERROR;
    Value a = kw[0];
    if (a == VAL_NULL || a == VAL_NONE) {
        seed_from_time(s);
    } else if (val_is_anyint(a)) {
        seed_from_int(s, val_is_bool(a) ? val_int(a == VAL_TRUE) : a);
    } else if (val_is_float(a)) {
        /* CPython seeds from hash(a) for types other than int and str. */
        uint64_t h;
        if (obj_hash(vm, a, &h) < 0) return VAL_ERROR;
        Value hv = int_from_i64(vm, (int64_t)h);
        if (hv == VAL_ERROR) return VAL_ERROR;
        seed_from_int(s, hv);
    } else {
        return vm_raise(vm, T_TYPE_ERROR, "stitch: unsupported: random.seed() of a %s",
                        type_name_of(vm, a));
    }
    return VAL_NONE;
}

static Value rnd_random(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "random", ARGS_METH, 0, 0);
    struct MtState *s;
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0 || !(s = state(vm))) return VAL_ERROR;
    return val_float(random_double(s));
}

static Value rnd_getrandbits(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "getrandbits", ARGS_METH, 1, 1);
    struct MtState *s;
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0 || !(s = state(vm))) return VAL_ERROR;
    int64_t k;
    if (arg_int64(vm, args[0], &k) < 0 && vm->exc != VAL_NULL) return VAL_ERROR;
    if (k < 0) return vm_raise(vm, T_VALUE_ERROR, "number of bits must be non-negative");
    return getrandbits(vm, s, (uint64_t)k);
}

static Value rnd_uniform(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "uniform", ARGS_POS, 2, 2);
    struct MtState *s;
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0 || !(s = state(vm))) return VAL_ERROR;
    /* a + (b - a) * random(), with Python's operators (ints mix in). */
    Value d = obj_binop(vm, BINOP_SUBTRACT, args[1], args[0]);
    if (d == VAL_ERROR) return VAL_ERROR;
    d = obj_binop(vm, BINOP_MULTIPLY, d, val_float(random_double(s)));
    if (d == VAL_ERROR) return VAL_ERROR;
    return obj_binop(vm, BINOP_ADD, args[0], d);
}

static int check_index(VM *vm, Value v) {
    if (val_is_anyint(v)) return 0;
    vm_raise(vm, T_TYPE_ERROR, "'%s' object cannot be interpreted as an integer", type_name_of(vm, v));
    return -1;
}

/* random.py's randrange(start, stop=None, step=1) over Python ints. */
static Value randrange(VM *vm, Value start, Value stop, Value step) {
    struct MtState *s = state(vm);
    if (!s || check_index(vm, start) < 0) return VAL_ERROR;
    if (val_is_bool(start)) start = val_int(start == VAL_TRUE);
    Value zero = val_int(0);
    if (stop == VAL_NULL || stop == VAL_NONE) {
        if (step != VAL_NULL) return vm_raise(vm, T_TYPE_ERROR, "Missing a non-None stop argument");
        if (int_cmp(start, zero) > 0) return randbelow(vm, s, start);
        return vm_raise(vm, T_VALUE_ERROR, "empty range for randrange()");
    }
    if (check_index(vm, stop) < 0) return VAL_ERROR;
    Value width = int_binop(vm, BINOP_SUBTRACT, stop, start);
    if (width == VAL_ERROR) return VAL_ERROR;
    gc_push_root(vm, width);
    Value r = VAL_ERROR, n;
    if (step == VAL_NULL || step == val_int(1)) {
        if (int_cmp(width, zero) > 0) {
            n = randbelow(vm, s, width);
            r = n == VAL_ERROR ? n : int_binop(vm, BINOP_ADD, start, n);
        } else {
            Str *a = int_repr(vm, start);
            gc_push_root(vm, a ? val_obj(a) : VAL_NONE);
            Str *b = a ? int_repr(vm, stop) : NULL;
            gc_push_root(vm, b ? val_obj(b) : VAL_NONE);
            Str *w = b ? int_repr(vm, width) : NULL;
            if (w)
                vm_raise(vm, T_VALUE_ERROR, "empty range for randrange() (%s, %s, %s)", a->data,
                         b->data, w->data);
            gc_pop_roots(vm, 2);
        }
        gc_pop_roots(vm, 1);
        return r;
    }
    if (check_index(vm, step) < 0) goto done;
    int sign = int_cmp(step, zero);
    if (sign == 0) {
        vm_raise(vm, T_VALUE_ERROR, "zero step for randrange()");
        goto done;
    }
    /* n = (width + step -/+ 1) // step */
    n = int_binop(vm, BINOP_ADD, width, step);
    if (n == VAL_ERROR) goto done;
    n = int_binop(vm, BINOP_ADD, n, val_int(sign > 0 ? -1 : 1));
    if (n == VAL_ERROR) goto done;
    n = int_binop(vm, BINOP_FLOOR_DIVIDE, n, step);
    if (n == VAL_ERROR) goto done;
    if (int_cmp(n, zero) <= 0) {
        vm_raise(vm, T_VALUE_ERROR, "empty range for randrange()");
        goto done;
    }
    n = randbelow(vm, s, n);
    if (n == VAL_ERROR) goto done;
    n = int_binop(vm, BINOP_MULTIPLY, step, n);
    if (n == VAL_ERROR) goto done;
    r = int_binop(vm, BINOP_ADD, start, n);
done:
    gc_pop_roots(vm, 1);
    return r;
}

static Value rnd_randrange(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "randrange", ARGS_POS, 1, 3);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    return randrange(vm, args[0], nargs > 1 ? args[1] : VAL_NULL, nargs > 2 ? args[2] : VAL_NULL);
}

static Value rnd_randint(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "randint", ARGS_POS, 2, 2);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0 || check_index(vm, args[1]) < 0)
        return VAL_ERROR;
    Value stop = int_binop(vm, BINOP_ADD, args[1], val_int(1));
    if (stop == VAL_ERROR) return VAL_ERROR;
    gc_push_root(vm, stop);
    Value r = randrange(vm, args[0], stop, VAL_NULL);
    gc_pop_roots(vm, 1);
    return r;
}

static Value rnd_choice(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "choice", ARGS_METH, 1, 1);
    struct MtState *s;
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0 || !(s = state(vm))) return VAL_ERROR;
    int64_t n = obj_len(vm, args[0]);
    if (n < 0) return VAL_ERROR;
    if (n == 0) return vm_raise(vm, T_INDEX_ERROR, "Cannot choose from an empty sequence");
    Value i = randbelow_i64(vm, s, n);
    return i == VAL_ERROR ? i : obj_getitem(vm, args[0], i);
}

static Value rnd_shuffle(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "shuffle", ARGS_POS, 1, 1);
    struct MtState *s;
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0 || !(s = state(vm))) return VAL_ERROR;
    Value x = args[0];
    int64_t n = obj_len(vm, x);
    if (n < 0) return VAL_ERROR;
    for (int64_t i = n - 1; i > 0; i--) {
        Value jv = randbelow_i64(vm, s, i + 1);
        if (jv == VAL_ERROR) return VAL_ERROR;
        int64_t j = val_as_int(jv);
        if (IS_LIST(x) && AS_LIST(x)->len == n) {
            Value *it = AS_LIST(x)->items, t = it[i];
            it[i] = it[j];
            it[j] = t;
            continue;
        }
        Value a = obj_getitem(vm, x, val_int(i));
        if (a == VAL_ERROR) return VAL_ERROR;
        gc_push_root(vm, a);
        Value b = obj_getitem(vm, x, jv);
        int rc = b == VAL_ERROR ? -1 : 0;
        if (rc == 0) {
            gc_push_root(vm, b);
            rc = obj_setitem(vm, x, val_int(i), b);
            if (rc == 0) rc = obj_setitem(vm, x, jv, a);
            gc_pop_roots(vm, 1);
        }
        gc_pop_roots(vm, 1);
        if (rc < 0) return VAL_ERROR;
    }
    return VAL_NONE;
}

int mod_random_init(VM *vm, ModuleObj *m) {
    static const struct {
        const char *name;
        NativeFn fn;
    } fns[] = {
        {"seed", rnd_seed},       {"random", rnd_random},   {"getrandbits", rnd_getrandbits},
        {"uniform", rnd_uniform}, {"randrange", rnd_randrange}, {"randint", rnd_randint},
        {"choice", rnd_choice},   {"shuffle", rnd_shuffle},
    };
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
        if (module_add_fn(vm, m, fns[i].name, fns[i].fn) < 0) return -1;
    return state(vm) ? 0 : -1;
}
