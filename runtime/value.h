/* value.h: the one representation of a Python value in stitch.
 *
 * A Value is 64 bits, NaN-boxed. An IEEE-754 double whose top 14 bits are not
 * all the "quiet NaN + 1" pattern is stored as itself; every other value hides
 * in the payload of a NaN that real arithmetic never produces (NaN results are
 * canonicalized to 0x7FF8000000000000 on the way in, see val_float):
 *
 *   top 16 bits   payload (low 48 bits)           meaning
 *   ----------    ---------------------------     ----------------------------
 *   0x7FFC        48-bit two's-complement int     small int, [-2^47, 2^47-1]
 *   0x7FFD        0 / 1 / 2 / 0xFE / 0xFF         None / False / True /
 *                                                  NULL (unbound) / ERROR
 *   0xFFFC        48-bit address                   pointer to a heap Obj
 *   other         the double itself                float
 *
 * Ints outside the small range live on the heap as GMP big ints (int.c) and
 * shrink back to small ints whenever a result fits. Arithmetic never wraps.
 *
 * VAL_NULL and VAL_ERROR are not Python values: NULL marks an unbound local,
 * an empty slot or "no more items" from an iterator; ERROR is what a function
 * returning Value returns when it raised (the exception is in vm->exc).
 *
 * All access goes through the inline functions below; nothing else in stitch
 * looks at the bits. */
#ifndef STITCH_VALUE_H
#define STITCH_VALUE_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

typedef uint64_t Value;
typedef struct Obj Obj;

#define VAL_TAG_MASK   0xFFFF000000000000ull
#define VAL_BOX_MASK   0x7FFC000000000000ull
#define VAL_TAG_INT    0x7FFC000000000000ull
#define VAL_TAG_SPEC   0x7FFD000000000000ull
#define VAL_TAG_OBJ    0xFFFC000000000000ull
#define VAL_PAYLOAD    0x0000FFFFFFFFFFFFull
#define VAL_CANON_NAN  0x7FF8000000000000ull

#define VAL_NONE  (VAL_TAG_SPEC | 0)
#define VAL_FALSE (VAL_TAG_SPEC | 1)
#define VAL_TRUE  (VAL_TAG_SPEC | 2)
#define VAL_NULL  (VAL_TAG_SPEC | 0xFE)
#define VAL_ERROR (VAL_TAG_SPEC | 0xFF)

#define SMALL_INT_MIN (-(INT64_C(1) << 47))
#define SMALL_INT_MAX ((INT64_C(1) << 47) - 1)

static inline bool val_is_float(Value v) { return (v & VAL_BOX_MASK) != VAL_BOX_MASK; }
static inline bool val_is_int(Value v) { return (v & VAL_TAG_MASK) == VAL_TAG_INT; }
static inline bool val_is_obj(Value v) { return (v & VAL_TAG_MASK) == VAL_TAG_OBJ; }
static inline bool val_is_bool(Value v) { return v == VAL_TRUE || v == VAL_FALSE; }
static inline bool val_is_none(Value v) { return v == VAL_NONE; }

static inline bool int_fits_small(int64_t i) { return i >= SMALL_INT_MIN && i <= SMALL_INT_MAX; }

/* Only for i already known to satisfy int_fits_small. */
static inline Value val_int(int64_t i) { return VAL_TAG_INT | ((uint64_t)i & VAL_PAYLOAD); }
static inline int64_t val_as_int(Value v) { return (int64_t)(v << 16) >> 16; }

static inline Value val_float(double d) {
    Value v;
    if (d != d) return VAL_CANON_NAN;
    memcpy(&v, &d, sizeof v);
    return v;
}
static inline double val_as_float(Value v) {
    double d;
    memcpy(&d, &v, sizeof d);
    return d;
}

static inline Value val_bool(bool b) { return b ? VAL_TRUE : VAL_FALSE; }

static inline Value val_obj(const void *o) { return VAL_TAG_OBJ | (uint64_t)(uintptr_t)o; }
static inline Obj *val_as_obj(Value v) { return (Obj *)(uintptr_t)(v & VAL_PAYLOAD); }

#endif
