/* test_parser.c: AST dumps for the grammar, CPython's error messages and
 * lines, and robustness against random input. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "parser.h"

/* The dump of src (statements joined by newlines, no trailing one), or
 * "Kind: msg @line:col". Returns a static buffer. */
static const char *parse(const char *src) {
    static char out[8192];
    Arena a;
    arena_init(&a);
    SyntaxDiag d;
    memset(&d, 0, sizeof d);
    Module *m = parse_module(&a, src, strlen(src), &d);
    if (m) {
        char *s = ast_dump_module(m);
        size_t n = strlen(s);
        if (n && s[n - 1] == '\n') s[n - 1] = '\0';
        snprintf(out, sizeof out, "%s", s);
        free(s);
    } else {
        snprintf(out, sizeof out, "%s: %s @%d:%d", d.kind, d.msg, d.line, d.col);
    }
    arena_free(&a);
    return out;
}

/* The dump of one expression statement's expression. */
static const char *expr(const char *src) {
    static char out[8192];
    const char *s = parse(src);
    if (strncmp(s, "(Expr ", 6) != 0) return s;
    snprintf(out, sizeof out, "%.*s", (int)strlen(s) - 7, s + 6);
    return out;
}

#define EXPR(src, want) assert_string_equal(expr(src), want)
#define PARSE(src, want) assert_string_equal(parse(src), want)

static void test_precedence(void **state) {
    (void)state;
    EXPR("1 + 2 * 3", "(BinOp + (Int 1) (BinOp * (Int 2) (Int 3)))");
    EXPR("(1 + 2) * 3", "(BinOp * (BinOp + (Int 1) (Int 2)) (Int 3))");
    EXPR("1 - 2 - 3", "(BinOp - (BinOp - (Int 1) (Int 2)) (Int 3))");
    EXPR("a | b ^ c & d << e + f * g",
         "(BinOp | (Name a) (BinOp ^ (Name b) (BinOp & (Name c) (BinOp << (Name d) "
         "(BinOp + (Name e) (BinOp * (Name f) (Name g)))))))");
    EXPR("a // b % c @ d / e",
         "(BinOp / (BinOp @ (BinOp % (BinOp // (Name a) (Name b)) (Name c)) (Name d)) (Name e))");
    EXPR("-2**2", "(UnaryOp - (BinOp ** (Int 2) (Int 2)))");
    EXPR("2**-1", "(BinOp ** (Int 2) (UnaryOp - (Int 1)))");
    EXPR("2**3**2", "(BinOp ** (Int 2) (BinOp ** (Int 3) (Int 2)))");
    EXPR("-~+x", "(UnaryOp - (UnaryOp ~ (UnaryOp + (Name x))))");
    EXPR("not a == b", "(UnaryOp not (Compare (Name a) == (Name b)))");
    EXPR("a or b and not c", "(Or (Name a) (And (Name b) (UnaryOp not (Name c))))");
    EXPR("a or b or c", "(Or (Name a) (Name b) (Name c))");
    EXPR("a if b else c if d else e", "(IfExp (Name b) (Name a) (IfExp (Name d) (Name c) (Name e)))");
    EXPR("lambda: 0", "(Lambda (Params) (Int 0))");
    EXPR("lambda x, y=1, *a, **k: x or y",
         "(Lambda (Params x (y (Int 1)) *a **k) (Or (Name x) (Name y)))");
    EXPR("a.b.c(1)[2]", "(Subscript (Call (Attr (Attr (Name a) b) c) (Int 1)) (Int 2))");
}

static void test_comparisons(void **state) {
    (void)state;
    EXPR("a < b <= c == d != e > f >= g",
         "(Compare (Name a) < (Name b) <= (Name c) == (Name d) != (Name e) > (Name f) >= (Name g))");
    EXPR("a is not b is c in d not in e",
         "(Compare (Name a) is not (Name b) is (Name c) in (Name d) not in (Name e))");
    EXPR("1 < x | y", "(Compare (Int 1) < (BinOp | (Name x) (Name y)))");
}

