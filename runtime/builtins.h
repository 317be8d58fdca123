/* builtins.h: helpers shared by builtins.c, methods.c and iter.c.
 *
 * Every native checks its arguments with arg_parse, which produces the
 * message CPython 3.11 gives for the same mistake. CPython words its
 * messages in three families depending on how the C function is declared,
 * so each native's ArgSpec names its family:
 *
 *   ARGS_METH  METH_O / METH_NOARGS functions:
 *              "len() takes exactly one argument (2 given)",
 *              "list.clear() takes no arguments (1 given)"
 *   ARGS_POS   Argument Clinic positional functions:
 *              "pop expected at most 1 argument, got 2"
 *   ARGS_KW    functions taking keywords (PyArg_ParseTupleAndKeywords):
 *              "split() takes at most 2 arguments (3 given)"
 *
 * All families share "X() takes no keyword arguments" and
 * "'k' is an invalid keyword argument for X()". */
#ifndef STITCH_BUILTINS_H
#define STITCH_BUILTINS_H

#include "vm.h"

typedef enum ArgStyle { ARGS_METH, ARGS_POS, ARGS_KW } ArgStyle;

/* What a native accepts. `kw` names the parameter slots in order: slot i
 * (i < max) is positional parameter i, slots from max on are keyword-only;
 * a NULL name is positional-only. For variadic natives (max < 0) every slot
 * is keyword-only. `self_type` (TypeId + 1, 0 = none) makes the first
 * argument a receiver that must be an instance of that builtin class. */
typedef struct ArgSpec {
    const char *name;
    uint8_t style;
    uint8_t self_type;
    int8_t min, max;
    int8_t nkw;
    const char *const *kw;
} ArgSpec;

#define ARG_MAX_SLOTS 8

/* Declare a native's spec: SPEC for functions, METHOD for methods of the
 * builtin class T_<tid>; the _KW forms take the keyword slot names. */
#define SPEC(var, name, style, min, max) \
    static const ArgSpec var = {name, style, 0, min, max, 0, NULL}
