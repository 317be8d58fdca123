/* vm.h: the virtual machine state and the runtime's cross-file API.
 *
 * Error idiom (one for raising, one for propagating), used everywhere:
 *   - A function returning Value returns VAL_ERROR when it raised; one
 *     returning a pointer returns NULL; one returning int returns -1.
 *     The exception is in vm->exc.
 *   - Raise with `return vm_raise(vm, T_VALUE_ERROR, "fmt", ...);`
 *     (or the pointer/int forms: `vm_raise(...); return NULL;`).
 *   - Propagate by returning the same sentinel unchanged.
 *
 * GC invariant: a collection can happen inside any allocation. Values held
 * only in C locals across an allocation must be protected with gc_push_root /
 * gc_pop_roots. Values on the VM stack (frame extents, native call
 * arguments) and in reachable objects are always safe.
 */
#ifndef STITCH_VM_H
#define STITCH_VM_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "object.h"
#include "ops.h"

/* Interned names the runtime looks up by itself: X(ENUM, "text"). */
#define COMMON_NAME_LIST(X)                                                    \
    X(INIT, "__init__")                                                        \
    X(NEW, "__new__")                                                          \
    X(STR, "__str__")                                                          \
    X(REPR, "__repr__")                                                        \
    X(HASH, "__hash__")                                                        \
    X(EQ, "__eq__")                                                            \
    X(NE, "__ne__")                                                            \
    X(LT, "__lt__")                                                            \
    X(LE, "__le__")                                                            \
    X(GT, "__gt__")                                                            \
    X(GE, "__ge__")                                                            \
    X(LEN, "__len__")                                                          \
    X(BOOL, "__bool__")                                                        \
    X(CONTAINS, "__contains__")                                                \
    X(GETITEM, "__getitem__")                                                  \
    X(SETITEM, "__setitem__")                                                  \
    X(DELITEM, "__delitem__")                                                  \
    X(ITER, "__iter__")                                                        \
    X(NEXT, "__next__")                                                        \
    X(CALL, "__call__")                                                        \
    X(NAME, "__name__")                                                        \
    X(QUALNAME, "__qualname__")                                                \
    X(MODULE, "__module__")                                                    \
    X(CLASS, "__class__")                                                      \
    X(DICT, "__dict__")                                                        \
    X(DOC, "__doc__")                                                          \
    X(MAIN, "__main__")                                                        \
    X(ARGS, "args")                                                            \
    X(KEYS, "keys")                                                            \
    X(GETATTR, "__getattr__")                                                  \
    X(MODULE_CODE, "<module>")

typedef enum CommonName {
#define X(e, s) NAME_##e,
    COMMON_NAME_LIST(X)
#undef X
    NAME_COUNT
} CommonName;

/* One activation of a code object. Its locals and operand stack are one
 * contiguous extent of vm->stack: base[0 .. nlocals) are the fast locals,
 * the operand stack grows from base + nlocals up to at most
 * base + nlocals + code->stacksize. `sp` and `ip` are saved copies, valid
 * while another frame runs or a callee may inspect them. */
typedef struct Frame {
    Code *code;
    Function *func;        /* NULL for module and class bodies */
    Dict *globals;
    Dict *locals_dict;     /* class bodies only, else NULL */
    Value *base;
    Value *sp;
    uint16_t *ip;          /* next instruction to execute */
    int32_t flags;         /* FRAME_* */
    Value *top;            /* vm->stack_top while this frame runs (interp) */
    Generator *gen;        /* the generator running here; valid only with FRAME_GEN */
    uint32_t gen_exit;     /* FRAME_GEN without FRAME_ENTRY: the caller's jump
                            * (FOR_ITER's or SEND's oparg) when gen returns */
} Frame;

#define FRAME_ENTRY      0x01  /* return leaves the interpreter loop */
#define FRAME_INIT       0x02  /* __init__ call: discard result, keep self */
#define FRAME_CLASSBODY  0x04
#define FRAME_GEN        0x08  /* a resumed generator's frame (gen.c): frame->gen */
#define FRAME_THROW      0x10  /* gen.c: raise vm->exc at the frame's ip on entry */
#define FRAME_GEN_SEND   0x20  /* a generator's frame pushed by SEND_GEN (else by
                                * FOR_ITER_GEN, when not FRAME_ENTRY) */

/* Options, set through the public API (stitch.h) or the environment. */
typedef struct VMOptions {
    bool gc_stress;          /* collect at every allocation */
    size_t heap_limit;       /* bytes; past it, allocation raises MemoryError */
    int recursion_limit;     /* Python frames; past it, RecursionError */
    void (*write_out)(void *ud, const char *s, size_t n);
    void (*write_err)(void *ud, const char *s, size_t n);
    void *userdata;
    bool no_specialize;      /* STITCH_SPECIALIZE=0: never quicken (specialize.c) */
    /* The JIT's (jit/ reads them when attached; api.c sets them). */
    int jit_mode;            /* JIT_MODE_* */
    bool jit_no_opt;         /* STITCH_JIT_OPT=0 */
    bool jit_perf;           /* STITCH_JIT_PERF=1 */
    char *jit_dump;          /* STITCH_JIT_DUMP: NULL, "1" (stderr) or a path (malloc'd) */
    size_t jit_memory;       /* STITCH_JIT_MEMORY: bytes of code, 0 = default */
} VMOptions;