static void test_literals(void **state) {
    (void)state;
    EXPR("0x_FF", "(Int 0x_FF)");
    EXPR("1_000", "(Int 1_000)");
    EXPR("1_0.5e1_0", "(Float 1.05e+11)");
    EXPR(".5", "(Float 0.5)");
    EXPR("None", "(None)");
    EXPR("...", "(Ellipsis)");
    EXPR("'a' \"b\" '''c'''", "(Str \"abc\")");
    EXPR("'x\\n'", "(Str \"x\\n\")");
    EXPR("()", "(Tuple)");
    EXPR("(1,)", "(Tuple (Int 1))");
    EXPR("1, 2,", "(Tuple (Int 1) (Int 2))");
    EXPR("(1)", "(Int 1)");
    EXPR("[]", "(List)");
    EXPR("[1, *a, 2,]", "(List (Int 1) (Starred (Name a)) (Int 2))");
    EXPR("{}", "(Dict)");
    EXPR("{'a': 1, 2: [3],}", "(Dict ((Str \"a\") (Int 1)) ((Int 2) (List (Int 3))))");
}

static void test_calls_and_slices(void **state) {
    (void)state;
    EXPR("f()", "(Call (Name f))");
    EXPR("f(a, b=1, *c, d=2,)",
         "(Call (Name f) (Name a) (Starred (Name c)) (kw b (Int 1)) (kw d (Int 2)))");
    EXPR("a[1:2]", "(Subscript (Name a) (Slice (Int 1) (Int 2) _))");
    EXPR("a[::2]", "(Subscript (Name a) (Slice _ _ (Int 2)))");
    EXPR("a[:]", "(Subscript (Name a) (Slice _ _ _))");
    EXPR("a[x:]", "(Subscript (Name a) (Slice (Name x) _ _))");
    EXPR("a[i, j]", "(Subscript (Name a) (Tuple (Name i) (Name j)))");
    EXPR("a[1:2, ::3]", "(Subscript (Name a) (Tuple (Slice (Int 1) (Int 2) _) (Slice _ _ (Int 3))))");
    EXPR("a[i,]", "(Subscript (Name a) (Tuple (Name i)))");
}

static void test_comprehensions(void **state) {
    (void)state;
    EXPR("[x * 2 for x in y]", "(ListComp (BinOp * (Name x) (Int 2)) (for (Name x store) (Name y)))");
    EXPR("[x for x in a if x if not x for y, z in b if y in z]",
         "(ListComp (Name x) (for (Name x store) (Name a) (if (Name x)) (if (UnaryOp not (Name x)))) "
         "(for (Tuple (Name y store) (Name z store) store) (Name b) (if (Compare (Name y) in (Name z)))))");
    EXPR("{k: v for k, v in d}",
         "(DictComp (Name k) (Name v) (for (Tuple (Name k store) (Name v store) store) (Name d)))");
    EXPR("[x for x in (a if b else c)]",
         "(ListComp (Name x) (for (Name x store) (IfExp (Name b) (Name a) (Name c))))");
    EXPR("[(a in b) for a in c]",
         "(ListComp (Compare (Name a) in (Name b)) (for (Name a store) (Name c)))");
}

static void test_assignment_targets(void **state) {
    (void)state;
    PARSE("a = b = 1", "(Assign (Name a store) (Name b store) (Int 1))");
    PARSE("a, b = b, a", "(Assign (Tuple (Name a store) (Name b store) store) (Tuple (Name b) (Name a)))");
    PARSE("(a, b) = [c, d] = x",
          "(Assign (Tuple (Name a store) (Name b store) store) (List (Name c store) (Name d store) store) (Name x))");
    PARSE("a, *b = x", "(Assign (Tuple (Name a store) (Starred (Name b store) store) store) (Name x))");
    PARSE("x.y[0] = 1", "(Assign (Subscript (Attr (Name x) y) (Int 0) store) (Int 1))");
    PARSE("[a, (b, c)] = x",
          "(Assign (List (Name a store) (Tuple (Name b store) (Name c store) store) store) (Name x))");
    PARSE("x += 1", "(AugAssign += (Name x store) (Int 1))");
    PARSE("a.b //= 2", "(AugAssign //= (Attr (Name a) b store) (Int 2))");
    PARSE("a[i] **= 2", "(AugAssign **= (Subscript (Name a) (Name i) store) (Int 2))");
    PARSE("x >>= y", "(AugAssign >>= (Name x store) (Name y))");
    PARSE("x: int = 5", "(Assign (Name x store) (Int 5))");
    PARSE("x: int", "(Pass)");
    PARSE("del a, b[0], c.d", "(Del (Name a del) (Subscript (Name b) (Int 0) del) (Attr (Name c) d del))");
    PARSE("del (a, b)", "(Del (Tuple (Name a del) (Name b del) del))");
}

