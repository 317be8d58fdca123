/* format.c: the format-spec mini-language (format(), str.format, and
 * obj_format for f-strings' FORMAT_VALUE), for int, bool, float and str
 * values, and __format__ on instances.
 *
 *   [[fill]align][sign][z][#][0][width][grouping][.precision][type]
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "builtins.h"

typedef struct FormatSpec {
    char fill[4];
    int fill_len;
    bool fill_given;
    char align;          /* '<' '>' '^' '=' or 0 (the type's default) */
    char sign;           /* '+' '-' ' ' or 0 */
    bool z, alt;
    int64_t width;       /* -1: none */
    char grouping;       /* ',' '_' or 0 */
    int64_t precision;   /* -1: none */
    char type;           /* 0: none */
} FormatSpec;

static bool is_align(char c) { return c == '<' || c == '>' || c == '^' || c == '='; }

static int spec_error(VM *vm, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vm_raisev(vm, T_VALUE_ERROR, fmt, ap);
    va_end(ap);
    return -1;
}

static int64_t read_number(const char *s, int64_t *i, int64_t n) {
    int64_t v = -1;
    while (*i < n && s[*i] >= '0' && s[*i] <= '9') {
        v = (v < 0 ? 0 : v) * 10 + (s[*i] - '0');
        if (v > INT32_MAX) v = INT32_MAX;
        (*i)++;
    }
    return v;
}

static int parse_spec(VM *vm, Str *spec, Value v, FormatSpec *f) {
    const char *s = spec->data;
    int64_t n = spec->len, i = 0;
    memset(f, 0, sizeof *f);
    f->fill[0] = ' ';
    f->fill_len = 1;
    f->width = f->precision = -1;
    if (n > 0) {
        int w = utf8_seqlen((unsigned char)s[0]);
        if (w < n && is_align(s[w])) {
            memcpy(f->fill, s, (size_t)w);
            f->fill_len = w;
            f->fill_given = true;
            f->align = s[w];
            i = w + 1;
        } else if (is_align(s[0])) {
            f->align = s[0];
            i = 1;
        }
    }
    if (i < n && (s[i] == '+' || s[i] == '-' || s[i] == ' ')) f->sign = s[i++];
    if (i < n && s[i] == 'z') f->z = true, i++;
    if (i < n && s[i] == '#') f->alt = true, i++;
    if (i < n && s[i] == '0') {
        if (!f->fill_given) {
            f->fill[0] = '0';
            f->fill_len = 1;
            f->fill_given = true;
            if (!f->align) f->align = IS_STR(v) ? '<' : '=';
        }
        i++;
    }
    f->width = read_number(s, &i, n);
    if (i < n && (s[i] == ',' || s[i] == '_')) {
        f->grouping = s[i++];
        if (i < n && (s[i] == ',' || s[i] == '_'))
            return spec_error(vm, "Cannot specify both ',' and '_'.");
    }
    if (i < n && s[i] == '.') {
        i++;
        f->precision = read_number(s, &i, n);
        if (f->precision < 0) return spec_error(vm, "Format specifier missing precision");
    }
    if (n - i > 1)
        return spec_error(vm, "Invalid format specifier '%s' for object of type '%s'", s,
                          type_name_of(vm, v));
    if (i < n) f->type = s[i];
    if (f->grouping && f->type && !strchr("deEfFgG%bxXo", f->type))
        return spec_error(vm, "Cannot specify '%c' with '%c'.", f->grouping, f->type);
    if (f->grouping == ',' && f->type && strchr("bxXo", f->type))
        return spec_error(vm, "Cannot specify ',' with '%c'.", f->type);
    return 0;
}

/* Insert `sep` every `every` digits of the len-byte digit string. */
static void add_grouped(StrBuf *b, const char *digits, int64_t len, char sep, int every) {
    for (int64_t i = 0; i < len; i++) {
        if (sep && i > 0 && (len - i) % every == 0) sb_addc(b, sep);
        sb_addc(b, digits[i]);
    }
}

