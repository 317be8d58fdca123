/* symtable.c: scope analysis, the compiler's first pass.
 *
 * Builds one Scope per module, def, lambda and class body, recording for
 * each name whether it is a parameter, bound, declared global or read. The
 * code generator turns that into LOAD_FAST / LOAD_GLOBAL / LOAD_NAME.
 * Comprehensions are inlined into the enclosing scope, so their loop
 * variables are recorded nowhere here: the code generator gives them hidden
 * slots. What this pass does remember is which comprehension variables were
 * visible where a def or lambda was written, since reading one of those from
 * the nested function would need a closure. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "compiler.h"

void compiler_diag(SyntaxDiag *err, int line, int col, const char *fmt, ...) {
    if (!err) return;
    va_list ap;
    va_start(ap, fmt);
    err->kind = "SyntaxError";
    err->line = line;
    err->col = col;
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
}

static void *xrealloc(void *p, size_t n) {
    p = realloc(p, n);
    if (!p) {
        fprintf(stderr, "stitch: out of memory in the compiler\n");
        abort();
    }
    return p;
}

static uint64_t name_hash(const char *s) {
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* Slot in s->index where `name` is or would go. */
static int index_slot(Scope *s, const char *name) {
    int mask = s->indexcap - 1;
    int i = (int)(name_hash(name) & (uint64_t)mask);
    while (s->index[i] >= 0 && strcmp(s->syms[s->index[i]].name, name) != 0) i = (i + 1) & mask;
    return i;
}

Symbol *symtable_lookup(Scope *s, const char *name) {
    if (s->indexcap == 0) return NULL;
    int k = s->index[index_slot(s, name)];
    return k >= 0 ? &s->syms[k] : NULL;
}

static void rehash(Scope *s) {
    free(s->index);
    s->indexcap = s->indexcap ? s->indexcap * 2 : 16;
    s->index = xrealloc(NULL, sizeof(int) * (size_t)s->indexcap);
    for (int i = 0; i < s->indexcap; i++) s->index[i] = -1;
    for (int k = 0; k < s->nsyms; k++) s->index[index_slot(s, s->syms[k].name)] = k;
}

static Symbol *add_symbol(Scope *s, const char *name) {
    Symbol *sym = symtable_lookup(s, name);
    if (sym) return sym;
    if ((s->nsyms + 1) * 2 > s->indexcap) rehash(s);
    if (s->nsyms == s->symcap) {
        s->symcap = s->symcap ? s->symcap * 2 : 8;
        s->syms = xrealloc(s->syms, sizeof(Symbol) * (size_t)s->symcap);
    }
    s->syms[s->nsyms] = (Symbol){.name = name, .flags = 0};
    s->index[index_slot(s, name)] = s->nsyms;
    return &s->syms[s->nsyms++];
}

Scope *symtable_child(Scope *s, const void *node) {
    for (int i = 0; i < s->nchildren; i++)
        if (s->children[i]->node == node) return s->children[i];
    return NULL;
}

void symtable_free(Scope *s) {
    if (!s) return;
    for (int i = 0; i < s->nchildren; i++) symtable_free(s->children[i]);
    free(s->children);
    free(s->syms);
    free(s->index);
    free((void *)s->qualname);
    free(s->outer_comp);
    free(s->outer_comp_node);
    free(s->comp_cell_node);
    free(s->comp_cell_name);
    free(s);
}

/* ---- the walk --------------------------------------------------------------- */

typedef struct SymBuilder {
    Scope *cur;
    SyntaxDiag *err;
    bool failed;
    /* Comprehension variables in scope at this point of the walk. */
    const char **comp;
    const void **comp_node;    /* the comprehension binding each comp name */
    const void *cur_comp;      /* the comprehension whose targets are being visited */
    int ncomp, compcap;
    int comp_base;   /* entries below belong to an enclosing function */
} SymBuilder;

static char *dup_str(const char *s) {
    size_t n = strlen(s) + 1;
    return memcpy(xrealloc(NULL, n), s, n);
}

