/* lexer.c: tokenizer for the Python subset (CPython 3.11's rules and
 * messages). One pass over the source fills a token array. */
#include "lexer.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* CPython's limits: bracket nesting and indentation depth. */
#define MAX_LEVEL 200
#define MAX_INDENT 100

const char *const token_names[TK_COUNT] = {
#define X(e, s) s,
    TOKEN_LIST(X)
#undef X
};

typedef struct Lx {
    Arena *arena;
    const char *src, *end, *cur;
    const char *line_start;
    int line;
    Lexed *out;
    int cap;
    bool failed;
    bool in_expr;           /* an f-string field: as if inside brackets */
    bool at_line_start;     /* next char begins a logical line */
    bool line_has_tokens;   /* a token since the last NEWLINE */
    int indents[MAX_INDENT + 1], altindents[MAX_INDENT + 1], nindent;
    char brackets[MAX_LEVEL];
    int bline[MAX_LEVEL], bcol[MAX_LEVEL];
    const char *bat[MAX_LEVEL];
    int level;
} Lx;

/* ---- diagnostics ------------------------------------------------------- */

void syntax_diag_set(SyntaxDiag *diag, const char *kind, int line, int col,
                     const char *src, const char *at, const char *fmt, ...) {
    diag->kind = kind;
    diag->line = line;
    if (src && at) {
        /* Count characters, not bytes, from the start of the line. */
        const char *ls = at;
        while (ls > src && ls[-1] != '\n') ls--;
        col = 1;
        for (const char *p = ls; p < at; p++)
            if (((unsigned char)*p & 0xC0) != 0x80) col++;
    }
    diag->col = col;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(diag->msg, sizeof diag->msg, fmt, ap);
    va_end(ap);
}

static Token *push_token(Lx *lx, TokenKind kind, const char *start, size_t len,
                         int line, const char *line_start) {
    Lexed *o = lx->out;
    if (o->count == lx->cap) {
        lx->cap = lx->cap ? lx->cap * 2 : 64;
        o->tokens = realloc(o->tokens, (size_t)lx->cap * sizeof(Token));
        if (!o->tokens) {
            fprintf(stderr, "stitch: out of memory in the lexer\n");
            abort();
        }
    }
    Token *t = &o->tokens[o->count++];
    memset(t, 0, sizeof *t);
    t->kind = kind;
    t->start = start;
    t->len = len;
    t->line = line;
    t->col = (int)(start - line_start) + 1;
    if (kind != TK_NEWLINE && kind != TK_INDENT && kind != TK_DEDENT && kind != TK_EOF)
        lx->line_has_tokens = true;
    return t;
}

