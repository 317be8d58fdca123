/* set.c: set and frozenset.
 *
 * The table is CPython 3.11's setobject.c layout, because programs print
 * sets and CPython prints them in table order: a power-of-two table of at
 * least 8 slots, probed LINEAR_PROBES slots at a time and then by the
 * perturbed recurrence; a deleted slot becomes a dummy, which an add
 * reuses when its probe met one before the first unused slot (the last
 * one it met); the table grows to hold used*4 once it is 3/5 full. Copies, unions and the other operations walk the tables in the
 * same order CPython's do, so their results print identically.
 *
 * Keys are hashed and compared as dict keys are (keys.h). A comparison that
 * runs Python code may change the set; the lookup then starts again. */
#include <stdlib.h>

#include "builtins.h"
#include "keys.h"

#define SET_MINSIZE 8
#define LINEAR_PROBES 9
#define PERTURB_SHIFT 5
#define SET_DUMMY VAL_ERROR
#define DUMMY_HASH ((uint64_t)-1)

static bool is_live(Value k) { return k != VAL_NULL && k != SET_DUMMY; }

static bool is_frozen(VM *vm, Set *s) { return s->obj.type == vm->types[T_FROZENSET]; }

static SetEntry *table_alloc(VM *vm, int64_t size) {
    SetEntry *t = gc_buf_alloc(vm, (size_t)size * sizeof(SetEntry));
    if (t)
        for (int64_t i = 0; i < size; i++) t[i] = (SetEntry){0, VAL_NULL};
    return t;
}

Set *set_new(VM *vm, TypeId t) {
    Set *s = gc_alloc(vm, sizeof(Set), OBJ_SET, vm->types[t]);
    if (!s) return NULL;
    gc_push_root(vm, val_obj(s));
    s->table = table_alloc(vm, SET_MINSIZE);
    gc_pop_roots(vm, 1);
    if (!s->table) return NULL;
    s->mask = SET_MINSIZE - 1;
    return s;
}

bool set_next(Set *s, int64_t *pos, Value *key) {
    for (int64_t i = *pos; i <= s->mask; i++) {
        if (!is_live(s->table[i].key)) continue;
        *key = s->table[i].key;
        *pos = i + 1;
        return true;
    }
    *pos = s->mask + 1;
    return false;
}

