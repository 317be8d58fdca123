/* methods.c: the methods of the builtin types (list, dict, str, tuple, int,
 * float, dict views), registered on their classes by methods_init.
 *
 * Strings are UTF-8; every position a method takes or returns counts code
 * points. Case mapping and the is*() predicates know ASCII, Latin-1, Latin
 * Extended-A, Greek and Cyrillic (one-to-one mappings only: 'ß'.upper() stays
 * 'ß'); digits are ASCII only. */
#define _GNU_SOURCE /* memmem */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"

#define SELF_LIST(args) AS_LIST((args)[0])
#define SELF_DICT(args) AS_DICT((args)[0])
#define SELF_STR(args)  AS_STR((args)[0])

static Value new_str(VM *vm, const char *s, int64_t n) {
    Str *r = str_new(vm, s, n);
    return r ? val_obj(r) : VAL_ERROR;
}

static Value finish(VM *vm, StrBuf *b) {
    Str *r = sb_finish(vm, b);
    return r ? val_obj(r) : VAL_ERROR;
}

/* ---- list ------------------------------------------------------------------ */

static Value list_append_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_LIST, "append", ARGS_METH, 1, 1);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    return list_append(vm, SELF_LIST(args), args[1]) < 0 ? VAL_ERROR : VAL_NONE;
}

static Value list_extend_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_LIST, "extend", ARGS_METH, 1, 1);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    return seq_extend(vm, SELF_LIST(args), args[1]) < 0 ? VAL_ERROR : VAL_NONE;
}

static Value list_pop_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_LIST, "pop", ARGS_POS, 0, 1);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    List *l = SELF_LIST(args);
    int64_t i = -1;
    if (nargs == 2 && arg_int64(vm, args[1], &i) < 0) return VAL_ERROR;
    if (l->len == 0) return vm_raise(vm, T_INDEX_ERROR, "pop from empty list");
    if (i < 0) i += l->len;
    if (i < 0 || i >= l->len) return vm_raise(vm, T_INDEX_ERROR, "pop index out of range");
    Value v = l->items[i];
    memmove(l->items + i, l->items + i + 1, (size_t)(l->len - i - 1) * sizeof(Value));
    l->len--;
    return v;
}

static Value list_insert_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_LIST, "insert", ARGS_POS, 2, 2);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    int64_t i;
    if (arg_int64(vm, args[1], &i) < 0) return VAL_ERROR;
    return list_insert(vm, SELF_LIST(args), i, args[2]) < 0 ? VAL_ERROR : VAL_NONE;
}

/* Position of the first item equal to x in items [start, stop) of a list or
 * tuple (re-read each round: __eq__ may change a list); -1 absent, -2 error. */
static int64_t seq_find(VM *vm, Value seq, Value x, int64_t start, int64_t stop) {
    for (int64_t i = start;; i++) {
        int64_t len = IS_LIST(seq) ? AS_LIST(seq)->len : AS_TUPLE(seq)->len;
        if (i >= len || i >= stop) return -1;
        Value v = IS_LIST(seq) ? AS_LIST(seq)->items[i] : AS_TUPLE(seq)->items[i];
        int eq = v == x ? 1 : obj_eq(vm, v, x);
        if (eq < 0) return -2;
        if (eq) return i;
    }
}

/* Clamp an index argument like a slice bound (start/stop of index()). */
static int bound_arg(VM *vm, Value *args, int nargs, int i, int64_t len, int64_t dflt,
                     int64_t *out) {
    *out = dflt;
    if (i >= nargs || args[i] == VAL_NONE) return 0;
    if (val_is_anyint(args[i]) && !int_to_i64(args[i], out))
        *out = int_cmp(args[i], val_int(0)) < 0 ? INT64_MIN / 2 : INT64_MAX / 2;
    else if (!val_is_anyint(args[i])) {
        vm_raise(vm, T_TYPE_ERROR, "slice indices must be integers or have an __index__ method");
        return -1;
    }
    if (*out < 0) {
        *out += len;
        if (*out < 0) *out = 0;
    }
    return 0;
}

static Value seq_index(VM *vm, Value *args, int nargs, const ArgSpec *spec) {
    if (arg_parse(vm, spec, args, nargs, NULL, NULL) < 0) return VAL_ERROR;
    Value seq = args[0];
    int64_t len = IS_LIST(seq) ? AS_LIST(seq)->len : AS_TUPLE(seq)->len, start, stop;
    if (bound_arg(vm, args, nargs, 2, len, 0, &start) < 0) return VAL_ERROR;
    if (bound_arg(vm, args, nargs, 3, len, INT64_MAX, &stop) < 0) return VAL_ERROR;
    int64_t i = seq_find(vm, seq, args[1], start, stop);
    if (i == -2) return VAL_ERROR;
    if (i >= 0) return int_from_i64(vm, i);
    if (IS_TUPLE(seq)) return vm_raise(vm, T_VALUE_ERROR, "tuple.index(x): x not in tuple");
    Value r = obj_repr(vm, args[1]);
    if (r == VAL_ERROR) return r;
    return vm_raise(vm, T_VALUE_ERROR, "%s is not in list", AS_STR(r)->data);
}

static Value seq_count(VM *vm, Value seq, Value x) {
    int64_t n = 0;
    for (int64_t i = 0;; i++) {
        int64_t len = IS_LIST(seq) ? AS_LIST(seq)->len : AS_TUPLE(seq)->len;
        if (i >= len) break;
        Value v = IS_LIST(seq) ? AS_LIST(seq)->items[i] : AS_TUPLE(seq)->items[i];
        int eq = v == x ? 1 : obj_eq(vm, v, x);
        if (eq < 0) return VAL_ERROR;
        n += eq;
    }
    return int_from_i64(vm, n);
}

static Value list_index_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_LIST, "index", ARGS_POS, 1, 3);
    if (kwnames) return arg_parse(vm, &spec, args, nargs, kwnames, NULL), VAL_ERROR;
    return seq_index(vm, args, nargs, &spec);
}

static Value list_count_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_LIST, "count", ARGS_METH, 1, 1);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    return seq_count(vm, args[0], args[1]);
}