/* Lay out [prefix][body] in width with the fill and alignment. prefix (sign,
 * 0x) goes before the padding for '=' alignment. */
static Value pad_out(VM *vm, const FormatSpec *f, char dflt_align, const char *prefix,
                     const char *body, int64_t body_len) {
    int64_t chars = (int64_t)strlen(prefix) + utf8_count(body, body_len);
    int64_t pad = f->width > chars ? f->width - chars : 0;
    char align = f->align ? f->align : dflt_align;
    int64_t left = align == '>' || align == '=' ? pad : align == '^' ? pad / 2 : 0;
    StrBuf b;
    sb_init(&b);
    if (align == '=') sb_adds(&b, prefix);
    for (int64_t i = 0; i < left; i++) sb_add(&b, f->fill, f->fill_len);
    if (align != '=') sb_adds(&b, prefix);
    sb_add(&b, body, body_len);
    for (int64_t i = left; i < pad; i++) sb_add(&b, f->fill, f->fill_len);
    Str *s = sb_finish(vm, &b);
    return s ? val_obj(s) : VAL_ERROR;
}

static Value format_str(VM *vm, Str *s, const FormatSpec *f) {
    if (f->type && f->type != 's')
        return spec_error(vm, "Unknown format code '%c' for object of type 'str'", f->type), VAL_ERROR;
    if (f->sign) return spec_error(vm, "Sign not allowed in string format specifier"), VAL_ERROR;
    if (f->alt)
        return spec_error(vm, "Alternate form (#) not allowed in string format specifier"), VAL_ERROR;
    if (f->align == '=')
        return spec_error(vm, "'=' alignment not allowed in string format specifier"), VAL_ERROR;
    if (f->grouping) return spec_error(vm, "Cannot specify '%c' with 's'.", f->grouping), VAL_ERROR;
    int64_t len = s->len;
    if (f->precision >= 0 && f->precision < s->nchars) len = str_byte_offset(s, f->precision);
    return pad_out(vm, f, '<', "", s->data, len);
}

/* Digits with grouping; with '0' fill and '=' alignment the zeros are
 * grouped too, as CPython does ('010,' -> '00,001,234'). */
static Value layout_number(VM *vm, const FormatSpec *f, const char *prefix, const char *digits,
                           int64_t ndigits, const char *tail, int every) {
    StrBuf b;
    sb_init(&b);
    bool zero_fill = f->fill_given && f->fill_len == 1 && f->fill[0] == '0' && f->align == '=';
    int64_t want = f->width - (int64_t)strlen(prefix) - (int64_t)strlen(tail);
    char *padded = NULL;
    if (zero_fill && f->grouping && want > 0) {
        int64_t n = ndigits;
        while (n + (n - 1) / every < want) n++;
        padded = malloc((size_t)n + 1);
        if (!padded) return vm_raise(vm, T_MEMORY_ERROR, "");
        memset(padded, '0', (size_t)(n - ndigits));
        memcpy(padded + n - ndigits, digits, (size_t)ndigits);
        digits = padded;
        ndigits = n;
    }
    add_grouped(&b, digits, ndigits, f->grouping, every);
    free(padded);
    sb_adds(&b, tail);
    Value r = pad_out(vm, f, '>', prefix, b.data ? b.data : "", b.len);
    sb_free(&b);
    return r;
}

static Value format_float(VM *vm, double d, const FormatSpec *f);