enum { JIT_MODE_OFF, JIT_MODE_CODE, JIT_MODE_UOPS };
/* Backward jumps before a loop is compiled: measured with bench/run (see
 * docs/jit.md); low enough that short loops pay off, high enough that the
 * loop body has specialized first. */
#define JIT_DEFAULT_THRESHOLD 64

/* The trace JIT as the runtime sees it: the one narrow interface between
 * runtime/ and jit/ (which fills it in; the runtime never includes jit/).
 * vm->jit is NULL unless the JIT is on, and then the interpreter calls it
 * at backward jumps only. */
enum { JIT_OK, JIT_ERROR, JIT_NOT_ENTERED };
enum { JIT_DEP_TYPE, JIT_DEP_DICT };
typedef struct JitHooks {
    /* Set up / tear down vm->jit_state (stitch_use_jit, vm_free). */
    int (*attach)(VM *vm);
    void (*detach)(VM *vm);
    /* The JUMP_BACKWARD at `jump` (its opcode unit) in the topmost frame f
     * (ip and sp saved), jumping to `target`, is hot. Returns 1 when it
     * became ENTER_EXECUTOR. */
    int (*hot_loop)(VM *vm, Frame *f, uint16_t *jump, uint16_t *target);
    /* Run the trace of the ENTER_EXECUTOR at `jump` in the topmost frame,
     * whose ip (the loop's head) and sp are saved. JIT_OK: go on at the
     * topmost frame's saved ip and sp (the trace may have pushed frames);
     * JIT_ERROR: an exception is raised, the topmost frame's ip is just
     * past the failing opcode; JIT_NOT_ENTERED: the trace was invalid and
     * the jump is a JUMP_BACKWARD again. */
    int (*enter)(VM *vm, uint16_t *jump);
    /* Something traces may depend on changed: drop the traces that depend
     * on it. JIT_DEP_TYPE: a class leaves version `key`; JIT_DEP_DICT: the
     * keys of the dict at address `key` (one with jit_watched set) changed. */
    void (*invalidate)(VM *vm, int kind, uint64_t key);
    /* Mark what the JIT keeps alive (constants in traces, inlined code). */
    void (*mark)(VM *vm);
    /* STITCH_STATS: print the JIT's counters. */
    void (*report)(VM *vm, FILE *out);
} JitHooks;

struct VM {
    VMOptions opt;

    /* Execution state. */
    Value *stack;            /* contiguous value stack */
    Value *stack_end;
    Value *stack_top;        /* first slot above the topmost frame's extent */
    Value *stack_hwm;        /* every slot below holds a value safe to scan (not
                              * freed); call_push clears operand slots from here
                              * up, a collection lowers it to stack_top (call.c) */
    Frame *frames;
    int nframes;
    int max_frames;
    Value exc;               /* raised, not yet caught; VAL_NULL if none */
    Value handled;           /* being handled by an except block, or VAL_NONE */
    Value handled_outer;     /* in a generator, what the frames below it handle
                              * (gen.c); what vm_handled falls back to */

    /* Namespaces and well-known objects. */
    Dict *builtins;
    Dict *globals;           /* __main__'s */
    Dict *interned;          /* str -> same str */
    Type *types[T_COUNT];
    Str *names[NAME_COUNT];
    Str *binop_names[BINOP_COUNT];   /* "__add__", ... */
    Str *rbinop_names[BINOP_COUNT];  /* "__radd__", ... */
    Str *ibinop_names[BINOP_COUNT];  /* "__iadd__", ... */
    Str *cmp_names[CMP_COUNT];       /* "__lt__", ... */
    Str *empty_str;
    Str *chars[128];         /* the one-character ASCII strings, interned */
    Tuple *empty_tuple;
    Value memory_error;      /* preallocated, raised when allocation fails */
    Value not_implemented;   /* NotImplemented: a dunder declining an operator */

    /* Heap. */
    Obj *objects;
    size_t bytes_allocated;
    size_t next_gc;
    int gc_pause;            /* >0: no collection (the compiler runs so) */
    Value *roots;            /* gc_push_root stack */
    int nroots, roots_cap;
    uint64_t gc_runs;
    uint32_t next_type_version;
    /* Exhausted loop iterators, reused by GET_ITER (iter.c); emptied by
     * each collection, which may free them. */
    Iter *spare_iters[8];
    int nspare_iters;

