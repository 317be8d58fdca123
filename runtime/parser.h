/* parser.h: tokens -> AST (recursive descent, Python 3.11 grammar subset).
 *
 * Error messages and line numbers follow CPython 3.11: a lexical error
 * anywhere in the source wins over the parser's own error, as it does in
 * CPython, and an unclosed bracket before the error line is reported as
 * "'(' was never closed".
 *
 * Choices the compiler should know about:
 *   - annotations (`x: int = 1`, `def f(a: int) -> int`) are parsed and
 *     dropped; `x: int` alone becomes `pass`;
 *   - a formatted value's spec is an EXPR_STR when it has no replacement
 *     fields, else an EXPR_FSTRING; its conversion is 0, 's', 'r' or 'a';
 *   - `f"{x=}"` becomes the text "x=" followed by the formatted value;
 *   - starred elements may appear in tuple and list displays (`[*a, 1]`).
 * Unsupported syntax (decorators, import, with, yield, await, generator
 * expressions, set displays, `**` in calls and dicts, keyword-only or
 * positional-only parameters, walrus) gives a clear SyntaxError. */
#ifndef STITCH_PARSER_H
#define STITCH_PARSER_H

#include <stdio.h>

#include "ast.h"
#include "lexer.h"

/* Parse a whole module. NULL on error, with err filled. Everything the AST
 * points to lives in the arena. */
Module *parse_module(Arena *a, const char *src, size_t len, SyntaxDiag *err);

/* ---- ast.c: the AST dumper used by tests ---------------------------------- */

/* An S-expression dump, one statement per line: `(Assign (Name x store)
 * (BinOp + (Int 1) (Int 2)))`. Returns a malloc'd string. */
char *ast_dump_module(const Module *m);
/* The same for one expression or statement. */
char *ast_dump_expr(const Expr *e);
char *ast_dump_stmt(const Stmt *s);
/* Print ast_dump_module's text to f. */
void ast_dump(FILE *f, const Module *m);

#endif
