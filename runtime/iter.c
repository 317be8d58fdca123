/* iter.c: the container protocol (iteration, subscripts, membership, len)
 * and the iterator and view objects.
 *
 * Every iterator and view is an Iter (object.h); obj.type says which, and
 * the fields mean (the interpreter's FOR_ITER fast paths read them directly):
 *
 *   list_iterator, tuple_iterator
 *       src = the list / tuple, index = position of the next item.
 *   str_ascii_iterator
 *       src = the str, index = byte offset of the next code point.
 *   range_iterator
 *       index = the next value, stop = the range's stop, step = its step
 *       (exhausted when index is not before stop in step's direction);
 *       src unused (None).
 *   dict_keyiterator, dict_valueiterator, dict_itemiterator
 *       src = the dict, index = entry position for dict_next, stop = the
 *       dict's len when iteration began (a change raises RuntimeError; after
 *       that stop is -1 so the iterator stays broken, as in CPython).
 *       index is DICT_ITER_DONE once StopIteration was raised: from then on
 *       always exhausted, even if the dict changes (CPython drops its dict).
 *   dict_reversekeyiterator, dict_reversevalueiterator,
 *   dict_reverseitemiterator
 *       as the forward ones, but index walks down from the last entry.
 *   dict_keys, dict_values, dict_items (views)
 *       src = the dict.
 *   enumerate
 *       src = the underlying iterator, aux = the next count (an int Value).
 *   zip
 *       src = a tuple of iterators (empty: always exhausted), step = 1 when
 *       strict=True.
 *   reversed
 *       src = the list / tuple / str, or a user sequence (read through
 *       __getitem__), index = position of the next item (byte offset just
 *       past the next code point for str); -1 or below when exhausted.
 *   map
 *       src = a tuple of iterators, aux = the function.
 *   filter
 *       src = the underlying iterator, aux = the predicate (None: truth).
 */
#define _GNU_SOURCE /* memmem */
#include <stdlib.h>
#include <string.h>

#include "builtins.h"

/* ---- helpers ----------------------------------------------------------- */

const char *type_name_of(VM *vm, Value v) { return val_type(vm, v)->name->data; }

Value raise_with_arg(VM *vm, TypeId t, Value arg) {
    Tuple *args = vm->empty_tuple;
    gc_push_root(vm, arg);
    if (arg != VAL_NULL) args = tuple_from(vm, &arg, 1);
    gc_pop_roots(vm, 1);
    if (!args) return VAL_ERROR;
    gc_push_root(vm, val_obj(args));
    Value e = exc_new(vm, vm->types[t], args);
    gc_pop_roots(vm, 1);
    if (e == VAL_ERROR) return VAL_ERROR;
    return vm_raise_value(vm, e);
}

/* Which builtin iterator/view class an Iter is (T_LIST_ITER .. T_FILTER). */
static TypeId iter_tid(VM *vm, Value it) {
    Type *t = val_as_obj(it)->type;
    for (int i = T_LIST_ITER; i <= T_FILTER; i++)
        if (vm->types[i] == t) return (TypeId)i;
    return T_OBJECT;
}

static bool is_view(TypeId t) { return t >= T_DICT_KEYS && t <= T_DICT_ITEMS; }

static bool is_user_object(Value v) {
    return val_is_kind(v, OBJ_INSTANCE) || val_is_kind(v, OBJ_EXCEPTION);
}

Value iter_new(VM *vm, TypeId t, Value src) {
    gc_push_root(vm, src);
    Iter *it = gc_alloc(vm, sizeof(Iter), OBJ_ITER, vm->types[t]);
    gc_pop_roots(vm, 1);
    if (!it) return VAL_ERROR;
    it->src = src;
    it->aux = VAL_NONE;
    return val_obj(it);
}

Value range_new(VM *vm, int64_t start, int64_t stop, int64_t step) {
    Range *r = gc_alloc(vm, sizeof(Range), OBJ_RANGE, vm->types[T_RANGE]);
    if (!r) return VAL_ERROR;
    r->start = start;
    r->stop = stop;
    r->step = step;
    return val_obj(r);
}

Value slice_new(VM *vm, Value start, Value stop, Value step) {
    gc_push_root(vm, start);
    gc_push_root(vm, stop);
    gc_push_root(vm, step);
    Slice *s = gc_alloc(vm, sizeof(Slice), OBJ_SLICE, vm->types[T_SLICE]);
    gc_pop_roots(vm, 3);
    if (!s) return VAL_ERROR;
    s->start = start;
    s->stop = stop;
    s->step = step;
    return val_obj(s);
}

/* Items in range(start, stop, step); 128-bit so no bound overflows. */
static int64_t range_count(int64_t start, int64_t stop, int64_t step) {
    __int128 lo = start, hi = stop, st = step;
    if (st > 0) return lo < hi ? (int64_t)((hi - lo - 1) / st + 1) : 0;
    return lo > hi ? (int64_t)((lo - hi - 1) / -st + 1) : 0;
}

/* An index operand: 1 when key is an int that fits (in *out), 0 when key is
 * not an int at all, -1 with IndexError raised when it is too big. */
static int index_value(VM *vm, Value key, int64_t *out) {
    if (val_is_int(key)) { *out = val_as_int(key); return 1; }
    if (val_is_bool(key)) { *out = key == VAL_TRUE; return 1; }
    if (!IS_BIGINT(key)) return 0;
    vm_raise(vm, T_INDEX_ERROR, "cannot fit 'int' into an index-sized integer");
    return -1;
}

/* Normalize a possibly negative index into [0, len); false if outside. */
static bool index_in(int64_t *i, int64_t len) {
    if (*i < 0) *i += len;
    return *i >= 0 && *i < len;
}

