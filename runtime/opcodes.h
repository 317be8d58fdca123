/* opcodes.h: the instruction set, as data.
 *
 * Wordcode: each code unit is 16 bits, opcode in the low byte and oparg in
 * the high byte (CPython's layout). An oparg wider than 8 bits is prefixed by
 * EXTENDED_ARG units carrying its higher bytes, most significant first. An
 * instruction with C cache entries is followed by C CACHE units (zeroed by
 * the compiler) that the specializing interpreter will use; the interpreter
 * skips them, and jump offsets count them.
 *
 * Jumps are relative, in code units, measured from the unit after the
 * instruction's caches: forward jumps add oparg, JUMP_BACKWARD subtracts it.
 * Only JUMP_BACKWARD goes backwards, so it is where loops are detected.
 *
 * The call convention (CPython 3.13's): a call site pushes the callable,
 * then either NULL or a `self` (LOAD_ATTR/LOAD_GLOBAL with the low oparg bit
 * set push the pair), then the arguments. CALL n calls with n arguments
 * (n + 1 when the second slot is a self, which becomes the first argument).
 *
 * X(NAME, CACHE_UNITS, POPS, PUSHES, FLAGS): POPS/PUSHES are expressions in
 * `oparg` giving the stack effect when the instruction falls through (for
 * jumps, see each comment for the taken edge). FLAGS: OPF_ARG (uses oparg),
 * OPF_JUMP (oparg is a relative jump), OPF_CONST (oparg indexes consts),
 * OPF_NAME (oparg indexes names, maybe shifted: see comment), OPF_LOCAL
 * (oparg indexes varnames).
 *
 * Stack notation in comments: [... a b] -> [... r], rightmost is the top.
 */
#ifndef STITCH_OPCODES_H
#define STITCH_OPCODES_H

#define OPF_ARG   0x01
#define OPF_JUMP  0x02
#define OPF_CONST 0x04
#define OPF_NAME  0x08
#define OPF_LOCAL 0x10
#define OPF_SPEC  0x20  /* specialized form (uops.h): only the interpreter writes it */

#include "uops.h"

/* The caches, stack effect and flags of each generic instruction that has
 * specialized forms; its forms share them (opcodes.c asserts the rows agree). */
#define FAMILY_BINARY_OP       1, 2, 1, OPF_ARG
#define FAMILY_COMPARE_OP      1, 2, 1, OPF_ARG
#define FAMILY_CONTAINS_OP     1, 2, 1, OPF_ARG
#define FAMILY_BINARY_SUBSCR   1, 2, 1, 0
#define FAMILY_STORE_SUBSCR    1, 3, 0, 0
#define FAMILY_UNPACK_SEQUENCE 1, 1, (oparg), OPF_ARG
#define FAMILY_FOR_ITER        1, 1, 2, OPF_ARG | OPF_JUMP
#define FAMILY_SEND            1, 2, 2, OPF_ARG | OPF_JUMP
#define FAMILY_LOAD_GLOBAL     4, 0, 1 + ((oparg) & 1), OPF_ARG | OPF_NAME
#define FAMILY_CALL            4, (oparg) + 2, 1, OPF_ARG
#define FAMILY_CALL_KW         4, (oparg) + 3, 1, OPF_ARG
#define FAMILY_LOAD_ATTR       9, 1, 1 + ((oparg) & 1), OPF_ARG | OPF_NAME
#define FAMILY_STORE_ATTR      4, 2, 0, OPF_ARG | OPF_NAME
#define SPEC_ROW_(X, args) X args
#define SPEC_AS_OPCODE_ROW(X, name, base, ...) SPEC_ROW_(X, (name, FAMILY_##base | OPF_SPEC))