/* Place a key known absent into a table without dummies. */
static void insert_clean(SetEntry *table, int64_t mask, Value key, uint64_t hash) {
    uint64_t perturb = hash, i = hash & (uint64_t)mask;
    for (;;) {
        SetEntry *e = &table[i];
        int probes = i + LINEAR_PROBES <= (uint64_t)mask ? LINEAR_PROBES : 0;
        do {
            if (e->key == VAL_NULL) {
                e->key = key;
                e->hash = hash;
                return;
            }
            e++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & (uint64_t)mask;
    }
}

/* Rebuild the table with the smallest power of two above minused slots. */
static int resize(VM *vm, Set *s, int64_t minused) {
    int64_t size = SET_MINSIZE;
    while (size <= minused) size <<= 1;
    if (size > ((int64_t)1 << 40)) {
        vm_raise_oom(vm);
        return -1;
    }
    gc_push_root(vm, val_obj(s));
    SetEntry *table = table_alloc(vm, size);
    gc_pop_roots(vm, 1);
    if (!table) return -1;
    SetEntry *old = s->table;
    int64_t oldsize = s->mask + 1;
    for (int64_t i = 0; i < oldsize; i++)
        if (is_live(old[i].key)) insert_clean(table, size - 1, old[i].key, old[i].hash);
    gc_buf_free(vm, old, (size_t)oldsize * sizeof(SetEntry));
    s->table = table;
    s->mask = size - 1;
    s->fill = s->used;
    return 0;
}

enum { FOUND_NO = 0, FOUND_YES = 1, FOUND_ERROR = -1, FOUND_RESTART = 2 };

/* Compare a stored key with `key` (equal hashes): FOUND_YES/NO/ERROR, or
 * FOUND_RESTART when the comparison changed the table under the probe. */
static int entry_matches(VM *vm, Set *s, SetEntry *e, Value key) {
    int eq = keys_compare_fast(e->key, key);
    if (eq != KEYS_NEED_CALL) return eq;
    SetEntry *table = s->table;
    Value start = e->key;
    gc_push_root(vm, val_obj(s));
    gc_push_root(vm, key);
    gc_push_root(vm, start);
    eq = obj_eq(vm, start, key);
    gc_pop_roots(vm, 3);
    if (eq < 0) return FOUND_ERROR;
    if (s->table != table || e->key != start) return FOUND_RESTART;
    return eq;
}

/* The slot holding `key`, or NULL when absent (*err set on error). */
static SetEntry *find(VM *vm, Set *s, Value key, uint64_t hash, bool *err) {
    *err = false;
restart:;
    uint64_t mask = (uint64_t)s->mask, perturb = hash, i = hash & mask;
    for (;;) {
        SetEntry *e = &s->table[i];
        int probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
        do {
            if (e->key == VAL_NULL) return NULL;
            if (e->key == key) return e;
            if (e->hash == hash && e->key != SET_DUMMY) {
                int m = entry_matches(vm, s, e, key);
                if (m == FOUND_ERROR) {
                    *err = true;
                    return NULL;
                }
                if (m == FOUND_RESTART) goto restart;
                if (m == FOUND_YES) return e;
            }
            e++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

/* Add key with its hash: 1 added, 0 already there, -1 error. A new key
 * reuses the last dummy its probe met before the first unused slot, not
 * the first (CPython 3.11's set_add_entry overwrites its freeslot at every
 * dummy), so the printed order is CPython's. */
static int add_entry(VM *vm, Set *s, Value key, uint64_t hash) {
restart:;
    uint64_t mask = (uint64_t)s->mask, perturb = hash, i = hash & mask;
    SetEntry *e, *freeslot = NULL;
    for (;;) {
        e = &s->table[i];
        int probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
        do {
            if (e->key == VAL_NULL) goto found_unused;
            if (e->key == key) return 0;
            if (e->key == SET_DUMMY) {
                freeslot = e;
            } else if (e->hash == hash) {
                int m = entry_matches(vm, s, e, key);
                if (m == FOUND_ERROR) return -1;
                if (m == FOUND_RESTART) goto restart;
                if (m == FOUND_YES) return 0;
            }
            e++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
found_unused:
    if (freeslot) {
        s->used++;
        freeslot->key = key;
        freeslot->hash = hash;
        return 1;
    }
    s->fill++;
    s->used++;
    e->key = key;
    e->hash = hash;
    if ((uint64_t)s->fill * 5 < mask * 3) return 1;
    gc_push_root(vm, key);
    int rc = resize(vm, s, s->used > 50000 ? s->used * 2 : s->used * 4);
    gc_pop_roots(vm, 1);
    return rc < 0 ? -1 : 1;
}

/* Remove the key: 1 removed, 0 absent, -1 error. */
static int discard_entry(VM *vm, Set *s, Value key, uint64_t hash) {
    bool err;
    SetEntry *e = find(vm, s, key, hash, &err);
    if (err) return -1;
    if (!e) return 0;
    e->key = SET_DUMMY;
    e->hash = DUMMY_HASH;
    s->used--;
    return 1;
}

static int contains_entry(VM *vm, Set *s, Value key, uint64_t hash) {
    bool err;
    SetEntry *e = find(vm, s, key, hash, &err);
    return err ? -1 : e != NULL;
}

int set_add(VM *vm, Set *s, Value key) {
    uint64_t hash;
    if (key_hash(vm, key, &hash) < 0) return -1;
    return add_entry(vm, s, key, hash) < 0 ? -1 : 0;
}

/* A set used as a lookup key stands for the equal frozenset, as CPython's
 * `in`, remove and discard do: `{1} in {frozenset({1})}` is True. */
static int key_or_frozen(VM *vm, Value *key, uint64_t *hash) {
    if (key_hash(vm, *key, hash) == 0) return 0;
    if (!val_is_kind(*key, OBJ_SET) || val_as_obj(*key)->type != vm->types[T_SET]) return -1;
    vm_take_exc(vm);
    Value f = set_from(vm, T_FROZENSET, *key);
    if (f == VAL_ERROR) return -1;
    *key = f;
    return key_hash(vm, f, hash);
}

int set_contains(VM *vm, Set *s, Value key) {
    uint64_t hash;
    if (key_or_frozen(vm, &key, &hash) < 0) return -1;
    gc_push_root(vm, key);
    int r = contains_entry(vm, s, key, hash);
    gc_pop_roots(vm, 1);
    return r;
}

int set_discard(VM *vm, Set *s, Value key) {
    uint64_t hash;
    if (key_or_frozen(vm, &key, &hash) < 0) return -1;
    gc_push_root(vm, key);
    int r = discard_entry(vm, s, key, hash);
    gc_pop_roots(vm, 1);
    return r;
}

static void clear(VM *vm, Set *s) {
    if (s->mask + 1 != SET_MINSIZE) {
        SetEntry *t = table_alloc(vm, SET_MINSIZE);
        if (t) { /* else keep the big table, emptied */
            gc_buf_free(vm, s->table, (size_t)(s->mask + 1) * sizeof(SetEntry));
            s->table = t;
            s->mask = SET_MINSIZE - 1;
        }
    }
    for (int64_t i = 0; i <= s->mask; i++) s->table[i] = (SetEntry){0, VAL_NULL};
    s->fill = s->used = 0;
}

/* Add every key of set o to s (CPython's set_merge: one resize up front,
 * then a slot-for-slot copy when s is empty and the tables match). */
static int merge(VM *vm, Set *s, Set *o) {
    if (o == s || o->used == 0) return 0;
    if ((s->fill + o->used) * 5 >= s->mask * 3) {
        gc_push_root(vm, val_obj(o));
        int rc = resize(vm, s, (s->used + o->used) * 2);
        gc_pop_roots(vm, 1);
        if (rc < 0) return -1;
    }
    if (s->fill == 0 && s->mask == o->mask && o->fill == o->used) {
        for (int64_t i = 0; i <= o->mask; i++) s->table[i] = o->table[i];
        s->fill = o->fill;
        s->used = o->used;
        return 0;
    }
    if (s->fill == 0) {
        s->fill = s->used = o->used;
        for (int64_t i = 0; i <= o->mask; i++)
            if (is_live(o->table[i].key)) insert_clean(s->table, s->mask, o->table[i].key, o->table[i].hash);
        return 0;
    }
    gc_push_root(vm, val_obj(o));
    int rc = 0;
    for (int64_t i = 0; i <= o->mask && rc >= 0; i++)
        if (is_live(o->table[i].key)) rc = add_entry(vm, s, o->table[i].key, o->table[i].hash);
    gc_pop_roots(vm, 1);
    return rc < 0 ? -1 : 0;
}

/* Run fn(vm, s, key, hash) on each item of an iterable; stops at the first
 * negative result. Sets pass their stored hashes. */
typedef int (*KeyFn)(VM *vm, Set *s, Value key, uint64_t hash);

static int for_each_key(VM *vm, Set *s, Value iterable, KeyFn fn) {
    gc_push_root(vm, val_obj(s));
    gc_push_root(vm, iterable);
    int rc = 0;
    if (IS_ANYSET(iterable)) {
        Set *o = AS_SET(iterable);
        for (int64_t i = 0; i <= o->mask && rc >= 0; i++)
            if (is_live(o->table[i].key)) rc = fn(vm, s, o->table[i].key, o->table[i].hash);
    } else {
        Value it = obj_iter(vm, iterable);
        if (it == VAL_ERROR) rc = -1;
        else gc_push_root(vm, it);
        while (rc >= 0) {
            Value k = iter_next(vm, it);
            if (k == VAL_NULL) break;
            uint64_t hash;
            if (k == VAL_ERROR || key_hash(vm, k, &hash) < 0) {
                rc = -1;
                break;
            }
            gc_push_root(vm, k);
            rc = fn(vm, s, k, hash);
            gc_pop_roots(vm, 1);
        }
        if (it != VAL_ERROR) gc_pop_roots(vm, 1);
    }
    gc_pop_roots(vm, 2);
    return rc < 0 ? -1 : 0;
}

int set_update(VM *vm, Set *s, Value iterable) {
    if (IS_ANYSET(iterable)) return merge(vm, s, AS_SET(iterable));
    if (IS_DICT(iterable)) {
        Dict *d = AS_DICT(iterable);
        if ((s->fill + d->len) * 5 >= s->mask * 3) {
            gc_push_root(vm, iterable);
            int rc = resize(vm, s, (s->used + d->len) * 2);
            gc_pop_roots(vm, 1);
            if (rc < 0) return -1;
        }
    }
    return for_each_key(vm, s, iterable, add_entry);
}

Value set_from(VM *vm, TypeId t, Value iterable) {
    gc_push_root(vm, iterable);
    Set *s = set_new(vm, t);
    gc_pop_roots(vm, 1);
    if (!s) return VAL_ERROR;
    if (iterable == VAL_NULL) return val_obj(s);
    return set_update(vm, s, iterable) < 0 ? VAL_ERROR : val_obj(s);
}

static TypeId tid_of(VM *vm, Set *s) { return is_frozen(vm, s) ? T_FROZENSET : T_SET; }

static Value copy_of(VM *vm, Set *s) { return set_from(vm, tid_of(vm, s), val_obj(s)); }

/* ---- the algebra (CPython's iteration orders) ---------------------------------- */

static Value intersection(VM *vm, Set *s, Value other) {
    gc_push_root(vm, val_obj(s));
    gc_push_root(vm, other);
    Set *r = set_new(vm, tid_of(vm, s));
    Value result = VAL_ERROR;
    if (!r) goto done;
    gc_push_root(vm, val_obj(r));
    Value probe_in = val_obj(s), walk = other;
    if (IS_ANYSET(other) && AS_SET(other)->used > s->used) probe_in = other, walk = val_obj(s);
    Set *big = AS_SET(probe_in);
    int rc = 0;
    if (IS_ANYSET(walk)) {
        Set *w = AS_SET(walk);
        for (int64_t i = 0; i <= w->mask && rc >= 0; i++) {
            if (!is_live(w->table[i].key)) continue;
            Value k = w->table[i].key;
            uint64_t h = w->table[i].hash;
            rc = contains_entry(vm, big, k, h);
            if (rc > 0) rc = add_entry(vm, r, k, h);
        }
    } else {
        Value it = obj_iter(vm, walk);
        if (it == VAL_ERROR) rc = -1;
        else gc_push_root(vm, it);
        while (rc >= 0) {
            Value k = iter_next(vm, it);
            if (k == VAL_NULL) break;
            uint64_t h;
            if (k == VAL_ERROR || key_hash(vm, k, &h) < 0) {
                rc = -1;
                break;
            }
            gc_push_root(vm, k);
            rc = contains_entry(vm, big, k, h);
            if (rc > 0) rc = add_entry(vm, r, k, h);
            gc_pop_roots(vm, 1);
        }
        if (it != VAL_ERROR) gc_pop_roots(vm, 1);
    }
    gc_pop_roots(vm, 1);
    if (rc >= 0) result = val_obj(r);
done:
    gc_pop_roots(vm, 2);
    return result;
}

static int discard_cb(VM *vm, Set *s, Value key, uint64_t hash) {
    return discard_entry(vm, s, key, hash);
}

/* Resize the dummies away when more than a quarter of the slots are
 * dummies (as CPython's set_difference_update_internal does after its
 * discards, which moves the keys left in the table). */
static int drop_dummies(VM *vm, Set *s) {
    if (s->fill - s->used <= s->mask / 4) return 0;
    return resize(vm, s, s->used > 50000 ? s->used * 2 : s->used * 4);
}

static int difference_update(VM *vm, Set *s, Value other) {
    if (val_obj(s) == other) {
        clear(vm, s);
        return 0;
    }
    if (for_each_key(vm, s, other, discard_cb) < 0) return -1;
    return drop_dummies(vm, s);
}

/* Membership in a set or dict for the difference walk. */
static int in_other(VM *vm, Value other, Value key, uint64_t hash) {
    if (IS_ANYSET(other)) return contains_entry(vm, AS_SET(other), key, hash);
    Value v = dict_get(vm, AS_DICT(other), key);
    return v == VAL_ERROR ? -1 : v != VAL_NULL;
}

static Value difference(VM *vm, Set *s, Value other) {
    int64_t other_size = IS_ANYSET(other) ? AS_SET(other)->used
                         : IS_DICT(other) ? AS_DICT(other)->len : -1;
    if (other_size < 0 || (s->used >> 2) > other_size) {
        gc_push_root(vm, other);
        Value r = copy_of(vm, s);
        if (r != VAL_ERROR) {
            gc_push_root(vm, r);
            if (difference_update(vm, AS_SET(r), other) < 0) r = VAL_ERROR;
            gc_pop_roots(vm, 1);
        }
        gc_pop_roots(vm, 1);
        return r;
    }
    gc_push_root(vm, val_obj(s));
    gc_push_root(vm, other);
    Set *r = set_new(vm, tid_of(vm, s));
    int rc = r ? 0 : -1;
    if (r) gc_push_root(vm, val_obj(r));
    for (int64_t i = 0; r && i <= s->mask && rc >= 0; i++) {
        if (!is_live(s->table[i].key)) continue;
        Value k = s->table[i].key;
        uint64_t h = s->table[i].hash;
        rc = in_other(vm, other, k, h);
        if (rc == 0) rc = add_entry(vm, r, k, h);
    }
    if (r) gc_pop_roots(vm, 1);
    gc_pop_roots(vm, 2);
    return rc < 0 ? VAL_ERROR : val_obj(r);
}

static int symdiff_cb(VM *vm, Set *s, Value key, uint64_t hash) {
    int rc = discard_entry(vm, s, key, hash);
    if (rc == 0) rc = add_entry(vm, s, key, hash);
    return rc;
}

static int symmetric_difference_update(VM *vm, Set *s, Value other) {
    if (val_obj(s) == other) {
        clear(vm, s);
        return 0;
    }
    /* A set, or an exact dict in its insertion order (CPython walks those
     * directly; anything else becomes a set first). */
    if (IS_ANYSET(other) || (IS_DICT(other) && val_as_obj(other)->type == vm->types[T_DICT]))
        return for_each_key(vm, s, other, symdiff_cb);
    gc_push_root(vm, val_obj(s));
    Value o = set_from(vm, T_SET, other);
    gc_pop_roots(vm, 1);
    if (o == VAL_ERROR) return -1;
    gc_push_root(vm, o);
    int rc = for_each_key(vm, s, o, symdiff_cb);
    gc_pop_roots(vm, 1);
    return rc;
}

static Value symmetric_difference(VM *vm, Set *s, Value other) {
    gc_push_root(vm, val_obj(s));
    Value r = set_from(vm, tid_of(vm, s), other);
    if (r != VAL_ERROR) {
        gc_push_root(vm, r);
        if (symmetric_difference_update(vm, AS_SET(r), val_obj(s)) < 0) r = VAL_ERROR;
        gc_pop_roots(vm, 1);
    }
    gc_pop_roots(vm, 1);
    return r;
}

static Value union_of(VM *vm, Set *s, Value other) {
    gc_push_root(vm, other);
    Value r = copy_of(vm, s);
    if (r != VAL_ERROR && other != val_obj(s)) {
        gc_push_root(vm, r);
        if (set_update(vm, AS_SET(r), other) < 0) r = VAL_ERROR;
        gc_pop_roots(vm, 1);
    }
    gc_pop_roots(vm, 1);
    return r;
}

/* Is every key of set a in set b? 1, 0, -1. */
static int subset(VM *vm, Set *a, Set *b) {
    if (a->used > b->used) return 0;
    for (int64_t i = 0; i <= a->mask; i++) {
        if (!is_live(a->table[i].key)) continue;
        int rc = contains_entry(vm, b, a->table[i].key, a->table[i].hash);
        if (rc <= 0) return rc;
    }
    return 1;
}

/* A set from any iterable, for the methods that accept one (rooted result
 * on the root stack: the caller pops one root). */
static Set *as_set_rooted(VM *vm, Value v) {
    Value r = IS_ANYSET(v) ? v : set_from(vm, T_SET, v);
    if (r == VAL_ERROR) return NULL;
    gc_push_root(vm, r);
    return AS_SET(r);
}

static int issubset(VM *vm, Set *s, Value other) {
    gc_push_root(vm, val_obj(s));
    Set *o = as_set_rooted(vm, other);
    int rc = o ? subset(vm, s, o) : -1;
    if (o) gc_pop_roots(vm, 1);
    gc_pop_roots(vm, 1);
    return rc;
}

static int issuperset(VM *vm, Set *s, Value other) {
    gc_push_root(vm, val_obj(s));
    Set *o = as_set_rooted(vm, other);
    int rc = o ? subset(vm, o, s) : -1;
    if (o) gc_pop_roots(vm, 1);
    gc_pop_roots(vm, 1);
    return rc;
}

static int isdisjoint(VM *vm, Set *s, Value other) {
    gc_push_root(vm, val_obj(s));
    Set *o = as_set_rooted(vm, other);
    int rc = o ? 1 : -1;
    if (o) {
        Set *small = o->used < s->used ? o : s, *big = small == o ? s : o;
        for (int64_t i = 0; i <= small->mask && rc == 1; i++) {
            if (!is_live(small->table[i].key)) continue;
            int in = contains_entry(vm, big, small->table[i].key, small->table[i].hash);
            rc = in < 0 ? -1 : in ? 0 : 1;
        }
        gc_pop_roots(vm, 1);
    }
    gc_pop_roots(vm, 1);
    return rc;
}

/* s becomes its intersection with other: s takes over the table of the
 * intersection as computed (CPython swaps the bodies), so it prints as
 * s & other does. Returns s, or VAL_ERROR. */
static Value intersection_update(VM *vm, Set *s, Value other) {
    Value r = intersection(vm, s, other);
    if (r == VAL_ERROR) return r;
    Set *t = AS_SET(r);
    SetEntry *tab = s->table;
    int64_t mask = s->mask;
    s->table = t->table, s->mask = t->mask, s->fill = t->fill, s->used = t->used;
    t->table = tab, t->mask = mask, t->fill = t->used = 0;
    for (int64_t i = 0; i <= mask; i++) tab[i] = (SetEntry){0, VAL_NULL};
    return val_obj(s);
}

Value set_binop(VM *vm, BinOp op, bool inplace, Value a, Value b) {
    if (!IS_ANYSET(a) || !IS_ANYSET(b)) return VAL_NULL;
    Set *s = AS_SET(a);
    bool mutate = inplace && !is_frozen(vm, s);
    switch (op) {
    case BINOP_OR:
        if (mutate) return set_update(vm, s, b) < 0 ? VAL_ERROR : a;
        return union_of(vm, s, b);
    case BINOP_AND:
        return mutate ? intersection_update(vm, s, b) : intersection(vm, s, b);
    case BINOP_SUBTRACT:
        if (mutate) return difference_update(vm, s, b) < 0 ? VAL_ERROR : a;
        return difference(vm, s, b);
    case BINOP_XOR:
        if (mutate) return symmetric_difference_update(vm, s, b) < 0 ? VAL_ERROR : a;
        return symmetric_difference(vm, s, b);
    default:
        return VAL_NULL;
    }
}

Value set_compare(VM *vm, CmpOp op, Value a, Value b) {
    if (!IS_ANYSET(a) || !IS_ANYSET(b)) return VAL_NULL;
    Set *x = AS_SET(a), *y = AS_SET(b);
    int rc;
    switch (op) {
    case CMP_EQ:
    case CMP_NE:
        rc = x->used != y->used ? 0 : subset(vm, x, y);
        if (rc < 0) return VAL_ERROR;
        return val_bool(op == CMP_EQ ? rc : !rc);
    case CMP_LE: rc = subset(vm, x, y); break;
    case CMP_GE: rc = subset(vm, y, x); break;
    case CMP_LT: rc = x->used < y->used ? subset(vm, x, y) : 0; break;
    default: rc = x->used > y->used ? subset(vm, y, x) : 0; break;
    }
    return rc < 0 ? VAL_ERROR : val_bool(rc);
}

/* CPython's frozenset hash: order-independent, from the stored hashes. */
static uint64_t shuffle_bits(uint64_t h) { return ((h ^ 89869747ULL) ^ (h << 16)) * 3644798167ULL; }

int set_hash(VM *vm, Set *s, uint64_t *out) {
    if (!is_frozen(vm, s)) {
        vm_raise(vm, T_TYPE_ERROR, "unhashable type: '%s'", s->obj.type->name->data);
        return -1;
    }
    if (s->hash) {
        *out = s->hash;
        return 0;
    }
    uint64_t h = 0;
    for (int64_t i = 0; i <= s->mask; i++)
        if (is_live(s->table[i].key)) h ^= shuffle_bits(s->table[i].hash);
    h ^= ((uint64_t)s->used + 1) * 1927868237ULL;
    h ^= (h >> 11) ^ (h >> 25);
    h = h * 69069U + 907133923ULL;
    if (h == (uint64_t)-1) h = 590923713ULL;
    s->hash = h; /* 0 only recomputes */
    *out = h;
    return 0;
}

Value set_iter_next(VM *vm, Iter *it) {
    Set *s = AS_SET(it->src);
    if (it->stop != s->used) {
        it->stop = -1;
        return vm_raise(vm, T_RUNTIME_ERROR, "Set changed size during iteration");
    }
    Value k;
    return set_next(s, &it->index, &k) ? k : VAL_NULL;
}

/* ---- methods ---------------------------------------------------------------------- */

#define SELF_SET(args) AS_SET((args)[0])

static Value set_add_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_SET, "add", ARGS_METH, 1, 1);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    return set_add(vm, SELF_SET(args), args[1]) < 0 ? VAL_ERROR : VAL_NONE;
}

static Value set_remove_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_SET, "remove", ARGS_METH, 1, 1);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    int rc = set_discard(vm, SELF_SET(args), args[1]);
    if (rc < 0) return VAL_ERROR;
    return rc ? VAL_NONE : raise_with_arg(vm, T_KEY_ERROR, args[1]);
}

static Value set_discard_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_SET, "discard", ARGS_METH, 1, 1);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    return set_discard(vm, SELF_SET(args), args[1]) < 0 ? VAL_ERROR : VAL_NONE;
}