static Value format_int(VM *vm, Value v, const FormatSpec *f) {
    char t = f->type ? f->type : 'd';
    if (strchr("eEfFgG%", t)) {
        bool overflow = false;
        double d = int_to_double(vm, v, &overflow);
        return overflow ? VAL_ERROR : format_float(vm, d, f);
    }
    if (!strchr("dnbxXoc", t))
        return spec_error(vm, "Unknown format code '%c' for object of type '%s'", t,
                          type_name_of(vm, v)), VAL_ERROR;
    if (f->precision >= 0)
        return spec_error(vm, "Precision not allowed in integer format specifier"), VAL_ERROR;
    if (f->z)
        return spec_error(vm, "Negative zero coercion (z) not allowed in integer format specifier"),
               VAL_ERROR;
    mpz_t z;
    mpz_init(z);
    if (IS_BIGINT(v)) mpz_set(z, AS_BIGINT(v)->z);
    else mpz_set_si(z, val_is_bool(v) ? v == VAL_TRUE : (long)val_as_int(v));
    if (t == 'c') {
        Value r = VAL_ERROR;
        if (f->sign) spec_error(vm, "Sign not allowed with integer format specifier 'c'");
        else if (f->alt) spec_error(vm, "Alternate form (#) not allowed with integer format specifier 'c'");
        else if (mpz_sgn(z) < 0 || mpz_cmp_ui(z, 0x10FFFF) > 0)
            vm_raise(vm, T_OVERFLOW_ERROR, "%%c arg not in range(0x110000)");
        else {
            char buf[5];
            buf[utf8_encode((uint32_t)mpz_get_ui(z), buf)] = '\0';
            r = pad_out(vm, f, '<', "", buf, (int64_t)strlen(buf));
        }
        mpz_clear(z);
        return r;
    }
    int base = t == 'b' ? 2 : t == 'o' ? 8 : (t == 'x' || t == 'X') ? 16 : 10;
    bool neg = mpz_sgn(z) < 0;
    mpz_abs(z, z);
    char *digits = mpz_get_str(NULL, base, z);
    mpz_clear(z);
    if (t == 'X')
        for (char *p = digits; *p; p++) *p = (char)(*p >= 'a' ? *p - 32 : *p);
    char prefix[8] = "";
    int k = 0;
    if (neg) prefix[k++] = '-';
    else if (f->sign == '+' || f->sign == ' ') prefix[k++] = f->sign;
    if (f->alt && base != 10) {
        prefix[k++] = '0';
        prefix[k++] = t == 'X' ? 'X' : t;
    }
    prefix[k] = '\0';
    Value r = layout_number(vm, f, prefix, digits, (int64_t)strlen(digits), "", base == 10 ? 3 : 4);
    free(digits);
    return r;
}

static Value format_float(VM *vm, double d, const FormatSpec *f) {
    char t = f->type;
    if (t && !strchr("eEfFgGn%", t))
        return spec_error(vm, "Unknown format code '%c' for object of type 'float'", t), VAL_ERROR;
    bool neg = signbit(d) && !isnan(d);
    double x = fabs(d);
    char body[700];
    int64_t p = f->precision;
    if (t == '%') x *= 100.0;
    if (!t && p < 0) {
        float_repr_buf(x, body);
    } else {
        char conv = !t || t == 'n' ? 'g' : t == '%' ? 'f' : t;
        if (p < 0) p = 6;
        if (p > 300) p = 300;
        if (conv == 'g' || conv == 'G') p = p == 0 ? 1 : p;
        char fmt[16];
        snprintf(fmt, sizeof fmt, "%%%s.%d%c", f->alt ? "#" : "", (int)p, conv);
        snprintf(body, sizeof body, fmt, x);
        /* No type: like 'g', but scientific from exponent p - 1 on, and
         * fixed notation keeps at least one digit after the point. */
        if (!t && isfinite(x)) {
            char e[64];
            snprintf(e, sizeof e, "%.*e", (int)p - 1, x);
            if (atoi(strchr(e, 'e') + 1) >= p - 1) {
                char *m = strchr(e, 'e'), *end = m;
                if (memchr(e, '.', (size_t)(m - e))) {
                    while (end[-1] == '0') end--;
                    if (end[-1] == '.') end--;
                }
                memmove(end, m, strlen(m) + 1);
                snprintf(body, sizeof body, "%s", e);
            } else if (!strchr(body, '.') && !strchr(body, 'e')) {
                strcat(body, ".0");
            }
        }
    }
    if (t == '%') strcat(body, "%");
    if (neg && f->z) {
        bool all_zero = true;
        for (char *c = body; *c && *c != 'e' && *c != 'E'; c++)
            if (*c >= '1' && *c <= '9') all_zero = false;
        if (all_zero) neg = false;
    }
    char prefix[2] = {neg ? '-' : (f->sign == '+' || f->sign == ' ') ? f->sign : '\0', '\0'};
    /* Group the integer digits; the rest (fraction, exponent, %) follows. */
    int64_t nint = 0;
    while (body[nint] >= '0' && body[nint] <= '9') nint++;
    char saved = body[nint];
    body[nint] = '\0';
    char tail[700];
    tail[0] = saved;
    snprintf(tail + 1, sizeof tail - 1, "%s", body + nint + 1);
    if (!saved) tail[0] = '\0';
    if (nint == 0) /* inf / nan: no digits to group */
        return pad_out(vm, f, '>', prefix, tail, (int64_t)strlen(tail));
    return layout_number(vm, f, prefix, body, nint, tail, 3);
}

