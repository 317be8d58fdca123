/* test_interp.c: the interpreter, calls, classes, exceptions, tracebacks
 * and the embedding API, driven through stitch.h with captured output. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "stitch.h"

#include "interp.h"
#include "opcodes.h"

typedef struct Capture {
    char *out, *err;
    size_t nout, nerr;
} Capture;

static void append(char **buf, size_t *n, const char *s, size_t len) {
    *buf = realloc(*buf, *n + len + 1);
    memcpy(*buf + *n, s, len);
    *n += len;
    (*buf)[*n] = '\0';
}

static void cap_out(void *ud, const char *s, size_t n) {
    Capture *c = ud;
    append(&c->out, &c->nout, s, n);
}

static void cap_err(void *ud, const char *s, size_t n) {
    Capture *c = ud;
    append(&c->err, &c->nerr, s, n);
}

static void cap_free(Capture *c) {
    free(c->out);
    free(c->err);
    memset(c, 0, sizeof *c);
}

/* Run src as prog.py in a fresh VM (GC stress on when STITCH_GC_STRESS is
 * set); returns the result, output in *c (empty strings, never NULL). */
static StitchResult run_opts(const char *src, Capture *c, int recursion_limit) {
    memset(c, 0, sizeof *c);
    append(&c->out, &c->nout, "", 0);
    append(&c->err, &c->nerr, "", 0);
    StitchConfig cfg = {cap_out, cap_err, c};
    StitchVM *vm = stitch_new(&cfg);
    assert_non_null(vm);
    stitch_load_env(vm);
    if (recursion_limit) stitch_set_recursion_limit(vm, recursion_limit);
    StitchResult r = stitch_run_string(vm, src, "prog.py");
    stitch_free(vm);
    return r;
}

static StitchResult run(const char *src, Capture *c) { return run_opts(src, c, 0); }

/* Assert that src runs cleanly and prints exactly `expected`. */
static void expect_out(const char *src, const char *expected) {
    Capture c;
    StitchResult r = run(src, &c);
    if (r != STITCH_OK) fprintf(stderr, "stderr was:\n%s", c.err);
    assert_int_equal(r, STITCH_OK);
    assert_string_equal(c.out, expected);
    assert_string_equal(c.err, "");
    cap_free(&c);
}

/* The last non-empty line of s. */
static const char *last_line(const char *s, char *buf, size_t size) {
    size_t n = strlen(s);
    while (n && s[n - 1] == '\n') n--;
    size_t start = n;
    while (start && s[start - 1] != '\n') start--;
    size_t len = n - start < size - 1 ? n - start : size - 1;
    memcpy(buf, s + start, len);
    buf[len] = '\0';
    return buf;
}

/* Assert that src fails at run time with last stderr line `last`. */
static void expect_error(const char *src, const char *out, const char *last) {
    Capture c;
    char buf[512];
    assert_int_equal(run(src, &c), STITCH_RUNTIME_ERROR);
    assert_string_equal(c.out, out);
    assert_string_equal(last_line(c.err, buf, sizeof buf), last);
    cap_free(&c);
}

/* ---- the loop ----------------------------------------------------------- */

static void test_arith_fast_paths(void **state) {
    (void)state;
    expect_out("a = 140737488355327\n"      /* the largest small int */
               "print(a + 1, -a - 2, a * a)\n"
               "print(7 // 2, -7 // 2, 7 % -3, -7 % 3, 7 / 2, 1 / 3)\n"
               "print(1.5 + 2, 3 * 0.5, 2 - 0.25, 1.0 / 4)\n"
               "print(5 & 3, 5 | 3, 5 ^ 3, -17 >> 2, 1 >> 70, -1 >> 70)\n"
               "x = 10\n"
               "x += 5\n"
               "x *= 2\n"
               "x -= 1\n"
               "print(x, -x, +x, ~x, not x, not 0)\n"
               "print(-(-140737488355328))\n",
               "140737488355328 -140737488355329 19807040628565802923409276929\n"
               "3 -4 -2 2 3.5 0.3333333333333333\n"
               "3.5 1.5 1.75 0.25\n"
               "1 7 6 -5 0 -1\n"
               "29 -29 29 -30 False True\n"
               "140737488355328\n");
}