int slice_bound(VM *vm, Value v, int64_t def, int64_t *out) {
    if (v == VAL_NONE) { *out = def; return 0; }
    if (val_is_int(v) || val_is_bool(v)) { *out = val_is_bool(v) ? v == VAL_TRUE : val_as_int(v); return 0; }
    if (IS_BIGINT(v)) {
        *out = int_cmp(v, val_int(0)) < 0 ? INT64_MIN : INT64_MAX;
        return 0;
    }
    vm_raise(vm, T_TYPE_ERROR, "slice indices must be integers or None or have an __index__ method");
    return -1;
}

/* The items a slice selects from a sequence of length len, as CPython's
 * PySlice_Unpack + PySlice_AdjustIndices compute them. */
static int slice_unpack(VM *vm, Slice *s, int64_t len, int64_t *start, int64_t *stop,
                        int64_t *step, int64_t *count) {
    int64_t st, a, b;
    if (slice_bound(vm, s->step, 1, &st) < 0) return -1;
    if (st == 0) {
        vm_raise(vm, T_VALUE_ERROR, "slice step cannot be zero");
        return -1;
    }
    if (st < -INT64_MAX) st = -INT64_MAX;
    if (slice_bound(vm, s->start, st < 0 ? INT64_MAX : 0, &a) < 0) return -1;
    if (slice_bound(vm, s->stop, st < 0 ? INT64_MIN : INT64_MAX, &b) < 0) return -1;
    if (a < 0) { a += len; if (a < 0) a = st < 0 ? -1 : 0; }
    else if (a >= len) a = st < 0 ? len - 1 : len;
    if (b < 0) { b += len; if (b < 0) b = st < 0 ? -1 : 0; }
    else if (b >= len) b = st < 0 ? len - 1 : len;
    if (st < 0) *count = b < a ? (a - b - 1) / -st + 1 : 0;
    else *count = a < b ? (b - a - 1) / st + 1 : 0;
    *start = a;
    *stop = b;
    *step = st;
    return 0;
}

/* ---- str pieces ---------------------------------------------------------- */

Value str_char_at(VM *vm, Str *s, int64_t index) {
    const char *p = s->data + str_byte_offset(s, index);
    int n = utf8_seqlen((unsigned char)*p);
    Str *r = n == 1 ? str_intern(vm, p, 1) : str_new(vm, p, n);
    return r ? val_obj(r) : VAL_ERROR;
}

static Value str_slice(VM *vm, Str *s, int64_t start, int64_t step, int64_t count) {
    if (count == s->nchars && step == 1) return val_obj(s);
    if (step == 1) {
        int64_t a = str_byte_offset(s, start);
        int64_t b = s->ascii ? start + count : a;
        if (!s->ascii)
            for (int64_t i = 0; i < count; i++) b += utf8_seqlen((unsigned char)s->data[b]);
        Str *r = str_new(vm, s->data + a, b - a);
        return r ? val_obj(r) : VAL_ERROR;
    }
    /* Extended slice: byte offsets of every code point, then pick. */
    int64_t *offs = NULL;
    if (!s->ascii) {
        offs = malloc((size_t)(s->nchars + 1) * sizeof *offs);
        if (!offs) return vm_raise(vm, T_MEMORY_ERROR, "");
        for (int64_t i = 0, off = 0; i <= s->nchars; i++) {
            offs[i] = off;
            if (i < s->nchars) off += utf8_seqlen((unsigned char)s->data[off]);
        }
    }
    StrBuf b;
    sb_init(&b);
    for (int64_t i = 0, k = start; i < count; i++, k += step) {
        if (offs) sb_add(&b, s->data + offs[k], offs[k + 1] - offs[k]);
        else sb_addc(&b, s->data[k]);
    }
    free(offs);
    Str *r = sb_finish(vm, &b);
    return r ? val_obj(r) : VAL_ERROR;
}

/* ---- iteration ---------------------------------------------------------- */

/* The builtin behaviour of obj_iter, obj_getitem, ... for a list or dict
 * (also the list./dict.__dunder__ natives super() finds); the obj_ entry
 * points first let a user subclass's own dunder override it. */
static Value iter_builtin(VM *vm, Value v);
static Value getitem_builtin(VM *vm, Value c, Value key);
static int store_builtin(VM *vm, Value c, Value key, Value v);
static int contains_builtin(VM *vm, Value c, Value item);
static int64_t len_builtin(VM *vm, Value v);

/* A new range iterator `it` (or VAL_ERROR) set to walk r. */
static Value range_iter_start(Value it, const Range *r) {
    if (it == VAL_ERROR) return it;
    AS_ITER(it)->index = r->start;
    AS_ITER(it)->stop = r->stop;
    AS_ITER(it)->step = r->step;
    return it;
}

/* A loop's own iterator over src (type t), a spare one when there is one:
 * an exhausted loop iterator is garbage nothing can reach (the loop popped
 * it; GET_ITER's result lives on the value stack, or in a comprehension's
 * hidden `.0`, never in a name), so its memory serves again. */
static Value loop_iter_new(VM *vm, TypeId t, Value src) {
    Iter *it;
    if (vm->nspare_iters > 0) {
        it = vm->spare_iters[--vm->nspare_iters];
        it->obj.type = vm->types[t];
        it->index = it->stop = it->step = 0;
    } else {
        Value v = iter_new(vm, t, src);
        if (v == VAL_ERROR) return v;
        it = AS_ITER(v);
        it->obj.loop_iter = 1;
    }
    it->src = src;
    it->aux = VAL_NONE;
    return val_obj(it);
}

