/* dict.c: insertion-ordered hash tables (CPython's compact layout).
 *
 * `entries` holds the items in insertion order; `index` is an open-addressing
 * table (CPython's perturbed probing) of positions into `entries`, -1 for a
 * never-used slot and -2 for a deleted one. Deleting leaves a tombstone in
 * both; the next resize compacts them away. The table grows when `entries`
 * is full, which keeps the index at most 2/3 loaded.
 *
 * Versions: every dict_new/dict_set/dict_del takes a fresh number from the
 * VM-wide counter vm->next_dict_version, so a (dict, version) pair never
 * repeats, even when a freed dict's address is reused. `keys_version` takes
 * one only when the keys or their entry positions change (dict_new, a new
 * key, which may resize and compact, a delete), not when a value is
 * overwritten: LOAD_GLOBAL caches an entry index under it. */
#include <stdlib.h>

#include "keys.h"

#define IX_EMPTY (-1)
#define IX_DELETED (-2)
#define MIN_INDEX 8

enum { FOUND_NONE = -1, LOOKUP_ERROR = -2, FOUND_NEED_CALL = -3 };

Dict *dict_new(VM *vm) {
    Dict *d = gc_alloc(vm, sizeof(Dict), OBJ_DICT, vm->types[T_DICT]);
    if (d) d->version = d->keys_version = vm->next_dict_version++;
    return d;
}

static void touch(VM *vm, Dict *d) { d->version = vm->next_dict_version++; }
static void touch_keys(VM *vm, Dict *d) {
    d->version = d->keys_version = vm->next_dict_version++;
    if (__builtin_expect(d->jit_watched, 0) && vm->jit)
        vm->jit->invalidate(vm, JIT_DEP_DICT, (uint64_t)(uintptr_t)d);
}

static int64_t usable(int64_t index_cap) { return index_cap * 2 / 3; }

/* The probe loop, inlined into every caller: finds `key` by identity or
 * keys_compare_fast. Returns its entry position; FOUND_NONE with *slot the
 * index slot a new entry should take; or, when a key with an equal hash
 * needs a Python-level comparison, FOUND_NEED_CALL (unless !may_call: such
 * keys count as different). */
static inline int64_t probe(Dict *d, Value key, uint64_t hash, bool may_call, int64_t *slot) {
    if (d->index_cap == 0) {
        *slot = -1;
        return FOUND_NONE;
    }
    uint64_t mask = (uint64_t)d->index_cap - 1, perturb = hash;
    uint64_t i = hash & mask;
    int64_t free_slot = -1;
    for (;;) {
        int32_t ix = d->index[i];
        if (ix >= 0) {
            DictEntry *e = &d->entries[ix];
            if (e->key == key) {
                *slot = (int64_t)i;
                return ix;
            }
            if (e->hash == hash) {
                int eq = keys_compare_fast(e->key, key);
                if (eq == KEYS_NEED_CALL && may_call) return FOUND_NEED_CALL;
                if (eq == KEYS_EQUAL) {
                    *slot = (int64_t)i;
                    return ix;
                }
            }
        } else if (ix == IX_EMPTY) {
            *slot = free_slot >= 0 ? free_slot : (int64_t)i;
            return FOUND_NONE;
        } else if (free_slot < 0) {
            free_slot = (int64_t)i;
        }
        perturb >>= 5;
        i = (i * 5 + perturb + 1) & mask;
    }
}

/* lookup's rare case: the probe met a key that only obj_eq can compare with
 * `key`. That runs Python code, so d, key and `keep` (a value the caller
 * holds, or VAL_NULL) are rooted across it, and when it changes the table
 * the search restarts. */
static __attribute__((noinline)) int64_t lookup_calling(VM *vm, Dict *d, Value key,
                                                        uint64_t hash, Value keep,
                                                        int64_t *slot) {
    gc_push_root(vm, val_obj(d));
    gc_push_root(vm, key);
    gc_push_root(vm, keep);
    int64_t result;
restart:
    result = FOUND_NONE;
    *slot = -1;
    if (d->index_cap == 0) goto done;
    uint64_t mask = (uint64_t)d->index_cap - 1, perturb = hash;
    uint64_t i = hash & mask;
    int64_t free_slot = -1;
    for (;;) {
        int32_t ix = d->index[i];
        if (ix >= 0) {
            DictEntry *e = &d->entries[ix];
            int eq = e->key == key ? KEYS_EQUAL : e->hash != hash ? KEYS_DIFFER
                                                                   : keys_compare_fast(e->key, key);
            if (eq == KEYS_NEED_CALL) {
                DictEntry *entries = d->entries;
                Value start = e->key;
                eq = obj_eq(vm, start, key);
                if (eq < 0) {
                    result = LOOKUP_ERROR;
                    goto done;
                }
                if (d->entries != entries || d->entries[ix].key != start) goto restart;
            }
            if (eq) {
                *slot = (int64_t)i;
                result = ix;
                goto done;
            }
        } else if (ix == IX_EMPTY) {
            *slot = free_slot >= 0 ? free_slot : (int64_t)i;
            goto done;
        } else if (free_slot < 0) {
            free_slot = (int64_t)i;
        }
        perturb >>= 5;
        i = (i * 5 + perturb + 1) & mask;
    }
done:
    gc_pop_roots(vm, 3);
    return result;
}

