/* parser.c: recursive descent over the token array, one function per
 * grammar rule of CPython 3.11's grammar (the subset stitch runs), with
 * precedence climbing for the binary operators. Every function returns
 * NULL (or false) once an error is recorded; the first error wins. */
#include "parser.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Nesting of expressions (each level may cost a dozen C frames). */
#define MAX_DEPTH 1000

typedef struct Parser {
    Arena *a;
    const char *src;
    Token *toks;
    int ntoks, pos;
    SyntaxDiag *err;
    bool failed;
    bool err_at_eof;    /* the parser stood at the end when it failed */
    int err_tok_line;   /* the line of the token it stood at */
    bool no_override;   /* an error no lexical error replaces */
    bool err_at_lex_error; /* it stood at the lexer's error token */
    SyntaxDiag deferred;
    int depth;
    bool no_in;         /* a for-target: a comparison stops before `in` */
    int fstring_depth;  /* replacement fields nested in format specs */
} Parser;

/* ---- tokens and errors -------------------------------------------------- */

static Token *peek(Parser *p) {
    return &p->toks[p->pos];
}

static TokenKind kind_at(Parser *p, int ahead) {
    int i = p->pos + ahead;
    return p->toks[i < p->ntoks ? i : p->ntoks - 1].kind;
}

static TokenKind peek_kind(Parser *p) {
    return p->toks[p->pos].kind;
}

static Token *advance(Parser *p) {
    Token *t = &p->toks[p->pos];
    if (p->pos < p->ntoks - 1) p->pos++;
    return t;
}

static bool accept(Parser *p, TokenKind k) {
    if (peek_kind(p) != k) return false;
    advance(p);
    return true;
}

/* Record the first error: at `at` in the source (col from the pointer) or,
 * with at == NULL, at line:col. Also notes where the parser stood, which
 * decides whether an unclosed bracket is blamed instead. */
static void verror(Parser *p, const char *kind, int line, int col, const char *at,
                   const char *fmt, va_list ap) {
    if (p->failed) return;
    p->failed = true;
    p->err_tok_line = peek(p)->line;
    p->err_at_eof = peek(p)->kind == TK_EOF;
    p->err_at_lex_error = peek(p)->kind == TK_ERROR;
    char msg[256];
    vsnprintf(msg, sizeof msg, fmt, ap);
    syntax_diag_set(p->err, kind, line, col, at ? p->src : NULL, at, "%s", msg);
}

/* Record a SyntaxError at token t; returns NULL for `return error_at(...)`. */
__attribute__((format(printf, 3, 4)))
static void *error_at(Parser *p, const Token *t, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    verror(p, "SyntaxError", t->line, t->col, t->start, fmt, ap);
    va_end(ap);
    return NULL;
}

__attribute__((format(printf, 3, 4)))
static void *indent_error_at(Parser *p, const Token *t, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    verror(p, "IndentationError", t->line, t->col, t->start, fmt, ap);
    va_end(ap);
    return NULL;
}

/* An error located at a node rather than a token. */
__attribute__((format(printf, 3, 4)))
static void *error_at_node(Parser *p, const Expr *e, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    verror(p, "SyntaxError", e->line, e->col, NULL, fmt, ap);
    va_end(ap);
    return NULL;
}

/* An error CPython's compiler (not its parser) reports: parsing goes on,
 * and it is reported only if the rest of the source parses. */
__attribute__((format(printf, 4, 5)))
static void deferred_error(Parser *p, int line, int col, const char *fmt, ...) {
    if (p->deferred.kind) return;
    va_list ap;
    va_start(ap, fmt);
    char msg[256];
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    syntax_diag_set(&p->deferred, "SyntaxError", line, col, NULL, NULL, "%s", msg);
}

/* The generic error for an unexpected token. */
static void *invalid_syntax(Parser *p) {
    Token *t = peek(p);
    if (t->kind == TK_INDENT) {
        /* CPython points at the last character of the indentation, and
         * lets no later lexical error take this one's place. */
        if (p->failed) return NULL;
        error_at(p, t, "%s", "");
        syntax_diag_set(p->err, "IndentationError", t->line, 1, p->src,
                        t->start > p->src ? t->start - 1 : t->start, "unexpected indent");
        p->no_override = true;
        return NULL;
    }
    if (t->kind == TK_DEDENT) return indent_error_at(p, t, "unexpected unindent");
    return error_at(p, t, "invalid syntax");
}

static bool expect(Parser *p, TokenKind k) {
    if (accept(p, k)) return true;
    invalid_syntax(p);
    return false;
}

/* A block header's ':'. CPython says "expected ':'" where its grammar
 * forces the colon, and for if/elif/while/except only before a newline. */
static bool expect_colon(Parser *p, bool forced) {
    if (accept(p, TK_COLON)) return true;
    if (forced || peek_kind(p) == TK_NEWLINE) error_at(p, peek(p), "expected ':'");
    else invalid_syntax(p);
    return false;
}

static bool enter(Parser *p) {
    if (++p->depth > MAX_DEPTH) {
        error_at(p, peek(p), "too many nested expressions");
        return false;
    }
    return true;
}

/* ---- node construction -------------------------------------------------- */

static Expr *new_expr(Parser *p, ExprKind kind, int line, int col) {
    Expr *e = arena_alloc(p->a, sizeof(Expr));
    e->kind = kind;
    e->line = line;
    e->col = col;
    return e;
}

static Expr *expr_at(Parser *p, ExprKind kind, const Token *t) {
    return new_expr(p, kind, t->line, t->col);
}

static Stmt *stmt_at(Parser *p, StmtKind kind, const Token *t) {
    Stmt *s = arena_alloc(p->a, sizeof(Stmt));
    s->kind = kind;
    s->line = t->line;
    s->col = t->col;
    return s;
}

static const char *token_text(Parser *p, const Token *t) {
    return arena_strndup(p->a, t->start, t->len);
}

static Expr *binop(Parser *p, BinOp op, Expr *l, Expr *r) {
    Expr *e = new_expr(p, EXPR_BINOP, l->line, l->col);
    e->u.binop.op = op;
    e->u.binop.left = l;
    e->u.binop.right = r;
    return e;
}

/* ---- targets -------------------------------------------------------------- */

/* CPython's name for an expression kind in "cannot assign to ..." */
static const char *expr_name(const Expr *e) {
    switch (e->kind) {
    case EXPR_ATTRIBUTE: return "attribute";
    case EXPR_SUBSCRIPT: return "subscript";
    case EXPR_STARRED: return "starred";
    case EXPR_NAME: return "name";
    case EXPR_LIST: return "list";
    case EXPR_TUPLE: return "tuple";
    case EXPR_LAMBDA: return "lambda";
    case EXPR_CALL: return "function call";
    case EXPR_BOOLOP: case EXPR_BINOP: case EXPR_UNARYOP: return "expression";
    case EXPR_LISTCOMP: return "list comprehension";
    case EXPR_DICTCOMP: return "dict comprehension";
    case EXPR_DICT: return "dict literal";
    case EXPR_SET: return "set display";
    case EXPR_SETCOMP: return "set comprehension";
    case EXPR_GENEXP: return "generator expression";
    case EXPR_YIELD: case EXPR_YIELD_FROM: return "yield expression";
    case EXPR_NAMED: return "named expression";
    case EXPR_FSTRING: case EXPR_FORMATTED: return "f-string expression";
    case EXPR_NONE: return "None";
    case EXPR_TRUE: return "True";
    case EXPR_FALSE: return "False";
    case EXPR_ELLIPSIS: return "ellipsis";
    case EXPR_COMPARE: return "comparison";
    case EXPR_IFEXP: return "conditional expression";
    case EXPR_SLICE: return "slice";
    default: return "literal";
    }
}

/* Set ctx on a target, recursively through tuples, lists and starred.
 * Returns the first sub-expression that cannot be a target, or NULL. */
static Expr *set_ctx(Expr *e, ExprCtx ctx) {
    switch (e->kind) {
    case EXPR_NAME: case EXPR_ATTRIBUTE: case EXPR_SUBSCRIPT:
        e->ctx = ctx;
        return NULL;
    case EXPR_STARRED:
        if (ctx == CTX_DEL) return e;
        e->ctx = ctx;
        return set_ctx(e->u.starred.value, ctx);
    case EXPR_TUPLE: case EXPR_LIST:
        e->ctx = ctx;
        for (int i = 0; i < e->u.seq.elts.len; i++) {
            Expr *bad = set_ctx(e->u.seq.elts.items[i], ctx);
            if (bad) return bad;
        }
        return NULL;
    default:
        return e;
    }
}

/* Starred targets: only inside a tuple or list, at most one per level
 * (compiler errors in CPython, hence deferred). */
static void check_starred(Parser *p, Expr *e, bool top) {
    if (e->kind == EXPR_STARRED) {
        if (top) deferred_error(p, e->line, e->col, "starred assignment target must be in a list or tuple");
        check_starred(p, e->u.starred.value, false);
        return;
    }
    if (e->kind != EXPR_TUPLE && e->kind != EXPR_LIST) return;
    int nstar = 0;
    for (int i = 0; i < e->u.seq.elts.len; i++) {
        Expr *el = e->u.seq.elts.items[i];
        if (el->kind == EXPR_STARRED && ++nstar == 2)
            deferred_error(p, e->line, e->col, "multiple starred expressions in assignment");
        check_starred(p, el, false);
    }
}