static void test_compare_and_jumps(void **state) {
    (void)state;
    expect_out("print(1 < 2, 2 <= 1, 3 == 3.0, 1.5 > 1, 2 != 2, 2 >= 2.5)\n"
               "n = 0\n"
               "i = 0\n"
               "while i < 100:\n"
               "    if i % 3 == 0 or i % 5 == 0:\n"
               "        n += i\n"
               "    i += 1\n"
               "print(n)\n"
               "x = None\n"
               "print(x is None, x is not None, 1 in [1, 2], 3 not in [1, 2])\n"
               "print('yes' if [] else 'no', 'yes' if 0.5 else 'no')\n",
               "True False True True False False\n2318\nTrue False True True\nno yes\n");
}

static void test_for_loops(void **state) {
    (void)state;
    expect_out("t = 0\n"
               "for i in range(10, 0, -3):\n"
               "    t = t * 100 + i\n"
               "print(t)\n"
               "for x in [1, 2]:\n"
               "    for y in (3, 4):\n"
               "        print(x, y, end=';')\n"
               "print()\n"
               "for c in 'ab':\n"
               "    print(c)\n"
               "for i in range(3):\n"
               "    if i == 1:\n"
               "        break\n"
               "else:\n"
               "    print('no')\n"
               "a, b = 1, 2\n"
               "a, b = b, a\n"
               "print(a, b)\n"
               "p, q, r = 'xyz'\n"
               "print(r, q, p)\n",
               "10070401\n1 3;1 4;2 3;2 4;\na\nb\n2 1\nz y x\n");
}

static void test_containers(void **state) {
    (void)state;
    expect_out("l = [1, 2, 3]\n"
               "l[0] = 10\n"
               "l[-1] += 5\n"
               "print(l, l[1], l[-1], (4, 5)[1])\n"
               "d = {'a': 1, 'b': [2]}\n"
               "d['c'] = 3\n"
               "del d['a']\n"
               "print(d, l[1:], [x * 2 for x in l if x > 2])\n"
               "print({k: v for k, v in [(1, 2), (3, 4)]}, [*l, 0])\n",
               "[10, 2, 8] 2 8 5\n{'b': [2], 'c': 3} [2, 8] [20, 16]\n{1: 2, 3: 4} [10, 2, 8, 0]\n");
}

static void test_unpack_errors(void **state) {
    (void)state;
    expect_error("a, b = [1, 2, 3]\n", "", "ValueError: too many values to unpack (expected 2)");
    expect_error("a, b, c = (1, 2)\n", "",
                 "ValueError: not enough values to unpack (expected 3, got 2)");
    expect_error("a, b = 'x'\n", "", "ValueError: not enough values to unpack (expected 2, got 1)");
}

static void test_names(void **state) {
    (void)state;
    expect_error("print(undefined_thing)\n", "", "NameError: name 'undefined_thing' is not defined");
    expect_error("def f():\n    print(x)\n    x = 1\nf()\n", "",
                 "UnboundLocalError: cannot access local variable 'x' where it is not "
                 "associated with a value");
    expect_out("g = 1\n"
               "def f():\n"
               "    global g\n"
               "    g = g + 1\n"
               "f()\n"
               "f()\n"
               "print(g, len('abc'))\n",
               "3 3\n");
}

/* ---- calls -------------------------------------------------------------- */

static void test_calls_binding(void **state) {
    (void)state;
    expect_out("def f(a, b=2, c=3):\n"
               "    return a * 100 + b * 10 + c\n"
               "print(f(1), f(1, 5), f(1, c=7), f(c=1, b=2, a=3))\n"
               "def fib(n):\n"
               "    return n if n < 2 else fib(n - 1) + fib(n - 2)\n"
               "print(fib(20))\n"
               "sq = lambda x: x * x\n"
               "print(sq(9), sorted([3, 1, 2], key=lambda v: -v))\n",
               "123 153 127 321\n6765\n81 [3, 2, 1]\n");
}