static void test_simple_statements(void **state) {
    (void)state;
    PARSE("pass; break; continue;", "(Pass)\n(Break)\n(Continue)");
    PARSE("return", "(Return)");
    PARSE("return 1, 2", "(Return (Tuple (Int 1) (Int 2)))");
    PARSE("raise", "(Raise)");
    PARSE("raise E('x') from e", "(Raise (Call (Name E) (Str \"x\")) (Name e))");
    PARSE("global a, b", "(Global a b)");
    PARSE("nonlocal x", "(Nonlocal x)");
    PARSE("assert x, 'msg'", "(Assert (Name x) (Str \"msg\"))");
    PARSE("assert x", "(Assert (Name x))");
    PARSE("x = 1; y = 2\nf(x)", "(Assign (Name x store) (Int 1))\n(Assign (Name y store) (Int 2))\n(Expr (Call (Name f) (Name x)))");
}

static void test_compound_statements(void **state) {
    (void)state;
    PARSE("if a:\n  x\nelif b:\n  y\nelse:\n  z\n",
          "(If (Name a) (body (Expr (Name x))) (else (If (Name b) (body (Expr (Name y))) (else (Expr (Name z))))))");
    PARSE("if x: y = 1; z = 2", "(If (Name x) (body (Assign (Name y store) (Int 1)) (Assign (Name z store) (Int 2))))");
    PARSE("while a:\n  break\nelse:\n  pass",
          "(While (Name a) (body (Break)) (else (Pass)))");
    PARSE("for i, j in x, y:\n  continue\nelse: pass",
          "(For (Tuple (Name i store) (Name j store) store) (Tuple (Name x) (Name y)) (body (Continue)) (else (Pass)))");
    PARSE("for x.a in y: pass", "(For (Attr (Name x) a store) (Name y) (body (Pass)))");
    PARSE("def f(a, b=1, *args, **kw) -> int:\n  return a\n",
          "(Def f (Params a (b (Int 1)) *args **kw) (body (Return (Name a))))");
    PARSE("def g(x: int, y: str = 'a'): pass", "(Def g (Params x (y (Str \"a\"))) (body (Pass)))");
    PARSE("class A(B, C):\n  x = 1\n  def m(self): pass\n",
          "(Class A (bases (Name B) (Name C)) (body (Assign (Name x store) (Int 1)) (Def m (Params self) (body (Pass)))))");
    PARSE("class A: pass", "(Class A (bases) (body (Pass)))");
    PARSE("try:\n  a\nexcept E as e:\n  b\nexcept (E1, E2):\n  c\nexcept:\n  d\nelse:\n  e\nfinally:\n  f\n",
          "(Try (body (Expr (Name a))) (except (Name E) e (body (Expr (Name b)))) "
          "(except (Tuple (Name E1) (Name E2)) _ (body (Expr (Name c)))) (except _ _ (body (Expr (Name d)))) "
          "(else (Expr (Name e))) (finally (Expr (Name f))))");
    PARSE("try:\n  a\nfinally:\n  b\n", "(Try (body (Expr (Name a))) (finally (Expr (Name b))))");
    PARSE("with a as b, c: pass", "(With (Name a) (Name b store) (Name c) (body (Pass)))");
    PARSE("if a:\n  if b:\n    if c:\n      x\ny\n",
          "(If (Name a) (body (If (Name b) (body (If (Name c) (body (Expr (Name x))))))))\n(Expr (Name y))");
}