/* Make e a store target ("cannot assign to ...") or a del target. */
static bool make_target(Parser *p, Expr *e, ExprCtx ctx) {
    Expr *bad = set_ctx(e, ctx);
    if (bad) {
        error_at_node(p, bad, ctx == CTX_DEL ? "cannot delete %s" : "cannot assign to %s",
                      expr_name(bad));
        return false;
    }
    if (ctx == CTX_STORE) check_starred(p, e, true);
    return true;
}

/* ---- expressions ------------------------------------------------------------ */

static Expr *parse_expression(Parser *p);
static Expr *parse_disjunction(Parser *p);
static Expr *parse_bitor(Parser *p);
static Expr *parse_star_expressions(Parser *p);
static Expr *parse_named_expression(Parser *p);
static Expr *parse_primary(Parser *p);
static Expr *parse_strings(Parser *p);
static bool parse_params(Parser *p, Params *params, TokenKind end, bool annotations);

static bool starts_expression(TokenKind k) {
    switch (k) {
    case TK_NAME: case TK_INT: case TK_FLOAT: case TK_STRING: case TK_FSTRING:
    case TK_LBRACE: case TK_TILDE: case TK_NONE: case TK_TRUE: case TK_FALSE:
    case TK_LAMBDA: case TK_NOT: case TK_ELLIPSIS:
        return true;
    default:
        return false;
    }
}

/* Inside brackets, two expressions in a row: CPython's comma hint. */
static void *missing_comma_or_invalid(Parser *p, const Expr *prev) {
    /* Not for NAME STRING, as CPython (`print "x"` is a legacy statement). */
    bool name_string = prev && prev->kind == EXPR_NAME &&
                       (peek_kind(p) == TK_STRING || peek_kind(p) == TK_FSTRING);
    if (prev && starts_expression(peek_kind(p)) && !name_string)
        return error_at_node(p, prev, "invalid syntax. Perhaps you forgot a comma?");
    return invalid_syntax(p);
}

static bool expect_closing(Parser *p, TokenKind k, const Expr *prev) {
    if (accept(p, k)) return true;
    missing_comma_or_invalid(p, prev);
    return false;
}

/* A bracketed construct: `for` targets may use `in` again inside it. */
static bool save_no_in(Parser *p) {
    bool saved = p->no_in;
    p->no_in = false;
    return saved;
}

/* ('for' targets 'in' disjunction ('if' disjunction)*)+ */
static bool parse_generators(Parser *p, NodeList *gens) {
    while (peek_kind(p) == TK_FOR) {
        advance(p);
        Comprehension *c = arena_alloc(p->a, sizeof(Comprehension));
        bool saved = p->no_in;
        p->no_in = true;
        c->target = parse_star_expressions(p);
        p->no_in = saved;
        if (!c->target || !make_target(p, c->target, CTX_STORE)) return false;
        if (!expect(p, TK_IN)) return false;
        if (!(c->iter = parse_disjunction(p))) return false;
        while (accept(p, TK_IF)) {
            Expr *cond = parse_disjunction(p);
            if (!cond) return false;
            nodelist_push(p->a, &c->ifs, cond);
        }
        nodelist_push(p->a, gens, c);
    }
    if (peek_kind(p) == TK_ASYNC) {
        error_at(p, peek(p), "stitch: unsupported: asynchronous comprehensions");
        return false;
    }
    return true;
}

/* '*' bitwise_or | named_expression (an element of a display). */
static Expr *parse_star_named(Parser *p) {
    if (peek_kind(p) == TK_STAR) {
        Token *t = advance(p);
        Expr *v = parse_bitor(p);
        if (!v) return NULL;
        Expr *e = expr_at(p, EXPR_STARRED, t);
        e->u.starred.value = v;
        return e;
    }
    return parse_named_expression(p);
}

/* `yield [value]` or `yield from value` (the yield token is next). */
static Expr *parse_yield(Parser *p) {
    Token *t = advance(p);
    if (accept(p, TK_FROM)) {
        Expr *e = expr_at(p, EXPR_YIELD_FROM, t);
        return (e->u.yield_.value = parse_expression(p)) ? e : NULL;
    }
    Expr *e = expr_at(p, EXPR_YIELD, t);
    switch (peek_kind(p)) {
    case TK_NEWLINE: case TK_RPAR: case TK_SEMI: case TK_ASSIGN: case TK_RSQB:
    case TK_RBRACE: case TK_EOF:
        return e;
    default:
        return (e->u.yield_.value = parse_star_expressions(p)) ? e : NULL;
    }
}

static Stmt *genexp_stmt(Parser *p, StmtKind kind, const Expr *at) {
    Stmt *s = arena_alloc(p->a, sizeof(Stmt));
    s->kind = kind;
    s->line = at->line;
    s->col = at->col;
    return s;
}

/* `elt for ...` (the `for` is next): a GENEXP whose body is the loops as
 * statements, the outermost iterating over the parameter ".0". */
static Expr *parse_genexp(Parser *p, Expr *elt) {
    Expr *e = new_expr(p, EXPR_GENEXP, elt->line, elt->col);
    NodeList gens = {0};
    if (!parse_generators(p, &gens)) return NULL;
    Expr *y = new_expr(p, EXPR_YIELD, elt->line, elt->col);
    y->u.yield_.value = elt;
    Stmt *inner = genexp_stmt(p, STMT_EXPR, elt);
    inner->u.expr.value = y;
    for (int i = gens.len - 1; i >= 0; i--) {
        Comprehension *g = gens.items[i];
        for (int k = g->ifs.len - 1; k >= 0; k--) {
            Expr *cond = g->ifs.items[k];
            Stmt *s = genexp_stmt(p, STMT_IF, cond);
            s->u.if_.test = cond;
            nodelist_push(p->a, &s->u.if_.body, inner);
            inner = s;
        }
        Stmt *f = genexp_stmt(p, STMT_FOR, g->iter);
        f->u.loop.target = g->target;
        if (i == 0) {
            Expr *arg = new_expr(p, EXPR_NAME, g->iter->line, g->iter->col);
            arg->u.name = ".0";
            arg->ctx = CTX_LOAD;
            f->u.loop.iter = arg;
            e->u.lambda.outer = g->iter;
        } else {
            f->u.loop.iter = g->iter;
        }
        nodelist_push(p->a, &f->u.loop.body, inner);
        inner = f;
    }
    nodelist_push(p->a, &e->u.lambda.genbody, inner);
    nodelist_push(p->a, &e->u.lambda.params.names, (void *)".0");
    return e;
}

/* The elements after the first of a tuple or list display, up to `close`. */
static Expr *parse_display_rest(Parser *p, Expr *e, Expr *first, TokenKind close) {
    nodelist_push(p->a, &e->u.seq.elts, first);
    Expr *prev = first;
    while (accept(p, TK_COMMA)) {
        if (peek_kind(p) == close) break;
        Expr *el = parse_star_named(p);
        if (!el) return NULL;
        nodelist_push(p->a, &e->u.seq.elts, el);
        prev = el;
    }
    return expect_closing(p, close, prev) ? e : NULL;
}

static Expr *parse_paren(Parser *p) {
    Token *open = advance(p);
    if (accept(p, TK_RPAR)) return expr_at(p, EXPR_TUPLE, open);
    if (peek_kind(p) == TK_YIELD) {
        Expr *y = parse_yield(p);
        return y && expect_closing(p, TK_RPAR, y) ? y : NULL;
    }
    Expr *first = parse_star_named(p);
    if (!first) return NULL;
    if (peek_kind(p) == TK_FOR) {
        Expr *g = parse_genexp(p, first);
        return g && expect_closing(p, TK_RPAR, first) ? g : NULL;
    }
    if (peek_kind(p) == TK_COMMA) return parse_display_rest(p, expr_at(p, EXPR_TUPLE, open), first, TK_RPAR);
    if (first->kind == EXPR_STARRED) return error_at_node(p, first, "cannot use starred expression here");
    if (!expect_closing(p, TK_RPAR, first)) return NULL;
    return first;
}

static Expr *parse_list(Parser *p) {
    Token *open = advance(p);
    Expr *e = expr_at(p, EXPR_LIST, open);
    if (accept(p, TK_RSQB)) return e;
    Expr *first = parse_star_named(p);
    if (!first) return NULL;
    if (peek_kind(p) == TK_FOR) {
        if (first->kind == EXPR_STARRED)
            return error_at_node(p, first, "iterable unpacking cannot be used in comprehension");
        e->kind = EXPR_LISTCOMP;
        e->u.comp.elt = first;
        if (!parse_generators(p, &e->u.comp.generators)) return NULL;
        return expect_closing(p, TK_RSQB, NULL) ? e : NULL;
    }
    return parse_display_rest(p, e, first, TK_RSQB);
}

/* The items of a dict display from the first one (key: value, or with key
 * NULL when the next token is `**`): `**m` items have a NULL key, as in
 * CPython's AST. */
static Expr *parse_dict_rest(Parser *p, Expr *e, Expr *key, Expr *value) {
    bool have = key != NULL;  /* the first pair is already read */
    for (;;) {
        if (!have && accept(p, TK_DOUBLESTAR)) {
            key = NULL;
            if (!(value = parse_bitor(p))) return NULL;
        } else if (!have) {
            if (!(key = parse_expression(p))) return NULL;
            if (peek_kind(p) != TK_COLON) return error_at_node(p, key, "':' expected after dictionary key");
            advance(p);
            if (!(value = parse_expression(p))) return NULL;
        }
        have = false;
        nodelist_push(p->a, &e->u.dict.keys, key);
        nodelist_push(p->a, &e->u.dict.values, value);
        if (!accept(p, TK_COMMA) || peek_kind(p) == TK_RBRACE) break;
    }
    return expect_closing(p, TK_RBRACE, value) ? e : NULL;
}

