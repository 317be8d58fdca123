/* keys.h: hashing and comparing hash-table keys, shared by dict.c and set.c
 * so both tables agree on what a key is. */
#ifndef STITCH_KEYS_H
#define STITCH_KEYS_H

#include "vm.h"

/* The hash of key. Small ints and strs, nearly every key, are hashed here
 * (a small int is its own hash, as int_hash computes for |x| < 2**61). */
static inline int key_hash(VM *vm, Value key, uint64_t *out) {
    if (val_is_int(key)) {
        int64_t x = val_as_int(key);
        *out = (uint64_t)(x == -1 ? -2 : x);
        return 0;
    }
    if (IS_STR(key)) {
        Str *s = AS_STR(key);
        *out = s->hash ? s->hash : str_hash(s);
        return 0;
    }
    return obj_hash(vm, key, out);
}

enum { KEYS_DIFFER = 0, KEYS_EQUAL = 1, KEYS_NEED_CALL = 2 };

/* Items of tuple keys: str with str, small int with small int, or the same
 * value (not a float: a NaN is not equal to itself). */
static inline int item_compare_fast(Value a, Value b) {
    if (a == b && !val_is_float(a)) return KEYS_EQUAL;
    if (val_is_int(a) && val_is_int(b)) return KEYS_DIFFER;
    if (!IS_STR(a) || !IS_STR(b)) return KEYS_NEED_CALL;
    Str *x = AS_STR(a), *y = AS_STR(b);
    return x->len == y->len && str_same_bytes(x, y);
}

/* Two exact tuples, item by item as tuple == does, as long as every pair up
 * to the first unequal one compares without Python code. */
static inline int tuple_compare_fast(const Tuple *x, const Tuple *y) {
    if (x->len != y->len) return KEYS_DIFFER;
    for (int64_t i = 0; i < x->len; i++) {
        int eq = item_compare_fast(x->items[i], y->items[i]);
        if (eq != KEYS_EQUAL) return eq;
    }
    return KEYS_EQUAL;
}

/* How two distinct keys with equal hashes compare when that needs no
 * Python-level equality: str with str, small int with small int, tuples
 * (of the builtin class) of those. */
static inline int keys_compare_fast(Value a, Value b) {
    if (val_is_obj(a) && val_is_obj(b)) {
        Obj *x = val_as_obj(a), *y = val_as_obj(b);
        if (x->kind == OBJ_TUPLE && y->kind == OBJ_TUPLE && x->type->builtin && y->type->builtin)
            return tuple_compare_fast((const Tuple *)x, (const Tuple *)y);
        if (x->kind != OBJ_STR || y->kind != OBJ_STR) return KEYS_NEED_CALL;
        return ((Str *)x)->len == ((Str *)y)->len && str_same_bytes((Str *)x, (Str *)y);
    }
    if (val_is_int(a) && val_is_int(b)) return KEYS_DIFFER;
    return KEYS_NEED_CALL;
}

#endif
