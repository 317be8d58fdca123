/* test_compiler.c: the compiler's output, instruction by instruction, its
 * errors, the assembler's EXTENDED_ARG / stack size / exception table work,
 * the disassembler, and a few programs run end to end. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compiler.h"
#include "parser.h"

static VM *vm;

static int setup(void **state) {
    VMOptions opt = {0};
    opt.heap_limit = (size_t)1 << 30;
    opt.recursion_limit = 1000;
    vm = vm_new(&opt);
    return vm ? 0 : -1;
}

static int teardown(void **state) {
    vm_free(vm);
    return 0;
}

/* Compile src; NULL on error with *d filled. The arena is freed at once:
 * code objects never point into the AST. */
static Code *compile_diag(const char *src, SyntaxDiag *d) {
    Arena arena;
    arena_init(&arena);
    Module *m = parse_module(&arena, src, strlen(src), d);
    Code *co = NULL;
    if (m) co = compile_module(vm, m, "test.py", d);
    arena_free(&arena);
    return co;
}

static Code *compile_ok(const char *src) {
    SyntaxDiag d;
    memset(&d, 0, sizeof d);
    Code *co = compile_diag(src, &d);
    if (!co) fail_msg("compile failed: %d:%d %s", d.line, d.col, d.msg);
    return co;
}

/* Expect a compile error with this message at this line. */
static void expect_error(const char *src, int line, const char *msg) {
    SyntaxDiag d;
    memset(&d, 0, sizeof d);
    Code *co = compile_diag(src, &d);
    assert_null(co);
    assert_string_equal(d.msg, msg);
    assert_int_equal(d.line, line);
}

/* The instructions as "OP arg; OP; ...", cache units skipped, each
 * EXTENDED_ARG shown with its byte and the next instruction with its whole
 * oparg (as dis shows them). Static buffer. */
static const char *listing(const Code *co) {
    static char buf[1 << 16];
    size_t n = 0;
    buf[0] = '\0';
    int ext = 0;
    for (int i = 0; i < co->ncode;) {
        int op = co->code[i] & 0xFF;
        int arg = (ext << 8) | (co->code[i] >> 8);
        ext = op == OP_EXTENDED_ARG ? arg : 0;
        if (n) n += (size_t)snprintf(buf + n, sizeof buf - n, "; ");
        if (opcode_flags[op] & OPF_ARG)
            n += (size_t)snprintf(buf + n, sizeof buf - n, "%s %d", opcode_names[op],
                                  op == OP_EXTENDED_ARG ? co->code[i] >> 8 : arg);
        else
            n += (size_t)snprintf(buf + n, sizeof buf - n, "%s", opcode_names[op]);
        for (int k = 1; k <= opcode_caches[op]; k++) assert_int_equal(co->code[i + k], OP_CACHE);
        i += 1 + opcode_caches[op];
    }
    return buf;
}

/* The n-th code object among co's constants. */
static Code *nested(const Code *co, int n) {
    for (int64_t i = 0; i < co->consts->len; i++)
        if (val_is_kind(co->consts->items[i], OBJ_CODE) && n-- == 0) return AS_CODE(co->consts->items[i]);
    fail_msg("no nested code object");
    return NULL;
}

#define ASSERT_CODE(co, expected) assert_string_equal(listing(co), expected)

/* ---- code generation ------------------------------------------------------- */

static void test_module_assign(void **state) {
    Code *co = compile_ok("x = 1\ny = x\n");
    ASSERT_CODE(co, "LOAD_CONST 0; STORE_GLOBAL 0; LOAD_GLOBAL 0; STORE_GLOBAL 1; "
                    "LOAD_CONST 1; RETURN_VALUE");
    assert_int_equal(co->flags, CO_MODULE);
    assert_int_equal(co->nlocals, 0);
    assert_int_equal(co->stacksize, 1);
    assert_string_equal(co->name->data, "<module>");
}

static void test_function_locals(void **state) {
    Code *co = compile_ok("def f(a, b=2):\n    c = a + b\n    return c\n");
    ASSERT_CODE(co, "LOAD_CONST 0; LOAD_CONST 1; MAKE_FUNCTION 1; STORE_GLOBAL 0; "
                    "LOAD_CONST 2; RETURN_VALUE");
    Code *f = nested(co, 0);
    ASSERT_CODE(f, "LOAD_FAST 0; LOAD_FAST 1; BINARY_OP 0; STORE_FAST 2; LOAD_FAST 2; RETURN_VALUE");
    assert_int_equal(f->nargs, 2);
    assert_int_equal(f->nlocals, 3);
    assert_int_equal(f->flags, CO_FUNCTION);
    assert_int_equal(f->firstline, 1);
    assert_string_equal(AS_STR(f->varnames->items[2])->data, "c");
}

static void test_calls(void **state) {
    /* global call: LOAD_GLOBAL with the low bit; method call: LOAD_ATTR with
     * the low bit; other callables: PUSH_NULL after the callable. */
    Code *co = compile_ok("print(1)\na.m(2, k=3)\n(a)[0](4)\n");
    ASSERT_CODE(co, "LOAD_GLOBAL 1; LOAD_CONST 0; CALL 1; POP_TOP; "
                    "LOAD_GLOBAL 2; LOAD_ATTR 5; LOAD_CONST 1; LOAD_CONST 2; LOAD_CONST 3; CALL_KW 2; POP_TOP; "
                    "LOAD_GLOBAL 2; LOAD_CONST 4; BINARY_SUBSCR; PUSH_NULL; LOAD_CONST 5; CALL 1; POP_TOP; "
                    "LOAD_CONST 6; RETURN_VALUE");
    Value kw = co->consts->items[3];
    assert_true(IS_TUPLE(kw));
    assert_string_equal(AS_STR(AS_TUPLE(kw)->items[0])->data, "k");
}