static void test_call_errors(void **state) {
    (void)state;
    expect_error("def f(a, b):\n    pass\nf(1, 2, 3)\n", "",
                 "TypeError: f() takes 2 positional arguments but 3 were given");
    expect_error("def f(a):\n    pass\nf()\n", "",
                 "TypeError: f() missing 1 required positional argument: 'a'");
    expect_error("def f(a, b, c):\n    pass\nf()\n", "",
                 "TypeError: f() missing 3 required positional arguments: 'a', 'b', and 'c'");
    expect_error("def f(a, b=1):\n    pass\nf(1, 2, 3)\n", "",
                 "TypeError: f() takes from 1 to 2 positional arguments but 3 were given");
    expect_error("def f(a):\n    pass\nf(1, z=2)\n", "",
                 "TypeError: f() got an unexpected keyword argument 'z'");
    expect_error("def f(a):\n    pass\nf(1, a=2)\n", "",
                 "TypeError: f() got multiple values for argument 'a'");
    expect_error("def f():\n    pass\nf(1)\n", "",
                 "TypeError: f() takes 0 positional arguments but 1 was given");
    expect_error("class A:\n    def m(self):\n        pass\nA().m(1)\n", "",
                 "TypeError: A.m() takes 1 positional argument but 2 were given");
    expect_error("x = 5\nx()\n", "", "TypeError: 'int' object is not callable");
}

/* ---- classes ------------------------------------------------------------ */

static void test_classes(void **state) {
    (void)state;
    expect_out("class Animal:\n"
               "    kind = 'animal'\n"
               "    def __init__(self, name):\n"
               "        self.name = name\n"
               "    def speak(self):\n"
               "        return self.name + ' makes a sound'\n"
               "class Dog(Animal):\n"
               "    def __init__(self, name, breed):\n"
               "        super().__init__(name)\n"
               "        self.breed = breed\n"
               "    def speak(self):\n"
               "        return super().speak() + ' (woof)'\n"
               "d = Dog('rex', 'lab')\n"
               "print(d.speak(), d.breed, d.kind, Dog.kind)\n"
               "m = d.speak\n"
               "print(m(), Animal.speak(d))\n"
               "print(type(d).__name__, isinstance(d, Animal), d.__class__ is Dog)\n"
               "Dog.kind = 'dog'\n"
               "print(d.kind, Animal.kind)\n"
               "class Empty:\n"
               "    pass\n"
               "e = Empty()\n"
               "e.x = 1\n"
               "a = []\n"
               "add = a.append\n"
               "add(e.x)\n"
               "print(a, 'x'.upper())\n",
               "rex makes a sound (woof) lab animal animal\n"
               "rex makes a sound (woof) rex makes a sound\n"
               "Dog True True\n"
               "dog animal\n"
               "[1] X\n");
}

static void test_class_dunders(void **state) {
    (void)state;
    expect_out("class V:\n"
               "    def __init__(self, x):\n"
               "        self.x = x\n"
               "    def __add__(self, o):\n"
               "        return V(self.x + o.x)\n"
               "    def __eq__(self, o):\n"
               "        return self.x == o.x\n"
               "    def __repr__(self):\n"
               "        return 'V(' + str(self.x) + ')'\n"
               "    def __call__(self, k):\n"
               "        return self.x * k\n"
               "    def __len__(self):\n"
               "        return 7\n"
               "v = V(1) + V(2)\n"
               "print(v, v == V(3), v(5), len(v), [v])\n",
               "V(3) True 15 7 [V(3)]\n");
}

static void test_class_errors(void **state) {
    (void)state;
    expect_error("class A:\n    pass\nA().missing\n", "",
                 "AttributeError: 'A' object has no attribute 'missing'");
    expect_error("class A:\n    pass\nA.missing\n", "",
                 "AttributeError: type object 'A' has no attribute 'missing'");
    expect_error("(1).bar\n", "", "AttributeError: 'int' object has no attribute 'bar'");
    expect_error("x = 1\nx.y = 2\n", "", "AttributeError: 'int' object has no attribute 'y'");
    expect_error("int.y = 2\n", "",
                 "TypeError: cannot set 'y' attribute of immutable type 'int'");
    expect_error("class A:\n    pass\nA(1)\n", "", "TypeError: A() takes no arguments");
    expect_error("class A:\n    def __init__(self):\n        return 1\nA()\n", "",
                 "TypeError: __init__() should return None, not 'int'");
}