static Expr *parse_brace(Parser *p) {
    Token *open = advance(p);
    Expr *e = expr_at(p, EXPR_DICT, open);
    if (accept(p, TK_RBRACE)) return e;
    if (peek_kind(p) == TK_DOUBLESTAR) return parse_dict_rest(p, e, NULL, NULL);
    Expr *key = parse_star_named(p);
    if (!key) return NULL;
    if (peek_kind(p) != TK_COLON) {
        if (peek_kind(p) == TK_FOR) {
            if (key->kind == EXPR_STARRED)
                return error_at_node(p, key, "iterable unpacking cannot be used in comprehension");
            e->kind = EXPR_SETCOMP;
            e->u.comp.elt = key;
            if (!parse_generators(p, &e->u.comp.generators)) return NULL;
            return expect_closing(p, TK_RBRACE, NULL) ? e : NULL;
        }
        if (peek_kind(p) == TK_COMMA || peek_kind(p) == TK_RBRACE) {
            e->kind = EXPR_SET;
            return parse_display_rest(p, e, key, TK_RBRACE);
        }
        return missing_comma_or_invalid(p, key);
    }
    advance(p);
    Expr *value = parse_expression(p);
    if (!value) return NULL;
    if (peek_kind(p) == TK_FOR) {
        e->kind = EXPR_DICTCOMP;
        e->u.comp.key = key;
        e->u.comp.elt = value;
        if (!parse_generators(p, &e->u.comp.generators)) return NULL;
        return expect_closing(p, TK_RBRACE, NULL) ? e : NULL;
    }
    return parse_dict_rest(p, e, key, value);
}

static Expr *parse_number(Parser *p) {
    Token *t = advance(p);
    Expr *e = expr_at(p, t->kind == TK_INT ? EXPR_INT : EXPR_FLOAT, t);
    if (t->kind == TK_INT) {
        e->u.int_text = token_text(p, t);
        return e;
    }
    char *digits = arena_alloc(p->a, t->len + 1);
    size_t n = 0;
    for (size_t i = 0; i < t->len; i++)
        if (t->start[i] != '_') digits[n++] = t->start[i];
    digits[n] = '\0';
    e->u.float_value = strtod(digits, NULL);
    return e;
}

static Expr *parse_atom(Parser *p) {
    Token *t = peek(p);
    Expr *e;
    bool saved;
    switch (t->kind) {
    case TK_NAME:
        advance(p);
        e = expr_at(p, EXPR_NAME, t);
        e->u.name = token_text(p, t);
        return e;
    case TK_TRUE: advance(p); return expr_at(p, EXPR_TRUE, t);
    case TK_FALSE: advance(p); return expr_at(p, EXPR_FALSE, t);
    case TK_NONE: advance(p); return expr_at(p, EXPR_NONE, t);
    case TK_ELLIPSIS: advance(p); return expr_at(p, EXPR_ELLIPSIS, t);
    case TK_INT: case TK_FLOAT: return parse_number(p);
    case TK_STRING: case TK_FSTRING: return parse_strings(p);
    case TK_LPAR:
        saved = save_no_in(p);
        e = parse_paren(p);
        p->no_in = saved;
        return e;
    case TK_LSQB:
        saved = save_no_in(p);
        e = parse_list(p);
        p->no_in = saved;
        return e;
    case TK_LBRACE:
        saved = save_no_in(p);
        e = parse_brace(p);
        p->no_in = saved;
        return e;
    case TK_YIELD: return error_at(p, t, "'yield' expressions are not supported yet");
    case TK_AWAIT: return error_at(p, t, "stitch: unsupported: 'await'");
    default: return invalid_syntax(p);
    }
}

/* Call arguments after '(' up to and including ')'. */
static bool parse_call_args(Parser *p, Expr *call) {
    Expr *prev = NULL;
    bool pos_after_kw = false;
    while (peek_kind(p) != TK_RPAR) {
        Token *t = peek(p);
        if (t->kind == TK_DOUBLESTAR) {
            advance(p);
            if (!(prev = parse_expression(p))) return false;
            nodelist_push(p->a, &call->u.call.kwnames, NULL);
            nodelist_push(p->a, &call->u.call.kwvalues, prev);
        } else if (t->kind == TK_STAR) {
            if (!(prev = parse_star_named(p))) return false;
            nodelist_push(p->a, &call->u.call.args, prev);
        } else if (t->kind == TK_NAME && kind_at(p, 1) == TK_ASSIGN) {
            const char *name = token_text(p, t);
            for (int i = 0; i < call->u.call.kwnames.len; i++) {
                if (call->u.call.kwnames.items[i] && strcmp(call->u.call.kwnames.items[i], name) == 0)
                    deferred_error(p, t->line, t->col, "keyword argument repeated: %s", name);
            }
            advance(p);
            advance(p);
            if (!(prev = parse_expression(p))) return false;
            nodelist_push(p->a, &call->u.call.kwnames, (void *)name);
            nodelist_push(p->a, &call->u.call.kwvalues, prev);
        } else {
            if (!(prev = parse_named_expression(p))) return false;
            if (peek_kind(p) == TK_FOR && !(prev = parse_genexp(p, prev))) return false;
            if (peek_kind(p) == TK_ASSIGN) {
                error_at_node(p, prev, "expression cannot contain assignment, perhaps you meant \"==\"?");
                return false;
            }
            pos_after_kw |= call->u.call.kwnames.len > 0;
            nodelist_push(p->a, &call->u.call.args, prev);
        }
        if (!accept(p, TK_COMMA)) break;
    }
    /* CPython reports this at the token after the arguments. */
    if (pos_after_kw && peek_kind(p) == TK_RPAR) {
        error_at(p, peek(p), "positional argument follows keyword argument");
        return false;
    }
    return expect_closing(p, TK_RPAR, prev);
}

/* One subscript element: a slice or an expression. */
static Expr *parse_slice(Parser *p) {
    Token *t = peek(p);
    Expr *lower = NULL;
    if (t->kind != TK_COLON) {
        if (t->kind == TK_STAR) return parse_star_named(p);
        lower = parse_named_expression(p);
        if (!lower || peek_kind(p) != TK_COLON) return lower;
    }
    advance(p);
    Expr *e = expr_at(p, EXPR_SLICE, t);
    e->u.slice.lower = lower;
    TokenKind k = peek_kind(p);
    if (k != TK_COLON && k != TK_COMMA && k != TK_RSQB && !(e->u.slice.upper = parse_expression(p)))
        return NULL;
    if (accept(p, TK_COLON)) {
        k = peek_kind(p);
        if (k != TK_COMMA && k != TK_RSQB && !(e->u.slice.step = parse_expression(p))) return NULL;
    }
    return e;
}

/* slices after '[' up to and including ']'. */
static Expr *parse_subscript_index(Parser *p) {
    Token *t = peek(p);
    Expr *first = parse_slice(p);
    if (!first) return NULL;
    if (peek_kind(p) != TK_COMMA) return expect_closing(p, TK_RSQB, first) ? first : NULL;
    Expr *tup = expr_at(p, EXPR_TUPLE, t);
    nodelist_push(p->a, &tup->u.seq.elts, first);
    Expr *prev = first;
    while (accept(p, TK_COMMA) && peek_kind(p) != TK_RSQB) {
        if (!(prev = parse_slice(p))) return NULL;
        nodelist_push(p->a, &tup->u.seq.elts, prev);
    }
    return expect_closing(p, TK_RSQB, prev) ? tup : NULL;
}

/* atom ('.' NAME | '(' args ')' | '[' slices ']')* */
static Expr *parse_primary(Parser *p) {
    Expr *e = parse_atom(p);
    while (e) {
        TokenKind k = peek_kind(p);
        Expr *n;
        if (k == TK_DOT) {
            advance(p);
            Token *name = peek(p);
            if (name->kind != TK_NAME) return invalid_syntax(p);
            advance(p);
            n = new_expr(p, EXPR_ATTRIBUTE, e->line, e->col);
            n->u.attr.value = e;
            n->u.attr.name = token_text(p, name);
        } else if (k == TK_LPAR || k == TK_LSQB) {
            advance(p);
            bool saved = save_no_in(p);
            n = new_expr(p, k == TK_LPAR ? EXPR_CALL : EXPR_SUBSCRIPT, e->line, e->col);
            bool ok;
            if (k == TK_LPAR) {
                n->u.call.func = e;
                ok = parse_call_args(p, n);
            } else {
                n->u.subscript.value = e;
                ok = (n->u.subscript.index = parse_subscript_index(p)) != NULL;
            }
            p->no_in = saved;
            if (!ok) return NULL;
        } else {
            break;
        }
        e = n;
    }
    return e;
}

static Expr *parse_factor(Parser *p);

/* primary ['**' factor]: binds tighter than a unary op on its left. */
static Expr *parse_power(Parser *p) {
    if (peek_kind(p) == TK_AWAIT) return error_at(p, peek(p), "stitch: unsupported: 'await'");
    Expr *base = parse_primary(p);
    if (!base || !accept(p, TK_DOUBLESTAR)) return base;
    Expr *exp = parse_factor(p);
    return exp ? binop(p, BINOP_POWER, base, exp) : NULL;
}

