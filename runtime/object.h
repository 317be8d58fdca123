/* object.h: the heap object layouts and the builtin type list.
 *
 * Every heap object starts with an Obj header. `kind` says which C struct
 * follows (a C switch on it is how runtime code dispatches); `type` is the
 * Python class (for instances of user classes, the class object itself).
 *
 * Ownership of the functions declared here, by file:
 *   gc.c, str.c, tuple.c, list.c, dict.c, int.c, float.c, object.c, types.c,
 *   error.c  -- the object model
 *   iter.c, builtins.c, methods.c             -- builtins, methods, iterators
 *   interp.c, call.c, class.c                  -- the interpreter
 */
#ifndef STITCH_OBJECT_H
#define STITCH_OBJECT_H

#include <stddef.h>
#include <stdint.h>
#include <gmp.h>

#include "value.h"

typedef struct VM VM;
typedef struct Type Type;
typedef struct Str Str;
typedef struct Tuple Tuple;
typedef struct Dict Dict;

/* One row per C layout of a heap object: X(ENUM_SUFFIX, StructName). */
#define OBJ_KIND_LIST(X)                                                       \
    X(STR, Str)                                                                \
    X(BIGINT, BigInt)                                                          \
    X(TUPLE, Tuple)                                                            \
    X(LIST, List)                                                              \
    X(DICT, Dict)                                                              \
    X(RANGE, Range)                                                            \
    X(SLICE, Slice)                                                            \
    X(ITER, Iter)                                                              \
    X(CODE, Code)                                                              \
    X(FUNCTION, Function)                                                      \
    X(NATIVE, Native)                                                          \
    X(METHOD, Method)                                                          \
    X(TYPE, Type)                                                              \
    X(INSTANCE, Instance)                                                      \
    X(EXCEPTION, Exception)                                                    \
    X(CELL, Cell)                                                              \
    X(MODULE, ModuleObj)                                                       \
    X(SET, Set)                                                                \
    X(DESCR, Descr)                                                            \
    X(GEN, Generator)

typedef enum ObjKind {
#define X(k, s) OBJ_##k,
    OBJ_KIND_LIST(X)
#undef X
    OBJ_KIND_COUNT
} ObjKind;

/* The builtin classes: X(ENUM_SUFFIX, "python name", BASE_SUFFIX).
 * Bases come before the classes that derive from them. types.c creates them
 * all at VM start-up into vm->types[]. */
