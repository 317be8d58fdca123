/* builtins.c: the builtins namespace: builtin functions, the constructors
 * of the builtin classes, and the argument checking every native shares. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "builtins.h"

/* ---- argument checking ----------------------------------------------------- */

static const char *plural(int n) { return n == 1 ? "" : "s"; }

static int arg_error(VM *vm, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vm_raisev(vm, T_TYPE_ERROR, fmt, ap);
    va_end(ap);
    return -1;
}

/* The receiver of a method: present and an instance of the method's class. */
static int check_self(VM *vm, const ArgSpec *s, Value *args, int nargs) {
    const char *tname = vm->types[s->self_type - 1]->name->data;
    if (nargs == 0)
        return arg_error(vm, "unbound method %s.%s() needs an argument", tname, s->name);
    if (!obj_isinstance(vm, args[0], vm->types[s->self_type - 1]))
        return arg_error(vm, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object",
                         s->name, tname, type_name_of(vm, args[0]));
    return 0;
}

/* "type.name" for methods, "name" for functions: only built for messages. */
static const char *qualified(VM *vm, const ArgSpec *s, char *buf, size_t size) {
    if (!s->self_type) return s->name;
    snprintf(buf, size, "%s.%s", vm->types[s->self_type - 1]->name->data, s->name);
    return buf;
}

static int check_count(VM *vm, const ArgSpec *s, int n) {
    int min = s->min, max = s->max;
    char buf[96];
    const char *qual;
    switch ((ArgStyle)s->style) {
    case ARGS_METH:
        if (n == min) return 0;
        qual = qualified(vm, s, buf, sizeof buf);
        if (min == 0) return arg_error(vm, "%s() takes no arguments (%d given)", qual, n);
        return arg_error(vm, "%s() takes exactly one argument (%d given)", qual, n);
    case ARGS_POS:
        if (min == max && n != min)
            return arg_error(vm, "%s expected %d argument%s, got %d", s->name, min, plural(min), n);
        if (n < min)
            return arg_error(vm, "%s expected at least %d argument%s, got %d", s->name, min,
                             plural(min), n);
        if (max >= 0 && n > max)
            return arg_error(vm, "%s expected at most %d argument%s, got %d", s->name, max,
                             plural(max), n);
        return 0;
    case ARGS_KW:
        if (max == 0 && n > 0) return arg_error(vm, "%s() takes no positional arguments", s->name);
        if (max >= 0 && n > max)
            return arg_error(vm, "%s() takes at most %d argument%s (%d given)", s->name, max,
                             plural(max), n);
        return 0;
    }
    return 0;
}

/* Required parameters that neither a position nor a keyword filled. */
static int check_required(VM *vm, const ArgSpec *s, int n, const Value *out) {
    if (s->style != ARGS_KW || n >= s->min) return 0;
    for (int i = n; i < s->min; i++) {
        if (out && out[i] != VAL_NULL) continue;
        const char *pname = i < s->nkw ? s->kw[i] : NULL;
        if (pname)
            return arg_error(vm, "%s() missing required argument '%s' (pos %d)", s->name, pname,
                             i + 1);
        return arg_error(vm, "%s() takes at least %d argument%s (%d given)", s->name, s->min,
                         plural(s->min), n);
    }
    return 0;
}

/* arg_parse's general case (builtins.h has the common one inline). */
int arg_parse_slow(VM *vm, const ArgSpec *s, Value *args, int nargs, Tuple *kwnames, Value *out) {
    if (s->self_type) {
        if (check_self(vm, s, args, nargs) < 0) return -1;
        args++;
        nargs--;
    }
    int nkw = kwnames ? (int)kwnames->len : 0;
    if (nkw && s->nkw == 0) {
        char buf[96];
        return arg_error(vm, "%s() takes no keyword arguments",
                         s->style == ARGS_METH ? qualified(vm, s, buf, sizeof buf) : s->name);
    }
    if (check_count(vm, s, nargs) < 0) return -1;
    if (out) {
        int slots = s->max > s->nkw ? s->max : s->nkw;
        for (int i = 0; i < slots && i < ARG_MAX_SLOTS; i++)
            out[i] = s->max >= 0 && i < nargs ? args[i] : VAL_NULL;
    }
    for (int j = 0; j < nkw; j++) {
        const char *k = AS_STR(kwnames->items[j])->data;
        int slot = -1;
        for (int i = 0; i < s->nkw; i++)
            if (s->kw[i] && strcmp(s->kw[i], k) == 0) slot = i;
        if (slot < 0) return arg_error(vm, "'%s' is an invalid keyword argument for %s()", k, s->name);
        if (s->max >= 0 && slot < nargs)
            return arg_error(vm, "argument for %s() given by name ('%s') and position (%d)",
                             s->name, k, slot + 1);
        if (out) out[slot] = args[nargs + j];
    }
    if (check_required(vm, s, nargs, out) < 0) return -1;
    return nargs;
}

int arg_int64(VM *vm, Value v, int64_t *out) {
    if (!val_is_anyint(v)) {
        vm_raise(vm, T_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                 type_name_of(vm, v));
        return -1;
    }
    if (!int_to_i64(v, out)) {
        vm_raise(vm, T_OVERFLOW_ERROR, "Python int too large to convert to C ssize_t");
        return -1;
    }
    return 0;
}

/* ---- sequences ------------------------------------------------------------- */

int seq_extend(VM *vm, List *l, Value src) {
    /* Not for a list subclass: its __iter__ may be overridden. */
    if ((IS_LIST(src) && !val_is_builtin_sub(src)) || IS_TUPLE(src)) {
        int64_t n = IS_LIST(src) ? AS_LIST(src)->len : AS_TUPLE(src)->len;
        if (list_reserve(vm, l, n) < 0) return -1;
        /* After the reservation: it moves src's buffer when src is l. */
        const Value *items = IS_LIST(src) ? AS_LIST(src)->items : AS_TUPLE(src)->items;
        if (n) memmove(l->items + l->len, items, (size_t)n * sizeof(Value));
        l->len += n;
        return 0;
    }
    gc_push_root(vm, val_obj(l));
    Value it = obj_iter(vm, src);
    int rc = it == VAL_ERROR ? -1 : 0;
    if (rc == 0) gc_push_root(vm, it);
    while (rc == 0) {
        Value v = iter_next(vm, it);
        if (v == VAL_NULL) break;
        if (v == VAL_ERROR || list_append(vm, l, v) < 0) rc = -1;
    }
    gc_pop_roots(vm, it == VAL_ERROR ? 1 : 2);
    return rc;
}

List *seq_to_list(VM *vm, Value src) {
    gc_push_root(vm, src);
    List *l = list_new(vm, 0);
    int rc = -1;
    if (l) {
        gc_push_root(vm, val_obj(l));
        rc = seq_extend(vm, l, src);
        gc_pop_roots(vm, 1);
    }
    gc_pop_roots(vm, 1);
    return rc < 0 ? NULL : l;
}

List *seq_to_list_or(VM *vm, Value src, const char *msg) {
    List *l = seq_to_list(vm, src);
    if (!l && exc_matches(vm, vm->exc, val_obj(vm->types[T_TYPE_ERROR]))) {
        vm_take_exc(vm);
        vm_raise(vm, T_TYPE_ERROR, "%s", msg);
    }
    return l;
}

/* a < b for sorting: 1, 0, or -1 on error. */
static int less_than(VM *vm, Value a, Value b) {
    if (val_is_int(a) && val_is_int(b)) return val_as_int(a) < val_as_int(b);
    if (val_is_float(a) && val_is_float(b)) return val_as_float(a) < val_as_float(b);
    if (IS_STR(a) && IS_STR(b)) {
        Str *x = AS_STR(a), *y = AS_STR(b);
        int c = memcmp(x->data, y->data, (size_t)(x->len < y->len ? x->len : y->len));
        return c < 0 || (c == 0 && x->len < y->len);
    }
    Value r = obj_compare(vm, CMP_LT, a, b);
    if (r == VAL_ERROR) return -1;
    return val_is_bool(r) ? r == VAL_TRUE : obj_truthy(vm, r);
}