/* A hard error at `at` on `line`: ends the token stream. */
__attribute__((format(printf, 5, 6)))
static void lex_error(Lx *lx, const char *kind, int line, const char *at,
                      const char *fmt, ...) {
    if (lx->failed) return;
    lx->failed = true;
    Lexed *o = lx->out;
    o->has_error = true;
    o->diag.kind = kind;
    syntax_diag_set(&o->diag, kind, line, 1, lx->src, at, "%s", "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(o->diag.msg, sizeof o->diag.msg, fmt, ap);
    va_end(ap);
    const char *ls = at;
    while (ls > lx->src && ls[-1] != '\n') ls--;
    push_token(lx, TK_ERROR, at, 0, line, ls);
}

/* An error CPython's tokenizer reports only when the parser reaches it
 * (a bad dedent, tabs, a stray backslash), not in place of an earlier
 * syntax error. */
static void late_error(Lx *lx, const char *kind, int line, const char *at, const char *msg) {
    lex_error(lx, kind, line, at, "%s", msg);
    lx->out->error_late = true;
}

static void newline_at(Lx *lx, const char *p) {
    lx->line++;
    lx->line_start = p + 1;
}

/* ---- character classes -------------------------------------------------- */

static bool is_ident_start(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

static bool is_ident_char(unsigned char c) {
    return is_ident_start(c) || (c >= '0' && c <= '9');
}

static bool is_digit_of(int c, int base) {
    switch (base) {
    case 2: return c == '0' || c == '1';
    case 8: return c >= '0' && c <= '7';
    case 16: return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    default: return c >= '0' && c <= '9';
    }
}

/* ---- indentation ---------------------------------------------------------- */

/* At the start of a logical line outside brackets: measure the indentation
 * and emit INDENT/DEDENT tokens. Blank and comment-only lines do nothing. */
static void lex_indentation(Lx *lx) {
    const char *p = lx->cur;
    int col = 0, alt = 0;
    for (;; p++) {
        if (p < lx->end && *p == ' ') col++, alt++;
        else if (p < lx->end && *p == '\t') col = (col / 8 + 1) * 8, alt++;
        else if (p < lx->end && *p == '\f') col = alt = 0;
        else break;
    }
    lx->cur = p;
    lx->at_line_start = false;
    if (p == lx->end || *p == '#' || *p == '\n' || (*p == '\r' && p + 1 < lx->end && p[1] == '\n'))
        return;
    if (*p == '\\' && p + 1 < lx->end && (p[1] == '\n' || p[1] == '\r'))
        return; /* a continuation line of nothing: CPython ignores its indent */
    int top = lx->indents[lx->nindent];
    int alttop = lx->altindents[lx->nindent];
    if (col == top) {
        if (alt != alttop)
            late_error(lx, "TabError", lx->line, lx->line_start,
                      "inconsistent use of tabs and spaces in indentation");
    } else if (col > top) {
        if (lx->nindent + 1 >= MAX_INDENT) {
            late_error(lx, "IndentationError", lx->line, p, "too many levels of indentation");
            return;
        }
        if (alt <= alttop) {
            late_error(lx, "TabError", lx->line, lx->line_start,
                      "inconsistent use of tabs and spaces in indentation");
            return;
        }
        lx->nindent++;
        lx->indents[lx->nindent] = col;
        lx->altindents[lx->nindent] = alt;
        push_token(lx, TK_INDENT, p, 0, lx->line, lx->line_start);
    } else {
        while (lx->nindent > 0 && col < lx->indents[lx->nindent]) {
            lx->nindent--;
            push_token(lx, TK_DEDENT, p, 0, lx->line, lx->line_start);
        }
        if (col != lx->indents[lx->nindent]) {
            /* CPython points past the end of the line. */
            const char *eol = p;
            while (eol < lx->end && *eol != '\n') eol++;
            late_error(lx, "IndentationError", lx->line, eol,
                      "unindent does not match any outer indentation level");
            return;
        }
        if (alt != lx->altindents[lx->nindent])
            late_error(lx, "TabError", lx->line, lx->line_start,
                      "inconsistent use of tabs and spaces in indentation");
    }
}

/* ---- numbers -------------------------------------------------------------- */

static bool starts_keyword_after_number(const char *p, const char *end) {
    static const char *const kws[] = {"and", "else", "for", "if", "in", "is", "not", "or"};
    for (size_t i = 0; i < sizeof kws / sizeof kws[0]; i++) {
        size_t n = strlen(kws[i]);
        if ((size_t)(end - p) >= n && memcmp(p, kws[i], n) == 0) return true;
    }
    return false;
}

/* Read digits of `base` with single underscores between them. Returns the
 * new position, or NULL (error reported) on a misplaced underscore. */
static const char *read_digits(Lx *lx, const char *p, int base, const char *kind) {
    while (p < lx->end) {
        if (is_digit_of((unsigned char)*p, base)) {
            p++;
        } else if (*p == '_') {
            if (p + 1 >= lx->end || !is_digit_of((unsigned char)p[1], base)) {
                lex_error(lx, "SyntaxError", lx->line, p + 1, "invalid %s literal", kind);
                return NULL;
            }
            p++;
        } else {
            break;
        }
    }
    return p;
}

/* A number may not run straight into a name, except a keyword (`1if x`). */
static bool verify_end_of_number(Lx *lx, const char *p, const char *start, const char *kind) {
    if (p < lx->end && (*p == 'j' || *p == 'J')) {
        lex_error(lx, "SyntaxError", lx->line, start, "stitch: unsupported: imaginary literals (complex numbers)");
        return false;
    }
    if (p < lx->end && is_ident_start((unsigned char)*p) && !starts_keyword_after_number(p, lx->end)) {
        lex_error(lx, "SyntaxError", lx->line, start, "invalid %s literal", kind);
        return false;
    }
    return true;
}

static void lex_number(Lx *lx) {
    const char *start = lx->cur, *p = start;
    if (*p == '0' && p + 1 < lx->end && p[1] && strchr("xXoObB", p[1])) {
        int base = (p[1] == 'x' || p[1] == 'X') ? 16 : (p[1] == 'o' || p[1] == 'O') ? 8 : 2;
        const char *kind = base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary";
        p += 2;
        if (p < lx->end && *p == '_') p++;
        if (p >= lx->end || !is_digit_of((unsigned char)*p, base)) {
            if (p < lx->end && base != 16 && *p >= '0' && *p <= '9')
                lex_error(lx, "SyntaxError", lx->line, p, "invalid digit '%c' in %s literal", *p, kind);
            else
                lex_error(lx, "SyntaxError", lx->line, p, "invalid %s literal", kind);
            return;
        }
        if (!(p = read_digits(lx, p, base, kind))) return;
        if (p < lx->end && base != 16 && *p >= '0' && *p <= '9') {
            lex_error(lx, "SyntaxError", lx->line, p, "invalid digit '%c' in %s literal", *p, kind);
            return;
        }
        if (!verify_end_of_number(lx, p, start, kind)) return;
        lx->cur = p;
        push_token(lx, TK_INT, start, (size_t)(p - start), lx->line, lx->line_start);
        return;
    }
    bool is_float = false;
    if (*p != '.' && !(p = read_digits(lx, p, 10, "decimal"))) return;
    if (p < lx->end && *p == '.') {
        is_float = true;
        p++;
        if (p < lx->end && *p >= '0' && *p <= '9' && !(p = read_digits(lx, p, 10, "decimal")))
            return;
    }
    if (p < lx->end && (*p == 'e' || *p == 'E')) {
        const char *q = p + 1;
        if (q < lx->end && (*q == '+' || *q == '-')) q++;
        if (q < lx->end && *q >= '0' && *q <= '9') {
            if (!(p = read_digits(lx, q, 10, "decimal"))) return;
            is_float = true;
        } else if (q != p + 1 || !starts_keyword_after_number(p, lx->end)) {
            lex_error(lx, "SyntaxError", lx->line, start, "invalid decimal literal");
            return;
        }
    }
    if (!verify_end_of_number(lx, p, start, "decimal")) return;
    if (!is_float && *start == '0') {
        for (const char *q = start; q < p; q++) {
            if (*q != '0' && *q != '_') {
                lex_error(lx, "SyntaxError", lx->line, start,
                          "leading zeros in decimal integer literals are not permitted; "
                          "use an 0o prefix for octal integers");
                return;
            }
        }
    }
    lx->cur = p;
    push_token(lx, is_float ? TK_FLOAT : TK_INT, start, (size_t)(p - start), lx->line,
               lx->line_start);
}

/* ---- strings -------------------------------------------------------------- */

static size_t put_utf8(char *out, uint32_t cp) {
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

static int hexval(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

const char *lex_decode_string(Arena *a, const char *s, size_t n, bool raw,
                              size_t *out_len, char *err, size_t errsize,
                              size_t *err_at) {
    /* Every escape decodes to no more bytes than it is written with. */
    char *out = arena_alloc(a, n + 1);
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        char c = s[i];
        if (c == '\r' && i + 1 < n && s[i + 1] == '\n') {
            i++;
            continue;
        }
        if (c != '\\' || raw) {
            out[o++] = c;
            i++;
            /* In a raw string a backslash still protects the next char
             * (it ended no string), and both stay. */
            if (c == '\\' && i < n) out[o++] = s[i++];
            continue;
        }
        size_t esc = i++;
        if (i >= n) {
            out[o++] = '\\';
            break;
        }
        char e = s[i++];
        int digits = 0;
        switch (e) {
        case '\n': break;
        case '\r': if (i < n && s[i] == '\n') i++; break;
        case '\\': out[o++] = '\\'; break;
        case '\'': out[o++] = '\''; break;
        case '"': out[o++] = '"'; break;
        case 'a': out[o++] = '\a'; break;
        case 'b': out[o++] = '\b'; break;
        case 'f': out[o++] = '\f'; break;
        case 'n': out[o++] = '\n'; break;
        case 'r': out[o++] = '\r'; break;
        case 't': out[o++] = '\t'; break;
        case 'v': out[o++] = '\v'; break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
            uint32_t cp = (uint32_t)(e - '0');
            for (int k = 0; k < 2 && i < n && s[i] >= '0' && s[i] <= '7'; k++)
                cp = cp * 8 + (uint32_t)(s[i++] - '0');
            o += put_utf8(out + o, cp);
            break;
        }
        case 'x': digits = 2; break;
        case 'u': digits = 4; break;
        case 'U': digits = 8; break;
        case 'N':
            snprintf(err, errsize, "stitch: unsupported: \\N{...} escapes");
            *err_at = esc;
            return NULL;
        default:
            out[o++] = '\\';
            i--; /* keep the char itself as ordinary text */
            break;
        }
        if (digits) {
            uint32_t cp = 0;
            for (int k = 0; k < digits; k++) {
                int h = i + (size_t)k < n ? hexval((unsigned char)s[i + k]) : -1;
                if (h < 0) {
                    snprintf(err, errsize,
                             "(unicode error) 'unicodeescape' codec can't decode bytes in "
                             "position %zu-%zu: truncated \\%c%s escape",
                             esc, i + k - 1, e,
                             e == 'x' ? "XX" : e == 'u' ? "XXXX" : "XXXXXXXX");
                    *err_at = esc;
                    return NULL;
                }
                cp = cp * 16 + (uint32_t)h;
            }
            if (cp > 0x10FFFF) {
                snprintf(err, errsize,
                         "(unicode error) 'unicodeescape' codec can't decode bytes in "
                         "position %zu-%zu: illegal Unicode character",
                         esc, i + digits - 1);
                *err_at = esc;
                return NULL;
            }
            i += (size_t)digits;
            o += put_utf8(out + o, cp);
        }
    }
    out[o] = '\0';
    *out_len = o;
    return out;
}

/* The prefix letters before a quote: which of r, b, f, u, or -1 if the
 * name is not a string prefix. */
enum { PFX_R = 1, PFX_B = 2, PFX_F = 4, PFX_U = 8 };

static int string_prefix(const char *s, size_t n) {
    if (n > 2) return -1;
    int flags = 0;
    for (size_t i = 0; i < n; i++) {
        int f;
        switch (s[i]) {
        case 'r': case 'R': f = PFX_R; break;
        case 'b': case 'B': f = PFX_B; break;
        case 'f': case 'F': f = PFX_F; break;
        case 'u': case 'U': f = PFX_U; break;
        default: return -1;
        }
        if (flags & f) return -1;
        flags |= f;
    }
    if ((flags & PFX_U) && n != 1) return -1;
    if ((flags & PFX_B) && (flags & PFX_F)) return -1;
    return flags;
}

/* A string literal whose prefix starts at `start` and quote at lx->cur. */
static void lex_string(Lx *lx, const char *start, int flags) {
    const char *p = lx->cur;
    int line0 = lx->line;
    const char *ls0 = lx->line_start;
    char q = *p;
    bool triple = p + 2 < lx->end && p[1] == q && p[2] == q;
    p += triple ? 3 : 1;
    const char *body = p, *body_end;
    for (;;) {
        if (p >= lx->end) {
            if (triple) {
                int det = lx->line - (lx->end > lx->src && lx->end[-1] == '\n');
                lex_error(lx, "SyntaxError", line0, start,
                          "unterminated triple-quoted string literal (detected at line %d)", det);
            } else {
                lex_error(lx, "SyntaxError", line0, start,
                          "unterminated string literal (detected at line %d)", lx->line);
            }
            return;
        }
        char c = *p;
        if (c == '\\') {
            if (p + 1 < lx->end) {
                if (p[1] == '\n') newline_at(lx, p + 1);
                else if (p[1] == '\r' && p + 2 < lx->end && p[2] == '\n') newline_at(lx, ++p + 1);
            }
            p += 2;
            continue;
        }
        if (c == '\n') {
            if (!triple) {
                lex_error(lx, "SyntaxError", line0, start,
                          "unterminated string literal (detected at line %d)", lx->line);
                return;
            }
            newline_at(lx, p);
        } else if (c == q && (!triple || (p + 2 < lx->end && p[1] == q && p[2] == q))) {
            body_end = p;
            p += triple ? 3 : 1;
            break;
        }
        p++;
    }
    if (p > lx->end) p = lx->end;
    lx->cur = p;
    if (flags & PFX_B) {
        lex_error(lx, "SyntaxError", line0, start, "stitch: unsupported: bytes literals");
        return;
    }
    Token *t = push_token(lx, (flags & PFX_F) ? TK_FSTRING : TK_STRING, start,
                          (size_t)(p - start), line0, ls0);
    t->raw = (flags & PFX_R) != 0;
    if (flags & PFX_F) {
        t->str = body;
        t->str_len = (size_t)(body_end - body);
        return;
    }
    char err[200];
    size_t err_at = 0;
    t->str = lex_decode_string(lx->arena, body, (size_t)(body_end - body), t->raw,
                               &t->str_len, err, sizeof err, &err_at);
    if (!t->str) {
        /* CPython decodes in the parser: only reached, never in place of an
         * earlier syntax error. */
        lx->out->count--;
        late_error(lx, "SyntaxError", line0, start, err);
    }
}

/* ---- names and operators -------------------------------------------------- */

static TokenKind keyword_kind(const char *s, size_t n) {
    for (int k = TK_FIRST_KEYWORD; k <= TK_LAST_KEYWORD; k++) {
        const char *kw = token_names[k];
        if (kw[0] == s[0] && strlen(kw) == n && memcmp(kw, s, n) == 0) return (TokenKind)k;
    }
    return TK_NAME;
}

static void lex_name(Lx *lx) {
    const char *start = lx->cur, *p = start;
    while (p < lx->end && is_ident_char((unsigned char)*p)) p++;
    if (p < lx->end && (*p == '"' || *p == '\'')) {
        int flags = string_prefix(start, (size_t)(p - start));
        if (flags >= 0) {
            lx->cur = p;
            lex_string(lx, start, flags);
            return;
        }
    }
    lx->cur = p;
    push_token(lx, keyword_kind(start, (size_t)(p - start)), start, (size_t)(p - start),
               lx->line, lx->line_start);
}

/* The longest operator or delimiter at p, or TK_ERRORTOKEN. */
static TokenKind operator_kind(const char *p, const char *end, size_t *len) {
    size_t avail = (size_t)(end - p);
    TokenKind best = TK_ERRORTOKEN;
    size_t best_len = 0;
    for (int k = TK_LPAR; k <= TK_ATEQUAL; k++) {
        const char *s = token_names[k];
        if (s[0] != *p) continue;
        size_t n = strlen(s);
        if (n > best_len && n <= avail && memcmp(s, p, n) == 0) {
            best = (TokenKind)k;
            best_len = n;
        }
    }
    *len = best_len ? best_len : 1;
    return best;
}

static void open_bracket(Lx *lx, char c, const char *p) {
    if (lx->level >= MAX_LEVEL) {
        lex_error(lx, "SyntaxError", lx->line, p, "too many nested parentheses");
        return;
    }
    lx->brackets[lx->level] = c;
    lx->bline[lx->level] = lx->line;
    lx->bcol[lx->level] = (int)(p - lx->line_start) + 1;
    lx->bat[lx->level] = p;
    lx->level++;
}

static bool close_bracket(Lx *lx, char c, const char *p) {
    if (lx->level == 0) {
        lex_error(lx, "SyntaxError", lx->line, p, "unmatched '%c'", c);
        return false;
    }
    char open = lx->brackets[lx->level - 1];
    char want = open == '(' ? ')' : open == '[' ? ']' : '}';
    if (c != want) {
        if (lx->bline[lx->level - 1] != lx->line)
            lex_error(lx, "SyntaxError", lx->line, p,
                      "closing parenthesis '%c' does not match opening parenthesis '%c' on line %d",
                      c, open, lx->bline[lx->level - 1]);
        else
            lex_error(lx, "SyntaxError", lx->line, p,
                      "closing parenthesis '%c' does not match opening parenthesis '%c'", c, open);
        return false;
    }
    lx->level--;
    return true;
}

static void lex_operator(Lx *lx) {
    const char *p = lx->cur;
    unsigned char c = (unsigned char)*p;
    if (c == 0) {
        lex_error(lx, "SyntaxError", lx->line, p, "source code cannot contain null bytes");
        return;
    }
    if (c < 0x20 || c == 0x7F) {
        lex_error(lx, "SyntaxError", lx->line, p, "invalid non-printable character U+%04X", c);
        return;
    }
    size_t len;
    TokenKind k = operator_kind(p, lx->end, &len);
    if (k == TK_LPAR || k == TK_LSQB || k == TK_LBRACE) open_bracket(lx, *p, p);
    else if ((k == TK_RPAR || k == TK_RSQB || k == TK_RBRACE) && !close_bracket(lx, *p, p)) return;
    if (lx->failed) return;
    lx->cur = p + len;
    push_token(lx, k, p, len, lx->line, lx->line_start);
}

/* ---- driver --------------------------------------------------------------- */

static void lex_end(Lx *lx) {
    const char *p = lx->end, *ls = lx->line_start;
    int line = lx->line;
    if (ls == lx->end && line > 1) {
        /* Like CPython, put the end of the file on its last line. */
        line--;
        p = lx->end - 1;
        ls = p;
        while (ls > lx->src && ls[-1] != '\n') ls--;
    }
    if (lx->level > 0) {
        Lexed *o = lx->out;
        o->open_bracket = lx->brackets[lx->level - 1];
        o->open_line = lx->bline[lx->level - 1];
        o->open_col = lx->bcol[lx->level - 1];
        o->open_at = lx->bat[lx->level - 1];
    } else if (!lx->in_expr) {
        if (lx->line_has_tokens) push_token(lx, TK_NEWLINE, p, 0, lx->line, lx->line_start);
        while (lx->nindent > 0) {
            lx->nindent--;
            push_token(lx, TK_DEDENT, p, 0, line, ls);
        }
    }
    push_token(lx, TK_EOF, p, 0, line, ls);
}

static void lex_run(Arena *a, const char *src, size_t len, bool in_expr, Lexed *out) {
    memset(out, 0, sizeof *out);
    Lx lx;
    memset(&lx, 0, sizeof lx);
    lx.in_expr = in_expr;
    lx.arena = a;
    lx.src = lx.cur = lx.line_start = src;
    lx.end = src + len;
    lx.line = 1;
    lx.out = out;
    lx.at_line_start = !in_expr;
    while (!lx.failed) {
        if (lx.at_line_start && lx.level == 0) {
            lex_indentation(&lx);
            if (lx.failed) break;
        }
        const char *p = lx.cur;
        while (p < lx.end && (*p == ' ' || *p == '\t' || *p == '\f' ||
                              (*p == '\r' && p + 1 < lx.end && p[1] == '\n')))
            p++;
        lx.cur = p;
        if (p >= lx.end) {
            lex_end(&lx);
            break;
        }
        unsigned char c = (unsigned char)*p;
        if (c == '#') {
            while (p < lx.end && *p != '\n') p++;
            lx.cur = p;
        } else if (c == '\n') {
            if (lx.level == 0 && !lx.in_expr && lx.line_has_tokens) {
                push_token(&lx, TK_NEWLINE, p, 1, lx.line, lx.line_start);
                lx.line_has_tokens = false;
            }
            newline_at(&lx, p);
            lx.cur = p + 1;
            if (lx.level == 0 && !lx.in_expr) lx.at_line_start = true;
        } else if (c == '\\') {
            const char *q = p + 1;
            if (q < lx.end && *q == '\r' && q + 1 < lx.end && q[1] == '\n') q++;
            if (q >= lx.end) {
                late_error(&lx, "SyntaxError", lx.line, p, "unexpected EOF while parsing");
            } else if (*q != '\n') {
                late_error(&lx, "SyntaxError", lx.line, p + 1,
                          "unexpected character after line continuation character");
            } else if (q + 1 >= lx.end) {
                late_error(&lx, "SyntaxError", lx.line, q, "unexpected EOF while parsing");
            } else {
                newline_at(&lx, q);
                lx.cur = q + 1;
            }
        } else if (is_ident_start(c)) {
            lex_name(&lx);
        } else if ((c >= '0' && c <= '9') ||
                   (c == '.' && p + 1 < lx.end && p[1] >= '0' && p[1] <= '9')) {
            lex_number(&lx);
        } else if (c == '"' || c == '\'') {
            lex_string(&lx, p, 0);
        } else {
            lex_operator(&lx);
        }
    }
}

void lex_source(Arena *a, const char *src, size_t len, Lexed *out) {
    lex_run(a, src, len, false, out);
}

void lex_expression(Arena *a, const char *src, size_t len, Lexed *out) {
    lex_run(a, src, len, true, out);
}

void lex_free(Lexed *lx) {
    free(lx->tokens);
    lx->tokens = NULL;
    lx->count = 0;
}