static Value set_pop_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_SET, "pop", ARGS_METH, 0, 0);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    Set *s = SELF_SET(args);
    if (s->used == 0) {
        Str *msg = str_from_cstr(vm, "pop from an empty set");
        return msg ? raise_with_arg(vm, T_KEY_ERROR, val_obj(msg)) : VAL_ERROR;
    }
    int64_t i = s->finger & s->mask;
    while (!is_live(s->table[i].key)) i = (i + 1) & s->mask;
    Value k = s->table[i].key;
    s->table[i].key = SET_DUMMY;
    s->table[i].hash = DUMMY_HASH;
    s->used--;
    s->finger = i + 1;
    return k;
}

static Value set_clear_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    METHOD(spec, T_SET, "clear", ARGS_METH, 0, 0);
    if (arg_parse(vm, &spec, args, nargs, kwnames, NULL) < 0) return VAL_ERROR;
    clear(vm, SELF_SET(args));
    return VAL_NONE;
}

/* Methods that frozenset shares take any set as self. */
static int check_anyset(VM *vm, const char *name, Value *args, int nargs, Tuple *kwnames) {
    if (kwnames && kwnames->len) {
        vm_raise(vm, T_TYPE_ERROR, "set.%s() takes no keyword arguments", name);
        return -1;
    }
    if (nargs < 1 || !IS_ANYSET(args[0])) {
        vm_raise(vm, T_TYPE_ERROR, "descriptor '%s' for 'set' objects doesn't apply to a '%s' object",
                 name, nargs < 1 ? "NoneType" : type_name_of(vm, args[0]));
        return -1;
    }
    return 0;
}