/* ---- exceptions --------------------------------------------------------- */

static void test_try_except_finally(void **state) {
    (void)state;
    expect_out("def f(x):\n"
               "    try:\n"
               "        if x == 0:\n"
               "            raise ValueError('zero')\n"
               "        return 10 // x\n"
               "    except ValueError as e:\n"
               "        print('caught', e, e.args)\n"
               "        return -1\n"
               "    finally:\n"
               "        print('finally', x)\n"
               "print(f(2), f(0))\n"
               "try:\n"
               "    try:\n"
               "        {}['k']\n"
               "    except (IndexError, KeyError) as e:\n"
               "        print('inner', repr(e))\n"
               "        raise\n"
               "except LookupError:\n"
               "    print('outer')\n"
               "class MyErr(Exception):\n"
               "    def __init__(self, msg, code):\n"
               "        super().__init__(msg)\n"
               "        self.code = code\n"
               "try:\n"
               "    raise MyErr('bad', 42)\n"
               "except Exception as e:\n"
               "    print(type(e).__name__, e, e.code, e.args)\n"
               "try:\n"
               "    assert 1 == 2, 'nope'\n"
               "except AssertionError as e:\n"
               "    print('assert', e)\n",
               "finally 2\ncaught zero ('zero',)\nfinally 0\n5 -1\n"
               "inner KeyError('k')\nouter\nMyErr bad 42 ('bad',)\nassert nope\n");
}

static void test_exception_in_loop_unwinds_stack(void **state) {
    (void)state;
    /* A handler inside a loop in a deep call resets the operand stack. */
    expect_out("def g(i):\n"
               "    if i % 2:\n"
               "        raise KeyError(i)\n"
               "    return i\n"
               "total = 0\n"
               "for i in range(1000):\n"
               "    try:\n"
               "        total += g(i) + [1][0]\n"
               "    except KeyError as e:\n"
               "        total -= 1\n"
               "print(total)\n",
               "249500\n");
}

static void test_traceback_format(void **state) {
    (void)state;
    Capture c;
    assert_int_equal(run("def inner(d):\n"
                         "    return d['missing']\n"
                         "def outer():\n"
                         "    return inner({})\n"
                         "print('start')\n"
                         "outer()\n",
                         &c),
                     STITCH_RUNTIME_ERROR);
    assert_string_equal(c.out, "start\n");
    assert_string_equal(c.err, "Traceback (most recent call last):\n"
                               "  File \"prog.py\", line 6, in <module>\n"
                               "    outer()\n"
                               "  File \"prog.py\", line 4, in outer\n"
                               "    return inner({})\n"
                               "  File \"prog.py\", line 2, in inner\n"
                               "    return d['missing']\n"
                               "KeyError: 'missing'\n");
    cap_free(&c);
}

static void test_traceback_chained(void **state) {
    (void)state;
    Capture c;
    assert_int_equal(run("try:\n"
                         "    1 / 0\n"
                         "except ZeroDivisionError:\n"
                         "    raise RuntimeError('while handling')\n",
                         &c),
                     STITCH_RUNTIME_ERROR);
    assert_string_equal(c.err,
                        "Traceback (most recent call last):\n"
                        "  File \"prog.py\", line 2, in <module>\n"
                        "    1 / 0\n"
                        "ZeroDivisionError: division by zero\n"
                        "\nDuring handling of the above exception, another exception occurred:\n\n"
                        "Traceback (most recent call last):\n"
                        "  File \"prog.py\", line 4, in <module>\n"
                        "    raise RuntimeError('while handling')\n"
                        "RuntimeError: while handling\n");
    cap_free(&c);
    assert_int_equal(run("try:\n"
                         "    int('x')\n"
                         "except ValueError as e:\n"
                         "    raise KeyError('k') from e\n",
                         &c),
                     STITCH_RUNTIME_ERROR);
    assert_non_null(strstr(c.err, "\nThe above exception was the direct cause of the following "
                                  "exception:\n\n"));
    cap_free(&c);
    assert_int_equal(run("try:\n"
                         "    int('x')\n"
                         "except ValueError as e:\n"
                         "    raise KeyError('k') from None\n",
                         &c),
                     STITCH_RUNTIME_ERROR);
    assert_string_equal(c.err, "Traceback (most recent call last):\n"
                               "  File \"prog.py\", line 4, in <module>\n"
                               "    raise KeyError('k') from None\n"
                               "KeyError: 'k'\n");
    cap_free(&c);
}