static void test_chained_compare(void **state) {
    Code *co = compile_ok("r = a < b < c\n");
    ASSERT_CODE(co, "LOAD_GLOBAL 0; LOAD_GLOBAL 2; SWAP 2; COPY 2; COMPARE_OP 0; COPY 1; "
                    "POP_JUMP_IF_FALSE 9; POP_TOP; LOAD_GLOBAL 4; COMPARE_OP 0; JUMP_FORWARD 2; "
                    "SWAP 2; POP_TOP; STORE_GLOBAL 3; LOAD_CONST 0; RETURN_VALUE");
}

static void test_is_in_not(void **state) {
    Code *co = compile_ok("r = a is not b\ns = a not in b\nt = not a\n");
    ASSERT_CODE(co, "LOAD_GLOBAL 0; LOAD_GLOBAL 2; IS_OP 1; STORE_GLOBAL 2; "
                    "LOAD_GLOBAL 0; LOAD_GLOBAL 2; CONTAINS_OP 1; STORE_GLOBAL 3; "
                    "LOAD_GLOBAL 0; UNARY_NOT; STORE_GLOBAL 4; LOAD_CONST 0; RETURN_VALUE");
}

static void test_augassign_subscript_attr(void **state) {
    Code *co = compile_ok("a[i] += 1\na.x *= 2\n");
    ASSERT_CODE(co, "LOAD_GLOBAL 0; LOAD_GLOBAL 2; COPY 2; COPY 2; BINARY_SUBSCR; LOAD_CONST 0; "
                    "BINARY_OP 13; SWAP 3; SWAP 2; STORE_SUBSCR; "
                    "LOAD_GLOBAL 0; COPY 1; LOAD_ATTR 4; LOAD_CONST 1; BINARY_OP 18; SWAP 2; STORE_ATTR 2; "
                    "LOAD_CONST 2; RETURN_VALUE");
}

static void test_unpack_and_chain(void **state) {
    Code *co = compile_ok("a = b = 1, 2\nc, d = d, c\n");
    ASSERT_CODE(co, "LOAD_CONST 0; COPY 1; STORE_GLOBAL 0; STORE_GLOBAL 1; "
                    "LOAD_GLOBAL 4; LOAD_GLOBAL 6; SWAP 2; STORE_GLOBAL 3; "
                    "STORE_GLOBAL 2; LOAD_CONST 1; RETURN_VALUE");
    assert_true(IS_TUPLE(co->consts->items[0]));
}

static void test_and_or(void **state) {
    Code *co = compile_ok("r = a and b or c\n");
    ASSERT_CODE(co, "LOAD_GLOBAL 0; COPY 1; POP_JUMP_IF_FALSE 6; POP_TOP; LOAD_GLOBAL 2; "
                    "COPY 1; POP_JUMP_IF_TRUE 6; POP_TOP; LOAD_GLOBAL 4; STORE_GLOBAL 3; "
                    "LOAD_CONST 0; RETURN_VALUE");
}

static void test_for_break_else(void **state) {
    Code *co = compile_ok("for x in y:\n    if x:\n        break\nelse:\n    z = 1\n");
    ASSERT_CODE(co, "LOAD_GLOBAL 0; GET_ITER; FOR_ITER 12; STORE_GLOBAL 1; LOAD_GLOBAL 2; "
                    "POP_JUMP_IF_FALSE 2; POP_TOP; JUMP_FORWARD 4; JUMP_BACKWARD 14; "
                    "LOAD_CONST 0; STORE_GLOBAL 2; LOAD_CONST 1; RETURN_VALUE");
}

static void test_while_true_continue(void **state) {
    Code *co = compile_ok("while True:\n    if a:\n        continue\n    b()\n");
    ASSERT_CODE(co, "LOAD_GLOBAL 0; POP_JUMP_IF_FALSE 2; JUMP_BACKWARD 9; "
                    "LOAD_GLOBAL 3; CALL 0; POP_TOP; JUMP_BACKWARD 22");
    /* No way out of the loop: the implicit return is unreachable. */
}

static void test_list_comprehension_inlined(void **state) {
    Code *co = compile_ok("x = 5\nr = [x * x for x in y if x]\n");
    ASSERT_CODE(co, "LOAD_CONST 0; STORE_GLOBAL 0; BUILD_LIST 0; LOAD_GLOBAL 2; GET_ITER; "
                    "FOR_ITER 11; STORE_FAST 0; LOAD_FAST 0; POP_JUMP_IF_FALSE 5; "
                    "LOAD_FAST 0; LOAD_FAST 0; BINARY_OP 5; LIST_APPEND 2; JUMP_BACKWARD 13; "
                    "STORE_GLOBAL 2; LOAD_CONST 1; RETURN_VALUE");
    assert_int_equal(co->nlocals, 1);
    assert_int_equal(co->stacksize, 4);
}

