/* str.c: immutable UTF-8 strings, interning, repr, and StrBuf. */
#include <stdlib.h>

#include "vm.h"

static uint64_t load_le(const char *s, int n) {
    uint64_t w = 0;
    memcpy(&w, s, (size_t)n);
    return w;
}

/* Eight bytes per multiply, then a final avalanche (MurmurHash3's fmix64) so
 * that the low bits a table indexes by depend on every byte. 0 is reserved
 * for "not computed". */
uint64_t str_hash_bytes(const char *s, int64_t len) {
    const uint64_t k = 0x9E3779B97F4A7C15ull;
    uint64_t h = (uint64_t)len * k;
    int64_t i = 0;
    for (; i + 8 <= len; i += 8) {
        h = (h ^ load_le(s + i, 8)) * k;
        h ^= h >> 29;
    }
    int rest = (int)(len - i);
    if (rest) {
        uint64_t w = rest >= 4 ? load_le(s + i, 4) | load_le(s + i + rest - 4, 4) << 32
                               : (uint64_t)(unsigned char)s[i] << 16 |
                                     (uint64_t)(unsigned char)s[i + rest / 2] << 8 |
                                     (unsigned char)s[i + rest - 1];
        h = (h ^ w ^ (uint64_t)rest << 56) * k;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    /* hash() of a str is this as a signed int, which CPython never lets be
     * -1. */
    return h == 0 ? 1 : h == UINT64_MAX ? UINT64_MAX - 1 : h;
}

uint64_t str_hash(Str *s) {
    if (!s->hash) s->hash = str_hash_bytes(s->data, s->len);
    return s->hash;
}

bool str_eq(const Str *a, const Str *b) {
    if (a == b) return true;
    if (a->len != b->len) return false;
    if (a->hash && b->hash && a->hash != b->hash) return false;
    return str_same_bytes(a, b);
}

Str *str_alloc(VM *vm, int64_t len) {
    Str *r = gc_alloc(vm, sizeof(Str) + (size_t)len + 1, OBJ_STR, vm->types[T_STR]);
    if (!r) return NULL;
    r->len = len;
    r->data[len] = '\0';
    return r;
}

Str *str_new(VM *vm, const char *s, int64_t len) {
    Str *r = str_alloc(vm, len);
    if (!r) return NULL;
    if (len) memcpy(r->data, s, (size_t)len);
    int64_t n = 0;
    for (int64_t i = 0; i < len; i++) n += ((unsigned char)s[i] & 0xC0) != 0x80;
    r->nchars = n;
    r->ascii = n == len;
    return r;
}

Str *str_from_cstr(VM *vm, const char *s) { return str_new(vm, s, (int64_t)strlen(s)); }

Str *str_intern(VM *vm, const char *s, int64_t len) {
    /* Iterating, indexing and chr() make these constantly (CPython caches
     * them too); vm->chars is filled at start-up, by this function. */
    if (len == 1 && (unsigned char)s[0] < 128 && vm->chars[(unsigned char)s[0]])
        return vm->chars[(unsigned char)s[0]];
    uint64_t h = str_hash_bytes(s, len);
    Str *found = dict_find_str(vm->interned, s, len, h);
    if (found) return found;
    Str *r = str_new(vm, s, len);
    if (!r) return NULL;
    r->hash = h;
    r->interned = 1;
    gc_push_root(vm, val_obj(r));
    int rc = dict_set_str(vm, vm->interned, r, val_obj(r));
    gc_pop_roots(vm, 1);
    return rc < 0 ? NULL : r;
}

Str *str_intern_cstr(VM *vm, const char *s) { return str_intern(vm, s, (int64_t)strlen(s)); }

Str *str_concat(VM *vm, Str *a, Str *b) {
    if (a->len == 0) return b;
    if (b->len == 0) return a;
    /* Both are read after the allocation, so they stay rooted across it. */
    gc_push_root(vm, val_obj(a));
    gc_push_root(vm, val_obj(b));
    Str *r = gc_alloc(vm, sizeof(Str) + (size_t)(a->len + b->len) + 1, OBJ_STR, vm->types[T_STR]);
    gc_pop_roots(vm, 2);
    if (!r) return NULL;
    r->len = a->len + b->len;
    r->nchars = a->nchars + b->nchars;
    r->ascii = a->ascii && b->ascii;
    memcpy(r->data, a->data, (size_t)a->len);
    memcpy(r->data + a->len, b->data, (size_t)b->len);
    r->data[r->len] = '\0';
    return r;
}

Str *str_repeat(VM *vm, Str *s, int64_t n) {
    if (n <= 0 || s->len == 0) return vm->empty_str;
    if (n == 1) return s;
    if (s->len > (int64_t)(vm->opt.heap_limit / (uint64_t)n)) {
        vm_raise_oom(vm);
        return NULL;
    }
    gc_push_root(vm, val_obj(s));
    Str *r = gc_alloc(vm, sizeof(Str) + (size_t)(s->len * n) + 1, OBJ_STR, vm->types[T_STR]);
    gc_pop_roots(vm, 1);
    if (!r) return NULL;
    r->len = s->len * n;
    r->nchars = s->nchars * n;
    r->ascii = s->ascii;
    for (int64_t i = 0; i < n; i++) memcpy(r->data + i * s->len, s->data, (size_t)s->len);
    r->data[r->len] = '\0';
    return r;
}

Str *str_printf(VM *vm, const char *fmt, ...) {
    StrBuf b;
    sb_init(&b);
    va_list ap;
    va_start(ap, fmt);
    sb_vaddf(&b, fmt, ap);
    va_end(ap);
    return sb_finish(vm, &b);
}

/* Length of the UTF-8 sequence starting with byte c (1 for stray bytes). */
static int utf8_len(unsigned char c) {
    if (c >= 0xF0) return 4;
    if (c >= 0xE0) return 3;
    if (c >= 0xC0) return 2;
    return 1;
}

/* Code points that repr() escapes besides the ASCII controls (CPython's
 * non-printable classes: controls, format chars, separators, surrogates,
 * private use), restricted to the common ranges. */
static bool nonprintable_cp(uint32_t cp) {
    return (cp >= 0x80 && cp <= 0xA0) || cp == 0xAD || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F) ||
           (cp >= 0x205F && cp <= 0x2064) || cp == 0x3000 || (cp >= 0xD800 && cp <= 0xF8FF) ||
           cp == 0xFEFF;
}

