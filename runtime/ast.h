/* ast.h: the abstract syntax tree the parser builds and the compiler reads.
 *
 * All nodes, lists and strings live in one Arena, freed at once after
 * compilation; the AST never points into the GC heap. Every node carries
 * the 1-based line and column of its first token. */
#ifndef STITCH_AST_H
#define STITCH_AST_H

#include <stddef.h>
#include <stdint.h>

#include "ops.h"

/* ---- arena ---------------------------------------------------------------- */

typedef struct ArenaBlock ArenaBlock;
typedef struct Arena {
    ArenaBlock *head;
} Arena;

void arena_init(Arena *a);
void arena_free(Arena *a);
/* Zeroed memory; aborts with a message if the system is out of memory. */
void *arena_alloc(Arena *a, size_t n);
char *arena_strndup(Arena *a, const char *s, size_t n);

typedef struct Expr Expr;
typedef struct Stmt Stmt;

/* A growable array of node pointers (allocated in the arena). */
typedef struct NodeList {
    void **items;
    int len, cap;
} NodeList;
void nodelist_push(Arena *a, NodeList *l, void *item);

/* ---- expressions ---------------------------------------------------------- */

#define EXPR_KIND_LIST(X)                                                      \
    X(NAME)        /* name */                                                  \
    X(INT)         /* int_text: literal digits as written (prefix, '_')  */    \
    X(FLOAT)       /* float_value */                                           \
    X(STR)         /* str.data / str.len: decoded UTF-8 bytes */               \
    X(NONE)                                                                    \
    X(TRUE)                                                                    \
    X(FALSE)                                                                   \
    X(ELLIPSIS)                                                                \
    X(BINOP)       /* binop.op, binop.left, binop.right */                     \
    X(UNARYOP)     /* unary.op, unary.operand */                               \
    X(BOOLOP)      /* boolop.is_and, boolop.values (>= 2) */                   \
    X(COMPARE)     /* compare.left, compare.ops[], compare.comparators */      \
    X(CALL)        /* call.func, call.args, call.kwnames(char*; NULL: **value), call.kwvalues */ \
    X(ATTRIBUTE)   /* attr.value, attr.name */                                 \
    X(SUBSCRIPT)   /* subscript.value, subscript.index */                      \
    X(SLICE)       /* slice.lower/upper/step, each may be NULL */              \
    X(TUPLE)       /* seq.elts */                                              \
    X(LIST)        /* seq.elts */                                              \
    X(DICT)        /* dict.keys, dict.values */                                \
    X(IFEXP)       /* ifexp.test, ifexp.body, ifexp.orelse */                  \
    X(LAMBDA)      /* lambda.params, lambda.body (an Expr) */                  \
    X(LISTCOMP)    /* comp.elt, comp.generators (Comprehension*) */            \
    X(DICTCOMP)    /* comp.key, comp.elt (value), comp.generators */           \
    X(STARRED)     /* starred.value (call args / assignment targets) */        \
    X(FSTRING)     /* fstring.parts: STR exprs and FORMATTED exprs */          \
    X(FORMATTED)   /* formatted.value, formatted.conversion ('r','s',0), formatted.spec (Expr or NULL) */ \
    X(SET)         /* seq.elts */                                              \
    X(SETCOMP)     /* comp.elt, comp.generators */                             \
    X(NAMED)       /* named.target (a NAME), named.value: target := value */ \
    X(YIELD)       /* yield_.value (NULL: yield None) */                       \
    X(YIELD_FROM)  /* yield_.value */                                          \
    /* GENEXP: lambda.params (the one parameter ".0"), lambda.genbody (the     */ \
    /* loops as statements ending in `yield elt`), lambda.outer (the outermost */ \
    /* iterable, evaluated in the enclosing scope and passed as ".0").         */ \
    X(GENEXP)

typedef enum ExprKind {
#define X(k) EXPR_##k,
    EXPR_KIND_LIST(X)
#undef X
    EXPR_KIND_COUNT
} ExprKind;

/* Expression context, set by the parser on assignment/del targets. */
typedef enum ExprCtx { CTX_LOAD, CTX_STORE, CTX_DEL } ExprCtx;

/* One `for x in it if c1 if c2` clause of a comprehension. */
typedef struct Comprehension {
    Expr *target;
    Expr *iter;
    NodeList ifs;          /* Expr* */
} Comprehension;

/* Function parameters: names[0..n), defaults cover the last ndefaults. */
typedef struct Params {
    NodeList names;        /* char* */
    NodeList defaults;     /* Expr* */
    const char *vararg;    /* *args name or NULL (not yet compiled) */
    const char *kwarg;     /* **kwargs name or NULL (not yet compiled) */
    NodeList kwonly;       /* char*: keyword-only parameters (after * or *args) */
    NodeList kwdefaults;   /* Expr* or NULL, one per kwonly */
} Params;

