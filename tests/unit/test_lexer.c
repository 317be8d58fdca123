/* test_lexer.c: token sequences, literals, escapes and lexical errors. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexer.h"

static const char *const kind_enum_names[TK_COUNT] = {
#define X(e, s) #e,
    TOKEN_LIST(X)
#undef X
};

/* The token kinds of src as "NAME ASSIGN INT NEWLINE EOF"; punctuation and
 * keywords by enum name. Returns a static buffer. */
static const char *kinds(const char *src) {
    static char out[4096];
    Arena a;
    arena_init(&a);
    Lexed lx;
    lex_source(&a, src, strlen(src), &lx);
    out[0] = '\0';
    for (int i = 0; i < lx.count; i++) {
        if (i) strcat(out, " ");
        strcat(out, kind_enum_names[lx.tokens[i].kind]);
    }
    lex_free(&lx);
    arena_free(&a);
    return out;
}

/* Lex and keep the result; the caller frees both. */
static Lexed lex(Arena *a, const char *src) {
    Lexed lx;
    arena_init(a);
    lex_source(a, src, strlen(src), &lx);
    return lx;
}

static void done(Arena *a, Lexed *lx) {
    lex_free(lx);
    arena_free(a);
}

/* The error of src as "Kind: msg @line:col", or "" if none. */
static const char *lex_err(const char *src) {
    static char out[512];
    Arena a;
    Lexed lx = lex(&a, src);
    out[0] = '\0';
    if (lx.has_error) {
        snprintf(out, sizeof out, "%s: %s @%d:%d", lx.diag.kind, lx.diag.msg, lx.diag.line, lx.diag.col);
        assert_int_equal(lx.tokens[lx.count - 1].kind, TK_ERROR);
    }
    done(&a, &lx);
    return out;
}

static void test_simple_statement(void **state) {
    (void)state;
    assert_string_equal(kinds("x = 1\n"), "NAME ASSIGN INT NEWLINE EOF");
    assert_string_equal(kinds("x = 1"), "NAME ASSIGN INT NEWLINE EOF");
    assert_string_equal(kinds(""), "EOF");
    assert_string_equal(kinds("\n\n# only a comment\n   \n"), "EOF");
    assert_string_equal(kinds("a; b\r\n"), "NAME SEMI NAME NEWLINE EOF");
}

static void test_indent_dedent_nested(void **state) {
    (void)state;
    const char *src =
        "if a:\n"
        "    if b:\n"
        "        if c:\n"
        "            x\n"
        "\n"
        "   # comment at odd indent\n"
        "y\n";
    assert_string_equal(kinds(src),
                        "IF NAME COLON NEWLINE INDENT IF NAME COLON NEWLINE INDENT IF NAME COLON "
                        "NEWLINE INDENT NAME NEWLINE DEDENT DEDENT DEDENT NAME NEWLINE EOF");
    /* Dedent two of three levels, then the last one at end of file. */
    assert_string_equal(kinds("a:\n b:\n  c:\n   d\n e\n"),
                        "NAME COLON NEWLINE INDENT NAME COLON NEWLINE INDENT NAME COLON NEWLINE "
                        "INDENT NAME NEWLINE DEDENT DEDENT NAME NEWLINE DEDENT EOF");
    /* A tab advances to the next multiple of 8: same level as 8 spaces
     * only when it is consistent, so tab-only indentation works. */
    assert_string_equal(kinds("if x:\n\ty\n\tz\n"),
                        "IF NAME COLON NEWLINE INDENT NAME NEWLINE NAME NEWLINE DEDENT EOF");
}

static void test_brackets_and_continuation(void **state) {
    (void)state;
    assert_string_equal(kinds("x = (1,\n     2)\n"),
                        "NAME ASSIGN LPAR INT COMMA INT RPAR NEWLINE EOF");
    assert_string_equal(kinds("d = {\n  'a': [1,\n\n 2],\n}\n"),
                        "NAME ASSIGN LBRACE STRING COLON LSQB INT COMMA INT RSQB COMMA RBRACE NEWLINE EOF");
    assert_string_equal(kinds("x = 1 + \\\n    2\n"), "NAME ASSIGN INT PLUS INT NEWLINE EOF");
    assert_string_equal(kinds("if a and \\\n   b:\n  pass\n"),
                        "IF NAME AND NAME COLON NEWLINE INDENT PASS NEWLINE DEDENT EOF");
}