Value obj_loop_iter(VM *vm, Value v) {
    if (!val_is_obj(v)) return obj_iter(vm, v);
    switch ((ObjKind)val_as_obj(v)->kind) {
    case OBJ_LIST:
        if (val_as_obj(v)->type != vm->types[T_LIST]) break;
        return loop_iter_new(vm, T_LIST_ITER, v);
    case OBJ_TUPLE:
        if (val_as_obj(v)->type != vm->types[T_TUPLE]) break;
        return loop_iter_new(vm, T_TUPLE_ITER, v);
    case OBJ_RANGE:
        return range_iter_start(loop_iter_new(vm, T_RANGE_ITER, VAL_NONE), AS_RANGE(v));
    default:
        break;
    }
    return obj_iter(vm, v);
}

Value obj_iter(VM *vm, Value v) {
    if (val_is_builtin_sub(v)) {
        Value r = obj_call_override(vm, v, vm->names[NAME_ITER], NULL, 0);
        if (r != VAL_NULL) return r;
    }
    return iter_builtin(vm, v);
}

bool obj_is_iterable(VM *vm, Value v) {
    if (!val_is_obj(v)) return false;
    switch ((ObjKind)val_as_obj(v)->kind) {
    case OBJ_LIST: case OBJ_TUPLE: case OBJ_STR: case OBJ_DICT: case OBJ_SET:
    case OBJ_RANGE: case OBJ_ITER: case OBJ_GEN:
        return true;
    case OBJ_INSTANCE: case OBJ_EXCEPTION:
        return type_lookup(vm, val_type(vm, v), vm->names[NAME_ITER]) != VAL_NULL;
    default:
        return false;
    }
}

static Value iter_builtin(VM *vm, Value v) {
    if (val_is_obj(v)) {
        switch ((ObjKind)val_as_obj(v)->kind) {
        case OBJ_LIST: return iter_new(vm, T_LIST_ITER, v);
        case OBJ_TUPLE: return iter_new(vm, T_TUPLE_ITER, v);
        case OBJ_STR: return iter_new(vm, T_STR_ITER, v);
        case OBJ_DICT: {
            Value it = iter_new(vm, T_DICT_KEYITER, v);
            if (it != VAL_ERROR) AS_ITER(it)->stop = AS_DICT(v)->len;
            return it;
        }
        case OBJ_SET: {
            Value it = iter_new(vm, T_SET_ITER, v);
            if (it != VAL_ERROR) AS_ITER(it)->stop = AS_SET(v)->used;
            return it;
        }
        case OBJ_RANGE:
            return range_iter_start(iter_new(vm, T_RANGE_ITER, VAL_NONE), AS_RANGE(v));
        case OBJ_ITER: {
            TypeId t = iter_tid(vm, v);
            if (!is_view(t)) return v;
            Value d = AS_ITER(v)->src;
            Value it = iter_new(vm, T_DICT_KEYITER + (t - T_DICT_KEYS), d);
            if (it != VAL_ERROR) AS_ITER(it)->stop = AS_DICT(d)->len;
            return it;
        }
        case OBJ_GEN:
            return v;
        case OBJ_INSTANCE:
        case OBJ_EXCEPTION: {
            Value it = vm_call_dunder(vm, v, vm->names[NAME_ITER], NULL, 0);
            if (it == VAL_ERROR) return it;
            if (it == VAL_NULL) break;
            bool ok = val_is_kind(it, OBJ_ITER) || IS_GEN(it) ||
                      (is_user_object(it) &&
                       type_lookup(vm, val_type(vm, it), vm->names[NAME_NEXT]) != VAL_NULL);
            if (!ok)
                return vm_raise(vm, T_TYPE_ERROR, "iter() returned non-iterator of type '%s'",
                                type_name_of(vm, it));
            return it;
        }
        default:
            break;
        }
    }
    return vm_raise(vm, T_TYPE_ERROR, "'%s' object is not iterable", type_name_of(vm, v));
}

/* A dict iterator whose dict changed size raises, and keeps raising. */
static bool dict_iter_resized(VM *vm, Iter *it) {
    if (it->stop == AS_DICT(it->src)->len) return false;
    it->stop = -1;
    vm_raise(vm, T_RUNTIME_ERROR, "dictionary changed size during iteration");
    return true;
}

/* What a key (kind 0), value (1) or item (2) iterator yields for kv. */
static Value dict_iter_item(VM *vm, int kind, Value kv[2]) {
    if (kind < 2) return kv[kind];
    Tuple *pair = tuple_from(vm, kv, 2);
    return pair ? val_obj(pair) : VAL_ERROR;
}

#define DICT_ITER_DONE (-2)

static Value next_dict(VM *vm, Iter *it, TypeId t) {
    if (it->index == DICT_ITER_DONE) return VAL_NULL;
    if (dict_iter_resized(vm, it)) return VAL_ERROR;
    Value kv[2];
    if (!dict_next(AS_DICT(it->src), &it->index, &kv[0], &kv[1])) {
        it->index = DICT_ITER_DONE;
        return VAL_NULL;
    }
    return dict_iter_item(vm, (int)(t - T_DICT_KEYITER), kv);
}

static Value next_dict_rev(VM *vm, Iter *it, TypeId t) {
    if (it->index == DICT_ITER_DONE) return VAL_NULL;
    if (dict_iter_resized(vm, it)) return VAL_ERROR;
    Dict *d = AS_DICT(it->src);
    /* A same-size change may have compacted the entries below index. */
    if (it->index >= d->used) it->index = d->used - 1;
    while (it->index >= 0 && d->entries[it->index].key == VAL_NULL) it->index--;
    if (it->index < 0) {
        it->index = DICT_ITER_DONE;
        return VAL_NULL;
    }
    DictEntry *e = &d->entries[it->index--];
    Value kv[2] = {e->key, e->value};
    return dict_iter_item(vm, (int)(t - T_DICT_REVKEYITER), kv);
}

