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

/* How two distinct keys with equal hashes compare when that needs no
 * Python-level equality: str with str, small int with small int. */
static inline int keys_compare_fast(Value a, Value b) {
    if (val_is_obj(a) && val_is_obj(b)) {
        Str *x = (Str *)val_as_obj(a), *y = (Str *)val_as_obj(b);
        if (x->obj.kind != OBJ_STR || y->obj.kind != OBJ_STR) return KEYS_NEED_CALL;
        return x->len == y->len && str_same_bytes(x, y);
    }
    if (val_is_int(a) && val_is_int(b)) return KEYS_DIFFER;
    return KEYS_NEED_CALL;
}

#endif
