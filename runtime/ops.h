/* ops.h: the operator lists shared by the compiler, the interpreter and the
 * object model. One X-macro list each; every table is derived from them. */
#ifndef STITCH_OPS_H
#define STITCH_OPS_H

/* Binary operators: X(ENUM, "symbol", "__dunder__", "__rdunder__").
 * BINARY_OP's oparg is the BinOp; an augmented assignment uses
 * BINOP_INPLACE_BASE + the BinOp (CPython's NB_INPLACE_* numbering). */
#define BINOP_LIST(X)                                                          \
    X(ADD, "+", "__add__", "__radd__")                                         \
    X(AND, "&", "__and__", "__rand__")                                         \
    X(FLOOR_DIVIDE, "//", "__floordiv__", "__rfloordiv__")                     \
    X(LSHIFT, "<<", "__lshift__", "__rlshift__")                               \
    X(MATRIX_MULTIPLY, "@", "__matmul__", "__rmatmul__")                       \
    X(MULTIPLY, "*", "__mul__", "__rmul__")                                    \
    X(REMAINDER, "%", "__mod__", "__rmod__")                                   \
    X(OR, "|", "__or__", "__ror__")                                            \
    X(POWER, "**", "__pow__", "__rpow__")                                      \
    X(RSHIFT, ">>", "__rshift__", "__rrshift__")                               \
    X(SUBTRACT, "-", "__sub__", "__rsub__")                                    \
    X(TRUE_DIVIDE, "/", "__truediv__", "__rtruediv__")                         \
    X(XOR, "^", "__xor__", "__rxor__")

typedef enum BinOp {
#define X(e, sym, d, rd) BINOP_##e,
    BINOP_LIST(X)
#undef X
    BINOP_COUNT
} BinOp;

#define BINOP_INPLACE_BASE BINOP_COUNT

/* Rich comparisons: X(ENUM, "symbol", "__dunder__", REFLECTED_ENUM). */
#define CMPOP_LIST(X)                                                          \
    X(LT, "<", "__lt__", GT)                                                   \
    X(LE, "<=", "__le__", GE)                                                  \
    X(EQ, "==", "__eq__", EQ)                                                  \
    X(NE, "!=", "__ne__", NE)                                                  \
    X(GT, ">", "__gt__", LT)                                                   \
    X(GE, ">=", "__ge__", LE)

typedef enum CmpOp {
#define X(e, sym, d, r) CMP_##e,
    CMPOP_LIST(X)
#undef X
    CMP_COUNT
} CmpOp;

/* Unary operators: X(ENUM, "symbol", "__dunder__"). */
#define UNARYOP_LIST(X)                                                        \
    X(NEGATIVE, "-", "__neg__")                                                \
    X(POSITIVE, "+", "__pos__")                                                \
    X(INVERT, "~", "__invert__")                                               \
    X(NOT, "not", NULL)

typedef enum UnaryOp {
#define X(e, sym, d) UNARY_##e,
    UNARYOP_LIST(X)
#undef X
    UNARY_COUNT
} UnaryOp;

extern const char *const binop_symbols[BINOP_COUNT];
extern const char *const cmpop_symbols[CMP_COUNT];

#endif