static Value list_remove_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_LIST, "remove", ARGS_METH, 1, 1);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    int64_t i = seq_find(vm, args[0], args[1], 0, INT64_MAX);
    if (i == -2) return VAL_ERROR;
    if (i < 0) return vm_raise(vm, T_VALUE_ERROR, "list.remove(x): x not in list");
    List *l = SELF_LIST(args);
    memmove(l->items + i, l->items + i + 1, (size_t)(l->len - i - 1) * sizeof(Value));
    l->len--;
    return VAL_NONE;
}

static Value list_reverse_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_LIST, "reverse", ARGS_METH, 0, 0);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    List *l = SELF_LIST(args);
    for (int64_t i = 0, j = l->len - 1; i < j; i++, j--) {
        Value t = l->items[i];
        l->items[i] = l->items[j];
        l->items[j] = t;
    }
    return VAL_NONE;
}

static Value list_clear_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_LIST, "clear", ARGS_METH, 0, 0);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    SELF_LIST(args)->len = 0;
    return VAL_NONE;
}

static Value list_copy_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_LIST, "copy", ARGS_METH, 0, 0);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    List *l = list_from(vm, SELF_LIST(args)->items, SELF_LIST(args)->len);
    return l ? val_obj(l) : VAL_ERROR;
}

static Value list_sort_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD_KW(spec, T_LIST, "sort", ARGS_KW, 0, 0, "key", "reverse");
    Value kw[ARG_MAX_SLOTS];
    if (arg_parse(vm, &spec, args, nargs, kwnames, kw) < 0) return VAL_ERROR;
    int rev = kw[1] == VAL_NULL ? 0 : obj_truthy(vm, kw[1]);
    if (rev < 0) return VAL_ERROR;
    return seq_sort(vm, SELF_LIST(args), kw[0], rev) < 0 ? VAL_ERROR : VAL_NONE;
}

/* ---- tuple ----------------------------------------------------------------- */

static Value tuple_index_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_TUPLE, "index", ARGS_POS, 1, 3);
    if (kwnames) return arg_parse(vm, &spec, args, nargs, kwnames, NULL), VAL_ERROR;
    return seq_index(vm, args, nargs, &spec);
}

static Value tuple_count_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_TUPLE, "count", ARGS_METH, 1, 1);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    return seq_count(vm, args[0], args[1]);
}

/* ---- dict ------------------------------------------------------------------ */

static Value dict_get_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_DICT, "get", ARGS_POS, 1, 2);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    Value v = dict_get(vm, SELF_DICT(args), args[1]);
    if (v == VAL_NULL) return nargs == 3 ? args[2] : VAL_NONE;
    return v;
}

/* dict.fromkeys(iterable[, value]), a classmethod: args[0] is the class. A
 * subclass gets cls() filled through its own __setitem__, as in CPython. */
static Value dict_fromkeys_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    SPEC(spec, "fromkeys", ARGS_POS, 1, 2);
    if (kwnames && kwnames->len)
        return vm_raise(vm, T_TYPE_ERROR, "dict.fromkeys() takes no keyword arguments");
    if (arg_parse(vm, &spec, args + 1, nargs - 1, NULL, NULL) < 0) return VAL_ERROR;
    Value value = nargs == 3 ? args[2] : VAL_NONE;
    bool exact = args[0] == val_obj(vm->types[T_DICT]);
    Dict *nd = exact ? dict_new(vm) : NULL;
    Value d = !exact ? vm_call(vm, args[0], NULL, 0, NULL) : nd ? val_obj(nd) : VAL_ERROR;
    if (d == VAL_ERROR) return VAL_ERROR;
    gc_push_root(vm, d);
    Value it = obj_iter(vm, args[1]);
    gc_push_root(vm, it);
    Value k = it;
    while (k != VAL_ERROR && (k = iter_next(vm, it)) != VAL_NULL && k != VAL_ERROR) {
        gc_push_root(vm, k);
        int rc = exact ? dict_set(vm, AS_DICT(d), k, value) : obj_setitem(vm, d, k, value);
        gc_pop_roots(vm, 1);
        if (rc < 0) k = VAL_ERROR;
    }
    gc_pop_roots(vm, 2);
    return k == VAL_ERROR ? VAL_ERROR : d;
}

static Value dict_view(VM *vm, Value *args, int nargs, Tuple *kwnames, const ArgSpec *spec,
                       TypeId t) {
    if (arg_parse(vm, spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    return iter_new(vm, t, args[0]);
}

static Value dict_keys_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_DICT, "keys", ARGS_METH, 0, 0);
    return dict_view(vm, args, nargs, kwnames, &spec, T_DICT_KEYS);
}

static Value dict_values_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_DICT, "values", ARGS_METH, 0, 0);
    return dict_view(vm, args, nargs, kwnames, &spec, T_DICT_VALUES);
}

static Value dict_items_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_DICT, "items", ARGS_METH, 0, 0);
    return dict_view(vm, args, nargs, kwnames, &spec, T_DICT_ITEMS);
}

static Value dict_pop_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_DICT, "pop", ARGS_POS, 1, 2);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    Dict *d = SELF_DICT(args);
    Value v = dict_get(vm, d, args[1]);
    if (v == VAL_ERROR) return v;
    if (v == VAL_NULL) return nargs == 3 ? args[2] : raise_with_arg(vm, T_KEY_ERROR, args[1]);
    gc_push_root(vm, v);
    int r = dict_del(vm, d, args[1]);
    gc_pop_roots(vm, 1);
    return r < 0 ? VAL_ERROR : v;
}

static Value dict_popitem_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_DICT, "popitem", ARGS_METH, 0, 0);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    Dict *d = SELF_DICT(args);
    if (d->len == 0) {
        Str *msg = str_from_cstr(vm, "popitem(): dictionary is empty");
        return msg ? raise_with_arg(vm, T_KEY_ERROR, val_obj(msg)) : VAL_ERROR;
    }
    Value kv[2], k, v;
    int64_t pos = 0;
    while (dict_next(d, &pos, &k, &v)) kv[0] = k, kv[1] = v;
    Tuple *t = tuple_from(vm, kv, 2);
    if (!t) return VAL_ERROR;
    gc_push_root(vm, val_obj(t));
    int r = dict_del(vm, d, kv[0]);
    gc_pop_roots(vm, 1);
    return r < 0 ? VAL_ERROR : val_obj(t);
}