static int check_one(VM *vm, const char *name, Value *args, int nargs, Tuple *kwnames) {
    if (check_anyset(vm, name, args, nargs, kwnames) < 0) return -1;
    if (nargs != 2) {
        vm_raise(vm, T_TYPE_ERROR, "set.%s() takes exactly one argument (%d given)", name, nargs - 1);
        return -1;
    }
    return 0;
}

static Value set_copy_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    if (check_anyset(vm, "copy", args, nargs, kwnames) < 0) return VAL_ERROR;
    if (nargs != 1)
        return vm_raise(vm, T_TYPE_ERROR, "set.copy() takes no arguments (%d given)", nargs - 1);
    if (is_frozen(vm, SELF_SET(args))) return args[0];
    return copy_of(vm, SELF_SET(args));
}

/* union/intersection/difference with any number of iterables. */
static Value fold(VM *vm, const char *name, Value *args, int nargs, Tuple *kwnames,
                  Value (*op)(VM *, Set *, Value)) {
    if (check_anyset(vm, name, args, nargs, kwnames) < 0) return VAL_ERROR;
    Value r = nargs == 1 ? copy_of(vm, SELF_SET(args)) : args[0];
    if (nargs == 1 && r != VAL_ERROR && is_frozen(vm, SELF_SET(args))) r = args[0];
    for (int i = 1; i < nargs && r != VAL_ERROR; i++) {
        gc_push_root(vm, r);
        r = op(vm, AS_SET(r), args[i]);
        gc_pop_roots(vm, 1);
    }
    return r;
}