static void test_exception_messages(void **state) {
    (void)state;
    expect_error("raise ValueError\n", "", "ValueError");
    expect_error("class MyError(Exception):\n    pass\nraise MyError('m')\n", "", "MyError: m");
    expect_error("raise\n", "", "RuntimeError: No active exception to reraise");
    expect_error("assert False\n", "", "AssertionError");
    expect_error("try:\n    pass\nexcept 5:\n    pass\n1/0\n", "", "ZeroDivisionError: division by zero");
    expect_error("try:\n    1/0\nexcept 5:\n    pass\n", "",
                 "TypeError: catching classes that do not inherit from BaseException is not allowed");
}

/* ---- recursion ---------------------------------------------------------- */

static void test_recursion_limit(void **state) {
    (void)state;
    Capture c;
    char buf[256];
    assert_int_equal(run_opts("def down(n):\n"
                              "    return down(n + 1)\n"
                              "down(0)\n",
                              &c, 50),
                     STITCH_RUNTIME_ERROR);
    assert_string_equal(last_line(c.err, buf, sizeof buf),
                        "RecursionError: maximum recursion depth exceeded");
    assert_non_null(strstr(c.err, "  [Previous line repeated 46 more times]\n"));
    cap_free(&c);
    /* Caught, the program goes on; the depth is back to normal after. */
    expect_out("def down(n):\n"
               "    return down(n + 1)\n"
               "for i in range(3):\n"
               "    try:\n"
               "        down(0)\n"
               "    except RecursionError as e:\n"
               "        print('caught', e)\n",
               "caught maximum recursion depth exceeded\n"
               "caught maximum recursion depth exceeded\n"
               "caught maximum recursion depth exceeded\n");
}

static void test_recursion_through_dunders(void **state) {
    (void)state;
    /* Every level goes through C (obj_compare -> __eq__): must not overflow
     * the C stack. */
    expect_out("class A:\n"
               "    def __eq__(self, other):\n"
               "        return self == other\n"
               "try:\n"
               "    A() == A()\n"
               "except RecursionError:\n"
               "    print('recursion')\n",
               "recursion\n");
}

/* ---- the API ------------------------------------------------------------ */

static void test_syntax_error_report(void **state) {
    (void)state;
    Capture c;
    char buf[256];
    assert_int_equal(run("x = 1\nif x\n    pass\n", &c), STITCH_SYNTAX_ERROR);
    assert_string_equal(c.out, "");
    assert_true(strncmp(c.err, "prog.py:2:", 10) == 0);
    assert_non_null(strstr(c.err, "\n    if x\n        ^\n"));
    assert_string_equal(last_line(c.err, buf, sizeof buf), "SyntaxError: expected ':'");
    cap_free(&c);
}