static Value dict_setdefault_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_DICT, "setdefault", ARGS_POS, 1, 2);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    Value v = dict_get(vm, SELF_DICT(args), args[1]);
    if (v != VAL_NULL) return v;
    Value dflt = nargs == 3 ? args[2] : VAL_NONE;
    return dict_set(vm, SELF_DICT(args), args[1], dflt) < 0 ? VAL_ERROR : dflt;
}

static Value dict_update_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_DICT, "update", ARGS_POS, 0, 1);
    if (arg_parse(vm, &spec, args, nargs, NULL, NULL) < 0) return VAL_ERROR;
    Dict *d = SELF_DICT(args);
    if (nargs == 2 && dict_update_from(vm, d, args[1]) < 0) return VAL_ERROR;
    for (int64_t j = 0; kwnames && j < kwnames->len; j++)
        if (dict_set(vm, d, kwnames->items[j], args[nargs + j]) < 0) return VAL_ERROR;
    return VAL_NONE;
}

/* list.__init__ / dict.__init__: what a subclass without an __init__ of its
 * own runs, and what super().__init__(...) reaches (the instance starts
 * empty, call.c). */
static Value list_init_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_LIST, "__init__", ARGS_POS, 0, 1);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    SELF_LIST(args)->len = 0;
    if (nargs == 2 && seq_extend(vm, SELF_LIST(args), args[1]) < 0) return VAL_ERROR;
    return VAL_NONE;
}

static Value dict_init_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    return dict_update_m(vm, args, nargs, kwnames);
}

static Value dict_clear_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_DICT, "clear", ARGS_METH, 0, 0);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    Dict *d = SELF_DICT(args);
    List *keys = seq_to_list(vm, args[0]);
    if (!keys) return VAL_ERROR;
    gc_push_root(vm, val_obj(keys));
    int rc = 0;
    for (int64_t i = 0; i < keys->len && rc >= 0; i++) rc = dict_del(vm, d, keys->items[i]);
    gc_pop_roots(vm, 1);
    return rc < 0 ? VAL_ERROR : VAL_NONE;
}

static Value dict_copy_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_DICT, "copy", ARGS_METH, 0, 0);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    Dict *d = dict_new(vm);
    if (!d) return VAL_ERROR;
    gc_push_root(vm, val_obj(d));
    int rc = dict_update_from(vm, d, args[0]);
    gc_pop_roots(vm, 1);
    return rc < 0 ? VAL_ERROR : val_obj(d);
}

/* ---- str: searching ---------------------------------------------------------- */

static int need_str(VM *vm, Value v, const char *fmt) {
    if (IS_STR(v)) return 0;
    vm_raise(vm, T_TYPE_ERROR, fmt, type_name_of(vm, v));
    return -1;
}

/* The [start, end) code-point window of find/count/startswith arguments,
 * adjusted like a slice, as byte offsets; *valid false when the window is
 * empty because start lies past end (where even "" is not found). */
static int str_window(VM *vm, Str *s, Value *args, int nargs, int first, int64_t *b0,
                      int64_t *b1, bool *valid) {
    int64_t len = s->nchars, a = 0, e = len;
    Value va = first < nargs ? args[first] : VAL_NONE;
    Value ve = first + 1 < nargs ? args[first + 1] : VAL_NONE;
    if (slice_bound(vm, va, 0, &a) < 0 || slice_bound(vm, ve, len, &e) < 0) return -1;
    if (e > len) e = len;
    else if (e < 0 && (e += len) < 0) e = 0;
    if (a < 0 && (a += len) < 0) a = 0;
    *valid = a <= e;
    if (a > e) a = e;
    *b0 = str_byte_offset(s, a);
    *b1 = str_byte_offset(s, e);
    return 0;
}

/* Byte offset of sub in s[b0, b1), searching forward or from the end; -1. */
static int64_t find_bytes(const Str *s, const Str *sub, int64_t b0, int64_t b1, bool rev) {
    if (b1 - b0 < sub->len) return -1;
    if (!rev) {
        const char *p = memmem(s->data + b0, (size_t)(b1 - b0), sub->data, (size_t)sub->len);
        return p ? p - s->data : -1;
    }
    for (int64_t i = b1 - sub->len; i >= b0; i--)
        if (memcmp(s->data + i, sub->data, (size_t)sub->len) == 0) return i;
    return -1;
}

/* find / rfind / index / rindex. */
static Value str_find_common(VM *vm, Value *args, int nargs, Tuple *kwnames, const ArgSpec *spec,
                             bool rev, bool raise) {
    int n = arg_parse(vm, spec, args, nargs, kwnames, NULL);
    if (n < 0) return VAL_ERROR;
    Str *s = SELF_STR(args);
    if (need_str(vm, args[1], "must be str, not %s") < 0) return VAL_ERROR;
    int64_t b0, b1;
    bool valid;
    if (str_window(vm, s, args + 1, n, 1, &b0, &b1, &valid) < 0) return VAL_ERROR;
    int64_t at = valid ? find_bytes(s, AS_STR(args[1]), b0, b1, rev) : -1;
    if (at < 0 && raise) return vm_raise(vm, T_VALUE_ERROR, "substring not found");
    return at < 0 ? val_int(-1) : int_from_i64(vm, s->ascii ? at : utf8_count(s->data, at));
}

static Value str_find_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_STR, "find", ARGS_KW, 1, 3);
    return str_find_common(vm, args, nargs, kwnames, &spec, false, false);
}

static Value str_rfind_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_STR, "rfind", ARGS_KW, 1, 3);
    return str_find_common(vm, args, nargs, kwnames, &spec, true, false);
}

static Value str_index_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_STR, "index", ARGS_KW, 1, 3);
    return str_find_common(vm, args, nargs, kwnames, &spec, false, true);
}

static Value str_rindex_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_STR, "rindex", ARGS_KW, 1, 3);
    return str_find_common(vm, args, nargs, kwnames, &spec, true, true);
}