static void test_nested_dict_comprehension(void **state) {
    Code *co = compile_ok("def f(a):\n    return {i: j for i in a for j in a}\n");
    Code *f = nested(co, 0);
    ASSERT_CODE(f, "BUILD_MAP 0; LOAD_FAST 0; GET_ITER; FOR_ITER 13; STORE_FAST 1; "
                   "LOAD_FAST 0; GET_ITER; FOR_ITER 6; STORE_FAST 2; LOAD_FAST 1; LOAD_FAST 2; "
                   "MAP_ADD 3; JUMP_BACKWARD 8; JUMP_BACKWARD 15; RETURN_VALUE");
    assert_int_equal(f->nlocals, 3);
}

static void test_class_and_super(void **state) {
    Code *co = compile_ok("class B(A):\n    def m(self, x):\n        return super().m(x) + super().y\n");
    ASSERT_CODE(co, "LOAD_CONST 0; MAKE_FUNCTION 0; LOAD_CONST 1; LOAD_GLOBAL 0; BUILD_CLASS; "
                    "STORE_GLOBAL 1; LOAD_CONST 2; RETURN_VALUE");
    Code *body = nested(co, 0);
    assert_int_equal(body->flags, CO_CLASSBODY);
    ASSERT_CODE(body, "LOAD_NAME 0; STORE_NAME 1; LOAD_CONST 0; STORE_NAME 2; LOAD_CONST 1; "
                      "MAKE_FUNCTION 0; STORE_NAME 3; LOAD_CONST 2; RETURN_VALUE");
    Code *m = nested(body, 0);
    assert_string_equal(m->qualname->data, "B.m");
    ASSERT_CODE(m, "LOAD_FAST 0; LOAD_SUPER_ATTR 1; LOAD_FAST 1; CALL 1; "
                   "LOAD_FAST 0; LOAD_SUPER_ATTR 2; BINARY_OP 0; RETURN_VALUE");
}

static void test_qualnames(void **state) {
    Code *co = compile_ok("def f():\n    def g():\n        return lambda: 1\n    class C:\n        pass\n");
    Code *f = nested(co, 0);
    assert_string_equal(f->qualname->data, "f");
    Code *g = nested(f, 0);
    assert_string_equal(g->qualname->data, "f.<locals>.g");
    Code *lam = nested(g, 0);
    assert_string_equal(lam->qualname->data, "f.<locals>.g.<locals>.<lambda>");
    assert_string_equal(lam->name->data, "<lambda>");
    assert_true(lam->flags & CO_LAMBDA);
    Code *cls = nested(f, 1);
    assert_string_equal(cls->qualname->data, "f.<locals>.C");
}

static void test_try_except_table(void **state) {
    Code *co = compile_ok("try:\n    a()\nexcept E as e:\n    b(e)\n");
    ASSERT_CODE(co,
        "LOAD_GLOBAL 1; CALL 0; POP_TOP; JUMP_FORWARD 39; "               /* body: units 0..10 */
        "PUSH_EXC_INFO; LOAD_GLOBAL 2; CHECK_EXC_MATCH; POP_JUMP_IF_FALSE 26; STORE_GLOBAL 2; "
        "LOAD_GLOBAL 7; LOAD_GLOBAL 4; CALL 1; POP_TOP; POP_EXCEPT; LOAD_CONST 0; STORE_GLOBAL 2; "
        "DELETE_GLOBAL 2; JUMP_FORWARD 8; LOAD_CONST 0; STORE_GLOBAL 2; DELETE_GLOBAL 2; RERAISE 0; "
        "RERAISE 0; COPY 2; POP_EXCEPT; RERAISE 0; LOAD_CONST 0; RETURN_VALUE");
    assert_int_equal(co->nexc, 4);
    /* The body (units 0..10) goes to PUSH_EXC_INFO at unit 12, depth 0; the
     * JUMP_FORWARD at unit 11 is not covered. */
    assert_int_equal(co->exctable[0].start, 0);
    assert_int_equal(co->exctable[0].end, 11);
    assert_int_equal(co->exctable[0].handler, 12);
    assert_int_equal(co->exctable[0].depth, 0);
    /* The handler body restores the previous exception first: depth 1. */
    for (int i = 1; i < 4; i++) assert_int_equal(co->exctable[i].depth, 1);
    assert_int_equal(co->stacksize, 4);
}

static void test_try_finally_return(void **state) {
    Code *co = compile_ok("def f():\n    try:\n        return g()\n    finally:\n        h()\n");
    Code *f = nested(co, 0);
    ASSERT_CODE(f, "LOAD_GLOBAL 1; CALL 0; LOAD_GLOBAL 3; CALL 0; POP_TOP; RETURN_VALUE; "
                   "PUSH_EXC_INFO; LOAD_GLOBAL 3; CALL 0; POP_TOP; RERAISE 0; "
                   "COPY 2; POP_EXCEPT; RERAISE 0");
    /* Only g() is protected: the inline copy of the finally body is not. */
    assert_int_equal(f->nexc, 2);
    assert_int_equal(f->exctable[0].start, 0);
    assert_int_equal(f->exctable[0].end, 10);
}

static void test_break_out_of_finally_and_handler(void **state) {
    Code *co = compile_ok("for x in y:\n    try:\n        pass\n    except E:\n        break\n"
                          "    finally:\n        z()\n");
    assert_non_null(co);
    /* break in an except body inside try/finally inside a for loop:
     * POP_EXCEPT, inline finally, pop the iterator. Check the flow analysis
     * accepted it (consistent depths) and the stack size. */
    /* [it prev exc] + z NULL on the exception path of the finally body. */
    assert_int_equal(co->stacksize, 5);
}