static Expr *parse_factor(Parser *p) {
    Token *t = peek(p);
    UnaryOp op;
    switch (t->kind) {
    case TK_MINUS: op = UNARY_NEGATIVE; break;
    case TK_PLUS: op = UNARY_POSITIVE; break;
    case TK_TILDE: op = UNARY_INVERT; break;
    default: return parse_power(p);
    }
    advance(p);
    if (!enter(p)) return NULL;
    Expr *operand = parse_factor(p);
    p->depth--;
    if (!operand) return NULL;
    Expr *e = expr_at(p, EXPR_UNARYOP, t);
    e->u.unary.op = op;
    e->u.unary.operand = operand;
    return e;
}

/* Binding power of a binary operator token, 0 if it is none. */
static int binop_prec(TokenKind k, BinOp *op) {
    switch (k) {
    case TK_VBAR: *op = BINOP_OR; return 1;
    case TK_CIRCUMFLEX: *op = BINOP_XOR; return 2;
    case TK_AMPER: *op = BINOP_AND; return 3;
    case TK_LSHIFT: *op = BINOP_LSHIFT; return 4;
    case TK_RSHIFT: *op = BINOP_RSHIFT; return 4;
    case TK_PLUS: *op = BINOP_ADD; return 5;
    case TK_MINUS: *op = BINOP_SUBTRACT; return 5;
    case TK_STAR: *op = BINOP_MULTIPLY; return 6;
    case TK_SLASH: *op = BINOP_TRUE_DIVIDE; return 6;
    case TK_DOUBLESLASH: *op = BINOP_FLOOR_DIVIDE; return 6;
    case TK_PERCENT: *op = BINOP_REMAINDER; return 6;
    case TK_AT: *op = BINOP_MATRIX_MULTIPLY; return 6;
    default: return 0;
    }
}

/* Left-associative binary operators at or above min_prec. */
static Expr *parse_binary(Parser *p, int min_prec) {
    Expr *left = parse_factor(p);
    BinOp op = BINOP_ADD;
    int prec;
    while (left && (prec = binop_prec(peek_kind(p), &op)) >= min_prec) {
        advance(p);
        Expr *right = parse_binary(p, prec + 1);
        if (!right) return NULL;
        left = binop(p, op, left, right);
    }
    return left;
}

static Expr *parse_bitor(Parser *p) {
    return parse_binary(p, 1);
}

/* The comparison operator at the current token (two tokens for `is not`
 * and `not in`), or -1. */
static int compare_op(Parser *p, int *ntokens) {
    *ntokens = 1;
    switch (peek_kind(p)) {
    case TK_LESS: return CMP_LT;
    case TK_LESSEQUAL: return CMP_LE;
    case TK_EQEQUAL: return CMP_EQ;
    case TK_NOTEQUAL: return CMP_NE;
    case TK_GREATER: return CMP_GT;
    case TK_GREATEREQUAL: return CMP_GE;
    case TK_IN: return p->no_in ? -1 : CMP_IN;
    case TK_IS:
        if (kind_at(p, 1) == TK_NOT) {
            *ntokens = 2;
            return CMP_IS_NOT;
        }
        return CMP_IS;
    case TK_NOT:
        if (kind_at(p, 1) == TK_IN && !p->no_in) {
            *ntokens = 2;
            return CMP_NOT_IN;
        }
        return -1;
    default: return -1;
    }
}

static Expr *parse_comparison(Parser *p) {
    Expr *left = parse_bitor(p);
    int ntok, op;
    if (!left || (op = compare_op(p, &ntok)) < 0) return left;
    Expr *e = new_expr(p, EXPR_COMPARE, left->line, left->col);
    e->u.compare.left = left;
    NodeList ops = {0};
    while (op >= 0) {
        for (int i = 0; i < ntok; i++) advance(p);
        Expr *right = parse_bitor(p);
        if (!right) return NULL;
        nodelist_push(p->a, &ops, (void *)(intptr_t)op);
        nodelist_push(p->a, &e->u.compare.comparators, right);
        op = compare_op(p, &ntok);
    }
    e->u.compare.ops = arena_alloc(p->a, (size_t)ops.len * sizeof(CmpOp));
    for (int i = 0; i < ops.len; i++) e->u.compare.ops[i] = (CmpOp)(intptr_t)ops.items[i];
    return e;
}

static Expr *parse_inversion(Parser *p) {
    if (peek_kind(p) != TK_NOT) return parse_comparison(p);
    Token *t = advance(p);
    if (!enter(p)) return NULL;
    Expr *operand = parse_inversion(p);
    p->depth--;
    if (!operand) return NULL;
    Expr *e = expr_at(p, EXPR_UNARYOP, t);
    e->u.unary.op = UNARY_NOT;
    e->u.unary.operand = operand;
    return e;
}

/* and/or chains: one BoolOp with all the operands. */
static Expr *parse_boolop(Parser *p, bool is_and) {
    TokenKind tk = is_and ? TK_AND : TK_OR;
    Expr *first = is_and ? parse_inversion(p) : parse_boolop(p, true);
    if (!first || peek_kind(p) != tk) return first;
    Expr *e = new_expr(p, EXPR_BOOLOP, first->line, first->col);
    e->u.boolop.is_and = is_and;
    nodelist_push(p->a, &e->u.boolop.values, first);
    while (accept(p, tk)) {
        Expr *v = is_and ? parse_inversion(p) : parse_boolop(p, true);
        if (!v) return NULL;
        nodelist_push(p->a, &e->u.boolop.values, v);
    }
    return e;
}

static Expr *parse_disjunction(Parser *p) {
    return parse_boolop(p, false);
}

static Expr *parse_lambda(Parser *p) {
    Token *t = advance(p);
    Expr *e = expr_at(p, EXPR_LAMBDA, t);
    if (!parse_params(p, &e->u.lambda.params, TK_COLON, false)) return NULL;
    if (!expect(p, TK_COLON)) return NULL;
    bool saved = save_no_in(p);
    e->u.lambda.body = parse_expression(p);
    p->no_in = saved;
    return e->u.lambda.body ? e : NULL;
}

/* disjunction ['if' disjunction 'else' expression] | lambda */
static Expr *parse_expression(Parser *p) {
    if (!enter(p)) return NULL;
    Expr *e;
    if (peek_kind(p) == TK_LAMBDA) {
        e = parse_lambda(p);
    } else {
        e = parse_disjunction(p);
        if (e && peek_kind(p) == TK_IF) {
            Token *if_tok = advance(p);
            Expr *test = parse_disjunction(p);
            if (!test) {
                e = NULL;
            } else if (peek_kind(p) == TK_COLON) {
                e = invalid_syntax(p);
            } else if (!accept(p, TK_ELSE)) {
                e = error_at_node(p, e, "expected 'else' after 'if' expression");
                (void)if_tok;
            } else {
                Expr *orelse = parse_expression(p);
                Expr *ife = orelse ? new_expr(p, EXPR_IFEXP, e->line, e->col) : NULL;
                if (ife) {
                    ife->u.ifexp.test = test;
                    ife->u.ifexp.body = e;
                    ife->u.ifexp.orelse = orelse;
                }
                e = ife;
            }
        }
    }
    p->depth--;
    return e;
}

/* NAME ':=' expression | expression */
static Expr *parse_named_expression(Parser *p) {
    Expr *e = parse_expression(p);
    if (!e || peek_kind(p) != TK_WALRUS) return e;
    if (e->kind != EXPR_NAME)
        return error_at_node(p, e, "cannot use assignment expressions with %s", expr_name(e));
    advance(p);
    Expr *value = parse_expression(p);
    if (!value) return NULL;
    Expr *n = new_expr(p, EXPR_NAMED, e->line, e->col);
    e->ctx = CTX_STORE;
    n->u.named.target = e;
    n->u.named.value = value;
    return n;
}

/* '*' bitwise_or | expression */
static Expr *parse_star_expression(Parser *p) {
    if (peek_kind(p) != TK_STAR) return parse_expression(p);
    Token *t = advance(p);
    Expr *v = parse_bitor(p);
    if (!v) return NULL;
    Expr *e = expr_at(p, EXPR_STARRED, t);
    e->u.starred.value = v;
    return e;
}

static bool ends_star_expressions(TokenKind k) {
    switch (k) {
    case TK_NEWLINE: case TK_SEMI: case TK_ASSIGN: case TK_RPAR: case TK_RSQB:
    case TK_RBRACE: case TK_COLON: case TK_IN: case TK_EOF:
    case TK_PLUSEQUAL: case TK_MINEQUAL: case TK_STAREQUAL: case TK_SLASHEQUAL:
    case TK_PERCENTEQUAL: case TK_DOUBLESTAREQUAL: case TK_DOUBLESLASHEQUAL:
    case TK_AMPEREQUAL: case TK_VBAREQUAL: case TK_CIRCUMFLEXEQUAL:
    case TK_LSHIFTEQUAL: case TK_RSHIFTEQUAL: case TK_ATEQUAL:
        return true;
    default:
        return false;
    }
}

