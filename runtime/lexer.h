/* lexer.h: source text -> tokens, with Python's INDENT/DEDENT/NEWLINE rules.
 *
 * The whole source is tokenized up front into one array. A hard error
 * (unterminated string, bad number, inconsistent dedent, unmatched bracket,
 * ...) ends the array with a TK_ERROR token and fills the diagnostic; the
 * parser reports it when it reaches that token, and also in preference to
 * any syntax error of its own, as CPython does. */
#ifndef STITCH_LEXER_H
#define STITCH_LEXER_H

#include <stdbool.h>
#include <stddef.h>

#include "ast.h"

/* Tokens: X(ENUM, "text"). Punctuation and keywords give their spelling;
 * the other kinds a description. Keywords run from TK_FALSE to TK_YIELD. */
#define TOKEN_LIST(X)                                                          \
    X(EOF, "end of file")                                                      \
    X(ERROR, "error")          /* hard lexical error; see Lexed.diag */        \
    X(ERRORTOKEN, "bad character") /* stray `$`, `?`, `!`: invalid syntax */   \
    X(NEWLINE, "newline")                                                      \
    X(INDENT, "indent")                                                        \
    X(DEDENT, "dedent")                                                        \
    X(NAME, "name")                                                            \
    X(INT, "integer")                                                          \
    X(FLOAT, "float")                                                          \
    X(STRING, "string")        /* decoded text in Token.str / str_len */       \
    X(FSTRING, "f-string")     /* body in Token.str / str_len, raw or not */   \
    X(LPAR, "(")                                                               \
    X(RPAR, ")")                                                               \
    X(LSQB, "[")                                                               \
    X(RSQB, "]")                                                               \
    X(LBRACE, "{")                                                             \
    X(RBRACE, "}")                                                             \
    X(COLON, ":")                                                              \
    X(COMMA, ",")                                                              \
    X(SEMI, ";")                                                               \
    X(DOT, ".")                                                                \
    X(ELLIPSIS, "...")                                                         \
    X(ARROW, "->")                                                             \
    X(AT, "@")                                                                 \
    X(WALRUS, ":=")                                                            \
    X(ASSIGN, "=")                                                             \
    X(PLUS, "+")                                                               \
    X(MINUS, "-")                                                              \
    X(STAR, "*")                                                               \
    X(SLASH, "/")                                                              \
    X(PERCENT, "%")                                                            \
    X(DOUBLESTAR, "**")                                                        \
    X(DOUBLESLASH, "//")                                                       \
    X(AMPER, "&")                                                              \
    X(VBAR, "|")                                                               \
    X(CIRCUMFLEX, "^")                                                         \
    X(TILDE, "~")                                                              \
    X(LSHIFT, "<<")                                                            \
    X(RSHIFT, ">>")                                                            \
    X(LESS, "<")                                                               \
    X(GREATER, ">")                                                            \
    X(LESSEQUAL, "<=")                                                         \
    X(GREATEREQUAL, ">=")                                                      \
    X(EQEQUAL, "==")                                                           \
    X(NOTEQUAL, "!=")                                                          \
    X(PLUSEQUAL, "+=")                                                         \
    X(MINEQUAL, "-=")                                                          \
    X(STAREQUAL, "*=")                                                         \
    X(SLASHEQUAL, "/=")                                                        \
    X(PERCENTEQUAL, "%=")                                                      \
    X(DOUBLESTAREQUAL, "**=")                                                  \
    X(DOUBLESLASHEQUAL, "//=")                                                 \
    X(AMPEREQUAL, "&=")                                                        \
    X(VBAREQUAL, "|=")                                                         \
    X(CIRCUMFLEXEQUAL, "^=")                                                   \
    X(LSHIFTEQUAL, "<<=")                                                      \
    X(RSHIFTEQUAL, ">>=")                                                      \
    X(ATEQUAL, "@=")                                                           \
    X(FALSE, "False")                                                          \
    X(NONE, "None")                                                            \
    X(TRUE, "True")                                                            \
    X(AND, "and")                                                              \
    X(AS, "as")                                                                \
    X(ASSERT, "assert")                                                        \
    X(ASYNC, "async")                                                          \
    X(AWAIT, "await")                                                          \
    X(BREAK, "break")                                                          \
    X(CLASS, "class")                                                          \
    X(CONTINUE, "continue")                                                    \
    X(DEF, "def")                                                              \
    X(DEL, "del")                                                              \
    X(ELIF, "elif")                                                            \
    X(ELSE, "else")                                                            \
    X(EXCEPT, "except")                                                        \
    X(FINALLY, "finally")                                                      \
    X(FOR, "for")                                                              \
    X(FROM, "from")                                                            \
    X(GLOBAL, "global")                                                        \
    X(IF, "if")                                                                \
    X(IMPORT, "import")                                                        \
    X(IN, "in")                                                                \
    X(IS, "is")                                                                \
    X(LAMBDA, "lambda")                                                        \
    X(NONLOCAL, "nonlocal")                                                    \
    X(NOT, "not")                                                              \
    X(OR, "or")                                                                \
    X(PASS, "pass")                                                            \
    X(RAISE, "raise")                                                          \
    X(RETURN, "return")                                                        \
    X(TRY, "try")                                                              \
    X(WHILE, "while")                                                          \
    X(WITH, "with")                                                            \
    X(YIELD, "yield")