#define BUILTIN_TYPE_LIST(X)                                                   \
    X(OBJECT, "object", NONE_BASE)                                             \
    X(TYPE, "type", OBJECT)                                                    \
    X(NONE, "NoneType", OBJECT)                                                \
    X(INT, "int", OBJECT)                                                      \
    X(BOOL, "bool", INT)                                                       \
    X(FLOAT, "float", OBJECT)                                                  \
    X(STR, "str", OBJECT)                                                      \
    X(TUPLE, "tuple", OBJECT)                                                  \
    X(LIST, "list", OBJECT)                                                    \
    X(DICT, "dict", OBJECT)                                                    \
    X(RANGE, "range", OBJECT)                                                  \
    X(SLICE, "slice", OBJECT)                                                  \
    X(CODE, "code", OBJECT)                                                    \
    X(FUNCTION, "function", OBJECT)                                            \
    X(BUILTIN, "builtin_function_or_method", OBJECT)                           \
    X(METHOD, "method", OBJECT)                                                \
    X(CELL, "cell", OBJECT)                                                    \
    X(LIST_ITER, "list_iterator", OBJECT)                                      \
    X(TUPLE_ITER, "tuple_iterator", OBJECT)                                    \
    X(STR_ITER, "str_ascii_iterator", OBJECT)                                  \
    X(RANGE_ITER, "range_iterator", OBJECT)                                    \
    X(DICT_KEYITER, "dict_keyiterator", OBJECT)                                \
    X(DICT_VALUEITER, "dict_valueiterator", OBJECT)                            \
    X(DICT_ITEMITER, "dict_itemiterator", OBJECT)                              \
    X(DICT_KEYS, "dict_keys", OBJECT)                                          \
    X(DICT_VALUES, "dict_values", OBJECT)                                      \
    X(DICT_ITEMS, "dict_items", OBJECT)                                        \
    X(DICT_REVKEYITER, "dict_reversekeyiterator", OBJECT)                      \
    X(DICT_REVVALUEITER, "dict_reversevalueiterator", OBJECT)                  \
    X(DICT_REVITEMITER, "dict_reverseitemiterator", OBJECT)                    \
    X(ENUMERATE, "enumerate", OBJECT)                                          \
    X(ZIP, "zip", OBJECT)                                                      \
    X(REVERSED, "reversed", OBJECT)                                            \
    X(MAP, "map", OBJECT)                                                      \
    X(FILTER, "filter", OBJECT)                                                \
    X(SUPER, "super", OBJECT)                                                  \
    X(MODULE, "module", OBJECT)                                                \
    X(TEXTIO, "_io.TextIOWrapper", OBJECT)                                     \
    X(SET, "set", OBJECT)                                                      \
    X(FROZENSET, "frozenset", OBJECT)                                          \
    X(SET_ITER, "set_iterator", OBJECT)                                        \
    X(PROPERTY, "property", OBJECT)                                            \
    X(STATICMETHOD, "staticmethod", OBJECT)                                    \
    X(CLASSMETHOD, "classmethod", OBJECT)                                      \
    X(MEMBER_DESCR, "member_descriptor", OBJECT)                               \
    X(NOT_IMPLEMENTED_TYPE, "NotImplementedType", OBJECT)                      \
    X(BASE_EXCEPTION, "BaseException", OBJECT)                                 \
    X(SYSTEM_EXIT, "SystemExit", BASE_EXCEPTION)                               \
    X(KEYBOARD_INTERRUPT, "KeyboardInterrupt", BASE_EXCEPTION)                 \
    X(EXCEPTION, "Exception", BASE_EXCEPTION)                                  \
    X(STOP_ITERATION, "StopIteration", EXCEPTION)                              \
    X(ARITHMETIC_ERROR, "ArithmeticError", EXCEPTION)                          \
    X(ZERO_DIVISION_ERROR, "ZeroDivisionError", ARITHMETIC_ERROR)              \
    X(OVERFLOW_ERROR, "OverflowError", ARITHMETIC_ERROR)                       \
    X(ASSERTION_ERROR, "AssertionError", EXCEPTION)                            \
    X(ATTRIBUTE_ERROR, "AttributeError", EXCEPTION)                            \
    X(LOOKUP_ERROR, "LookupError", EXCEPTION)                                  \
    X(INDEX_ERROR, "IndexError", LOOKUP_ERROR)                                 \
    X(KEY_ERROR, "KeyError", LOOKUP_ERROR)                                     \
    X(MEMORY_ERROR, "MemoryError", EXCEPTION)                                  \
    X(NAME_ERROR, "NameError", EXCEPTION)                                      \
    X(UNBOUND_LOCAL_ERROR, "UnboundLocalError", NAME_ERROR)                    \
    X(RUNTIME_ERROR, "RuntimeError", EXCEPTION)                                \
    X(RECURSION_ERROR, "RecursionError", RUNTIME_ERROR)                        \
    X(NOT_IMPLEMENTED_ERROR, "NotImplementedError", RUNTIME_ERROR)             \
    X(SYNTAX_ERROR, "SyntaxError", EXCEPTION)                                  \
    X(TYPE_ERROR, "TypeError", EXCEPTION)                                      \
    X(VALUE_ERROR, "ValueError", EXCEPTION)                                    \
    X(IMPORT_ERROR, "ImportError", EXCEPTION)                                  \
    X(MODULE_NOT_FOUND_ERROR, "ModuleNotFoundError", IMPORT_ERROR)             \
    X(GENERATOR, "generator", OBJECT)                                          \
    X(GENERATOR_EXIT, "GeneratorExit", BASE_EXCEPTION)                         \
    X(OS_ERROR, "OSError", EXCEPTION)                                          \
    X(EOF_ERROR, "EOFError", EXCEPTION)                                        \
    X(FILE_NOT_FOUND_ERROR, "FileNotFoundError", OS_ERROR)                     \
    X(FILE_EXISTS_ERROR, "FileExistsError", OS_ERROR)                          \
    X(PERMISSION_ERROR, "PermissionError", OS_ERROR)                           \
    X(TIMEOUT_ERROR, "TimeoutError", OS_ERROR)                                 \
    X(CONNECTION_ERROR, "ConnectionError", OS_ERROR)                           \
    X(BROKEN_PIPE_ERROR, "BrokenPipeError", CONNECTION_ERROR)                  \
    X(INTERRUPTED_ERROR, "InterruptedError", OS_ERROR)                         \
    X(IS_A_DIRECTORY_ERROR, "IsADirectoryError", OS_ERROR)                     \
    X(NOT_A_DIRECTORY_ERROR, "NotADirectoryError", OS_ERROR)                   \
    X(UNICODE_ERROR, "UnicodeError", VALUE_ERROR)                              \
    X(UNICODE_DECODE_ERROR, "UnicodeDecodeError", UNICODE_ERROR)               \
    X(UNICODE_ENCODE_ERROR, "UnicodeEncodeError", UNICODE_ERROR)               \
    X(FLOATING_POINT_ERROR, "FloatingPointError", ARITHMETIC_ERROR)            \
    X(SYSTEM_ERROR, "SystemError", EXCEPTION)                                  \
    X(BUFFER_ERROR, "BufferError", EXCEPTION)                                  \
    X(REFERENCE_ERROR, "ReferenceError", EXCEPTION)                            \
    X(STOP_ASYNC_ITERATION, "StopAsyncIteration", EXCEPTION)                   \
    X(INDENTATION_ERROR, "IndentationError", SYNTAX_ERROR)                     \
    X(TAB_ERROR, "TabError", INDENTATION_ERROR)                                \
    X(WARNING, "Warning", EXCEPTION)                                           \
    X(USER_WARNING, "UserWarning", WARNING)                                    \
    X(DEPRECATION_WARNING, "DeprecationWarning", WARNING)                      \
    X(PENDING_DEPRECATION_WARNING, "PendingDeprecationWarning", WARNING)       \
    X(RUNTIME_WARNING, "RuntimeWarning", WARNING)                              \
    X(SYNTAX_WARNING, "SyntaxWarning", WARNING)                                \
    X(FUTURE_WARNING, "FutureWarning", WARNING)                                \
    X(IMPORT_WARNING, "ImportWarning", WARNING)                                \
    X(UNICODE_WARNING, "UnicodeWarning", WARNING)                              \
    X(RESOURCE_WARNING, "ResourceWarning", WARNING)

