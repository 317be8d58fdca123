/* compiler.h: AST -> code objects, and the disassembler.
 *
 * The compiler runs in three stages, one file each:
 *   symtable.c  scope analysis: which names are fast locals, globals, class
 *               namespace names; rejects closures, which need cells;
 *   compiler.c  code generation into a symbolic instruction list (labels
 *               instead of offsets, exception handlers as regions);
 *   assemble.c  flow analysis (stack depth, reachability), jump sizing with
 *               EXTENDED_ARG, and the final Code object.
 * dis.c prints code objects the way `python3 -m dis` does.
 *
 * The public part is compile_module and dis_code; the rest of this header is
 * the interface between the compiler's own files. */
#ifndef STITCH_COMPILER_H
#define STITCH_COMPILER_H

#include <stdbool.h>
#include <stdio.h>

#include "ast.h"
#include "lexer.h"
#include "opcodes.h"
#include "vm.h"

/* Compile a parsed module to a code object. Returns NULL with *err filled
 * (kind "SyntaxError", line, col, msg) on a compile-time error, or NULL with
 * err->msg empty and vm->exc set when the VM ran out of memory. Runs with
 * the GC paused; the caller must root the result before allocating. */
Code *compile_module(VM *vm, Module *m, const char *filename, SyntaxDiag *err);

/* Print code and, recursively, the code objects among its constants, like
 * `python3 -m dis` (3.11 layout; cache units hidden). */
void dis_code(VM *vm, Code *code, FILE *out);
/* dis_code with STITCH_DIS_* flags (stitch.h): show specialized opcodes
 * (otherwise each prints as its generic form) and each instruction's uops. */
void dis_code_opts(VM *vm, Code *code, FILE *out, int flags);

/* ---- internal: symtable.c ------------------------------------------------ */

typedef enum ScopeKind { SCOPE_MODULE, SCOPE_FUNCTION, SCOPE_CLASS } ScopeKind;

#define SYM_PARAM    0x01  /* a parameter */
#define SYM_ASSIGNED 0x02  /* bound by assignment, for, def, class, del, except-as */
#define SYM_GLOBAL   0x04  /* declared `global` */
#define SYM_USED     0x08  /* read */
#define SYM_NONLOCAL 0x10  /* declared `nonlocal` (then also SYM_FREE) */
#define SYM_CELL     0x20  /* bound here and used by a nested scope: lives in a cell */
#define SYM_FREE     0x40  /* a cell of an enclosing scope, passed in the closure */

typedef struct Symbol {
    const char *name;
    int flags;
    int line, col;             /* SYM_NONLOCAL: where it was declared */
} Symbol;

/* One function, lambda, class body or the module. Comprehensions are not
 * scopes: they are inlined into the enclosing one (PEP 709). */
typedef struct Scope {
    ScopeKind kind;
    const void *node;          /* Stmt* (def, class), Expr* (lambda), NULL */
    const char *name;
    const char *qualname;      /* malloc'd, CPython's __qualname__ */
    struct Scope *parent;
    Symbol *syms;              /* in order of first appearance */
    int nsyms, symcap;
    int *index;                /* open-addressing hash of syms, -1 empty */
    int indexcap;
    struct Scope **children;
    int nchildren, childcap;
    /* Names bound by comprehensions around this scope's definition site:
     * reading one of them from here would need a closure. */
    const char **outer_comp;
    int nouter_comp;
    bool is_lambda;
    const void **outer_comp_node;  /* the comprehension binding each outer_comp name */
    /* Comprehension variables of this scope that nested functions capture:
     * (comprehension Expr*, name) pairs; they get cells. */
    const void **comp_cell_node;
    const char **comp_cell_name;
    int ncomp_cells;
    bool is_generator;   /* a function whose body yields (CO_GENERATOR) */
    bool is_genexp;      /* a generator expression's scope (is_lambda is set too) */
} Scope;

/* Analyse a module. NULL with *err filled on a SyntaxError (global
 * declaration misuse, nonlocal). */