/* CPython's __qualname__: a function's children get "f.<locals>." before
 * their name, a class's get "C.", and a def declared global in its parent
 * gets its bare name. */
static char *make_qualname(Scope *parent, const char *name) {
    if (!parent || parent->kind == SCOPE_MODULE) return dup_str(name);
    if (parent->kind == SCOPE_FUNCTION) {
        Symbol *sym = symtable_lookup(parent, name);
        if (sym && (sym->flags & SYM_GLOBAL)) return dup_str(name);
    }
    const char *mid = parent->kind == SCOPE_FUNCTION ? ".<locals>." : ".";
    size_t n = strlen(parent->qualname) + strlen(mid) + strlen(name) + 1;
    char *q = xrealloc(NULL, n);
    snprintf(q, n, "%s%s%s", parent->qualname, mid, name);
    return q;
}

static Scope *new_scope(SymBuilder *b, ScopeKind kind, const void *node, const char *name) {
    Scope *s = xrealloc(NULL, sizeof(Scope));
    memset(s, 0, sizeof *s);
    s->kind = kind;
    s->node = node;
    s->name = name;
    s->parent = b->cur;
    if (b->cur) {
        Scope *p = b->cur;
        if (p->nchildren == p->childcap) {
            p->childcap = p->childcap ? p->childcap * 2 : 4;
            p->children = xrealloc(p->children, sizeof(Scope *) * (size_t)p->childcap);
        }
        p->children[p->nchildren++] = s;
        s->qualname = make_qualname(p, name);
    } else {
        s->qualname = dup_str(name);
    }
    int n = b->ncomp - b->comp_base;
    if (n > 0) {
        s->outer_comp = xrealloc(NULL, sizeof(char *) * (size_t)n);
        memcpy(s->outer_comp, b->comp + b->comp_base, sizeof(char *) * (size_t)n);
        s->outer_comp_node = xrealloc(NULL, sizeof(void *) * (size_t)n);
        memcpy(s->outer_comp_node, b->comp_node + b->comp_base, sizeof(void *) * (size_t)n);
        s->nouter_comp = n;
    }
    return s;
}

static bool comp_bound(SymBuilder *b, const char *name) {
    for (int i = b->ncomp - 1; i >= b->comp_base; i--)
        if (strcmp(b->comp[i], name) == 0) return true;
    return false;
}

static void use_name(SymBuilder *b, const char *name) {
    if (!comp_bound(b, name)) add_symbol(b->cur, name)->flags |= SYM_USED;
}

static void bind_name(SymBuilder *b, const char *name) {
    add_symbol(b->cur, name)->flags |= SYM_ASSIGNED;
}

static void visit_expr(SymBuilder *b, Expr *e);
static void visit_stmts(SymBuilder *b, NodeList *l);

static void visit_exprs(SymBuilder *b, NodeList *l) {
    for (int i = 0; i < l->len; i++) visit_expr(b, l->items[i]);
}

/* Assignment and del targets bind names; subexpressions of attribute and
 * subscript targets are reads. */
static void visit_target(SymBuilder *b, Expr *e) {
    switch (e->kind) {
    case EXPR_NAME: bind_name(b, e->u.name); break;
    case EXPR_TUPLE:
    case EXPR_LIST:
        for (int i = 0; i < e->u.seq.elts.len; i++) visit_target(b, e->u.seq.elts.items[i]);
        break;
    case EXPR_STARRED: visit_target(b, e->u.starred.value); break;
    default: visit_expr(b, e); break;
    }
}

/* Comprehension targets: names pushed on the comprehension stack. */
static void visit_comp_target(SymBuilder *b, Expr *e) {
    switch (e->kind) {
    case EXPR_NAME:
        if (b->ncomp == b->compcap) {
            b->compcap = b->compcap ? b->compcap * 2 : 8;
            b->comp = xrealloc(b->comp, sizeof(char *) * (size_t)b->compcap);
            b->comp_node = xrealloc(b->comp_node, sizeof(void *) * (size_t)b->compcap);
        }
        b->comp_node[b->ncomp] = b->cur_comp;
        b->comp[b->ncomp++] = e->u.name;
        break;
    case EXPR_TUPLE:
    case EXPR_LIST:
        for (int i = 0; i < e->u.seq.elts.len; i++) visit_comp_target(b, e->u.seq.elts.items[i]);
        break;
    case EXPR_STARRED: visit_comp_target(b, e->u.starred.value); break;
    default: visit_expr(b, e); break;
    }
}