typedef enum TypeId {
#define X(id, name, base) T_##id,
    BUILTIN_TYPE_LIST(X)
#undef X
    T_COUNT
} TypeId;

/* The common header. `next` threads every live object for the sweep. */
struct Obj {
    Type *type;
    Obj *next;
    uint8_t kind;   /* ObjKind */
    uint8_t marked;
    uint8_t loop_iter; /* an Iter GET_ITER made: only its loop holds it (iter.c) */
};

/* Immutable string. `data` holds UTF-8 and is NUL-terminated; `len` counts
 * bytes, `nchars` code points (equal when `ascii`). Strings used as names
 * are interned, so name lookups compare pointers first. */
struct Str {
    Obj obj;
    int64_t len;
    int64_t nchars;
    uint64_t hash;  /* 0 = not yet computed */
    uint8_t ascii;
    uint8_t interned;
    char data[];
};

/* An int outside the small range; always normalized (never fits small). */
typedef struct BigInt {
    Obj obj;
    mpz_t z;
} BigInt;

struct Tuple {
    Obj obj;
    int64_t len;
    uint64_t hash;  /* 0 = not yet computed */
    Value items[];
};

typedef struct List {
    Obj obj;
    int64_t len;
    int64_t cap;
    Value *items;
    Dict *attrs;       /* an instance of a list subclass: its attributes, or NULL */
} List;

/* Insertion-ordered hash table (CPython's compact layout): `entries` in
 * insertion order, `index` an open-addressing table of entry positions.
 * A deleted entry has key VAL_NULL. `version` changes on every mutation
 * (specialization and JIT traces key on it). */
typedef struct DictEntry {
    uint64_t hash;
    Value key;
    Value value;
} DictEntry;

struct Dict {
    Obj obj;
    int64_t len;       /* live entries */
    int64_t used;      /* entries slots used, including deleted */
    int64_t cap;       /* entries capacity */
    int64_t index_cap; /* power of two */
    int32_t *index;    /* -1 empty, -2 deleted, else entry position */
    DictEntry *entries;
    uint64_t version;
    uint64_t keys_version; /* changes only when keys are added, removed or moved (dict.c) */
    bool jit_watched;      /* traces depend on its keys: report changes to the JIT */
    Dict *attrs;           /* an instance of a dict subclass: its attributes, or NULL */
};