static void test_assert_raise_del(void **state) {
    Code *co = compile_ok("assert a, 'm'\nraise E from c\ndel a, b[0], c.d\n");
    ASSERT_CODE(co, "LOAD_GLOBAL 0; POP_JUMP_IF_TRUE 9; LOAD_ASSERTION_ERROR; PUSH_NULL; LOAD_CONST 0; "
                    "CALL 1; RAISE_VARARGS 1; LOAD_GLOBAL 2; LOAD_GLOBAL 4; RAISE_VARARGS 2");
}

static void test_slices_and_displays(void **state) {
    Code *co = compile_ok("r = a[1:2], a[::3], [1, b], {b: 1}\n");
    ASSERT_CODE(co, "LOAD_GLOBAL 0; LOAD_CONST 0; LOAD_CONST 1; BUILD_SLICE 2; BINARY_SUBSCR; "
                    "LOAD_GLOBAL 0; LOAD_CONST 2; LOAD_CONST 2; LOAD_CONST 3; BUILD_SLICE 3; BINARY_SUBSCR; "
                    "LOAD_CONST 0; LOAD_GLOBAL 2; BUILD_LIST 2; LOAD_GLOBAL 2; LOAD_CONST 0; BUILD_MAP 1; "
                    "BUILD_TUPLE 4; STORE_GLOBAL 2; LOAD_CONST 2; RETURN_VALUE");
}

static void test_const_dedup(void **state) {
    Code *co = compile_ok("a = 1\nb = 1.0\nc = True\nd = 1\ne = 'x y'\nf = 'x y'\ng = -0.0\nh = 0.0\n"
                          "i = 123456789012345678901234567890\nj = 123456789012345678901234567890\n"
                          "k = (1, 'x y')\nl = (1, 'x y')\nm = (1.0, 'x y')\n");
    /* 1, 1.0, True, 'x y', -0.0, 0.0, big, (1,'x y'), (1.0,'x y'), None */
    assert_int_equal(co->consts->len, 10);
    assert_true(val_is_int(co->consts->items[0]));
    assert_true(val_is_float(co->consts->items[1]));
    assert_int_equal(co->consts->items[2], VAL_TRUE);
    assert_true(IS_BIGINT(co->consts->items[6]));
}

static void test_identifier_strings_interned(void **state) {
    Code *co = compile_ok("a = 'hello'\nb = 'not an id'\n");
    assert_true(AS_STR(co->consts->items[0])->interned);
    assert_false(AS_STR(co->consts->items[1])->interned);
}

/* ---- assembler ------------------------------------------------------------- */

static char *repeat_src(const char *head, const char *fmt, int n, const char *tail) {
    size_t cap = strlen(head) + strlen(tail) + (size_t)n * (strlen(fmt) + 24) + 1;
    char *s = malloc(cap);
    size_t len = (size_t)snprintf(s, cap, "%s", head);
    for (int i = 0; i < n; i++) len += (size_t)snprintf(s + len, cap - len, fmt, i, i);
    snprintf(s + len, cap - len, "%s", tail);
    return s;
}

static void test_extended_arg_consts_and_locals(void **state) {
    char *src = repeat_src("def f():\n", "    v%d = %d\n", 300, "    return v299\n");
    Code *co = compile_ok(src);
    free(src);
    Code *f = nested(co, 0);
    assert_int_equal(f->nlocals, 300);
    const char *l = listing(f);
    /* const 299 and local 299 need a prefix: 299 = 0x12B. */
    assert_non_null(strstr(l, "EXTENDED_ARG 1; LOAD_CONST 299; EXTENDED_ARG 1; STORE_FAST 299; "
                              "EXTENDED_ARG 1; LOAD_FAST 299; RETURN_VALUE"));
    assert_non_null(strstr(l, "LOAD_CONST 255; STORE_FAST 255; EXTENDED_ARG 1; LOAD_CONST 256"));
}

/* Follow the jump of the instruction at unit i; returns the target unit. */
static int follow_jump(const Code *co, int i) {
    int arg = 0, j = i;
    while ((co->code[j] & 0xFF) == OP_EXTENDED_ARG) arg = (arg << 8) | (co->code[j++] >> 8);
    int op = co->code[j] & 0xFF;
    arg = (arg << 8) | (co->code[j] >> 8);
    int end = j + 1 + opcode_caches[op];
    return op == OP_JUMP_BACKWARD ? end - arg : end + arg;
}

static void test_extended_arg_long_jumps(void **state) {
    char *src = repeat_src("while a:\n", "    b%d = c%d\n", 200, "d = 1\n");
    Code *co = compile_ok(src);
    free(src);
    /* LOAD_GLOBAL a (5 units), then the conditional jump, prefixed. */
    assert_int_equal(co->code[5] & 0xFF, OP_EXTENDED_ARG);
    assert_int_equal(co->code[6] & 0xFF, OP_POP_JUMP_IF_FALSE);
    int t = follow_jump(co, 5);
    /* It lands on `d = 1`: LOAD_CONST of 1, after the loop's JUMP_BACKWARD. */
    assert_int_equal(co->code[t] & 0xFF, OP_LOAD_CONST);
    assert_int_equal(co->lines[t], 202);
    /* The backward jump before it returns to unit 0 (the loop test). */
    int jb = t - 2 - 1;  /* JUMP_BACKWARD + cache, with one EXTENDED_ARG */
    assert_int_equal(co->code[jb] & 0xFF, OP_EXTENDED_ARG);
    assert_int_equal(co->code[jb + 1] & 0xFF, OP_JUMP_BACKWARD);
    assert_int_equal(follow_jump(co, jb), 0);
}