/* star_expression (',' star_expression)* [','] : a tuple if any comma. */
static Expr *parse_star_expressions(Parser *p) {
    Expr *first = parse_star_expression(p);
    if (!first || peek_kind(p) != TK_COMMA) return first;
    Expr *e = new_expr(p, EXPR_TUPLE, first->line, first->col);
    nodelist_push(p->a, &e->u.seq.elts, first);
    while (accept(p, TK_COMMA)) {
        if (ends_star_expressions(peek_kind(p))) break;
        Expr *el = parse_star_expression(p);
        if (!el) return NULL;
        nodelist_push(p->a, &e->u.seq.elts, el);
    }
    return e;
}

/* ---- strings and f-strings -------------------------------------------------- */

static Expr *str_expr(Parser *p, const char *data, size_t len, int line, int col) {
    Expr *e = new_expr(p, EXPR_STR, line, col);
    e->u.str.data = data;
    e->u.str.len = len;
    return e;
}

/* Append a literal to an f-string's parts, merging with a literal before. */
static void push_literal(Parser *p, NodeList *parts, const char *s, size_t n, int line, int col) {
    if (n == 0) return;
    Expr *last = parts->len ? parts->items[parts->len - 1] : NULL;
    if (last && last->kind == EXPR_STR) {
        char *m = arena_alloc(p->a, last->u.str.len + n + 1);
        memcpy(m, last->u.str.data, last->u.str.len);
        memcpy(m + last->u.str.len, s, n);
        last->u.str.data = m;
        last->u.str.len += n;
        return;
    }
    nodelist_push(p->a, parts, str_expr(p, s, n, line, col));
}

/* Where in the source a byte of an f-string's body is. */
static void fstring_pos(const Token *t, const char *at, int *line, int *col) {
    int l = t->line, c = t->col + (int)(t->str - t->start);
    for (const char *q = t->str; q < at; q++) {
        if (*q == '\n') l++, c = 1;
        else c++;
    }
    *line = l;
    *col = c;
}

__attribute__((format(printf, 4, 5)))
static void *fstring_error(Parser *p, const Token *t, const char *at, const char *fmt, ...) {
    int line, col;
    fstring_pos(t, at, &line, &col);
    va_list ap;
    va_start(ap, fmt);
    verror(p, "SyntaxError", line, col, at, fmt, ap);
    va_end(ap);
    return NULL;
}

/* Record an error from a nested parse as this parser's. */
__attribute__((format(printf, 3, 4)))
static void adopt_error(Parser *p, const SyntaxDiag *d, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    verror(p, d->kind, d->line, d->col, NULL, fmt, ap);
    va_end(ap);
}

/* Parse the expression text of a replacement field with a parser of its
 * own over tokens that point into the same source. */
static Expr *parse_field_expr(Parser *p, const Token *t, const char *s, size_t n) {
    int line, col;
    fstring_pos(t, s, &line, &col);
    Lexed lx;
    lex_expression(p->a, s, n, &lx);
    for (int i = 0; i < lx.count; i++) {
        Token *k = &lx.tokens[i];
        if (k->line == 1) k->col += col - 1;
        k->line += line - 1;
    }
    SyntaxDiag sub_err = {0};
    Parser sub = *p;
    sub.toks = lx.tokens;
    sub.ntoks = lx.count;
    sub.pos = 0;
    sub.err = &sub_err;
    sub.no_in = false;
    Expr *e = parse_star_expressions(&sub);
    if (e && e->kind == EXPR_STARRED) e = error_at_node(&sub, e, "cannot use starred expression here");
    /* The text is parsed as if parenthesized, hence the comma hint. */
    if (e && peek_kind(&sub) != TK_EOF) e = missing_comma_or_invalid(&sub, e);
    if (!e && lx.has_error) {
        lx.diag.line += line - 1;
        adopt_error(p, &lx.diag, "%s", lx.diag.msg);
    } else if (!e) {
        adopt_error(p, &sub_err, "f-string: %.240s", sub_err.msg);
    }
    if (!p->deferred.kind) p->deferred = sub.deferred;
    lex_free(&lx);
    return e;
}

static bool fstring_parts(Parser *p, const Token *t, size_t *pos, bool in_spec, NodeList *parts);

/* One replacement field; *pos is just after its '{'. */
static bool fstring_field(Parser *p, const Token *t, size_t *pos, NodeList *parts) {
    const char *s = t->str;
    size_t n = t->str_len, i = *pos, start = i;
    int depth = 0;
    char quote = 0;
    for (; i < n; i++) {
        char c = s[i];
        if (quote) {
            if (c == quote) quote = 0;
            continue;
        }
        if (c == '\\') return fstring_error(p, t, s + i, "f-string expression part cannot include a backslash");
        if (c == '#') return fstring_error(p, t, s + i, "f-string expression part cannot include '#'");
        if (c == '\'' || c == '"') quote = c;
        else if (c == '(' || c == '[' || c == '{') depth++;
        else if (c == ')' || c == ']' || c == '}') {
            if (depth == 0) {
                if (c == '}') break;
                return fstring_error(p, t, s + i, "f-string: unmatched '%c'", c);
            }
            depth--;
        } else if (depth == 0 && c == '!' && (i + 1 >= n || s[i + 1] != '=')) break;
        else if (depth == 0 && c == ':') break;
        else if (depth == 0 && c == '=' && (i + 1 >= n || s[i + 1] != '=') &&
                 (i == start || !strchr("=!<>", s[i - 1])))
            break;
    }
    if (i >= n) return fstring_error(p, t, s + (n ? n - 1 : 0), "f-string: expecting '}'");
    size_t j = start;
    while (j < i && strchr(" \t\n\r\f", s[j])) j++;
    if (j == i) return fstring_error(p, t, s + i, "f-string: empty expression not allowed");
    Expr *value = parse_field_expr(p, t, s + start, i - start);
    if (!value) return false;
    int line, col;
    fstring_pos(t, s + start, &line, &col);
    Expr *f = new_expr(p, EXPR_FORMATTED, line, col);
    f->u.formatted.value = value;
    bool self_doc = s[i] == '=';
    if (self_doc) {
        i++;
        while (i < n && strchr(" \t\n\r\f", s[i])) i++;
        push_literal(p, parts, s + start, i - start, line, col);
    }
    if (i < n && s[i] == '!') {
        char conv = i + 1 < n ? s[i + 1] : 0;
        if (conv != 's' && conv != 'r' && conv != 'a')
            return fstring_error(p, t, s + i + 1,
                                 "f-string: invalid conversion character: expected 's', 'r', or 'a'");
        f->u.formatted.conversion = conv;
        i += 2;
    }
    if (i < n && s[i] == ':') {
        if (++p->fstring_depth > 1) return fstring_error(p, t, s + i, "f-string: expressions nested too deeply");
        i++;
        NodeList spec = {0};
        if (!fstring_parts(p, t, &i, true, &spec)) return false;
        p->fstring_depth--;
        if (spec.len == 1 && ((Expr *)spec.items[0])->kind == EXPR_STR) {
            f->u.formatted.spec = spec.items[0];
        } else {
            Expr *fs = new_expr(p, EXPR_FSTRING, line, col);
            fs->u.fstring.parts = spec;
            f->u.formatted.spec = fs;
        }
    } else if (self_doc && !f->u.formatted.conversion) {
        f->u.formatted.conversion = 'r';
    }
    if (i >= n || s[i] != '}') return fstring_error(p, t, s + (i < n ? i : n - 1), "f-string: expecting '}'");
    *pos = i + 1;
    nodelist_push(p->a, parts, f);
    return true;
}

/* Literal text and fields from *pos to the end (or, in a format spec, to the
 * closing '}', left unconsumed). */
static bool fstring_parts(Parser *p, const Token *t, size_t *pos, bool in_spec, NodeList *parts) {
    const char *s = t->str;
    size_t n = t->str_len, i = *pos, lit = i;
    while (i < n) {
        char c = s[i];
        if (c != '{' && c != '}') {
            i++;
            continue;
        }
        if (in_spec && c == '}') break;
        bool doubled = !in_spec && i + 1 < n && s[i + 1] == c;
        if (c == '}' && !doubled) return fstring_error(p, t, s + i, "f-string: single '}' is not allowed");
        size_t end = doubled ? i + 1 : i;
        if (end > lit) {
            char err[200];
            size_t len, err_at;
            const char *d = lex_decode_string(p->a, s + lit, end - lit, t->raw, &len, err, sizeof err, &err_at);
            if (!d) return fstring_error(p, t, s + lit + err_at, "%s", err);
            int line, col;
            fstring_pos(t, s + lit, &line, &col);
            push_literal(p, parts, d, len, line, col);
        }
        i = end + 1;
        if (!doubled && !fstring_field(p, t, &i, parts)) return false;
        lit = i;
    }
    if (in_spec && i >= n) return fstring_error(p, t, s + (n ? n - 1 : 0), "f-string: expecting '}'");
    if (i > lit) {
        char err[200];
        size_t len, err_at;
        const char *d = lex_decode_string(p->a, s + lit, i - lit, t->raw, &len, err, sizeof err, &err_at);
        if (!d) return fstring_error(p, t, s + lit + err_at, "%s", err);
        int line, col;
        fstring_pos(t, s + lit, &line, &col);
        push_literal(p, parts, d, len, line, col);
    }
    *pos = i;
    return true;
}

/* Adjacent string literals: one EXPR_STR, or one EXPR_FSTRING if any of
 * them is an f-string. */