Value dict_reversed(VM *vm, Value v) {
    TypeId t = T_DICT_REVKEYITER;
    if (!IS_DICT(v)) {
        TypeId vt = iter_tid(vm, v);
        if (!is_view(vt)) return VAL_NULL;
        t = T_DICT_REVKEYITER + (vt - T_DICT_KEYS);
        v = AS_ITER(v)->src;
    }
    Value it = iter_new(vm, t, v);
    if (it == VAL_ERROR) return it;
    AS_ITER(it)->index = AS_DICT(v)->used - 1;
    AS_ITER(it)->stop = AS_DICT(v)->len;
    return it;
}

static Value next_str(VM *vm, Iter *it) {
    Str *s = AS_STR(it->src);
    if (it->index >= s->len) return VAL_NULL;
    const char *p = s->data + it->index;
    int n = utf8_seqlen((unsigned char)*p);
    it->index += n;
    Str *r = n == 1 ? str_intern(vm, p, 1) : str_new(vm, p, n);
    return r ? val_obj(r) : VAL_ERROR;
}

static Value next_range(VM *vm, Iter *it) {
    int64_t v = it->index;
    if (it->step > 0 ? v >= it->stop : v <= it->stop) return VAL_NULL;
    if (__builtin_add_overflow(v, it->step, &it->index)) it->index = it->stop;
    return int_from_i64(vm, v);
}

static Value next_enumerate(VM *vm, Value itv) {
    Value item = iter_next(vm, AS_ITER(itv)->src);
    if (item == VAL_NULL || item == VAL_ERROR) return item;
    Value pair[2] = {AS_ITER(itv)->aux, item};
    gc_push_root(vm, item);
    Tuple *t = tuple_from(vm, pair, 2);
    gc_pop_roots(vm, 1);
    if (!t) return VAL_ERROR;
    gc_push_root(vm, val_obj(t));
    Value next = int_binop(vm, BINOP_ADD, pair[0], val_int(1));
    gc_pop_roots(vm, 1);
    if (next == VAL_ERROR) return VAL_ERROR;
    AS_ITER(itv)->aux = next;
    return val_obj(t);
}

static Value next_map(VM *vm, Value itv) {
    Tuple *its = AS_TUPLE(AS_ITER(itv)->src);
    int n = (int)its->len;
    /* The items collect on the GC root stack, which keeps them alive and is
     * one contiguous array once all are pushed (vm_call copies its
     * arguments before it allocates). */
    for (int i = 0; i < n; i++) {
        Value v = iter_next(vm, its->items[i]);
        if (v == VAL_NULL || v == VAL_ERROR) {
            gc_pop_roots(vm, i);
            return v;
        }
        gc_push_root(vm, v);
    }
    Value r = vm_call(vm, AS_ITER(itv)->aux, vm->roots + vm->nroots - n, n, NULL);
    gc_pop_roots(vm, n);
    return r;
}

static Value next_filter(VM *vm, Value itv) {
    for (;;) {
        Value item = iter_next(vm, AS_ITER(itv)->src);
        if (item == VAL_NULL || item == VAL_ERROR) return item;
        Value pred = AS_ITER(itv)->aux, keep = item;
        gc_push_root(vm, item);
        if (pred != VAL_NONE) keep = vm_call(vm, pred, &item, 1, NULL);
        int t = keep == VAL_ERROR ? -1 : obj_truthy(vm, keep);
        gc_pop_roots(vm, 1);
        if (t < 0) return VAL_ERROR;
        if (t) return item;
    }
}

/* strict=True: after iterator i ran out, the others must be exhausted too. */
static Value zip_strict_end(VM *vm, Tuple *its, int64_t i) {
    if (i > 0)
        return vm_raise(vm, T_VALUE_ERROR, "zip() argument %lld is shorter than argument%s%lld",
                        (long long)i + 1, i == 1 ? " " : "s 1-", (long long)i);
    for (int64_t j = 1; j < its->len; j++) {
        Value v = iter_next(vm, its->items[j]);
        if (v == VAL_ERROR) return v;
        if (v != VAL_NULL)
            return vm_raise(vm, T_VALUE_ERROR, "zip() argument %lld is longer than argument%s%lld",
                            (long long)j + 1, j == 1 ? " " : "s 1-", (long long)j);
    }
    return VAL_NULL;
}

static Value next_zip(VM *vm, Value itv) {
    Tuple *its = AS_TUPLE(AS_ITER(itv)->src);
    if (its->len == 0) return VAL_NULL;
    Tuple *t = tuple_new(vm, its->len);
    if (!t) return VAL_ERROR;
    gc_push_root(vm, val_obj(t));
    for (int64_t i = 0; i < its->len; i++) {
        Value v = iter_next(vm, its->items[i]);
        if (v == VAL_NULL && AS_ITER(itv)->step) v = zip_strict_end(vm, its, i);
        if (v == VAL_NULL || v == VAL_ERROR) {
            gc_pop_roots(vm, 1);
            return v;
        }
        t->items[i] = v;
    }
    gc_pop_roots(vm, 1);
    return val_obj(t);
}

static Value next_reversed(VM *vm, Iter *it) {
    Value src = it->src;
    if (it->index < 0) return VAL_NULL;
    if (IS_STR(src)) {
        Str *s = AS_STR(src);
        int64_t end = it->index, start = end - 1;
        if (end <= 0) { it->index = -1; return VAL_NULL; }
        while (start > 0 && ((unsigned char)s->data[start] & 0xC0) == 0x80) start--;
        it->index = start;
        Str *r = end - start == 1 ? str_intern(vm, s->data + start, 1)
                                  : str_new(vm, s->data + start, end - start);
        return r ? val_obj(r) : VAL_ERROR;
    }
    if (!IS_LIST(src) && !IS_TUPLE(src)) {
        /* A user sequence: an IndexError or StopIteration from __getitem__
         * ends it, any error leaves it exhausted (CPython's reversed_next). */
        Value v = obj_getitem(vm, src, val_int(it->index));
        it->index = v == VAL_ERROR ? -1 : it->index - 1;
        if (v == VAL_ERROR && (exc_matches(vm, vm->exc, val_obj(vm->types[T_INDEX_ERROR])) ||
                               exc_matches(vm, vm->exc, val_obj(vm->types[T_STOP_ITERATION])))) {
            vm_take_exc(vm);
            return VAL_NULL;
        }
        return v;
    }
    int64_t len = IS_LIST(src) ? AS_LIST(src)->len : AS_TUPLE(src)->len;
    Value *items = IS_LIST(src) ? AS_LIST(src)->items : AS_TUPLE(src)->items;
    if (it->index >= len) { it->index = -1; return VAL_NULL; }
    return items[it->index--];
}