/* One copy updated by every argument in turn (CPython's set_union), not a
 * fold: each copy would rebuild the table and change the printed order. */
static Value set_union_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    if (nargs == 1) return fold(vm, "union", args, nargs, kwnames, union_of);
    if (check_anyset(vm, "union", args, nargs, kwnames) < 0) return VAL_ERROR;
    Value r = copy_of(vm, SELF_SET(args));
    if (r == VAL_ERROR) return r;
    gc_push_root(vm, r);
    for (int i = 1; i < nargs && r != VAL_ERROR; i++)
        if (args[i] != args[0] && set_update(vm, AS_SET(r), args[i]) < 0) r = VAL_ERROR;
    gc_pop_roots(vm, 1);
    return r;
}

static Value set_intersection_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    return fold(vm, "intersection", args, nargs, kwnames, intersection);
}

/* The difference with the first argument, then the others removed in
 * place (CPython's set_difference_multi). */
static Value set_difference_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    if (nargs <= 2) return fold(vm, "difference", args, nargs, kwnames, difference);
    if (check_anyset(vm, "difference", args, nargs, kwnames) < 0) return VAL_ERROR;
    Value r = difference(vm, SELF_SET(args), args[1]);
    if (r == VAL_ERROR) return r;
    gc_push_root(vm, r);
    for (int i = 2; i < nargs && r != VAL_ERROR; i++)
        if (difference_update(vm, AS_SET(r), args[i]) < 0) r = VAL_ERROR;
    gc_pop_roots(vm, 1);
    return r;
}