static void test_fstrings(void **state) {
    (void)state;
    EXPR("f'a{b}c'", "(FString (Str \"a\") (Formatted (Name b)) (Str \"c\"))");
    EXPR("f'{x!r:>10}'", "(FString (Formatted (Name x) !r (Str \">10\")))");
    EXPR("f'{x:{w}.{p}f}'",
         "(FString (Formatted (Name x) (FString (Formatted (Name w)) (Str \".\") (Formatted (Name p)) (Str \"f\"))))");
    EXPR("f'{{}}{a}{{'", "(FString (Str \"{}\") (Formatted (Name a)) (Str \"{\"))");
    EXPR("'a' f'b{c}' 'd'", "(FString (Str \"ab\") (Formatted (Name c)) (Str \"d\"))");
    EXPR("f'{x=}'", "(FString (Str \"x=\") (Formatted (Name x) !r))");
    EXPR("f'{a + b, c}'", "(FString (Formatted (Tuple (BinOp + (Name a) (Name b)) (Name c))))");
    EXPR("f'{d[\"k\"]}\\n'", "(FString (Formatted (Subscript (Name d) (Str \"k\"))) (Str \"\\n\"))");
    EXPR("rf'\\n{a}'", "(FString (Str \"\\\\n\") (Formatted (Name a)))");
    EXPR("f''", "(FString)");
    PARSE("x = f'{}'", "SyntaxError: f-string: empty expression not allowed @1:8");
    PARSE("x = f'}'", "SyntaxError: f-string: single '}' is not allowed @1:7");
    PARSE("x = f'{a'", "SyntaxError: f-string: expecting '}' @1:8");
    PARSE("x = f'{a!x}'", "SyntaxError: f-string: invalid conversion character: expected 's', 'r', or 'a' @1:10");
    PARSE("x = 1\ny = f'{a b}'", "SyntaxError: f-string: invalid syntax. Perhaps you forgot a comma? @2:8");
}

/* Errors: CPython 3.11's messages; the line is what the program tests
 * compare, the column what CPython reports where it is not quirky. */
static void test_errors(void **state) {
    (void)state;
    PARSE("x = 1 +\n", "SyntaxError: invalid syntax @1:8");
    PARSE("a b\n", "SyntaxError: invalid syntax @1:3");
    PARSE("x = 1\ny = x $ 2\n", "SyntaxError: invalid syntax @2:7");
    PARSE("if x\n  pass\n", "SyntaxError: expected ':' @1:5");
    PARSE("if x:\npass\n", "IndentationError: expected an indented block after 'if' statement on line 1 @2:1");
    PARSE("def f():\n# c\n\nx=1\n",
          "IndentationError: expected an indented block after function definition on line 1 @4:1");
    PARSE("try:\n x\nexcept E as e:\nx",
          "IndentationError: expected an indented block after 'except' statement on line 3 @4:1");
    PARSE("x = 1\n  y = 2\n", "IndentationError: unexpected indent @2:2");
    PARSE("if x:\n  a\n b\n", "IndentationError: unindent does not match any outer indentation level @3:3");
    PARSE("x = (1,\n", "SyntaxError: '(' was never closed @1:5");
    PARSE("foo(a, b\nx = 1\n", "SyntaxError: '(' was never closed @1:4");
    PARSE("x = = 1\ny = (\n", "SyntaxError: invalid syntax @1:5");
    PARSE("x = 1)\n", "SyntaxError: unmatched ')' @1:6");
    PARSE("x = (1]\n", "SyntaxError: closing parenthesis ']' does not match opening parenthesis '(' @1:7");
    PARSE("x = = 1\ns = \"abc\n", "SyntaxError: unterminated string literal (detected at line 2) @2:5");
    PARSE("else:\n  pass\n", "SyntaxError: invalid syntax @1:1");
    PARSE("x = [1,\n 2\n 3]\n", "SyntaxError: invalid syntax. Perhaps you forgot a comma? @2:2");
    PARSE("x = 1 if y\n", "SyntaxError: expected 'else' after 'if' expression @1:5");
    PARSE("x = {1: 2, 3}\n", "SyntaxError: ':' expected after dictionary key @1:12");
    PARSE("try:\n  pass\n", "SyntaxError: expected 'except' or 'finally' block @2:7");
    PARSE("print 'hi'\n", "SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)? @1:1");
    PARSE("if x = 1: pass\n", "SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='? @1:4");
}