typedef struct Range {
    Obj obj;
    int64_t start, stop, step;
} Range;

typedef struct Slice {
    Obj obj;
    Value start, stop, step; /* VAL_NONE when omitted */
} Slice;

/* Every iterator and view object; obj.type says which (T_LIST_ITER, ...).
 * `src` is the iterated object (or a tuple of iterators for zip), `index`
 * the position, `stop`/`step`/`aux` as each kind needs. */
typedef struct Iter {
    Obj obj;
    Value src;
    int64_t index;
    int64_t stop;
    int64_t step;
    Value aux;
} Iter;

/* One entry of a code object's exception table: an exception raised by an
 * instruction in [start, end) (code-unit offsets) unwinds the value stack to
 * `depth` items above the frame's locals, pushes the exception (and, when
 * `lasti` is set, the offset of the raising instruction first), and jumps to
 * `handler`. */
typedef struct ExcEntry {
    int32_t start, end, handler, depth;
    uint8_t lasti;
} ExcEntry;

/* Code object flags. */
#define CO_MODULE    0x01  /* module body: names are globals */
#define CO_CLASSBODY 0x02  /* class body: names go to frame->locals_dict */
#define CO_FUNCTION  0x04
#define CO_LAMBDA    0x08
#define CO_VARARGS   0x100 /* has a *args parameter (slot after the keyword-only ones) */
#define CO_VARKEYWORDS 0x200 /* has a **kwargs parameter (the slot after that) */
/* Binding needs more than copying nargs positionals (call.c's fast paths skip it). */
#define CO_COMPLEX_ARGS 0x400
/* The body contains yield: a call returns a generator (RETURN_GENERATOR). */
#define CO_GENERATOR 0x800

/* A compiled function body: wordcode plus everything it refers to.
 * Each code unit is 16 bits: low byte opcode, high byte oparg (CPython's
 * layout); inline cache units follow the instructions that have them. */
typedef struct Code {
    Obj obj;
    uint16_t *code;
    int32_t ncode;        /* code units */
    int32_t *lines;       /* source line of each code unit */
    int32_t *cols;        /* source column (1-based) of each code unit */
    ExcEntry *exctable;
    int32_t nexc;
    Tuple *consts;
    Tuple *names;         /* global / attribute names, interned Str */
    Tuple *varnames;      /* fast locals: parameters first, interned Str */
    Tuple *cellnames;     /* reserved for closures (empty tuple for now) */
    int32_t nargs;        /* positional parameters */
    int32_t nlocals;      /* fast local slots, >= nargs */
    int32_t stacksize;    /* max operand stack depth */
    int32_t flags;        /* CO_* */
    int32_t firstline;
    Str *name;
    Str *qualname;
    Str *filename;
    int32_t kwonlyargcount; /* keyword-only parameters, in slots nargs.. */
    int32_t nfree;        /* free variables: the closure's cells, in the slots after the parameters */
    uint32_t id;          /* index in vm->codes (code_register), never reused */
    Str *doc;             /* a function's docstring (its __doc__), NULL when none; */
                          /* kept out of consts, so they stay as without it      */
} Code;

typedef struct Function {
    Obj obj;
    Code *code;
    Dict *globals;
    Tuple *defaults;      /* NULL when none; covers the last parameters */
    Tuple *closure;       /* reserved for closures, NULL for now */
    Str *name;
    Str *qualname;
    Type *owner;          /* class whose body defined it (zero-arg super()) */
    Dict *kwdefaults;     /* keyword-only defaults by name, NULL when none */
    Dict *dict;           /* attributes set on the function, NULL when none */
} Function;

/* A builtin function or a method of a builtin type. `args` points at nargs
 * positional values followed by the values of the keyword arguments named by
 * kwnames (NULL when there are none). For methods args[0] is self. The args
 * live on the VM stack, so they are GC roots for the duration of the call. */
typedef Value (*NativeFn)(VM *vm, Value *args, int nargs, Tuple *kwnames);