Value obj_format(VM *vm, Value v, Str *spec) {
    if (val_is_kind(v, OBJ_INSTANCE) || val_is_kind(v, OBJ_EXCEPTION)) {
        Str *name = str_intern_cstr(vm, "__format__");
        if (!name) return VAL_ERROR;
        Value sv = val_obj(spec);
        Value r = vm_call_dunder(vm, v, name, &sv, 1);
        if (r != VAL_NULL) {
            if (r != VAL_ERROR && !IS_STR(r))
                return vm_raise(vm, T_TYPE_ERROR, "__format__ must return a str, not %s",
                                type_name_of(vm, r));
            return r;
        }
    }
    if (spec->len == 0) return obj_str(vm, v);
    FormatSpec f;
    bool known = val_is_anyint(v) || val_is_float(v) || IS_STR(v);
    if (!known)
        return vm_raise(vm, T_TYPE_ERROR, "unsupported format string passed to %s.__format__",
                        type_name_of(vm, v));
    if (parse_spec(vm, spec, v, &f) < 0) return VAL_ERROR;
    if (IS_STR(v)) return format_str(vm, AS_STR(v), &f);
    if (val_is_float(v)) return format_float(vm, val_as_float(v), &f);
    return format_int(vm, v, &f);
}

Value bi_format(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "format", ARGS_POS, 1, 2);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    if (nargs == 2 && !IS_STR(args[1]))
        return vm_raise(vm, T_TYPE_ERROR, "format() argument 2 must be str, not %s",
                        type_name_of(vm, args[1]));
    return obj_format(vm, args[0], nargs == 2 ? AS_STR(args[1]) : vm->empty_str);
}

/* ---- str.format ------------------------------------------------------------ */

typedef struct FormatArgs {
    Value *args;       /* positional, after self */
    int nargs;
    Value *kwvals;
    Tuple *kwnames;
    int auto_index;    /* next automatic field number; -1 once manual used */
    bool manual;
    Value mapping;     /* format_map's mapping (names are its keys), else VAL_NULL */
} FormatArgs;

static int render(VM *vm, StrBuf *out, const char *s, int64_t n, FormatArgs *fa, int depth);