/* Stable bottom-up merge sort of the index array idx by keys[idx[i]]. */
static int merge_sort(VM *vm, const Value *keys, int64_t *idx, int64_t n) {
    int64_t *tmp = malloc((size_t)n * sizeof *tmp);
    if (!tmp) {
        vm->exc = vm->memory_error;
        return -1;
    }
    for (int64_t w = 1; w < n; w *= 2) {
        for (int64_t lo = 0; lo < n - w; lo += 2 * w) {
            int64_t mid = lo + w, hi = lo + 2 * w < n ? lo + 2 * w : n;
            int64_t i = lo, j = mid, k = 0;
            while (i < mid && j < hi) {
                int lt = less_than(vm, keys[idx[j]], keys[idx[i]]);
                if (lt < 0) {
                    free(tmp);
                    return -1;
                }
                tmp[k++] = lt ? idx[j++] : idx[i++];
            }
            while (i < mid) tmp[k++] = idx[i++];
            while (j < hi) tmp[k++] = idx[j++];
            memcpy(idx + lo, tmp, (size_t)k * sizeof *idx);
        }
    }
    free(tmp);
    return 0;
}

static void reverse_idx(int64_t *idx, int64_t n) {
    for (int64_t i = 0, j = n - 1; i < j; i++, j--) {
        int64_t t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
    }
}

/* Items and keys live in rooted tuples while comparisons (which may run
 * Python code and collect) sort an array of indices; the list itself is
 * emptied meanwhile so that changes to it can be detected, as in CPython. */
int seq_sort(VM *vm, List *l, Value key, bool reverse) {
    int64_t n = l->len;
    if (n == 0) return 0;
    gc_push_root(vm, val_obj(l));
    Tuple *items = tuple_from(vm, l->items, n);
    if (!items) {
        gc_pop_roots(vm, 1);
        return -1;
    }
    gc_push_root(vm, val_obj(items));
    Tuple *keys = items;
    int rc = 0, roots = 2;
    l->len = 0;
    if (key != VAL_NULL && key != VAL_NONE) {
        if ((keys = tuple_new(vm, n))) {
            gc_push_root(vm, val_obj(keys));
            roots++;
            for (int64_t i = 0; i < n && rc == 0; i++) {
                Value k = vm_call(vm, key, &items->items[i], 1, NULL);
                if (k == VAL_ERROR) rc = -1;
                else keys->items[i] = k;
            }
        } else {
            rc = -1;
        }
    }
    int64_t *idx = rc == 0 ? malloc((size_t)n * sizeof *idx) : NULL;
    if (rc == 0 && !idx) {
        vm->exc = vm->memory_error;
        rc = -1;
    }
    if (rc == 0) {
        for (int64_t i = 0; i < n; i++) idx[i] = i;
        if (reverse) reverse_idx(idx, n);
        rc = merge_sort(vm, keys->items, idx, n);
        if (reverse) reverse_idx(idx, n);
    }
    bool modified = l->len != 0;
    Value saved = rc < 0 ? vm_take_exc(vm) : VAL_NULL;
    if (saved != VAL_NULL) gc_push_root(vm, saved), roots++;
    l->len = 0;
    for (int64_t i = 0; i < n; i++)
        if (list_append(vm, l, items->items[idx && rc == 0 ? idx[i] : i]) < 0) break;
    free(idx);
    if (saved != VAL_NULL) {
        vm->exc = saved;
    } else if (modified) {
        vm_raise(vm, T_VALUE_ERROR, "list modified during sort");
        rc = -1;
    }
    gc_pop_roots(vm, roots);
    return rc;
}

/* One element of dict(iterable): a 2-item sequence, checked as CPython does. */
static int dict_add_pair(VM *vm, Dict *d, Value item, int64_t n) {
    Value k, v;
    if ((IS_TUPLE(item) && AS_TUPLE(item)->len == 2)) {
        k = AS_TUPLE(item)->items[0];
        v = AS_TUPLE(item)->items[1];
        return dict_set(vm, d, k, v);
    }
    char msg[96];
    snprintf(msg, sizeof msg,
             "cannot convert dictionary update sequence element #%lld to a sequence", (long long)n);
    List *pair = seq_to_list_or(vm, item, msg);
    if (!pair) return -1;
    if (pair->len != 2) {
        vm_raise(vm, T_VALUE_ERROR,
                 "dictionary update sequence element #%lld has length %lld; 2 is required",
                 (long long)n, (long long)pair->len);
        return -1;
    }
    gc_push_root(vm, val_obj(pair));
    int rc = dict_set(vm, d, pair->items[0], pair->items[1]);
    gc_pop_roots(vm, 1);
    return rc;
}

/* src's items into d through keys() (the bound method given) and src[k]:
 * CPython's PyDict_Merge of a mapping that is not a dict. */
static int dict_merge_keys(VM *vm, Dict *d, Value src, Value keys_method) {
    gc_push_root(vm, val_obj(d));
    gc_push_root(vm, keys_method);
    Value keys = vm_call(vm, keys_method, NULL, 0, NULL);
    Value it = keys == VAL_ERROR ? VAL_ERROR : obj_iter(vm, keys);
    int rc = it == VAL_ERROR ? -1 : 0;
    if (rc == 0) gc_push_root(vm, it);
    while (rc == 0) {
        Value k = iter_next(vm, it);
        if (k == VAL_NULL) break;
        if (k == VAL_ERROR) {
            rc = -1;
            break;
        }
        gc_push_root(vm, k);
        Value v = obj_getitem(vm, src, k);
        rc = v == VAL_ERROR ? -1 : dict_set(vm, d, k, v);
        gc_pop_roots(vm, 1);
    }
    gc_pop_roots(vm, it == VAL_ERROR ? 2 : 3);
    return rc;
}

/* src.keys as a bound method, VAL_NULL when src has no such attribute, or
 * VAL_ERROR. */
static Value keys_attr(VM *vm, Value src) {
    Value m = obj_getattr(vm, src, vm->names[NAME_KEYS]);
    if (m != VAL_ERROR || !exc_matches(vm, vm->exc, val_obj(vm->types[T_ATTRIBUTE_ERROR]))) return m;
    vm_take_exc(vm);
    return VAL_NULL;
}

int dict_update_mapping(VM *vm, Dict *d, Value src) {
    if (IS_DICT(src)) return dict_update_dict(vm, d, AS_DICT(src));
    Value m = keys_attr(vm, src);
    if (m == VAL_NULL)
        vm_raise(vm, T_TYPE_ERROR, "'%s' object is not a mapping", type_name_of(vm, src));
    if (m == VAL_NULL || m == VAL_ERROR) return -1;
    return dict_merge_keys(vm, d, src, m);
}

int dict_update_from(VM *vm, Dict *d, Value src) {
    if (IS_DICT(src)) return dict_update_dict(vm, d, AS_DICT(src));
    Value m = keys_attr(vm, src);
    if (m == VAL_ERROR) return -1;
    if (m != VAL_NULL) return dict_merge_keys(vm, d, src, m);
    gc_push_root(vm, val_obj(d));
    Value it = obj_iter(vm, src);
    int rc = it == VAL_ERROR ? -1 : 0;
    if (rc == 0) gc_push_root(vm, it);
    for (int64_t n = 0; rc == 0; n++) {
        Value item = iter_next(vm, it);
        if (item == VAL_NULL) break;
        if (item == VAL_ERROR) {
            rc = -1;
            break;
        }
        gc_push_root(vm, item);
        rc = dict_add_pair(vm, d, item, n);
        gc_pop_roots(vm, 1);
    }
    gc_pop_roots(vm, it == VAL_ERROR ? 1 : 2);
    return rc;
}