static Value set_symmetric_difference_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    if (check_one(vm, "symmetric_difference", args, nargs, kwnames) < 0) return VAL_ERROR;
    return symmetric_difference(vm, SELF_SET(args), args[1]);
}

static Value set_update_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    if (check_anyset(vm, "update", args, nargs, kwnames) < 0) return VAL_ERROR;
    for (int i = 1; i < nargs; i++)
        if (set_update(vm, SELF_SET(args), args[i]) < 0) return VAL_ERROR;
    return VAL_NONE;
}

static Value set_intersection_update_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    if (check_anyset(vm, "intersection_update", args, nargs, kwnames) < 0) return VAL_ERROR;
    for (int i = 1; i < nargs; i++)
        if (intersection_update(vm, SELF_SET(args), args[i]) == VAL_ERROR) return VAL_ERROR;
    return VAL_NONE;
}

static Value set_difference_update_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    if (check_anyset(vm, "difference_update", args, nargs, kwnames) < 0) return VAL_ERROR;
    for (int i = 1; i < nargs; i++)
        if (difference_update(vm, SELF_SET(args), args[i]) < 0) return VAL_ERROR;
    return VAL_NONE;
}

static Value set_symmetric_difference_update_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    if (check_one(vm, "symmetric_difference_update", args, nargs, kwnames) < 0) return VAL_ERROR;
    return symmetric_difference_update(vm, SELF_SET(args), args[1]) < 0 ? VAL_ERROR : VAL_NONE;
}