    /* Object-model bookkeeping (gc.c, dict.c, object.c). */
    size_t gc_floor;         /* next_gc never drops below this */
    Obj **gray;              /* mark stack, malloc'd, kept between runs */
    size_t ngray, gray_cap;
    uint64_t next_dict_version;  /* every dict mutation takes a fresh one */
    Obj **repr_stack;        /* containers whose repr is in progress */
    int repr_depth, repr_cap;

    /* Interpreter bookkeeping (interp.c, api.c). */
    int c_depth;             /* interpreter loops nested through C calls */
    struct SourceText *sources; /* program texts by file name, for tracebacks */

    /* Small-object allocator (gc.c); NULL until first used, and always under
     * AddressSanitizer, which then sees every allocation as its own. */
    struct GcPool *pool;
    struct TypeCacheEntry *type_cache; /* type_lookup results (types.c) */

    /* Specialization (specialize.c). */
    struct SpecStats *spec_stats; /* STITCH_STATS=1: counters, else NULL */
    NativeFn len_fn;         /* builtins len and isinstance, for the CALL_LEN */
    NativeFn isinstance_fn;  /* and CALL_ISINSTANCE guards (found lazily) */

    /* Modules (module.c, api.c). */
    Dict *modules;           /* name -> module, what sys.modules holds; NULL until first import */
    char *script_dir;        /* where `import name` finds name.py (malloc'd; NULL = ".") */
    int argc;                /* sys.argv: the script path, then its arguments */
    char **argv;             /* malloc'd copies (stitch_set_argv) */
    int exit_status;         /* the status a SystemExit asked for (api.c) */
    struct MtState *random;  /* mod_random.c's generator (malloc'd), NULL until used */

    /* Every live code object by id (assemble.c): a CALL specialized for a
     * Python function records its callee's id in the cache, which is how
     * the trace projector finds the code to inline. Slot 0 stays empty. */
    Code **codes;
    uint32_t ncodes, codes_cap;

    /* The trace JIT (jit/, through JitHooks): NULL when off. */
    const JitHooks *jit;
    struct JitState *jit_state;
    unsigned jit_threshold;  /* backward jumps before a loop is hot (<= 4095) */
};

/* A JUMP_BACKWARD's cache unit with the JIT on: the low 12 bits count the
 * jumps, the high 4 the failed attempts to compile (each doubles the count
 * the next attempt waits for). True when the loop is hot now. */
static inline bool jit_counter_hot(VM *vm, uint16_t *c) {
    unsigned v = *c, need = vm->jit_threshold << (v >> 12);
    if (need > 0xFFF) need = 0xFFF;
    if ((v & 0xFFF) + 1 < need) {
        *c = (uint16_t)(v + 1);
        return false;
    }
    return true;
}

/* ---- vm.c: life cycle and I/O -------------------------------------------- */

/* Create a VM with all builtin types, names and builtins ready; NULL if out
 * of memory. Options are copied. */
VM *vm_new(const VMOptions *opt);
void vm_free(VM *vm);
/* Write to the program's stdout / stderr through the configured callbacks. */
void vm_write_out(VM *vm, const char *s, size_t n);
void vm_write_err(VM *vm, const char *s, size_t n);

/* ---- assemble.c: the code registry (vm->codes) ------------------------------ */

/* Give a new code object its id; a full registry leaves it 0 (unknown). */
void code_register(VM *vm, Code *co);
/* A swept code object leaves the registry (its id is never reused). */
void code_forget(VM *vm, Code *co);

/* ---- gc.c: allocation and collection -------------------------------------- */

/* Allocate a zeroed object of `size` bytes (header included). May collect
 * first. Returns NULL with MemoryError raised when the heap is exhausted. */
void *gc_alloc(VM *vm, size_t size, ObjKind kind, Type *type);
/* Buffers owned by one object (list items, dict tables): counted towards the
 * heap, freed by the owner's sweep. NULL with MemoryError raised on failure. */
void *gc_buf_alloc(VM *vm, size_t size);
void *gc_buf_realloc(VM *vm, void *p, size_t old_size, size_t new_size);
void gc_buf_free(VM *vm, void *p, size_t size);
void gc_collect(VM *vm);
/* Inline: they bracket nearly every allocation that holds C locals. */
void gc_grow_roots(VM *vm);
static inline void gc_push_root(VM *vm, Value v) {
    if (__builtin_expect(vm->nroots == vm->roots_cap, 0)) gc_grow_roots(vm);
    vm->roots[vm->nroots++] = v;
}
static inline void gc_pop_roots(VM *vm, int n) { vm->nroots -= n; }
/* Mark a value reachable during a collection (for code outside gc.c that
 * owns roots, none so far). */
void gc_mark_value(VM *vm, Value v);
/* Count `size` bytes held outside gc_alloc/gc_buf_alloc (GMP limbs of a new
 * BigInt; released when it is swept) towards the heap. */
void gc_account(VM *vm, size_t size);
/* Free every object, reachable or not (vm_free). */
void gc_free_all(VM *vm);

/* ---- error.c: raising ----------------------------------------------------- */

/* Raise a new instance of builtin class `t` with a printf-formatted message.
 * Always returns VAL_ERROR. */