static Value str_count_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_STR, "count", ARGS_KW, 1, 3);
    int n = arg_parse(vm, &spec, args, nargs, kwnames, NULL);
    if (n < 0) return VAL_ERROR;
    Str *s = SELF_STR(args);
    if (need_str(vm, args[1], "must be str, not %s") < 0) return VAL_ERROR;
    Str *sub = AS_STR(args[1]);
    int64_t b0, b1, count = 0;
    bool valid;
    if (str_window(vm, s, args + 1, n, 1, &b0, &b1, &valid) < 0) return VAL_ERROR;
    if (!valid) return val_int(0);
    if (sub->len == 0) return int_from_i64(vm, utf8_count(s->data + b0, b1 - b0) + 1);
    for (int64_t at; (at = find_bytes(s, sub, b0, b1, false)) >= 0; b0 = at + sub->len) count++;
    return int_from_i64(vm, count);
}

/* startswith / endswith: prefix a str or a tuple of str. */
static Value str_affix(VM *vm, Value *args, int nargs, Tuple *kwnames, const ArgSpec *spec,
                       bool end) {
    int n = arg_parse(vm, spec, args, nargs, kwnames, NULL);
    if (n < 0) return VAL_ERROR;
    Str *s = SELF_STR(args);
    Value p = args[1];
    int64_t b0, b1;
    bool valid;
    if (str_window(vm, s, args + 1, n, 1, &b0, &b1, &valid) < 0) return VAL_ERROR;
    int64_t count = IS_TUPLE(p) ? AS_TUPLE(p)->len : 1;
    for (int64_t i = 0; i < count; i++) {
        Value x = IS_TUPLE(p) ? AS_TUPLE(p)->items[i] : p;
        if (!IS_STR(x)) {
            if (IS_TUPLE(p))
                return vm_raise(vm, T_TYPE_ERROR, "tuple for %s must only contain str, not %s",
                                spec->name, type_name_of(vm, x));
            return vm_raise(vm, T_TYPE_ERROR, "%s first arg must be str or a tuple of str, not %s",
                            spec->name, type_name_of(vm, x));
        }
        Str *a = AS_STR(x);
        if (!valid || b1 - b0 < a->len) continue;
        if (memcmp(s->data + (end ? b1 - a->len : b0), a->data, (size_t)a->len) == 0)
            return VAL_TRUE;
    }
    return VAL_FALSE;
}

static Value str_startswith_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_STR, "startswith", ARGS_KW, 1, 3);
    return str_affix(vm, args, nargs, kwnames, &spec, false);
}

static Value str_endswith_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_STR, "endswith", ARGS_KW, 1, 3);
    return str_affix(vm, args, nargs, kwnames, &spec, true);
}

/* ---- str: building ------------------------------------------------------------ */

/* sep.join of items no Python code can change meanwhile (a list or tuple,
 * rooted by the caller's arguments): one pass to size the result, one to
 * fill it. */
static Value join_items(VM *vm, Str *sep, const Value *items, int64_t n) {
    if (n == 1 && IS_STR(items[0])) return items[0];
    if (n == 0) return val_obj(vm->empty_str);
    int64_t len = sep->len * (n - 1), nchars = sep->nchars * (n - 1);
    bool ascii = sep->ascii;
    for (int64_t i = 0; i < n; i++) {
        if (!IS_STR(items[i]))
            return vm_raise(vm, T_TYPE_ERROR, "sequence item %lld: expected str instance, %s found",
                            (long long)i, type_name_of(vm, items[i]));
        Str *s = AS_STR(items[i]);
        len += s->len;
        nchars += s->nchars;
        ascii = ascii && s->ascii;
    }
    Str *r = str_alloc(vm, len);
    if (!r) return VAL_ERROR;
    char *p = r->data;
    for (int64_t i = 0; i < n; i++) {
        Str *s = AS_STR(items[i]);
        if (i && sep->len) p = (char *)memcpy(p, sep->data, (size_t)sep->len) + sep->len;
        if (s->len) p = (char *)memcpy(p, s->data, (size_t)s->len) + s->len;
    }
    r->nchars = nchars;
    r->ascii = ascii;
    return val_obj(r);
}

static Value str_join_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_STR, "join", ARGS_METH, 1, 1);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    Str *sep = SELF_STR(args);
    Value src = args[1];
    if ((IS_LIST(src) && !val_is_builtin_sub(src)) || IS_TUPLE(src)) {
        if (IS_LIST(src)) return join_items(vm, sep, AS_LIST(src)->items, AS_LIST(src)->len);
        return join_items(vm, sep, AS_TUPLE(src)->items, AS_TUPLE(src)->len);
    }
    List *items = seq_to_list_or(vm, src, "can only join an iterable");
    if (!items) return VAL_ERROR;
    if (items->len == 1 && IS_STR(items->items[0])) return items->items[0];
    StrBuf b;
    sb_init(&b);
    for (int64_t i = 0; i < items->len; i++) {
        Value v = items->items[i];
        if (!IS_STR(v)) {
            sb_free(&b);
            return vm_raise(vm, T_TYPE_ERROR, "sequence item %lld: expected str instance, %s found",
                            (long long)i, type_name_of(vm, v));
        }
        if (i) sb_add(&b, sep->data, sep->len);
        sb_add(&b, AS_STR(v)->data, AS_STR(v)->len);
    }
    return finish(vm, &b);
}

static Value str_replace_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_STR, "replace", ARGS_POS, 2, 3);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    if (need_str(vm, args[1], "replace() argument 1 must be str, not %s") < 0 ||
        need_str(vm, args[2], "replace() argument 2 must be str, not %s") < 0)
        return VAL_ERROR;
    int64_t max = -1;
    if (nargs == 4 && arg_int64(vm, args[3], &max) < 0) return VAL_ERROR;
    Str *s = SELF_STR(args), *old = AS_STR(args[1]), *new = AS_STR(args[2]);
    StrBuf b;
    sb_init(&b);
    int64_t pos = 0, done = 0;
    if (old->len == 0) {
        /* Insert `new` before every code point and at the end. */
        while (max < 0 || done < max) {
            sb_add(&b, new->data, new->len);
            done++;
            if (pos >= s->len) break;
            int n = utf8_seqlen((unsigned char)s->data[pos]);
            sb_add(&b, s->data + pos, n);
            pos += n;
        }
    } else {
        for (int64_t at; (max < 0 || done < max) &&
                         (at = find_bytes(s, old, pos, s->len, false)) >= 0;
             done++) {
            sb_add(&b, s->data + pos, at - pos);
            sb_add(&b, new->data, new->len);
            pos = at + old->len;
        }
    }
    if (done == 0) {
        sb_free(&b);
        return args[0];
    }
    sb_add(&b, s->data + pos, s->len - pos);
    return finish(vm, &b);
}