Value iter_next(VM *vm, Value itv) {
    if (!val_is_kind(itv, OBJ_ITER)) {
        if (IS_GEN(itv)) return gen_next(vm, AS_GEN(itv));
        if (is_user_object(itv)) {
            Value v = vm_call_dunder(vm, itv, vm->names[NAME_NEXT], NULL, 0);
            if (v == VAL_ERROR && exc_matches(vm, vm->exc, val_obj(vm->types[T_STOP_ITERATION]))) {
                vm_take_exc(vm);
                return VAL_NULL;
            }
            if (v != VAL_NULL) return v;
        }
        return vm_raise(vm, T_TYPE_ERROR, "'%s' object is not an iterator", type_name_of(vm, itv));
    }
    Iter *it = AS_ITER(itv);
    TypeId t = iter_tid(vm, itv);
    switch (t) {
    case T_LIST_ITER: {
        List *l = AS_LIST(it->src);
        return it->index < l->len ? l->items[it->index++] : VAL_NULL;
    }
    case T_TUPLE_ITER: {
        Tuple *tu = AS_TUPLE(it->src);
        return it->index < tu->len ? tu->items[it->index++] : VAL_NULL;
    }
    case T_STR_ITER: return next_str(vm, it);
    case T_RANGE_ITER: return next_range(vm, it);
    case T_DICT_KEYITER:
    case T_DICT_VALUEITER:
    case T_DICT_ITEMITER: return next_dict(vm, it, t);
    case T_DICT_REVKEYITER:
    case T_DICT_REVVALUEITER:
    case T_DICT_REVITEMITER: return next_dict_rev(vm, it, t);
    case T_ENUMERATE: return next_enumerate(vm, itv);
    case T_ZIP: return next_zip(vm, itv);
    case T_REVERSED: return next_reversed(vm, it);
    case T_MAP: return next_map(vm, itv);
    case T_FILTER: return next_filter(vm, itv);
    default:
        if (it->obj.type == vm->types[T_SET_ITER]) return set_iter_next(vm, it);
        return vm_raise(vm, T_TYPE_ERROR, "'%s' object is not an iterator", type_name_of(vm, itv));
    }
}

/* ---- subscripts ---------------------------------------------------------- */

static Value seq_slice(VM *vm, Value c, Slice *s) {
    int64_t start, stop, step, count;
    if (IS_STR(c)) {
        if (slice_unpack(vm, s, AS_STR(c)->nchars, &start, &stop, &step, &count) < 0) return VAL_ERROR;
        return str_slice(vm, AS_STR(c), start, step, count);
    }
    bool list = IS_LIST(c);
    int64_t len = list ? AS_LIST(c)->len : AS_TUPLE(c)->len;
    if (slice_unpack(vm, s, len, &start, &stop, &step, &count) < 0) return VAL_ERROR;
    Value *items = list ? AS_LIST(c)->items : AS_TUPLE(c)->items;
    if (!list && step == 1 && count == len) return c;
    if (step == 1) {
        Obj *r = list ? (Obj *)list_from(vm, items + start, count)
                      : (Obj *)tuple_from(vm, items + start, count);
        return r ? val_obj(r) : VAL_ERROR;
    }
    Obj *r = list ? (Obj *)list_new(vm, count) : (Obj *)tuple_new(vm, count);
    if (!r) return VAL_ERROR;
    /* Re-read items: a list's buffer is stable across the allocation above
     * (only the new object was allocated), so copying now is safe. */
    items = list ? AS_LIST(c)->items : AS_TUPLE(c)->items;
    if (list) {
        List *l = (List *)r;
        for (int64_t i = 0; i < count; i++) l->items[i] = items[start + i * step];
        l->len = count;
    } else {
        Tuple *tu = (Tuple *)r;
        for (int64_t i = 0; i < count; i++) tu->items[i] = items[start + i * step];
    }
    return val_obj(r);
}

static Value range_getitem(VM *vm, Range *r, Value key) {
    int64_t len = range_count(r->start, r->stop, r->step), i;
    if (val_is_kind(key, OBJ_SLICE)) {
        int64_t start, stop, step, count;
        if (slice_unpack(vm, AS_SLICE(key), len, &start, &stop, &step, &count) < 0) return VAL_ERROR;
        (void)count;
        return range_new(vm, r->start + start * r->step, r->start + stop * r->step,
                         r->step * step);
    }
    int k = index_value(vm, key, &i);
    if (k < 0) return VAL_ERROR;
    if (k == 0)
        return vm_raise(vm, T_TYPE_ERROR, "range indices must be integers or slices, not %s",
                        type_name_of(vm, key));
    if (!index_in(&i, len)) return vm_raise(vm, T_INDEX_ERROR, "range object index out of range");
    return int_from_i64(vm, r->start + i * r->step);
}

/* d[key] missed in a dict subclass: its __missing__, if it has one. */
static Value dict_missing(VM *vm, Value d, Value key) {
    if (val_as_obj(d)->type->builtin) return VAL_NULL;
    Str *name = str_intern_cstr(vm, "__missing__");
    return name ? obj_call_override(vm, d, name, &key, 1) : VAL_ERROR;
}

