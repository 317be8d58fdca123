/* uops.h: micro-ops, and every instruction that is a sequence of them.
 *
 * A uop is the unit both tiers share: the tier-1 interpreter runs an
 * instruction declared below by running its uops' bodies in order, and the
 * JIT (later) compiles each uop body once into a stencil. Bodies are written
 * once, in uop_bodies.h, over access macros that each includer defines
 * (see the contract there).
 *
 * UOP_LIST(U): U(NAME, POPS, PUSHES, FLAGS). POPS/PUSHES are expressions in
 * `oparg` for the fall-through edge, like OPCODE_LIST's.
 *
 * GENERIC_UOP_INSTRS(G, P) and SPECIALIZED_INSTRS(S, P):
 *   G(P, NAME, NAME, uop...)   a generic instruction whose interpreter
 *                              handler is generated from its uops;
 *   S(P, NAME, BASE, uop...)   a specialized form of generic BASE (the
 *                              interpreter rewrites BASE into NAME in place;
 *                              the compiler never emits it). It has BASE's
 *                              caches and stack effect; opcodes.h appends it
 *                              to OPCODE_LIST with OPF_SPEC.
 * P is passed through to each row (OPCODE_LIST passes its X). At most six
 * uops per instruction (UOP_FOR_EACH).
 */
#ifndef STITCH_UOPS_H
#define STITCH_UOPS_H

#define UOPF_GUARD   0x01  /* may deopt (DEOPT_IF) */
#define UOPF_ERROR   0x02  /* may raise (ERROR_IF) */
#define UOPF_ARG     0x04  /* reads oparg */
#define UOPF_OPERAND 0x08  /* reads the inline cache (a 16/48-bit operand) */
#define UOPF_ESCAPES 0x10  /* may call out, allocate, run the GC or Python code */
#define UOPF_PURE    0x20  /* no effect besides the stack */
#define UOPF_JUMP    0x40  /* may change the next instruction (JUMP_BY) */
#define UOPF_FRAME   0x80  /* pushes a frame (ends the instruction) */
#define UOPF_TIER2   0x100 /* only in traces: no instruction of tier 1 is made of it */
#define UOPF_FRAME_POP 0x200 /* pops a frame (an inlined callee returns) */
#define UOPF_NULL_BIT 0x400 /* oparg & 1 only pushes a NULL last: traces split
                               that off into a _PUSH_NULL (jit/project.c) */