Value vm_raise(VM *vm, TypeId t, const char *fmt, ...);
/* vm_raise for wrappers that take their own variadic arguments. */
Value vm_raisev(VM *vm, TypeId t, const char *fmt, va_list ap);
/* Raise the preallocated MemoryError (allocates nothing). Returns VAL_ERROR. */
Value vm_raise_oom(VM *vm);
/* Raise an existing exception instance (or instantiate a class). Returns
 * VAL_ERROR; raises TypeError when `exc` is not an exception. */
Value vm_raise_value(VM *vm, Value exc);
/* New exception instance of class `t` (a subclass of BaseException). */
Value exc_new(VM *vm, Type *t, Tuple *args);
/* Does exception `exc` match `cls` (a class or a tuple of classes)? */
bool exc_matches(VM *vm, Value exc, Value cls);
/* Take the pending exception, leaving vm->exc empty. */
Value vm_take_exc(VM *vm);
/* The exception being handled, as a bare `raise` and implicit chaining see
 * it: the running generator's own, else its callers' (CPython's topmost
 * exc_info). */
static inline Value vm_handled(VM *vm) {
    return vm->handled != VAL_NONE ? vm->handled : vm->handled_outer;
}

/* ---- types.c: classes --------------------------------------------------- */

void types_init(VM *vm);
/* The class of any value (inline: every generic operation asks). */
static inline Type *val_type(VM *vm, Value v) {
    if (val_is_obj(v)) return val_as_obj(v)->type;
    if (val_is_int(v)) return vm->types[T_INT];
    if (val_is_float(v)) return vm->types[T_FLOAT];
    return vm->types[val_is_bool(v) ? T_BOOL : T_NONE];
}
/* Find `name` on t and its bases; VAL_NULL if absent. */
Value type_lookup(VM *vm, Type *t, Str *name);
/* The same, and *slot = layout_find(t, name), both from one cache probe
 * (a class version pins its layout too). */
Value type_lookup_slot(VM *vm, Type *t, Str *name, int *slot);
bool type_is_subtype(Type *t, Type *base);
/* A new class (the class statement). Raises TypeError for unsupported bases. */
Type *type_new(VM *vm, Str *name, Type *base, Dict *dict);
/* The same with a tuple of bases (empty: object): checks them, picks
 * __base__, computes the C3 MRO; TypeError as CPython's for a duplicate
 * base, an inconsistent MRO or a layout conflict. */
Type *type_new_bases(VM *vm, Str *name, Tuple *bases, Dict *dict);
/* super(): name looked up in t's MRO after class `after` (uncached). */
Value type_lookup_after(Type *t, Type *after, Str *name);
/* name in the user-defined classes of t's MRO (builtin ones skipped). */
Value type_lookup_user(Type *t, Str *name);
/* The Python functions t's instances run for operators (the specialized
 * BINARY_OP_PY_DUNDER and friends, docs/specialization.md), indexed by:
 *   DUNDER_BINOP + BINARY_OP's oparg: a op b (__op__) and, for in-place
 *     opargs, a op= b (__iop__, else __op__ when t has no __iop__);
 *   DUNDER_CMP + CmpOp, DUNDER_GETITEM, DUNDER_SETITEM, DUNDER_CONTAINS.
 * An entry is the function found on the user classes of t's MRO, VAL_NULL
 * when there is none or it is not a plain Python function (those stay
 * generic). Valid while t->version equals `version`: any change to the
 * dict of t or of a base re-versions t, so a stale memo is never read.
 * The memo holds no reference of its own (the class dicts do). */
#define DUNDER_BINOP 0
#define DUNDER_CMP (2 * BINOP_COUNT)
#define DUNDER_GETITEM (DUNDER_CMP + CMP_COUNT)
#define DUNDER_SETITEM (DUNDER_GETITEM + 1)
#define DUNDER_CONTAINS (DUNDER_GETITEM + 2)
#define DUNDER_COUNT (DUNDER_GETITEM + 3)

typedef struct DunderMemo {
    uint32_t version;
    Value fn[DUNDER_COUNT];
} DunderMemo;

/* Make t's memo match its version (specializing only: allocates once per
 * class, looks every dunder up once per version). False when t is
 * unversioned or memory runs out (no exception is left set). */
bool type_dunder_refresh(VM *vm, Type *t);
/* The function of memo entry `slot` of t, or NULL when t's memo is stale,
 * missing, or has none: what the specialized forms' guards test. */
static inline Function *type_dunder(const Type *t, int slot) {
    const DunderMemo *m = t->dunders;
    if (!m || m->version != t->version) return NULL;
    Value f = m->fn[slot];
    return f == VAL_NULL ? NULL : AS_FUNCTION(f);
}
/* CPython's rule that b's reflected method runs before a's: b's class is a
 * proper subclass of a's class ta (user classes only). A conservative test
 * (CPython also asks that b's class override the reflected method): the
 * specialized forms deopt when it holds. */