struct Expr {
    ExprKind kind;
    ExprCtx ctx;
    int line, col;
    union {
        const char *name;
        const char *int_text;
        double float_value;
        struct { const char *data; size_t len; } str;
        struct { BinOp op; Expr *left, *right; } binop;
        struct { UnaryOp op; Expr *operand; } unary;
        struct { int is_and; NodeList values; } boolop;
        struct { Expr *left; CmpOp *ops; NodeList comparators; } compare;
        /* compare.ops are CmpOp values, plus these for is/in: */
        struct { Expr *func; NodeList args; NodeList kwnames; NodeList kwvalues; } call;
        struct { Expr *value; const char *name; } attr;
        struct { Expr *value; Expr *index; } subscript;
        struct { Expr *lower, *upper, *step; } slice;
        struct { NodeList elts; } seq;
        struct { NodeList keys; NodeList values; } dict;
        struct { Expr *test, *body, *orelse; } ifexp;
        struct { Params params; Expr *body; NodeList genbody; Expr *outer; } lambda;
        struct { Expr *value; } yield_;
        struct { Expr *key; Expr *elt; NodeList generators; } comp;
        struct { Expr *value; } starred;
        struct { NodeList parts; } fstring;
        struct { Expr *value; int conversion; Expr *spec; } formatted;
        struct { Expr *target; Expr *value; } named;
    } u;
};

/* Comparison operators beyond CmpOp, stored in compare.ops. */
#define CMP_IS      (CMP_COUNT + 0)
#define CMP_IS_NOT  (CMP_COUNT + 1)
#define CMP_IN      (CMP_COUNT + 2)
#define CMP_NOT_IN  (CMP_COUNT + 3)

/* ---- statements ----------------------------------------------------------- */

#define STMT_KIND_LIST(X)                                                      \
    X(EXPR)        /* expr.value */                                            \
    X(ASSIGN)      /* assign.targets (a = b = v: two targets), assign.value */ \
    X(AUGASSIGN)   /* augassign.target, augassign.op (BinOp), augassign.value */ \
    X(IF)          /* if_.test, if_.body, if_.orelse (elif = nested IF) */     \
    X(WHILE)       /* loop.test, loop.body, loop.orelse */                     \
    X(FOR)         /* loop.target, loop.iter, loop.body, loop.orelse */        \
    X(BREAK)                                                                   \
    X(CONTINUE)                                                                \
    X(PASS)                                                                    \
    X(RETURN)      /* ret.value or NULL */                                     \
    X(FUNCDEF)     /* def.name, def.params, def.body */                        \
    X(CLASSDEF)    /* cls.name, cls.bases (Expr*), cls.body */                 \
    X(TRY)         /* try_.body, try_.handlers (Handler*), try_.orelse, try_.finalbody */ \
    X(RAISE)       /* raise.exc (NULL: re-raise), raise.cause */               \
    X(GLOBAL)      /* names.names (char*) */                                   \
    X(NONLOCAL)    /* names.names (char*) */                                   \
    X(DEL)         /* del.targets */                                           \
    X(ASSERT)      /* assert_.test, assert_.msg */                             \
    X(IMPORT)      /* import_.module (NULL: `import a, b as c`), import_.names, import_.asnames */ \
    X(WITH)        /* with_.items (Expr*), with_.vars (each item's target or NULL), with_.body */

typedef enum StmtKind {
#define X(k) STMT_##k,
    STMT_KIND_LIST(X)
#undef X
    STMT_KIND_COUNT
} StmtKind;

/* One `except [type [as name]]:` clause. */
typedef struct Handler {
    Expr *type;            /* NULL for a bare except */
    const char *name;      /* NULL without `as` */
    NodeList body;         /* Stmt* */
    int line, col;
} Handler;

struct Stmt {
    StmtKind kind;
    int line, col;
    union {
        struct { Expr *value; } expr;
        struct { NodeList targets; Expr *value; } assign;
        struct { Expr *target; BinOp op; Expr *value; } augassign;
        struct { Expr *test; NodeList body, orelse; } if_;
        struct { Expr *target, *iter, *test; NodeList body, orelse; } loop;
        struct { Expr *value; } ret;
        struct { const char *name; Params params; NodeList body; NodeList decorators; } def;
        struct { const char *name; NodeList bases; NodeList body; NodeList decorators; } cls;
        struct { NodeList body, handlers, orelse, finalbody; } try_;
        struct { Expr *exc, *cause; } raise;
        struct { NodeList names; } names;
        struct { NodeList targets; } del;
        struct { Expr *test, *msg; } assert_;
        /* names: the modules imported (`import`) or the names taken from
         * module (`from module import`, "*" for a star import); asnames:
         * the `as` name of each, or NULL. */
        struct { const char *module; NodeList names, asnames; } import_;
        struct { NodeList items, vars, body; } with_;
    } u;
};

/* A parsed module: its statements. */
typedef struct Module {
    NodeList body;         /* Stmt* */
} Module;

extern const char *const expr_kind_names[EXPR_KIND_COUNT];
extern const char *const stmt_kind_names[STMT_KIND_COUNT];

#endif