static void test_stacksize_nested(void **state) {
    Code *co = compile_ok("r = 1 + (a + (b + (c + (d + 2))))\n");
    assert_int_equal(co->stacksize, 6);
    co = compile_ok("f(a, g(b, c), d)\n");
    /* f NULL a g NULL b c -> 7 */
    assert_int_equal(co->stacksize, 7);
}

static void test_lines_and_cols(void **state) {
    Code *co = compile_ok("x = 1\n\ny = (2 +\n     x)\n");
    /* Every unit has a line; caches carry their instruction's line. */
    for (int i = 0; i < co->ncode; i++) assert_true(co->lines[i] >= 1 && co->lines[i] <= 4);
    /* LOAD_CONST 0; STORE_GLOBAL; LOAD_CONST 2 (line 3); LOAD_GLOBAL x (line 4, 5 units) */
    assert_int_equal(co->lines[0], 1);
    assert_int_equal(co->lines[2], 3);
    assert_int_equal(co->lines[3], 4);
    assert_int_equal(co->cols[3], 6);
    assert_int_equal(co->lines[7], 4);   /* a cache unit of LOAD_GLOBAL */
}

static void test_asm_by_hand(void **state) {
    /* A conditional jump over 300 NOPs needs one EXTENDED_ARG; a handler
     * covering the NOPs gets their exact range and the depth at its setup. */
    Asm a;
    asm_init(&a);
    a.line = 1;
    int skip = asm_new_label(&a), handler = asm_new_label(&a);
    asm_emit(&a, OP_LOAD_CONST, asm_add_const(&a, VAL_TRUE));
    asm_emit(&a, OP_LOAD_CONST, asm_add_const(&a, VAL_TRUE));
    asm_emit(&a, OP_POP_JUMP_IF_FALSE, skip);
    int h = asm_new_handler(&a, handler, false);
    asm_emit(&a, P_SETUP, h);
    a.cur_handler = h;
    for (int i = 0; i < 300; i++) asm_emit(&a, OP_NOP, 0);
    a.cur_handler = -1;
    asm_bind(&a, skip);
    asm_emit(&a, OP_RETURN_VALUE, 0);
    asm_bind(&a, handler);
    asm_emit(&a, OP_POP_TOP, 0);          /* [true exc] -> [true] */
    asm_emit(&a, OP_RETURN_VALUE, 0);
    AsmInfo info = {.name = str_intern_cstr(vm, "t"), .qualname = str_intern_cstr(vm, "t"),
                    .filename = str_intern_cstr(vm, "t.py"), .firstline = 1};
    Code *co = asm_assemble(vm, &a, &info);
    asm_free(&a);
    assert_non_null(co);
    assert_int_equal(co->code[2] & 0xFF, OP_EXTENDED_ARG);
    assert_int_equal(co->code[2] >> 8, 1);
    assert_int_equal(co->code[3] & 0xFF, OP_POP_JUMP_IF_FALSE);
    assert_int_equal(co->code[3] >> 8, 300 - 256);
    assert_int_equal(follow_jump(co, 2), 5 + 300);
    assert_int_equal(co->nexc, 1);
    assert_int_equal(co->exctable[0].start, 5);
    assert_int_equal(co->exctable[0].end, 305);
    assert_int_equal(co->exctable[0].handler, 306);
    assert_int_equal(co->exctable[0].depth, 1);
    assert_int_equal(co->stacksize, 2);
    assert_int_equal(co->consts->len, 1);
}

static void test_displays_large_and_starred(void **state) {
    char *src = repeat_src("x = [", "a%d + %d, ", 20, "]\n");
    Code *co = compile_ok(src);
    free(src);
    /* Incremental: BUILD_LIST 0 then one LIST_APPEND per element. */
    const char *l = listing(co);
    assert_true(strncmp(l, "BUILD_LIST 0; LOAD_GLOBAL 0; LOAD_CONST 0; BINARY_OP 0; LIST_APPEND 1; ", 70) == 0);
    assert_true(co->stacksize <= 4);
    co = compile_ok("x = [*a, 1]\n");
    ASSERT_CODE(co, "BUILD_LIST 0; LOAD_GLOBAL 0; LIST_EXTEND 1; LOAD_CONST 0; LIST_APPEND 1; "
                    "STORE_GLOBAL 1; LOAD_CONST 1; RETURN_VALUE");
}

static void test_set_display_constants(void **state) {
    /* CPython 3.11's shapes: a frozenset constant copied into a new set, or
     * used as it is where the set is only iterated or tested; an equal
     * constant (same items, any order) is shared. */
    Code *co = compile_ok("x = {3, 1, 2}\nfor y in {2, 1, 3}: pass\nz = 5 in {4, 5}\n");
    ASSERT_CODE(co, "BUILD_SET 0; LOAD_CONST 0; SET_UPDATE 1; STORE_GLOBAL 0; "
                    "LOAD_CONST 0; GET_ITER; FOR_ITER 3; STORE_GLOBAL 1; JUMP_BACKWARD 5; "
                    "LOAD_CONST 1; LOAD_CONST 2; CONTAINS_OP 0; STORE_GLOBAL 2; "
                    "LOAD_CONST 3; RETURN_VALUE");
    assert_true(IS_ANYSET(co->consts->items[0]) && IS_ANYSET(co->consts->items[2]));
    /* Two items, or a non-constant one: built item by item. */
    co = compile_ok("x = {1, 2}\ny = {1, a, 3}\n");
    ASSERT_CODE(co, "LOAD_CONST 0; LOAD_CONST 1; BUILD_SET 2; STORE_GLOBAL 0; "
                    "LOAD_CONST 0; LOAD_GLOBAL 2; LOAD_CONST 2; BUILD_SET 3; STORE_GLOBAL 2; "
                    "LOAD_CONST 3; RETURN_VALUE");
}