static inline bool type_reflected_first(VM *vm, Type *ta, Value b) {
    if (!val_is_obj(b)) return false;
    Type *tb = val_as_obj(b)->type;
    return tb != ta && !tb->builtin && type_is_subtype(tb, ta);
}
/* Call after any change to t->dict: gives t (and its subclasses) a fresh
 * version so caches keyed on the old one miss. */
void type_modified(VM *vm, Type *t);
/* Give t alone a fresh version (its instance layout grew; subclasses have
 * layouts of their own, so they keep theirs). */
void type_new_version(VM *vm, Type *t);
/* Register a native method / attribute on a builtin class. */
void type_add_native(VM *vm, Type *t, const char *name, NativeFn fn);
bool obj_isinstance(VM *vm, Value v, Type *t);

/* ---- layout.c: instance attributes by class layout -------------------------- */

/* A new instance of class t with inline room for t's current layout. */
Instance *inst_new(VM *vm, Type *t);
/* The slot index of interned `name` in t's layout, or -1. */
int layout_find(const Type *t, const Str *name);
/* Attribute `name` of instance or exception i, or VAL_NULL when it has none. */
Value inst_get(Instance *i, Str *name);
/* Set attribute `name` of instance or exception obj, adding the name to the
 * class layout (or, when that is full, to obj's overflow dict). */
int inst_set(VM *vm, Value obj, Str *name, Value v);
/* Remove attribute `name`: 1 if it was there, 0 if not, -1 on error. */
int inst_del(VM *vm, Instance *i, Str *name);
/* A new dict of obj's attributes, in layout order then overflow order
 * (what __dict__ returns: a snapshot, not a live view). */
Dict *inst_dict(VM *vm, Value obj);

/* ---- str.c ---------------------------------------------------------------- */

Str *str_new(VM *vm, const char *s, int64_t len);
/* A string of `len` bytes the caller fills in (data, nchars, ascii); the
 * terminating NUL is set. */
Str *str_alloc(VM *vm, int64_t len);
Str *str_from_cstr(VM *vm, const char *s);
/* Interned string: one object per distinct text. One-character ASCII
 * strings come from vm->chars without a lookup. */
Str *str_intern(VM *vm, const char *s, int64_t len);
Str *str_intern_cstr(VM *vm, const char *s);
uint64_t str_hash(Str *s);
bool str_eq(const Str *a, const Str *b);
/* Whether two strs of equal length have the same bytes: word compares inline
 * (dict lookups of short keys run this far more often than anything else). */
static inline bool str_same_bytes(const Str *a, const Str *b) {
    const char *x = a->data, *y = b->data;
    int64_t n = a->len;
    uint64_t p, q;
    if (n >= 8) {
        for (int64_t i = 0; i + 8 <= n; i += 8) {
            memcpy(&p, x + i, 8);
            memcpy(&q, y + i, 8);
            if (p != q) return false;
        }
        memcpy(&p, x + n - 8, 8);
        memcpy(&q, y + n - 8, 8);
        return p == q;
    }
    if (n >= 4) {
        uint32_t r, s, t, u;
        memcpy(&r, x, 4), memcpy(&s, y, 4), memcpy(&t, x + n - 4, 4), memcpy(&u, y + n - 4, 4);
        return r == s && t == u;
    }
    for (int64_t i = 0; i < n; i++)
        if (x[i] != y[i]) return false;
    return true;
}
Str *str_concat(VM *vm, Str *a, Str *b);
/* s repeated n times (n <= 0 gives ''); MemoryError past the heap limit. */
Str *str_repeat(VM *vm, Str *s, int64_t n);
/* printf into a new Str. */
Str *str_printf(VM *vm, const char *fmt, ...);
/* Python's repr of a string: quoted, with escapes. */
Str *str_repr(VM *vm, Str *s);
/* The hash str_hash gives a string with these bytes (never 0). */
uint64_t str_hash_bytes(const char *s, int64_t len);

/* A growable malloc'd byte buffer for building strings (not a GC object, so
 * it needs no rooting). */
typedef struct StrBuf {
    char *data;
    int64_t len, cap;
} StrBuf;
void sb_init(StrBuf *b);
void sb_add(StrBuf *b, const char *s, int64_t n);
void sb_addc(StrBuf *b, char c);
void sb_adds(StrBuf *b, const char *s);
void sb_addf(StrBuf *b, const char *fmt, ...);
void sb_vaddf(StrBuf *b, const char *fmt, va_list ap);
/* Turn the buffer into a Str and free it (also on failure). */
Str *sb_finish(VM *vm, StrBuf *b);
void sb_free(StrBuf *b);
/* Append Python's repr of the UTF-8 text s[0..len) to b (str.c). */
void str_repr_into(StrBuf *b, const char *s, int64_t len);

/* ---- tuple.c, list.c ------------------------------------------------------ */