typedef struct Native {
    Obj obj;
    NativeFn fn;
    const char *name;
    Value self;           /* bound receiver, or VAL_NULL when unbound */
} Native;

/* A Python function bound to an instance. */
typedef struct Method {
    Obj obj;
    Value self;
    Value func;
} Method;

/* property, staticmethod or classmethod (descr.c), told apart by obj.type.
 * A staticmethod or classmethod keeps its function in fget. `name` is the
 * class attribute a property was assigned to (CPython's __set_name__, for
 * error messages), VAL_NULL until then. */
typedef struct Descr {
    Obj obj;
    Value fget, fset, fdel;
    Value name;
} Descr;

/* Most attribute names one class's instance layout holds (see layout.c). */
#define LAYOUT_MAX 30

/* A class, builtin or user-defined. `version` changes whenever the class's
 * dict or a base's dict changes, or its instance layout grows (attribute
 * caches key on it); 0 means
 * "unversioned". `inst_kind` is the ObjKind its instances have (OBJ_INSTANCE
 * or OBJ_EXCEPTION for user classes; the builtin layout for builtins). */
struct Type {
    Obj obj;
    Str *name;
    Type *base;
    Dict *dict;
    uint32_t version;
    uint8_t inst_kind;
    uint8_t builtin;      /* 1 for the classes of BUILTIN_TYPE_LIST */
    NativeFn ctor;        /* builtins: what calling the class does, else NULL */
    uint8_t has_subclasses; /* set by type_new; type_modified then re-versions them */
    /* __bases__ and __mro__ (C3 linearization, the class first). `base` is
     * __base__: the base whose instance layout the class extends. */
    Tuple *bases;
    Tuple *mro;
    /* __slots__ (types.c): `slotted` when the class and every user base
     * define it, so instances have no __dict__ and only the layout's names
     * (the slots, laid out first) can be stored; `adds_slots` when its own
     * __slots__ is not empty (its layout then conflicts with another such). */
    uint8_t slotted;
    uint8_t adds_slots;
    uint8_t nslotnames;   /* the first nslotnames layout names are slots (not in __dict__) */
    /* The instance layout (layout.c): attribute attr_names[i] of an instance
     * of this class lives in its slot i. Append-only, at most LAYOUT_MAX. */
    uint32_t nattrs;
    Str *attr_names[LAYOUT_MAX];
    /* The operator dunders' memo (vm.h's type_dunder), made when a
     * specialization first asks; malloc'd, freed with the class. */
    struct DunderMemo *dunders;
};

/* An instance of a user class (or of object). Attributes live in `slots`,
 * indexed by the class's layout; VAL_NULL marks an absent attribute.
 * `slots` points at inline_slots (sized from the layout when allocated)
 * until a later attribute needs more, then at a gc_buf buffer. Names beyond
 * the layout's cap go to `overflow`, created when first needed. */
typedef struct Instance {
    Obj obj;
    Value *slots;
    uint32_t nslots;      /* length of slots */
    uint32_t ninline;     /* length of inline_slots (fixed at allocation) */
    Dict *overflow;
    Value inline_slots[];
} Instance;

/* An exception. Extends Instance (same leading fields, no inline slots), so
 * user exception classes can carry attributes. `traceback` is a List of
 * (Code, line) tuples, innermost last, appended as the exception unwinds
 * frames. */
typedef struct Exception {
    Obj obj;
    Value *slots;
    uint32_t nslots;
    uint32_t ninline;     /* always 0 */
    Dict *overflow;
    Tuple *args;
    List *traceback;
    Value cause;          /* raise ... from X, or VAL_NONE; VAL_NULL after "from None" */
    Value context;        /* exception being handled when raised, or VAL_NONE */
} Exception;

/* A set or frozenset (obj.type says which): CPython's setobject.c table,
 * so iteration and repr order match CPython's. `table` has mask + 1 slots;
 * an unused slot has key VAL_NULL, a deleted one key SET_DUMMY. `fill`
 * counts active and deleted slots, `used` active ones. `hash` caches a
 * frozenset's hash (0 = not computed). See set.c. */
typedef struct SetEntry {
    uint64_t hash;
    Value key;
} SetEntry;

typedef struct Set {
    Obj obj;
    int64_t fill, used, mask, finger;
    SetEntry *table;
    uint64_t hash;
} Set;

typedef struct Cell {
    Obj obj;
    Value value;
} Cell;