static void test_class_body_comprehension_scope(void **state) {
    /* The first iterable is evaluated in the class namespace (LOAD_NAME);
     * inside, class-level names are globals, as in CPython. */
    Code *co = compile_ok("class C:\n    xs = [1]\n    ys = [x + k for x in xs]\n");
    Code *body = nested(co, 0);
    ASSERT_CODE(body, "LOAD_NAME 0; STORE_NAME 1; LOAD_CONST 0; STORE_NAME 2; LOAD_CONST 1; BUILD_LIST 1; "
                      "STORE_NAME 3; BUILD_LIST 0; LOAD_NAME 3; GET_ITER; FOR_ITER 12; STORE_FAST 0; "
                      "LOAD_FAST 0; LOAD_GLOBAL 8; BINARY_OP 0; LIST_APPEND 2; JUMP_BACKWARD 14; "
                      "STORE_NAME 5; LOAD_CONST 2; RETURN_VALUE");
    assert_int_equal(body->nlocals, 1);
}

/* ---- errors ------------------------------------------------------------------ */

static void test_errors(void **state) {
    expect_error("x = 1\nbreak\n", 2, "'break' outside loop");
    expect_error("if x:\n    continue\n", 2, "'continue' not properly in loop");
    expect_error("x = 1\nreturn 2\n", 2, "'return' outside function");
    expect_error("class A:\n    return 1\n", 2, "'return' outside function");
    expect_error("for x in y:\n    def f():\n        break\n", 3, "'break' outside loop");
    expect_error("def f():\n    x = 1\n    global x\n", 3, "name 'x' is assigned to before global declaration");
    expect_error("def f():\n    print(x)\n    global x\n", 3, "name 'x' is used prior to global declaration");
    expect_error("def f(x):\n    global x\n", 2, "name 'x' is parameter and global");
    expect_error("def f():\n    def g():\n        nonlocal x\n", 3, "no binding for nonlocal 'x' found");
    expect_error("x = 1\ndef f():\n    nonlocal x\n", 3, "no binding for nonlocal 'x' found");
    expect_error("def f(x):\n    nonlocal x\n", 2, "name 'x' is parameter and nonlocal");
    expect_error("def f():\n    x = 1\n    def g():\n        x = 2\n        nonlocal x\n", 5,
                 "name 'x' is assigned to before nonlocal declaration");
    expect_error("x = super().f\n", 1, "stitch: super() is only supported inside a method with a self parameter");
    expect_error("class C:\n    def f(self):\n        return super()\n", 3,
                 "stitch: super() is only supported as super().name inside a method");
    expect_error("nonlocal x\n", 1, "nonlocal declaration not allowed at module level");
    expect_error("def f():\n    from m import *\n", 2, "import * only allowed at module level");
}

static void test_unpacking_displays(void **state) {
    (void)state;
    compile_ok("x = {*a}\ny = (*a, 1)\nz = {**a, 'k': 1, **b}\nw = {'k': 1, **a}\n");
}

static void test_no_closure_when_global(void **state) {
    /* g reads x, which f declares global: not a closure. */
    compile_ok("def f():\n    global x\n    x = 1\n    def g():\n        return x\n    return g\n");
    /* Methods do not see class-level names: x is a global there. */
    compile_ok("class C:\n    x = 1\n    def m(self):\n        return x\n");
    /* Comprehension variables in a nested function are its own. */
    compile_ok("def f(a):\n    def g(b):\n        return [i for i in b]\n    return [g(i) for i in a]\n");
}

/* ---- cells and free variables ---------------------------------------------------- */

/* Flags of `name` in the scope made by the index-th def of the module (depth-first). */
static int sym_flags(Scope *top, const char *path, const char *name) {
    Scope *s = top;
    for (const char *p = path; *p; p++) s = s->children[*p - '0'];
    Symbol *sym = symtable_lookup(s, name);
    return sym ? sym->flags : 0;
}

static Arena sym_arena;

static Scope *build(const char *src) {
    Arena *a = &sym_arena;
    arena_init(a);
    SyntaxDiag d;
    memset(&d, 0, sizeof d);
    Module *m = parse_module(a, src, strlen(src), &d);
    assert_non_null(m);
    Scope *s = symtable_build(m, &d);
    if (!s) fail_msg("symtable failed: %s", d.msg);
    return s;
}

/* The scope tree and the AST it points into. */
static void drop(Scope *s) {
    symtable_free(s);
    arena_free(&sym_arena);
}