Tuple *tuple_new(VM *vm, int64_t len);              /* items VAL_NONE */
Tuple *tuple_from(VM *vm, const Value *items, int64_t n);
List *list_new(VM *vm, int64_t cap);
List *list_from(VM *vm, const Value *items, int64_t n);
int list_append(VM *vm, List *l, Value v);
/* Room for n more items with one reallocation; -1 with MemoryError raised. */
int list_reserve(VM *vm, List *l, int64_t n);
int list_insert(VM *vm, List *l, int64_t i, Value v);

/* ---- dict.c --------------------------------------------------------------- */

Dict *dict_new(VM *vm);
/* Value for key, VAL_NULL if absent, VAL_ERROR if hashing/comparing raised. */
Value dict_get(VM *vm, Dict *d, Value key);
int dict_set(VM *vm, Dict *d, Value key, Value value);
/* 1 removed, 0 absent, -1 error. */
int dict_del(VM *vm, Dict *d, Value key);
/* Fast paths for interned-string keys: never raise. */
Value dict_get_str(Dict *d, Str *key);
int dict_set_str(VM *vm, Dict *d, Str *key, Value value);
/* Iterate live entries: start with *pos = 0; returns false at the end. */
bool dict_next(Dict *d, int64_t *pos, Value *key, Value *value);
/* d.update(src) for a dict src; an empty d copies src's tables at once. */
int dict_update_dict(VM *vm, Dict *d, Dict *src);
/* The Str key equal to s[0..len) (hash from str_hash_bytes), or NULL. Never
 * raises or allocates (string interning uses it). */
Str *dict_find_str(Dict *d, const char *s, int64_t len, uint64_t hash);

/* layout.c's inst_get, given k = layout_find(class of i, name) (here,
 * where dict_get_str is declared). */
static inline Value inst_get_at(Instance *i, int k, Str *name) {
    if (k >= 0) return (uint32_t)k < i->nslots ? i->slots[k] : VAL_NULL;
    return i->overflow ? dict_get_str(i->overflow, name) : VAL_NULL;
}

/* ---- set.c: set and frozenset ----------------------------------------------- */

/* Register the set and frozenset constructors and methods (at VM start). */
void set_init(VM *vm);

/* ---- descr.c: property, staticmethod, classmethod -------------------------- */

/* Register the constructors and property's methods (at VM start). */
void descr_init(VM *vm);
/* Whether v is a property (a data descriptor: it wins over an instance's
 * own attribute of the same name). */
bool descr_is_property(VM *vm, Value v);
/* Descriptor d (a Descr) found on a class, read through obj (VAL_NULL when
 * read on the class itself) whose class is cls: a property runs its getter,
 * a staticmethod gives its function, a classmethod binds to cls. */
Value descr_get(VM *vm, Value d, Value obj, Type *cls);
/* classmethod(f), for builtin classes' own classmethods (dict.fromkeys). */
Value descr_classmethod_new(VM *vm, Value f);
/* obj.name = v (v VAL_NULL: del obj.name) through property d: 0, or -1. */
int descr_set(VM *vm, Value d, Value obj, Value v);
/* Record the attribute name of each property in a new class's dict. */
void descr_set_names(Dict *classdict);
/* The fget/fset/fdel or __func__ attribute of Descr d (a member's
 * __name__ and __objclass__), or VAL_NULL. */
Value descr_attr(VM *vm, Value d, Str *name);
/* t.name for a __slots__ name of t or of a base: a new member descriptor
 * (fget: the class that declared it); VAL_NULL when name is no slot. */
Value descr_slot_member(VM *vm, Type *t, Str *name);
/* An empty set (t is T_SET or T_FROZENSET). */
Set *set_new(VM *vm, TypeId t);
/* A new set of class t from an iterable (VAL_NULL: empty). */
Value set_from(VM *vm, TypeId t, Value iterable);
/* s.add(key) / s.update(iterable): 0, or -1 (unhashable key, ...). */
int set_add(VM *vm, Set *s, Value key);
int set_update(VM *vm, Set *s, Value iterable);
/* key in s: 1, 0, -1. */
int set_contains(VM *vm, Set *s, Value key);
/* Remove key: 1 removed, 0 absent, -1 error. */
int set_discard(VM *vm, Set *s, Value key);
/* Iterate the live keys in table order: start with *pos = 0. */
bool set_next(Set *s, int64_t *pos, Value *key);
/* | & - ^ (inplace forms mutate a set) when both operands are sets, else
 * VAL_NULL. */
Value set_binop(VM *vm, BinOp op, bool inplace, Value a, Value b);
/* == != < <= > >= (subset order) when both are sets, else VAL_NULL. */
Value set_compare(VM *vm, CmpOp op, Value a, Value b);
/* A frozenset's hash (CPython's); TypeError for a set. */
int set_hash(VM *vm, Set *s, uint64_t *out);
/* Next key of a set_iterator (src the set, index the slot, stop the size
 * it must keep); VAL_NULL at the end. */
Value set_iter_next(VM *vm, Iter *it);