/* ---- str: splitting and stripping ---------------------------------------------- */

static bool is_space_cp(uint32_t c) {
    return (c >= 9 && c <= 13) || c == ' ' || (c >= 0x1C && c <= 0x1F) || c == 0x85 ||
           c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
           c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

/* Code point starting at byte i / ending just before byte i. */
static uint32_t cp_at(const Str *s, int64_t i, int *n) {
    uint32_t c;
    *n = utf8_decode(s->data + i, &c);
    return c;
}

static uint32_t cp_before(const Str *s, int64_t i, int *n) {
    int64_t j = i - 1;
    while (j > 0 && ((unsigned char)s->data[j] & 0xC0) == 0x80) j--;
    *n = (int)(i - j);
    uint32_t c;
    utf8_decode(s->data + j, &c);
    return c;
}

static int append_piece(VM *vm, List *out, const Str *s, int64_t a, int64_t b) {
    Str *p = str_new(vm, s->data + a, b - a);
    return p ? list_append(vm, out, val_obj(p)) : -1;
}

/* split() with no separator: runs of whitespace, from the left or right. */
static int split_ws(VM *vm, List *out, Str *s, int64_t max, bool rev) {
    int64_t i = rev ? s->len : 0, end = rev ? 0 : s->len, n = 0;
    int w;
    for (;;) {
        while (rev ? i > end && is_space_cp(cp_before(s, i, &w)) : i < end && is_space_cp(cp_at(s, i, &w)))
            i += rev ? -w : w;
        if (rev ? i <= end : i >= end) return 0;
        int64_t j = i;
        if (max >= 0 && n >= max) {
            /* The rest, minus trailing (leading) whitespace already skipped. */
            return rev ? append_piece(vm, out, s, 0, i) : append_piece(vm, out, s, i, s->len);
        }
        while (rev ? j > end && !is_space_cp(cp_before(s, j, &w)) : j < end && !is_space_cp(cp_at(s, j, &w)))
            j += rev ? -w : w;
        if ((rev ? append_piece(vm, out, s, j, i) : append_piece(vm, out, s, i, j)) < 0) return -1;
        n++;
        i = j;
    }
}

static int split_sep(VM *vm, List *out, Str *s, Str *sep, int64_t max, bool rev) {
    int64_t n = 0, lo = 0, hi = s->len;
    while (max < 0 || n < max) {
        int64_t at = find_bytes(s, sep, lo, hi, rev);
        if (at < 0) break;
        if (rev ? append_piece(vm, out, s, at + sep->len, hi) < 0
                : append_piece(vm, out, s, lo, at) < 0)
            return -1;
        if (rev) hi = at;
        else lo = at + sep->len;
        n++;
    }
    return append_piece(vm, out, s, lo, hi);
}

static Value str_split_common(VM *vm, Value *args, int nargs, Tuple *kwnames,
                              const ArgSpec *spec, bool rev) {
    Value a[ARG_MAX_SLOTS];
    if (arg_parse(vm, spec, args, nargs, kwnames, a) < 0) return VAL_ERROR;
    Value sep = a[0] == VAL_NULL ? VAL_NONE : a[0];
    int64_t max = -1;
    if (a[1] != VAL_NULL && arg_int64(vm, a[1], &max) < 0) return VAL_ERROR;
    if (sep != VAL_NONE) {
        if (need_str(vm, sep, "must be str or None, not %s") < 0) return VAL_ERROR;
        if (AS_STR(sep)->len == 0) return vm_raise(vm, T_VALUE_ERROR, "empty separator");
    }
    List *out = list_new(vm, 0);
    if (!out) return VAL_ERROR;
    gc_push_root(vm, val_obj(out));
    Str *s = SELF_STR(args);
    int rc = sep == VAL_NONE ? split_ws(vm, out, s, max, rev)
                             : split_sep(vm, out, s, AS_STR(sep), max, rev);
    if (rc == 0 && rev) {
        for (int64_t i = 0, j = out->len - 1; i < j; i++, j--) {
            Value t = out->items[i];
            out->items[i] = out->items[j];
            out->items[j] = t;
        }
    }
    gc_pop_roots(vm, 1);
    return rc < 0 ? VAL_ERROR : val_obj(out);
}

static Value str_split_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD_KW(spec, T_STR, "split", ARGS_KW, 0, 2, "sep", "maxsplit");
    return str_split_common(vm, args, nargs, kwnames, &spec, false);
}

static Value str_rsplit_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD_KW(spec, T_STR, "rsplit", ARGS_KW, 0, 2, "sep", "maxsplit");
    return str_split_common(vm, args, nargs, kwnames, &spec, true);
}

static Value str_splitlines_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD_KW(spec, T_STR, "splitlines", ARGS_KW, 0, 1, "keepends");
    Value a[ARG_MAX_SLOTS];
    if (arg_parse(vm, &spec, args, nargs, kwnames, a) < 0) return VAL_ERROR;
    int keep = a[0] == VAL_NULL ? 0 : obj_truthy(vm, a[0]);
    if (keep < 0) return VAL_ERROR;
    List *out = list_new(vm, 0);
    if (!out) return VAL_ERROR;
    gc_push_root(vm, val_obj(out));
    Str *s = SELF_STR(args);
    int rc = 0;
    for (int64_t i = 0, start = 0; i < s->len && rc == 0;) {
        int w;
        uint32_t c = cp_at(s, i, &w);
        bool eol = c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || (c >= 0x1C && c <= 0x1E) ||
                   c == 0x85 || c == 0x2028 || c == 0x2029;
        int64_t next = i + w;
        if (c == '\r' && next < s->len && s->data[next] == '\n') next++;
        if (eol) {
            rc = append_piece(vm, out, s, start, keep ? next : i);
            start = next;
        } else if (next >= s->len) {
            rc = append_piece(vm, out, s, start, next);
        }
        i = next;
    }
    gc_pop_roots(vm, 1);
    return rc < 0 ? VAL_ERROR : val_obj(out);
}

/* Does code point c occur in chars (NULL = whitespace)? */
static bool in_chars(const Str *chars, uint32_t c) {
    if (!chars) return is_space_cp(c);
    for (int64_t i = 0; i < chars->len;) {
        uint32_t d;
        i += utf8_decode(chars->data + i, &d);
        if (d == c) return true;
    }
    return false;
}