static void visit_params(SymBuilder *b, Params *p) {
    for (int i = 0; i < p->names.len; i++)
        add_symbol(b->cur, p->names.items[i])->flags |= SYM_PARAM;
    for (int i = 0; i < p->kwonly.len; i++)
        add_symbol(b->cur, p->kwonly.items[i])->flags |= SYM_PARAM;
    if (p->vararg) add_symbol(b->cur, p->vararg)->flags |= SYM_PARAM;
    if (p->kwarg) add_symbol(b->cur, p->kwarg)->flags |= SYM_PARAM;
}

static void visit_expr(SymBuilder *b, Expr *e) {
    if (!e || b->failed) return;
    switch (e->kind) {
    case EXPR_NAME:
        if (e->ctx == CTX_LOAD) use_name(b, e->u.name);
        else bind_name(b, e->u.name);
        break;
    case EXPR_INT: case EXPR_FLOAT: case EXPR_STR: case EXPR_NONE:
    case EXPR_TRUE: case EXPR_FALSE: case EXPR_ELLIPSIS:
        break;
    case EXPR_BINOP: visit_expr(b, e->u.binop.left); visit_expr(b, e->u.binop.right); break;
    case EXPR_UNARYOP: visit_expr(b, e->u.unary.operand); break;
    case EXPR_BOOLOP: visit_exprs(b, &e->u.boolop.values); break;
    case EXPR_COMPARE:
        visit_expr(b, e->u.compare.left);
        visit_exprs(b, &e->u.compare.comparators);
        break;
    case EXPR_CALL:
        visit_expr(b, e->u.call.func);
        visit_exprs(b, &e->u.call.args);
        visit_exprs(b, &e->u.call.kwvalues);
        break;
    case EXPR_ATTRIBUTE: visit_expr(b, e->u.attr.value); break;
    case EXPR_SUBSCRIPT: visit_expr(b, e->u.subscript.value); visit_expr(b, e->u.subscript.index); break;
    case EXPR_SLICE:
        visit_expr(b, e->u.slice.lower);
        visit_expr(b, e->u.slice.upper);
        visit_expr(b, e->u.slice.step);
        break;
    case EXPR_TUPLE: case EXPR_LIST:
        if (e->ctx == CTX_LOAD) visit_exprs(b, &e->u.seq.elts);
        else visit_target(b, e);
        break;
    case EXPR_DICT: visit_exprs(b, &e->u.dict.keys); visit_exprs(b, &e->u.dict.values); break;
    case EXPR_SET: visit_exprs(b, &e->u.seq.elts); break;
    case EXPR_NAMED:
        /* PEP 572: binds in the enclosing function even inside a
         * comprehension (comprehensions are inlined, so that is b->cur). */
        visit_expr(b, e->u.named.value);
        bind_name(b, e->u.named.target->u.name);
        break;
    case EXPR_IFEXP:
        visit_expr(b, e->u.ifexp.test);
        visit_expr(b, e->u.ifexp.body);
        visit_expr(b, e->u.ifexp.orelse);
        break;
    case EXPR_YIELD:
    case EXPR_YIELD_FROM:
        if (b->cur->kind == SCOPE_FUNCTION) b->cur->is_generator = true;
        if (e->u.yield_.value) visit_expr(b, e->u.yield_.value);
        break;
    case EXPR_GENEXP: {
        visit_expr(b, e->u.lambda.outer);
        Scope *s = new_scope(b, SCOPE_FUNCTION, e, "<genexpr>");
        s->is_lambda = s->is_genexp = true;
        Scope *saved = b->cur;
        int saved_base = b->comp_base;
        b->cur = s;
        b->comp_base = b->ncomp;
        visit_params(b, &e->u.lambda.params);
        visit_stmts(b, &e->u.lambda.genbody);
        b->cur = saved;
        b->comp_base = saved_base;
        break;
    }
    case EXPR_LAMBDA: {
        visit_exprs(b, &e->u.lambda.params.defaults);
        visit_exprs(b, &e->u.lambda.params.kwdefaults);
        Scope *s = new_scope(b, SCOPE_FUNCTION, e, "<lambda>");
        s->is_lambda = true;
        Scope *saved = b->cur;
        int saved_base = b->comp_base;
        b->cur = s;
        b->comp_base = b->ncomp;   /* outer comprehension names are in outer_comp */
        visit_params(b, &e->u.lambda.params);
        visit_expr(b, e->u.lambda.body);
        b->cur = saved;
        b->comp_base = saved_base;
        break;
    }
    case EXPR_LISTCOMP: case EXPR_DICTCOMP: case EXPR_SETCOMP: {
        int saved = b->ncomp;
        NodeList *gens = &e->u.comp.generators;
        for (int i = 0; i < gens->len; i++) {
            Comprehension *g = gens->items[i];
            visit_expr(b, g->iter);   /* the first one is evaluated outside */
            b->cur_comp = e;
            visit_comp_target(b, g->target);
            visit_exprs(b, &g->ifs);
        }
        visit_expr(b, e->u.comp.key);
        visit_expr(b, e->u.comp.elt);
        b->ncomp = saved;
        break;
    }
    case EXPR_STARRED: visit_expr(b, e->u.starred.value); break;
    case EXPR_FSTRING: visit_exprs(b, &e->u.fstring.parts); break;
    case EXPR_FORMATTED: visit_expr(b, e->u.formatted.value); visit_expr(b, e->u.formatted.spec); break;
    default: break;
    }
}