/* ---- builtin functions ---------------------------------------------------- */

static Value bi_print(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC_KW(spec, "print", ARGS_KW, 0, -1, "sep", "end", "file", "flush");
    Value kw[ARG_MAX_SLOTS];
    if (arg_parse(vm, &spec, args, nargs, kwnames, kw) < 0) return VAL_ERROR;
    const char *names[2] = {"sep", "end"};
    for (int i = 0; i < 2; i++)
        if (kw[i] != VAL_NULL && kw[i] != VAL_NONE && !IS_STR(kw[i]))
            return vm_raise(vm, T_TYPE_ERROR, "%s must be None or a string, not %s", names[i],
                            type_name_of(vm, kw[i]));
    Str *sep = IS_STR(kw[0]) ? AS_STR(kw[0]) : NULL;
    Str *end = IS_STR(kw[1]) ? AS_STR(kw[1]) : NULL;
    StrBuf b;
    sb_init(&b);
    for (int i = 0; i < nargs; i++) {
        if (i > 0) sep ? sb_add(&b, sep->data, sep->len) : sb_addc(&b, ' ');
        Value s = obj_str(vm, args[i]);
        if (s == VAL_ERROR) {
            sb_free(&b);
            return VAL_ERROR;
        }
        sb_add(&b, AS_STR(s)->data, AS_STR(s)->len);
    }
    end ? sb_add(&b, end->data, end->len) : sb_addc(&b, '\n');
    Value file = kw[2];
    if (file == VAL_NULL || file == VAL_NONE) {
        if (b.len) vm_write_out(vm, b.data, (size_t)b.len);
        sb_free(&b);
        return VAL_NONE;
    }
    /* file=: sys.stdout or sys.stderr (mod_sys.c's stream objects). */
    Value r = VAL_NONE;
    if (val_is_kind(file, OBJ_MODULE) && val_type(vm, file) == vm->types[T_TEXTIO])
        (strcmp(AS_MODULE(file)->name->data, "<stderr>") ? vm_write_out : vm_write_err)(
            vm, b.data, (size_t)b.len);
    else
        r = vm_raise(vm, T_TYPE_ERROR, "stitch: unsupported: print(file=...) to a %s object",
                     type_name_of(vm, file));
    sb_free(&b);
    return r;
}

static Value bi_len(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "len", ARGS_METH, 1, 1);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    int64_t n = obj_len(vm, args[0]);
    return n < 0 ? VAL_ERROR : int_from_i64(vm, n);
}

static Value bi_repr(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "repr", ARGS_METH, 1, 1);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    return obj_repr(vm, args[0]);
}

/* ascii(x): repr(x) with every non-ASCII code point escaped as CPython
 * escapes it (\xNN, \uNNNN, \UNNNNNNNN). */
static Value bi_ascii(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "ascii", ARGS_METH, 1, 1);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    Value r = obj_repr(vm, args[0]);
    if (r == VAL_ERROR || AS_STR(r)->ascii) return r;
    Str *s = AS_STR(r);
    StrBuf b;
    sb_init(&b);
    for (int64_t i = 0; i < s->len;) {
        uint32_t cp;
        i += utf8_decode(s->data + i, &cp);
        if (cp < 0x80) sb_addc(&b, (char)cp);
        else if (cp < 0x100) sb_addf(&b, "\\x%02x", cp);
        else if (cp < 0x10000) sb_addf(&b, "\\u%04x", cp);
        else sb_addf(&b, "\\U%08x", cp);
    }
    Str *out = sb_finish(vm, &b);
    return out ? val_obj(out) : VAL_ERROR;
}

/* exit() and quit() (the site module's) and sys.exit: raise SystemExit. */
Value builtin_exit(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "exit", ARGS_POS, 0, 1);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    Tuple *a = tuple_from(vm, args, nargs);
    if (!a) return VAL_ERROR;
    Value exc = exc_new(vm, vm->types[T_SYSTEM_EXIT], a);
    return exc == VAL_ERROR ? VAL_ERROR : vm_raise_value(vm, exc);
}

static Value call_unary_dunder(VM *vm, Value v, const char *name) {
    Str *n = str_intern_cstr(vm, name);
    return n ? vm_call_dunder(vm, v, n, NULL, 0) : VAL_ERROR;
}

static Value bi_abs(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "abs", ARGS_METH, 1, 1);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    Value v = args[0];
    if (val_is_bool(v)) return val_int(v == VAL_TRUE);
    if (val_is_int(v) || IS_BIGINT(v)) return int_cmp(v, val_int(0)) < 0 ? int_neg(vm, v) : v;
    if (val_is_float(v)) return val_float(fabs(val_as_float(v)));
    Value r = call_unary_dunder(vm, v, "__abs__");
    if (r != VAL_NULL) return r;
    return vm_raise(vm, T_TYPE_ERROR, "bad operand type for abs(): '%s'", type_name_of(vm, v));
}

/* min() and max(): over one iterable or over the arguments; key= and
 * default= as in CPython; the first extreme item wins ties. */
static Value minmax(VM *vm, Value *args, int nargs, Tuple *kwnames, bool is_max) {
    SPEC_KW(smin, "min", ARGS_POS, 1, -1, "key", "default");
    SPEC_KW(smax, "max", ARGS_POS, 1, -1, "key", "default");
    const char *name = is_max ? "max" : "min";
    Value kw[ARG_MAX_SLOTS];
    if (arg_parse(vm, is_max ? &smax : &smin, args, nargs, kwnames, kw) < 0) return VAL_ERROR;
    Value key = kw[0] == VAL_NONE ? VAL_NULL : kw[0], dflt = kw[1];
    if (nargs > 1 && dflt != VAL_NULL)
        return vm_raise(vm, T_TYPE_ERROR,
                        "Cannot specify a default for %s() with multiple positional arguments", name);
    /* scratch: [iterator, best, best key] */
    Tuple *scratch = tuple_new(vm, 3);
    if (!scratch) return VAL_ERROR;
    gc_push_root(vm, val_obj(scratch));
    Value *s = scratch->items, result = VAL_ERROR;
    s[1] = s[2] = VAL_NULL;
    if (nargs == 1 && (s[0] = obj_iter(vm, args[0])) == VAL_ERROR) goto done;
    for (int64_t i = 0;; i++) {
        Value item = nargs == 1 ? iter_next(vm, s[0]) : i < nargs ? args[i] : VAL_NULL;
        if (item == VAL_NULL) break;
        if (item == VAL_ERROR) goto done;
        Value k = item;
        if (key != VAL_NULL) {
            gc_push_root(vm, item);
            k = vm_call(vm, key, &item, 1, NULL);
            gc_pop_roots(vm, 1);
            if (k == VAL_ERROR) goto done;
        }
        if (s[1] == VAL_NULL) {
            s[1] = item;
            s[2] = k;
            continue;
        }
        gc_push_root(vm, item);
        gc_push_root(vm, k);
        Value c = obj_compare(vm, is_max ? CMP_GT : CMP_LT, k, s[2]);
        int better = c == VAL_ERROR ? -1 : val_is_bool(c) ? c == VAL_TRUE : obj_truthy(vm, c);
        gc_pop_roots(vm, 2);
        if (better < 0) goto done;
        if (better) {
            s[1] = item;
            s[2] = k;
        }
    }
    if (s[1] != VAL_NULL) result = s[1];
    else if (dflt != VAL_NULL) result = dflt;
    else vm_raise(vm, T_VALUE_ERROR, "%s() arg is an empty sequence", name);
done:
    gc_pop_roots(vm, 1);
    return result;
}