static void test_positions(void **state) {
    (void)state;
    Arena a;
    Lexed lx = lex(&a, "x = 1\nif y:\n    zz\n");
    /* x = 1 NL if y : NL INDENT zz NL DEDENT EOF */
    assert_int_equal(lx.tokens[0].line, 1);
    assert_int_equal(lx.tokens[0].col, 1);
    assert_int_equal(lx.tokens[2].col, 5);
    assert_int_equal(lx.tokens[3].kind, TK_NEWLINE);
    assert_int_equal(lx.tokens[3].col, 6);
    assert_int_equal(lx.tokens[4].kind, TK_IF);
    assert_int_equal(lx.tokens[4].line, 2);
    assert_int_equal(lx.tokens[8].kind, TK_INDENT);
    assert_int_equal(lx.tokens[9].kind, TK_NAME);
    assert_int_equal(lx.tokens[9].line, 3);
    assert_int_equal(lx.tokens[9].col, 5);
    assert_int_equal(lx.tokens[9].len, 2);
    assert_memory_equal(lx.tokens[9].start, "zz", 2);
    done(&a, &lx);
}

static void test_operators_longest_match(void **state) {
    (void)state;
    assert_string_equal(kinds("a **= b // c >>= d -> e ... f := g != h\n"),
                        "NAME DOUBLESTAREQUAL NAME DOUBLESLASH NAME RSHIFTEQUAL NAME ARROW NAME "
                        "ELLIPSIS NAME WALRUS NAME NOTEQUAL NAME NEWLINE EOF");
    assert_string_equal(kinds("<<= << <= < >= > == = //= /= %= &= |= ^= @= @ ~\n"),
                        "LSHIFTEQUAL LSHIFT LESSEQUAL LESS GREATEREQUAL GREATER EQEQUAL ASSIGN "
                        "DOUBLESLASHEQUAL SLASHEQUAL PERCENTEQUAL AMPEREQUAL VBAREQUAL CIRCUMFLEXEQUAL "
                        "ATEQUAL AT TILDE NEWLINE EOF");
    /* Stray characters are tokens the parser rejects as invalid syntax. */
    assert_string_equal(kinds("x $ ?\n"), "NAME ERRORTOKEN ERRORTOKEN NEWLINE EOF");
}

static void test_keywords(void **state) {
    (void)state;
    assert_string_equal(kinds("if elif else while for in not is and or lambda None True False\n"),
                        "IF ELIF ELSE WHILE FOR IN NOT IS AND OR LAMBDA NONE TRUE FALSE NEWLINE EOF");
    assert_string_equal(kinds("iff _if None_ match\n"), "NAME NAME NAME NAME NEWLINE EOF");
    for (int k = TK_FIRST_KEYWORD; k <= TK_LAST_KEYWORD; k++) {
        char src[32];
        snprintf(src, sizeof src, "%s", token_names[k]);
        Arena a;
        Lexed lx = lex(&a, src);
        assert_int_equal(lx.tokens[0].kind, k);
        done(&a, &lx);
    }
}

static void test_numbers(void **state) {
    (void)state;
    assert_string_equal(kinds("0 42 0x1F 0o17 0b1010 1_000_000 0x_ff 00 0_0\n"),
                        "INT INT INT INT INT INT INT INT INT NEWLINE EOF");
    assert_string_equal(kinds("1.5 .5 5. 1e10 1.5E-3 1_0.5 0e1 1e+5 08.5\n"),
                        "FLOAT FLOAT FLOAT FLOAT FLOAT FLOAT FLOAT FLOAT FLOAT NEWLINE EOF");
    /* A keyword may follow a number directly, as in CPython. */
    assert_string_equal(kinds("1if x else 2\n"), "INT IF NAME ELSE INT NEWLINE EOF");
    Arena a;
    Lexed lx = lex(&a, "0x_FF_FF");
    assert_int_equal(lx.tokens[0].len, 8);
    done(&a, &lx);
}

static void test_number_errors(void **state) {
    (void)state;
    assert_string_equal(lex_err("x = 1_\n"), "SyntaxError: invalid decimal literal @1:7");
    assert_string_equal(lex_err("x = 5a\n"), "SyntaxError: invalid decimal literal @1:5");
    assert_string_equal(lex_err("x = 0x\n"), "SyntaxError: invalid hexadecimal literal @1:7");
    assert_string_equal(lex_err("x = 0b12\n"), "SyntaxError: invalid digit '2' in binary literal @1:8");
    assert_string_equal(lex_err("x = 0o8\n"), "SyntaxError: invalid digit '8' in octal literal @1:7");
    assert_string_equal(lex_err("x = 08\n"),
                        "SyntaxError: leading zeros in decimal integer literals are not permitted; "
                        "use an 0o prefix for octal integers @1:5");
    assert_string_equal(lex_err("x = 1j\n"), "SyntaxError: stitch: unsupported: imaginary literals (complex numbers) @1:5");
    assert_string_equal(lex_err("x = 1e\n"), "SyntaxError: invalid decimal literal @1:5");
}

