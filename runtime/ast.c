/* ast.c: the AST's arena, node lists, kind names and the dumper. */
#include "ast.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser.h"

/* ---- arena ---------------------------------------------------------------- */

#define ARENA_BLOCK_SIZE (64 * 1024)

struct ArenaBlock {
    ArenaBlock *next;
    size_t used, size;
    max_align_t data[];
};

static void *xcalloc(size_t n) {
    void *p = calloc(1, n);
    if (!p) {
        fprintf(stderr, "stitch: out of memory\n");
        abort();
    }
    return p;
}

void arena_init(Arena *a) {
    a->head = NULL;
}

void arena_free(Arena *a) {
    ArenaBlock *b = a->head;
    while (b) {
        ArenaBlock *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}

void *arena_alloc(Arena *a, size_t n) {
    size_t align = sizeof(max_align_t);
    n = (n + align - 1) / align * align;
    if (n == 0) n = align;
    ArenaBlock *b = a->head;
    if (b && b->size - b->used >= n) {
        void *p = (char *)b->data + b->used;
        b->used += n;
        return p; /* blocks are calloc'd and never reused: already zero */
    }
    /* A large request gets a block of its own behind the current one, so
     * the space left in the current block is not wasted. */
    size_t size = n > ARENA_BLOCK_SIZE / 4 ? n : ARENA_BLOCK_SIZE;
    ArenaBlock *nb = xcalloc(sizeof(ArenaBlock) + size);
    nb->size = size;
    nb->used = n;
    if (b && size == n) {
        nb->next = b->next;
        b->next = nb;
    } else {
        nb->next = b;
        a->head = nb;
    }
    return nb->data;
}

char *arena_strndup(Arena *a, const char *s, size_t n) {
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void nodelist_push(Arena *a, NodeList *l, void *item) {
    if (l->len == l->cap) {
        int cap = l->cap ? l->cap * 2 : 4;
        void **items = arena_alloc(a, (size_t)cap * sizeof(void *));
        if (l->len) memcpy(items, l->items, (size_t)l->len * sizeof(void *));
        l->items = items;
        l->cap = cap;
    }
    l->items[l->len++] = item;
}

const char *const expr_kind_names[EXPR_KIND_COUNT] = {
#define X(k) #k,
    EXPR_KIND_LIST(X)
#undef X
};

const char *const stmt_kind_names[STMT_KIND_COUNT] = {
#define X(k) #k,
    STMT_KIND_LIST(X)
#undef X
};

/* ---- dumper --------------------------------------------------------------- */

typedef struct Buf {
    char *s;
    size_t len, cap;
} Buf;

static void buf_put(Buf *b, const char *s, size_t n) {
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1) cap *= 2;
        char *ns = realloc(b->s, cap);
        if (!ns) {
            fprintf(stderr, "stitch: out of memory\n");
            abort();
        }
        b->s = ns;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

__attribute__((format(printf, 2, 3)))
static void buf_printf(Buf *b, const char *fmt, ...) {
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    buf_put(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

static void dump_expr(Buf *b, const Expr *e);
static void dump_stmt(Buf *b, const Stmt *s);

static void dump_str(Buf *b, const char *s, size_t n) {
    buf_put(b, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') buf_printf(b, "\\%c", c);
        else if (c == '\n') buf_put(b, "\\n", 2);
        else if (c == '\t') buf_put(b, "\\t", 2);
        else if (c < 0x20 || c == 0x7F) buf_printf(b, "\\x%02x", c);
        else buf_put(b, (const char *)&c, 1);
    }
    buf_put(b, "\"", 1);
}

static void dump_exprs(Buf *b, const NodeList *l) {
    for (int i = 0; i < l->len; i++) {
        buf_put(b, " ", 1);
        dump_expr(b, l->items[i]);
    }
}

/* `(tag s1 s2 ...)`, or nothing for an empty optional list. */
static void dump_block(Buf *b, const char *tag, const NodeList *l, bool optional) {
    if (optional && l->len == 0) return;
    buf_printf(b, " (%s", tag);
    for (int i = 0; i < l->len; i++) {
        buf_put(b, " ", 1);
        dump_stmt(b, l->items[i]);
    }
    buf_put(b, ")", 1);
}

static void dump_opt(Buf *b, const Expr *e) {
    buf_put(b, " ", 1);
    if (e) dump_expr(b, e);
    else buf_put(b, "_", 1);
}

static void dump_params(Buf *b, const Params *p) {
    buf_put(b, "(Params", 7);
    int first_default = p->names.len - p->defaults.len;
    for (int i = 0; i < p->names.len; i++) {
        if (i >= first_default) {
            buf_printf(b, " (%s ", (const char *)p->names.items[i]);
            dump_expr(b, p->defaults.items[i - first_default]);
            buf_put(b, ")", 1);
        } else {
            buf_printf(b, " %s", (const char *)p->names.items[i]);
        }
    }
    if (p->vararg) buf_printf(b, " *%s", p->vararg);
    if (p->kwarg) buf_printf(b, " **%s", p->kwarg);
    buf_put(b, ")", 1);
}

static const char *cmp_name(int op) {
    switch (op) {
    case CMP_IS: return "is";
    case CMP_IS_NOT: return "is not";
    case CMP_IN: return "in";
    case CMP_NOT_IN: return "not in";
    default: return cmpop_symbols[op];
    }
}

static void dump_generators(Buf *b, const NodeList *gens) {
    for (int i = 0; i < gens->len; i++) {
        const Comprehension *c = gens->items[i];
        buf_put(b, " (for ", 6);
        dump_expr(b, c->target);
        buf_put(b, " ", 1);
        dump_expr(b, c->iter);
        for (int j = 0; j < c->ifs.len; j++) {
            buf_put(b, " (if ", 5);
            dump_expr(b, c->ifs.items[j]);
            buf_put(b, ")", 1);
        }
        buf_put(b, ")", 1);
    }
}

static const char *const unary_names[UNARY_COUNT] = {
#define X(e, sym, d) sym,
    UNARYOP_LIST(X)
#undef X
};

static void dump_expr(Buf *b, const Expr *e) {
    switch (e->kind) {
    case EXPR_NAME: buf_printf(b, "(Name %s", e->u.name); break;
    case EXPR_INT: buf_printf(b, "(Int %s", e->u.int_text); break;
    case EXPR_FLOAT: {
        char tmp[40];
        for (int prec = 1; prec <= 17; prec++) {
            snprintf(tmp, sizeof tmp, "%.*g", prec, e->u.float_value);
            if (strtod(tmp, NULL) == e->u.float_value) break;
        }
        buf_printf(b, "(Float %s", tmp);
        break;
    }
    case EXPR_STR:
        buf_put(b, "(Str ", 5);
        dump_str(b, e->u.str.data, e->u.str.len);
        break;
    case EXPR_NONE: buf_put(b, "(None", 5); break;
    case EXPR_TRUE: buf_put(b, "(True", 5); break;
    case EXPR_FALSE: buf_put(b, "(False", 6); break;
    case EXPR_ELLIPSIS: buf_put(b, "(Ellipsis", 9); break;
    case EXPR_BINOP:
        buf_printf(b, "(BinOp %s ", binop_symbols[e->u.binop.op]);
        dump_expr(b, e->u.binop.left);
        buf_put(b, " ", 1);
        dump_expr(b, e->u.binop.right);
        break;
    case EXPR_UNARYOP:
        buf_printf(b, "(UnaryOp %s ", unary_names[e->u.unary.op]);
        dump_expr(b, e->u.unary.operand);
        break;
    case EXPR_BOOLOP:
        buf_put(b, e->u.boolop.is_and ? "(And" : "(Or", e->u.boolop.is_and ? 4 : 3);
        dump_exprs(b, &e->u.boolop.values);
        break;
    case EXPR_COMPARE:
        buf_put(b, "(Compare ", 9);
        dump_expr(b, e->u.compare.left);
        for (int i = 0; i < e->u.compare.comparators.len; i++) {
            buf_printf(b, " %s ", cmp_name(e->u.compare.ops[i]));
            dump_expr(b, e->u.compare.comparators.items[i]);
        }
        break;
    case EXPR_CALL:
        buf_put(b, "(Call ", 6);
        dump_expr(b, e->u.call.func);
        dump_exprs(b, &e->u.call.args);
        for (int i = 0; i < e->u.call.kwnames.len; i++) {
            buf_printf(b, " (kw %s ", e->u.call.kwnames.items[i] ? (const char *)e->u.call.kwnames.items[i] : "**");
            dump_expr(b, e->u.call.kwvalues.items[i]);
            buf_put(b, ")", 1);
        }
        break;
    case EXPR_ATTRIBUTE:
        buf_put(b, "(Attr ", 6);
        dump_expr(b, e->u.attr.value);
        buf_printf(b, " %s", e->u.attr.name);
        break;
    case EXPR_SUBSCRIPT:
        buf_put(b, "(Subscript ", 11);
        dump_expr(b, e->u.subscript.value);
        buf_put(b, " ", 1);
        dump_expr(b, e->u.subscript.index);
        break;
    case EXPR_SLICE:
        buf_put(b, "(Slice", 6);
        dump_opt(b, e->u.slice.lower);
        dump_opt(b, e->u.slice.upper);
        dump_opt(b, e->u.slice.step);
        break;
    case EXPR_TUPLE:
        buf_put(b, "(Tuple", 6);
        dump_exprs(b, &e->u.seq.elts);
        break;
    case EXPR_LIST:
        buf_put(b, "(List", 5);
        dump_exprs(b, &e->u.seq.elts);
        break;
    case EXPR_DICT:
        buf_put(b, "(Dict", 5);
        for (int i = 0; i < e->u.dict.keys.len; i++) {
            buf_put(b, " (", 2);
            if (e->u.dict.keys.items[i]) dump_expr(b, e->u.dict.keys.items[i]);
            else buf_put(b, "**", 2);  /* `**m`: no key, as in CPython's AST */
            buf_put(b, " ", 1);
            dump_expr(b, e->u.dict.values.items[i]);
            buf_put(b, ")", 1);
        }
        break;
    case EXPR_IFEXP:
        buf_put(b, "(IfExp ", 7);
        dump_expr(b, e->u.ifexp.test);
        buf_put(b, " ", 1);
        dump_expr(b, e->u.ifexp.body);
        buf_put(b, " ", 1);
        dump_expr(b, e->u.ifexp.orelse);
        break;
    case EXPR_LAMBDA:
        buf_put(b, "(Lambda ", 8);
        dump_params(b, &e->u.lambda.params);
        buf_put(b, " ", 1);
        dump_expr(b, e->u.lambda.body);
        break;
    case EXPR_LISTCOMP:
        buf_put(b, "(ListComp ", 10);
        dump_expr(b, e->u.comp.elt);
        dump_generators(b, &e->u.comp.generators);
        break;
    case EXPR_DICTCOMP:
        buf_put(b, "(DictComp ", 10);
        dump_expr(b, e->u.comp.key);
        buf_put(b, " ", 1);
        dump_expr(b, e->u.comp.elt);
        dump_generators(b, &e->u.comp.generators);
        break;
    case EXPR_SET:
        buf_put(b, "(Set", 4);
        dump_exprs(b, &e->u.seq.elts);
        break;
    case EXPR_SETCOMP:
        buf_put(b, "(SetComp ", 9);
        dump_expr(b, e->u.comp.elt);
        dump_generators(b, &e->u.comp.generators);
        break;
    case EXPR_YIELD:
    case EXPR_YIELD_FROM:
        buf_printf(b, "(%s", e->kind == EXPR_YIELD ? "Yield" : "YieldFrom");
        if (e->u.yield_.value) {
            buf_put(b, " ", 1);
            dump_expr(b, e->u.yield_.value);
        }
        break;
    case EXPR_GENEXP:
        buf_put(b, "(GeneratorExp ", 14);
        dump_expr(b, e->u.lambda.outer);
        break;
    case EXPR_NAMED:
        buf_put(b, "(Named ", 7);
        dump_expr(b, e->u.named.target);
        buf_put(b, " ", 1);
        dump_expr(b, e->u.named.value);
        break;
    case EXPR_STARRED:
        buf_put(b, "(Starred ", 9);
        dump_expr(b, e->u.starred.value);
        break;
    case EXPR_FSTRING:
        buf_put(b, "(FString", 8);
        dump_exprs(b, &e->u.fstring.parts);
        break;
    case EXPR_FORMATTED:
        buf_put(b, "(Formatted ", 11);
        dump_expr(b, e->u.formatted.value);
        if (e->u.formatted.conversion) buf_printf(b, " !%c", e->u.formatted.conversion);
        if (e->u.formatted.spec) dump_opt(b, e->u.formatted.spec);
        break;
    case EXPR_KIND_COUNT: break;
    }
    if (e->ctx == CTX_STORE) buf_put(b, " store", 6);
    else if (e->ctx == CTX_DEL) buf_put(b, " del", 4);
    buf_put(b, ")", 1);
}

static void dump_names(Buf *b, const char *tag, const NodeList *l) {
    buf_printf(b, "(%s", tag);
    for (int i = 0; i < l->len; i++) buf_printf(b, " %s", (const char *)l->items[i]);
}

static void dump_stmt(Buf *b, const Stmt *s) {
    switch (s->kind) {
    case STMT_EXPR:
        buf_put(b, "(Expr ", 6);
        dump_expr(b, s->u.expr.value);
        break;
    case STMT_ASSIGN:
        buf_put(b, "(Assign", 7);
        dump_exprs(b, &s->u.assign.targets);
        dump_opt(b, s->u.assign.value);
        break;
    case STMT_AUGASSIGN:
        buf_printf(b, "(AugAssign %s= ", binop_symbols[s->u.augassign.op]);
        dump_expr(b, s->u.augassign.target);
        dump_opt(b, s->u.augassign.value);
        break;
    case STMT_IF:
        buf_put(b, "(If ", 4);
        dump_expr(b, s->u.if_.test);
        dump_block(b, "body", &s->u.if_.body, false);
        dump_block(b, "else", &s->u.if_.orelse, true);
        break;
    case STMT_WHILE:
        buf_put(b, "(While ", 7);
        dump_expr(b, s->u.loop.test);
        dump_block(b, "body", &s->u.loop.body, false);
        dump_block(b, "else", &s->u.loop.orelse, true);
        break;
    case STMT_FOR:
        buf_put(b, "(For ", 5);
        dump_expr(b, s->u.loop.target);
        buf_put(b, " ", 1);
        dump_expr(b, s->u.loop.iter);
        dump_block(b, "body", &s->u.loop.body, false);
        dump_block(b, "else", &s->u.loop.orelse, true);
        break;
    case STMT_BREAK: buf_put(b, "(Break", 6); break;
    case STMT_CONTINUE: buf_put(b, "(Continue", 9); break;
    case STMT_PASS: buf_put(b, "(Pass", 5); break;
    case STMT_RETURN:
        buf_put(b, "(Return", 7);
        if (s->u.ret.value) dump_opt(b, s->u.ret.value);
        break;
    case STMT_FUNCDEF:
        buf_printf(b, "(Def %s ", s->u.def.name);
        dump_params(b, &s->u.def.params);
        dump_block(b, "body", &s->u.def.body, false);
        break;
    case STMT_CLASSDEF:
        buf_printf(b, "(Class %s (bases", s->u.cls.name);
        dump_exprs(b, &s->u.cls.bases);
        buf_put(b, ")", 1);
        dump_block(b, "body", &s->u.cls.body, false);
        break;
    case STMT_TRY:
        buf_put(b, "(Try", 4);
        dump_block(b, "body", &s->u.try_.body, false);
        for (int i = 0; i < s->u.try_.handlers.len; i++) {
            const Handler *h = s->u.try_.handlers.items[i];
            buf_put(b, " (except", 8);
            dump_opt(b, h->type);
            buf_printf(b, " %s", h->name ? h->name : "_");
            dump_block(b, "body", &h->body, false);
            buf_put(b, ")", 1);
        }
        dump_block(b, "else", &s->u.try_.orelse, true);
        dump_block(b, "finally", &s->u.try_.finalbody, true);
        break;
    case STMT_RAISE:
        buf_put(b, "(Raise", 6);
        if (s->u.raise.exc) dump_opt(b, s->u.raise.exc);
        if (s->u.raise.cause) dump_opt(b, s->u.raise.cause);
        break;
    case STMT_GLOBAL: dump_names(b, "Global", &s->u.names.names); break;
    case STMT_NONLOCAL: dump_names(b, "Nonlocal", &s->u.names.names); break;
    case STMT_DEL:
        buf_put(b, "(Del", 4);
        dump_exprs(b, &s->u.del.targets);
        break;
    case STMT_ASSERT:
        buf_put(b, "(Assert ", 8);
        dump_expr(b, s->u.assert_.test);
        if (s->u.assert_.msg) dump_opt(b, s->u.assert_.msg);
        break;
    case STMT_IMPORT:
        buf_printf(b, "(Import %s", s->u.import_.module ? s->u.import_.module : "_");
        for (int i = 0; i < s->u.import_.names.len; i++) {
            const char *as = s->u.import_.asnames.items[i];
            buf_printf(b, " %s", (const char *)s->u.import_.names.items[i]);
            if (as) buf_printf(b, "=%s", as);
        }
        break;
    case STMT_WITH:
        buf_put(b, "(With", 5);
        for (int i = 0; i < s->u.with_.items.len; i++) {
            dump_opt(b, s->u.with_.items.items[i]);
            if (s->u.with_.vars.items[i]) dump_opt(b, s->u.with_.vars.items[i]);
        }
        dump_block(b, "body", &s->u.with_.body, false);
        break;
    case STMT_KIND_COUNT: break;
    }
    buf_put(b, ")", 1);
}

char *ast_dump_module(const Module *m) {
    Buf b = {0};
    buf_put(&b, "", 0);
    for (int i = 0; i < m->body.len; i++) {
        dump_stmt(&b, m->body.items[i]);
        buf_put(&b, "\n", 1);
    }
    return b.s;
}

char *ast_dump_expr(const Expr *e) {
    Buf b = {0};
    dump_expr(&b, e);
    return b.s;
}

char *ast_dump_stmt(const Stmt *s) {
    Buf b = {0};
    dump_stmt(&b, s);
    return b.s;
}

void ast_dump(FILE *f, const Module *m) {
    char *s = ast_dump_module(m);
    fputs(s, f);
    free(s);
}