static Value predicate(VM *vm, const char *name, Value *args, int nargs, Tuple *kwnames,
                       int (*fn)(VM *, Set *, Value)) {
    if (check_one(vm, name, args, nargs, kwnames) < 0) return VAL_ERROR;
    int rc = fn(vm, SELF_SET(args), args[1]);
    return rc < 0 ? VAL_ERROR : val_bool(rc);
}

static Value set_issubset_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    return predicate(vm, "issubset", args, nargs, kwnames, issubset);
}

static Value set_issuperset_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    return predicate(vm, "issuperset", args, nargs, kwnames, issuperset);
}

static Value set_isdisjoint_m(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    return predicate(vm, "isdisjoint", args, nargs, kwnames, isdisjoint);
}

static Value ctor(VM *vm, TypeId t, const char *name, Value *args, int nargs, Tuple *kwnames) {
    if (kwnames && kwnames->len)
        return vm_raise(vm, T_TYPE_ERROR, "%s() takes no keyword arguments", name);
    if (nargs > 1)
        return vm_raise(vm, T_TYPE_ERROR, "%s expected at most 1 argument, got %d", name, nargs);
    if (t == T_FROZENSET && nargs == 1 && IS_ANYSET(args[0]) && is_frozen(vm, AS_SET(args[0])))
        return args[0];
    return set_from(vm, t, nargs ? args[0] : VAL_NULL);
}