static Value bi_min(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    return minmax(vm, args, nargs, kwnames, false);
}

static Value bi_max(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    return minmax(vm, args, nargs, kwnames, true);
}

/* acc + item with fast paths for small ints and floats (CPython 3.11 adds
 * floats with plain double addition, which this matches). */
static Value sum_add(VM *vm, Value acc, Value item) {
    int64_t r;
    if (val_is_int(acc) && val_is_int(item) &&
        !__builtin_add_overflow(val_as_int(acc), val_as_int(item), &r))
        return int_from_i64(vm, r);
    if (val_is_float(acc) && val_is_float(item))
        return val_float(val_as_float(acc) + val_as_float(item));
    if (val_is_float(acc) && val_is_int(item))
        return val_float(val_as_float(acc) + (double)val_as_int(item));
    return obj_binop(vm, BINOP_ADD, acc, item);
}

static Value bi_sum(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC_KW(spec, "sum", ARGS_KW, 1, 2, NULL, "start");
    Value a[ARG_MAX_SLOTS];
    if (arg_parse(vm, &spec, args, nargs, kwnames, a) < 0) return VAL_ERROR;
    Value start = a[1] == VAL_NULL ? val_int(0) : a[1];
    if (IS_STR(start))
        return vm_raise(vm, T_TYPE_ERROR, "sum() can't sum strings [use ''.join(seq) instead]");
    Tuple *scratch = tuple_new(vm, 2); /* [iterator, accumulator] */
    if (!scratch) return VAL_ERROR;
    gc_push_root(vm, val_obj(scratch));
    Value *s = scratch->items, result = VAL_ERROR;
    s[1] = start;
    if ((s[0] = obj_iter(vm, a[0])) == VAL_ERROR) goto done;
    for (;;) {
        Value item = iter_next(vm, s[0]);
        if (item == VAL_NULL) break;
        if (item == VAL_ERROR) goto done;
        gc_push_root(vm, item);
        Value acc = sum_add(vm, s[1], item);
        gc_pop_roots(vm, 1);
        if (acc == VAL_ERROR) goto done;
        s[1] = acc;
    }
    result = s[1];
done:
    gc_pop_roots(vm, 1);
    return result;
}

/* isinstance/issubclass second argument: a class or a (nested) tuple. */
static int class_match(VM *vm, Type *t, Value cls, const char *fn, const char *what) {
    if (IS_TYPE(cls)) return type_is_subtype(t, AS_TYPE(cls));
    if (IS_TUPLE(cls)) {
        for (int64_t i = 0; i < AS_TUPLE(cls)->len; i++) {
            int r = class_match(vm, t, AS_TUPLE(cls)->items[i], fn, what);
            if (r != 0) return r;
        }
        return 0;
    }
    vm_raise(vm, T_TYPE_ERROR, "%s() arg 2 must be %s", fn, what);
    return -1;
}

static Value bi_isinstance(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "isinstance", ARGS_POS, 2, 2);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    int r = class_match(vm, val_type(vm, args[0]), args[1], "isinstance",
                        "a type, a tuple of types, or a union");
    return r < 0 ? VAL_ERROR : val_bool(r);
}

static Value bi_issubclass(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "issubclass", ARGS_POS, 2, 2);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    if (!IS_TYPE(args[0])) return vm_raise(vm, T_TYPE_ERROR, "issubclass() arg 1 must be a class");
    int r = class_match(vm, AS_TYPE(args[0]), args[1], "issubclass",
                        "a class, a tuple of classes, or a union");
    return r < 0 ? VAL_ERROR : val_bool(r);
}

static Value bi_sorted(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "sorted", ARGS_POS, 1, 1);
    /* Keyword errors name sort(), as CPython's do. */
    SPEC_KW(kspec, "sort", ARGS_KW, 0, -1, "key", "reverse");
    Value kw[ARG_MAX_SLOTS];
    if (arg_parse(vm, &kspec, args + nargs, 0, kwnames, kw) < 0) return VAL_ERROR;
    if (arg_parse(vm, &spec, args, nargs, NULL, NULL) < 0) return VAL_ERROR;
    int rev = kw[1] == VAL_NULL ? 0 : obj_truthy(vm, kw[1]);
    if (rev < 0) return VAL_ERROR;
    List *l = seq_to_list(vm, args[0]);
    if (!l) return VAL_ERROR;
    gc_push_root(vm, val_obj(l));
    int rc = seq_sort(vm, l, kw[0], rev);
    gc_pop_roots(vm, 1);
    return rc < 0 ? VAL_ERROR : val_obj(l);
}