#define UOP_LIST(U)                                                                     \
    /* Stack, constants, locals. */                                                     \
    U(_NOP, 0, 0, UOPF_PURE)                                                            \
    U(_POP_TOP, 1, 0, UOPF_PURE)                                                        \
    U(_PUSH_NULL, 0, 1, UOPF_PURE)                                                      \
    U(_COPY, (oparg), (oparg) + 1, UOPF_ARG | UOPF_PURE)                                \
    U(_SWAP, (oparg), (oparg), UOPF_ARG | UOPF_PURE)                                    \
    U(_LOAD_CONST, 0, 1, UOPF_ARG | UOPF_PURE)                                          \
    U(_LOAD_FAST, 0, 1, UOPF_ARG | UOPF_ERROR)                                          \
    U(_STORE_FAST, 1, 0, UOPF_ARG)                                                      \
    U(_IS_OP, 2, 1, UOPF_ARG | UOPF_PURE)                                               \
    /* Imports: one call into module.c each. */                                        \
    U(_IMPORT_NAME, 2, 1, UOPF_ARG | UOPF_ERROR | UOPF_ESCAPES)                         \
    U(_IMPORT_FROM, 1, 2, UOPF_ARG | UOPF_ERROR | UOPF_ESCAPES)                         \
    U(_IMPORT_STAR, 1, 0, UOPF_ERROR | UOPF_ESCAPES)                                    \
    /* with: one call into class.c each. */                                            \
    U(_BEFORE_WITH, 1, 2, UOPF_ERROR | UOPF_ESCAPES)                                    \
    U(_WITH_EXCEPT_START, 3, 4, UOPF_ERROR | UOPF_ESCAPES)                              \
    /* Closures: cells in fast slots. */                                                \
    U(_MAKE_CELL, 0, 0, UOPF_ARG | UOPF_ERROR | UOPF_ESCAPES)                           \
    U(_LOAD_CLOSURE, 0, 1, UOPF_ARG)                                                    \
    U(_LOAD_DEREF, 0, 1, UOPF_ARG | UOPF_ERROR)                                         \
    U(_STORE_DEREF, 1, 0, UOPF_ARG)                                                     \
    /* Jumps. The conditional ones record the outcome in the branch history. */        \
    U(_JUMP_FORWARD, 0, 0, UOPF_ARG | UOPF_JUMP)                                        \
    U(_POP_JUMP_IF_FALSE, 1, 0, UOPF_ARG | UOPF_JUMP | UOPF_OPERAND | UOPF_ERROR | UOPF_ESCAPES) \
    U(_POP_JUMP_IF_TRUE, 1, 0, UOPF_ARG | UOPF_JUMP | UOPF_OPERAND | UOPF_ERROR | UOPF_ESCAPES) \
    U(_POP_JUMP_IF_NONE, 1, 0, UOPF_ARG | UOPF_JUMP | UOPF_OPERAND)                     \
    U(_POP_JUMP_IF_NOT_NONE, 1, 0, UOPF_ARG | UOPF_JUMP | UOPF_OPERAND)                 \
    /* Type guards on the top two operands (TOS = top, NOS = second). */               \
    U(_GUARD_BOTH_INT, 2, 2, UOPF_GUARD)                                                \
    U(_GUARD_BOTH_FLOAT, 2, 2, UOPF_GUARD)                                              \
    U(_GUARD_BOTH_NUM, 2, 2, UOPF_GUARD)                                                \
    U(_GUARD_BOTH_STR, 2, 2, UOPF_GUARD)                                                \
    U(_GUARD_TOS_INT, 1, 1, UOPF_GUARD)                                                 \
    U(_GUARD_TOS_TUPLE, 1, 1, UOPF_GUARD)                                               \
    U(_GUARD_TOS_LIST, 1, 1, UOPF_GUARD)                                                \
    U(_GUARD_NOS_LIST, 2, 2, UOPF_GUARD)                                                \
    U(_GUARD_NOS_TUPLE, 2, 2, UOPF_GUARD)                                               \
    U(_GUARD_NOS_STR, 2, 2, UOPF_GUARD)                                                 \
    U(_GUARD_NOS_DICT, 2, 2, UOPF_GUARD)                                                \
    /* Arithmetic: [a b] -> [a op b]. Int ops deopt when the result leaves the  */    \
    /* small-int range (or the divisor is 0), float division by 0 deopts.       */    \
    U(_BINARY_OP_ADD_INT, 2, 1, UOPF_GUARD)                                             \
    U(_BINARY_OP_SUBTRACT_INT, 2, 1, UOPF_GUARD)                                        \
    U(_BINARY_OP_MULTIPLY_INT, 2, 1, UOPF_GUARD)                                        \
    U(_BINARY_OP_FLOOR_DIVIDE_INT, 2, 1, UOPF_GUARD)                                    \
    U(_BINARY_OP_REMAINDER_INT, 2, 1, UOPF_GUARD)                                       \
    U(_BINARY_OP_AND_INT, 2, 1, UOPF_PURE)                                              \
    U(_BINARY_OP_OR_INT, 2, 1, UOPF_PURE)                                               \
    U(_BINARY_OP_XOR_INT, 2, 1, UOPF_PURE)                                              \
    U(_BINARY_OP_LSHIFT_INT, 2, 1, UOPF_GUARD)                                          \
    U(_BINARY_OP_RSHIFT_INT, 2, 1, UOPF_GUARD)                                          \
    U(_BINARY_OP_ADD_FLOAT, 2, 1, UOPF_PURE)                                            \
    U(_BINARY_OP_SUBTRACT_FLOAT, 2, 1, UOPF_PURE)                                       \
    U(_BINARY_OP_MULTIPLY_FLOAT, 2, 1, UOPF_PURE)                                       \
    U(_BINARY_OP_TRUE_DIVIDE_FLOAT, 2, 1, UOPF_GUARD)                                   \
    U(_BINARY_OP_ADD_NUM, 2, 1, UOPF_PURE)                                              \
    U(_BINARY_OP_SUBTRACT_NUM, 2, 1, UOPF_PURE)                                         \
    U(_BINARY_OP_MULTIPLY_NUM, 2, 1, UOPF_PURE)                                         \
    U(_BINARY_OP_TRUE_DIVIDE_NUM, 2, 1, UOPF_GUARD)                                     \
    U(_BINARY_OP_ADD_STR, 2, 1, UOPF_ERROR | UOPF_ESCAPES)                              \
    /* Comparisons: [a b] -> [bool], oparg = CmpOp. */                                 \
    U(_COMPARE_OP_INT, 2, 1, UOPF_ARG | UOPF_PURE)                                      \
    U(_COMPARE_OP_INT_JUMP, 2, 0, UOPF_ARG | UOPF_JUMP | UOPF_OPERAND)                  \
    U(_COMPARE_OP_FLOAT, 2, 1, UOPF_ARG | UOPF_PURE)                                    \
    U(_COMPARE_OP_STR, 2, 1, UOPF_ARG | UOPF_PURE)                                      \
    /* Membership: [a b] -> [a in b], negated if oparg; the guard reads b. */          \
    U(_GUARD_TOS_DICT, 2, 2, UOPF_GUARD)                                                \
    U(_GUARD_TOS_ANY_SET, 2, 2, UOPF_GUARD)                                             \
    U(_CONTAINS_OP_DICT, 2, 1, UOPF_ARG | UOPF_ERROR | UOPF_ESCAPES)                    \
    U(_CONTAINS_OP_SET, 2, 1, UOPF_ARG | UOPF_ERROR | UOPF_ESCAPES)                     \
    /* Subscripts: [c k] -> [c[k]]; [v c k] -> []. */                                  \
    U(_BINARY_SUBSCR_LIST_INT, 2, 1, UOPF_GUARD)                                        \
    U(_BINARY_SUBSCR_TUPLE_INT, 2, 1, UOPF_GUARD)                                       \
    U(_BINARY_SUBSCR_STR_INT, 2, 1, UOPF_GUARD | UOPF_ERROR | UOPF_ESCAPES)             \
    U(_BINARY_SUBSCR_DICT, 2, 1, UOPF_ERROR | UOPF_ESCAPES)                             \
    U(_STORE_SUBSCR_LIST_INT, 3, 0, UOPF_GUARD)                                         \
    U(_STORE_SUBSCR_DICT, 3, 0, UOPF_ERROR | UOPF_ESCAPES)                              \
    /* [seq] -> [item_n-1 ... item_0]; the length is guarded. */                       \
    U(_UNPACK_SEQUENCE_TWO_TUPLE, 1, 2, UOPF_GUARD)                                     \
    U(_UNPACK_SEQUENCE_TUPLE, 1, (oparg), UOPF_ARG | UOPF_GUARD)                        \
    U(_UNPACK_SEQUENCE_LIST, 1, (oparg), UOPF_ARG | UOPF_GUARD)                         \
    /* FOR_ITER: [it] -> [it next], or pop it and jump when exhausted. */              \
    U(_ITER_CHECK_RANGE, 1, 1, UOPF_GUARD)                                              \
    U(_ITER_CHECK_LIST, 1, 1, UOPF_GUARD)                                               \
    U(_ITER_CHECK_TUPLE, 1, 1, UOPF_GUARD)                                              \
    U(_FOR_ITER_RANGE, 1, 2, UOPF_ARG | UOPF_JUMP | UOPF_GUARD)                         \
    U(_FOR_ITER_LIST, 1, 2, UOPF_ARG | UOPF_JUMP)                                       \
    U(_FOR_ITER_TUPLE, 1, 2, UOPF_ARG | UOPF_JUMP)                                      \
    /* Generators resume in tier 1's own loop: the frame is pushed, and its  */    \
    /* yield or return continues the caller (gen.c). [it] stays below it;      */    \
    /* SEND's [recv v] leaves [recv]. An exhausted one pops / jumps at once.  */    \
    U(_ITER_CHECK_GEN, 1, 1, UOPF_GUARD)                                                \
    U(_FOR_ITER_GEN_FRAME, 1, 1, UOPF_ARG | UOPF_JUMP | UOPF_ERROR | UOPF_ESCAPES | UOPF_FRAME) \
    U(_SEND_CHECK_GEN, 2, 2, UOPF_GUARD)                                                \
    U(_SEND_GEN_FRAME, 2, 1, UOPF_ARG | UOPF_JUMP | UOPF_ERROR | UOPF_ESCAPES | UOPF_FRAME) \
    /* LOAD_GLOBAL: guard the globals dict's keys version (cache units 1-3),    */    \
    /* then read the entry whose index is cached in unit 0's high 12 bits.      */    \
    U(_GUARD_GLOBALS_KEYS, 0, 0, UOPF_GUARD | UOPF_OPERAND)                             \
    U(_LOAD_GLOBAL_MODULE, 0, 1 + ((oparg) & 1), UOPF_ARG | UOPF_NULL_BIT | UOPF_OPERAND | UOPF_GUARD) \
    U(_LOAD_GLOBAL_BUILTIN, 0, 1 + ((oparg) & 1), UOPF_ARG | UOPF_NULL_BIT | UOPF_OPERAND | UOPF_GUARD) \
    /* CALL: [callable self|NULL args...] -> [result]. */                              \
    U(_CHECK_CALL_BOUND_METHOD, (oparg) + 2, (oparg) + 2, UOPF_ARG | UOPF_GUARD)        \
    U(_INIT_CALL_BOUND_METHOD, (oparg) + 2, (oparg) + 2, UOPF_ARG)                      \
    U(_CHECK_FUNCTION_EXACT_ARGS, (oparg) + 2, (oparg) + 2, UOPF_ARG | UOPF_GUARD)      \
    U(_CHECK_FUNCTION, (oparg) + 2, (oparg) + 2, UOPF_ARG | UOPF_GUARD)                 \
    U(_PUSH_FRAME, (oparg) + 2, 0, UOPF_ARG | UOPF_ERROR | UOPF_ESCAPES | UOPF_FRAME)   \
    U(_CALL_BUILTIN, (oparg) + 2, 1, UOPF_ARG | UOPF_GUARD | UOPF_ERROR | UOPF_ESCAPES)  \
    U(_CALL_LEN, 3, 1, UOPF_GUARD | UOPF_ERROR | UOPF_ESCAPES)                          \
    U(_CALL_ISINSTANCE, 4, 1, UOPF_GUARD)                                               \
    U(_CALL_BUILTIN_CLASS, (oparg) + 2, 1, UOPF_ARG | UOPF_GUARD | UOPF_ERROR | UOPF_ESCAPES) \
    U(_CHECK_CLASS_VERSION, (oparg) + 2, (oparg) + 2, UOPF_ARG | UOPF_GUARD | UOPF_OPERAND) \
    U(_ALLOC_AND_ENTER_INIT, (oparg) + 2, 0,                                            \
      UOPF_ARG | UOPF_GUARD | UOPF_ERROR | UOPF_ESCAPES | UOPF_FRAME)                   \
    /* CALL_KW: [callable self|NULL args... kwnames] -> [result]; oparg counts  */    \
    /* the keyword values too. The Python forms bind by the map in unit 3.       */    \
    U(_CHECK_CALL_BOUND_METHOD_KW, (oparg) + 3, (oparg) + 3, UOPF_ARG | UOPF_GUARD)     \
    U(_INIT_CALL_BOUND_METHOD_KW, (oparg) + 3, (oparg) + 3, UOPF_ARG)                   \
    U(_CHECK_FUNCTION_KW, (oparg) + 3, (oparg) + 3, UOPF_ARG | UOPF_GUARD | UOPF_OPERAND) \
    U(_CHECK_FUNCTION_KW_SELF, (oparg) + 3, (oparg) + 3, UOPF_ARG | UOPF_GUARD | UOPF_OPERAND) \
    U(_PUSH_FRAME_KW, (oparg) + 3, 0, UOPF_ARG | UOPF_OPERAND | UOPF_ERROR | UOPF_ESCAPES | UOPF_FRAME) \
    U(_CALL_KW_BUILTIN, (oparg) + 3, 1, UOPF_ARG | UOPF_GUARD | UOPF_ERROR | UOPF_ESCAPES) \
    U(_CALL_KW_BUILTIN_CLASS, (oparg) + 3, 1, UOPF_ARG | UOPF_GUARD | UOPF_ERROR | UOPF_ESCAPES) \
    U(_CHECK_CLASS_VERSION_KW, (oparg) + 3, (oparg) + 3, UOPF_ARG | UOPF_GUARD | UOPF_OPERAND) \
    U(_ALLOC_AND_ENTER_INIT_KW, (oparg) + 3, 0,                                         \
      UOPF_ARG | UOPF_OPERAND | UOPF_GUARD | UOPF_ERROR | UOPF_ESCAPES | UOPF_FRAME)     \
    /* Attributes. LOAD_ATTR caches: units 1-2 class version, unit 3 slot index, */    \
    /* units 4-7 a Value; STORE_ATTR: units 1-2 class version, unit 3 slot.      */    \
    /* The guards read the object on top ([obj] or [value obj]).                 */    \
    U(_GUARD_TYPE_VERSION, 1, 1, UOPF_GUARD | UOPF_OPERAND)                             \
    U(_GUARD_CLASS_VERSION, 1, 1, UOPF_GUARD | UOPF_OPERAND)                            \
    U(_GUARD_TYPE_VERSION_POLY, 1, 1, UOPF_GUARD | UOPF_OPERAND)                        \
    U(_GUARD_ATTR_NOT_SHADOWED, 1, 1, UOPF_ARG | UOPF_GUARD)                            \
    U(_LOAD_ATTR_INSTANCE_VALUE, 1, 1 + ((oparg) & 1), UOPF_ARG | UOPF_NULL_BIT | UOPF_OPERAND | UOPF_GUARD) \
    U(_LOAD_ATTR_METHOD, 1, 2, UOPF_OPERAND)                                            \
    U(_LOAD_ATTR_CACHED_VALUE, 1, 1 + ((oparg) & 1), UOPF_ARG | UOPF_NULL_BIT | UOPF_OPERAND) \
    U(_STORE_ATTR_INSTANCE_VALUE, 2, 0, UOPF_OPERAND | UOPF_GUARD)                     \
    /* Operators on instances of user classes whose class has a Python       */    \
    /* dunder for them: the guard finds it in the class's memo (vm.h's       */    \
    /* type_dunder), the call runs it in a nested loop without a bound method. */  \
    U(_GUARD_DUNDER_BINOP, 2, 2, UOPF_ARG | UOPF_GUARD)                                 \
    U(_BINARY_OP_PY_DUNDER, 2, 1, UOPF_ARG | UOPF_ERROR | UOPF_ESCAPES)                 \
    U(_GUARD_DUNDER_COMPARE, 2, 2, UOPF_ARG | UOPF_GUARD)                               \
    U(_COMPARE_OP_PY_DUNDER, 2, 1, UOPF_ARG | UOPF_ERROR | UOPF_ESCAPES)                \
    U(_GUARD_DUNDER_GETITEM, 2, 2, UOPF_GUARD)                                          \
    U(_BINARY_SUBSCR_GETITEM, 2, 1, UOPF_ERROR | UOPF_ESCAPES)                          \
    U(_GUARD_DUNDER_SETITEM, 3, 3, UOPF_GUARD)                                          \
    U(_STORE_SUBSCR_SETITEM, 3, 0, UOPF_ERROR | UOPF_ESCAPES)                           \
    U(_GUARD_DUNDER_CONTAINS, 2, 2, UOPF_GUARD)                                         \
    U(_CONTAINS_OP_PY_DUNDER, 2, 1, UOPF_ARG | UOPF_ERROR | UOPF_ESCAPES)               \
    /* ---- Tier 2 only: what the trace projector (jit/project.c) emits. ----  */    \
    /* A followed branch becomes a guard that pops the condition and leaves    */    \
    /* the trace (JUMP_BY) when the other way is taken.                          */    \
    U(_GUARD_IS_TRUE_POP, 1, 0, UOPF_JUMP | UOPF_ERROR | UOPF_ESCAPES | UOPF_TIER2)      \
    U(_GUARD_IS_FALSE_POP, 1, 0, UOPF_JUMP | UOPF_ERROR | UOPF_ESCAPES | UOPF_TIER2)     \
    U(_GUARD_IS_NONE_POP, 1, 0, UOPF_JUMP | UOPF_TIER2)                                  \
    U(_GUARD_IS_NOT_NONE_POP, 1, 0, UOPF_JUMP | UOPF_TIER2)                              \
    /* The same two on a condition the optimizer proved a bool. */                    \
    U(_GUARD_IS_TRUE_POP_BOOL, 1, 0, UOPF_JUMP | UOPF_TIER2)                             \
    U(_GUARD_IS_FALSE_POP_BOOL, 1, 0, UOPF_JUMP | UOPF_TIER2)                            \
    /* The loop's end: back to the trace's first op. */                                \
    U(_JUMP_TO_TOP, 0, 0, UOPF_JUMP | UOPF_TIER2)                                       \
    /* An inlined call: the callee's code (operand, a Code *) is the one the    */    \
    /* trace was projected through; _POP_FRAME is its RETURN_VALUE.              */    \
    U(_CHECK_FUNCTION_CODE, (oparg) + 2, (oparg) + 2, UOPF_ARG | UOPF_GUARD | UOPF_OPERAND | UOPF_TIER2) \
    U(_PUSH_FRAME_KW_MAP, (oparg) + 3, 0, UOPF_ARG | UOPF_ERROR | UOPF_ESCAPES | UOPF_FRAME | UOPF_TIER2) \
    U(_POP_FRAME, 1, 1, UOPF_FRAME_POP | UOPF_TIER2)                                    \
    U(_POP_FRAME_INIT, 1, 1, UOPF_GUARD | UOPF_FRAME_POP | UOPF_TIER2)                  \
    /* Optimizer output: a constant as the operand, a guard-free local load. */       \
    U(_LOAD_CONST_INLINE, 0, 1, UOPF_OPERAND | UOPF_PURE | UOPF_TIER2)                  \
    /* STITCH_STATS only: count a pass through OPARG instructions (OPERAND   */    \
    /* points at the counter).                                                */    \
    U(_COUNT_INSTRS, 0, 0, UOPF_ARG | UOPF_OPERAND | UOPF_TIER2)                        \
    U(_LOAD_FAST_CHECKED, 0, 1, UOPF_ARG | UOPF_PURE | UOPF_TIER2)                      \
    /* A local load in a trace: unbound deopts (tier 1 then raises), so the  */   \
    /* load needs no error path and keeps the stack cache.                   */   \
    U(_LOAD_FAST_DEOPT, 0, 1, UOPF_ARG | UOPF_GUARD | UOPF_TIER2)                       \
    /* _COPY and _SWAP of a depth the optimizer knows: a fixed stack effect, */   \
    /* so the stencils keep the values in registers.                          */   \
    U(_COPY_1, 1, 2, UOPF_PURE | UOPF_TIER2)                                            \
    U(_COPY_2, 2, 3, UOPF_PURE | UOPF_TIER2)                                            \
    U(_COPY_3, 3, 4, UOPF_PURE | UOPF_TIER2)                                            \
    U(_SWAP_2, 2, 2, UOPF_PURE | UOPF_TIER2)                                            \
    U(_SWAP_3, 3, 3, UOPF_PURE | UOPF_TIER2)                                            \
    /* A loop trace's preamble: the kinds of locals its body assumes at the  */    \
    /* head, checked once per entry instead of once per iteration.            */    \
    U(_GUARD_LOCAL_INT, 0, 0, UOPF_ARG | UOPF_GUARD | UOPF_TIER2)                       \
    U(_GUARD_LOCAL_FLOAT, 0, 0, UOPF_ARG | UOPF_GUARD | UOPF_TIER2)                     \
    U(_GUARD_LOCAL_STR, 0, 0, UOPF_ARG | UOPF_GUARD | UOPF_TIER2)                       \
    U(_GUARD_LOCAL_LIST, 0, 0, UOPF_ARG | UOPF_GUARD | UOPF_TIER2)                      \
    U(_GUARD_LOCAL_TUPLE, 0, 0, UOPF_ARG | UOPF_GUARD | UOPF_TIER2)                     \
    /* Generic instructions in a trace: one uop each, calling the helper the    */    \
    /* interpreter's own handler uses (interp.c).                                */    \
    U(_BINARY_OP, 2, 1, UOPF_ARG | UOPF_ERROR | UOPF_ESCAPES | UOPF_TIER2)              \
    U(_COMPARE_OP, 2, 1, UOPF_ARG | UOPF_ERROR | UOPF_ESCAPES | UOPF_TIER2)             \
    U(_CONTAINS_OP, 2, 1, UOPF_ARG | UOPF_ERROR | UOPF_ESCAPES | UOPF_TIER2)            \
    U(_UNARY_NEGATIVE, 1, 1, UOPF_ERROR | UOPF_ESCAPES | UOPF_TIER2)                    \
    U(_UNARY_INVERT, 1, 1, UOPF_ERROR | UOPF_ESCAPES | UOPF_TIER2)                      \
    U(_UNARY_NOT, 1, 1, UOPF_ERROR | UOPF_ESCAPES | UOPF_TIER2)                         \
    U(_BINARY_SUBSCR, 2, 1, UOPF_ERROR | UOPF_ESCAPES | UOPF_TIER2)                     \
    U(_STORE_SUBSCR, 3, 0, UOPF_ERROR | UOPF_ESCAPES | UOPF_TIER2)                      \
    U(_LOAD_ATTR, 1, 1 + ((oparg) & 1), UOPF_ARG | UOPF_ERROR | UOPF_ESCAPES | UOPF_TIER2) \
    U(_STORE_ATTR, 2, 0, UOPF_ARG | UOPF_ERROR | UOPF_ESCAPES | UOPF_TIER2)             \
    U(_LOAD_GLOBAL, 0, 1 + ((oparg) & 1), UOPF_ARG | UOPF_OPERAND | UOPF_ERROR | UOPF_ESCAPES | UOPF_TIER2) \
    U(_STORE_GLOBAL, 1, 0, UOPF_ARG | UOPF_ERROR | UOPF_ESCAPES | UOPF_TIER2)           \
    U(_BUILD_TUPLE, (oparg), 1, UOPF_ARG | UOPF_ERROR | UOPF_ESCAPES | UOPF_TIER2)      \
    U(_BUILD_LIST, (oparg), 1, UOPF_ARG | UOPF_ERROR | UOPF_ESCAPES | UOPF_TIER2)       \
    U(_LIST_APPEND, 1, 0, UOPF_ARG | UOPF_ERROR | UOPF_ESCAPES | UOPF_TIER2)            \
    U(_GET_ITER, 1, 1, UOPF_ERROR | UOPF_ESCAPES | UOPF_TIER2)                          \
    U(_FOR_ITER, 1, 2, UOPF_ARG | UOPF_JUMP | UOPF_ERROR | UOPF_ESCAPES | UOPF_TIER2)   \
    U(_UNPACK_SEQUENCE, 1, (oparg), UOPF_ARG | UOPF_ERROR | UOPF_ESCAPES | UOPF_TIER2)  \
    U(_FORMAT_VALUE, 1 + (((oparg) >> 2) & 1), 1, UOPF_ARG | UOPF_ERROR | UOPF_ESCAPES | UOPF_TIER2) \
    U(_BUILD_STRING, (oparg), 1, UOPF_ARG | UOPF_ERROR | UOPF_ESCAPES | UOPF_TIER2)     \
    U(_COPY_FREE_VARS, 0, 0, UOPF_ARG | UOPF_TIER2)                                     \
    /* A call of anything but Python code (which would need a frame of its own: */    \
    /* such a callee leaves the trace before the call).                          */    \
    U(_CALL_NON_PY, (oparg) + 2, 1, UOPF_ARG | UOPF_GUARD | UOPF_ERROR | UOPF_ESCAPES | UOPF_TIER2)