static Value ctor_set(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    return ctor(vm, T_SET, "set", args, nargs, kwnames);
}

static Value ctor_frozenset(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    return ctor(vm, T_FROZENSET, "frozenset", args, nargs, kwnames);
}

void set_init(VM *vm) {
    vm->types[T_SET]->ctor = ctor_set;
    vm->types[T_FROZENSET]->ctor = ctor_frozenset;
    static const struct { const char *name; NativeFn fn; bool frozen_too; } table[] = {
        {"add", set_add_m, false},
        {"remove", set_remove_m, false},
        {"discard", set_discard_m, false},
        {"pop", set_pop_m, false},
        {"clear", set_clear_m, false},
        {"update", set_update_m, false},
        {"intersection_update", set_intersection_update_m, false},
        {"difference_update", set_difference_update_m, false},
        {"symmetric_difference_update", set_symmetric_difference_update_m, false},
        {"copy", set_copy_m, true},
        {"union", set_union_m, true},
        {"intersection", set_intersection_m, true},
        {"difference", set_difference_m, true},
        {"symmetric_difference", set_symmetric_difference_m, true},
        {"issubset", set_issubset_m, true},
        {"issuperset", set_issuperset_m, true},
        {"isdisjoint", set_isdisjoint_m, true},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        type_add_native(vm, vm->types[T_SET], table[i].name, table[i].fn);
        if (table[i].frozen_too) type_add_native(vm, vm->types[T_FROZENSET], table[i].name, table[i].fn);
    }
}