/* Find `key`. Returns its entry position, FOUND_NONE (then *slot is where
 * the index should point to a new entry), or LOOKUP_ERROR. Only keys that
 * keys_compare_fast cannot decide are compared with obj_eq (when may_call;
 * otherwise they count as different). */
static inline int64_t lookup(VM *vm, Dict *d, Value key, uint64_t hash, bool may_call, Value keep,
                             int64_t *slot) {
    int64_t ix = probe(d, key, hash, may_call, slot);
    if (ix == FOUND_NEED_CALL) return lookup_calling(vm, d, key, hash, keep, slot);
    return ix;
}

/* A free index slot for a hash known to be absent (after a resize). */
static int64_t empty_slot(Dict *d, uint64_t hash) {
    uint64_t mask = (uint64_t)d->index_cap - 1, perturb = hash;
    uint64_t i = hash & mask;
    while (d->index[i] >= 0) {
        perturb >>= 5;
        i = (i * 5 + perturb + 1) & mask;
    }
    return (int64_t)i;
}

/* Fresh (unfilled) tables of icap index slots and cap entries for d, which
 * stays rooted across the allocations. -1 with MemoryError raised. */
static int new_tables(VM *vm, Dict *d, int64_t icap, int64_t cap, int32_t **index,
                      DictEntry **entries) {
    gc_push_root(vm, val_obj(d));
    *index = gc_buf_alloc(vm, (size_t)icap * sizeof(int32_t));
    *entries = *index ? gc_buf_alloc(vm, (size_t)cap * sizeof(DictEntry)) : NULL;
    gc_pop_roots(vm, 1);
    if (*entries) return 0;
    if (*index) gc_buf_free(vm, *index, (size_t)icap * sizeof(int32_t));
    return -1;
}

/* Rebuild both tables for `live` live entries (and room to grow), dropping
 * tombstones. */
static int resize_for(VM *vm, Dict *d, int64_t live) {
    int64_t icap = MIN_INDEX;
    while (usable(icap) < live * 3 / 2 + 1) icap *= 2;
    if (icap > ((int64_t)1 << 30)) {
        vm_raise_oom(vm);
        return -1;
    }
    int64_t cap = usable(icap);
    int32_t *index;
    DictEntry *entries;
    if (new_tables(vm, d, icap, cap, &index, &entries) < 0) return -1;
    int64_t n = 0;
    for (int64_t i = 0; i < d->used; i++)
        if (d->entries[i].key != VAL_NULL) entries[n++] = d->entries[i];
    gc_buf_free(vm, d->index, (size_t)d->index_cap * sizeof(int32_t));
    gc_buf_free(vm, d->entries, (size_t)d->cap * sizeof(DictEntry));
    d->index = index;
    d->entries = entries;
    d->index_cap = icap;
    d->cap = cap;
    d->used = n;
    for (int64_t i = 0; i < icap; i++) index[i] = IX_EMPTY;
    for (int64_t i = 0; i < n; i++) index[empty_slot(d, entries[i].hash)] = (int32_t)i;
    return 0;
}

static int resize(VM *vm, Dict *d) { return resize_for(vm, d, d->len + 1); }

/* Add a key known to be absent at index slot `slot` (or -1: unknown). */
static int insert_new(VM *vm, Dict *d, Value key, uint64_t hash, Value value, int64_t slot) {
    if (d->used >= d->cap) {
        gc_push_root(vm, key);
        gc_push_root(vm, value);
        int rc = resize(vm, d);
        gc_pop_roots(vm, 2);
        if (rc < 0) return -1;
        slot = -1;
    }
    if (slot < 0) slot = empty_slot(d, hash);
    DictEntry *e = &d->entries[d->used];
    e->hash = hash;
    e->key = key;
    e->value = value;
    d->index[slot] = (int32_t)d->used++;
    d->len++;
    touch_keys(vm, d);
    return 0;
}

Value dict_get(VM *vm, Dict *d, Value key) {
    uint64_t hash;
    if (key_hash(vm, key, &hash) < 0) return VAL_ERROR;
    int64_t slot, ix = lookup(vm, d, key, hash, true, VAL_NULL, &slot);
    if (ix == LOOKUP_ERROR) return VAL_ERROR;
    return ix == FOUND_NONE ? VAL_NULL : d->entries[ix].value;
}