static Expr *parse_strings(Parser *p) {
    Token *first = peek(p);
    int end = p->pos;
    bool any_f = false;
    size_t total = 0;
    while (end < p->ntoks && (p->toks[end].kind == TK_STRING || p->toks[end].kind == TK_FSTRING)) {
        any_f |= p->toks[end].kind == TK_FSTRING;
        total += p->toks[end].str_len;
        end++;
    }
    if (!any_f) {
        char *data = arena_alloc(p->a, total + 1);
        size_t n = 0;
        for (int i = p->pos; i < end; i++) {
            memcpy(data + n, p->toks[i].str, p->toks[i].str_len);
            n += p->toks[i].str_len;
        }
        p->pos = end;
        return str_expr(p, data, n, first->line, first->col);
    }
    Expr *e = expr_at(p, EXPR_FSTRING, first);
    for (; p->pos < end; p->pos++) {
        Token *t = &p->toks[p->pos];
        if (t->kind == TK_STRING) {
            push_literal(p, &e->u.fstring.parts, t->str, t->str_len, t->line, t->col);
            continue;
        }
        size_t i = 0;
        if (!fstring_parts(p, t, &i, false, &e->u.fstring.parts)) return NULL;
    }
    return e;
}

/* ---- parameters --------------------------------------------------------------- */

static bool add_param(Parser *p, Params *params, Token *t, const char **slot) {
    const char *name = token_text(p, t);
    bool dup = (params->vararg && strcmp(params->vararg, name) == 0) ||
               (params->kwarg && strcmp(params->kwarg, name) == 0);
    for (int i = 0; i < params->names.len && !dup; i++)
        dup = strcmp(params->names.items[i], name) == 0;
    for (int i = 0; i < params->kwonly.len && !dup; i++)
        dup = strcmp(params->kwonly.items[i], name) == 0;
    if (dup) deferred_error(p, t->line, t->col, "duplicate argument '%s' in function definition", name);
    if (slot) *slot = name;
    else nodelist_push(p->a, &params->names, (void *)name);
    return true;
}

/* A parameter's name and optional annotation (dropped). */
static Token *parse_param_name(Parser *p, bool annotations) {
    Token *t = peek(p);
    if (t->kind != TK_NAME) return invalid_syntax(p);
    advance(p);
    if (annotations && accept(p, TK_COLON) && !parse_expression(p)) return NULL;
    return t;
}

/* Parameters up to (not including) `end`: ')' for def, ':' for lambda. */
static bool parse_params(Parser *p, Params *params, TokenKind end, bool annotations) {
    bool star = false;   /* past `*` or `*args`: keyword-only parameters follow */
    while (peek_kind(p) != end) {
        Token *t = peek(p);
        if (params->kwarg) {
            invalid_syntax(p);
            return false;
        }
        if (t->kind == TK_SLASH) {
            error_at(p, t, "stitch: unsupported: positional-only parameters ('/')");
            return false;
        }
        if (t->kind == TK_STAR || t->kind == TK_DOUBLESTAR) {
            advance(p);
            if (t->kind == TK_STAR && star) {
                error_at(p, t, "* argument may appear only once");
                return false;
            }
            if (t->kind == TK_STAR && (peek_kind(p) == TK_COMMA || peek_kind(p) == end)) {
                star = true;
                Token *after = accept(p, TK_COMMA) ? peek(p) : NULL;
                if (!after || after->kind == end || after->kind == TK_DOUBLESTAR) {
                    error_at(p, t, "named arguments must follow bare *");
                    return false;
                }
                continue;
            }
            if (t->kind == TK_STAR) star = true;
            Token *name = parse_param_name(p, annotations);
            if (!name || !add_param(p, params, name, t->kind == TK_STAR ? &params->vararg : &params->kwarg))
                return false;
        } else {
            Token *name = parse_param_name(p, annotations);
            if (!name) return false;
            if (star) {
                add_param(p, params, name, NULL);
                nodelist_push(p->a, &params->kwonly, params->names.items[--params->names.len]);
                Expr *d = NULL;
                if (accept(p, TK_ASSIGN) && !(d = parse_expression(p))) return false;
                nodelist_push(p->a, &params->kwdefaults, d);
            } else if (!add_param(p, params, name, NULL)) {
                return false;
            } else if (accept(p, TK_ASSIGN)) {
                Expr *d = parse_expression(p);
                if (!d) return false;
                nodelist_push(p->a, &params->defaults, d);
            } else if (params->defaults.len) {
                error_at(p, name, "non-default argument follows default argument");
                return false;
            }
        }
        if (!accept(p, TK_COMMA)) break;
    }
    return true;
}

/* ---- statements ----------------------------------------------------------------- */

static bool parse_statement(Parser *p, NodeList *out);
static bool parse_simple_stmts(Parser *p, NodeList *out);

/* After a header's ':': an indented block or simple statements on the same
 * line. `what` names the header for CPython's IndentationError. */
static bool parse_block(Parser *p, NodeList *out, const char *what, int header_line) {
    if (peek_kind(p) != TK_NEWLINE) return parse_simple_stmts(p, out);
    Token *nl = advance(p);
    if (peek_kind(p) != TK_INDENT) {
        Token *at = peek_kind(p) == TK_EOF ? nl : peek(p);
        if (peek_kind(p) == TK_ERROR) return invalid_syntax(p);
        indent_error_at(p, at, "expected an indented block after %s on line %d", what, header_line);
        return false;
    }
    advance(p);
    while (peek_kind(p) != TK_DEDENT) {
        if (peek_kind(p) == TK_EOF || peek_kind(p) == TK_ERROR) {
            invalid_syntax(p);
            return false;
        }
        if (!parse_statement(p, out)) return false;
    }
    advance(p);
    return true;
}