Value obj_getitem(VM *vm, Value c, Value key) {
    if (val_is_builtin_sub(c)) {
        Value r = obj_call_override(vm, c, vm->names[NAME_GETITEM], &key, 1);
        if (r != VAL_NULL) return r;
    }
    return getitem_builtin(vm, c, key);
}

static Value getitem_builtin(VM *vm, Value c, Value key) {
    ObjKind kind = val_is_obj(c) ? (ObjKind)val_as_obj(c)->kind : OBJ_KIND_COUNT;
    int64_t i;
    switch (kind) {
    case OBJ_LIST:
    case OBJ_TUPLE:
    case OBJ_STR: {
        const char *what = kind == OBJ_LIST ? "list" : kind == OBJ_TUPLE ? "tuple" : "string";
        int k = index_value(vm, key, &i);
        if (k < 0) return VAL_ERROR;
        if (k == 0) {
            if (val_is_kind(key, OBJ_SLICE)) return seq_slice(vm, c, AS_SLICE(key));
            if (kind == OBJ_STR)
                return vm_raise(vm, T_TYPE_ERROR, "string indices must be integers, not '%s'",
                                type_name_of(vm, key));
            return vm_raise(vm, T_TYPE_ERROR, "%s indices must be integers or slices, not %s",
                            what, type_name_of(vm, key));
        }
        int64_t len = kind == OBJ_LIST ? AS_LIST(c)->len
                      : kind == OBJ_TUPLE ? AS_TUPLE(c)->len : AS_STR(c)->nchars;
        if (!index_in(&i, len)) return vm_raise(vm, T_INDEX_ERROR, "%s index out of range", what);
        if (kind == OBJ_LIST) return AS_LIST(c)->items[i];
        if (kind == OBJ_TUPLE) return AS_TUPLE(c)->items[i];
        return str_char_at(vm, AS_STR(c), i);
    }
    case OBJ_DICT: {
        Value v = dict_get(vm, AS_DICT(c), key);
        if (v == VAL_NULL && (v = dict_missing(vm, c, key)) == VAL_NULL)
            return raise_with_arg(vm, T_KEY_ERROR, key);
        return v;
    }
    case OBJ_RANGE: return range_getitem(vm, AS_RANGE(c), key);
    case OBJ_INSTANCE:
    case OBJ_EXCEPTION: {
        Value v = vm_call_dunder(vm, c, vm->names[NAME_GETITEM], &key, 1);
        if (v != VAL_NULL) return v;
        break;
    }
    default:
        break;
    }
    return vm_raise(vm, T_TYPE_ERROR, "'%s' object is not subscriptable", type_name_of(vm, c));
}

/* Grow or shrink l so items [at, at + old) become `n` slots (contents of the
 * new slots unspecified but valid Values). */
static int list_resize_gap(VM *vm, List *l, int64_t at, int64_t old, int64_t n) {
    int64_t tail = l->len - (at + old);
    if (n == old) return 0;
    if (n > old) {
        for (int64_t k = old; k < n; k++)
            if (list_append(vm, l, VAL_NONE) < 0) return -1;
        if (tail) memmove(l->items + at + n, l->items + at + old, (size_t)tail * sizeof(Value));
    } else {
        if (tail) memmove(l->items + at + n, l->items + at + old, (size_t)tail * sizeof(Value));
        l->len -= old - n;
    }
    return 0;
}

/* l[s] = v, or del l[s] when v is VAL_NULL. */
static int list_ass_slice(VM *vm, List *l, Slice *s, Value v) {
    int64_t start, stop, step, count;
    if (slice_unpack(vm, s, l->len, &start, &stop, &step, &count) < 0) return -1;
    if (v == VAL_NULL) {
        if (step < 0) { start += (count - 1) * step; step = -step; }
        if (step == 1) return list_resize_gap(vm, l, start, count, 0);
        int64_t w = start;
        for (int64_t r = start; r < l->len; r++)
            if (r >= start + count * step || (r - start) % step != 0) l->items[w++] = l->items[r];
        l->len = w;
        return 0;
    }
    List *src = seq_to_list_or(vm, v, step == 1 ? "can only assign an iterable"
                                                : "must assign iterable to extended slice");
    if (!src) return -1;
    gc_push_root(vm, val_obj(src));
    int rc = 0;
    if (step == 1) {
        rc = list_resize_gap(vm, l, start, count, src->len);
        if (rc == 0 && src->len)
            memcpy(l->items + start, src->items, (size_t)src->len * sizeof(Value));
    } else if (src->len != count) {
        vm_raise(vm, T_VALUE_ERROR,
                 "attempt to assign sequence of size %lld to extended slice of size %lld",
                 (long long)src->len, (long long)count);
        rc = -1;
    } else {
        for (int64_t i = 0; i < count; i++) l->items[start + i * step] = src->items[i];
    }
    gc_pop_roots(vm, 1);
    return rc;
}

/* Shared body of obj_setitem (v a value) and obj_delitem (v VAL_NULL). */
static int store_item(VM *vm, Value c, Value key, Value v) {
    if (val_is_builtin_sub(c)) {
        bool del = v == VAL_NULL;
        Value args[2] = {key, v};
        Value r = obj_call_override(vm, c, vm->names[del ? NAME_DELITEM : NAME_SETITEM], args,
                                    del ? 1 : 2);
        if (r == VAL_ERROR) return -1;
        if (r != VAL_NULL) return 0;
    }
    return store_builtin(vm, c, key, v);
}