static void test_target_errors(void **state) {
    (void)state;
    PARSE("f() = 1", "SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='? @1:1");
    PARSE("x = f() = 1", "SyntaxError: cannot assign to function call @1:5");
    PARSE("(f(), a) = 1", "SyntaxError: cannot assign to function call @1:2");
    PARSE("x + 1 = 2", "SyntaxError: cannot assign to expression here. Maybe you meant '==' instead of '='? @1:1");
    PARSE("a < b = 1", "SyntaxError: cannot assign to comparison @1:1");
    PARSE("None = 1", "SyntaxError: cannot assign to None @1:1");
    PARSE("'a' = 1", "SyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='? @1:1");
    PARSE("del f()", "SyntaxError: cannot delete function call @1:5");
    PARSE("for f() in x: pass", "SyntaxError: cannot assign to function call @1:5");
    PARSE("f() += 1", "SyntaxError: 'function call' is an illegal expression for augmented assignment @1:1");
    PARSE("(a, b) += 1", "SyntaxError: 'tuple' is an illegal expression for augmented assignment @1:1");
    PARSE("[x for f() in y]", "SyntaxError: cannot assign to function call @1:8");
    /* Errors of CPython's compiler come only once the whole file parses. */
    PARSE("*a = c", "SyntaxError: starred assignment target must be in a list or tuple @1:1");
    PARSE("*a, *b = c", "SyntaxError: multiple starred expressions in assignment @1:1");
    PARSE("*a = c\nx = = 1", "SyntaxError: invalid syntax @2:5");
    PARSE("def f(a, a): pass", "SyntaxError: duplicate argument 'a' in function definition @1:10");
    PARSE("f(x=1, x=2)", "SyntaxError: keyword argument repeated: x @1:8");
    PARSE("def f(x=1, y): pass", "SyntaxError: non-default argument follows default argument @1:12");
    PARSE("f(a=1, b)", "SyntaxError: positional argument follows keyword argument @1:9");
}

static void test_unsupported(void **state) {
    (void)state;
    PARSE("{*a for a in b}", "SyntaxError: iterable unpacking cannot be used in comprehension @1:2");
    PARSE("sum(x for x in y)", "(Expr (Call (Name sum) (GeneratorExp (Name y))))");
    PARSE("from . import x", "SyntaxError: stitch: unsupported: relative imports @1:6");
    PARSE("from m import a,", "SyntaxError: trailing comma not allowed without surrounding parentheses @1:17");
    PARSE("def f(): yield 1", "(Def f (Params) (body (Expr (Yield (Int 1)))))");
    PARSE("def f(*): pass", "SyntaxError: named arguments must follow bare * @1:7");
    PARSE("x = b'a'", "SyntaxError: stitch: unsupported: bytes literals @1:5");
    PARSE("x = 1j", "SyntaxError: stitch: unsupported: imaginary literals (complex numbers) @1:5");
    PARSE("if (x.y := 1): pass", "SyntaxError: cannot use assignment expressions with attribute @1:5");
    PARSE("match x:\n    case 1:\n        pass\n", "SyntaxError: stitch: unsupported: 'match' statements @1:1");
    PARSE("match(x)", "(Expr (Call (Name match) (Name x)))");
    PARSE("match = 1", "(Assign (Name match store) (Int 1))");
    PARSE("async def f(): pass", "SyntaxError: stitch: unsupported: 'async' @1:1");
    PARSE("def f(a, /, b): pass", "SyntaxError: stitch: unsupported: positional-only parameters ('/') @1:10");
}

static void test_positions(void **state) {
    (void)state;
    Arena a;
    arena_init(&a);
    SyntaxDiag d;
    const char *src = "x = 1\nif y:\n    z = a.b + c\n";
    Module *m = parse_module(&a, src, strlen(src), &d);
    assert_non_null(m);
    assert_int_equal(m->body.len, 2);
    Stmt *s = m->body.items[1];
    assert_int_equal(s->kind, STMT_IF);
    assert_int_equal(s->line, 2);
    Stmt *inner = s->u.if_.body.items[0];
    assert_int_equal(inner->line, 3);
    assert_int_equal(inner->col, 5);
    Expr *v = inner->u.assign.value;
    assert_int_equal(v->kind, EXPR_BINOP);
    assert_int_equal(v->col, 9);
    assert_int_equal(v->u.binop.right->col, 15);
    assert_string_equal(expr_kind_names[EXPR_BINOP], "BINOP");
    assert_string_equal(stmt_kind_names[STMT_ASSIGN], "ASSIGN");
    arena_free(&a);
}

/* Random bytes and random token soups must give an AST or an error, never
 * a crash (the ASan build runs this too). */