static void visit_global(SymBuilder *b, Stmt *st) {
    for (int i = 0; i < st->u.names.names.len; i++) {
        const char *name = st->u.names.names.items[i];
        Symbol *sym = add_symbol(b->cur, name);
        const char *why = (sym->flags & SYM_PARAM) ? "is parameter and global"
                        : (sym->flags & SYM_ASSIGNED) ? "is assigned to before global declaration"
                        : (sym->flags & SYM_USED) ? "is used prior to global declaration"
                        : NULL;
        if (why) {
            compiler_diag(b->err, st->line, st->col, "name '%s' %s", name, why);
            b->failed = true;
            return;
        }
        sym->flags |= SYM_GLOBAL;
    }
}

static void visit_nonlocal(SymBuilder *b, Stmt *st) {
    for (int i = 0; i < st->u.names.names.len; i++) {
        const char *name = st->u.names.names.items[i];
        Symbol *sym = add_symbol(b->cur, name);
        const char *why = (sym->flags & SYM_PARAM) ? "is parameter and nonlocal"
                        : (sym->flags & SYM_GLOBAL) ? "is nonlocal and global"
                        : (sym->flags & SYM_ASSIGNED) ? "is assigned to before nonlocal declaration"
                        : (sym->flags & SYM_USED) ? "is used prior to nonlocal declaration"
                        : NULL;
        if (why) {
            compiler_diag(b->err, st->line, st->col, "name '%s' %s", name, why);
            b->failed = true;
            return;
        }
        if (b->cur->kind == SCOPE_MODULE) {
            compiler_diag(b->err, st->line, st->col, "nonlocal declaration not allowed at module level");
            b->failed = true;
            return;
        }
        sym->flags |= SYM_NONLOCAL | SYM_FREE;
        sym->line = st->line;
        sym->col = st->col;
    }
}