/* The object a field name ("0", "name", "x.attr", "d[key]") refers to. */
static Value field_value(VM *vm, const char *s, int64_t n, FormatArgs *fa) {
    int64_t i = 0;
    while (i < n && s[i] != '.' && s[i] != '[') i++;
    Value v;
    if (fa->mapping != VAL_NULL && (i == 0 || (s[0] >= '0' && s[0] <= '9')))
        return vm_raise(vm, T_VALUE_ERROR, "Format string contains positional fields");
    if (fa->mapping != VAL_NULL) {
        Str *key = str_new(vm, s, i);
        if (!key) return VAL_ERROR;
        gc_push_root(vm, val_obj(key));
        v = obj_getitem(vm, fa->mapping, val_obj(key));
        gc_pop_roots(vm, 1);
        if (v == VAL_ERROR) return v;
    } else if (i == 0) {
        if (fa->manual)
            return vm_raise(vm, T_VALUE_ERROR,
                            "cannot switch from manual field specification to automatic field numbering");
        int k = fa->auto_index++;
        if (k >= fa->nargs)
            return vm_raise(vm, T_INDEX_ERROR,
                            "Replacement index %d out of range for positional args tuple", k);
        v = fa->args[k];
    } else if (s[0] >= '0' && s[0] <= '9') {
        if (fa->auto_index > 0)
            return vm_raise(vm, T_VALUE_ERROR,
                            "cannot switch from automatic field numbering to manual field specification");
        fa->manual = true;
        int64_t k = 0;
        for (int64_t j = 0; j < i; j++) k = k * 10 + (s[j] - '0');
        if (k >= fa->nargs)
            return vm_raise(vm, T_INDEX_ERROR,
                            "Replacement index %lld out of range for positional args tuple",
                            (long long)k);
        v = fa->args[k];
    } else {
        v = VAL_NULL;
        for (int64_t j = 0; fa->kwnames && j < fa->kwnames->len; j++) {
            Str *k = AS_STR(fa->kwnames->items[j]);
            if (k->len == i && memcmp(k->data, s, (size_t)i) == 0) v = fa->kwvals[j];
        }
        if (v == VAL_NULL) {
            Str *key = str_new(vm, s, i);
            return key ? raise_with_arg(vm, T_KEY_ERROR, val_obj(key)) : VAL_ERROR;
        }
    }
    while (i < n) {
        int64_t j = i + 1;
        if (s[i] == '.') {
            while (j < n && s[j] != '.' && s[j] != '[') j++;
            Str *name = str_intern(vm, s + i + 1, j - i - 1);
            gc_push_root(vm, v);
            v = name ? obj_getattr(vm, v, name) : VAL_ERROR;
            gc_pop_roots(vm, 1);
            i = j;
        } else {
            while (j < n && s[j] != ']') j++;
            if (j >= n) return vm_raise(vm, T_VALUE_ERROR, "Missing ']' in format string");
            bool digits = j > i + 1;
            for (int64_t k = i + 1; k < j; k++) digits = digits && s[k] >= '0' && s[k] <= '9';
            gc_push_root(vm, v);
            Value key;
            if (digits) {
                key = int_from_str(vm, s + i + 1, j - i - 1, 10);
            } else {
                Str *k = str_new(vm, s + i + 1, j - i - 1);
                key = k ? val_obj(k) : VAL_ERROR;
            }
            gc_push_root(vm, key);
            v = key == VAL_ERROR ? key : obj_getitem(vm, v, key);
            gc_pop_roots(vm, 2);
            i = j + 1;
        }
        if (v == VAL_ERROR) return v;
    }
    return v;
}