static Value str_strip_common(VM *vm, Value *args, int nargs, Tuple *kwnames,
                              const ArgSpec *spec, bool left, bool right) {
    if (arg_parse(vm, spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    Str *s = SELF_STR(args), *chars = NULL;
    if (nargs == 2 && args[1] != VAL_NONE) {
        if (!IS_STR(args[1]))
            return vm_raise(vm, T_TYPE_ERROR, "%s arg must be None or str", spec->name);
        chars = AS_STR(args[1]);
    }
    int64_t a = 0, b = s->len;
    int w;
    while (left && a < b && in_chars(chars, cp_at(s, a, &w))) a += w;
    while (right && b > a && in_chars(chars, cp_before(s, b, &w))) b -= w;
    if (a == 0 && b == s->len) return args[0];
    return new_str(vm, s->data + a, b - a);
}

static Value str_strip_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_STR, "strip", ARGS_POS, 0, 1);
    return str_strip_common(vm, args, nargs, kwnames, &spec, true, true);
}

static Value str_lstrip_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_STR, "lstrip", ARGS_POS, 0, 1);
    return str_strip_common(vm, args, nargs, kwnames, &spec, true, false);
}

static Value str_rstrip_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_STR, "rstrip", ARGS_POS, 0, 1);
    return str_strip_common(vm, args, nargs, kwnames, &spec, false, true);
}

/* partition / rpartition: (head, sep, tail). */
static Value str_partition_common(VM *vm, Value *args, int nargs, Tuple *kwnames,
                                  const ArgSpec *spec, bool rev) {
    if (arg_parse(vm, spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    if (need_str(vm, args[1], "must be str, not %s") < 0) return VAL_ERROR;
    Str *s = SELF_STR(args), *sep = AS_STR(args[1]);
    if (sep->len == 0) return vm_raise(vm, T_VALUE_ERROR, "empty separator");
    Tuple *t = tuple_new(vm, 3);
    if (!t) return VAL_ERROR;
    gc_push_root(vm, val_obj(t));
    int64_t at = find_bytes(s, sep, 0, s->len, rev);
    Value empty = val_obj(vm->empty_str);
    if (at < 0) {
        t->items[rev ? 2 : 0] = args[0];
        t->items[1] = t->items[rev ? 0 : 2] = empty;
    } else {
        Value head = new_str(vm, s->data, at);
        if (head != VAL_ERROR) t->items[0] = head;
        Value tail = head == VAL_ERROR ? VAL_ERROR
                     : new_str(vm, s->data + at + sep->len, s->len - at - sep->len);
        if (tail != VAL_ERROR) t->items[2] = tail;
        t->items[1] = args[1];
        if (tail == VAL_ERROR) t = NULL;
    }
    gc_pop_roots(vm, 1);
    return t ? val_obj(t) : VAL_ERROR;
}

static Value str_partition_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_STR, "partition", ARGS_METH, 1, 1);
    return str_partition_common(vm, args, nargs, kwnames, &spec, false);
}

static Value str_rpartition_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_STR, "rpartition", ARGS_METH, 1, 1);
    return str_partition_common(vm, args, nargs, kwnames, &spec, true);
}

/* ---- str: case and classification ----------------------------------------------- */

/* Simple one-to-one case mappings for ASCII, Latin-1, Latin Extended-A,
 * Greek and Cyrillic; other code points have no case here. */
static uint32_t cp_lower(uint32_t c) {
    if (c < 128) return c >= 'A' && c <= 'Z' ? c + 32 : c;
    if ((c >= 0xC0 && c <= 0xDE && c != 0xD7) || (c >= 0x391 && c <= 0x3AB && c != 0x3A2) ||
        (c >= 0x410 && c <= 0x42F))
        return c + 32;
    if (c >= 0x400 && c <= 0x40F) return c + 80;
    if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return c | 1;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return c & 1 ? c + 1 : c;
    if (c == 0x178) return 0xFF;
    if (c == 0x386) return 0x3AC;
    if (c >= 0x388 && c <= 0x38A) return c + 37;
    if (c == 0x38C) return 0x3CC;
    if (c == 0x38E || c == 0x38F) return c + 63;
    return c;
}

static uint32_t cp_upper(uint32_t c) {
    if (c < 128) return c >= 'a' && c <= 'z' ? c - 32 : c;
    if ((c >= 0xE0 && c <= 0xFE && c != 0xF7) || (c >= 0x3B1 && c <= 0x3CB && c != 0x3C2) ||
        (c >= 0x430 && c <= 0x44F))
        return c - 32;
    if (c >= 0x450 && c <= 0x45F) return c - 80;
    if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return c & ~1u;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return c & 1 ? c : c - 1;
    if (c == 0xFF) return 0x178;
    if (c == 0xB5) return 0x39C;
    if (c == 0x3C2) return 0x3A3;
    if (c == 0x3AC) return 0x386;
    if (c >= 0x3AD && c <= 0x3AF) return c - 37;
    if (c == 0x3CC) return 0x38C;
    if (c == 0x3CD || c == 0x3CE) return c - 63;
    return c;
}

static bool cp_is_upper(uint32_t c) { return cp_lower(c) != c; }
static bool cp_is_lower(uint32_t c) { return cp_upper(c) != c || c == 0xDF; }
static bool cp_is_digit(uint32_t c) { return c >= '0' && c <= '9'; }
static bool cp_is_alpha(uint32_t c) {
    return cp_is_upper(c) || cp_is_lower(c) || (c >= 0x4E00 && c <= 0x9FFF) ||
           (c >= 0x3040 && c <= 0x30FF) || (c >= 0xAC00 && c <= 0xD7A3);
}

typedef enum CaseMode { CASE_UPPER, CASE_LOWER, CASE_SWAP, CASE_CAPITALIZE, CASE_TITLE } CaseMode;

/* Code point c of a string under `mode`; first: c begins the string;
 * *prev_cased: the previous code point was cased (title case). */