/* Generic instructions whose interpreter handler is generated from uops. */
#define GENERIC_UOP_INSTRS(G, P)                                                        \
    G(P, NOP, NOP, _NOP)                                                                \
    G(P, POP_TOP, POP_TOP, _POP_TOP)                                                    \
    G(P, PUSH_NULL, PUSH_NULL, _PUSH_NULL)                                              \
    G(P, COPY, COPY, _COPY)                                                             \
    G(P, SWAP, SWAP, _SWAP)                                                             \
    G(P, LOAD_CONST, LOAD_CONST, _LOAD_CONST)                                           \
    G(P, LOAD_FAST, LOAD_FAST, _LOAD_FAST)                                              \
    G(P, STORE_FAST, STORE_FAST, _STORE_FAST)                                           \
    G(P, IS_OP, IS_OP, _IS_OP)                                                          \
    G(P, JUMP_FORWARD, JUMP_FORWARD, _JUMP_FORWARD)                                     \
    G(P, POP_JUMP_IF_FALSE, POP_JUMP_IF_FALSE, _POP_JUMP_IF_FALSE)                      \
    G(P, POP_JUMP_IF_TRUE, POP_JUMP_IF_TRUE, _POP_JUMP_IF_TRUE)                         \
    G(P, POP_JUMP_IF_NONE, POP_JUMP_IF_NONE, _POP_JUMP_IF_NONE)                         \
    G(P, POP_JUMP_IF_NOT_NONE, POP_JUMP_IF_NOT_NONE, _POP_JUMP_IF_NOT_NONE)             \
    G(P, IMPORT_NAME, IMPORT_NAME, _IMPORT_NAME)                                        \
    G(P, IMPORT_FROM, IMPORT_FROM, _IMPORT_FROM)                                        \
    G(P, IMPORT_STAR, IMPORT_STAR, _IMPORT_STAR)                                        \
    G(P, BEFORE_WITH, BEFORE_WITH, _BEFORE_WITH)                                        \
    G(P, WITH_EXCEPT_START, WITH_EXCEPT_START, _WITH_EXCEPT_START)                      \
    G(P, MAKE_CELL, MAKE_CELL, _MAKE_CELL)                                              \
    G(P, LOAD_CLOSURE, LOAD_CLOSURE, _LOAD_CLOSURE)                                     \
    G(P, LOAD_DEREF, LOAD_DEREF, _LOAD_DEREF)                                           \
    G(P, STORE_DEREF, STORE_DEREF, _STORE_DEREF)