/* A condition: CPython's hint when it is followed by '='. */
static Expr *parse_condition(Parser *p) {
    Expr *e = parse_named_expression(p);
    if (e && peek_kind(p) == TK_ASSIGN) {
        if (e->kind == EXPR_NAME)
            return error_at_node(p, e, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
        return error_at_node(p, e, "cannot assign to %s here. Maybe you meant '==' instead of '='?",
                             expr_name(e));
    }
    return e;
}

/* if/elif: an elif is a nested IF alone in the orelse. */
static Stmt *parse_if(Parser *p) {
    Token *t = advance(p);
    Stmt *s = stmt_at(p, STMT_IF, t);
    const char *what = t->kind == TK_IF ? "'if' statement" : "'elif' statement";
    if (!(s->u.if_.test = parse_condition(p)) || !expect_colon(p, false) ||
        !parse_block(p, &s->u.if_.body, what, t->line))
        return NULL;
    if (peek_kind(p) == TK_ELIF) {
        Stmt *elif = parse_if(p);
        if (!elif) return NULL;
        nodelist_push(p->a, &s->u.if_.orelse, elif);
    } else if (peek_kind(p) == TK_ELSE) {
        Token *e = advance(p);
        if (!expect_colon(p, true) || !parse_block(p, &s->u.if_.orelse, "'else' statement", e->line))
            return NULL;
    }
    return s;
}

static bool parse_loop_else(Parser *p, NodeList *orelse) {
    if (peek_kind(p) != TK_ELSE) return true;
    Token *e = advance(p);
    return expect_colon(p, true) && parse_block(p, orelse, "'else' statement", e->line);
}

/* with_stmt: 'with' expression ['as' target] (',' ...)* ':' block */
static Stmt *parse_with(Parser *p) {
    Token *t = advance(p);
    Stmt *s = stmt_at(p, STMT_WITH, t);
    do {
        Expr *e = parse_expression(p), *v = NULL;
        if (!e) return NULL;
        if (accept(p, TK_AS) && (!(v = parse_expression(p)) || !make_target(p, v, CTX_STORE)))
            return NULL;
        nodelist_push(p->a, &s->u.with_.items, e);
        nodelist_push(p->a, &s->u.with_.vars, v);
    } while (accept(p, TK_COMMA));
    if (!expect_colon(p, false) || !parse_block(p, &s->u.with_.body, "'with' statement", t->line))
        return NULL;
    return s;
}

static Stmt *parse_while(Parser *p) {
    Token *t = advance(p);
    Stmt *s = stmt_at(p, STMT_WHILE, t);
    if (!(s->u.loop.test = parse_condition(p)) || !expect_colon(p, false) ||
        !parse_block(p, &s->u.loop.body, "'while' statement", t->line) ||
        !parse_loop_else(p, &s->u.loop.orelse))
        return NULL;
    return s;
}

static Stmt *parse_for(Parser *p) {
    Token *t = advance(p);
    Stmt *s = stmt_at(p, STMT_FOR, t);
    p->no_in = true;
    s->u.loop.target = parse_star_expressions(p);
    p->no_in = false;
    if (!s->u.loop.target || !make_target(p, s->u.loop.target, CTX_STORE) || !expect(p, TK_IN))
        return NULL;
    if (!(s->u.loop.iter = parse_star_expressions(p)) || !expect_colon(p, true) ||
        !parse_block(p, &s->u.loop.body, "'for' statement", t->line) ||
        !parse_loop_else(p, &s->u.loop.orelse))
        return NULL;
    return s;
}

static Stmt *parse_def(Parser *p) {
    Token *t = advance(p);
    Stmt *s = stmt_at(p, STMT_FUNCDEF, t);
    Token *name = peek(p);
    if (name->kind != TK_NAME) return invalid_syntax(p);
    advance(p);
    s->u.def.name = token_text(p, name);
    if (peek_kind(p) != TK_LPAR) return error_at(p, peek(p), "expected '('");
    advance(p);
    if (!parse_params(p, &s->u.def.params, TK_RPAR, true) ||
        !expect(p, TK_RPAR))
        return NULL;
    if (accept(p, TK_ARROW) && !parse_expression(p)) return NULL;
    if (!expect_colon(p, true) || !parse_block(p, &s->u.def.body, "function definition", t->line))
        return NULL;
    return s;
}

static Stmt *parse_class(Parser *p) {
    Token *t = advance(p);
    Stmt *s = stmt_at(p, STMT_CLASSDEF, t);
    Token *name = peek(p);
    if (name->kind != TK_NAME) return invalid_syntax(p);
    advance(p);
    s->u.cls.name = token_text(p, name);
    if (accept(p, TK_LPAR)) {
        Expr *call = expr_at(p, EXPR_CALL, name);
        if (!parse_call_args(p, call)) return NULL;
        if (call->u.call.kwnames.len)
            return error_at_node(p, call->u.call.kwvalues.items[0], "stitch: unsupported: class keyword arguments (metaclass=...)");
        s->u.cls.bases = call->u.call.args;
    }
    if (!expect_colon(p, false) || !parse_block(p, &s->u.cls.body, "class definition", t->line))
        return NULL;
    return s;
}

static Handler *parse_handler(Parser *p) {
    Token *t = advance(p);
    Handler *h = arena_alloc(p->a, sizeof(Handler));
    h->line = t->line;
    h->col = t->col;
    if (peek_kind(p) == TK_STAR) return error_at(p, peek(p), "stitch: unsupported: 'except*'");
    if (peek_kind(p) != TK_COLON) {
        if (!(h->type = parse_expression(p))) return NULL;
        if (peek_kind(p) == TK_COMMA)
            return error_at_node(p, h->type, "multiple exception types must be parenthesized");
        if (accept(p, TK_AS)) {
            Token *name = peek(p);
            if (name->kind != TK_NAME) return invalid_syntax(p);
            advance(p);
            h->name = token_text(p, name);
        }
    }
    if (!expect_colon(p, false) || !parse_block(p, &h->body, "'except' statement", t->line)) return NULL;
    return h;
}

static Stmt *parse_try(Parser *p) {
    Token *t = advance(p);
    Stmt *s = stmt_at(p, STMT_TRY, t);
    if (!expect_colon(p, true) || !parse_block(p, &s->u.try_.body, "'try' statement", t->line))
        return NULL;
    while (peek_kind(p) == TK_EXCEPT) {
        NodeList *hs = &s->u.try_.handlers;
        if (hs->len && !((Handler *)hs->items[hs->len - 1])->type) {
            Handler *last = hs->items[hs->len - 1];
            deferred_error(p, last->line, last->col, "default 'except:' must be last");
        }
        Handler *h = parse_handler(p);
        if (!h) return NULL;
        nodelist_push(p->a, hs, h);
    }
    if (peek_kind(p) == TK_ELSE) {
        if (!s->u.try_.handlers.len) return error_at(p, peek(p), "expected 'except' or 'finally' block");
        Token *e = advance(p);
        if (!expect_colon(p, true) || !parse_block(p, &s->u.try_.orelse, "'else' statement", e->line))
            return NULL;
    }
    if (peek_kind(p) == TK_FINALLY) {
        Token *f = advance(p);
        if (!expect_colon(p, true) || !parse_block(p, &s->u.try_.finalbody, "'finally' statement", f->line))
            return NULL;
    }
    if (!s->u.try_.handlers.len && !s->u.try_.finalbody.len)
        return error_at(p, peek(p), "expected 'except' or 'finally' block");
    return s;
}

/* The augmented-assignment operator at a token, or -1. */
static int augassign_op(TokenKind k) {
    switch (k) {
    case TK_PLUSEQUAL: return BINOP_ADD;
    case TK_MINEQUAL: return BINOP_SUBTRACT;
    case TK_STAREQUAL: return BINOP_MULTIPLY;
    case TK_SLASHEQUAL: return BINOP_TRUE_DIVIDE;
    case TK_DOUBLESLASHEQUAL: return BINOP_FLOOR_DIVIDE;
    case TK_PERCENTEQUAL: return BINOP_REMAINDER;
    case TK_DOUBLESTAREQUAL: return BINOP_POWER;
    case TK_AMPEREQUAL: return BINOP_AND;
    case TK_VBAREQUAL: return BINOP_OR;
    case TK_CIRCUMFLEXEQUAL: return BINOP_XOR;
    case TK_LSHIFTEQUAL: return BINOP_LSHIFT;
    case TK_RSHIFTEQUAL: return BINOP_RSHIFT;
    case TK_ATEQUAL: return BINOP_MATRIX_MULTIPLY;
    default: return -1;
    }
}

/* The right-hand side of '=' or an augmented assignment. */
static Expr *parse_assign_value(Parser *p) {
    if (peek_kind(p) == TK_YIELD) return parse_yield(p);
    return parse_star_expressions(p);
}

/* CPython's "here. Maybe you meant '=='" form applies to a first target
 * that is an operand-level expression followed by `= value` and no more. */
static bool wants_eq_hint(const Expr *target, int nassign) {
    switch (target->kind) {
    case EXPR_TUPLE: case EXPR_LIST: case EXPR_TRUE: case EXPR_FALSE: case EXPR_NONE:
    case EXPR_COMPARE: case EXPR_BOOLOP: case EXPR_IFEXP: case EXPR_LAMBDA: case EXPR_STARRED:
        return false;
    case EXPR_UNARYOP:
        return target->u.unary.op != UNARY_NOT && nassign == 1;
    default:
        return nassign == 1;
    }
}

static Stmt *parse_expr_stmt(Parser *p) {
    Token *t = peek(p);
    Expr *e = parse_star_expressions(p);
    if (!e) return NULL;
    int aug = augassign_op(peek_kind(p));
    if (aug >= 0) {
        if (e->kind != EXPR_NAME && e->kind != EXPR_ATTRIBUTE && e->kind != EXPR_SUBSCRIPT)
            return error_at_node(p, e, "'%s' is an illegal expression for augmented assignment",
                                 expr_name(e));
        advance(p);
        e->ctx = CTX_STORE;
        Stmt *s = stmt_at(p, STMT_AUGASSIGN, t);
        s->u.augassign.target = e;
        s->u.augassign.op = (BinOp)aug;
        return (s->u.augassign.value = parse_assign_value(p)) ? s : NULL;
    }
    if (peek_kind(p) == TK_COLON) {
        /* An annotated assignment: the annotation is dropped. */
        advance(p);
        if (e->kind != EXPR_NAME && e->kind != EXPR_ATTRIBUTE && e->kind != EXPR_SUBSCRIPT)
            return error_at_node(p, e, "only single target (not %s) can be annotated",
                                 e->kind == EXPR_TUPLE ? "tuple" : e->kind == EXPR_LIST ? "list" : "expression");
        if (!parse_expression(p)) return NULL;
        if (!accept(p, TK_ASSIGN)) return stmt_at(p, STMT_PASS, t);
        e->ctx = CTX_STORE;
        Stmt *s = stmt_at(p, STMT_ASSIGN, t);
        nodelist_push(p->a, &s->u.assign.targets, e);
        return (s->u.assign.value = parse_assign_value(p)) ? s : NULL;
    }
    if (peek_kind(p) != TK_ASSIGN) {
        if (e->kind == EXPR_NAME && (strcmp(e->u.name, "print") == 0 || strcmp(e->u.name, "exec") == 0) &&
            starts_expression(peek_kind(p)))
            return error_at_node(p, e, "Missing parentheses in call to '%s'. Did you mean %s(...)?",
                                 e->u.name, e->u.name);
        Stmt *s = stmt_at(p, STMT_EXPR, t);
        s->u.expr.value = e;
        return s;
    }
    Stmt *s = stmt_at(p, STMT_ASSIGN, t);
    while (accept(p, TK_ASSIGN)) {
        nodelist_push(p->a, &s->u.assign.targets, e);
        if (!(e = parse_assign_value(p))) return NULL;
    }
    s->u.assign.value = e;
    int n = s->u.assign.targets.len;
    for (int i = 0; i < n; i++) {
        Expr *target = s->u.assign.targets.items[i];
        Expr *bad = set_ctx(target, CTX_STORE);
        if (bad && i == 0 && bad == target && wants_eq_hint(target, n))
            return error_at_node(p, bad, "cannot assign to %s here. Maybe you meant '==' instead of '='?",
                                 expr_name(bad));
        if (bad) return error_at_node(p, bad, "cannot assign to %s", expr_name(bad));
        check_starred(p, target, true);
    }
    return s;
}

static Stmt *parse_names_stmt(Parser *p, StmtKind kind) {
    Stmt *s = stmt_at(p, kind, advance(p));
    do {
        Token *t = peek(p);
        if (t->kind != TK_NAME) return invalid_syntax(p);
        advance(p);
        nodelist_push(p->a, &s->u.names.names, (void *)token_text(p, t));
    } while (accept(p, TK_COMMA));
    return s;
}

static Stmt *parse_del(Parser *p) {
    Stmt *s = stmt_at(p, STMT_DEL, advance(p));
    do {
        if (ends_star_expressions(peek_kind(p)) && s->u.del.targets.len) break;
        Expr *e = parse_star_expression(p);
        if (!e || !make_target(p, e, CTX_DEL)) return NULL;
        nodelist_push(p->a, &s->u.del.targets, e);
    } while (accept(p, TK_COMMA));
    return s;
}

/* NAME ('.' NAME)*, as one string. */
static const char *parse_dotted_name(Parser *p) {
    Token *t = peek(p);
    if (t->kind != TK_NAME) return invalid_syntax(p);
    const char *name = token_text(p, advance(p));
    while (accept(p, TK_DOT)) {
        Token *n = peek(p);
        if (n->kind != TK_NAME) return invalid_syntax(p);
        advance(p);
        size_t len = strlen(name);
        char *joined = arena_alloc(p->a, len + 1 + n->len + 1);
        memcpy(joined, name, len);
        joined[len] = '.';
        memcpy(joined + len + 1, n->start, n->len);
        name = joined;
    }
    return name;
}

/* One `name [as alias]` (dotted for `import`), pushed onto the statement. */
static bool parse_import_alias(Parser *p, Stmt *s, bool dotted) {
    const char *name;
    if (dotted) {
        name = parse_dotted_name(p);
    } else {
        Token *t = peek(p);
        name = t->kind == TK_NAME ? token_text(p, advance(p)) : invalid_syntax(p);
    }
    if (!name) return false;
    const char *as = NULL;
    if (accept(p, TK_AS)) {
        Token *t = peek(p);
        if (t->kind != TK_NAME) return invalid_syntax(p);
        as = token_text(p, advance(p));
    }
    nodelist_push(p->a, &s->u.import_.names, (void *)name);
    nodelist_push(p->a, &s->u.import_.asnames, (void *)as);
    return true;
}

/* import a.b [as c], ... */
static Stmt *parse_import(Parser *p) {
    Stmt *s = stmt_at(p, STMT_IMPORT, advance(p));
    do {
        if (!parse_import_alias(p, s, true)) return NULL;
    } while (accept(p, TK_COMMA));
    return s;
}

/* from a.b import (x [as y], ...) | * */
static Stmt *parse_from_import(Parser *p) {
    Stmt *s = stmt_at(p, STMT_IMPORT, advance(p));
    if (peek_kind(p) == TK_DOT || peek_kind(p) == TK_ELLIPSIS)
        return error_at(p, peek(p), "stitch: unsupported: relative imports");
    if (!(s->u.import_.module = parse_dotted_name(p)) || !expect(p, TK_IMPORT)) return NULL;
    if (accept(p, TK_STAR)) {
        nodelist_push(p->a, &s->u.import_.names, "*");
        nodelist_push(p->a, &s->u.import_.asnames, NULL);
        return s;
    }
    bool paren = accept(p, TK_LPAR);
    do {
        TokenKind k = peek_kind(p);
        bool end = paren ? k == TK_RPAR : k == TK_NEWLINE || k == TK_SEMI || k == TK_EOF;
        if (end && s->u.import_.names.len) break;
        if (!parse_import_alias(p, s, false)) return NULL;
    } while (accept(p, TK_COMMA));
    if (paren) return expect(p, TK_RPAR) ? s : NULL;
    if (kind_at(p, -1) == TK_COMMA)
        return error_at(p, peek(p), "trailing comma not allowed without surrounding parentheses");
    return s;
}

static bool ends_simple_stmt(TokenKind k) {
    return k == TK_NEWLINE || k == TK_SEMI || k == TK_EOF;
}

static Stmt *parse_simple_stmt(Parser *p) {
    Token *t = peek(p);
    Stmt *s;
    switch (t->kind) {
    case TK_PASS: advance(p); return stmt_at(p, STMT_PASS, t);
    case TK_BREAK: advance(p); return stmt_at(p, STMT_BREAK, t);
    case TK_CONTINUE: advance(p); return stmt_at(p, STMT_CONTINUE, t);
    case TK_RETURN:
        advance(p);
        s = stmt_at(p, STMT_RETURN, t);
        if (!ends_simple_stmt(peek_kind(p)) && !(s->u.ret.value = parse_star_expressions(p))) return NULL;
        return s;
    case TK_RAISE:
        advance(p);
        s = stmt_at(p, STMT_RAISE, t);
        if (ends_simple_stmt(peek_kind(p))) return s;
        if (!(s->u.raise.exc = parse_expression(p))) return NULL;
        if (accept(p, TK_FROM) && !(s->u.raise.cause = parse_expression(p))) return NULL;
        return s;
    case TK_GLOBAL: return parse_names_stmt(p, STMT_GLOBAL);
    case TK_NONLOCAL: return parse_names_stmt(p, STMT_NONLOCAL);
    case TK_DEL: return parse_del(p);
    case TK_ASSERT:
        advance(p);
        s = stmt_at(p, STMT_ASSERT, t);
        if (!(s->u.assert_.test = parse_expression(p))) return NULL;
        if (accept(p, TK_COMMA) && !(s->u.assert_.msg = parse_expression(p))) return NULL;
        return s;
    case TK_IMPORT: return parse_import(p);
    case TK_FROM: return parse_from_import(p);
    case TK_YIELD:
        s = stmt_at(p, STMT_EXPR, t);
        return (s->u.expr.value = parse_yield(p)) ? s : NULL;
    default: return parse_expr_stmt(p);
    }
}

/* simple_stmt (';' simple_stmt)* [';'] NEWLINE */
static bool parse_simple_stmts(Parser *p, NodeList *out) {
    for (;;) {
        Stmt *s = parse_simple_stmt(p);
        if (!s) return false;
        nodelist_push(p->a, out, s);
        if (!accept(p, TK_SEMI) || peek_kind(p) == TK_NEWLINE) break;
    }
    if (accept(p, TK_NEWLINE)) return true;
    invalid_syntax(p);
    return false;
}

/* `@expr NEWLINE`... then the def or class they apply to. */
static Stmt *parse_decorated(Parser *p) {
    NodeList decs = {0};
    while (peek_kind(p) == TK_AT) {
        advance(p);
        Expr *d = parse_named_expression(p);
        if (!d) return NULL;
        nodelist_push(p->a, &decs, d);
        if (!accept(p, TK_NEWLINE)) return invalid_syntax(p);
    }
    Stmt *s;
    if (peek_kind(p) == TK_DEF) {
        if (!(s = parse_def(p))) return NULL;
        s->u.def.decorators = decs;
    } else if (peek_kind(p) == TK_CLASS) {
        if (!(s = parse_class(p))) return NULL;
        s->u.cls.decorators = decs;
    } else {
        return invalid_syntax(p);
    }
    return s;
}

static bool is_name(const Token *t, const char *s) {
    return t->kind == TK_NAME && t->len == strlen(s) && !memcmp(t->start, s, t->len);
}

/* `match` is a soft keyword: it opens a match statement (3.10) when its
 * line ends in ':' and an indented `case` follows. */
static bool at_match_statement(Parser *p) {
    if (!is_name(peek(p), "match")) return false;
    int i = p->pos + 1;
    while (i < p->ntoks && p->toks[i].kind != TK_NEWLINE && p->toks[i].kind != TK_EOF) i++;
    return i + 2 < p->ntoks && p->toks[i - 1].kind == TK_COLON &&
           p->toks[i + 1].kind == TK_INDENT && is_name(&p->toks[i + 2], "case");
}

static bool parse_statement(Parser *p, NodeList *out) {
    Token *t = peek(p);
    Stmt *s;
    if (at_match_statement(p)) {
        error_at(p, t, "stitch: unsupported: 'match' statements");
        return false;
    }
    switch (t->kind) {
    case TK_IF: s = parse_if(p); break;
    case TK_WHILE: s = parse_while(p); break;
    case TK_FOR: s = parse_for(p); break;
    case TK_DEF: s = parse_def(p); break;
    case TK_CLASS: s = parse_class(p); break;
    case TK_TRY: s = parse_try(p); break;
    case TK_AT: s = parse_decorated(p); break;
    case TK_WITH: s = parse_with(p); break;
    case TK_ASYNC: s = error_at(p, t, "stitch: unsupported: 'async'"); break;
    default: return parse_simple_stmts(p, out);
    }
    if (!s) return false;
    nodelist_push(p->a, out, s);
    return true;
}

/* ---- entry ------------------------------------------------------------------ */

Module *parse_module(Arena *a, const char *src, size_t len, SyntaxDiag *err) {
    Lexed lx;
    lex_source(a, src, len, &lx);
    Parser p = {.a = a, .src = src, .toks = lx.tokens, .ntoks = lx.count, .err = err};
    Module *m = arena_alloc(a, sizeof(Module));
    while (!p.failed && peek_kind(&p) != TK_EOF) parse_statement(&p, &m->body);
    if (p.failed) {
        /* CPython re-tokenizes the whole source after a syntax error: a
         * lexical error anywhere wins, then an unclosed bracket opened
         * before the error's line. */
        if (p.no_override) {
        } else if (lx.has_error && (!lx.error_late || p.err_at_lex_error)) {
            *err = lx.diag;
        } else if (lx.open_bracket && (p.err_at_eof || lx.open_line < p.err_tok_line)) {
            syntax_diag_set(err, "SyntaxError", lx.open_line, lx.open_col, src, lx.open_at,
                            "'%c' was never closed", lx.open_bracket);
        }
        m = NULL;
    } else if (p.deferred.kind) {
        *err = p.deferred;
        m = NULL;
    }
    lex_free(&lx);
    return m;
}