Scope *symtable_build(Module *m, SyntaxDiag *err);
void symtable_free(Scope *s);
/* The symbol for `name` in s, or NULL. */
Symbol *symtable_lookup(Scope *s, const char *name);
/* Is `name`, bound by comprehension `comp` in scope s, captured by a
 * nested function (so it needs a cell)? */
bool symtable_comp_cell(Scope *s, const void *comp, const char *name);
/* The child scope made by def/class statement or lambda expression `node`. */
Scope *symtable_child(Scope *s, const void *node);
/* Fill a diagnostic (shared by the compiler's files). */
void compiler_diag(SyntaxDiag *err, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* ---- internal: assemble.c ------------------------------------------------ */

/* Pseudo-instructions, resolved by the assembler. P_SETUP (arg: handler
 * index) marks where a handler is pushed so the flow analysis learns its
 * stack depth; it emits nothing. P_JUMP becomes JUMP_FORWARD or
 * JUMP_BACKWARD depending on where its label lands. */
enum { P_SETUP = OP_COUNT, P_JUMP };

typedef struct Instr {
    int op;        /* Opcode or P_* */
    int arg;       /* oparg; label id for jumps; handler index for P_SETUP */
    int handler;   /* exception handler covering it, -1 for none */
    int line, col;
} Instr;

/* An exception handler: where to go and how deep the stack is there. */
typedef struct AsmHandler {
    int label;
    int depth;     /* operand stack depth at its P_SETUP, found by the flow analysis */
    bool lasti;
} AsmHandler;

/* The instruction list and tables of one code object under construction.
 * Plain malloc'd arrays; constants and names are GC objects kept alive by
 * the paused GC until they land in the Code. */
typedef struct Asm {
    Instr *instrs;
    int ninstrs, instrcap;
    int *labels;                /* label -> instruction index, -1 unbound */
    int nlabels, labelcap;
    AsmHandler *handlers;
    int nhandlers, handlercap;
    Value *consts;
    int nconsts, constcap;
    Str **names;
    int nnames, namecap;
    Str **varnames;
    int nvarnames, varnamecap;
    int *const_index;           /* open-addressing hashes into consts, */
    int const_index_cap;        /* names and varnames (-1 empty) */
    int *name_index;
    int name_index_cap;
    int *var_index;
    int var_index_cap;
    int cur_handler;            /* tagged onto each emitted instruction */
    int line, col;              /* position tagged onto each emitted instruction */
} Asm;

/* What the assembler needs besides the instructions. */
typedef struct AsmInfo {
    Str *name, *qualname, *filename;
    int nargs;
    int flags;
    int firstline;
    int kwonlyargcount;
    int nfree;
} AsmInfo;

void asm_init(Asm *a);
void asm_free(Asm *a);
/* Append an instruction at the current position and handler; returns its index. */
int asm_emit(Asm *a, int op, int arg);
int asm_new_label(Asm *a);
/* The label refers to the next instruction emitted. */
void asm_bind(Asm *a, int label);
int asm_new_handler(Asm *a, int label, bool lasti);
/* Index of constant v, added if no equal constant of the same type exists
 * (1, 1.0 and True are different constants; -0.0 differs from 0.0). */
int asm_add_const(Asm *a, Value v);
/* Are x and y the same constant in that sense? (Frozensets: the same
 * items.) */
bool asm_const_same(Value x, Value y);
/* Index of interned name s in names, added if absent. */
int asm_add_name(Asm *a, Str *s);
/* Index of the fast local named s (interned), or -1. */
int asm_find_varname(Asm *a, Str *s);
/* Append a fast local slot (even if the name exists: hidden comprehension
 * slots may repeat a name). */
int asm_new_varname(Asm *a, Str *s);
/* Build the Code object. NULL with vm->exc set on MemoryError. */
Code *asm_assemble(VM *vm, Asm *a, const AsmInfo *info);

#endif