static void visit_stmt(SymBuilder *b, Stmt *st) {
    if (b->failed) return;
    switch (st->kind) {
    case STMT_EXPR: visit_expr(b, st->u.expr.value); break;
    case STMT_ASSIGN:
        visit_expr(b, st->u.assign.value);
        for (int i = 0; i < st->u.assign.targets.len; i++) visit_target(b, st->u.assign.targets.items[i]);
        break;
    case STMT_AUGASSIGN:
        visit_expr(b, st->u.augassign.value);
        if (st->u.augassign.target->kind == EXPR_NAME) use_name(b, st->u.augassign.target->u.name);
        visit_target(b, st->u.augassign.target);
        break;
    case STMT_IF:
        visit_expr(b, st->u.if_.test);
        visit_stmts(b, &st->u.if_.body);
        visit_stmts(b, &st->u.if_.orelse);
        break;
    case STMT_WHILE:
        visit_expr(b, st->u.loop.test);
        visit_stmts(b, &st->u.loop.body);
        visit_stmts(b, &st->u.loop.orelse);
        break;
    case STMT_FOR:
        visit_expr(b, st->u.loop.iter);
        visit_target(b, st->u.loop.target);
        visit_stmts(b, &st->u.loop.body);
        visit_stmts(b, &st->u.loop.orelse);
        break;
    case STMT_RETURN: visit_expr(b, st->u.ret.value); break;
    case STMT_FUNCDEF: {
        visit_exprs(b, &st->u.def.decorators);
        visit_exprs(b, &st->u.def.params.defaults);
        visit_exprs(b, &st->u.def.params.kwdefaults);
        Scope *s = new_scope(b, SCOPE_FUNCTION, st, st->u.def.name);
        bind_name(b, st->u.def.name);
        Scope *saved = b->cur;
        int saved_base = b->comp_base;
        b->cur = s;
        b->comp_base = b->ncomp;
        visit_params(b, &st->u.def.params);
        visit_stmts(b, &st->u.def.body);
        b->cur = saved;
        b->comp_base = saved_base;
        break;
    }
    case STMT_CLASSDEF: {
        visit_exprs(b, &st->u.cls.decorators);
        visit_exprs(b, &st->u.cls.bases);
        Scope *s = new_scope(b, SCOPE_CLASS, st, st->u.cls.name);
        bind_name(b, st->u.cls.name);
        Scope *saved = b->cur;
        b->cur = s;
        visit_stmts(b, &st->u.cls.body);
        b->cur = saved;
        break;
    }
    case STMT_TRY:
        visit_stmts(b, &st->u.try_.body);
        for (int i = 0; i < st->u.try_.handlers.len; i++) {
            Handler *h = st->u.try_.handlers.items[i];
            visit_expr(b, h->type);
            if (h->name) bind_name(b, h->name);
            visit_stmts(b, &h->body);
        }
        visit_stmts(b, &st->u.try_.orelse);
        visit_stmts(b, &st->u.try_.finalbody);
        break;
    case STMT_RAISE: visit_expr(b, st->u.raise.exc); visit_expr(b, st->u.raise.cause); break;
    case STMT_GLOBAL: visit_global(b, st); break;
    case STMT_NONLOCAL: visit_nonlocal(b, st); break;
    case STMT_DEL:
        for (int i = 0; i < st->u.del.targets.len; i++) visit_target(b, st->u.del.targets.items[i]);
        break;
    case STMT_ASSERT: visit_expr(b, st->u.assert_.test); visit_expr(b, st->u.assert_.msg); break;
    case STMT_IMPORT:
        for (int i = 0; i < st->u.import_.names.len; i++) {
            const char *as = st->u.import_.asnames.items[i];
            const char *name = st->u.import_.names.items[i];
            if (as) bind_name(b, as);
            else if (strcmp(name, "*") != 0) bind_name(b, name);
        }
        break;
    case STMT_WITH:
        for (int i = 0; i < st->u.with_.items.len; i++) {
            visit_expr(b, st->u.with_.items.items[i]);
            if (st->u.with_.vars.items[i]) visit_target(b, st->u.with_.vars.items[i]);
        }
        visit_stmts(b, &st->u.with_.body);
        break;
    default: break;
    }
}