#define OPCODE_LIST(X)                                                                  \
    /* Fillers. */                                                                      \
    X(CACHE, 0, 0, 0, 0)                     /* inline cache unit; never executed */    \
    X(NOP, 0, 0, 0, 0)                                                                  \
    X(EXTENDED_ARG, 0, 0, 0, OPF_ARG)         /* oparg = high bits of next oparg */     \
    /* Stack. */                                                                        \
    X(POP_TOP, 0, 1, 0, 0)                    /* [a] -> [] */                           \
    X(PUSH_NULL, 0, 0, 1, 0)                  /* [] -> [NULL] */                        \
    X(COPY, 0, (oparg), (oparg) + 1, OPF_ARG) /* push a copy of the oparg-th item (1 = top) */ \
    X(SWAP, 0, (oparg), (oparg), OPF_ARG)     /* swap top with the oparg-th item (2 = second) */ \
    /* Constants and variables. */                                                      \
    X(LOAD_CONST, 0, 0, 1, OPF_ARG | OPF_CONST)                                         \
    X(LOAD_FAST, 0, 0, 1, OPF_ARG | OPF_LOCAL)   /* UnboundLocalError if unbound */     \
    X(STORE_FAST, 0, 1, 0, OPF_ARG | OPF_LOCAL)                                         \
    X(DELETE_FAST, 0, 0, 0, OPF_ARG | OPF_LOCAL)                                        \
    /* LOAD_GLOBAL: name = names[oparg >> 1]; globals, then builtins, else        */    \
    /* NameError. With oparg & 1 it pushes [value NULL] (a call site).            */    \
    X(LOAD_GLOBAL, 4, 0, 1 + ((oparg) & 1), OPF_ARG | OPF_NAME)                         \
    X(STORE_GLOBAL, 0, 1, 0, OPF_ARG | OPF_NAME)                                        \
    X(DELETE_GLOBAL, 0, 0, 0, OPF_ARG | OPF_NAME)                                       \
    /* Class bodies: frame->locals_dict, then globals, then builtins.             */    \
    X(LOAD_NAME, 0, 0, 1, OPF_ARG | OPF_NAME)                                           \
    X(STORE_NAME, 0, 1, 0, OPF_ARG | OPF_NAME)                                          \
    X(DELETE_NAME, 0, 0, 0, OPF_ARG | OPF_NAME)                                         \
    /* Attributes. LOAD_ATTR: name = names[oparg >> 1]; [obj] -> [attr]; with     */    \
    /* oparg & 1 (method call site) -> [func self] when the attribute is a plain  */    \
    /* function found on the class, else [attr NULL].                              */    \
    X(LOAD_ATTR, 9, 1, 1 + ((oparg) & 1), OPF_ARG | OPF_NAME)                           \
    X(STORE_ATTR, 4, 2, 0, OPF_ARG | OPF_NAME)  /* [value obj] -> [] ; obj.name = value */ \
    X(DELETE_ATTR, 0, 1, 0, OPF_ARG | OPF_NAME)                                         \
    /* Zero-argument super().name inside a method: [self] -> like LOAD_ATTR, the  */    \
    /* lookup starting after frame->func->owner in its base chain.                */    \
    X(LOAD_SUPER_ATTR, 1, 1, 1 + ((oparg) & 1), OPF_ARG | OPF_NAME)                     \
    /* Operators. */                                                                    \
    X(UNARY_NEGATIVE, 0, 1, 1, 0)                                                       \
    X(UNARY_POSITIVE, 0, 1, 1, 0)                                                       \
    X(UNARY_INVERT, 0, 1, 1, 0)                                                         \
    X(UNARY_NOT, 0, 1, 1, 0)                  /* [a] -> [not a] (a bool) */             \
    X(BINARY_OP, 1, 2, 1, OPF_ARG)            /* [a b] -> [a op b], op = BinOp (+ inplace base) */ \
    X(COMPARE_OP, 1, 2, 1, OPF_ARG)           /* [a b] -> [a cmp b], cmp = CmpOp */     \
    X(IS_OP, 0, 2, 1, OPF_ARG)                /* [a b] -> [a is b], negated if oparg */ \
    X(CONTAINS_OP, 1, 2, 1, OPF_ARG)          /* [a b] -> [a in b], negated if oparg */ \
    /* Subscripts. */                                                                   \
    X(BINARY_SUBSCR, 1, 2, 1, 0)              /* [c k] -> [c[k]] */                     \
    X(STORE_SUBSCR, 1, 3, 0, 0)               /* [v c k] -> [] ; c[k] = v */            \
    X(DELETE_SUBSCR, 0, 2, 0, 0)              /* [c k] -> [] ; del c[k] */              \
    X(BUILD_SLICE, 0, (oparg), 1, OPF_ARG)    /* oparg 2: [a b] or 3: [a b c] -> [slice] */ \
    /* Containers. */                                                                   \
    X(BUILD_TUPLE, 0, (oparg), 1, OPF_ARG)                                              \
    X(BUILD_LIST, 0, (oparg), 1, OPF_ARG)                                               \
    X(LIST_TO_TUPLE, 0, 1, 1, 0)              /* [list] -> [tuple(list)], for (a, *b) */ \
    X(BUILD_MAP, 0, 2 * (oparg), 1, OPF_ARG)  /* [k1 v1 ... kn vn] -> [dict] */         \
    X(BUILD_STRING, 0, (oparg), 1, OPF_ARG)   /* concatenate oparg strs */              \
    X(LIST_APPEND, 0, 1, 0, OPF_ARG)          /* [list ...(oparg-1 more) v] -> append v to the list oparg deep */ \
    X(LIST_EXTEND, 0, 1, 0, OPF_ARG)          /* same, extend with an iterable */       \
    X(MAP_ADD, 0, 2, 0, OPF_ARG)              /* [dict ... k v] -> dict oparg deep (below k v) [k] = v */ \
    X(UNPACK_SEQUENCE, 1, 1, (oparg), OPF_ARG) /* [seq] -> [item_n-1 ... item_0]: item_0 on top */ \
    /* Control flow. Conditional jumps pop their operand either way.             */    \
    X(JUMP_FORWARD, 0, 0, 0, OPF_ARG | OPF_JUMP)                                        \
    X(JUMP_BACKWARD, 1, 0, 0, OPF_ARG | OPF_JUMP)                                       \
    X(POP_JUMP_IF_FALSE, 1, 1, 0, OPF_ARG | OPF_JUMP)                                   \
    X(POP_JUMP_IF_TRUE, 1, 1, 0, OPF_ARG | OPF_JUMP)                                    \
    X(POP_JUMP_IF_NONE, 1, 1, 0, OPF_ARG | OPF_JUMP)                                    \
    X(POP_JUMP_IF_NOT_NONE, 1, 1, 0, OPF_ARG | OPF_JUMP)                                \
    X(GET_ITER, 0, 1, 1, 0)                   /* [x] -> [iter(x)] */                    \
    /* FOR_ITER: [it] -> [it next]; when exhausted pops `it` and jumps forward.  */    \
    X(FOR_ITER, 1, 1, 2, OPF_ARG | OPF_JUMP)                                            \
    /* Functions. */                                                                    \
    /* MAKE_FUNCTION: [defaults? kwdefaults? closure? code] -> [func]: oparg & 1  */    \
    /* a tuple of defaults, & 2 a dict of keyword-only defaults, & 8 the closure  */    \
    /* (a tuple of cells, one per free variable of code, in code's slot order).   */    \
    X(MAKE_FUNCTION, 0, 1 + ((oparg) & 1) + (((oparg) >> 1) & 1) + (((oparg) >> 3) & 1), 1, OPF_ARG) \
    X(CALL, 4, (oparg) + 2, 1, OPF_ARG)       /* [callable self|NULL args...] -> [result] */ \
    /* CALL_KW: [callable self|NULL args... kwnames] -> [result]; kwnames is a   */    \
    /* tuple of str naming the last len(kwnames) of the oparg arguments.          */    \
    X(CALL_KW, 4, (oparg) + 3, 1, OPF_ARG)                                              \
    X(RETURN_VALUE, 0, 1, 0, 0)                                                         \
    /* BUILD_CLASS: [body_func name base|NULL] -> [class]: runs the body with a  */    \
    /* fresh namespace dict as frame->locals_dict and makes the class from it.     */    \
    X(BUILD_CLASS, 0, 3, 1, 0)                                                          \
    /* Exceptions (CPython 3.11's zero-cost scheme, see ExcEntry in object.h).   */    \
    /* RAISE_VARARGS 0: re-raise the exception being handled; 1: [exc]; 2: [exc cause] */ \
    X(RAISE_VARARGS, 0, (oparg), 0, OPF_ARG)                                            \
    X(PUSH_EXC_INFO, 0, 1, 2, 0)              /* [exc] -> [prev_handled exc]; exc becomes the handled one */ \
    X(POP_EXCEPT, 0, 1, 0, 0)                 /* [prev_handled] -> []; restores it */   \
    X(CHECK_EXC_MATCH, 0, 2, 2, 0)            /* [exc type] -> [exc bool] (type may be a tuple) */ \
    X(RERAISE, 0, 1, 0, OPF_ARG)              /* [exc] -> raise exc again (traceback kept) */ \
    X(LOAD_ASSERTION_ERROR, 0, 0, 1, 0)                                                 \
    /* FORMAT_VALUE: [value spec?] -> [str]: convert by oparg & 3 (0 none,       */    \
    /* 1 str(), 2 repr(), 3 ascii() -- treated as repr()), then format with the   */    \
    /* spec on top when oparg & 4, else "". f-strings end with BUILD_STRING n.    */    \
    X(FORMAT_VALUE, 0, 1 + (((oparg) & 4) >> 2), 1, OPF_ARG)                           \
    /* Closures. A cell or free variable has a fast slot (named in varnames)   */    \
    /* holding its Cell; these take that slot's index.                            */    \
    X(MAKE_CELL, 0, 0, 0, OPF_ARG | OPF_LOCAL)  /* slot = new cell holding the slot's value */ \
    X(LOAD_CLOSURE, 0, 0, 1, OPF_ARG | OPF_LOCAL) /* push the cell itself */            \
    X(LOAD_DEREF, 0, 0, 1, OPF_ARG | OPF_LOCAL)   /* push the cell's value; unbound: error */ \
    X(STORE_DEREF, 0, 1, 0, OPF_ARG | OPF_LOCAL)  /* [v] -> [] ; cell value = v */      \
    X(DELETE_DEREF, 0, 0, 0, OPF_ARG | OPF_LOCAL)                                       \
    /* COPY_FREE_VARS n: the function's closure cells into the n slots after the  */    \
    /* parameters (nargs + kwonly + *args + **kwargs). First instruction.          */    \
    X(COPY_FREE_VARS, 0, 0, 0, OPF_ARG)                                                 \
    /* CALL_FUNCTION_EX: [callable self|NULL args kwargs?] -> [result]: args a    */    \
    /* tuple or list of positionals, kwargs (oparg & 1) a dict of keywords        */    \
    /* (or f(**m)'s m itself: checked here as DICT_MERGE would, never copied).    */    \
    X(CALL_FUNCTION_EX, 4, 3 + ((oparg) & 1), 1, OPF_ARG)                               \
    /* DICT_MERGE: [... dict ... m] -> m's items into the dict oparg deep (below */    \
    /* m); a repeated key is a TypeError naming the callable 3 below the dict.   */    \
    X(DICT_MERGE, 0, 1, 0, OPF_ARG)                                                     \
    /* DICT_UPDATE ({**m}): [dict ...(oparg-1 more) m] -> m's items into the   */    \
    /* dict oparg deep; m a dict or has keys() and [], else a TypeError.          */    \
    X(DICT_UPDATE, 0, 1, 0, OPF_ARG)                                                    \
    /* Imports (module.c). IMPORT_NAME: [level fromlist] -> [module names[oparg]] */    \
    /* (level is always 0: no relative imports). IMPORT_FROM: [m] -> [m m.name]   */    \
    /* or ImportError. IMPORT_STAR: [m] -> [], m's public names into globals.     */    \
    X(IMPORT_NAME, 0, 2, 1, OPF_ARG | OPF_NAME)                                         \
    X(IMPORT_FROM, 0, 1, 2, OPF_ARG | OPF_NAME)                                         \
    X(IMPORT_STAR, 0, 1, 0, 0)                                                          \
    /* Sets and unpacking (set.c). BUILD_SET: [v1 ... vn] -> [set];            */    \
    /* SET_ADD: [set ...(oparg-1 more) v] -> add v to the set oparg deep.         */    \
    /* UNPACK_EX: [seq] -> [last_n-1 ... last_0 list first_m-1 ... first_0],      */    \
    /* m = oparg & 0xFF values before the starred target, n = oparg >> 8 after.   */    \
    X(BUILD_SET, 0, (oparg), 1, OPF_ARG)                                                \
    X(SET_ADD, 0, 1, 0, OPF_ARG)                                                        \
    /* SET_UPDATE: [set ...(oparg-1 more) it] -> update the set oparg deep.       */    \
    X(SET_UPDATE, 0, 1, 0, OPF_ARG)                                                     \
    X(UNPACK_EX, 0, 1, ((oparg) & 0xFF) + ((oparg) >> 8) + 1, OPF_ARG)                  \
    /* Generators (gen.c). RETURN_GENERATOR (first instruction after the      */    \
    /* closure prologue): the frame becomes a new generator, returned to the      */    \
    /* caller; on resumption the sent value is pushed (a POP_TOP follows).        */    \
    /* YIELD_VALUE: [v] -> suspend, yielding v; resumed: [sent]. SEND: [recv v]   */    \
    /* -> [recv yielded], or when recv returns, [result] and jump forward.        */    \
    /* GET_YIELD_FROM_ITER: [x] -> [iter(x)] (a generator stays itself).          */    \
    /* The YIELD_VALUE right after a SEND has oparg 1 (not shown by --dis):       */    \
    /* gen.c forwards throw() and close() to the receiver below it.               */    \
    X(RETURN_GENERATOR, 0, 0, 1, 0)                                                     \
    X(YIELD_VALUE, 0, 1, 1, 0)                                                          \
    X(SEND, 1, 2, 2, OPF_ARG | OPF_JUMP)                                                \
    X(GET_YIELD_FROM_ITER, 0, 1, 1, 0)                                                  \
    /* with (class.c). BEFORE_WITH: [mgr] -> [mgr.__exit__ mgr.__enter__()].    */    \
    /* WITH_EXCEPT_START: [exit prev exc] -> [exit prev exc exit(type(exc), exc,  */    \
    /* None)], in the handler of a with body (after PUSH_EXC_INFO).               */    \
    X(BEFORE_WITH, 0, 1, 2, 0)                                                          \
    X(WITH_EXCEPT_START, 0, 3, 4, 0)                                                    \
    /* Specialized forms (OPF_SPEC), one row per SPECIALIZED_INSTRS entry.       */    \
    SPECIALIZED_INSTRS(SPEC_AS_OPCODE_ROW, X)                                           \
    /* A JUMP_BACKWARD whose loop has a trace (jit/): its cache unit holds the   */    \
    /* executor's number. Only the JIT writes it.                                */    \
    X(ENTER_EXECUTOR, 1, 0, 0, OPF_ARG | OPF_JUMP | OPF_SPEC)