int dict_set(VM *vm, Dict *d, Value key, Value value) {
    uint64_t hash;
    if (key_hash(vm, key, &hash) < 0) return -1;
    int64_t slot, ix = lookup(vm, d, key, hash, true, value, &slot);
    if (ix == LOOKUP_ERROR) return -1;
    if (ix >= 0) {
        d->entries[ix].value = value;
        touch(vm, d);
        return 0;
    }
    gc_push_root(vm, val_obj(d));
    int rc = insert_new(vm, d, key, hash, value, slot);
    gc_pop_roots(vm, 1);
    return rc;
}

int dict_del(VM *vm, Dict *d, Value key) {
    uint64_t hash;
    if (key_hash(vm, key, &hash) < 0) return -1;
    int64_t slot, ix = lookup(vm, d, key, hash, true, VAL_NULL, &slot);
    if (ix == LOOKUP_ERROR) return -1;
    if (ix == FOUND_NONE) return 0;
    d->index[slot] = IX_DELETED;
    d->entries[ix].key = VAL_NULL;
    d->entries[ix].value = VAL_NULL;
    d->len--;
    touch_keys(vm, d);
    return 1;
}

Value dict_get_str(Dict *d, Str *key) {
    uint64_t hash = key->hash ? key->hash : str_hash(key);
    int64_t slot, ix = probe(d, val_obj(key), hash, false, &slot);
    return ix >= 0 ? d->entries[ix].value : VAL_NULL;
}

int dict_set_str(VM *vm, Dict *d, Str *key, Value value) {
    uint64_t hash = str_hash(key);
    int64_t slot, ix = lookup(vm, d, val_obj(key), hash, false, VAL_NULL, &slot);
    if (ix >= 0) {
        d->entries[ix].value = value;
        touch(vm, d);
        return 0;
    }
    gc_push_root(vm, val_obj(d));
    int rc = insert_new(vm, d, val_obj(key), hash, value, slot);
    gc_pop_roots(vm, 1);
    return rc;
}

Str *dict_find_str(Dict *d, const char *s, int64_t len, uint64_t hash) {
    if (d->index_cap == 0) return NULL;
    uint64_t mask = (uint64_t)d->index_cap - 1, perturb = hash;
    uint64_t i = hash & mask;
    for (int32_t ix; (ix = d->index[i]) != IX_EMPTY;) {
        if (ix >= 0 && d->entries[ix].hash == hash && IS_STR(d->entries[ix].key)) {
            Str *k = (Str *)val_as_obj(d->entries[ix].key);
            if (k->len == len && memcmp(k->data, s, (size_t)len) == 0) return k;
        }
        perturb >>= 5;
        i = (i * 5 + perturb + 1) & mask;
    }
    return NULL;
}

int dict_update_dict(VM *vm, Dict *d, Dict *src) {
    if (d->used == 0 && d->index_cap == 0 && src->len > 0 && src->used == src->len) {
        /* dict(src), src.copy() of a table without deleted entries: both
         * tables are copied as they are (CPython clones them too). */
        int32_t *index;
        DictEntry *entries;
        gc_push_root(vm, val_obj(src));
        int rc = new_tables(vm, d, src->index_cap, src->cap, &index, &entries);
        gc_pop_roots(vm, 1);
        if (rc < 0) return -1;
        memcpy(index, src->index, (size_t)src->index_cap * sizeof(int32_t));
        memcpy(entries, src->entries, (size_t)src->used * sizeof(DictEntry));
        d->index = index;
        d->entries = entries;
        d->index_cap = src->index_cap;
        d->cap = src->cap;
        d->used = d->len = src->len;
        touch_keys(vm, d);
        return 0;
    }
    if (d->used == 0 && d->index_cap == 0 && src->len > 0 && src != d) {
        /* The same with deleted entries: the live ones are copied and
         * indexed without hashing or comparing (src's keys are distinct,
         * their hashes stored). */
        gc_push_root(vm, val_obj(src));
        int rc = resize_for(vm, d, src->len);
        gc_pop_roots(vm, 1);
        if (rc < 0) return -1;
        int64_t n = 0;
        for (int64_t i = 0; i < src->used; i++) {
            if (src->entries[i].key == VAL_NULL) continue;
            d->entries[n] = src->entries[i];
            d->index[empty_slot(d, d->entries[n].hash)] = (int32_t)n;
            n++;
        }
        d->used = d->len = n;
        touch_keys(vm, d);
        return 0;
    }
    int64_t pos = 0;
    Value k, v;
    while (dict_next(src, &pos, &k, &v))
        if (dict_set(vm, d, k, v) < 0) return -1;
    return 0;
}

bool dict_next(Dict *d, int64_t *pos, Value *key, Value *value) {
    for (int64_t i = *pos; i < d->used; i++) {
        if (d->entries[i].key == VAL_NULL) continue;
        if (key) *key = d->entries[i].key;
        if (value) *value = d->entries[i].value;
        *pos = i + 1;
        return true;
    }
    *pos = d->used;
    return false;
}