static void visit_stmts(SymBuilder *b, NodeList *l) {
    for (int i = 0; i < l->len && !b->failed; i++) visit_stmt(b, l->items[i]);
}

/* ---- cells and free variables ------------------------------------------------ */

bool symtable_comp_cell(Scope *s, const void *comp, const char *name) {
    for (int i = 0; i < s->ncomp_cells; i++)
        if (s->comp_cell_node[i] == comp && strcmp(s->comp_cell_name[i], name) == 0) return true;
    return false;
}

static void add_comp_cell(Scope *s, const void *comp, const char *name) {
    if (symtable_comp_cell(s, comp, name)) return;
    size_t n = (size_t)s->ncomp_cells + 1;
    s->comp_cell_node = xrealloc(s->comp_cell_node, sizeof(void *) * n);
    s->comp_cell_name = xrealloc(s->comp_cell_name, sizeof(char *) * n);
    s->comp_cell_node[s->ncomp_cells] = comp;
    s->comp_cell_name[s->ncomp_cells++] = name;
}

/* Mark `name` free in s and each scope above it up to (not including) top. */
static void mark_free(Scope *s, Scope *top, const char *name) {
    for (; s != top; s = s->parent) add_symbol(s, name)->flags |= SYM_FREE;
}

/* Find the binding of `name`, read or declared nonlocal in s but not bound
 * there: an enclosing function's variable (which becomes a cell) or an
 * enclosing comprehension's; class bodies are skipped but pass it on.
 * Returns false for a nonlocal without a binding. */
static bool resolve_free(Scope *s, const char *name, bool nonlocal) {
    for (Scope *cur = s; cur; cur = cur->parent) {
        for (int i = cur->nouter_comp - 1; i >= 0; i--) {
            if (strcmp(cur->outer_comp[i], name) == 0) {
                add_comp_cell(cur->parent, cur->outer_comp_node[i], name);
                mark_free(s, cur->parent, name);
                return true;
            }
        }
        Scope *p = cur->parent;
        if (!p || p->kind == SCOPE_MODULE) return !nonlocal;
        if (p->kind != SCOPE_FUNCTION) continue;
        Symbol *sym = symtable_lookup(p, name);
        if (!sym) continue;
        if (sym->flags & SYM_GLOBAL) return !nonlocal;
        if (sym->flags & SYM_NONLOCAL) continue;
        if (sym->flags & (SYM_PARAM | SYM_ASSIGNED)) {
            sym->flags |= SYM_CELL;
            mark_free(s, p, name);
            return true;
        }
    }
    return !nonlocal;
}

/* Parents first, so a nonlocal's binding scope is final before its users. */
static bool analyze(Scope *s, SyntaxDiag *err) {
    if (s->kind != SCOPE_MODULE) {
        for (int i = 0; i < s->nsyms; i++) {
            int f = s->syms[i].flags;
            const char *name = s->syms[i].name;
            bool nonlocal = f & SYM_NONLOCAL;
            if (!nonlocal && (f & (SYM_GLOBAL | SYM_PARAM | SYM_ASSIGNED | SYM_FREE))) continue;
            if (!nonlocal && !(f & SYM_USED)) continue;
            if (!resolve_free(s, name, nonlocal)) {
                Symbol *sym = &s->syms[i];
                compiler_diag(err, sym->line, sym->col, "no binding for nonlocal '%s' found", name);
                return false;
            }
        }
    }
    for (int i = 0; i < s->nchildren; i++)
        if (!analyze(s->children[i], err)) return false;
    return true;
}

Scope *symtable_build(Module *m, SyntaxDiag *err) {
    SymBuilder b = {.err = err};
    Scope *top = new_scope(&b, SCOPE_MODULE, NULL, "<module>");
    b.cur = top;
    visit_stmts(&b, &m->body);
    free(b.comp);
    free(b.comp_node);
    if (!b.failed && !analyze(top, err)) b.failed = true;
    if (b.failed) {
        symtable_free(top);
        return NULL;
    }
    return top;
}