/* One replacement field's text between the braces. */
static int render_field(VM *vm, StrBuf *out, const char *s, int64_t n, FormatArgs *fa, int depth) {
    int64_t i = 0;
    while (i < n && s[i] != '!' && s[i] != ':') {
        if (s[i] == '[') while (i < n && s[i] != ']') i++;
        if (i < n) i++;
    }
    Value v = field_value(vm, s, i, fa);
    if (v == VAL_ERROR) return -1;
    gc_push_root(vm, v);
    int rc = 0;
    if (i < n && s[i] == '!') {
        char conv = i + 1 < n ? s[i + 1] : '\0';
        if (conv != 'r' && conv != 's' && conv != 'a') {
            vm_raise(vm, T_VALUE_ERROR, conv ? "Unknown conversion specifier %c"
                                             : "end of string while looking for conversion specifier", conv);
            rc = -1;
        } else if (i + 2 < n && s[i + 2] != ':') {
            vm_raise(vm, T_VALUE_ERROR, "expected ':' after conversion specifier");
            rc = -1;
        } else {
            v = conv == 's' ? obj_str(vm, v) : obj_repr(vm, v);
            gc_pop_roots(vm, 1);
            gc_push_root(vm, v);
            if (v == VAL_ERROR) rc = -1;
        }
        i += 2;
    }
    Str *spec = vm->empty_str;
    if (rc == 0 && i < n && s[i] == ':') {
        StrBuf sb;
        sb_init(&sb);
        rc = render(vm, &sb, s + i + 1, n - i - 1, fa, depth + 1);
        spec = rc == 0 ? sb_finish(vm, &sb) : (sb_free(&sb), NULL);
        if (!spec) rc = -1;
    }
    if (rc == 0) {
        gc_push_root(vm, val_obj(spec));
        Value r = obj_format(vm, v, spec);
        gc_pop_roots(vm, 1);
        if (r == VAL_ERROR) rc = -1;
        else sb_add(out, AS_STR(r)->data, AS_STR(r)->len);
    }
    gc_pop_roots(vm, 1);
    return rc;
}

/* Expand a format string (or a nested format spec) into out. */
static int render(VM *vm, StrBuf *out, const char *s, int64_t n, FormatArgs *fa, int depth) {
    if (depth > 2) return spec_error(vm, "Max string recursion exceeded");
    for (int64_t i = 0; i < n;) {
        char c = s[i];
        if (c == '}') {
            if (i + 1 < n && s[i + 1] == '}') {
                sb_addc(out, '}');
                i += 2;
                continue;
            }
            return spec_error(vm, "Single '}' encountered in format string");
        }
        if (c != '{') {
            sb_addc(out, c);
            i++;
            continue;
        }
        if (i + 1 < n && s[i + 1] == '{') {
            sb_addc(out, '{');
            i += 2;
            continue;
        }
        int64_t j = i + 1, level = 1;
        while (j < n && level > 0) {
            if (s[j] == '{') level++;
            else if (s[j] == '}') level--;
            if (level > 0) j++;
        }
        if (j >= n) {
            if (depth > 0 || i + 1 < n) {
                const char *colon = memchr(s + i, ':', (size_t)(n - i));
                bool in_spec = colon && memchr(colon, '{', (size_t)(s + n - colon));
                return spec_error(vm, in_spec ? "unmatched '{' in format spec"
                                              : "expected '}' before end of string");
            }
            return spec_error(vm, "Single '{' encountered in format string");
        }
        if (render_field(vm, out, s + i + 1, j - i - 1, fa, depth) < 0) return -1;
        i = j + 1;
    }
    return 0;
}

static Value format_with(VM *vm, Str *fmt, FormatArgs *fa);

Value str_format_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_STR, "format", ARGS_POS, 0, -1);
    if (arg_parse(vm, &spec, args, nargs, NULL, NULL) < 0) return VAL_ERROR;
    Str *fmt = AS_STR(args[0]);
    FormatArgs fa = {args + 1, nargs - 1, args + nargs, kwnames, 0, false, VAL_NULL};
    return format_with(vm, fmt, &fa);
}

/* str.format_map(mapping): named fields are mapping[name]. */
Value str_format_map_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_STR, "format_map", ARGS_POS, 1, 1);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    FormatArgs fa = {NULL, 0, NULL, NULL, 0, false, args[1]};
    return format_with(vm, AS_STR(args[0]), &fa);
}

static Value format_with(VM *vm, Str *fmt, FormatArgs *fa) {
    StrBuf b;
    sb_init(&b);
    if (render(vm, &b, fmt->data, fmt->len, fa, 0) < 0) {
        sb_free(&b);
        return VAL_ERROR;
    }
    Str *r = sb_finish(vm, &b);
    return r ? val_obj(r) : VAL_ERROR;
}