/* Specialized instructions (see docs/specialization.md for each guard). */
#define SPECIALIZED_INSTRS(S, P)                                                        \
    S(P, BINARY_OP_ADD_INT, BINARY_OP, _GUARD_BOTH_INT, _BINARY_OP_ADD_INT)             \
    S(P, BINARY_OP_SUBTRACT_INT, BINARY_OP, _GUARD_BOTH_INT, _BINARY_OP_SUBTRACT_INT)   \
    S(P, BINARY_OP_MULTIPLY_INT, BINARY_OP, _GUARD_BOTH_INT, _BINARY_OP_MULTIPLY_INT)   \
    S(P, BINARY_OP_FLOOR_DIVIDE_INT, BINARY_OP, _GUARD_BOTH_INT, _BINARY_OP_FLOOR_DIVIDE_INT) \
    S(P, BINARY_OP_REMAINDER_INT, BINARY_OP, _GUARD_BOTH_INT, _BINARY_OP_REMAINDER_INT) \
    S(P, BINARY_OP_AND_INT, BINARY_OP, _GUARD_BOTH_INT, _BINARY_OP_AND_INT)             \
    S(P, BINARY_OP_OR_INT, BINARY_OP, _GUARD_BOTH_INT, _BINARY_OP_OR_INT)               \
    S(P, BINARY_OP_XOR_INT, BINARY_OP, _GUARD_BOTH_INT, _BINARY_OP_XOR_INT)             \
    S(P, BINARY_OP_LSHIFT_INT, BINARY_OP, _GUARD_BOTH_INT, _BINARY_OP_LSHIFT_INT)       \
    S(P, BINARY_OP_RSHIFT_INT, BINARY_OP, _GUARD_BOTH_INT, _BINARY_OP_RSHIFT_INT)       \
    S(P, BINARY_OP_TRUE_DIVIDE_INT, BINARY_OP, _GUARD_BOTH_INT, _BINARY_OP_TRUE_DIVIDE_NUM) \
    S(P, BINARY_OP_ADD_FLOAT, BINARY_OP, _GUARD_BOTH_FLOAT, _BINARY_OP_ADD_FLOAT)       \
    S(P, BINARY_OP_SUBTRACT_FLOAT, BINARY_OP, _GUARD_BOTH_FLOAT, _BINARY_OP_SUBTRACT_FLOAT) \
    S(P, BINARY_OP_MULTIPLY_FLOAT, BINARY_OP, _GUARD_BOTH_FLOAT, _BINARY_OP_MULTIPLY_FLOAT) \
    S(P, BINARY_OP_TRUE_DIVIDE_FLOAT, BINARY_OP, _GUARD_BOTH_FLOAT, _BINARY_OP_TRUE_DIVIDE_FLOAT) \
    S(P, BINARY_OP_ADD_NUM, BINARY_OP, _GUARD_BOTH_NUM, _BINARY_OP_ADD_NUM)             \
    S(P, BINARY_OP_SUBTRACT_NUM, BINARY_OP, _GUARD_BOTH_NUM, _BINARY_OP_SUBTRACT_NUM)   \
    S(P, BINARY_OP_MULTIPLY_NUM, BINARY_OP, _GUARD_BOTH_NUM, _BINARY_OP_MULTIPLY_NUM)   \
    S(P, BINARY_OP_TRUE_DIVIDE_NUM, BINARY_OP, _GUARD_BOTH_NUM, _BINARY_OP_TRUE_DIVIDE_NUM) \
    S(P, BINARY_OP_ADD_STR, BINARY_OP, _GUARD_BOTH_STR, _BINARY_OP_ADD_STR)             \
    S(P, COMPARE_OP_INT, COMPARE_OP, _GUARD_BOTH_INT, _COMPARE_OP_INT)                  \
    S(P, COMPARE_OP_INT_JUMP, COMPARE_OP, _GUARD_BOTH_INT, _COMPARE_OP_INT_JUMP)        \
    S(P, COMPARE_OP_FLOAT, COMPARE_OP, _GUARD_BOTH_NUM, _COMPARE_OP_FLOAT)              \
    S(P, COMPARE_OP_STR, COMPARE_OP, _GUARD_BOTH_STR, _COMPARE_OP_STR)                  \
    S(P, BINARY_OP_PY_DUNDER, BINARY_OP, _GUARD_DUNDER_BINOP, _BINARY_OP_PY_DUNDER)     \
    S(P, COMPARE_OP_PY_DUNDER, COMPARE_OP, _GUARD_DUNDER_COMPARE, _COMPARE_OP_PY_DUNDER) \
    S(P, BINARY_SUBSCR_GETITEM, BINARY_SUBSCR, _GUARD_DUNDER_GETITEM, _BINARY_SUBSCR_GETITEM) \
    S(P, STORE_SUBSCR_SETITEM, STORE_SUBSCR, _GUARD_DUNDER_SETITEM, _STORE_SUBSCR_SETITEM) \
    S(P, CONTAINS_OP_PY_DUNDER, CONTAINS_OP, _GUARD_DUNDER_CONTAINS, _CONTAINS_OP_PY_DUNDER) \
    S(P, CONTAINS_OP_DICT, CONTAINS_OP, _GUARD_TOS_DICT, _CONTAINS_OP_DICT)             \
    S(P, CONTAINS_OP_SET, CONTAINS_OP, _GUARD_TOS_ANY_SET, _CONTAINS_OP_SET)            \
    S(P, BINARY_SUBSCR_LIST_INT, BINARY_SUBSCR, _GUARD_TOS_INT, _GUARD_NOS_LIST, _BINARY_SUBSCR_LIST_INT) \
    S(P, BINARY_SUBSCR_TUPLE_INT, BINARY_SUBSCR, _GUARD_TOS_INT, _GUARD_NOS_TUPLE, _BINARY_SUBSCR_TUPLE_INT) \
    S(P, BINARY_SUBSCR_STR_INT, BINARY_SUBSCR, _GUARD_TOS_INT, _GUARD_NOS_STR, _BINARY_SUBSCR_STR_INT) \
    S(P, BINARY_SUBSCR_DICT, BINARY_SUBSCR, _GUARD_NOS_DICT, _BINARY_SUBSCR_DICT)       \
    S(P, STORE_SUBSCR_LIST_INT, STORE_SUBSCR, _GUARD_TOS_INT, _GUARD_NOS_LIST, _STORE_SUBSCR_LIST_INT) \
    S(P, STORE_SUBSCR_DICT, STORE_SUBSCR, _GUARD_NOS_DICT, _STORE_SUBSCR_DICT)          \
    S(P, UNPACK_SEQUENCE_TWO_TUPLE, UNPACK_SEQUENCE, _GUARD_TOS_TUPLE, _UNPACK_SEQUENCE_TWO_TUPLE) \
    S(P, UNPACK_SEQUENCE_TUPLE, UNPACK_SEQUENCE, _GUARD_TOS_TUPLE, _UNPACK_SEQUENCE_TUPLE) \
    S(P, UNPACK_SEQUENCE_LIST, UNPACK_SEQUENCE, _GUARD_TOS_LIST, _UNPACK_SEQUENCE_LIST) \
    S(P, FOR_ITER_RANGE, FOR_ITER, _ITER_CHECK_RANGE, _FOR_ITER_RANGE)                  \
    S(P, FOR_ITER_LIST, FOR_ITER, _ITER_CHECK_LIST, _FOR_ITER_LIST)                     \
    S(P, FOR_ITER_TUPLE, FOR_ITER, _ITER_CHECK_TUPLE, _FOR_ITER_TUPLE)                  \
    S(P, FOR_ITER_GEN, FOR_ITER, _ITER_CHECK_GEN, _FOR_ITER_GEN_FRAME)                  \
    S(P, SEND_GEN, SEND, _SEND_CHECK_GEN, _SEND_GEN_FRAME)                              \
    S(P, LOAD_GLOBAL_MODULE, LOAD_GLOBAL, _GUARD_GLOBALS_KEYS, _LOAD_GLOBAL_MODULE)     \
    S(P, LOAD_GLOBAL_BUILTIN, LOAD_GLOBAL, _GUARD_GLOBALS_KEYS, _LOAD_GLOBAL_BUILTIN)   \
    S(P, CALL_PY_EXACT_ARGS, CALL, _CHECK_FUNCTION_EXACT_ARGS, _PUSH_FRAME)             \
    S(P, CALL_BOUND_METHOD_EXACT_ARGS, CALL, _CHECK_CALL_BOUND_METHOD,                  \
      _INIT_CALL_BOUND_METHOD, _CHECK_FUNCTION_EXACT_ARGS, _PUSH_FRAME)                 \
    S(P, CALL_PY_GENERAL, CALL, _CHECK_FUNCTION, _PUSH_FRAME)                           \
    S(P, CALL_BUILTIN, CALL, _CALL_BUILTIN)                                             \
    S(P, CALL_LEN, CALL, _CALL_LEN)                                                     \
    S(P, CALL_ISINSTANCE, CALL, _CALL_ISINSTANCE)                                       \
    S(P, CALL_BUILTIN_CLASS, CALL, _CALL_BUILTIN_CLASS)                                 \
    S(P, CALL_ALLOC_AND_ENTER_INIT, CALL, _CHECK_CLASS_VERSION, _ALLOC_AND_ENTER_INIT)  \
    S(P, CALL_KW_PY, CALL_KW, _CHECK_FUNCTION_KW, _PUSH_FRAME_KW)                      \
    S(P, CALL_KW_PY_SELF, CALL_KW, _CHECK_FUNCTION_KW_SELF, _PUSH_FRAME_KW)            \
    S(P, CALL_KW_BOUND_METHOD, CALL_KW, _CHECK_CALL_BOUND_METHOD_KW,                   \
      _INIT_CALL_BOUND_METHOD_KW, _CHECK_FUNCTION_KW_SELF, _PUSH_FRAME_KW)             \
    S(P, CALL_KW_BUILTIN, CALL_KW, _CALL_KW_BUILTIN)                                   \
    S(P, CALL_KW_BUILTIN_CLASS, CALL_KW, _CALL_KW_BUILTIN_CLASS)                       \
    S(P, CALL_KW_ALLOC_AND_ENTER_INIT, CALL_KW, _CHECK_CLASS_VERSION_KW,               \
      _ALLOC_AND_ENTER_INIT_KW)                                                         \
    S(P, LOAD_ATTR_INSTANCE_VALUE, LOAD_ATTR, _GUARD_TYPE_VERSION, _LOAD_ATTR_INSTANCE_VALUE) \
    S(P, LOAD_ATTR_INSTANCE_VALUE_POLY, LOAD_ATTR, _GUARD_TYPE_VERSION_POLY, _LOAD_ATTR_INSTANCE_VALUE) \
    S(P, LOAD_ATTR_METHOD, LOAD_ATTR, _GUARD_TYPE_VERSION, _GUARD_ATTR_NOT_SHADOWED,      \
      _LOAD_ATTR_METHOD)                                                                \
    S(P, LOAD_ATTR_NONDESCRIPTOR, LOAD_ATTR, _GUARD_TYPE_VERSION, _GUARD_ATTR_NOT_SHADOWED, \
      _LOAD_ATTR_CACHED_VALUE)                                                          \
    S(P, LOAD_ATTR_CLASS, LOAD_ATTR, _GUARD_CLASS_VERSION, _LOAD_ATTR_CACHED_VALUE)     \
    S(P, LOAD_ATTR_METHOD_NATIVE, LOAD_ATTR, _GUARD_TYPE_VERSION, _LOAD_ATTR_METHOD)     \
    S(P, STORE_ATTR_INSTANCE_VALUE, STORE_ATTR, _GUARD_TYPE_VERSION, _STORE_ATTR_INSTANCE_VALUE)