/* The decoded bytes of the first STRING token of src. */
static void check_string(const char *src, const char *want, size_t want_len) {
    Arena a;
    Lexed lx = lex(&a, src);
    assert_false(lx.has_error);
    assert_int_equal(lx.tokens[0].kind, TK_STRING);
    assert_int_equal(lx.tokens[0].str_len, want_len);
    assert_memory_equal(lx.tokens[0].str, want, want_len);
    done(&a, &lx);
}

static void test_string_escapes(void **state) {
    (void)state;
    check_string("'abc'", "abc", 3);
    check_string("\"it's\"", "it's", 4);
    check_string("'a\\nb\\tc\\rd'", "a\nb\tc\rd", 7);
    check_string("'\\\\ \\' \\\"'", "\\ ' \"", 5);
    check_string("'\\0x'", "\0x", 2);
    check_string("'\\x41\\x7a'", "Az", 2);
    check_string("'\\101\\7'", "A\a", 2);
    check_string("'\\u00e9'", "\xc3\xa9", 2);
    check_string("'\\U0001F600'", "\xf0\x9f\x98\x80", 4);
    check_string("'\\u20ac'", "\xe2\x82\xac", 3);
    check_string("'\\a\\b\\f\\v'", "\a\b\f\v", 4);
    check_string("'a\\\nb'", "ab", 2);           /* backslash-newline vanishes */
    check_string("'\\d\\q'", "\\d\\q", 4);        /* unknown escapes keep the backslash */
    check_string("r'\\n\\x'", "\\n\\x", 4);       /* raw */
    check_string("R'a\\'b'", "a\\'b", 4);
    check_string("u'x'", "x", 1);
    check_string("'''a\nb\"c'''", "a\nb\"c", 5);
    check_string("\"\"\"one\r\ntwo\"\"\"", "one\ntwo", 7);
    check_string("'h\xc3\xa9'", "h\xc3\xa9", 3);
}

static void test_string_tokens(void **state) {
    (void)state;
    assert_string_equal(kinds("'a' \"b\" '''c''' f'd' rf'e' Rb'x'\n"),
                        "STRING STRING STRING FSTRING FSTRING ERROR");
    Arena a;
    Lexed lx = lex(&a, "x = f'a{b}c'\n");
    assert_int_equal(lx.tokens[2].kind, TK_FSTRING);
    assert_int_equal(lx.tokens[2].str_len, 5);
    assert_memory_equal(lx.tokens[2].str, "a{b}c", 5);
    assert_false(lx.tokens[2].raw);
    done(&a, &lx);
    /* A triple-quoted string spans lines; the next token's line follows. */
    lx = lex(&a, "s = '''a\nb\nc'''\nt\n");
    assert_int_equal(lx.tokens[2].line, 1);
    assert_int_equal(lx.tokens[4].kind, TK_NAME);
    assert_int_equal(lx.tokens[4].line, 4);
    done(&a, &lx);
}

static void test_string_errors(void **state) {
    (void)state;
    assert_string_equal(lex_err("x = 'abc\ny = 1\n"),
                        "SyntaxError: unterminated string literal (detected at line 1) @1:5");
    assert_string_equal(lex_err("x = 1\ns = \"a\\\nb"),
                        "SyntaxError: unterminated string literal (detected at line 3) @2:5");
    assert_string_equal(lex_err("x = 1\ns = '''abc\n\n"),
                        "SyntaxError: unterminated triple-quoted string literal (detected at line 3) @2:5");
    assert_string_equal(lex_err("x = b'abc'\n"), "SyntaxError: stitch: unsupported: bytes literals @1:5");
    assert_string_equal(lex_err("x = '\\x4'\n"),
                        "SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in "
                        "position 0-2: truncated \\xXX escape @1:5");
    assert_string_equal(lex_err("x = '\\U00110000'\n"),
                        "SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in "
                        "position 0-9: illegal Unicode character @1:5");
}

static void test_indentation_errors(void **state) {
    (void)state;
    assert_string_equal(lex_err("if x:\n    a\n  b\n"),
                        "IndentationError: unindent does not match any outer indentation level @3:4");
    assert_string_equal(lex_err("if x:\n\ty\n        z\n"),
                        "TabError: inconsistent use of tabs and spaces in indentation @3:1");
    char deep[8192] = "";
    for (int i = 0; i < 101; i++) {
        size_t n = strlen(deep);
        memset(deep + n, ' ', (size_t)i);
        strcpy(deep + n + i, "if x:\n");
    }
    assert_string_equal(lex_err(deep), "IndentationError: too many levels of indentation @101:101");
}