static void test_output_before_error_and_state(void **state) {
    (void)state;
    Capture c;
    memset(&c, 0, sizeof c);
    append(&c.out, &c.nout, "", 0);
    append(&c.err, &c.nerr, "", 0);
    StitchConfig cfg = {cap_out, cap_err, &c};
    StitchVM *vm = stitch_new(&cfg);
    /* Globals persist between runs of one VM. */
    assert_int_equal(stitch_run_string(vm, "x = 41\n", "a.py"), STITCH_OK);
    assert_int_equal(stitch_run_string(vm, "print(x + 1)\n", "b.py"), STITCH_OK);
    assert_int_equal(stitch_run_string(vm, "print('a')\nx.foo()\n", "c.py"), STITCH_RUNTIME_ERROR);
    assert_int_equal(stitch_run_string(vm, "print('still alive')\n", "d.py"), STITCH_OK);
    assert_int_equal(stitch_run_file(vm, "/nonexistent/zzz.py"), STITCH_IO_ERROR);
    stitch_free(vm);
    assert_string_equal(c.out, "42\na\nstill alive\n");
    assert_non_null(strstr(c.err, "AttributeError: 'int' object has no attribute 'foo'\n"));
    assert_non_null(strstr(c.err, "stitch: can't open file '/nonexistent/zzz.py': [Errno 2] "
                                  "No such file or directory\n"));
    assert_string_equal(stitch_version(), "0.1.0");
    cap_free(&c);
}

/* ---- hand-assembled code: the loop without the compiler ----------------- */

static VM *new_vm(void) {
    VMOptions opt = {0};
    VM *vm = vm_new(&opt);
    assert_non_null(vm);
    return vm;
}

#define W(op, arg) ((uint16_t)(OP_##op | ((arg) << 8)))

/* A Code object with the given units and constants; the GC is paused so
 * the pieces need no rooting until it is returned. */
static Code *make_code(VM *vm, const uint16_t *units, int n, Value *consts, int nconsts,
                       int nlocals, int stacksize) {
    vm->gc_pause++;
    Code *co = gc_alloc(vm, sizeof(Code), OBJ_CODE, vm->types[T_CODE]);
    co->code = gc_buf_alloc(vm, sizeof(uint16_t) * (size_t)n);
    memcpy(co->code, units, sizeof(uint16_t) * (size_t)n);
    co->ncode = n;
    co->lines = gc_buf_alloc(vm, (size_t)n * sizeof(int32_t));
    co->cols = gc_buf_alloc(vm, (size_t)n * sizeof(int32_t));
    for (int i = 0; i < n; i++) co->lines[i] = 1, co->cols[i] = 1;
    co->consts = tuple_from(vm, consts, nconsts);
    co->names = vm->empty_tuple;
    Value names[4];
    for (int i = 0; i < nlocals && i < 4; i++) {
        char nm[2] = {(char)('a' + i), 0};
        names[i] = val_obj(str_intern_cstr(vm, nm));
    }
    co->varnames = tuple_from(vm, names, nlocals);
    co->cellnames = vm->empty_tuple;
    co->nlocals = nlocals;
    co->stacksize = stacksize;
    co->flags = CO_MODULE;
    co->name = str_intern_cstr(vm, "<module>");
    co->qualname = co->name;
    co->filename = str_intern_cstr(vm, "hand.py");
    vm->gc_pause--;
    return co;
}

static void test_hand_assembled_loop(void **state) {
    (void)state;
    VM *vm = new_vm();
    /* a = 0; b = 10; while b: a += b; b -= 1   -> return a (55) */
    Value consts[] = {val_int(0), val_int(10), val_int(1)};
    uint16_t units[] = {
        W(LOAD_CONST, 0), W(STORE_FAST, 0), W(LOAD_CONST, 1), W(STORE_FAST, 1),
        /* 4: loop head */
        W(LOAD_FAST, 1), W(POP_JUMP_IF_FALSE, 12), W(CACHE, 0),
        W(LOAD_FAST, 0), W(LOAD_FAST, 1), W(BINARY_OP, BINOP_INPLACE_BASE + BINOP_ADD), W(CACHE, 0),
        W(STORE_FAST, 0),
        W(LOAD_FAST, 1), W(LOAD_CONST, 2), W(BINARY_OP, BINOP_SUBTRACT), W(CACHE, 0),
        W(STORE_FAST, 1),
        W(JUMP_BACKWARD, 15), W(CACHE, 0),
        /* 19: exit */
        W(LOAD_FAST, 0), W(RETURN_VALUE, 0),
    };
    Code *co = make_code(vm, units, (int)(sizeof units / sizeof *units), consts, 3, 2, 2);
    gc_push_root(vm, val_obj(co));
    Value r = vm_run_module(vm, co, vm->globals);
    assert_true(val_is_int(r));
    assert_int_equal(val_as_int(r), 55);
    assert_int_equal(vm->nframes, 0);
    gc_pop_roots(vm, 1);
    vm_free(vm);
}