/* ---- gen.c: generators ------------------------------------------------------ */

/* Register the generator methods (__next__, send, throw, close, __iter__). */
void gen_init(VM *vm);
/* Next value of generator g: VAL_NULL when it returns, VAL_ERROR on error. */
Value gen_next(VM *vm, Generator *g);
/* next(g, dflt): when g returns, dflt, or (dflt VAL_NULL) StopIteration
 * carrying the returned value. */
Value gen_next_or(VM *vm, Generator *g, Value dflt);

/* ---- int.c: Python ints (small inline, big via GMP) ----------------------- */

/* Route GMP's allocations through int.c's cache of small blocks (once per
 * process, before any big int exists). */
void int_init_allocator(void);
Value int_from_i64(VM *vm, int64_t i);
Value int_from_u64(VM *vm, uint64_t u);
Value int_from_double(VM *vm, double d);            /* truncates; raises on nan/inf */
/* Parse digits (underscores allowed) in `base` (0 = literal prefixes). */
Value int_from_str(VM *vm, const char *s, int64_t len, int base);
/* a op b for int operands (small, big or bool). */
Value int_binop(VM *vm, BinOp op, Value a, Value b);
Value int_neg(VM *vm, Value a);
Value int_invert(VM *vm, Value a);
int int_cmp(Value a, Value b);                      /* -1, 0, 1 */
bool int_to_i64(Value v, int64_t *out);             /* false if too big */
double int_to_double(VM *vm, Value v, bool *overflow);
Str *int_repr(VM *vm, Value v);
/* The decimal digits of x into buf (room for 24 bytes), NUL-terminated;
 * returns their count. */
int int_format_i64(int64_t x, char *buf);
uint64_t int_hash(Value v);                         /* Python's numeric hash */
/* Exact comparison of int a with a non-NaN double: -1, 0, 1. */
int int_cmp_double(Value a, double d);
/* Copy any int value (small, big or bool) into an initialized mpz. */
void int_to_mpz(mpz_t out, Value v);
/* The int equal to z (small when it fits); z is left untouched. */
Value int_from_mpz(VM *vm, const mpz_t z);

/* ---- float.c -------------------------------------------------------------- */

/* CPython's repr: shortest round-trip digits. buf needs 32 bytes. */
int float_repr_buf(double d, char *buf);
Str *float_repr(VM *vm, double d);
Value float_binop(VM *vm, BinOp op, double a, double b);
uint64_t float_hash(double d);
/* Parse like float(): "1.5", " -2e3 ", "inf", "nan"; ValueError if bad. */
Value float_from_str(VM *vm, const char *s, int64_t len);

/* ---- object.c: the generic object protocol -------------------------------- */

Value obj_repr(VM *vm, Value v);                    /* -> str Value */
Value obj_str(VM *vm, Value v);                     /* -> str Value */
int obj_truthy(VM *vm, Value v);                    /* 1, 0, -1 */
/* What a user __len__ returned, checked as a length: >= 0, or -1 raised. */
int64_t obj_len_result(VM *vm, Value r);
int obj_hash(VM *vm, Value v, uint64_t *out);       /* 0, -1 (unhashable) */
int obj_eq(VM *vm, Value a, Value b);               /* 1, 0, -1 */
Value obj_compare(VM *vm, CmpOp op, Value a, Value b);
Value obj_binop(VM *vm, BinOp op, Value a, Value b); /* op may be inplace */
/* The rest of a op b (oparg: BINARY_OP's) / a cmp b once the function in
 * a's class's dunder memo (type_dunder) returned NotImplemented, when b's
 * reflected method could not have come first: what the generic protocol
 * tries next, without calling that function again. */
Value obj_binop_declined(VM *vm, int oparg, Value a, Value b);
Value obj_compare_declined(VM *vm, CmpOp op, Value a, Value b);
Value obj_unaryop(VM *vm, UnaryOp op, Value a);

/* ---- iter.c, builtins.c, methods.c, format.c: builtins and containers ----- */

void builtins_init(VM *vm);
void methods_init(VM *vm);
Value obj_iter(VM *vm, Value v);
/* GET_ITER: obj_iter, but a list, tuple or range gets an iterator only its
 * loop will hold (Obj.loop_iter), maybe a reused one. */
Value obj_loop_iter(VM *vm, Value v);
/* A loop's FOR_ITER found `it` exhausted and dropped it: when only the loop
 * held it, GET_ITER may reuse it. No collection can run in between: one
 * empties the spares. */