static uint32_t case_map(CaseMode mode, uint32_t c, bool first, bool *prev_cased) {
    switch (mode) {
    case CASE_UPPER: return cp_upper(c);
    case CASE_LOWER: return cp_lower(c);
    case CASE_SWAP: return cp_is_upper(c) ? cp_lower(c) : cp_upper(c);
    case CASE_CAPITALIZE: return first ? cp_upper(c) : cp_lower(c);
    case CASE_TITLE: {
        bool cased = cp_is_upper(c) || cp_is_lower(c);
        c = *prev_cased ? cp_lower(c) : cp_upper(c);
        *prev_cased = cased;
        return c;
    }
    }
    return c;
}

static Value str_case(VM *vm, Value *args, int nargs, Tuple *kwnames, const ArgSpec *spec,
                      CaseMode mode) {
    if (arg_parse(vm, spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    Str *s = SELF_STR(args);
    bool prev_cased = false;
    if (s->ascii && s->len > 0) {
        /* ASCII maps to ASCII byte for byte: no decoding, no buffer. */
        if (s->len == 1)
            return val_obj(vm->chars[case_map(mode, (unsigned char)s->data[0], true, &prev_cased)]);
        Str *r = str_alloc(vm, s->len);
        if (!r) return VAL_ERROR;
        for (int64_t i = 0; i < s->len; i++)
            r->data[i] = (char)case_map(mode, (unsigned char)s->data[i], i == 0, &prev_cased);
        r->nchars = s->len;
        r->ascii = 1;
        return val_obj(r);
    }
    StrBuf b;
    sb_init(&b);
    for (int64_t i = 0; i < s->len;) {
        uint32_t c;
        bool first = i == 0;
        i += utf8_decode(s->data + i, &c);
        c = case_map(mode, c, first, &prev_cased);
        char buf[4];
        sb_add(&b, buf, utf8_encode(c, buf));
    }
    return finish(vm, &b);
}

#define CASE_METHOD(fn, pyname, mode)                                            \
    static Value fn(VM *vm, Value *args, int nargs, Tuple *kwnames) {            \
        METHOD(spec, T_STR, pyname, ARGS_METH, 0, 0);                            \
        return str_case(vm, args, nargs, kwnames, &spec, mode);                  \
    }
CASE_METHOD(str_upper_m, "upper", CASE_UPPER)
CASE_METHOD(str_lower_m, "lower", CASE_LOWER)
CASE_METHOD(str_swapcase_m, "swapcase", CASE_SWAP)
CASE_METHOD(str_capitalize_m, "capitalize", CASE_CAPITALIZE)
CASE_METHOD(str_title_m, "title", CASE_TITLE)

typedef enum ClassMode { IS_DIGIT, IS_ALPHA, IS_ALNUM, IS_SPACE, IS_UPPER, IS_LOWER } ClassMode;

static Value str_classify(VM *vm, Value *args, int nargs, Tuple *kwnames, const ArgSpec *spec,
                          ClassMode mode) {
    if (arg_parse(vm, spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    Str *s = SELF_STR(args);
    if (s->len == 0) return VAL_FALSE;
    bool cased = false;
    for (int64_t i = 0; i < s->len;) {
        uint32_t c;
        i += utf8_decode(s->data + i, &c);
        bool ok = true;
        switch (mode) {
        case IS_DIGIT: ok = cp_is_digit(c); break;
        case IS_ALPHA: ok = cp_is_alpha(c); break;
        case IS_ALNUM: ok = cp_is_alpha(c) || cp_is_digit(c); break;
        case IS_SPACE: ok = is_space_cp(c); break;
        case IS_UPPER: ok = !cp_is_lower(c); cased |= cp_is_upper(c); break;
        case IS_LOWER: ok = !cp_is_upper(c); cased |= cp_is_lower(c); break;
        }
        if (!ok) return VAL_FALSE;
    }
    return mode == IS_UPPER || mode == IS_LOWER ? val_bool(cased) : VAL_TRUE;
}

#define CLASS_METHOD(fn, pyname, mode)                                           \
    static Value fn(VM *vm, Value *args, int nargs, Tuple *kwnames) {            \
        METHOD(spec, T_STR, pyname, ARGS_METH, 0, 0);                            \
        return str_classify(vm, args, nargs, kwnames, &spec, mode);              \
    }
CLASS_METHOD(str_isdigit_m, "isdigit", IS_DIGIT)
CLASS_METHOD(str_isdecimal_m, "isdecimal", IS_DIGIT)
CLASS_METHOD(str_isnumeric_m, "isnumeric", IS_DIGIT)
CLASS_METHOD(str_isalpha_m, "isalpha", IS_ALPHA)
CLASS_METHOD(str_isalnum_m, "isalnum", IS_ALNUM)
CLASS_METHOD(str_isspace_m, "isspace", IS_SPACE)
CLASS_METHOD(str_isupper_m, "isupper", IS_UPPER)
CLASS_METHOD(str_islower_m, "islower", IS_LOWER)

/* ---- str: padding ------------------------------------------------------------------ */

/* Pad s to width code points with `left` fill chars before and the rest after. */
static Value pad(VM *vm, Value self, int64_t left, int64_t right, const char *fill, int fn) {
    Str *s = AS_STR(self);
    if (left <= 0 && right <= 0) return self;
    StrBuf b;
    sb_init(&b);
    for (int64_t i = 0; i < left; i++) sb_add(&b, fill, fn);
    sb_add(&b, s->data, s->len);
    for (int64_t i = 0; i < right; i++) sb_add(&b, fill, fn);
    return finish(vm, &b);
}

typedef enum PadMode { PAD_CENTER, PAD_LJUST, PAD_RJUST } PadMode;

static Value str_pad_common(VM *vm, Value *args, int nargs, Tuple *kwnames, const ArgSpec *spec,
                            PadMode mode) {
    if (arg_parse(vm, spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    int64_t width;
    if (arg_int64(vm, args[1], &width) < 0) return VAL_ERROR;
    const char *fill = " ";
    int fn = 1;
    if (nargs == 3) {
        if (!IS_STR(args[2]))
            return vm_raise(vm, T_TYPE_ERROR, "%s() argument 2 must be str, not %s", spec->name,
                            type_name_of(vm, args[2]));
        if (AS_STR(args[2])->nchars != 1)
            return vm_raise(vm, T_TYPE_ERROR, "The fill character must be exactly one character long");
        fill = AS_STR(args[2])->data;
        fn = (int)AS_STR(args[2])->len;
    }
    int64_t total = width - SELF_STR(args)->nchars;
    if (total <= 0) return args[0];
    int64_t left = mode == PAD_LJUST ? 0 : mode == PAD_RJUST ? total
                   : total / 2 + (total & width & 1);
    return pad(vm, args[0], left, total - left, fill, fn);
}

static Value str_center_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_STR, "center", ARGS_POS, 1, 2);
    return str_pad_common(vm, args, nargs, kwnames, &spec, PAD_CENTER);
}

static Value str_ljust_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_STR, "ljust", ARGS_POS, 1, 2);
    return str_pad_common(vm, args, nargs, kwnames, &spec, PAD_LJUST);
}

static Value str_rjust_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_STR, "rjust", ARGS_POS, 1, 2);
    return str_pad_common(vm, args, nargs, kwnames, &spec, PAD_RJUST);
}