static Value any_all(VM *vm, Value *args, int nargs, Tuple *kwnames, bool is_all) {
    SPEC(sany, "any", ARGS_METH, 1, 1);
    SPEC(sall, "all", ARGS_METH, 1, 1);
    if (arg_parse(vm, is_all ? &sall : &sany, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    Value it = obj_iter(vm, args[0]);
    if (it == VAL_ERROR) return it;
    gc_push_root(vm, it);
    Value result = val_bool(is_all);
    for (;;) {
        Value v = iter_next(vm, it);
        if (v == VAL_NULL) break;
        int t = v == VAL_ERROR ? -1 : obj_truthy(vm, v);
        if (t < 0) {
            result = VAL_ERROR;
            break;
        }
        if (t != is_all) {
            result = val_bool(!is_all);
            break;
        }
    }
    gc_pop_roots(vm, 1);
    return result;
}

static Value bi_any(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    return any_all(vm, args, nargs, kwnames, false);
}

static Value bi_all(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    return any_all(vm, args, nargs, kwnames, true);
}

/* round(float, ndigits): correctly rounded through decimal text, as CPython
 * does with its dtoa (glibc's printf rounds exactly, ties to even). */
/* round(x, nd) as the decimal route of round_float gives it, without
 * printing, when 0 <= nd <= 22 (10**nd is an exact double) and the product
 * is below 2**52. x * 10**nd plus its rounding error (fma) is the exact
 * product, whose nearest integer (ties to even) the error decides only at
 * a tie of the rounded product; that integer over 10**nd, one correctly
 * rounded division, is the double nearest the rounded decimal. */
static bool round_float_fast(double x, int64_t nd, double *out) {
    static const double pow10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    if (nd < 0 || nd > 22) return false;
    double p = x * pow10[nd];
    if (!(fabs(p) < 4503599627370496.0)) return false;
    double e = fma(x, pow10[nd], -p), r = rint(p);
    if (fabs(p - r) == 0.5 && e != 0.0) r = e > 0.0 ? p + 0.5 : p - 0.5;
    *out = r == 0.0 ? copysign(0.0, x) : r / pow10[nd];
    return true;
}

static Value round_float(VM *vm, double x, int64_t nd) {
    if (!isfinite(x) || nd > 323) return val_float(x);
    if (nd < -308) return val_float(0.0 * x);
    double fast;
    if (round_float_fast(x, nd, &fast)) return val_float(fast);
    if (nd >= 0) {
        char buf[400];
        snprintf(buf, sizeof buf, "%.*f", (int)nd, x);
        return val_float(strtod(buf, NULL));
    }
    double p = pow(10.0, (double)-nd), y = rint(x / p) * p;
    if (!isfinite(y)) return vm_raise(vm, T_OVERFLOW_ERROR, "rounded value too large to represent");
    return val_float(y == 0.0 ? copysign(0.0, x) : y);
}

/* round(int, ndigits < 0): to a multiple of 10**-nd, ties to even. */
static Value round_int(VM *vm, Value v, int64_t nd) {
    if (nd >= 0) return val_is_bool(v) ? val_int(v == VAL_TRUE) : v;
    mpz_t z, p, q, r;
    mpz_inits(z, p, q, r, NULL);
    if (IS_BIGINT(v)) mpz_set(z, AS_BIGINT(v)->z);
    else mpz_set_si(z, val_is_bool(v) ? v == VAL_TRUE : (long)val_as_int(v));
    mpz_ui_pow_ui(p, 10, (unsigned long)(nd < -4000 ? 4000 : -nd));
    mpz_fdiv_qr(q, r, z, p);
    mpz_mul_2exp(r, r, 1);
    int c = mpz_cmp(r, p);
    if (c > 0 || (c == 0 && mpz_odd_p(q))) mpz_add_ui(q, q, 1);
    mpz_mul(z, q, p);
    char *text = mpz_get_str(NULL, 16, z);
    Value res = int_from_str(vm, text, (int64_t)strlen(text), 16);
    free(text);
    mpz_clears(z, p, q, r, NULL);
    return res;
}

static Value bi_round(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC_KW(spec, "round", ARGS_KW, 1, 2, "number", "ndigits");
    Value a[ARG_MAX_SLOTS];
    if (arg_parse(vm, &spec, args, nargs, kwnames, a) < 0) return VAL_ERROR;
    Value x = a[0], nd = a[1] == VAL_NULL ? VAL_NONE : a[1];
    int64_t n = 0;
    if (nd != VAL_NONE && arg_int64(vm, nd, &n) < 0) return VAL_ERROR;
    if (val_is_anyint(x)) return round_int(vm, x, nd == VAL_NONE ? 0 : n);
    if (val_is_float(x)) {
        double d = val_as_float(x);
        if (nd != VAL_NONE) return round_float(vm, d, n);
        return int_from_double(vm, rint(d));
    }
    Value r = VAL_NULL;
    Str *name = str_intern_cstr(vm, "__round__");
    if (!name) return VAL_ERROR;
    r = vm_call_dunder(vm, x, name, nd == VAL_NONE ? NULL : &nd, nd == VAL_NONE ? 0 : 1);
    if (r != VAL_NULL) return r;
    return vm_raise(vm, T_TYPE_ERROR, "type %s doesn't define __round__ method", type_name_of(vm, x));
}

static bool is_number(Value v) { return val_is_anyint(v) || val_is_float(v); }

static Value bi_divmod(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "divmod", ARGS_POS, 2, 2);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    Value a = args[0], b = args[1];
    if (!is_number(a) || !is_number(b))
        return vm_raise(vm, T_TYPE_ERROR, "unsupported operand type(s) for divmod(): '%s' and '%s'",
                        type_name_of(vm, a), type_name_of(vm, b));
    if ((val_is_float(a) || val_is_float(b)) &&
        (val_is_float(b) ? val_as_float(b) == 0.0 : int_cmp(b, val_int(0)) == 0))
        return vm_raise(vm, T_ZERO_DIVISION_ERROR, "float divmod()");
    Value qr[2];
    qr[0] = obj_binop(vm, BINOP_FLOOR_DIVIDE, a, b);
    if (qr[0] == VAL_ERROR) return VAL_ERROR;
    gc_push_root(vm, qr[0]);
    qr[1] = obj_binop(vm, BINOP_REMAINDER, a, b);
    if (qr[1] == VAL_ERROR) {
        gc_pop_roots(vm, 1);
        return VAL_ERROR;
    }
    gc_push_root(vm, qr[1]);
    Tuple *t = tuple_from(vm, qr, 2);
    gc_pop_roots(vm, 2);
    return t ? val_obj(t) : VAL_ERROR;
}

static void mpz_from_int(mpz_t z, Value v) {
    if (IS_BIGINT(v)) mpz_set(z, AS_BIGINT(v)->z);
    else mpz_set_si(z, val_is_bool(v) ? v == VAL_TRUE : (long)val_as_int(v));
}

/* pow(base, exp, mod) for ints: the result takes mod's sign, like Python. */
static Value pow_mod(VM *vm, Value base, Value exp, Value mod) {
    if (int_cmp(mod, val_int(0)) == 0)
        return vm_raise(vm, T_VALUE_ERROR, "pow() 3rd argument cannot be 0");
    mpz_t b, e, m, r;
    mpz_inits(b, e, m, r, NULL);
    mpz_from_int(b, base);
    mpz_from_int(e, exp);
    mpz_from_int(m, mod);
    bool neg_mod = mpz_sgn(m) < 0;
    mpz_abs(m, m);
    Value res = VAL_ERROR;
    if (mpz_sgn(e) < 0) {
        if (!mpz_invert(b, b, m)) {
            vm_raise(vm, T_VALUE_ERROR, "base is not invertible for the given modulus");
            goto done;
        }
        mpz_neg(e, e);
    }
    mpz_powm(r, b, e, m);
    if (neg_mod && mpz_sgn(r) != 0) mpz_sub(r, r, m);
    char *text = mpz_get_str(NULL, 16, r);
    res = int_from_str(vm, text, (int64_t)strlen(text), 16);
    free(text);
done:
    mpz_clears(b, e, m, r, NULL);
    return res;
}

static Value bi_pow(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC_KW(spec, "pow", ARGS_KW, 2, 3, "base", "exp", "mod");
    Value a[ARG_MAX_SLOTS];
    if (arg_parse(vm, &spec, args, nargs, kwnames, a) < 0) return VAL_ERROR;
    if (a[2] == VAL_NULL || a[2] == VAL_NONE) return obj_binop(vm, BINOP_POWER, a[0], a[1]);
    if (!val_is_anyint(a[0]) || !val_is_anyint(a[1]) || !val_is_anyint(a[2]))
        return vm_raise(vm, T_TYPE_ERROR,
                        "pow() 3rd argument not allowed unless all arguments are integers");
    return pow_mod(vm, a[0], a[1], a[2]);
}

static Value bi_hash(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "hash", ARGS_METH, 1, 1);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    uint64_t h;
    if (obj_hash(vm, args[0], &h) < 0) return VAL_ERROR;
    return int_from_i64(vm, (int64_t)h);
}

static Value bi_id(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "id", ARGS_METH, 1, 1);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    Value v = args[0];
    return int_from_u64(vm, val_is_obj(v) ? (uint64_t)(uintptr_t)val_as_obj(v) : v);
}

static Value bi_chr(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "chr", ARGS_METH, 1, 1);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    int64_t c;
    if (!val_is_anyint(args[0])) return arg_int64(vm, args[0], &c), VAL_ERROR;
    if (!int_to_i64(args[0], &c))
        return vm_raise(vm, T_OVERFLOW_ERROR, "Python int too large to convert to C int");
    if (c < 0 || c > 0x10FFFF) return vm_raise(vm, T_VALUE_ERROR, "chr() arg not in range(0x110000)");
    char buf[4];
    int n = utf8_encode((uint32_t)c, buf);
    Str *s = n == 1 ? str_intern(vm, buf, 1) : str_new(vm, buf, n);
    return s ? val_obj(s) : VAL_ERROR;
}

static Value bi_ord(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "ord", ARGS_METH, 1, 1);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    if (!IS_STR(args[0]))
        return vm_raise(vm, T_TYPE_ERROR, "ord() expected string of length 1, but %s found",
                        type_name_of(vm, args[0]));
    Str *s = AS_STR(args[0]);
    if (s->nchars != 1)
        return vm_raise(vm, T_TYPE_ERROR, "ord() expected a character, but string of length %lld found",
                        (long long)s->nchars);
    uint32_t cp;
    utf8_decode(s->data, &cp);
    return val_int(cp);
}

/* hex/oct/bin: sign, prefix, lowercase digits. */
static Value int_to_base(VM *vm, Value v, int base, const char *prefix) {
    if (!val_is_anyint(v))
        return vm_raise(vm, T_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                        type_name_of(vm, v));
    mpz_t z;
    mpz_init(z);
    mpz_from_int(z, v);
    bool neg = mpz_sgn(z) < 0;
    mpz_abs(z, z);
    char *digits = mpz_get_str(NULL, base, z);
    mpz_clear(z);
    Str *s = str_printf(vm, "%s%s%s", neg ? "-" : "", prefix, digits);
    free(digits);
    return s ? val_obj(s) : VAL_ERROR;
}