static inline void iter_loop_done(VM *vm, Obj *it) {
    if (it->loop_iter && vm->nspare_iters < (int)(sizeof vm->spare_iters / sizeof *vm->spare_iters))
        vm->spare_iters[vm->nspare_iters++] = (Iter *)it;
}
/* Would obj_iter(v) get past "'T' object is not iterable"? Runs nothing. */
bool obj_is_iterable(VM *vm, Value v);
/* Next item, VAL_NULL when exhausted, VAL_ERROR on error. */
Value iter_next(VM *vm, Value it);
Value obj_getitem(VM *vm, Value c, Value key);
int obj_setitem(VM *vm, Value c, Value key, Value v);
int obj_delitem(VM *vm, Value c, Value key);
int obj_contains(VM *vm, Value c, Value item);      /* 1, 0, -1 */
int64_t obj_len(VM *vm, Value v);                   /* -1 on error */
/* list.__repr__ / dict.__repr__ of v (a list or dict), ignoring a
 * subclass's own __repr__. */
Value obj_repr_builtin(VM *vm, Value v);
/* Registers list./dict.__getitem__ and the other dunders (iter.c). */
void iter_init_dunders(VM *vm);
/* v's class defines name in a user class of its MRO: call it with args;
 * VAL_NULL when it does not (a builtin's own behaviour then applies). */
Value obj_call_override(VM *vm, Value v, Str *name, Value *args, int nargs);
Value range_new(VM *vm, int64_t start, int64_t stop, int64_t step);
Value slice_new(VM *vm, Value start, Value stop, Value step);
/* format(v, spec) -> str Value (format.c): the format-spec mini-language for
 * int, float and str, __format__ on instances; what FORMAT_VALUE calls. */
Value obj_format(VM *vm, Value v, Str *spec);

/* ---- interp.c, call.c, class.c: execution --------------------------------- */

/* Run a module code object in `globals`. Returns its result or VAL_ERROR. */
Value vm_run_module(VM *vm, Code *code, Dict *globals);
/* Call any callable from C. args are read before any allocation. */
Value vm_call(VM *vm, Value callable, Value *args, int nargs, Tuple *kwnames);
/* Call the special method `name` of v's class with v as self; VAL_NULL when
 * the class has no such attribute. */
Value vm_call_dunder(VM *vm, Value v, Str *name, Value *args, int nargs);
Value obj_getattr(VM *vm, Value obj, Str *name);
/* A builtin_function_or_method running fn, bound to self (VAL_NULL: none). */
Value new_native(VM *vm, NativeFn fn, const char *name, Value self);
/* BEFORE_WITH: mgr.__enter__() (VAL_ERROR on error), with the bound
 * mgr.__exit__ in *exit; TypeError when mgr is no context manager. */
Value class_before_with(VM *vm, Value mgr, Value *exit);
/* WITH_EXCEPT_START: exit(type(exc), exc, None). */
Value class_with_exit(VM *vm, Value exit, Value exc);
int obj_setattr(VM *vm, Value obj, Str *name, Value v);
int obj_delattr(VM *vm, Value obj, Str *name);
/* super(cls, obj): a proxy whose attributes come after cls in obj's classes. */
Value class_super_new(VM *vm, Value cls, Value self);
/* Print "Traceback (most recent call last): ..." and the last line. */
void vm_print_exception(VM *vm, Value exc);

/* ---- module.c: modules and import ---------------------------------------- */

/* A new empty module named `name` (its dict holds __name__). */
ModuleObj *module_new(VM *vm, const char *name);
/* Add a native function `name` to module m's namespace. -1 on error. */
int module_add_fn(VM *vm, ModuleObj *m, const char *name, NativeFn fn);
/* Set m.name = v. -1 on error. */
int module_add_value(VM *vm, ModuleObj *m, const char *name, Value v);
/* IMPORT_NAME: the module called `name`, created (a built-in one, or the
 * user's name.py beside the main script, run once) on first import and
 * found in vm->modules afterwards. ModuleNotFoundError when there is none. */
Value module_import(VM *vm, Str *name);
/* IMPORT_FROM: attribute `name` of module `m`, ImportError when absent. */
Value module_import_from(VM *vm, Value m, Str *name);
/* IMPORT_STAR: copy m's public names (its __all__, or every name not
 * starting with '_') into `into`. -1 on error. */
int module_import_star(VM *vm, Value m, Dict *into);
/* Attribute `name` of a module (or stream) object; VAL_NULL when absent. */
Value module_getattr(VM *vm, Value m, Str *name);
/* repr of a module or stream: "<module 'math' (built-in)>", ... */
void module_repr_into(VM *vm, StrBuf *b, ModuleObj *m);
/* Compile the .py file at `path` for import, keeping
 * its text for tracebacks; NULL with SyntaxError or ImportError raised
 * (api.c). */
Code *api_compile_module_file(VM *vm, const char *path);
/* Compile src (len bytes, NUL-terminated) as module code, its tracebacks
 * naming `filename`; NULL with an exception set. */
Code *api_compile_module_source(VM *vm, const char *filename, const char *src, size_t len);

/* Built-in modules, one file each: fill the namespace of a new module.
 * -1 on error. */
int mod_math_init(VM *vm, ModuleObj *m);
int mod_time_init(VM *vm, ModuleObj *m);
int mod_sys_init(VM *vm, ModuleObj *m);
int mod_random_init(VM *vm, ModuleObj *m);

#endif