static void test_cell_free_classification(void **state) {
    (void)state;
    /* x: a cell in f, free in g; y stays a plain local; z a global. */
    Scope *s = build("def f(y):\n    x = 1\n    def g():\n        return x + z\n    return g\n");
    assert_true(sym_flags(s, "0", "x") & SYM_CELL);
    assert_false(sym_flags(s, "0", "y") & (SYM_CELL | SYM_FREE));
    assert_true(sym_flags(s, "00", "x") & SYM_FREE);
    assert_false(sym_flags(s, "00", "z") & SYM_FREE);
    drop(s);
    /* Through a middle function and a class body: both pass it on. */
    s = build("def f(p):\n    def m():\n        class C:\n            def k(self):\n                return p\n"
              "        return C\n    return m\n");
    assert_true(sym_flags(s, "0", "p") & SYM_CELL);
    assert_true(sym_flags(s, "00", "p") & SYM_FREE);
    assert_true(sym_flags(s, "000", "p") & SYM_FREE);
    assert_true(sym_flags(s, "0000", "p") & SYM_FREE);
    drop(s);
    /* nonlocal: free in g (and declared), a cell in f. */
    s = build("def f():\n    n = 0\n    def g():\n        nonlocal n\n        n += 1\n    return g\n");
    assert_true(sym_flags(s, "0", "n") & SYM_CELL);
    assert_int_equal(sym_flags(s, "00", "n") & (SYM_FREE | SYM_NONLOCAL), SYM_FREE | SYM_NONLOCAL);
    drop(s);
    /* A global declared in f is not a closure for g. */
    s = build("def f():\n    global q\n    q = 1\n    def g():\n        return q\n");
    assert_false(sym_flags(s, "00", "q") & SYM_FREE);
    assert_false(sym_flags(s, "0", "q") & SYM_CELL);
    drop(s);
    /* A lambda capturing a comprehension variable: the comprehension's
     * variable gets a cell in the scope that runs the comprehension. */
    s = build("r = [lambda: i for i in y]\n");
    assert_int_equal(s->ncomp_cells, 1);
    assert_string_equal(s->comp_cell_name[0], "i");
    assert_true(sym_flags(s, "0", "i") & SYM_FREE);
    drop(s);
}

static void test_closure_bytecode(void **state) {
    (void)state;
    Code *co = compile_ok("def f(a):\n    def g():\n        nonlocal a\n        a = a + 1\n        return a\n    return g\n");
    Code *f = nested(co, 0);
    ASSERT_CODE(f, "MAKE_CELL 0; LOAD_CLOSURE 0; BUILD_TUPLE 1; LOAD_CONST 0; MAKE_FUNCTION 8; "
                   "STORE_FAST 1; LOAD_FAST 1; RETURN_VALUE");
    Code *g = nested(f, 0);
    ASSERT_CODE(g, "COPY_FREE_VARS 1; LOAD_DEREF 0; LOAD_CONST 0; BINARY_OP 0; STORE_DEREF 0; "
                   "LOAD_DEREF 0; RETURN_VALUE");
    assert_int_equal(g->nfree, 1);
    /* Keyword-only parameters, *args and **kwargs take slots in that order. */
    co = compile_ok("def h(a, *args, k=1, **kw):\n    return kw\n");
    Code *h = nested(co, 0);
    assert_int_equal(h->nargs, 1);
    assert_int_equal(h->kwonlyargcount, 1);
    assert_true(h->flags & CO_VARARGS);
    assert_true(h->flags & CO_VARKEYWORDS);
    assert_string_equal(AS_STR(h->varnames->items[3])->data, "kw");
    /* Starred calls go through CALL_FUNCTION_EX. */
    co = compile_ok("f(*a, k=1, **m)\n");
    ASSERT_CODE(co, "LOAD_GLOBAL 1; LOAD_GLOBAL 2; BUILD_MAP 0; "
                    "LOAD_CONST 0; LOAD_CONST 1; MAP_ADD 1; LOAD_GLOBAL 4; DICT_MERGE 1; "
                    "CALL_FUNCTION_EX 1; POP_TOP; LOAD_CONST 2; RETURN_VALUE");
}

static char captured[1024];

static void capture(void *ud, const char *s, size_t n) {
    size_t have = strlen(captured);
    if (have + n < sizeof captured) memcpy(captured + have, s, n), captured[have + n] = '\0';
}

static void test_is_literal_warning(void **state) {
    void (*saved)(void *, const char *, size_t) = vm->opt.write_err;
    vm->opt.write_err = capture;
    captured[0] = '\0';
    compile_ok("x = 1\nr = x is None or x is not 'a'\n");
    vm->opt.write_err = saved;
    assert_string_equal(captured, "test.py:2: SyntaxWarning: \"is not\" with a literal. Did you mean \"!=\"?\n");
}

/* ---- dis --------------------------------------------------------------------- */

static void test_dis_output(void **state) {
    Code *co = compile_ok("def f(a):\n    if a < 1:\n        return -a\n    return a\nx = f(1)\n");
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    dis_code(vm, co, out);
    fclose(out);
    assert_non_null(strstr(text, "  1           0 LOAD_CONST               0 (<code object f at 0x"));
    assert_non_null(strstr(text, "              2 MAKE_FUNCTION            0\n"));
    assert_non_null(strstr(text, "\n  5           6 LOAD_GLOBAL              1 (NULL + f)\n"));
    assert_non_null(strstr(text, "Disassembly of <code object f at 0x"));
    assert_non_null(strstr(text, ", file \"test.py\", line 1>:\n"));
    assert_non_null(strstr(text, "  2           0 LOAD_FAST                0 (a)\n"));
    assert_non_null(strstr(text, "COMPARE_OP               0 (<)\n"));
    assert_non_null(strstr(text, "POP_JUMP_IF_FALSE        3 (to 18)\n"));
    assert_non_null(strstr(text, "  4     >>   18 LOAD_FAST                0 (a)\n"));
    free(text);
}