static void test_fuzz(void **state) {
    (void)state;
    static const char *const soup[] = {
        "x", "1", "2.5", "'s'", "f'{a}'", "(", ")", "[", "]", "{", "}", ":", ",", ";", ".",
        "=", "+", "-", "*", "**", "/", "//", "%", "<", "==", "not", "in", "is", "and", "or",
        "if", "else", "elif", "for", "while", "def", "class", "return", "lambda", "try",
        "except", "finally", "raise", "del", "pass", "\n", "\n    ", "\n  ", "\\\n", "#c\n",
        "None", "True", "...", "@", "$", "'''", "\"", "yield", "global", "+=", "->", "*a",
    };
    unsigned seed = 777;
    char buf[1024];
    for (int iter = 0; iter < 600; iter++) {
        size_t n = 0;
        seed = seed * 1103515245u + 12345u;
        int count = (int)((seed >> 16) % 60);
        for (int i = 0; i < count; i++) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = seed >> 16;
            if (iter % 3 == 0) {
                buf[n++] = (char)(r & 0xFF);
            } else {
                const char *t = soup[r % (sizeof soup / sizeof soup[0])];
                size_t len = strlen(t);
                if (n + len + 2 >= sizeof buf) break;
                memcpy(buf + n, t, len);
                n += len;
                if (r & 0x100) buf[n++] = ' ';
            }
        }
        Arena a;
        arena_init(&a);
        SyntaxDiag d;
        memset(&d, 0, sizeof d);
        Module *m = parse_module(&a, buf, n, &d);
        if (m) {
            free(ast_dump_module(m));
        } else {
            assert_non_null(d.kind);
            assert_true(d.line >= 1);
            assert_true(d.msg[0] != '\0');
        }
        arena_free(&a);
    }
}

static void test_deep_nesting(void **state) {
    (void)state;
    static char src[40000];
    memset(src, '-', 30000);
    strcpy(src + 30000, "1");
    PARSE(src, "SyntaxError: too many nested expressions @1:1001");
    for (int i = 0; i < 500; i++) memcpy(src + i * 4, "not ", 4);
    strcpy(src + 2000, "x");
    EXPR(src, expr(src)); /* parses */
    memset(src, '(', 300);
    src[300] = '\0';
    PARSE(src, "SyntaxError: too many nested parentheses @1:201");
    memset(src, '[', 150);
    memset(src + 150, ']', 150);
    src[300] = '\0';
    assert_true(strncmp(parse(src), "(Expr (List (List", 17) == 0);
}

/* A 5000-line program parses, in linear time. */
static void test_large_program(void **state) {
    (void)state;
    static const char *const chunk =
        "def f%d(a, b=2):\n"
        "    if a < b and not a:\n"
        "        return [x * 2 for x in range(a) if x %% 3]\n"
        "    total = 0\n"
        "    for i in range(10):\n"
        "        total += i ** 2 - a // (b + 1)\n"
        "    d = {'k': total, 'v': (a, b)}\n"
        "    return d['k']\n"
        "print(f%d(1), 'done %d')\n"
        "\n";
    size_t cap = 600 * 256, n = 0;
    char *src = malloc(cap);
    for (int i = 0; i < 550; i++) n += (size_t)snprintf(src + n, cap - n, chunk, i, i, i);
    Arena a;
    arena_init(&a);
    SyntaxDiag d;
    clock_t t0 = clock();
    Module *m = parse_module(&a, src, n, &d);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    assert_non_null(m);
    assert_int_equal(m->body.len, 1100);
    assert_true(secs < 1.0); /* generous: sanitizer builds are slow */
    arena_free(&a);
    free(src);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_precedence),
        cmocka_unit_test(test_comparisons),
        cmocka_unit_test(test_literals),
        cmocka_unit_test(test_calls_and_slices),
        cmocka_unit_test(test_comprehensions),
        cmocka_unit_test(test_assignment_targets),
        cmocka_unit_test(test_simple_statements),
        cmocka_unit_test(test_compound_statements),
        cmocka_unit_test(test_fstrings),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_target_errors),
        cmocka_unit_test(test_unsupported),
        cmocka_unit_test(test_positions),
        cmocka_unit_test(test_fuzz),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_large_program),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