#define SPEC_KW(var, name, style, min, max, ...)                               \
    static const char *const var##_kw[] = {__VA_ARGS__};                      \
    static const ArgSpec var = {name, style, 0, min, max,                     \
                                sizeof var##_kw / sizeof var##_kw[0], var##_kw}
#define METHOD(var, tid, name, style, min, max) \
    static const ArgSpec var = {name, style, (tid) + 1, min, max, 0, NULL}
#define METHOD_KW(var, tid, name, style, min, max, ...)                        \
    static const char *const var##_kw[] = {__VA_ARGS__};                      \
    static const ArgSpec var = {name, style, (tid) + 1, min, max,             \
                                sizeof var##_kw / sizeof var##_kw[0], var##_kw}

/* Check a call against spec. On success fills out[0 .. slots) with the
 * parameters (positional ones first, then keywords; VAL_NULL when not
 * given) and returns the number of positional arguments excluding self;
 * out may be NULL when the native reads args directly. -1 with TypeError
 * raised on a bad call. */
int arg_parse_slow(VM *vm, const ArgSpec *spec, Value *args, int nargs, Tuple *kwnames,
                   Value *out);

/* The common call, checked in a few instructions: no keywords, the receiver
 * (if any) exactly of the method's class, a positional count in range.
 * Inline, so that a native's constant spec folds into the compares. */
static inline bool arg_plain_call(VM *vm, const ArgSpec *s, const Value *args, int n) {
    if (s->self_type) {
        if (n == 0 || !val_is_obj(args[0]) ||
            val_as_obj(args[0])->type != vm->types[s->self_type - 1])
            return false;
        n--;
    }
    switch ((ArgStyle)s->style) {
    case ARGS_METH: return n == s->min;
    case ARGS_POS: return n >= s->min && (s->max < 0 || n <= s->max);
    default: return false;
    }
}

static inline int arg_parse(VM *vm, const ArgSpec *s, Value *args, int nargs, Tuple *kwnames,
                            Value *out) {
    if (kwnames || !arg_plain_call(vm, s, args, nargs))
        return arg_parse_slow(vm, s, args, nargs, kwnames, out);
    int self = s->self_type != 0, n = nargs - self;
    if (out) {
        int slots = s->max > s->nkw ? s->max : s->nkw;
        for (int i = 0; i < slots && i < ARG_MAX_SLOTS; i++)
            out[i] = s->max >= 0 && i < n ? args[self + i] : VAL_NULL;
    }
    return n;
}

/* Convert an int-like value to int64 for an index or count; raises
 * TypeError "'X' object cannot be interpreted as an integer" for non-ints
 * and OverflowError when it does not fit. Returns -1 with vm->exc set on
 * error (check vm->exc, not the result, since -1 is a valid value). */
int arg_int64(VM *vm, Value v, int64_t *out);

/* Append every item of an iterable to l (fast paths for list and tuple). */
int seq_extend(VM *vm, List *l, Value iterable);
/* A new list with the items of an iterable. */
List *seq_to_list(VM *vm, Value iterable);
/* seq_to_list, but a TypeError (not iterable) becomes TypeError(msg). */
List *seq_to_list_or(VM *vm, Value iterable, const char *msg);
/* Stable sort of l in place by `key` (VAL_NULL/None for none), optionally
 * reversed, comparing with `<` like CPython's list.sort. */
int seq_sort(VM *vm, List *l, Value key, bool reverse);
/* dict.update / dict(): copy a mapping, or pairs from an iterable, into d. */
int dict_update_from(VM *vm, Dict *d, Value src);
/* DICT_UPDATE ({**m}): a mapping's items into d (a dict, or anything with
 * keys() and []); else CPython's TypeError "'T' object is not a mapping". */
int dict_update_mapping(VM *vm, Dict *d, Value src);

/* The class name of v, for messages. */
const char *type_name_of(VM *vm, Value v);

/* Raise builtin exception t with args (arg,) (KeyError(key), ...), or with
 * empty args when arg is VAL_NULL. Returns VAL_ERROR. */
Value raise_with_arg(VM *vm, TypeId t, Value arg);

/* exit([code]), quit(), sys.exit: raise SystemExit(code). */
Value builtin_exit(VM *vm, Value *args, int nargs, Tuple *kwnames);

/* format() and str.format (format.c). */
Value bi_format(VM *vm, Value *args, int nargs, Tuple *kwnames);
Value str_format_m(VM *vm, Value *args, int nargs, Tuple *kwnames);
Value str_format_map_m(VM *vm, Value *args, int nargs, Tuple *kwnames);

/* Iterator objects (iter.c). */
Value iter_new(VM *vm, TypeId t, Value src);
/* One bound of a slice (or of str.find's window): None -> def, ints clamped
 * to int64; -1 with CPython's TypeError for anything else. */
int slice_bound(VM *vm, Value v, int64_t def, int64_t *out);
/* reversed() of a dict or dict view: its reverse iterator, or VAL_NULL when
 * v is neither. */
Value dict_reversed(VM *vm, Value v);
/* The item at `index` (already normalized, in range) of a str. */
Value str_char_at(VM *vm, Str *s, int64_t index);

/* ---- UTF-8 ---------------------------------------------------------------- */

/* Bytes in the sequence that starts with lead byte c. */
static inline int utf8_seqlen(unsigned char c) {
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Decode the code point at p (well-formed UTF-8); returns its byte length. */
static inline int utf8_decode(const char *p, uint32_t *cp) {
    const unsigned char *s = (const unsigned char *)p;
    int n = utf8_seqlen(s[0]);
    uint32_t c = n == 1 ? s[0] : n == 2 ? s[0] & 0x1F : n == 3 ? s[0] & 0x0F : s[0] & 0x07;
    for (int i = 1; i < n; i++) c = (c << 6) | (s[i] & 0x3F);
    *cp = c;
    return n;
}

/* Encode cp into buf (4 bytes); returns the byte length. */
static inline int utf8_encode(uint32_t cp, char *buf) {
    if (cp < 0x80) { buf[0] = (char)cp; return 1; }
    if (cp < 0x800) {
        buf[0] = (char)(0xC0 | (cp >> 6));
        buf[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        buf[0] = (char)(0xE0 | (cp >> 12));
        buf[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        buf[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    buf[0] = (char)(0xF0 | (cp >> 18));
    buf[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    buf[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    buf[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Byte offset of code point `index` in s (index may equal nchars). */
static inline int64_t str_byte_offset(const Str *s, int64_t index) {
    if (s->ascii) return index;
    int64_t off = 0;
    while (index-- > 0) off += utf8_seqlen((unsigned char)s->data[off]);
    return off;
}

/* Code points in the first `n` bytes of p. */
static inline int64_t utf8_count(const char *p, int64_t n) {
    int64_t c = 0;
    for (int64_t i = 0; i < n; i++) c += ((unsigned char)p[i] & 0xC0) != 0x80;
    return c;
}

#endif