typedef enum Uop {
#define U(name, pops, pushes, flags) UOP##name,
    UOP_LIST(U)
#undef U
    UOP_COUNT
} Uop;

/* Apply M to each of up to six arguments (the uops of an instruction). */
#define UOP_N_(_1, _2, _3, _4, _5, _6, n, ...) n
#define UOP_FE_1(M, a) M(a)
#define UOP_FE_2(M, a, ...) M(a) UOP_FE_1(M, __VA_ARGS__)
#define UOP_FE_3(M, a, ...) M(a) UOP_FE_2(M, __VA_ARGS__)
#define UOP_FE_4(M, a, ...) M(a) UOP_FE_3(M, __VA_ARGS__)
#define UOP_FE_5(M, a, ...) M(a) UOP_FE_4(M, __VA_ARGS__)
#define UOP_FE_6(M, a, ...) M(a) UOP_FE_5(M, __VA_ARGS__)
#define UOP_FE_(n) UOP_FE_##n
#define UOP_FE(n) UOP_FE_(n)
#define UOP_FOR_EACH(M, ...) UOP_FE(UOP_N_(__VA_ARGS__, 6, 5, 4, 3, 2, 1, 0))(M, __VA_ARGS__)

/* Tables derived from the lists (uops.c). */
extern const char *const uop_names[UOP_COUNT];
extern const unsigned short uop_flags[UOP_COUNT];
/* The uops of instruction `op`, terminated by -1; NULL when its handler is
 * hand-written C rather than generated from uops. */
const short *opcode_uops(int op);

#endif