static Value str_zfill_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_STR, "zfill", ARGS_METH, 1, 1);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    int64_t width;
    if (arg_int64(vm, args[1], &width) < 0) return VAL_ERROR;
    Str *s = SELF_STR(args);
    int64_t fill = width - s->nchars;
    if (fill <= 0) return args[0];
    StrBuf b;
    sb_init(&b);
    int64_t i = 0;
    if (s->len && (s->data[0] == '+' || s->data[0] == '-')) sb_addc(&b, s->data[i++]);
    for (int64_t k = 0; k < fill; k++) sb_addc(&b, '0');
    sb_add(&b, s->data + i, s->len - i);
    return finish(vm, &b);
}

/* ---- int and float ------------------------------------------------------------------- */

static Value int_bit_length_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_INT, "bit_length", ARGS_METH, 0, 0);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    Value v = args[0];
    if (IS_BIGINT(v)) return int_from_i64(vm, (int64_t)mpz_sizeinbase(AS_BIGINT(v)->z, 2));
    int64_t x = val_is_bool(v) ? v == VAL_TRUE : val_as_int(v);
    uint64_t m = x < 0 ? (uint64_t)-x : (uint64_t)x;
    return val_int(m ? 64 - __builtin_clzll(m) : 0);
}

static Value float_is_integer_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_FLOAT, "is_integer", ARGS_METH, 0, 0);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    double d = val_as_float(args[0]);
    return val_bool(isfinite(d) && floor(d) == d);
}

/* ---- registration -------------------------------------------------------------------- */

void methods_init(VM *vm) {
    static const struct { TypeId t; const char *name; NativeFn fn; } table[] = {
        {T_LIST, "append", list_append_m},     {T_LIST, "extend", list_extend_m},
        {T_LIST, "pop", list_pop_m},           {T_LIST, "insert", list_insert_m},
        {T_LIST, "index", list_index_m},       {T_LIST, "count", list_count_m},
        {T_LIST, "remove", list_remove_m},     {T_LIST, "reverse", list_reverse_m},
        {T_LIST, "clear", list_clear_m},       {T_LIST, "copy", list_copy_m},
        {T_LIST, "sort", list_sort_m},
        {T_TUPLE, "index", tuple_index_m},     {T_TUPLE, "count", tuple_count_m},
        {T_DICT, "get", dict_get_m},           {T_DICT, "keys", dict_keys_m},
        {T_DICT, "values", dict_values_m},     {T_DICT, "items", dict_items_m},
        {T_DICT, "pop", dict_pop_m},           {T_DICT, "popitem", dict_popitem_m},
        {T_DICT, "setdefault", dict_setdefault_m}, {T_DICT, "update", dict_update_m},
        {T_DICT, "clear", dict_clear_m},       {T_DICT, "copy", dict_copy_m},
        {T_STR, "format", str_format_m}, {T_STR, "format_map", str_format_map_m},       {T_STR, "join", str_join_m},           {T_STR, "split", str_split_m},
        {T_STR, "rsplit", str_rsplit_m},       {T_STR, "splitlines", str_splitlines_m},
        {T_STR, "strip", str_strip_m},         {T_STR, "lstrip", str_lstrip_m},
        {T_STR, "rstrip", str_rstrip_m},       {T_STR, "upper", str_upper_m},
        {T_STR, "lower", str_lower_m},         {T_STR, "swapcase", str_swapcase_m},
        {T_STR, "capitalize", str_capitalize_m}, {T_STR, "title", str_title_m},
        {T_STR, "replace", str_replace_m},     {T_STR, "startswith", str_startswith_m},
        {T_STR, "endswith", str_endswith_m},   {T_STR, "find", str_find_m},
        {T_STR, "rfind", str_rfind_m},         {T_STR, "index", str_index_m},
        {T_STR, "rindex", str_rindex_m},       {T_STR, "count", str_count_m},
        {T_STR, "partition", str_partition_m}, {T_STR, "rpartition", str_rpartition_m},
        {T_STR, "isdigit", str_isdigit_m},     {T_STR, "isdecimal", str_isdecimal_m},
        {T_STR, "isnumeric", str_isnumeric_m}, {T_STR, "isalpha", str_isalpha_m},
        {T_STR, "isalnum", str_isalnum_m},     {T_STR, "isspace", str_isspace_m},
        {T_STR, "isupper", str_isupper_m},     {T_STR, "islower", str_islower_m},
        {T_STR, "center", str_center_m},       {T_STR, "ljust", str_ljust_m},
        {T_STR, "rjust", str_rjust_m},         {T_STR, "zfill", str_zfill_m},
        {T_LIST, "__init__", list_init_m},    {T_DICT, "__init__", dict_init_m},
        {T_INT, "bit_length", int_bit_length_m},
        {T_FLOAT, "is_integer", float_is_integer_m},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        type_add_native(vm, vm->types[table[i].t], table[i].name, table[i].fn);
    /* A classmethod, so that a dict subclass's fromkeys builds one of its own. */
    type_add_native(vm, vm->types[T_DICT], "fromkeys", dict_fromkeys_m);
    Dict *dd = vm->types[T_DICT]->dict;
    Str *fk = str_intern_cstr(vm, "fromkeys");
    Value cm = fk ? descr_classmethod_new(vm, dict_get_str(dd, fk)) : VAL_ERROR;
    if (cm != VAL_ERROR) dict_set_str(vm, dd, fk, cm);
    type_modified(vm, vm->types[T_DICT]);
    iter_init_dunders(vm);
}