static int store_builtin(VM *vm, Value c, Value key, Value v) {
    bool del = v == VAL_NULL;
    ObjKind kind = val_is_obj(c) ? (ObjKind)val_as_obj(c)->kind : OBJ_KIND_COUNT;
    int64_t i;
    if (kind == OBJ_LIST) {
        List *l = AS_LIST(c);
        int k = index_value(vm, key, &i);
        if (k < 0) return -1;
        if (k == 0) {
            if (val_is_kind(key, OBJ_SLICE)) return list_ass_slice(vm, l, AS_SLICE(key), v);
            vm_raise(vm, T_TYPE_ERROR, "list indices must be integers or slices, not %s",
                     type_name_of(vm, key));
            return -1;
        }
        if (!index_in(&i, l->len)) {
            vm_raise(vm, T_INDEX_ERROR, "list assignment index out of range");
            return -1;
        }
        if (del) return list_resize_gap(vm, l, i, 1, 0);
        l->items[i] = v;
        return 0;
    }
    if (kind == OBJ_DICT) {
        if (!del) return dict_set(vm, AS_DICT(c), key, v);
        int r = dict_del(vm, AS_DICT(c), key);
        if (r == 0) raise_with_arg(vm, T_KEY_ERROR, key);
        return r > 0 ? 0 : -1;
    }
    if (kind == OBJ_INSTANCE || kind == OBJ_EXCEPTION) {
        Value args[2] = {key, v};
        Value r = vm_call_dunder(vm, c, vm->names[del ? NAME_DELITEM : NAME_SETITEM], args,
                                 del ? 1 : 2);
        if (r == VAL_ERROR) return -1;
        if (r != VAL_NULL) return 0;
    }
    vm_raise(vm, T_TYPE_ERROR, del ? "'%s' object doesn't support item deletion"
                                   : "'%s' object does not support item assignment",
             type_name_of(vm, c));
    return -1;
}

int obj_setitem(VM *vm, Value c, Value key, Value v) { return store_item(vm, c, key, v); }

int obj_delitem(VM *vm, Value c, Value key) { return store_item(vm, c, key, VAL_NULL); }

/* ---- membership and length ----------------------------------------------- */

/* `item in it` by walking an iterator (consumes it). */
static int contains_iter(VM *vm, Value itv, Value item) {
    gc_push_root(vm, itv);
    int found = 0;
    for (;;) {
        Value v = iter_next(vm, itv);
        if (v == VAL_NULL) break;
        if (v == VAL_ERROR) { found = -1; break; }
        found = v == item ? 1 : obj_eq(vm, v, item);
        if (found != 0) break;
    }
    gc_pop_roots(vm, 1);
    return found;
}

static int contains_seq(VM *vm, Value c, Value item) {
    for (int64_t i = 0;; i++) {
        /* Re-read each round: __eq__ may have changed the list. */
        int64_t len = IS_LIST(c) ? AS_LIST(c)->len : AS_TUPLE(c)->len;
        if (i >= len) return 0;
        Value v = IS_LIST(c) ? AS_LIST(c)->items[i] : AS_TUPLE(c)->items[i];
        if (v == item) return 1;
        int r = obj_eq(vm, v, item);
        if (r != 0) return r;
    }
}

static int contains_str(VM *vm, Str *s, Value item) {
    if (!IS_STR(item)) {
        vm_raise(vm, T_TYPE_ERROR, "'in <string>' requires string as left operand, not %s",
                 type_name_of(vm, item));
        return -1;
    }
    Str *sub = AS_STR(item);
    if (sub->len == 0) return 1;
    return memmem(s->data, (size_t)s->len, sub->data, (size_t)sub->len) != NULL;
}

static int contains_range(VM *vm, Value c, Value item) {
    Range *r = AS_RANGE(c);
    int64_t i;
    if (val_is_int(item) || val_is_bool(item)) {
        i = val_is_bool(item) ? item == VAL_TRUE : val_as_int(item);
        if (r->step > 0 ? (i < r->start || i >= r->stop) : (i > r->start || i <= r->stop)) return 0;
        return ((__int128)i - r->start) % r->step == 0;
    }
    if (IS_BIGINT(item)) return 0;
    Value it = obj_iter(vm, c);
    if (it == VAL_ERROR) return -1;
    return contains_iter(vm, it, item);
}

static int contains_view(VM *vm, Value c, Value item) {
    TypeId t = iter_tid(vm, c);
    Dict *d = AS_DICT(AS_ITER(c)->src);
    if (t == T_DICT_KEYS) {
        Value v = dict_get(vm, d, item);
        return v == VAL_ERROR ? -1 : v != VAL_NULL;
    }
    if (t == T_DICT_ITEMS) {
        if (!IS_TUPLE(item) || AS_TUPLE(item)->len != 2) return 0;
        Value v = dict_get(vm, d, AS_TUPLE(item)->items[0]);
        if (v == VAL_ERROR) return -1;
        if (v == VAL_NULL) return 0;
        return obj_eq(vm, v, AS_TUPLE(item)->items[1]);
    }
    Value it = obj_iter(vm, c);
    if (it == VAL_ERROR) return -1;
    return contains_iter(vm, it, item);
}

int obj_contains(VM *vm, Value c, Value item) {
    if (val_is_builtin_sub(c)) {
        Value r = obj_call_override(vm, c, vm->names[NAME_CONTAINS], &item, 1);
        if (r == VAL_ERROR) return -1;
        if (r != VAL_NULL) return obj_truthy(vm, r);
    }
    return contains_builtin(vm, c, item);
}