static void test_hand_assembled_exception_table(void **state) {
    (void)state;
    VM *vm = new_vm();
    /* try: 1 // 0  except: return 7  (handler at 5 with depth 0, lasti) */
    Value consts[] = {val_int(1), val_int(0), val_int(7)};
    uint16_t units[] = {
        W(LOAD_CONST, 0), W(LOAD_CONST, 1), W(BINARY_OP, BINOP_FLOOR_DIVIDE), W(CACHE, 0),
        W(RETURN_VALUE, 0),
        /* 5: handler: [lasti exc] */
        W(POP_TOP, 0), W(POP_TOP, 0), W(LOAD_CONST, 2), W(RETURN_VALUE, 0),
    };
    Code *co = make_code(vm, units, (int)(sizeof units / sizeof *units), consts, 3, 0, 2);
    co->exctable = gc_buf_alloc(vm, sizeof(ExcEntry));
    co->exctable[0] = (ExcEntry){.start = 0, .end = 5, .handler = 5, .depth = 0, .lasti = 1};
    co->nexc = 1;
    gc_push_root(vm, val_obj(co));
    Value r = vm_run_module(vm, co, vm->globals);
    assert_true(val_is_int(r));
    assert_int_equal(val_as_int(r), 7);
    assert_true(vm->exc == VAL_NULL);
    /* Without the table the error reaches C with a traceback entry. */
    co->nexc = 0;
    r = vm_run_module(vm, co, vm->globals);
    assert_true(r == VAL_ERROR);
    Value exc = vm_take_exc(vm);
    assert_true(IS_EXC(exc));
    assert_true(val_type(vm, exc) == vm->types[T_ZERO_DIVISION_ERROR]);
    assert_int_equal(AS_EXC(exc)->traceback->len, 1);
    assert_int_equal(vm->nframes, 0);
    co->nexc = 1;
    gc_pop_roots(vm, 1);
    vm_free(vm);
}

static Value native_double(VM *vm, Value *args, int nargs, Tuple *kwnames) {
    (void)vm;
    (void)kwnames;
    assert_int_equal(nargs, 1);
    return val_int(val_as_int(args[0]) * 2);
}

static void test_vm_call_from_c(void **state) {
    (void)state;
    Capture c;
    memset(&c, 0, sizeof c);
    StitchConfig cfg = {cap_out, cap_err, &c};
    StitchVM *s = stitch_new(&cfg);
    assert_int_equal(stitch_run_string(s, "def f(a, b=5):\n    return a - b\n"
                                          "class K:\n    def __init__(self, v):\n"
                                          "        self.v = v\n",
                                       "m.py"),
                     STITCH_OK);
    VM *vm = *(VM **)s; /* StitchVM's first member is the VM */
    Value f = dict_get_str(vm->globals, str_intern_cstr(vm, "f"));
    Value args[2] = {val_int(10), val_int(3)};
    Value r = vm_call(vm, f, args, 2, NULL);
    assert_int_equal(val_as_int(r), 7);
    r = vm_call(vm, f, args, 1, NULL);
    assert_int_equal(val_as_int(r), 5);
    Value kw = val_obj(str_intern_cstr(vm, "b"));
    Tuple *kwn = tuple_from(vm, &kw, 1);
    gc_push_root(vm, val_obj(kwn));
    r = vm_call(vm, f, args, 1, kwn);
    assert_int_equal(val_as_int(r), 7);
    gc_pop_roots(vm, 1);
    r = vm_call(vm, f, NULL, 0, NULL);
    assert_true(r == VAL_ERROR);
    vm_take_exc(vm);
    Value k = dict_get_str(vm->globals, str_intern_cstr(vm, "K"));
    Value inst = vm_call(vm, k, args, 1, NULL);
    assert_true(val_is_kind(inst, OBJ_INSTANCE));
    Value v = obj_getattr(vm, inst, str_intern_cstr(vm, "v"));
    assert_int_equal(val_as_int(v), 10);
    Native *n = gc_alloc(vm, sizeof(Native), OBJ_NATIVE, vm->types[T_BUILTIN]);
    n->fn = native_double;
    n->name = "double";
    n->self = VAL_NULL;
    r = vm_call(vm, val_obj(n), args, 1, NULL);
    assert_int_equal(val_as_int(r), 20);
    assert_int_equal(vm->nframes, 0);
    stitch_free(s);
    cap_free(&c);
}