typedef enum TokenKind {
#define X(e, s) TK_##e,
    TOKEN_LIST(X)
#undef X
    TK_COUNT
} TokenKind;

#define TK_FIRST_KEYWORD TK_FALSE
#define TK_LAST_KEYWORD TK_YIELD

/* The spelling or description of each token kind. */
extern const char *const token_names[TK_COUNT];

/* One token. `start`/`len` is its source text (for DEDENT/EOF empty);
 * line and col are 1-based, col counted in bytes. String tokens also carry
 * their decoded bytes (STRING) or their undecoded body (FSTRING, `raw` set
 * for an rf-string) in `str`/`str_len`. */
typedef struct Token {
    TokenKind kind;
    int line, col;
    const char *start;
    size_t len;
    const char *str;
    size_t str_len;
    bool raw;
} Token;

/* A syntax error: kind is "SyntaxError", "IndentationError" or "TabError";
 * line and col are 1-based, col counted in characters like CPython's
 * SyntaxError.offset. */
typedef struct SyntaxDiag {
    const char *kind;
    int line, col;
    char msg[256];
} SyntaxDiag;

/* The tokens of a whole source, from lex_source. */
typedef struct Lexed {
    Token *tokens;         /* malloc'd; ends with TK_EOF or TK_ERROR */
    int count;
    bool has_error;        /* a hard error; `diag` says which */
    bool error_late;       /* reported only if the parser reaches it */
    SyntaxDiag diag;
    /* The innermost bracket still open at the end (0 if none), for
     * CPython's "'(' was never closed". */
    char open_bracket;
    int open_line, open_col;
    const char *open_at;
} Lexed;

/* Tokenize src[0..len). Decoded strings go into the arena. Never fails
 * except by aborting when out of memory; free with lex_free. */
void lex_source(Arena *a, const char *src, size_t len, Lexed *out);
void lex_free(Lexed *lx);
/* Tokenize the text of an f-string replacement field as if it were inside
 * brackets: no NEWLINE, INDENT or DEDENT tokens. */
void lex_expression(Arena *a, const char *src, size_t len, Lexed *out);

/* Decode a string literal body (escapes unless raw; CRLF -> LF) into
 * arena memory. NULL with a message in err (and the byte offset of the
 * bad escape in *err_at) if an escape is malformed. */
const char *lex_decode_string(Arena *a, const char *s, size_t n, bool raw,
                              size_t *out_len, char *err, size_t errsize,
                              size_t *err_at);

/* Fill diag: kind, position and printf-style message. `src`/`at` locate the
 * byte that col refers to so col can be converted to characters; `at` may
 * be NULL to keep col as given. */
void syntax_diag_set(SyntaxDiag *diag, const char *kind, int line, int col,
                     const char *src, const char *at, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

#endif
