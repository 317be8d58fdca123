/* compiler.c: code generation, AST -> symbolic instructions -> Code.
 *
 * One Unit per code object being compiled (module, def, lambda, class body),
 * nested like the source. Statements and expressions are emitted into the
 * unit's Asm with label ids for jumps; assemble.c turns that into wordcode.
 *
 * Control flow that leaves a block early (break, continue, return) unwinds
 * the statically known blocks it crosses, innermost first, the way CPython's
 * compiler does: a for loop pops its iterator, a try-finally runs a copy of
 * its finally body inline, an except body restores the previously handled
 * exception. Exception handlers follow CPython 3.11's table scheme: every
 * instruction carries the handler covering it, and handler entry is
 * described by the exception table (no SETUP_* opcodes at run time).
 *
 * The whole compilation runs with the GC paused, so constants and names
 * held in C arrays need no rooting. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "compiler.h"
#include "interp.h"   /* api_source_line, for warnings */
#include "opcodes.h"

typedef enum FBlockKind {
    FB_WHILE,
    FB_FOR,          /* the iterator is on the stack */
    FB_TRY_EXCEPT,   /* body of try/except */
    FB_FINALLY_TRY,  /* body of try/finally: leaving runs the finally body */
    FB_FINALLY_END,  /* finally body on the exception path: [prev exc] on the stack */
    FB_HANDLER,      /* except body: [prev] on the stack */
    FB_POP_VALUE,    /* a return value kept while an inline finally body runs */
    FB_WITH          /* body of a with: the bound __exit__ is on the stack */
} FBlockKind;

typedef struct FBlock {
    FBlockKind kind;
    int continue_label, break_label;
    int outer_handler;     /* the handler in force outside the block */
    Stmt *stmt;            /* FB_FINALLY_TRY: the try statement */
    const char *name;      /* FB_HANDLER: the `as` name or NULL */
} FBlock;

/* A comprehension variable and its hidden fast-local slot. */
typedef struct CompSlot {
    const char *name;
    int slot;
    bool cell;             /* captured by a nested function: the slot holds a cell */
} CompSlot;

typedef struct Unit {
    Asm a;
    Scope *scope;
    struct Unit *parent;
    FBlock *fb;
    int nfb, fbcap;
    CompSlot *comp;
    int ncomp, compcap;
    int in_comp;           /* inside a comprehension, past its first iterable */
} Unit;

typedef struct Compiler {
    VM *vm;
    Unit *u;
    SyntaxDiag *err;
    bool failed;
    Str *filename;
    const char *cfilename;
    Value *frozen;   /* the module's frozenset constants so far (frozen_const) */
    int nfrozen;
} Compiler;

static void compile_expr(Compiler *c, Expr *e);
static void compile_stmts(Compiler *c, NodeList *l);
static void compile_store(Compiler *c, Expr *t);

/* ---- errors and small helpers --------------------------------------------- */