typedef enum Opcode {
#define X(name, cache, pops, pushes, flags) OP_##name,
    OPCODE_LIST(X)
#undef X
    OP_COUNT
} Opcode;

/* Tables derived from OPCODE_LIST (defined in opcodes.c). */
extern const char *const opcode_names[OP_COUNT];
extern const unsigned char opcode_caches[OP_COUNT];
extern const unsigned char opcode_flags[OP_COUNT];
/* The generic instruction of each opcode: itself, or for a specialized form
 * (OPF_SPEC) the instruction it was rewritten from. */
extern const unsigned char opcode_base[OP_COUNT];

/* Stack effect of (op, oparg) on the fall-through edge. */
int opcode_stack_effect(int op, int oparg);

/* What the compiler (compiler.c, assemble.c) guarantees beyond the list:
 *   - Exception table entries never overlap: each code unit is covered by
 *     at most one entry. Entries cover whole instructions (prefixes and
 *     caches included). `lasti` is never set; RERAISE's oparg is always 0.
 *   - A jump's EXTENDED_ARG prefixes are part of the jump: its offset is
 *     measured from the unit after the caches of the jump opcode itself,
 *     and a jump target is the first unit of the target instruction (its
 *     first EXTENDED_ARG prefix, if any).
 *   - Module and class-body code objects may have nlocals > 0: inlined
 *     comprehensions keep their variables in hidden fast slots.
 *   - Unreachable code is dropped, so a code object need not end with
 *     RETURN_VALUE (`while True:` without break), but control never runs
 *     off its end.
 */

#endif