static int contains_builtin(VM *vm, Value c, Value item) {
    ObjKind kind = val_is_obj(c) ? (ObjKind)val_as_obj(c)->kind : OBJ_KIND_COUNT;
    switch (kind) {
    case OBJ_LIST:
    case OBJ_TUPLE: return contains_seq(vm, c, item);
    case OBJ_STR: return contains_str(vm, AS_STR(c), item);
    case OBJ_DICT: {
        Value v = dict_get(vm, AS_DICT(c), item);
        return v == VAL_ERROR ? -1 : v != VAL_NULL;
    }
    case OBJ_RANGE: return contains_range(vm, c, item);
    case OBJ_SET: return set_contains(vm, AS_SET(c), item);
    case OBJ_ITER:
        if (is_view(iter_tid(vm, c))) return contains_view(vm, c, item);
        return contains_iter(vm, c, item);
    case OBJ_INSTANCE:
    case OBJ_EXCEPTION: {
        Value r = vm_call_dunder(vm, c, vm->names[NAME_CONTAINS], &item, 1);
        if (r == VAL_ERROR) return -1;
        if (r != VAL_NULL) return obj_truthy(vm, r);
        if (type_lookup(vm, val_type(vm, c), vm->names[NAME_ITER]) == VAL_NULL) break;
        Value it = obj_iter(vm, c);
        if (it == VAL_ERROR) return -1;
        return contains_iter(vm, it, item);
    }
    default:
        break;
    }
    vm_raise(vm, T_TYPE_ERROR, "argument of type '%s' is not iterable", type_name_of(vm, c));
    return -1;
}

int64_t obj_len(VM *vm, Value v) {
    if (val_is_builtin_sub(v)) {
        Value r = obj_call_override(vm, v, vm->names[NAME_LEN], NULL, 0);
        if (r != VAL_NULL) return obj_len_result(vm, r);
    }
    return len_builtin(vm, v);
}

static int64_t len_builtin(VM *vm, Value v) {
    ObjKind kind = val_is_obj(v) ? (ObjKind)val_as_obj(v)->kind : OBJ_KIND_COUNT;
    switch (kind) {
    case OBJ_STR: return AS_STR(v)->nchars;
    case OBJ_LIST: return AS_LIST(v)->len;
    case OBJ_TUPLE: return AS_TUPLE(v)->len;
    case OBJ_DICT: return AS_DICT(v)->len;
    case OBJ_SET: return AS_SET(v)->used;
    case OBJ_RANGE: return range_count(AS_RANGE(v)->start, AS_RANGE(v)->stop, AS_RANGE(v)->step);
    case OBJ_ITER:
        if (is_view(iter_tid(vm, v))) return AS_DICT(AS_ITER(v)->src)->len;
        break;
    case OBJ_INSTANCE:
    case OBJ_EXCEPTION: {
        Value r = vm_call_dunder(vm, v, vm->names[NAME_LEN], NULL, 0);
        if (r == VAL_NULL) break;
        return obj_len_result(vm, r);
    }
    default:
        break;
    }
    vm_raise(vm, T_TYPE_ERROR, "object of type '%s' has no len()", type_name_of(vm, v));
    return -1;
}

/* ---- list./dict.__dunder__ ------------------------------------------------
 * What super().__getitem__(k) and the like find in a subclass's override:
 * the builtin behaviour, never the override again. */

static int dunder_args(VM *vm, Value *args, int nargs, Tuple *kwnames, int n, const char *name) {
    if (nargs < 1 || !(IS_LIST(args[0]) || IS_DICT(args[0]))) {
        vm_raise(vm, T_TYPE_ERROR, "descriptor '%s' requires a 'list' or 'dict' object", name);
        return -1;
    }
    if ((kwnames && kwnames->len) || nargs - 1 != n) {
        vm_raise(vm, T_TYPE_ERROR, "expected %d argument%s, got %d", n, n == 1 ? "" : "s",
                 nargs - 1);
        return -1;
    }
    return 0;
}

static Value getitem_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    if (dunder_args(vm, args, nargs, kwnames, 1, "__getitem__") < 0) return VAL_ERROR;
    return getitem_builtin(vm, args[0], args[1]);
}

static Value setitem_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    if (dunder_args(vm, args, nargs, kwnames, 2, "__setitem__") < 0) return VAL_ERROR;
    return store_builtin(vm, args[0], args[1], args[2]) < 0 ? VAL_ERROR : VAL_NONE;
}

static Value delitem_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    if (dunder_args(vm, args, nargs, kwnames, 1, "__delitem__") < 0) return VAL_ERROR;
    return store_builtin(vm, args[0], args[1], VAL_NULL) < 0 ? VAL_ERROR : VAL_NONE;
}

static Value contains_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    if (dunder_args(vm, args, nargs, kwnames, 1, "__contains__") < 0) return VAL_ERROR;
    int r = contains_builtin(vm, args[0], args[1]);
    return r < 0 ? VAL_ERROR : val_bool(r);
}

static Value len_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    if (dunder_args(vm, args, nargs, kwnames, 0, "__len__") < 0) return VAL_ERROR;
    int64_t n = len_builtin(vm, args[0]);
    return n < 0 ? VAL_ERROR : val_int(n);
}

static Value iter_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    if (dunder_args(vm, args, nargs, kwnames, 0, "__iter__") < 0) return VAL_ERROR;
    return iter_builtin(vm, args[0]);
}

static Value repr_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    if (dunder_args(vm, args, nargs, kwnames, 0, "__repr__") < 0) return VAL_ERROR;
    return obj_repr_builtin(vm, args[0]);
}

void iter_init_dunders(VM *vm) {
    static const struct { const char *name; NativeFn fn; } table[] = {
        {"__getitem__", getitem_m}, {"__setitem__", setitem_m}, {"__delitem__", delitem_m},
        {"__contains__", contains_m}, {"__len__", len_m}, {"__iter__", iter_m},
        {"__repr__", repr_m},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        type_add_native(vm, vm->types[T_LIST], table[i].name, table[i].fn);
        type_add_native(vm, vm->types[T_DICT], table[i].name, table[i].fn);
    }
}