static void error_at(Compiler *c, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void error_at(Compiler *c, int line, int col, const char *fmt, ...) {
    if (c->failed) return;
    c->failed = true;
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    compiler_diag(c->err, line, col, "%s", buf);
}

/* The VM raised (MemoryError): give up, leaving the message empty. */
static void vm_failed(Compiler *c) {
    if (c->failed) return;
    c->failed = true;
    if (c->err) c->err->msg[0] = '\0';
}

static void *xrealloc(void *p, size_t n) {
    p = realloc(p, n);
    if (!p) {
        fprintf(stderr, "stitch: out of memory in the compiler\n");
        abort();
    }
    return p;
}

static Asm *A(Compiler *c) { return &c->u->a; }

static void set_loc(Compiler *c, int line, int col) {
    A(c)->line = line;
    A(c)->col = col;
}

static int emit(Compiler *c, int op, int arg) { return asm_emit(A(c), op, arg); }

static int new_label(Compiler *c) { return asm_new_label(A(c)); }
static void bind(Compiler *c, int label) { asm_bind(A(c), label); }

static Str *intern(Compiler *c, const char *s) {
    Str *r = str_intern_cstr(c->vm, s);
    if (!r) vm_failed(c);
    return r;
}

static void emit_const(Compiler *c, Value v) {
    if (v == VAL_ERROR) {
        vm_failed(c);
        return;
    }
    emit(c, OP_LOAD_CONST, asm_add_const(A(c), v));
}

static bool is_identifier(const char *s, size_t n) {
    if (n == 0 || (s[0] >= '0' && s[0] <= '9')) return false;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (!(ch == '_' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')))
            return false;
    }
    return true;
}

/* ---- constants -------------------------------------------------------------- */

/* Can e be folded into one constant (literals, -literal, tuples of them)? */
static bool is_const_expr(Expr *e) {
    switch (e->kind) {
    case EXPR_INT: case EXPR_FLOAT: case EXPR_STR: case EXPR_NONE:
    case EXPR_TRUE: case EXPR_FALSE:
        return true;
    case EXPR_UNARYOP:
        return e->u.unary.op == UNARY_NEGATIVE &&
               (e->u.unary.operand->kind == EXPR_INT || e->u.unary.operand->kind == EXPR_FLOAT);
    case EXPR_TUPLE:
        if (e->ctx != CTX_LOAD) return false;
        for (int i = 0; i < e->u.seq.elts.len; i++)
            if (!is_const_expr(e->u.seq.elts.items[i])) return false;
        return true;
    default:
        return false;
    }
}

/* The constant for an is_const_expr expression; VAL_ERROR if the VM raised. */
static Value make_const(Compiler *c, Expr *e) {
    VM *vm = c->vm;
    switch (e->kind) {
    case EXPR_INT: return int_from_str(vm, e->u.int_text, (int64_t)strlen(e->u.int_text), 0);
    case EXPR_FLOAT: return val_float(e->u.float_value);
    case EXPR_STR: {
        const char *s = e->u.str.data;
        size_t n = e->u.str.len;
        Str *r = is_identifier(s, n) ? str_intern(vm, s, (int64_t)n) : str_new(vm, s, (int64_t)n);
        return r ? val_obj(r) : VAL_ERROR;
    }
    case EXPR_NONE: return VAL_NONE;
    case EXPR_TRUE: return VAL_TRUE;
    case EXPR_FALSE: return VAL_FALSE;
    case EXPR_UNARYOP: {
        Value v = make_const(c, e->u.unary.operand);
        if (v == VAL_ERROR) return v;
        return val_is_float(v) ? val_float(-val_as_float(v)) : int_neg(vm, v);
    }
    case EXPR_TUPLE: {
        int n = e->u.seq.elts.len;
        if (n == 0) return val_obj(vm->empty_tuple);
        Tuple *t = tuple_new(vm, n);
        if (!t) return VAL_ERROR;
        for (int i = 0; i < n; i++) {
            Value v = make_const(c, e->u.seq.elts.items[i]);
            if (v == VAL_ERROR) return v;
            t->items[i] = v;
        }
        return val_obj(t);
    }
    default: return VAL_ERROR;
    }
}

/* Is every item a constant? */
static bool all_const(NodeList *l) {
    for (int i = 0; i < l->len; i++)
        if (!is_const_expr(l->items[i])) return false;
    return true;
}

/* CPython 3.11 folds a display of constants into a frozenset constant where
 * the set is iterated (`for`, comprehensions), tested (`in`) or, with three
 * or more items, built (then copied by SET_UPDATE). Programs see its order,
 * so it is made the same way: the items added in source order, then rebuilt
 * once in that set's order when the compiler merges the constant; a later
 * equal constant in the module (the same items of the same types) reuses
 * the first one. */
static Value frozen_const(Compiler *c, NodeList *l) {
    VM *vm = c->vm;
    Tuple *t = tuple_new(vm, l->len);
    if (!t) return VAL_ERROR;
    for (int i = 0; i < l->len; i++)
        if ((t->items[i] = make_const(c, l->items[i])) == VAL_ERROR) return VAL_ERROR;
    Value first = set_from(vm, T_FROZENSET, val_obj(t));
    if (first == VAL_ERROR) return first;
    for (int i = 0; i < c->nfrozen; i++)
        if (asm_const_same(c->frozen[i], first)) return c->frozen[i];
    Set *s = AS_SET(first);
    Tuple *order = tuple_new(vm, s->used);
    if (!order) return VAL_ERROR;
    int64_t pos = 0, n = 0;
    Value k;
    while (set_next(s, &pos, &k)) order->items[n++] = k;
    Value r = set_from(vm, T_FROZENSET, val_obj(order));
    if (r == VAL_ERROR) return r;
    c->frozen = xrealloc(c->frozen, sizeof(Value) * (size_t)(c->nfrozen + 1));
    c->frozen[c->nfrozen++] = r;
    return r;
}

/* An expression whose value is only iterated or tested with `in`: a set
 * display of constants becomes a frozenset constant. */
static void compile_iterable(Compiler *c, Expr *e) {
    if (e->kind == EXPR_SET && all_const(&e->u.seq.elts)) emit_const(c, frozen_const(c, &e->u.seq.elts));
    else compile_expr(c, e);
}

/* ---- units ------------------------------------------------------------------ */

static void push_unit(Compiler *c, Unit *u, Scope *s) {
    memset(u, 0, sizeof *u);
    asm_init(&u->a);
    u->scope = s;
    u->parent = c->u;
    c->u = u;
}

static void pop_unit(Compiler *c) {
    Unit *u = c->u;
    c->u = u->parent;
    asm_free(&u->a);
    free(u->fb);
    free(u->comp);
}

static FBlock *push_fblock(Compiler *c, FBlockKind kind) {
    Unit *u = c->u;
    if (u->nfb == u->fbcap) {
        u->fbcap = u->fbcap ? u->fbcap * 2 : 8;
        u->fb = xrealloc(u->fb, sizeof(FBlock) * (size_t)u->fbcap);
    }
    FBlock *fb = &u->fb[u->nfb++];
    memset(fb, 0, sizeof *fb);
    fb->kind = kind;
    fb->outer_handler = A(c)->cur_handler;
    return fb;
}

static void pop_fblock(Compiler *c) { c->u->nfb--; }

/* Finish the current unit: implicit `return None`, then assemble. */
/* The docstring of a body: its first statement when that is a string
 * literal (CPython: not an f-string), else NULL. */
static Expr *docstring(NodeList *body) {
    Stmt *s = body->len ? body->items[0] : NULL;
    if (!s || s->kind != STMT_EXPR || s->u.expr.value->kind != EXPR_STR) return NULL;
    return s->u.expr.value;
}

static Code *finish_unit(Compiler *c, const char *name, const char *qualname, int nargs, int flags,
                         int firstline, int kwonly, int nfree) {
    emit_const(c, VAL_NONE);
    emit(c, OP_RETURN_VALUE, 0);
    if (c->failed) return NULL;
    AsmInfo info = {.nargs = nargs, .flags = flags, .firstline = firstline, .filename = c->filename,
                    .kwonlyargcount = kwonly, .nfree = nfree};
    info.name = intern(c, name);
    info.qualname = info.name && strcmp(name, qualname) != 0 ? str_from_cstr(c->vm, qualname) : info.name;
    if (!info.name || !info.qualname) {
        vm_failed(c);
        return NULL;
    }
    Code *co = asm_assemble(c->vm, A(c), &info);
    if (!co) vm_failed(c);
    return co;
}

/* ---- names ------------------------------------------------------------------ */

typedef enum { R_FAST, R_GLOBAL, R_NAME, R_DEREF } Resolution;

/* The fast slot of `name` (interned), made if absent. */
static int var_slot(Compiler *c, const char *name) {
    Str *n = intern(c, name);
    if (!n) return 0;
    int slot = asm_find_varname(A(c), n);
    return slot >= 0 ? slot : asm_new_varname(A(c), n);
}

/* How `name` is accessed here (symtable.c decided cells and free
 * variables); *slot gets the fast slot for R_FAST and R_DEREF. */
static int resolve(Compiler *c, const char *name, ExprCtx ctx, int line, int col, int *slot) {
    (void)line, (void)col;
    Unit *u = c->u;
    for (int i = u->ncomp - 1; i >= 0; i--) {
        if (strcmp(u->comp[i].name, name) == 0) {
            *slot = u->comp[i].slot;
            return u->comp[i].cell ? R_DEREF : R_FAST;
        }
    }
    Scope *s = u->scope;
    if (s->kind == SCOPE_MODULE) return R_GLOBAL;
    Symbol *sym = symtable_lookup(s, name);
    int flags = sym ? sym->flags : 0;
    if (flags & SYM_GLOBAL) return R_GLOBAL;
    if (s->kind == SCOPE_CLASS) {
        bool deref = (flags & SYM_NONLOCAL) || (ctx == CTX_LOAD && (flags & SYM_FREE) && !(flags & SYM_ASSIGNED));
        if (deref) {
            *slot = var_slot(c, name);
            return R_DEREF;
        }
        if (ctx != CTX_LOAD) return R_NAME;
        /* Comprehensions in a class body do not see the class namespace. */
        return u->in_comp ? R_GLOBAL : R_NAME;
    }
    if (flags & (SYM_CELL | SYM_FREE)) {
        *slot = var_slot(c, name);
        return R_DEREF;
    }
    if (flags & (SYM_PARAM | SYM_ASSIGNED)) {
        *slot = var_slot(c, name);
        return R_FAST;
    }
    return R_GLOBAL;
}

static const char *mangle(Compiler *c, const char *name, char *buf, size_t size);

static void name_op(Compiler *c, const char *name, ExprCtx ctx, int line, int col) {
    int slot = 0;
    int r = resolve(c, name, ctx, line, col, &slot);
    if (r < 0) return;
    if (r == R_FAST) {
        emit(c, ctx == CTX_LOAD ? OP_LOAD_FAST : ctx == CTX_STORE ? OP_STORE_FAST : OP_DELETE_FAST, slot);
        return;
    }
    if (r == R_DEREF) {
        emit(c, ctx == CTX_LOAD ? OP_LOAD_DEREF : ctx == CTX_STORE ? OP_STORE_DEREF : OP_DELETE_DEREF, slot);
        return;
    }
    char buf[256];
    if (c->u->scope->kind == SCOPE_CLASS) name = mangle(c, name, buf, sizeof buf);
    Str *n = intern(c, name);
    if (!n) return;
    int idx = asm_add_name(A(c), n);
    if (r == R_GLOBAL)
        emit(c, ctx == CTX_LOAD ? OP_LOAD_GLOBAL : ctx == CTX_STORE ? OP_STORE_GLOBAL : OP_DELETE_GLOBAL,
             ctx == CTX_LOAD ? idx << 1 : idx);
    else
        emit(c, ctx == CTX_LOAD ? OP_LOAD_NAME : ctx == CTX_STORE ? OP_STORE_NAME : OP_DELETE_NAME, idx);
}

static int name_index(Compiler *c, const char *name) {
    Str *n = intern(c, name);
    return n ? asm_add_name(A(c), n) : 0;
}

/* CPython's private-name mangling: inside a class, `__x` (not `__x__`) is
 * `_Class__x`, so subclasses do not collide with it. Applied to attribute
 * names and to the names a class body binds; fast locals of methods keep
 * their written name (only observable through the mangled spelling). */
static const char *mangle(Compiler *c, const char *name, char *buf, size_t size) {
    size_t n = strlen(name);
    if (n < 3 || name[0] != '_' || name[1] != '_' || (name[n - 1] == '_' && name[n - 2] == '_') ||
        strchr(name, '.'))
        return name;
    for (Unit *u = c->u; u; u = u->parent) {
        if (u->scope->kind != SCOPE_CLASS) continue;
        const char *cls = u->scope->name;
        while (*cls == '_') cls++;
        if (!*cls) return name;
        snprintf(buf, size, "_%s%s", cls, name);
        return buf;
    }
    return name;
}

static int attr_index(Compiler *c, const char *name) {
    char buf[256];
    return name_index(c, mangle(c, name, buf, sizeof buf));
}

/* ---- expressions ------------------------------------------------------------- */

/* Jump to `label` when e's truth equals `cond`, else fall through. */
static void compile_jump_if(Compiler *c, Expr *e, int label, bool cond) {
    switch (e->kind) {
    case EXPR_UNARYOP:
        if (e->u.unary.op == UNARY_NOT) {
            compile_jump_if(c, e->u.unary.operand, label, !cond);
            return;
        }
        break;
    case EXPR_BOOLOP: {
        /* `a and b` jumps on false as soon as one is false; on true only
         * when the last is true (and dually for `or`). */
        NodeList *v = &e->u.boolop.values;
        bool short_value = e->u.boolop.is_and ? false : true;
        if (cond == short_value) {
            for (int i = 0; i < v->len; i++) compile_jump_if(c, v->items[i], label, cond);
        } else {
            int skip = new_label(c);
            for (int i = 0; i < v->len - 1; i++) compile_jump_if(c, v->items[i], skip, short_value);
            compile_jump_if(c, v->items[v->len - 1], label, cond);
            bind(c, skip);
        }
        return;
    }
    case EXPR_TRUE: case EXPR_FALSE: case EXPR_NONE: {
        bool truth = e->kind == EXPR_TRUE;
        if (truth == cond) {
            set_loc(c, e->line, e->col);
            emit(c, P_JUMP, label);
        }
        return;
    }
    default:
        break;
    }
    compile_expr(c, e);
    set_loc(c, e->line, e->col);
    emit(c, cond ? OP_POP_JUMP_IF_TRUE : OP_POP_JUMP_IF_FALSE, label);
}

static void emit_compare(Compiler *c, int op) {
    switch (op) {
    case CMP_IS: emit(c, OP_IS_OP, 0); break;
    case CMP_IS_NOT: emit(c, OP_IS_OP, 1); break;
    case CMP_IN: emit(c, OP_CONTAINS_OP, 0); break;
    case CMP_NOT_IN: emit(c, OP_CONTAINS_OP, 1); break;
    default: emit(c, OP_COMPARE_OP, op); break;
    }
}

/* CPython's SyntaxWarning for `x is 1`, printed the way the warnings
 * module does: "FILE:LINE: SyntaxWarning: MSG" and the stripped line. */
static void warn_is_literal(Compiler *c, Expr *x, int op, int line) {
    if (op != CMP_IS && op != CMP_IS_NOT) return;
    if (!is_const_expr(x) || x->kind == EXPR_NONE || x->kind == EXPR_TRUE || x->kind == EXPR_FALSE) return;
    char buf[512];
    int n = snprintf(buf, sizeof buf, "%s:%d: SyntaxWarning: \"%s\" with a literal. Did you mean \"%s\"?\n",
                     c->cfilename, line, op == CMP_IS ? "is" : "is not", op == CMP_IS ? "==" : "!=");
    vm_write_err(c->vm, buf, (size_t)n);
    size_t len;
    const char *src = api_source_line(c->vm, c->cfilename, line, &len);
    if (!src) return;
    while (len > 0 && (*src == ' ' || *src == '\t')) src++, len--;
    while (len > 0 && (src[len - 1] == ' ' || src[len - 1] == '\t')) len--;
    vm_write_err(c->vm, "  ", 2);
    vm_write_err(c->vm, src, len);
    vm_write_err(c->vm, "\n", 1);
}

/* a < b < c: b is evaluated once, kept under the result of a < b. */
static void compile_compare(Compiler *c, Expr *e) {
    int n = e->u.compare.comparators.len;
    for (int i = 0; i < n; i++) {
        int op = e->u.compare.ops[i];
        Expr *left = i == 0 ? e->u.compare.left : e->u.compare.comparators.items[i - 1];
        Expr *right = e->u.compare.comparators.items[i];
        if (is_const_expr(left)) warn_is_literal(c, left, op, e->line);
        else warn_is_literal(c, right, op, e->line);
    }
    compile_expr(c, e->u.compare.left);
    int last = e->u.compare.ops[n - 1];
    if (n == 1) {
        if (last == CMP_IN || last == CMP_NOT_IN) compile_iterable(c, e->u.compare.comparators.items[0]);
        else compile_expr(c, e->u.compare.comparators.items[0]);
        set_loc(c, e->line, e->col);
        emit_compare(c, e->u.compare.ops[0]);
        return;
    }
    int cleanup = new_label(c), end = new_label(c);
    for (int i = 0; i < n - 1; i++) {
        compile_expr(c, e->u.compare.comparators.items[i]);
        set_loc(c, e->line, e->col);
        emit(c, OP_SWAP, 2);
        emit(c, OP_COPY, 2);
        emit_compare(c, e->u.compare.ops[i]);
        emit(c, OP_COPY, 1);
        emit(c, OP_POP_JUMP_IF_FALSE, cleanup);
        emit(c, OP_POP_TOP, 0);
    }
    if (last == CMP_IN || last == CMP_NOT_IN) compile_iterable(c, e->u.compare.comparators.items[n - 1]);
    else compile_expr(c, e->u.compare.comparators.items[n - 1]);
    set_loc(c, e->line, e->col);
    emit_compare(c, last);
    emit(c, P_JUMP, end);
    bind(c, cleanup);
    emit(c, OP_SWAP, 2);
    emit(c, OP_POP_TOP, 0);
    bind(c, end);
}

static void compile_boolop(Compiler *c, Expr *e) {
    NodeList *v = &e->u.boolop.values;
    int end = new_label(c);
    for (int i = 0; i < v->len - 1; i++) {
        compile_expr(c, v->items[i]);
        set_loc(c, e->line, e->col);
        emit(c, OP_COPY, 1);
        emit(c, e->u.boolop.is_and ? OP_POP_JUMP_IF_FALSE : OP_POP_JUMP_IF_TRUE, end);
        emit(c, OP_POP_TOP, 0);
    }
    compile_expr(c, v->items[v->len - 1]);
    bind(c, end);
}

static bool has_starred(NodeList *l) {
    for (int i = 0; i < l->len; i++)
        if (((Expr *)l->items[i])->kind == EXPR_STARRED) return true;
    return false;
}

/* Big displays are built incrementally so the stack stays small. */
#define DISPLAY_CHUNK 16

static void compile_list(Compiler *c, Expr *e) {
    NodeList *l = &e->u.seq.elts;
    if (l->len <= DISPLAY_CHUNK && !has_starred(l)) {
        for (int i = 0; i < l->len; i++) compile_expr(c, l->items[i]);
        set_loc(c, e->line, e->col);
        emit(c, OP_BUILD_LIST, l->len);
        return;
    }
    emit(c, OP_BUILD_LIST, 0);
    for (int i = 0; i < l->len; i++) {
        Expr *x = l->items[i];
        bool star = x->kind == EXPR_STARRED;
        compile_expr(c, star ? x->u.starred.value : x);
        set_loc(c, e->line, e->col);
        emit(c, star ? OP_LIST_EXTEND : OP_LIST_APPEND, 1);
    }
}

static void compile_set(Compiler *c, Expr *e) {
    NodeList *l = &e->u.seq.elts;
    if (has_starred(l)) {
        /* CPython's shape: the items before the first `*` as BUILD_SET n,
         * then SET_UPDATE for each `*x` and SET_ADD for each other item. */
        bool built = false;
        for (int i = 0; i < l->len; i++) {
            Expr *x = l->items[i];
            bool star = x->kind == EXPR_STARRED;
            if (star && !built) {
                set_loc(c, e->line, e->col);
                emit(c, OP_BUILD_SET, i);
                built = true;
            }
            compile_expr(c, star ? x->u.starred.value : x);
            set_loc(c, e->line, e->col);
            if (built) emit(c, star ? OP_SET_UPDATE : OP_SET_ADD, 1);
        }
        return;
    }
    if (l->len > 2 && all_const(l)) {   /* CPython's shape: see frozen_const */
        set_loc(c, e->line, e->col);
        emit(c, OP_BUILD_SET, 0);
        emit_const(c, frozen_const(c, l));
        emit(c, OP_SET_UPDATE, 1);
        return;
    }
    bool small = l->len <= DISPLAY_CHUNK;
    if (!small) emit(c, OP_BUILD_SET, 0);
    for (int i = 0; i < l->len; i++) {
        compile_expr(c, l->items[i]);
        if (!small) {
            set_loc(c, e->line, e->col);
            emit(c, OP_SET_ADD, 1);
        }
    }
    set_loc(c, e->line, e->col);
    if (small) emit(c, OP_BUILD_SET, l->len);
}

/* Pairs begin..end-1 of a dict display (no `**` among them) as a new dict. */
static void compile_subdict(Compiler *c, Expr *e, int begin, int end) {
    bool small = end - begin <= DISPLAY_CHUNK;
    if (!small) emit(c, OP_BUILD_MAP, 0);
    for (int i = begin; i < end; i++) {
        compile_expr(c, e->u.dict.keys.items[i]);
        compile_expr(c, e->u.dict.values.items[i]);
        if (!small) {
            set_loc(c, e->line, e->col);
            emit(c, OP_MAP_ADD, 1);
        }
    }
    set_loc(c, e->line, e->col);
    if (small) emit(c, OP_BUILD_MAP, end - begin);
}

/* CPython 3.11's shape: each run of pairs is a dict of its own, and the
 * first dict (a BUILD_MAP 0 when the display starts with `**m`) is updated
 * by each `**m` and each later run in turn (DICT_UPDATE). */
static void compile_dict(Compiler *c, Expr *e) {
    int n = e->u.dict.keys.len, run = 0;
    bool have = false;  /* the first dict is built */
    for (int i = 0; i <= n; i++) {
        bool unpack = i < n && !e->u.dict.keys.items[i];
        if (i < n && !unpack) {
            run++;
            continue;
        }
        if (run) {
            compile_subdict(c, e, i - run, i);
            if (have) emit(c, OP_DICT_UPDATE, 1);
            have = true, run = 0;
        }
        if (!unpack) break;
        set_loc(c, e->line, e->col);
        if (!have) emit(c, OP_BUILD_MAP, 0);
        have = true;
        compile_expr(c, e->u.dict.values.items[i]);
        set_loc(c, e->line, e->col);
        emit(c, OP_DICT_UPDATE, 1);
    }
    set_loc(c, e->line, e->col);
    if (!have) emit(c, OP_BUILD_MAP, 0);
}

/* Is e the call `super()` with no arguments, super being the builtin? */
static bool is_zero_arg_super(Compiler *c, Expr *e) {
    if (e->kind != EXPR_CALL || e->u.call.func->kind != EXPR_NAME ||
        strcmp(e->u.call.func->u.name, "super") != 0)
        return false;
    if (e->u.call.args.len != 0 || e->u.call.kwnames.len != 0) return false;
    Unit *u = c->u;
    for (int i = 0; i < u->ncomp; i++)
        if (strcmp(u->comp[i].name, "super") == 0) return false;
    if (u->scope->kind == SCOPE_FUNCTION) {
        Symbol *sym = symtable_lookup(u->scope, "super");
        if (sym && (sym->flags & (SYM_PARAM | SYM_ASSIGNED))) return false;
    }
    return true;
}

/* The parameters of a def or lambda scope. */
static Params *scope_params(Scope *s) {
    return s->is_lambda ? &((Expr *)s->node)->u.lambda.params : &((Stmt *)s->node)->u.def.params;
}

/* super().name (method: low bit, for a call): [self] -> LOAD_SUPER_ATTR. */
static void compile_super_attr(Compiler *c, Expr *attr, bool method) {
    Scope *s = c->u->scope;
    Expr *call = attr->u.attr.value;
    if (s->kind != SCOPE_FUNCTION || s->parent->kind != SCOPE_CLASS || scope_params(s)->names.len == 0) {
        error_at(c, call->line, call->col,
                 "stitch: super() is only supported inside a method with a self parameter");
        return;
    }
    set_loc(c, call->line, call->col);
    emit(c, OP_LOAD_FAST, 0);
    set_loc(c, attr->line, attr->col);
    emit(c, OP_LOAD_SUPER_ATTR, attr_index(c, attr->u.attr.name) << 1 | (method ? 1 : 0));
}

static bool has_dstar(NodeList *kwnames) {
    for (int i = 0; i < kwnames->len; i++)
        if (!kwnames->items[i]) return true;
    return false;
}

/* f(a, *b, k=v, **m) after [f self|NULL]: the positionals as a list, the
 * keywords as a fresh dict, then CALL_FUNCTION_EX. */
static void compile_call_ex(Compiler *c, Expr *e) {
    NodeList *args = &e->u.call.args, none = {0};
    set_loc(c, e->line, e->col);
    Expr *only = args->len == 1 ? args->items[0] : NULL;
    if (only && only->kind == EXPR_STARRED) {
        /* f(*x): x itself, checked by CALL_FUNCTION_EX (CPython's message). */
        compile_expr(c, only->u.starred.value);
        args = &none;
    } else {
        emit(c, OP_BUILD_LIST, 0);
    }
    for (int i = 0; i < args->len; i++) {
        Expr *x = args->items[i];
        bool star = x->kind == EXPR_STARRED;
        compile_expr(c, star ? x->u.starred.value : x);
        set_loc(c, e->line, e->col);
        emit(c, star ? OP_LIST_EXTEND : OP_LIST_APPEND, 1);
    }
    int nkw = e->u.call.kwnames.len;
    if (nkw == 1 && !e->u.call.kwnames.items[0]) {
        /* f(..., **m): m itself; CALL_FUNCTION_EX checks it as DICT_MERGE
         * would and copies nothing (the callee binds from the stack). */
        compile_expr(c, e->u.call.kwvalues.items[0]);
    } else if (nkw > 0) {
        emit(c, OP_BUILD_MAP, 0);
        for (int i = 0; i < nkw; i++) {
            const char *name = e->u.call.kwnames.items[i];
            if (name) {
                Str *s = intern(c, name);
                if (!s) return;
                emit_const(c, val_obj(s));
                compile_expr(c, e->u.call.kwvalues.items[i]);
                set_loc(c, e->line, e->col);
                emit(c, OP_MAP_ADD, 1);
            } else {
                compile_expr(c, e->u.call.kwvalues.items[i]);
                set_loc(c, e->line, e->col);
                emit(c, OP_DICT_MERGE, 1);
            }
        }
    }
    set_loc(c, e->line, e->col);
    emit(c, OP_CALL_FUNCTION_EX, nkw > 0 ? 1 : 0);
}

static void compile_call(Compiler *c, Expr *e) {
    Expr *f = e->u.call.func;
    NodeList *args = &e->u.call.args;
    if (is_zero_arg_super(c, e)) {
        error_at(c, e->line, e->col,
                 "stitch: super() is only supported as super().name inside a method");
        return;
    }
    if (f->kind == EXPR_ATTRIBUTE && is_zero_arg_super(c, f->u.attr.value)) {
        compile_super_attr(c, f, true);
    } else if (f->kind == EXPR_ATTRIBUTE) {
        compile_expr(c, f->u.attr.value);
        set_loc(c, f->line, f->col);
        emit(c, OP_LOAD_ATTR, attr_index(c, f->u.attr.name) << 1 | 1);
    } else {
        int slot;
        int r = f->kind == EXPR_NAME ? resolve(c, f->u.name, CTX_LOAD, f->line, f->col, &slot) : -2;
        if (r == -1) return;
        if (r == R_GLOBAL) {
            set_loc(c, f->line, f->col);
            emit(c, OP_LOAD_GLOBAL, name_index(c, f->u.name) << 1 | 1);
        } else {
            compile_expr(c, f);
            set_loc(c, e->line, e->col);
            emit(c, OP_PUSH_NULL, 0);
        }
    }
    if (has_starred(args) || has_dstar(&e->u.call.kwnames)) {
        compile_call_ex(c, e);
        return;
    }
    for (int i = 0; i < args->len; i++) compile_expr(c, args->items[i]);
    int nkw = e->u.call.kwnames.len;
    for (int i = 0; i < nkw; i++) compile_expr(c, e->u.call.kwvalues.items[i]);
    set_loc(c, e->line, e->col);
    if (nkw == 0) {
        emit(c, OP_CALL, args->len);
        return;
    }
    Tuple *names = tuple_new(c->vm, nkw);
    if (!names) {
        vm_failed(c);
        return;
    }
    for (int i = 0; i < nkw; i++) {
        Str *s = intern(c, e->u.call.kwnames.items[i]);
        if (!s) return;
        names->items[i] = val_obj(s);
    }
    emit_const(c, val_obj(names));
    emit(c, OP_CALL_KW, args->len + nkw);
}

/* Push fresh hidden slots for the names a comprehension target binds. */
/* A name that a nested function captures gets a fresh empty cell here,
 * before the loop: all iterations share it (Python's late binding). */
static void push_comp_names(Compiler *c, Expr *comp, Expr *t) {
    Unit *u = c->u;
    if (t->kind == EXPR_TUPLE || t->kind == EXPR_LIST) {
        for (int i = 0; i < t->u.seq.elts.len; i++) push_comp_names(c, comp, t->u.seq.elts.items[i]);
        return;
    }
    if (t->kind == EXPR_STARRED) {
        push_comp_names(c, comp, t->u.starred.value);
        return;
    }
    if (t->kind != EXPR_NAME) return;
    Str *n = intern(c, t->u.name);
    if (!n) return;
    if (u->ncomp == u->compcap) {
        u->compcap = u->compcap ? u->compcap * 2 : 8;
        u->comp = xrealloc(u->comp, sizeof(CompSlot) * (size_t)u->compcap);
    }
    bool cell = symtable_comp_cell(u->scope, comp, t->u.name);
    int slot = asm_new_varname(A(c), n);
    u->comp[u->ncomp++] = (CompSlot){.name = t->u.name, .slot = slot, .cell = cell};
    if (cell) {
        emit(c, OP_PUSH_NULL, 0);
        emit(c, OP_STORE_FAST, slot);
        emit(c, OP_MAKE_CELL, slot);
    }
}

/* Generator i of comprehension e, nested inside generators 0..i-1, whose
 * iterators are on the stack above the result container. */
static void compile_comp_generator(Compiler *c, Expr *e, int i) {
    NodeList *gens = &e->u.comp.generators;
    Comprehension *g = gens->items[i];
    if (i > 0) {
        compile_iterable(c, g->iter);
        set_loc(c, g->iter->line, g->iter->col);
        emit(c, OP_GET_ITER, 0);
    }
    int top = new_label(c), cont = new_label(c), exit = new_label(c);
    set_loc(c, e->line, e->col);
    push_comp_names(c, e, g->target);
    bind(c, top);
    emit(c, OP_FOR_ITER, exit);
    compile_store(c, g->target);
    for (int k = 0; k < g->ifs.len; k++) compile_jump_if(c, g->ifs.items[k], cont, false);
    if (i + 1 < gens->len) {
        compile_comp_generator(c, e, i + 1);
    } else if (e->kind == EXPR_LISTCOMP || e->kind == EXPR_SETCOMP) {
        compile_expr(c, e->u.comp.elt);
        set_loc(c, e->line, e->col);
        emit(c, e->kind == EXPR_LISTCOMP ? OP_LIST_APPEND : OP_SET_ADD, gens->len + 1);
    } else {
        compile_expr(c, e->u.comp.key);
        compile_expr(c, e->u.comp.elt);
        set_loc(c, e->line, e->col);
        emit(c, OP_MAP_ADD, gens->len + 1);
    }
    bind(c, cont);
    set_loc(c, e->line, e->col);
    emit(c, P_JUMP, top);
    bind(c, exit);
}

/* Inlined comprehension (PEP 709): the loop runs in this code object; its
 * variables live in hidden fast slots, dropped from view afterwards. */
static void compile_comprehension(Compiler *c, Expr *e) {
    Unit *u = c->u;
    int saved_ncomp = u->ncomp;
    Comprehension *g0 = e->u.comp.generators.items[0];
    emit(c, e->kind == EXPR_LISTCOMP ? OP_BUILD_LIST : e->kind == EXPR_SETCOMP ? OP_BUILD_SET : OP_BUILD_MAP, 0);
    compile_iterable(c, g0->iter);
    set_loc(c, g0->iter->line, g0->iter->col);
    emit(c, OP_GET_ITER, 0);
    u->in_comp++;
    compile_comp_generator(c, e, 0);
    u->in_comp--;
    u->ncomp = saved_ncomp;
}

static void compile_fstring(Compiler *c, Expr *e);

static void compile_slice_part(Compiler *c, Expr *e) {
    if (e) compile_expr(c, e);
    else emit_const(c, VAL_NONE);
}

static Code *compile_function_code(Compiler *c, Scope *s, Params *p, NodeList *body, Expr *lambda_body,
                                   const char *name, int line);

/* The closure of child scope s: each of its free variables' cells, in s's
 * symbol order (the order its COPY_FREE_VARS expects). Returns the
 * MAKE_FUNCTION flag (8) when there is one. */
static int emit_closure(Compiler *c, Scope *s) {
    int n = 0;
    for (int i = 0; i < s->nsyms && !c->failed; i++) {
        if (!(s->syms[i].flags & SYM_FREE)) continue;
        int slot = 0;
        int r = resolve(c, s->syms[i].name, CTX_LOAD, A(c)->line, A(c)->col, &slot);
        if (r != R_DEREF) {
            error_at(c, A(c)->line, A(c)->col, "stitch: internal error: no cell for '%s'", s->syms[i].name);
            return 0;
        }
        emit(c, OP_LOAD_CLOSURE, slot);
        n++;
    }
    if (n == 0) return 0;
    emit(c, OP_BUILD_TUPLE, n);
    return 8;
}

/* Keyword-only defaults as a dict (MAKE_FUNCTION flag 2), if any. */
static int emit_kwdefaults(Compiler *c, Params *p) {
    int n = 0;
    for (int i = 0; i < p->kwonly.len; i++) {
        Expr *d = p->kwdefaults.items[i];
        if (!d) continue;
        Str *name = intern(c, p->kwonly.items[i]);
        if (!name) return 0;
        emit_const(c, val_obj(name));
        compile_expr(c, d);
        n++;
    }
    if (n == 0) return 0;
    emit(c, OP_BUILD_MAP, n);
    return 2;
}

/* Defaults tuple, keyword-only defaults, closure (each if any) and code
 * object -> MAKE_FUNCTION. */
static void make_function(Compiler *c, Scope *s, Params *p, NodeList *body, Expr *lambda_body,
                          const char *name, int line, int col) {
    int nd = p->defaults.len;
    if (nd > 0) {
        if (all_const(&p->defaults)) {
            Tuple *t = tuple_new(c->vm, nd);
            if (!t) {
                vm_failed(c);
                return;
            }
            for (int i = 0; i < nd; i++) {
                Value v = make_const(c, p->defaults.items[i]);
                if (v == VAL_ERROR) {
                    vm_failed(c);
                    return;
                }
                t->items[i] = v;
            }
            set_loc(c, line, col);
            emit_const(c, val_obj(t));
        } else {
            for (int i = 0; i < nd; i++) compile_expr(c, p->defaults.items[i]);
            set_loc(c, line, col);
            emit(c, OP_BUILD_TUPLE, nd);
        }
    }
    set_loc(c, line, col);
    int flags = (nd > 0 ? 1 : 0) | emit_kwdefaults(c, p);
    set_loc(c, line, col);
    flags |= emit_closure(c, s);
    Code *co = compile_function_code(c, s, p, body, lambda_body, name, line);
    if (!co) return;
    set_loc(c, line, col);
    emit_const(c, val_obj(co));
    emit(c, OP_MAKE_FUNCTION, flags);
}

static void compile_expr_inner(Compiler *c, Expr *e) {
    switch (e->kind) {
    case EXPR_NAME:
        if (e->ctx != CTX_LOAD) {
            compile_store(c, e);
            return;
        }
        name_op(c, e->u.name, CTX_LOAD, e->line, e->col);
        return;
    case EXPR_INT: case EXPR_FLOAT: case EXPR_STR: case EXPR_NONE:
    case EXPR_TRUE: case EXPR_FALSE:
        emit_const(c, make_const(c, e));
        return;
    case EXPR_ELLIPSIS:
        error_at(c, e->line, e->col, "stitch: unsupported: Ellipsis (...)");
        return;
    case EXPR_BINOP:
        compile_expr(c, e->u.binop.left);
        compile_expr(c, e->u.binop.right);
        set_loc(c, e->line, e->col);
        emit(c, OP_BINARY_OP, e->u.binop.op);
        return;
    case EXPR_UNARYOP: {
        if (is_const_expr(e)) {
            emit_const(c, make_const(c, e));
            return;
        }
        compile_expr(c, e->u.unary.operand);
        set_loc(c, e->line, e->col);
        static const int ops[UNARY_COUNT] = {
            [UNARY_NEGATIVE] = OP_UNARY_NEGATIVE, [UNARY_POSITIVE] = OP_UNARY_POSITIVE,
            [UNARY_INVERT] = OP_UNARY_INVERT, [UNARY_NOT] = OP_UNARY_NOT};
        emit(c, ops[e->u.unary.op], 0);
        return;
    }
    case EXPR_BOOLOP: compile_boolop(c, e); return;
    case EXPR_COMPARE: compile_compare(c, e); return;
    case EXPR_CALL: compile_call(c, e); return;
    case EXPR_ATTRIBUTE:
        if (is_zero_arg_super(c, e->u.attr.value)) {
            compile_super_attr(c, e, false);
            return;
        }
        compile_expr(c, e->u.attr.value);
        set_loc(c, e->line, e->col);
        emit(c, OP_LOAD_ATTR, attr_index(c, e->u.attr.name) << 1);
        return;
    case EXPR_SUBSCRIPT:
        compile_expr(c, e->u.subscript.value);
        compile_expr(c, e->u.subscript.index);
        set_loc(c, e->line, e->col);
        emit(c, OP_BINARY_SUBSCR, 0);
        return;
    case EXPR_SLICE:
        compile_slice_part(c, e->u.slice.lower);
        compile_slice_part(c, e->u.slice.upper);
        if (e->u.slice.step) compile_expr(c, e->u.slice.step);
        set_loc(c, e->line, e->col);
        emit(c, OP_BUILD_SLICE, e->u.slice.step ? 3 : 2);
        return;
    case EXPR_TUPLE:
        if (is_const_expr(e)) {
            emit_const(c, make_const(c, e));
            return;
        }
        if (has_starred(&e->u.seq.elts)) {  /* (a, *b): a list, then a tuple of it */
            compile_list(c, e);
            set_loc(c, e->line, e->col);
            emit(c, OP_LIST_TO_TUPLE, 0);
            return;
        }
        for (int i = 0; i < e->u.seq.elts.len; i++) compile_expr(c, e->u.seq.elts.items[i]);
        set_loc(c, e->line, e->col);
        emit(c, OP_BUILD_TUPLE, e->u.seq.elts.len);
        return;
    case EXPR_LIST: compile_list(c, e); return;
    case EXPR_DICT: compile_dict(c, e); return;
    case EXPR_IFEXP: {
        int orelse = new_label(c), end = new_label(c);
        compile_jump_if(c, e->u.ifexp.test, orelse, false);
        compile_expr(c, e->u.ifexp.body);
        emit(c, P_JUMP, end);
        bind(c, orelse);
        compile_expr(c, e->u.ifexp.orelse);
        bind(c, end);
        return;
    }
    case EXPR_LAMBDA: {
        Scope *s = symtable_child(c->u->scope, e);
        make_function(c, s, &e->u.lambda.params, NULL, e->u.lambda.body, "<lambda>", e->line, e->col);
        return;
    }
    case EXPR_GENEXP: {
        /* CPython's: a generator function of one argument, the outermost
         * iterable's iterator, called at once. */
        Scope *s = symtable_child(c->u->scope, e);
        make_function(c, s, &e->u.lambda.params, &e->u.lambda.genbody, NULL, "<genexpr>", e->line, e->col);
        set_loc(c, e->line, e->col);
        emit(c, OP_PUSH_NULL, 0);
        compile_iterable(c, e->u.lambda.outer);
        set_loc(c, e->line, e->col);
        emit(c, OP_GET_ITER, 0);
        emit(c, OP_CALL, 1);
        return;
    }
    case EXPR_YIELD:
    case EXPR_YIELD_FROM:
        if (c->u->scope->kind != SCOPE_FUNCTION) {
            error_at(c, e->line, e->col, "'yield' outside function");
            return;
        }
        if (e->u.yield_.value) compile_expr(c, e->u.yield_.value);
        set_loc(c, e->line, e->col);
        if (e->kind == EXPR_YIELD) {
            if (!e->u.yield_.value) emit_const(c, VAL_NONE);
            emit(c, OP_YIELD_VALUE, 0);
        } else {
            int loop = new_label(c), exit = new_label(c);
            emit(c, OP_GET_YIELD_FROM_ITER, 0);
            emit_const(c, VAL_NONE);
            bind(c, loop);
            emit(c, OP_SEND, exit);
            /* oparg 1 marks a yield inside `yield from` (CPython's RESUME
             * oparg 2): gen.c forwards throw() and close() to the receiver. */
            emit(c, OP_YIELD_VALUE, 1);
            emit(c, P_JUMP, loop);
            bind(c, exit);
        }
        return;
    case EXPR_LISTCOMP: case EXPR_DICTCOMP: case EXPR_SETCOMP: compile_comprehension(c, e); return;
    case EXPR_SET: compile_set(c, e); return;
    case EXPR_NAMED:
        compile_expr(c, e->u.named.value);
        set_loc(c, e->line, e->col);
        emit(c, OP_COPY, 1);
        compile_store(c, e->u.named.target);
        return;
    case EXPR_STARRED:
        error_at(c, e->line, e->col, "stitch: unsupported: a starred expression here");
        return;
    case EXPR_FSTRING: compile_fstring(c, e); return;
    case EXPR_FORMATTED: {
        compile_expr(c, e->u.formatted.value);
        if (e->u.formatted.spec) compile_expr(c, e->u.formatted.spec);
        int conv = e->u.formatted.conversion;
        int arg = conv == 's' ? 1 : conv == 'r' ? 2 : conv == 'a' ? 3 : 0;
        set_loc(c, e->line, e->col);
        emit(c, OP_FORMAT_VALUE, arg | (e->u.formatted.spec ? 4 : 0));
        return;
    }
    default:
        error_at(c, e->line, e->col, "stitch: unsupported: this expression");
        return;
    }
}

/* Compile e, tagging its instructions with its position; the caller's
 * position is restored afterwards. */
static void compile_expr(Compiler *c, Expr *e) {
    if (c->failed) return;
    int line = A(c)->line, col = A(c)->col;
    set_loc(c, e->line, e->col);
    compile_expr_inner(c, e);
    set_loc(c, line, col);
}

/* f"a{x!r:>{w}}b" -> parts, each a str, then BUILD_STRING. */
static void compile_fstring(Compiler *c, Expr *e) {
    NodeList *parts = &e->u.fstring.parts;
    if (parts->len == 0) {
        emit_const(c, val_obj(c->vm->empty_str));
        return;
    }
    for (int i = 0; i < parts->len; i++) compile_expr(c, parts->items[i]);
    if (parts->len > 1 || ((Expr *)parts->items[0])->kind != EXPR_STR) {
        set_loc(c, e->line, e->col);
        emit(c, OP_BUILD_STRING, parts->len);
    }
}

/* ---- assignment targets -------------------------------------------------------- */

static void compile_store(Compiler *c, Expr *t);

/* `a, b = x, y` and `a, b, c = x, y, z` (no starred items): the values are
 * put in unpacking order with one SWAP instead of being packed into a tuple
 * and unpacked, as CPython's compiler does. False for any other shape. */
static bool compile_swap_assign(Compiler *c, Stmt *s) {
    NodeList *ts = &s->u.assign.targets;
    Expr *v = s->u.assign.value, *t = ts->len == 1 ? ts->items[0] : NULL;
    if (!t || (t->kind != EXPR_TUPLE && t->kind != EXPR_LIST) || v->kind != EXPR_TUPLE) return false;
    NodeList *tl = &t->u.seq.elts, *vl = &v->u.seq.elts;
    if (tl->len != vl->len || tl->len < 2 || tl->len > 3 || has_starred(tl) || has_starred(vl))
        return false;
    for (int i = 0; i < vl->len; i++) compile_expr(c, vl->items[i]);
    set_loc(c, s->line, s->col);
    emit(c, OP_SWAP, vl->len);
    for (int i = 0; i < tl->len; i++) compile_store(c, tl->items[i]);
    return true;
}

/* Store the value on top of the stack into target t. */
static void compile_store(Compiler *c, Expr *t) {
    if (c->failed) return;
    set_loc(c, t->line, t->col);
    switch (t->kind) {
    case EXPR_NAME:
        name_op(c, t->u.name, CTX_STORE, t->line, t->col);
        return;
    case EXPR_ATTRIBUTE:
        compile_expr(c, t->u.attr.value);
        set_loc(c, t->line, t->col);
        emit(c, OP_STORE_ATTR, attr_index(c, t->u.attr.name));
        return;
    case EXPR_SUBSCRIPT:
        compile_expr(c, t->u.subscript.value);
        compile_expr(c, t->u.subscript.index);
        set_loc(c, t->line, t->col);
        emit(c, OP_STORE_SUBSCR, 0);
        return;
    case EXPR_TUPLE: case EXPR_LIST: {
        NodeList *l = &t->u.seq.elts;
        int star = -1;
        for (int i = 0; i < l->len; i++)
            if (((Expr *)l->items[i])->kind == EXPR_STARRED) star = i;
        if (star < 0) {
            emit(c, OP_UNPACK_SEQUENCE, l->len);
        } else {
            int after = l->len - star - 1;
            if (star > 255 || after > 255) {
                error_at(c, t->line, t->col, "too many expressions in star-unpacking assignment");
                return;
            }
            emit(c, OP_UNPACK_EX, star | (after << 8));
        }
        for (int i = 0; i < l->len; i++) {
            Expr *x = l->items[i];
            compile_store(c, i == star ? x->u.starred.value : x);
        }
        return;
    }
    case EXPR_STARRED:
        error_at(c, t->line, t->col, "stitch: unsupported: this starred assignment");
        return;
    default:
        error_at(c, t->line, t->col, "cannot assign to expression");
        return;
    }
}

static void compile_del(Compiler *c, Expr *t) {
    set_loc(c, t->line, t->col);
    switch (t->kind) {
    case EXPR_NAME: name_op(c, t->u.name, CTX_DEL, t->line, t->col); return;
    case EXPR_ATTRIBUTE:
        compile_expr(c, t->u.attr.value);
        set_loc(c, t->line, t->col);
        emit(c, OP_DELETE_ATTR, attr_index(c, t->u.attr.name));
        return;
    case EXPR_SUBSCRIPT:
        compile_expr(c, t->u.subscript.value);
        compile_expr(c, t->u.subscript.index);
        set_loc(c, t->line, t->col);
        emit(c, OP_DELETE_SUBSCR, 0);
        return;
    case EXPR_TUPLE: case EXPR_LIST:
        for (int i = 0; i < t->u.seq.elts.len; i++) compile_del(c, t->u.seq.elts.items[i]);
        return;
    default:
        error_at(c, t->line, t->col, "cannot delete expression");
        return;
    }
}

/* x op= v evaluates the container (and key) of x once. */
static void compile_augassign(Compiler *c, Stmt *s) {
    Expr *t = s->u.augassign.target;
    int op = BINOP_INPLACE_BASE + (int)s->u.augassign.op;
    switch (t->kind) {
    case EXPR_NAME:
        name_op(c, t->u.name, CTX_LOAD, t->line, t->col);
        compile_expr(c, s->u.augassign.value);
        set_loc(c, s->line, s->col);
        emit(c, OP_BINARY_OP, op);
        name_op(c, t->u.name, CTX_STORE, t->line, t->col);
        return;
    case EXPR_ATTRIBUTE: {
        int idx = attr_index(c, t->u.attr.name);
        compile_expr(c, t->u.attr.value);
        set_loc(c, t->line, t->col);
        emit(c, OP_COPY, 1);
        emit(c, OP_LOAD_ATTR, idx << 1);
        compile_expr(c, s->u.augassign.value);
        set_loc(c, s->line, s->col);
        emit(c, OP_BINARY_OP, op);
        emit(c, OP_SWAP, 2);
        emit(c, OP_STORE_ATTR, idx);
        return;
    }
    case EXPR_SUBSCRIPT:
        compile_expr(c, t->u.subscript.value);
        compile_expr(c, t->u.subscript.index);
        set_loc(c, t->line, t->col);
        emit(c, OP_COPY, 2);
        emit(c, OP_COPY, 2);
        emit(c, OP_BINARY_SUBSCR, 0);
        compile_expr(c, s->u.augassign.value);
        set_loc(c, s->line, s->col);
        emit(c, OP_BINARY_OP, op);
        emit(c, OP_SWAP, 3);
        emit(c, OP_SWAP, 2);
        emit(c, OP_STORE_SUBSCR, 0);
        return;
    default:
        error_at(c, t->line, t->col, "'%s' is an illegal expression for augmented assignment",
                 t->kind == EXPR_TUPLE ? "tuple" : t->kind == EXPR_LIST ? "list" : "expression");
        return;
    }
}

/* ---- leaving blocks early ---------------------------------------------------- */

static void compile_finally_inline(Compiler *c, FBlock *fb, bool preserve_tos);
static void emit_exit_call(Compiler *c);

/* Undo one block on the way out. With preserve_tos the value on top (a
 * return value) stays on top. */
static void unwind_fblock(Compiler *c, FBlock *fb, bool preserve_tos) {
    switch (fb->kind) {
    case FB_WHILE:
        return;
    case FB_FOR:
    case FB_POP_VALUE:
        if (preserve_tos) emit(c, OP_SWAP, 2);
        emit(c, OP_POP_TOP, 0);
        return;
    case FB_TRY_EXCEPT:
        A(c)->cur_handler = fb->outer_handler;
        return;
    case FB_FINALLY_TRY:
        A(c)->cur_handler = fb->outer_handler;
        compile_finally_inline(c, fb, preserve_tos);
        return;
    case FB_FINALLY_END:
        if (preserve_tos) emit(c, OP_SWAP, 2);
        emit(c, OP_POP_TOP, 0);      /* the exception */
        if (preserve_tos) emit(c, OP_SWAP, 2);
        A(c)->cur_handler = fb->outer_handler;
        emit(c, OP_POP_EXCEPT, 0);
        return;
    case FB_WITH:
        A(c)->cur_handler = fb->outer_handler;
        if (preserve_tos) emit(c, OP_SWAP, 2);
        emit_exit_call(c);
        return;
    case FB_HANDLER:
        if (preserve_tos) emit(c, OP_SWAP, 2);
        A(c)->cur_handler = fb->outer_handler;
        emit(c, OP_POP_EXCEPT, 0);
        if (fb->name) {
            emit_const(c, VAL_NONE);
            name_op(c, fb->name, CTX_STORE, A(c)->line, A(c)->col);
            name_op(c, fb->name, CTX_DEL, A(c)->line, A(c)->col);
        }
        return;
    }
}

/* Unwind blocks fb[downto..top], innermost first, each one's cleanup code
 * compiled with only the blocks outside it in force. */
static void unwind_to(Compiler *c, int downto, bool preserve_tos) {
    Unit *u = c->u;
    int top = u->nfb;
    if (top <= downto) return;
    size_t n = (size_t)(top - downto);
    FBlock *saved = xrealloc(NULL, sizeof(FBlock) * n);
    memcpy(saved, u->fb + downto, sizeof(FBlock) * n);
    for (int i = top - 1; i >= downto && !c->failed; i--) {
        u->nfb = i;
        unwind_fblock(c, &saved[i - downto], preserve_tos);
    }
    /* Inline finally bodies may have pushed blocks over the saved ones. */
    memcpy(u->fb + downto, saved, sizeof(FBlock) * n);
    u->nfb = top;
    free(saved);
}

static void compile_finally_inline(Compiler *c, FBlock *fb, bool preserve_tos) {
    int line = A(c)->line, col = A(c)->col;
    if (preserve_tos) push_fblock(c, FB_POP_VALUE);
    compile_stmts(c, &fb->stmt->u.try_.finalbody);
    if (preserve_tos) pop_fblock(c);
    set_loc(c, line, col);
}

static void compile_break_continue(Compiler *c, Stmt *s) {
    Unit *u = c->u;
    int loop = u->nfb - 1;
    while (loop >= 0 && u->fb[loop].kind != FB_WHILE && u->fb[loop].kind != FB_FOR) loop--;
    if (loop < 0) {
        error_at(c, s->line, s->col, s->kind == STMT_BREAK ? "'break' outside loop"
                                                            : "'continue' not properly in loop");
        return;
    }
    int saved_handler = A(c)->cur_handler;
    FBlock fb = u->fb[loop];
    unwind_to(c, loop + 1, false);
    set_loc(c, s->line, s->col);
    if (s->kind == STMT_BREAK) {
        if (fb.kind == FB_FOR) emit(c, OP_POP_TOP, 0);
        emit(c, P_JUMP, fb.break_label);
    } else {
        emit(c, P_JUMP, fb.continue_label);
    }
    A(c)->cur_handler = saved_handler;
}

static void compile_return(Compiler *c, Stmt *s) {
    if (c->u->scope->kind != SCOPE_FUNCTION) {
        error_at(c, s->line, s->col, "'return' outside function");
        return;
    }
    int saved_handler = A(c)->cur_handler;
    if (s->u.ret.value) compile_expr(c, s->u.ret.value);
    else emit_const(c, VAL_NONE);
    unwind_to(c, 0, true);
    set_loc(c, s->line, s->col);
    emit(c, OP_RETURN_VALUE, 0);
    A(c)->cur_handler = saved_handler;
}

/* ---- compound statements -------------------------------------------------------- */

static void compile_if(Compiler *c, Stmt *s) {
    int orelse = new_label(c), end = new_label(c);
    compile_jump_if(c, s->u.if_.test, orelse, false);
    compile_stmts(c, &s->u.if_.body);
    if (s->u.if_.orelse.len > 0) {
        set_loc(c, s->line, s->col);
        emit(c, P_JUMP, end);
    }
    bind(c, orelse);
    compile_stmts(c, &s->u.if_.orelse);
    bind(c, end);
}

static void compile_while(Compiler *c, Stmt *s) {
    int top = new_label(c), orelse = new_label(c), end = new_label(c);
    bind(c, top);
    compile_jump_if(c, s->u.loop.test, orelse, false);
    FBlock *fb = push_fblock(c, FB_WHILE);
    fb->continue_label = top;
    fb->break_label = end;
    compile_stmts(c, &s->u.loop.body);
    pop_fblock(c);
    set_loc(c, s->line, s->col);
    emit(c, P_JUMP, top);
    bind(c, orelse);
    compile_stmts(c, &s->u.loop.orelse);
    bind(c, end);
}

static void compile_for(Compiler *c, Stmt *s) {
    int top = new_label(c), orelse = new_label(c), end = new_label(c);
    compile_iterable(c, s->u.loop.iter);
    set_loc(c, s->line, s->col);
    emit(c, OP_GET_ITER, 0);
    bind(c, top);
    emit(c, OP_FOR_ITER, orelse);
    compile_store(c, s->u.loop.target);
    FBlock *fb = push_fblock(c, FB_FOR);
    fb->continue_label = top;
    fb->break_label = end;
    compile_stmts(c, &s->u.loop.body);
    pop_fblock(c);
    set_loc(c, s->line, s->col);
    emit(c, P_JUMP, top);
    bind(c, orelse);
    compile_stmts(c, &s->u.loop.orelse);
    bind(c, end);
}

/* `name = None; del name` at the end of `except E as name:`. */
static void clear_handler_name(Compiler *c, const char *name) {
    emit_const(c, VAL_NONE);
    name_op(c, name, CTX_STORE, A(c)->line, A(c)->col);
    name_op(c, name, CTX_DEL, A(c)->line, A(c)->col);
}

static void compile_try_except(Compiler *c, Stmt *s) {
    Asm *a = A(c);
    int outer = a->cur_handler;
    int except = new_label(c), cleanup = new_label(c), end = new_label(c);

    int body_h = asm_new_handler(a, except, false);
    emit(c, P_SETUP, body_h);
    a->cur_handler = body_h;
    push_fblock(c, FB_TRY_EXCEPT)->outer_handler = outer;
    compile_stmts(c, &s->u.try_.body);
    pop_fblock(c);
    a->cur_handler = outer;
    compile_stmts(c, &s->u.try_.orelse);
    emit(c, P_JUMP, end);

    /* [exc] -> [prev exc]; from here an exception restores prev first. */
    bind(c, except);
    int cleanup_h = asm_new_handler(a, cleanup, false);
    emit(c, P_SETUP, cleanup_h);
    a->cur_handler = cleanup_h;
    emit(c, OP_PUSH_EXC_INFO, 0);
    NodeList *hs = &s->u.try_.handlers;
    for (int i = 0; i < hs->len && !c->failed; i++) {
        Handler *h = hs->items[i];
        set_loc(c, h->line, h->col);
        if (!h->type && i < hs->len - 1) {
            error_at(c, h->line, h->col, "default 'except:' must be last");
            return;
        }
        int next = new_label(c);
        if (h->type) {
            compile_expr(c, h->type);
            emit(c, OP_CHECK_EXC_MATCH, 0);
            emit(c, OP_POP_JUMP_IF_FALSE, next);
        }
        if (h->name) {
            name_op(c, h->name, CTX_STORE, h->line, h->col);
            int name_cleanup = new_label(c);
            int name_h = asm_new_handler(a, name_cleanup, false);
            emit(c, P_SETUP, name_h);
            a->cur_handler = name_h;
            FBlock *fb = push_fblock(c, FB_HANDLER);
            fb->outer_handler = outer;
            fb->name = h->name;
            compile_stmts(c, &h->body);
            pop_fblock(c);
            a->cur_handler = outer;
            set_loc(c, h->line, h->col);
            emit(c, OP_POP_EXCEPT, 0);
            clear_handler_name(c, h->name);
            emit(c, P_JUMP, end);
            /* [prev exc2]: clear the name, then the cleanup handler. */
            bind(c, name_cleanup);
            a->cur_handler = cleanup_h;
            clear_handler_name(c, h->name);
            emit(c, OP_RERAISE, 0);
        } else {
            emit(c, OP_POP_TOP, 0);
            push_fblock(c, FB_HANDLER)->outer_handler = outer;
            compile_stmts(c, &h->body);
            pop_fblock(c);
            a->cur_handler = outer;
            set_loc(c, h->line, h->col);
            emit(c, OP_POP_EXCEPT, 0);
            emit(c, P_JUMP, end);
        }
        bind(c, next);
        a->cur_handler = cleanup_h;
    }
    emit(c, OP_RERAISE, 0);         /* no clause matched: [prev exc] */

    bind(c, cleanup);               /* [prev exc2] */
    a->cur_handler = outer;
    emit(c, OP_COPY, 2);
    emit(c, OP_POP_EXCEPT, 0);
    emit(c, OP_RERAISE, 0);
    bind(c, end);
}

static void compile_try(Compiler *c, Stmt *s) {
    if (s->u.try_.finalbody.len == 0) {
        compile_try_except(c, s);
        return;
    }
    Asm *a = A(c);
    int outer = a->cur_handler;
    int fin = new_label(c), cleanup = new_label(c), end = new_label(c);

    int body_h = asm_new_handler(a, fin, false);
    emit(c, P_SETUP, body_h);
    a->cur_handler = body_h;
    FBlock *fb = push_fblock(c, FB_FINALLY_TRY);
    fb->outer_handler = outer;
    fb->stmt = s;
    if (s->u.try_.handlers.len > 0) compile_try_except(c, s);
    else compile_stmts(c, &s->u.try_.body);
    pop_fblock(c);
    a->cur_handler = outer;
    compile_stmts(c, &s->u.try_.finalbody);
    set_loc(c, s->line, s->col);
    emit(c, P_JUMP, end);

    /* Exception path: [exc] -> [prev exc], finally body, re-raise. */
    bind(c, fin);
    int cleanup_h = asm_new_handler(a, cleanup, false);
    emit(c, P_SETUP, cleanup_h);
    a->cur_handler = cleanup_h;
    emit(c, OP_PUSH_EXC_INFO, 0);
    push_fblock(c, FB_FINALLY_END)->outer_handler = outer;
    compile_stmts(c, &s->u.try_.finalbody);
    pop_fblock(c);
    set_loc(c, s->line, s->col);
    emit(c, OP_RERAISE, 0);

    bind(c, cleanup);
    a->cur_handler = outer;
    emit(c, OP_COPY, 2);
    emit(c, OP_POP_EXCEPT, 0);
    emit(c, OP_RERAISE, 0);
    bind(c, end);
}

/* [exit] -> []: exit(None, None, None), its result dropped. */
static void emit_exit_call(Compiler *c) {
    emit(c, OP_PUSH_NULL, 0);
    for (int i = 0; i < 3; i++) emit_const(c, VAL_NONE);
    emit(c, OP_CALL, 3);
    emit(c, OP_POP_TOP, 0);
}

/* with item i and the ones after it (`with a, b:` is `with a: with b:`).
 * Like CPython 3.11: the handler of the body calls __exit__ with the
 * exception (WITH_EXCEPT_START) and re-raises unless it returned true. */
static void compile_with(Compiler *c, Stmt *s, int i) {
    if (i == s->u.with_.items.len) {
        compile_stmts(c, &s->u.with_.body);
        return;
    }
    Asm *a = A(c);
    int outer = a->cur_handler;
    int exc = new_label(c), cleanup = new_label(c), suppress = new_label(c), end = new_label(c);
    compile_expr(c, s->u.with_.items.items[i]);
    set_loc(c, s->line, s->col);
    emit(c, OP_BEFORE_WITH, 0);                 /* [exit enter_result] */
    Expr *v = s->u.with_.vars.items[i];
    if (v) compile_store(c, v);
    else emit(c, OP_POP_TOP, 0);
    int body_h = asm_new_handler(a, exc, false);
    emit(c, P_SETUP, body_h);
    a->cur_handler = body_h;
    push_fblock(c, FB_WITH)->outer_handler = outer;
    compile_with(c, s, i + 1);
    pop_fblock(c);
    a->cur_handler = outer;
    set_loc(c, s->line, s->col);
    emit_exit_call(c);
    emit(c, P_JUMP, end);

    bind(c, exc);                               /* [exit exc] */
    int cleanup_h = asm_new_handler(a, cleanup, false);
    emit(c, P_SETUP, cleanup_h);
    a->cur_handler = cleanup_h;
    emit(c, OP_PUSH_EXC_INFO, 0);               /* [exit prev exc] */
    emit(c, OP_WITH_EXCEPT_START, 0);           /* [exit prev exc res] */
    emit(c, OP_POP_JUMP_IF_TRUE, suppress);
    emit(c, OP_RERAISE, 0);

    bind(c, suppress);                          /* [exit prev exc] */
    a->cur_handler = outer;
    emit(c, OP_POP_TOP, 0);
    emit(c, OP_POP_EXCEPT, 0);
    emit(c, OP_POP_TOP, 0);
    emit(c, P_JUMP, end);

    bind(c, cleanup);                           /* [exit prev exc2] */
    emit(c, OP_COPY, 2);
    emit(c, OP_POP_EXCEPT, 0);
    emit(c, OP_RERAISE, 0);
    bind(c, end);
}

/* ---- functions and classes ----------------------------------------------------- */

/* After the parameters' slots: the free variables' slots and
 * COPY_FREE_VARS, then MAKE_CELL for each cell variable. Returns the
 * number of free variables. */
static int emit_prologue(Compiler *c, Scope *s) {
    int nfree = 0;
    for (int i = 0; i < s->nsyms; i++) {
        if (!(s->syms[i].flags & SYM_FREE)) continue;
        var_slot(c, s->syms[i].name);
        nfree++;
    }
    if (nfree) emit(c, OP_COPY_FREE_VARS, nfree);
    for (int i = 0; i < s->nsyms; i++)
        if (s->syms[i].flags & SYM_CELL) emit(c, OP_MAKE_CELL, var_slot(c, s->syms[i].name));
    return nfree;
}

static Code *compile_function_code(Compiler *c, Scope *s, Params *p, NodeList *body, Expr *lambda_body,
                                   const char *name, int line) {
    Unit u;
    push_unit(c, &u, s);
    set_loc(c, line, 1);
    for (int i = 0; i < p->names.len; i++) var_slot(c, p->names.items[i]);
    for (int i = 0; i < p->kwonly.len; i++) var_slot(c, p->kwonly.items[i]);
    if (p->vararg) var_slot(c, p->vararg);
    if (p->kwarg) var_slot(c, p->kwarg);
    int nfree = emit_prologue(c, s);
    if (s->is_generator) {
        emit(c, OP_RETURN_GENERATOR, 0);
        emit(c, OP_POP_TOP, 0);
    }
    for (int i = 0; i < s->nsyms && !c->failed; i++) {
        Symbol *sym = &s->syms[i];
        if ((sym->flags & SYM_ASSIGNED) && !(sym->flags & (SYM_GLOBAL | SYM_PARAM | SYM_FREE)))
            var_slot(c, sym->name);
    }
    if (lambda_body) {
        compile_expr(c, lambda_body);
        set_loc(c, lambda_body->line, lambda_body->col);
        emit(c, OP_RETURN_VALUE, 0);
    } else {
        compile_stmts(c, body);
    }
    int flags = CO_FUNCTION | (lambda_body ? CO_LAMBDA : 0) | (s->is_generator ? CO_GENERATOR : 0);
    if (p->vararg) flags |= CO_VARARGS;
    if (p->kwarg) flags |= CO_VARKEYWORDS;
    if (p->vararg || p->kwarg || p->kwonly.len) flags |= CO_COMPLEX_ARGS;
    Code *co = finish_unit(c, name, s->qualname, p->names.len, flags, line, p->kwonly.len, nfree);
    pop_unit(c);
    Expr *doc = lambda_body ? NULL : docstring(body);
    if (co && doc) {
        Value v = make_const(c, doc);
        if (v == VAL_ERROR) vm_failed(c);
        else co->doc = AS_STR(v);
    }
    return co;
}

/* Decorators are evaluated before the def or class, each as a call site
 * [decorator NULL]; applied innermost (last) first, each by CALL 1. */
static void emit_decorators(Compiler *c, NodeList *decs) {
    for (int i = 0; i < decs->len; i++) {
        Expr *d = decs->items[i];
        compile_expr(c, d);
        set_loc(c, d->line, d->col);
        emit(c, OP_PUSH_NULL, 0);
    }
}

static void apply_decorators(Compiler *c, NodeList *decs) {
    for (int i = decs->len - 1; i >= 0; i--) {
        Expr *d = decs->items[i];
        set_loc(c, d->line, d->col);
        emit(c, OP_CALL, 1);
    }
}

/* A class or module body's docstring into its __doc__, first (CPython's
 * order: after __module__ and __qualname__ in a class). */
static void store_docstring(Compiler *c, NodeList *body) {
    Expr *doc = docstring(body);
    if (!doc) return;
    set_loc(c, doc->line, doc->col);
    emit_const(c, make_const(c, doc));
    emit(c, OP_STORE_NAME, name_index(c, "__doc__"));
}

static void compile_classdef(Compiler *c, Stmt *s) {
    NodeList *bases = &s->u.cls.bases;
    Scope *scope = symtable_child(c->u->scope, s);
    emit_decorators(c, &s->u.cls.decorators);
    Unit u;
    push_unit(c, &u, scope);
    set_loc(c, s->line, s->col);
    int nfree = emit_prologue(c, scope);
    Str *qual = str_from_cstr(c->vm, scope->qualname);
    if (!qual) vm_failed(c);
    emit(c, OP_LOAD_NAME, name_index(c, "__name__"));
    emit(c, OP_STORE_NAME, name_index(c, "__module__"));
    if (qual) emit_const(c, val_obj(qual));
    emit(c, OP_STORE_NAME, name_index(c, "__qualname__"));
    store_docstring(c, &s->u.cls.body);
    compile_stmts(c, &s->u.cls.body);
    Code *co = finish_unit(c, s->u.cls.name, scope->qualname, 0, CO_CLASSBODY, s->line, 0, nfree);
    pop_unit(c);
    if (!co) return;

    set_loc(c, s->line, s->col);
    int flags = emit_closure(c, scope);
    emit_const(c, val_obj(co));
    emit(c, OP_MAKE_FUNCTION, flags);
    Str *name = intern(c, s->u.cls.name);
    if (!name) return;
    emit_const(c, val_obj(name));
    /* BUILD_CLASS takes one base as it is, two or more as a tuple (also
     * `*bases`, a tuple of any length). */
    if (has_starred(bases)) {
        emit(c, OP_BUILD_LIST, 0);
        for (int i = 0; i < bases->len; i++) {
            Expr *x = bases->items[i];
            bool star = x->kind == EXPR_STARRED;
            compile_expr(c, star ? x->u.starred.value : x);
            set_loc(c, s->line, s->col);
            emit(c, star ? OP_LIST_EXTEND : OP_LIST_APPEND, 1);
        }
        emit(c, OP_LIST_TO_TUPLE, 0);
    } else {
        for (int i = 0; i < bases->len; i++) compile_expr(c, bases->items[i]);
        if (bases->len > 1) emit(c, OP_BUILD_TUPLE, bases->len);
        if (bases->len == 0) emit(c, OP_PUSH_NULL, 0);
    }
    set_loc(c, s->line, s->col);
    emit(c, OP_BUILD_CLASS, 0);
    apply_decorators(c, &s->u.cls.decorators);
    name_op(c, s->u.cls.name, CTX_STORE, s->line, s->col);
}

/* ---- statements ----------------------------------------------------------------- */

/* CPython's sequence: LOAD_CONST 0 (level), LOAD_CONST fromlist,
 * IMPORT_NAME module, then a store per name (IMPORT_FROM first for
 * `from`), or IMPORT_STAR. */
static void compile_import(Compiler *c, Stmt *s) {
    NodeList *names = &s->u.import_.names, *as = &s->u.import_.asnames;
    set_loc(c, s->line, s->col);
    if (!s->u.import_.module) {
        for (int i = 0; i < names->len; i++) {
            const char *name = names->items[i], *alias = as->items[i];
            emit_const(c, val_int(0));
            emit_const(c, VAL_NONE);
            emit(c, OP_IMPORT_NAME, name_index(c, name));
            name_op(c, alias ? alias : name, CTX_STORE, s->line, s->col);
        }
        return;
    }
    bool star = !strcmp(names->items[0], "*");
    if (star && c->u->scope->kind != SCOPE_MODULE) {
        error_at(c, s->line, s->col, "import * only allowed at module level");
        return;
    }
    Tuple *fromlist = tuple_new(c->vm, names->len);
    if (!fromlist) {
        vm_failed(c);
        return;
    }
    for (int i = 0; i < names->len; i++) {
        Str *n = intern(c, names->items[i]);
        if (!n) return;
        fromlist->items[i] = val_obj(n);
    }
    emit_const(c, val_int(0));
    emit_const(c, val_obj(fromlist));
    emit(c, OP_IMPORT_NAME, name_index(c, s->u.import_.module));
    if (star) {
        emit(c, OP_IMPORT_STAR, 0);
        return;
    }
    for (int i = 0; i < names->len; i++) {
        const char *name = names->items[i], *alias = as->items[i];
        emit(c, OP_IMPORT_FROM, name_index(c, name));
        name_op(c, alias ? alias : name, CTX_STORE, s->line, s->col);
    }
    emit(c, OP_POP_TOP, 0);
}

static void compile_stmt(Compiler *c, Stmt *s) {
    set_loc(c, s->line, s->col);
    switch (s->kind) {
    case STMT_EXPR: {
        Expr *v = s->u.expr.value;
        if (is_const_expr(v)) return;   /* docstrings and the like */
        compile_expr(c, v);
        set_loc(c, s->line, s->col);
        emit(c, OP_POP_TOP, 0);
        return;
    }
    case STMT_ASSIGN: {
        NodeList *ts = &s->u.assign.targets;
        if (compile_swap_assign(c, s)) return;
        compile_expr(c, s->u.assign.value);
        for (int i = 0; i < ts->len; i++) {
            if (i < ts->len - 1) {
                set_loc(c, s->line, s->col);
                emit(c, OP_COPY, 1);
            }
            compile_store(c, ts->items[i]);
        }
        return;
    }
    case STMT_AUGASSIGN: compile_augassign(c, s); return;
    case STMT_IF: compile_if(c, s); return;
    case STMT_WHILE: compile_while(c, s); return;
    case STMT_FOR: compile_for(c, s); return;
    case STMT_BREAK: case STMT_CONTINUE: compile_break_continue(c, s); return;
    case STMT_PASS: return;
    case STMT_RETURN: compile_return(c, s); return;
    case STMT_FUNCDEF: {
        Scope *scope = symtable_child(c->u->scope, s);
        emit_decorators(c, &s->u.def.decorators);
        make_function(c, scope, &s->u.def.params, &s->u.def.body, NULL, s->u.def.name, s->line, s->col);
        apply_decorators(c, &s->u.def.decorators);
        name_op(c, s->u.def.name, CTX_STORE, s->line, s->col);
        return;
    }
    case STMT_CLASSDEF: compile_classdef(c, s); return;
    case STMT_IMPORT: compile_import(c, s); return;
    case STMT_TRY: compile_try(c, s); return;
    case STMT_WITH: compile_with(c, s, 0); return;
    case STMT_RAISE: {
        int n = 0;
        if (s->u.raise.exc) {
            compile_expr(c, s->u.raise.exc);
            n = 1;
            if (s->u.raise.cause) {
                compile_expr(c, s->u.raise.cause);
                n = 2;
            }
        }
        set_loc(c, s->line, s->col);
        emit(c, OP_RAISE_VARARGS, n);
        return;
    }
    case STMT_GLOBAL: return;
    case STMT_NONLOCAL: return;   /* symtable.c made the names free variables */
    case STMT_DEL:
        for (int i = 0; i < s->u.del.targets.len; i++) compile_del(c, s->u.del.targets.items[i]);
        return;
    case STMT_ASSERT: {
        int end = new_label(c);
        compile_jump_if(c, s->u.assert_.test, end, true);
        set_loc(c, s->line, s->col);
        emit(c, OP_LOAD_ASSERTION_ERROR, 0);
        if (s->u.assert_.msg) {
            emit(c, OP_PUSH_NULL, 0);
            compile_expr(c, s->u.assert_.msg);
            set_loc(c, s->line, s->col);
            emit(c, OP_CALL, 1);
        }
        emit(c, OP_RAISE_VARARGS, 1);
        bind(c, end);
        return;
    }
    default:
        error_at(c, s->line, s->col, "stitch: unsupported: this statement");
        return;
    }
}

static void compile_stmts(Compiler *c, NodeList *l) {
    for (int i = 0; i < l->len && !c->failed; i++) compile_stmt(c, l->items[i]);
}

Code *compile_module(VM *vm, Module *m, const char *filename, SyntaxDiag *err) {
    if (err) {
        err->kind = "SyntaxError";
        err->msg[0] = '\0';
    }
    Scope *top = symtable_build(m, err);
    if (!top) return NULL;
    vm->gc_pause++;
    Compiler c = {.vm = vm, .err = err, .cfilename = filename};
    c.filename = str_from_cstr(vm, filename);
    Code *co = NULL;
    if (!c.filename) {
        vm_failed(&c);
    } else {
        Unit u;
        push_unit(&c, &u, top);
        set_loc(&c, 1, 1);
        store_docstring(&c, &m->body);
        compile_stmts(&c, &m->body);
        co = finish_unit(&c, "<module>", "<module>", 0, CO_MODULE, 1, 0, 0);
        pop_unit(&c);
    }
    vm->gc_pause--;
    free(c.frozen);
    symtable_free(top);
    return c.failed ? NULL : co;
}