static void test_dis_exception_table(void **state) {
    Code *co = compile_ok("try:\n    a()\nexcept:\n    pass\n");
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    dis_code(vm, co, out);
    fclose(out);
    assert_non_null(strstr(text, "        >>   24 PUSH_EXC_INFO\n"));
    assert_non_null(strstr(text, "ExceptionTable:\n  0 to 20 -> 24 [0]\n  24 to 26 -> 32 [1]\n"));
    free(text);
}

/* ---- running ------------------------------------------------------------------ */

/* Run src and return global `name`. */
static Value run_get(const char *src, const char *name) {
    Code *co = compile_ok(src);
    gc_push_root(vm, val_obj(co));
    Dict *g = vm->globals;
    Value r = vm_run_module(vm, co, g);
    gc_pop_roots(vm, 1);
    if (r == VAL_ERROR) {
        vm_print_exception(vm, vm_take_exc(vm));
        fail_msg("program raised");
    }
    return dict_get_str(g, str_intern_cstr(vm, name));
}

static void test_run_loops_and_functions(void **state) {
    Value v = run_get("def fib(n):\n    a, b = 0, 1\n    for _ in range(n):\n        a, b = b, a + b\n"
                      "    return a\nr = fib(30)\n", "r");
    assert_int_equal(val_as_int(v), 832040);
    v = run_get("t = 0\ni = 0\nwhile True:\n    i += 1\n    if i % 2:\n        continue\n"
                "    if i > 10:\n        break\n    t += i\nr2 = t\n", "r2");
    assert_int_equal(val_as_int(v), 2 + 4 + 6 + 8 + 10);
}

static void test_run_comprehension_scope(void **state) {
    Value v = run_get("x = 7\nsq = [x * x for x in range(4)]\nr3 = x + sq[3]\n", "r3");
    assert_int_equal(val_as_int(v), 16);
    v = run_get("d = {k: v for k in range(3) for v in range(k)}\nr4 = len(d)\n", "r4");
    assert_int_equal(val_as_int(v), 2);
}

static void test_run_exceptions(void **state) {
    Value v = run_get("def f():\n    log = []\n    for i in range(3):\n        try:\n"
                      "            if i == 1:\n                raise ValueError('x')\n"
                      "            log.append(i)\n        except ValueError as e:\n"
                      "            log.append(10)\n            continue\n        finally:\n"
                      "            log.append(100)\n    return log\nr5 = f()\n", "r5");
    assert_true(IS_LIST(v));
    List *l = AS_LIST(v);
    int64_t expect[] = {0, 100, 10, 100, 2, 100};
    assert_int_equal(l->len, 6);
    for (int i = 0; i < 6; i++) assert_int_equal(val_as_int(l->items[i]), expect[i]);
    v = run_get("def g():\n    try:\n        return 1\n    finally:\n        global fin\n        fin = 2\n"
                "r6 = g() + fin\n", "r6");
    assert_int_equal(val_as_int(v), 3);
}

static void test_run_classes(void **state) {
    Value v = run_get("class A:\n    def __init__(self, x):\n        self.x = x\n"
                      "    def get(self):\n        return self.x\n"
                      "class B(A):\n    def get(self):\n        return super().get() * 2\n"
                      "r7 = B(21).get()\n", "r7");
    assert_int_equal(val_as_int(v), 42);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_module_assign),
        cmocka_unit_test(test_function_locals),
        cmocka_unit_test(test_calls),
        cmocka_unit_test(test_chained_compare),
        cmocka_unit_test(test_is_in_not),
        cmocka_unit_test(test_augassign_subscript_attr),
        cmocka_unit_test(test_unpack_and_chain),
        cmocka_unit_test(test_and_or),
        cmocka_unit_test(test_for_break_else),
        cmocka_unit_test(test_while_true_continue),
        cmocka_unit_test(test_list_comprehension_inlined),
        cmocka_unit_test(test_nested_dict_comprehension),
        cmocka_unit_test(test_class_and_super),
        cmocka_unit_test(test_qualnames),
        cmocka_unit_test(test_try_except_table),
        cmocka_unit_test(test_try_finally_return),
        cmocka_unit_test(test_break_out_of_finally_and_handler),
        cmocka_unit_test(test_assert_raise_del),
        cmocka_unit_test(test_slices_and_displays),
        cmocka_unit_test(test_const_dedup),
        cmocka_unit_test(test_identifier_strings_interned),
        cmocka_unit_test(test_extended_arg_consts_and_locals),
        cmocka_unit_test(test_extended_arg_long_jumps),
        cmocka_unit_test(test_stacksize_nested),
        cmocka_unit_test(test_lines_and_cols),
        cmocka_unit_test(test_asm_by_hand),
        cmocka_unit_test(test_displays_large_and_starred),
        cmocka_unit_test(test_set_display_constants),
        cmocka_unit_test(test_class_body_comprehension_scope),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_unpacking_displays),
        cmocka_unit_test(test_no_closure_when_global),
        cmocka_unit_test(test_is_literal_warning),
        cmocka_unit_test(test_dis_output),
        cmocka_unit_test(test_dis_exception_table),
        cmocka_unit_test(test_run_loops_and_functions),
        cmocka_unit_test(test_run_comprehension_scope),
        cmocka_unit_test(test_run_exceptions),
        cmocka_unit_test(test_run_classes),
        cmocka_unit_test(test_cell_free_classification),
        cmocka_unit_test(test_closure_bytecode),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