static void test_bracket_errors(void **state) {
    (void)state;
    assert_string_equal(lex_err("x = 1)\n"), "SyntaxError: unmatched ')' @1:6");
    assert_string_equal(lex_err("x = (1]\n"),
                        "SyntaxError: closing parenthesis ']' does not match opening parenthesis '(' @1:7");
    assert_string_equal(lex_err("x = (1,\n2]\n"),
                        "SyntaxError: closing parenthesis ']' does not match opening parenthesis '(' on line 1 @2:2");
    Arena a;
    Lexed lx = lex(&a, "x = [1,\n  (2,\n");
    assert_false(lx.has_error);
    assert_int_equal(lx.open_bracket, '(');
    assert_int_equal(lx.open_line, 2);
    assert_int_equal(lx.open_col, 3);
    done(&a, &lx);
    char deep[512];
    memset(deep, '(', 201);
    deep[201] = '\0';
    assert_string_equal(lex_err(deep), "SyntaxError: too many nested parentheses @1:201");
}

static void test_misc_errors(void **state) {
    (void)state;
    assert_string_equal(lex_err("x = 1 \\ 2\n"),
                        "SyntaxError: unexpected character after line continuation character @1:8");
    assert_string_equal(lex_err("x = 1 +\\\n"), "SyntaxError: unexpected EOF while parsing @1:9");
    assert_string_equal(lex_err("x = \x01\n"), "SyntaxError: invalid non-printable character U+0001 @1:5");
    Arena a;
    Lexed lx;
    arena_init(&a);
    lex_source(&a, "x = \0", 5, &lx);
    assert_true(lx.has_error);
    assert_string_equal(lx.diag.msg, "source code cannot contain null bytes");
    done(&a, &lx);
    /* The diagnostic column counts characters, not bytes. */
    assert_string_equal(lex_err("s = '\xc3\xa9' + 'x\n"),
                        "SyntaxError: unterminated string literal (detected at line 1) @1:11");
}

static void test_fstring_expression_mode(void **state) {
    (void)state;
    Arena a;
    Lexed lx;
    arena_init(&a);
    const char *src = "a +\n  b";
    lex_expression(&a, src, strlen(src), &lx);
    assert_int_equal(lx.count, 4);
    assert_int_equal(lx.tokens[0].kind, TK_NAME);
    assert_int_equal(lx.tokens[1].kind, TK_PLUS);
    assert_int_equal(lx.tokens[2].kind, TK_NAME);
    assert_int_equal(lx.tokens[3].kind, TK_EOF);
    done(&a, &lx);
}

static void test_decode_helper(void **state) {
    (void)state;
    Arena a;
    arena_init(&a);
    char err[200];
    size_t n, at;
    const char *d = lex_decode_string(&a, "x\\ty", 4, false, &n, err, sizeof err, &at);
    assert_non_null(d);
    assert_int_equal(n, 3);
    assert_memory_equal(d, "x\ty", 3);
    d = lex_decode_string(&a, "ab\\u12", 6, false, &n, err, sizeof err, &at);
    assert_null(d);
    assert_int_equal(at, 2);
    arena_free(&a);
}

/* Random bytes must never crash the lexer, and every stream ends with EOF
 * or ERROR. */
static void test_fuzz_bytes(void **state) {
    (void)state;
    static const char alphabet[] = "ab1_ \t\n\\'\"#()[]{}:.,=+-*/<>!$?fr0xe\r\x01\xc3\xa9";
    unsigned seed = 12345;
    char buf[200];
    for (int iter = 0; iter < 500; iter++) {
        int n = (int)(seed % sizeof buf);
        for (int i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = seed >> 16;
            buf[i] = (iter & 1) ? (char)(r & 0xFF) : alphabet[r % (sizeof alphabet - 1)];
        }
        seed = seed * 1103515245u + 12345u;
        Arena a;
        Lexed lx;
        arena_init(&a);
        lex_source(&a, buf, (size_t)n, &lx);
        assert_true(lx.count >= 1);
        TokenKind last = lx.tokens[lx.count - 1].kind;
        assert_true(last == TK_EOF || last == TK_ERROR);
        assert_int_equal(last == TK_ERROR, lx.has_error);
        done(&a, &lx);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simple_statement),
        cmocka_unit_test(test_indent_dedent_nested),
        cmocka_unit_test(test_brackets_and_continuation),
        cmocka_unit_test(test_positions),
        cmocka_unit_test(test_operators_longest_match),
        cmocka_unit_test(test_keywords),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_number_errors),
        cmocka_unit_test(test_string_escapes),
        cmocka_unit_test(test_string_tokens),
        cmocka_unit_test(test_string_errors),
        cmocka_unit_test(test_indentation_errors),
        cmocka_unit_test(test_bracket_errors),
        cmocka_unit_test(test_misc_errors),
        cmocka_unit_test(test_fstring_expression_mode),
        cmocka_unit_test(test_decode_helper),
        cmocka_unit_test(test_fuzz_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