/* A generator (gen.c): while suspended it owns a copy of its frame's extent
 * (locals, then nsaved - nlocals operands) in `saved`, a buffer of
 * code->nlocals + code->stacksize values; `ip` is where it resumes. */
typedef enum GenState { GEN_CREATED, GEN_SUSPENDED, GEN_RUNNING, GEN_DONE } GenState;
typedef struct Generator {
    Obj obj;
    Function *func;
    Value *saved;
    int32_t nsaved;
    int32_t cap;          /* values `saved` has room for */
    int32_t state;        /* GenState */
    uint16_t *ip;
    Value handled;        /* what its own except block handles while it is
                           * suspended, else VAL_NONE (CPython's gi_exc_state) */
    Value caller_handled; /* while it runs: the resumer's vm->handled and */
    Value caller_outer;   /* vm->handled_outer, given back when it leaves */
} Generator;

/* A module (module.c): its namespace is `dict`, which is also the globals
 * of the code that ran as its body. `file` is the path of a module loaded
 * from a .py file, NULL for a built-in one. sys.stdout / sys.stderr share
 * this layout with type T_TEXTIO (`name` "<stdout>", write in `dict`). */
typedef struct ModuleObj {
    Obj obj;
    Str *name;
    Dict *dict;
    Str *file;
} ModuleObj;

/* Unchecked downcasts (check kind first). */
#define AS_STR(v)      ((Str *)val_as_obj(v))
#define AS_BIGINT(v)   ((BigInt *)val_as_obj(v))
#define AS_TUPLE(v)    ((Tuple *)val_as_obj(v))
#define AS_LIST(v)     ((List *)val_as_obj(v))
#define AS_DICT(v)     ((Dict *)val_as_obj(v))
#define AS_RANGE(v)    ((Range *)val_as_obj(v))
#define AS_SLICE(v)    ((Slice *)val_as_obj(v))
#define AS_ITER(v)     ((Iter *)val_as_obj(v))
#define AS_CODE(v)     ((Code *)val_as_obj(v))
#define AS_FUNCTION(v) ((Function *)val_as_obj(v))
#define AS_NATIVE(v)   ((Native *)val_as_obj(v))
#define AS_METHOD(v)   ((Method *)val_as_obj(v))
#define AS_DESCR(v)    ((Descr *)val_as_obj(v))
#define AS_TYPE(v)     ((Type *)val_as_obj(v))
#define AS_INSTANCE(v) ((Instance *)val_as_obj(v))
#define AS_EXC(v)      ((Exception *)val_as_obj(v))
#define AS_SET(v)      ((Set *)val_as_obj(v))
#define AS_MODULE(v)   ((ModuleObj *)val_as_obj(v))
#define AS_GEN(v)      ((Generator *)val_as_obj(v))

static inline bool val_is_kind(Value v, ObjKind k) {
    return val_is_obj(v) && val_as_obj(v)->kind == k;
}
#define IS_STR(v)      val_is_kind(v, OBJ_STR)
#define IS_BIGINT(v)   val_is_kind(v, OBJ_BIGINT)
#define IS_TUPLE(v)    val_is_kind(v, OBJ_TUPLE)
#define IS_LIST(v)     val_is_kind(v, OBJ_LIST)
#define IS_DICT(v)     val_is_kind(v, OBJ_DICT)
#define IS_FUNCTION(v) val_is_kind(v, OBJ_FUNCTION)
#define IS_TYPE(v)     val_is_kind(v, OBJ_TYPE)
#define IS_EXC(v)      val_is_kind(v, OBJ_EXCEPTION)
#define IS_ANYSET(v)   val_is_kind(v, OBJ_SET)
#define IS_GEN(v)      val_is_kind(v, OBJ_GEN)

/* A list or dict whose class is a user subclass (class Stack(list)): the
 * class may override the builtin's dunders, so no fast path may assume the
 * builtin behaviour (specializations guard on the exact class). */
static inline bool val_is_builtin_sub(Value v) {
    return (IS_LIST(v) || IS_DICT(v)) && !val_as_obj(v)->type->builtin;
}

/* An int in Python's sense: small, big, or bool. */
static inline bool val_is_anyint(Value v) {
    return val_is_int(v) || val_is_bool(v) || IS_BIGINT(v);
}

#endif