static uint32_t utf8_decode(const unsigned char *p, int n) {
    if (n == 1) return p[0];
    uint32_t cp = p[0] & (0x7F >> n);
    for (int i = 1; i < n; i++) cp = (cp << 6) | (p[i] & 0x3F);
    return cp;
}

void str_repr_into(StrBuf *b, const char *s, int64_t len) {
    bool has_sq = memchr(s, '\'', (size_t)len) != NULL;
    bool has_dq = memchr(s, '"', (size_t)len) != NULL;
    char q = has_sq && !has_dq ? '"' : '\'';
    sb_addc(b, q);
    for (int64_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            i++;
            if (c == q || c == '\\') {
                sb_addc(b, '\\');
                sb_addc(b, (char)c);
            } else if (c == '\n') {
                sb_adds(b, "\\n");
            } else if (c == '\r') {
                sb_adds(b, "\\r");
            } else if (c == '\t') {
                sb_adds(b, "\\t");
            } else if (c < 0x20 || c == 0x7F) {
                sb_addf(b, "\\x%02x", c);
            } else {
                sb_addc(b, (char)c);
            }
            continue;
        }
        int n = utf8_len(c);
        if (i + n > len) n = (int)(len - i);
        uint32_t cp = utf8_decode((const unsigned char *)s + i, n);
        if (nonprintable_cp(cp)) {
            if (cp <= 0xFF) sb_addf(b, "\\x%02x", cp);
            else sb_addf(b, "\\u%04x", cp);
        } else {
            sb_add(b, s + i, n);
        }
        i += n;
    }
    sb_addc(b, q);
}

Str *str_repr(VM *vm, Str *s) {
    StrBuf b;
    sb_init(&b);
    str_repr_into(&b, s->data, s->len);
    return sb_finish(vm, &b);
}

/* ---- StrBuf ------------------------------------------------------------- */

void sb_init(StrBuf *b) {
    b->data = NULL;
    b->len = b->cap = 0;
}

static void sb_reserve(StrBuf *b, int64_t extra) {
    if (b->len + extra + 1 <= b->cap) return;
    int64_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) cap *= 2;
    char *d = realloc(b->data, (size_t)cap);
    if (!d) {
        fputs("stitch: out of memory (string buffer)\n", stderr);
        abort();
    }
    b->data = d;
    b->cap = cap;
}

void sb_add(StrBuf *b, const char *s, int64_t n) {
    if (n <= 0) return;
    sb_reserve(b, n);
    memcpy(b->data + b->len, s, (size_t)n);
    b->len += n;
    b->data[b->len] = '\0';
}

void sb_addc(StrBuf *b, char c) { sb_add(b, &c, 1); }

void sb_adds(StrBuf *b, const char *s) { sb_add(b, s, (int64_t)strlen(s)); }

void sb_vaddf(StrBuf *b, const char *fmt, va_list ap) {
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n <= 0) return;
    sb_reserve(b, n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += n;
}

void sb_addf(StrBuf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    sb_vaddf(b, fmt, ap);
    va_end(ap);
}

Str *sb_finish(VM *vm, StrBuf *b) {
    Str *s = b->len == 1 && (unsigned char)b->data[0] < 128 ? str_intern(vm, b->data, 1)
                                                              : str_new(vm, b->data ? b->data : "", b->len);
    sb_free(b);
    return s;
}

void sb_free(StrBuf *b) {
    free(b->data);
    sb_init(b);
}