/* ---- inline caches: stale hints must only miss ------------------------- */

static void test_attribute_hints(void **state) {
    (void)state;
    expect_out("class A:\n"
               "    def m(self):\n"
               "        return 'A.m'\n"
               "class B(A):\n"
               "    pass\n"
               "def call(o):\n"
               "    return o.m()\n"
               "def get(o):\n"
               "    return o.x\n"
               "b = B()\n"
               "print(call(b), call(b))\n"
               "A.m = lambda self: 'new A.m'\n"        /* base changed: version */
               "print(call(b))\n"
               "B.m = lambda self: 'B.m'\n"
               "print(call(b))\n"
               "b.m = lambda: 'instance m'\n"         /* instance shadows the class */
               "print(call(b))\n"
               "del b.m\n"
               "print(call(b))\n"
               "p = A()\n"
               "p.x = 1\n"
               "p.y = 2\n"
               "q = A()\n"
               "q.y = 3\n"
               "q.x = 4\n"                            /* other layout, same site */
               "print(get(p), get(q), get(p), get(q))\n"
               "del p.x\n"
               "p.x = 5\n"                            /* moved to another entry */
               "print(get(p), get(q))\n"
               "def setx(o, v):\n"
               "    o.x = v\n"
               "setx(p, 6)\n"
               "setx(q, 7)\n"
               "setx(p, 8)\n"
               "print(p.x, q.x, p.y, q.y)\n",
               "A.m A.m\nnew A.m\nB.m\ninstance m\nB.m\n1 4 1 4\n5 4\n8 7 2 3\n");
}

static void test_global_hints(void **state) {
    (void)state;
    expect_out("def f(s):\n"
               "    return len(s)\n"
               "print(f('ab'))\n"
               "len = lambda s: 42\n"                  /* global shadows builtin */
               "print(f('ab'))\n"
               "del len\n"
               "print(f('ab'))\n"
               "g = 1\n"
               "def h():\n"
               "    return g\n"
               "print(h())\n"
               "g = 2\n"
               "print(h())\n"
               "del g\n"
               "try:\n"
               "    h()\n"
               "except NameError as e:\n"
               "    print(e)\n"
               "g = 3\n"
               "print(h())\n",
               "2\n42\n2\n1\n2\nname 'g' is not defined\n3\n");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arith_fast_paths),
        cmocka_unit_test(test_compare_and_jumps),
        cmocka_unit_test(test_for_loops),
        cmocka_unit_test(test_containers),
        cmocka_unit_test(test_unpack_errors),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_calls_binding),
        cmocka_unit_test(test_call_errors),
        cmocka_unit_test(test_classes),
        cmocka_unit_test(test_class_dunders),
        cmocka_unit_test(test_class_errors),
        cmocka_unit_test(test_try_except_finally),
        cmocka_unit_test(test_exception_in_loop_unwinds_stack),
        cmocka_unit_test(test_traceback_format),
        cmocka_unit_test(test_traceback_chained),
        cmocka_unit_test(test_exception_messages),
        cmocka_unit_test(test_recursion_limit),
        cmocka_unit_test(test_recursion_through_dunders),
        cmocka_unit_test(test_syntax_error_report),
        cmocka_unit_test(test_output_before_error_and_state),
        cmocka_unit_test(test_hand_assembled_loop),
        cmocka_unit_test(test_hand_assembled_exception_table),
        cmocka_unit_test(test_vm_call_from_c),
        cmocka_unit_test(test_attribute_hints),
        cmocka_unit_test(test_global_hints),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