static Value bi_hex(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "hex", ARGS_METH, 1, 1);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    return int_to_base(vm, args[0], 16, "0x");
}

static Value bi_oct(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "oct", ARGS_METH, 1, 1);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    return int_to_base(vm, args[0], 8, "0o");
}

static Value bi_bin(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "bin", ARGS_METH, 1, 1);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    return int_to_base(vm, args[0], 2, "0b");
}

static Value bi_callable(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "callable", ARGS_METH, 1, 1);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    Value v = args[0];
    if (!val_is_obj(v)) return VAL_FALSE;
    switch ((ObjKind)val_as_obj(v)->kind) {
    case OBJ_FUNCTION:
    case OBJ_NATIVE:
    case OBJ_METHOD:
    case OBJ_TYPE: return VAL_TRUE;
    case OBJ_INSTANCE:
    case OBJ_EXCEPTION: return val_bool(type_lookup(vm, val_type(vm, v), vm->names[NAME_CALL]) != VAL_NULL);
    default: return VAL_FALSE;
    }
}

static Value bi_iter(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "iter", ARGS_POS, 1, 2);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    if (nargs == 2)
        return vm_raise(vm, T_NOT_IMPLEMENTED_ERROR, "iter(callable, sentinel) is not supported");
    return obj_iter(vm, args[0]);
}

static Value bi_next(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "next", ARGS_POS, 1, 2);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    if (IS_GEN(args[0])) return gen_next_or(vm, AS_GEN(args[0]), nargs == 2 ? args[1] : VAL_NULL);
    Value v = iter_next(vm, args[0]);
    if (v != VAL_NULL) return v;
    if (nargs == 2) return args[1];
    return raise_with_arg(vm, T_STOP_ITERATION, VAL_NULL);
}

/* getattr / setattr / hasattr / delattr: thin wrappers over the attribute
 * protocol of call.c / class.c. */
static int attr_name(VM *vm, const char *fn, Value name) {
    if (IS_STR(name)) return 0;
    vm_raise(vm, T_TYPE_ERROR, "%s(): attribute name must be string", fn);
    return -1;
}

static Value bi_getattr(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "getattr", ARGS_POS, 2, 3);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    if (attr_name(vm, "getattr", args[1]) < 0) return VAL_ERROR;
    Value v = obj_getattr(vm, args[0], AS_STR(args[1]));
    if (v == VAL_ERROR && nargs == 3 &&
        exc_matches(vm, vm->exc, val_obj(vm->types[T_ATTRIBUTE_ERROR]))) {
        vm_take_exc(vm);
        return args[2];
    }
    return v;
}

static Value bi_hasattr(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "hasattr", ARGS_POS, 2, 2);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    if (attr_name(vm, "hasattr", args[1]) < 0) return VAL_ERROR;
    Value v = obj_getattr(vm, args[0], AS_STR(args[1]));
    if (v != VAL_ERROR) return VAL_TRUE;
    if (!exc_matches(vm, vm->exc, val_obj(vm->types[T_ATTRIBUTE_ERROR]))) return VAL_ERROR;
    vm_take_exc(vm);
    return VAL_FALSE;
}

/* vars(obj): obj.__dict__ (a copy for instances, as stitch's __dict__ is). */
static Value bi_vars(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "vars", ARGS_POS, 0, 1);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    if (nargs == 0) return vm_raise(vm, T_TYPE_ERROR, "stitch: unsupported: vars() without an argument");
    Value v = obj_getattr(vm, args[0], vm->names[NAME_DICT]);
    if (v != VAL_ERROR || !exc_matches(vm, vm->exc, val_obj(vm->types[T_ATTRIBUTE_ERROR]))) return v;
    vm_take_exc(vm);
    return vm_raise(vm, T_TYPE_ERROR, "vars() argument must have __dict__ attribute");
}

static Value bi_setattr(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "setattr", ARGS_POS, 3, 3);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    if (attr_name(vm, "setattr", args[1]) < 0) return VAL_ERROR;
    return obj_setattr(vm, args[0], AS_STR(args[1]), args[2]) < 0 ? VAL_ERROR : VAL_NONE;
}

static Value bi_delattr(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "delattr", ARGS_POS, 2, 2);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    if (attr_name(vm, "delattr", args[1]) < 0) return VAL_ERROR;
    return obj_delattr(vm, args[0], AS_STR(args[1])) < 0 ? VAL_ERROR : VAL_NONE;
}

/* ---- constructors of builtin classes (Type.ctor) ---------------------------- */

static Value ctor_int(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC_KW(spec, "int", ARGS_KW, 0, 2, NULL, "base");
    Value a[ARG_MAX_SLOTS];
    if (arg_parse(vm, &spec, args, nargs, kwnames, a) < 0) return VAL_ERROR;
    Value x = a[0], base = a[1];
    if (x == VAL_NULL) {
        if (base != VAL_NULL) return vm_raise(vm, T_TYPE_ERROR, "int() missing string argument");
        return val_int(0);
    }
    if (base != VAL_NULL) {
        int64_t b;
        if (arg_int64(vm, base, &b) < 0) return VAL_ERROR;
        if (!IS_STR(x))
            return vm_raise(vm, T_TYPE_ERROR, "int() can't convert non-string with explicit base");
        if (b != 0 && (b < 2 || b > 36))
            return vm_raise(vm, T_VALUE_ERROR, "int() base must be >= 2 and <= 36, or 0");
        return int_from_str(vm, AS_STR(x)->data, AS_STR(x)->len, (int)b);
    }
    if (val_is_bool(x)) return val_int(x == VAL_TRUE);
    if (val_is_anyint(x)) return x;
    if (val_is_float(x)) return int_from_double(vm, val_as_float(x));
    if (IS_STR(x)) return int_from_str(vm, AS_STR(x)->data, AS_STR(x)->len, 10);
    if (val_is_kind(x, OBJ_INSTANCE)) {
        Value r = call_unary_dunder(vm, x, "__int__");
        if (r == VAL_NULL) r = call_unary_dunder(vm, x, "__index__");
        if (r != VAL_NULL) return r;
    }
    return vm_raise(vm, T_TYPE_ERROR,
                    "int() argument must be a string, a bytes-like object or a real number, not '%s'",
                    type_name_of(vm, x));
}

static Value ctor_float(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "float", ARGS_POS, 0, 1);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    if (nargs == 0) return val_float(0.0);
    Value x = args[0];
    if (val_is_float(x)) return x;
    if (val_is_anyint(x)) {
        bool overflow = false;
        double d = int_to_double(vm, x, &overflow);
        if (overflow) return vm_raise(vm, T_OVERFLOW_ERROR, "int too large to convert to float");
        return val_float(d);
    }
    if (IS_STR(x)) return float_from_str(vm, AS_STR(x)->data, AS_STR(x)->len);
    if (val_is_kind(x, OBJ_INSTANCE)) {
        Value r = call_unary_dunder(vm, x, "__float__");
        if (r != VAL_NULL) return r;
    }
    return vm_raise(vm, T_TYPE_ERROR, "float() argument must be a string or a real number, not '%s'",
                    type_name_of(vm, x));
}

static Value ctor_str(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC_KW(spec, "str", ARGS_KW, 0, 3, "object", "encoding", "errors");
    Value a[ARG_MAX_SLOTS];
    if (arg_parse(vm, &spec, args, nargs, kwnames, a) < 0) return VAL_ERROR;
    if (a[1] != VAL_NULL || a[2] != VAL_NULL) {
        Value bad = a[1] != VAL_NULL ? a[1] : a[2];
        if (!IS_STR(bad))
            return vm_raise(vm, T_TYPE_ERROR, "str() argument '%s' must be str, not %s",
                            a[1] != VAL_NULL ? "encoding" : "errors", type_name_of(vm, bad));
        return vm_raise(vm, T_TYPE_ERROR, "decoding str is not supported");
    }
    return a[0] == VAL_NULL ? val_obj(vm->empty_str) : obj_str(vm, a[0]);
}

static Value ctor_bool(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "bool", ARGS_POS, 0, 1);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    if (nargs == 0) return VAL_FALSE;
    int t = obj_truthy(vm, args[0]);
    return t < 0 ? VAL_ERROR : val_bool(t);
}

static Value ctor_list(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "list", ARGS_POS, 0, 1);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    List *l = nargs ? seq_to_list(vm, args[0]) : list_new(vm, 0);
    return l ? val_obj(l) : VAL_ERROR;
}

static Value ctor_tuple(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "tuple", ARGS_POS, 0, 1);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    if (nargs == 0) return val_obj(vm->empty_tuple);
    if (IS_TUPLE(args[0])) return args[0];
    if (IS_LIST(args[0]) && !val_is_builtin_sub(args[0])) {
        /* The list is an argument, so rooted across the allocation. */
        Tuple *t = tuple_from(vm, AS_LIST(args[0])->items, AS_LIST(args[0])->len);
        return t ? val_obj(t) : VAL_ERROR;
    }
    List *l = seq_to_list(vm, args[0]);
    if (!l) return VAL_ERROR;
    gc_push_root(vm, val_obj(l));
    Tuple *t = tuple_from(vm, l->items, l->len);
    gc_pop_roots(vm, 1);
    return t ? val_obj(t) : VAL_ERROR;
}

static Value ctor_dict(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    /* Any keyword is an item, so check only the positional count here. */
    SPEC(spec, "dict", ARGS_POS, 0, 1);
    if (arg_parse(vm, &spec, args, nargs, NULL, NULL) < 0) return VAL_ERROR;
    Dict *d = dict_new(vm);
    if (!d) return VAL_ERROR;
    gc_push_root(vm, val_obj(d));
    int rc = nargs ? dict_update_from(vm, d, args[0]) : 0;
    for (int64_t j = 0; rc == 0 && kwnames && j < kwnames->len; j++)
        rc = dict_set(vm, d, kwnames->items[j], args[nargs + j]);
    gc_pop_roots(vm, 1);
    return rc < 0 ? VAL_ERROR : val_obj(d);
}

static Value ctor_range(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "range", ARGS_POS, 1, 3);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    int64_t v[3] = {0, 0, 1};
    for (int i = 0; i < nargs; i++)
        if (arg_int64(vm, args[i], &v[nargs == 1 ? 1 : i]) < 0) return VAL_ERROR;
    if (v[2] == 0) return vm_raise(vm, T_VALUE_ERROR, "range() arg 3 must not be zero");
    return range_new(vm, v[0], v[1], v[2]);
}

static Value ctor_slice(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "slice", ARGS_POS, 1, 3);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    if (nargs == 1) return slice_new(vm, VAL_NONE, args[0], VAL_NONE);
    return slice_new(vm, args[0], args[1], nargs == 3 ? args[2] : VAL_NONE);
}

static Value ctor_type(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    if (nargs == 1 && !kwnames) return val_obj(val_type(vm, args[0]));
    if (nargs != 3) return vm_raise(vm, T_TYPE_ERROR, "type() takes 1 or 3 arguments");
    if (!IS_STR(args[0]) || !IS_TUPLE(args[1]) || !IS_DICT(args[2]))
        return vm_raise(vm, T_TYPE_ERROR, "type.__new__() argument types must be str, tuple, dict");
    Tuple *bases = AS_TUPLE(args[1]);
    for (int64_t i = 0; i < bases->len; i++)
        if (!IS_TYPE(bases->items[i])) return vm_raise(vm, T_TYPE_ERROR, "bases must be types");
    Dict *d = dict_new(vm);
    if (!d) return VAL_ERROR;
    gc_push_root(vm, val_obj(d));
    Type *t = dict_update_from(vm, d, args[2]) < 0 ? NULL
              : type_new_bases(vm, AS_STR(args[0]), bases, d);
    gc_pop_roots(vm, 1);
    return t ? val_obj(t) : VAL_ERROR;
}

static Value ctor_object(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    if (nargs || kwnames) return vm_raise(vm, T_TYPE_ERROR, "object() takes no arguments");
    Instance *o = inst_new(vm, vm->types[T_OBJECT]);
    return o ? val_obj(o) : VAL_ERROR;
}

static Value ctor_enumerate(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC_KW(spec, "enumerate", ARGS_KW, 1, 2, "iterable", "start");
    Value a[ARG_MAX_SLOTS];
    if (arg_parse(vm, &spec, args, nargs, kwnames, a) < 0) return VAL_ERROR;
    Value start = a[1] == VAL_NULL ? val_int(0) : a[1];
    if (!val_is_anyint(start))
        return vm_raise(vm, T_TYPE_ERROR, "'%s' object cannot be interpreted as an integer",
                        type_name_of(vm, start));
    if (val_is_bool(start)) start = val_int(start == VAL_TRUE);
    Value src = obj_iter(vm, a[0]);
    if (src == VAL_ERROR) return src;
    Value it = iter_new(vm, T_ENUMERATE, src);
    if (it != VAL_ERROR) AS_ITER(it)->aux = start;
    return it;
}

static Value ctor_zip(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC_KW(spec, "zip", ARGS_KW, 0, -1, "strict");
    Value kw[ARG_MAX_SLOTS];
    if (arg_parse(vm, &spec, args, nargs, kwnames, kw) < 0) return VAL_ERROR;
    int strict = kw[0] == VAL_NULL ? 0 : obj_truthy(vm, kw[0]);
    if (strict < 0) return VAL_ERROR;
    Tuple *its = tuple_new(vm, nargs);
    if (!its) return VAL_ERROR;
    gc_push_root(vm, val_obj(its));
    Value it = VAL_NONE;
    for (int i = 0; i < nargs && it != VAL_ERROR; i++)
        if ((it = obj_iter(vm, args[i])) != VAL_ERROR) its->items[i] = it;
    if (it != VAL_ERROR) it = iter_new(vm, T_ZIP, val_obj(its));
    if (it != VAL_ERROR) AS_ITER(it)->step = strict;
    gc_pop_roots(vm, 1);
    return it;
}

static Value ctor_map(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "map", ARGS_POS, 2, -1);
    if (kwnames) return vm_raise(vm, T_TYPE_ERROR, "map() takes no keyword arguments");
    if (nargs < 2) return vm_raise(vm, T_TYPE_ERROR, "map() must have at least two arguments.");
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    Tuple *its = tuple_new(vm, nargs - 1);
    if (!its) return VAL_ERROR;
    gc_push_root(vm, val_obj(its));
    Value it = VAL_NONE;
    for (int i = 1; i < nargs && it != VAL_ERROR; i++)
        if ((it = obj_iter(vm, args[i])) != VAL_ERROR) its->items[i - 1] = it;
    if (it != VAL_ERROR) it = iter_new(vm, T_MAP, val_obj(its));
    if (it != VAL_ERROR) AS_ITER(it)->aux = args[0];
    gc_pop_roots(vm, 1);
    return it;
}

static Value ctor_filter(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "filter", ARGS_POS, 2, 2);
    if (kwnames) return vm_raise(vm, T_TYPE_ERROR, "filter() takes no keyword arguments");
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    Value src = obj_iter(vm, args[1]);
    if (src == VAL_ERROR) return src;
    Value it = iter_new(vm, T_FILTER, src);
    if (it != VAL_ERROR) AS_ITER(it)->aux = args[0];
    return it;
}

static Value ctor_reversed(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "reversed", ARGS_POS, 1, 1);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    Value v = args[0];
    Type *t = val_type(vm, v);
    if (!t->builtin) {
        /* A user class's __reversed__ comes first, also on a list or dict
         * subclass; __reversed__ = None declares it not reversible. */
        Value m = type_lookup(vm, t, str_intern_cstr(vm, "__reversed__"));
        if (m == VAL_NONE) goto not_reversible;
        if (m != VAL_NULL) return call_unary_dunder(vm, v, "__reversed__");
    }
    if (IS_LIST(v) || IS_TUPLE(v) || IS_STR(v)) {
        Value it = iter_new(vm, T_REVERSED, v);
        if (it == VAL_ERROR) return it;
        AS_ITER(it)->index = IS_LIST(v) ? AS_LIST(v)->len - 1
                             : IS_TUPLE(v) ? AS_TUPLE(v)->len - 1 : AS_STR(v)->len;
        return it;
    }
    if (IS_DICT(v) || val_is_kind(v, OBJ_ITER)) {
        Value it = dict_reversed(vm, v);
        if (it != VAL_NULL) return it;
    }
    if (val_is_kind(v, OBJ_RANGE)) {
        Range *r = AS_RANGE(v);
        int64_t n = obj_len(vm, v);
        Value it = iter_new(vm, T_RANGE_ITER, VAL_NONE);
        if (it == VAL_ERROR) return it;
        /* last = start + (n-1)*step; walk down to start - step. */
        AS_ITER(it)->index = n ? r->start + (n - 1) * r->step : 0;
        AS_ITER(it)->stop = n ? r->start - r->step : 0;
        AS_ITER(it)->step = -r->step;
        return it;
    }
    if (val_is_kind(v, OBJ_INSTANCE) && type_lookup(vm, t, vm->names[NAME_GETITEM]) != VAL_NULL) {
        /* The sequence protocol: v[len(v) - 1] down to v[0]. */
        int64_t n = obj_len(vm, v);
        if (n < 0) return VAL_ERROR;
        Value it = iter_new(vm, T_REVERSED, v);
        if (it != VAL_ERROR) AS_ITER(it)->index = n - 1;
        return it;
    }
not_reversible:
    return vm_raise(vm, T_TYPE_ERROR, "'%s' object is not reversible", type_name_of(vm, v));
}

/* ---- registration ----------------------------------------------------------- */

static void def_fn(VM *vm, const char *name, NativeFn fn) {
    Str *n = str_intern_cstr(vm, name);
    if (!n) return;
    gc_push_root(vm, val_obj(n));
    Native *f = gc_alloc(vm, sizeof(Native), OBJ_NATIVE, vm->types[T_BUILTIN]);
    if (f) {
        f->fn = fn;
        f->name = name;
        f->self = VAL_NULL;
        dict_set_str(vm, vm->builtins, n, val_obj(f));
    }
    gc_pop_roots(vm, 1);
}

static bool exposed_type(TypeId t) {
    switch (t) {
    case T_NONE: case T_CODE: case T_FUNCTION: case T_BUILTIN: case T_METHOD: case T_CELL:
    case T_LIST_ITER: case T_TUPLE_ITER: case T_STR_ITER: case T_RANGE_ITER:
    case T_DICT_KEYITER: case T_DICT_VALUEITER: case T_DICT_ITEMITER:
    case T_DICT_REVKEYITER: case T_DICT_REVVALUEITER: case T_DICT_REVITEMITER:
    case T_DICT_KEYS: case T_DICT_VALUES: case T_DICT_ITEMS:
    case T_MODULE: case T_TEXTIO: case T_SET_ITER: case T_GENERATOR: case T_SUPER:
    case T_NOT_IMPLEMENTED_TYPE:
        return false;
    default:
        return true;
    }
}

/* super(C, obj). Zero-argument super().name never calls this: it compiles
 * to LOAD_SUPER_ATTR, which knows the method's class. */
static Value bi_super(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "super", ARGS_POS, 0, 2);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    if (nargs != 2)
        return vm_raise(vm, T_NOT_IMPLEMENTED_ERROR,
                        "stitch: unsupported: super() with %d argument%s here; use super().name "
                        "inside a method, or super(C, obj)", nargs, nargs == 1 ? "" : "s");
    return class_super_new(vm, args[0], args[1]);
}

void builtins_init(VM *vm) {
    if (!vm->builtins && !(vm->builtins = dict_new(vm))) return;
    static const struct { TypeId t; NativeFn fn; } ctors[] = {
        {T_OBJECT, ctor_object}, {T_TYPE, ctor_type},   {T_INT, ctor_int},
        {T_BOOL, ctor_bool},     {T_FLOAT, ctor_float}, {T_STR, ctor_str},
        {T_TUPLE, ctor_tuple},   {T_LIST, ctor_list},   {T_DICT, ctor_dict},
        {T_RANGE, ctor_range},   {T_SLICE, ctor_slice}, {T_ENUMERATE, ctor_enumerate},
        {T_ZIP, ctor_zip},       {T_REVERSED, ctor_reversed}, {T_MAP, ctor_map},
        {T_FILTER, ctor_filter},
    };
    for (size_t i = 0; i < sizeof ctors / sizeof ctors[0]; i++)
        vm->types[ctors[i].t]->ctor = ctors[i].fn;
    for (int t = 0; t < T_COUNT; t++)
        if (exposed_type((TypeId)t))
            dict_set_str(vm, vm->builtins, vm->types[t]->name, val_obj(vm->types[t]));
    static const struct { const char *name; NativeFn fn; } fns[] = {
        {"print", bi_print},       {"super", bi_super},       {"len", bi_len},           {"repr", bi_repr},
        {"abs", bi_abs},           {"min", bi_min},           {"max", bi_max},
        {"sum", bi_sum},           {"isinstance", bi_isinstance},
        {"issubclass", bi_issubclass}, {"sorted", bi_sorted}, {"any", bi_any},
        {"all", bi_all},           {"round", bi_round},       {"divmod", bi_divmod},
        {"pow", bi_pow},           {"hash", bi_hash},         {"id", bi_id},
        {"chr", bi_chr},           {"ord", bi_ord},           {"hex", bi_hex},
        {"oct", bi_oct},           {"bin", bi_bin},           {"callable", bi_callable},
        {"iter", bi_iter},         {"next", bi_next},         {"getattr", bi_getattr},
        {"hasattr", bi_hasattr},   {"vars", bi_vars},         {"setattr", bi_setattr},   {"delattr", bi_delattr},
        {"format", bi_format},     {"ascii", bi_ascii},       {"exit", builtin_exit},
        {"quit", builtin_exit},
    };
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) def_fn(vm, fns[i].name, fns[i].fn);
    /* CPython's aliases of OSError, and the constant of `python -O`'s absence. */
    dict_set_str(vm, vm->builtins, str_intern_cstr(vm, "IOError"), val_obj(vm->types[T_OS_ERROR]));
    dict_set_str(vm, vm->builtins, str_intern_cstr(vm, "EnvironmentError"),
                 val_obj(vm->types[T_OS_ERROR]));
    dict_set_str(vm, vm->builtins, str_intern_cstr(vm, "__debug__"), VAL_TRUE);
    /* The one NotImplemented: a bare object of its own builtin class. */
    Instance *ni = inst_new(vm, vm->types[T_NOT_IMPLEMENTED_TYPE]);
    Str *n = str_intern_cstr(vm, "NotImplemented");
    if (ni && n) {
        vm->not_implemented = val_obj(ni);
        dict_set_str(vm, vm->builtins, n, vm->not_implemented);
    }
}
