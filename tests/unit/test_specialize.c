/* test_specialize.c: quickening and deoptimization. Each test runs a
 * program in a fresh VM, checks its output, and inspects the code objects
 * afterwards: which specialized instructions the warm-up left in
 * code->code, and (with the stats on) how often guards failed. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "compiler.h"
#include "parser.h"
#include "specialize.h"

typedef struct Run {
    VM *vm;
    Code *code;
    char out[4096];
    size_t nout;
} Run;

static void cap_out(void *ud, const char *s, size_t n) {
    Run *r = ud;
    if (r->nout + n >= sizeof r->out) n = sizeof r->out - 1 - r->nout;
    memcpy(r->out + r->nout, s, n);
    r->nout += n;
    r->out[r->nout] = '\0';
}

static void cap_err(void *ud, const char *s, size_t n) {
    (void)ud;
    fwrite(s, 1, n, stderr);
}

/* Compile and run src; the module code stays rooted until run_end. */
static void run_start(Run *r, const char *src, bool specialize) {
    memset(r, 0, sizeof *r);
    VMOptions opt = {.write_out = cap_out, .write_err = cap_err, .userdata = r};
    opt.no_specialize = !specialize;
    const char *gc = getenv("STITCH_GC_STRESS");
    opt.gc_stress = gc && *gc && strcmp(gc, "0") != 0;
    r->vm = vm_new(&opt);
    assert_non_null(r->vm);
    assert_true(spec_stats_enable(r->vm));
    Arena arena;
    arena_init(&arena);
    SyntaxDiag diag = {0};
    Module *m = parse_module(&arena, src, strlen(src), &diag);
    assert_non_null(m);
    r->code = compile_module(r->vm, m, "prog.py", &diag);
    arena_free(&arena);
    assert_non_null(r->code);
    gc_push_root(r->vm, val_obj(r->code));
    Value v = vm_run_module(r->vm, r->code, r->vm->globals);
    if (v == VAL_ERROR) vm_print_exception(r->vm, vm_take_exc(r->vm));
    assert_true(v != VAL_ERROR);
}

static void run_end(Run *r) {
    FILE *devnull = fopen("/dev/null", "w");
    spec_stats_report(r->vm, devnull);
    fclose(devnull);
    gc_pop_roots(r->vm, 1);
    vm_free(r->vm);
}

/* The code object of the function named `name` (among the module's
 * constants), or the module itself for NULL. */
static Code *code_of(Run *r, const char *name) {
    if (!name) return r->code;
    Tuple *c = r->code->consts;
    for (int64_t i = 0; i < c->len; i++)
        if (val_is_kind(c->items[i], OBJ_CODE) && strcmp(AS_CODE(c->items[i])->name->data, name) == 0)
            return AS_CODE(c->items[i]);
    fail_msg("no code object %s", name);
    return NULL;
}

/* Index of the first instruction with opcode op in co, or -1. */
static int find_op(Code *co, int op) {
    for (int i = 0; i < co->ncode;) {
        int o = co->code[i] & 0xFF;
        if (o == op) return i;
        i += 1 + opcode_caches[o];
    }
    return -1;
}

static void expect_op(Run *r, const char *fn, int op) {
    if (find_op(code_of(r, fn), op) < 0) fail_msg("%s: no %s", fn ? fn : "<module>", opcode_names[op]);
}

static void test_int_loop_specializes(void **state) {
    (void)state;
    Run r;
    run_start(&r,
              "def f(n):\n"
              "    s = 0\n"
              "    for i in range(n):\n"
              "        if i % 3 == 0:\n"
              "            s = s + i * 2 - 1\n"
              "        t = i > 50\n"
              "    return s\n"
              "print(f(100))\n",
              true);
    assert_string_equal(r.out, "3332\n");
    expect_op(&r, "f", OP_FOR_ITER_RANGE);
    expect_op(&r, "f", OP_BINARY_OP_REMAINDER_INT);
    expect_op(&r, "f", OP_BINARY_OP_MULTIPLY_INT);
    expect_op(&r, "f", OP_BINARY_OP_ADD_INT);
    expect_op(&r, "f", OP_BINARY_OP_SUBTRACT_INT);
    /* `if i % 3 == 0` : the compare fuses with its jump. */
    expect_op(&r, "f", OP_COMPARE_OP_INT_JUMP);
    expect_op(&r, "f", OP_COMPARE_OP_INT);   /* t = i > 50: the bool is kept */
    expect_op(&r, "f", OP_LOAD_GLOBAL_BUILTIN);
    expect_op(&r, NULL, OP_CALL_PY_EXACT_ARGS);
    expect_op(&r, NULL, OP_LOAD_GLOBAL_MODULE);
    run_end(&r);
}

static void test_specialize_off(void **state) {
    (void)state;
    Run r;
    run_start(&r,
              "def f(n):\n"
              "    s = 0\n"
              "    for i in range(n):\n"
              "        s = s + i\n"
              "    return s\n"
              "print(f(100))\n",
              false);
    assert_string_equal(r.out, "4950\n");
    Code *co = code_of(&r, "f");
    for (int i = 0; i < co->ncode;) {
        int o = co->code[i] & 0xFF;
        assert_false(opcode_flags[o] & OPF_SPEC);
        i += 1 + opcode_caches[o];
    }
    run_end(&r);
}

/* The operand turns from int to float mid-way: the int form deopts, the
 * results stay right, and the site settles on the mixed form. */
static void test_int_to_float_deopt(void **state) {
    (void)state;
    Run r;
    run_start(&r,
              "def f(x):\n"
              "    return x + 1\n"
              "out = []\n"
              "for i in range(12):\n"
              "    v = i if i < 6 else i + 0.5\n"
              "    out.append(f(v))\n"
              "print(out)\n"
              "for i in range(40):\n"
              "    f(0.5)\n",
              true);
    assert_string_equal(r.out, "[1, 2, 3, 4, 5, 6, 7.5, 8.5, 9.5, 10.5, 11.5, 12.5]\n");
    assert_true(r.vm->spec_stats->deopts[OP_BINARY_OP_ADD_INT] >= 1);
    expect_op(&r, "f", OP_BINARY_OP_ADD_NUM);
    run_end(&r);
}

/* Globals rebound while a function that reads them is specialized; a
 * builtin shadowed by a global. */
static void test_global_rebound(void **state) {
    (void)state;
    Run r;
    run_start(&r,
              "K = 1\n"
              "def g():\n"
              "    return K\n"
              "def h(x):\n"
              "    return len(x)\n"
              "tot = 0\n"
              "r = []\n"
              "for i in range(20):\n"
              "    if i == 10:\n"
              "        K = 100\n"
              "    if i == 15:\n"
              "        def len(x):\n"
              "            return 42\n"
              "    tot += g()\n"
              "    r.append(h('ab'))\n"
              "print(tot, r)\n",
              true);
    assert_string_equal(r.out, "1010 [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 42, 42, 42, 42, 42]\n");
    assert_true(r.vm->spec_stats->deopts[OP_LOAD_GLOBAL_MODULE] >= 1);
    assert_true(r.vm->spec_stats->deopts[OP_LOAD_GLOBAL_BUILTIN] >= 1);
    assert_true(r.vm->spec_stats->successes[OP_CALL_LEN] >= 1);
    run_end(&r);
}

/* A specialized add whose result leaves the small-int range. */
static void test_int_overflow(void **state) {
    (void)state;
    Run r;
    run_start(&r,
              "def f(x):\n"
              "    return x + x\n"
              "def m(x):\n"
              "    return x * 3\n"
              "v = 1\n"
              "w = 1\n"
              "for i in range(60):\n"
              "    v = f(v)\n"
              "    w = m(w)\n"
              "print(v, w)\n",
              true);
    assert_string_equal(r.out, "1152921504606846976 42391158275216203514294433201\n");
    assert_true(r.vm->spec_stats->deopts[OP_BINARY_OP_ADD_INT] >= 1);
    assert_true(r.vm->spec_stats->deopts[OP_BINARY_OP_MULTIPLY_INT] >= 1);
    run_end(&r);
}

/* A specialized subscript given an index out of range raises as usual. */
static void test_list_index_out_of_range(void **state) {
    (void)state;
    Run r;
    run_start(&r,
              "def get(l, i):\n"
              "    return l[i]\n"
              "a = [1, 2, 3]\n"
              "s = 0\n"
              "for i in range(10):\n"
              "    s += get(a, i % 3)\n"
              "try:\n"
              "    get(a, 5)\n"
              "except IndexError as e:\n"
              "    print('IndexError', e)\n"
              "print(s, get(a, -1), get((7, 8), 1), get('xyz', 2), get({'k': 9}, 'k'))\n",
              true);
    assert_string_equal(r.out, "IndexError list index out of range\n19 3 8 z 9\n");
    assert_true(r.vm->spec_stats->deopts[OP_BINARY_SUBSCR_LIST_INT] >= 1);
    run_end(&r);
}

/* Containers, calls, classes and strings each reach their forms. */
static void test_other_forms(void **state) {
    (void)state;
    Run r;
    run_start(&r,
              "class P:\n"
              "    def __init__(self, v):\n"
              "        self.v = v\n"
              "    def get(self, k):\n"
              "        return self.v + k\n"
              "def work(items, pairs):\n"
              "    d = {}\n"
              "    acc = []\n"
              "    t = 0\n"
              "    for x in items:\n"
              "        p = P(x)\n"
              "        m = p.get\n"
              "        t += m(1)\n"
              "        d['a'] = x\n"
              "        acc.append(x)\n"
              "        acc[0] = x\n"
              "        if isinstance(p, P):\n"
              "            t += 1\n"
              "    for a, b in pairs:\n"
              "        t += a - b\n"
              "    s = ''\n"
              "    for c in ('a', 'b'):\n"
              "        s = s + c\n"
              "        if s < 'b':\n"
              "            t += 1\n"
              "    return t, d['a'], len(acc), s\n"
              "for i in range(3):\n"
              "    print(work([1, 2, 3], [(5, 1), (7, 2)]))\n",
              true);
    assert_string_equal(r.out, "(23, 3, 3, 'ab')\n(23, 3, 3, 'ab')\n(23, 3, 3, 'ab')\n");
    expect_op(&r, "work", OP_FOR_ITER_LIST);
    expect_op(&r, "work", OP_FOR_ITER_TUPLE);
    expect_op(&r, "work", OP_UNPACK_SEQUENCE_TWO_TUPLE);
    expect_op(&r, "work", OP_CALL_ALLOC_AND_ENTER_INIT);
    expect_op(&r, "work", OP_CALL_BOUND_METHOD_EXACT_ARGS);
    expect_op(&r, "work", OP_CALL_BUILTIN);
    expect_op(&r, "work", OP_CALL_ISINSTANCE);
    expect_op(&r, "work", OP_STORE_SUBSCR_DICT);
    expect_op(&r, "work", OP_STORE_SUBSCR_LIST_INT);
    expect_op(&r, "work", OP_BINARY_SUBSCR_DICT);
    expect_op(&r, "work", OP_BINARY_OP_ADD_STR);
    expect_op(&r, "work", OP_COMPARE_OP_STR);
    run_end(&r);
}

/* A conditional jump keeps its last outcomes in its cache unit. */
static void test_branch_history(void **state) {
    (void)state;
    Run r;
    run_start(&r,
              "def f(n):\n"
              "    c = 0\n"
              "    for i in range(n):\n"
              "        if i % 2 == 0:\n"
              "            c += 1\n"
              "    return c\n"
              "print(f(16))\n",
              true);
    assert_string_equal(r.out, "8\n");
    Code *co = code_of(&r, "f");
    int i = find_op(co, OP_POP_JUMP_IF_FALSE);
    assert_true(i >= 0);
    /* Taken (skipping c += 1) for odd i: the last outcome (i = 15) is 1. */
    assert_int_equal(co->code[i + 1] & 0xFF, 0x55);
    run_end(&r);
}

/* Attribute forms: instance slots, methods, class attributes, stores. */
static void test_attr_forms(void **state) {
    (void)state;
    Run r;
    run_start(&r,
              "class V:\n"
              "    K = 3\n"
              "    def __init__(self, x, y):\n"
              "        self.x = x\n"
              "        self.y = y\n"
              "    def dot(self, o):\n"
              "        return self.x * o.x + self.y * o.y\n"
              "def f(n):\n"
              "    v = V(1, 2)\n"
              "    t = 0\n"
              "    for i in range(n):\n"
              "        t += v.dot(v) + v.K + V.K + v.y\n"
              "        v.x = i\n"
              "    return t\n"
              "print(f(100))\n",
              true);
    assert_string_equal(r.out, "319750\n");
    expect_op(&r, "f", OP_LOAD_ATTR_INSTANCE_VALUE);
    expect_op(&r, "f", OP_LOAD_ATTR_METHOD);
    expect_op(&r, "f", OP_LOAD_ATTR_NONDESCRIPTOR);
    expect_op(&r, "f", OP_LOAD_ATTR_CLASS);
    expect_op(&r, "f", OP_STORE_ATTR_INSTANCE_VALUE);
    for (int op = 0; op < OP_COUNT; op++)
        if (opcode_base[op] == OP_LOAD_ATTR || opcode_base[op] == OP_STORE_ATTR)
            assert_int_equal(r.vm->spec_stats->deopts[op], 0);
    run_end(&r);
}

/* Method calls on builtin objects cache the native by class version; a
 * site that sees another builtin class deopts and still calls the right one. */
static void test_native_method(void **state) {
    (void)state;
    Run r;
    run_start(&r,
              "def f(n):\n"
              "    l = []\n"
              "    d = {}\n"
              "    for i in range(n):\n"
              "        l.append(i)\n"
              "        d.get(i)\n"
              "    return len(l)\n"
              "def g(xs):\n"
              "    out = []\n"
              "    for x in xs:\n"
              "        out.append(x.count('a'))\n"
              "    return out\n"
              "print(f(100))\n"
              "print(g(['a'] * 50 + [('a', 'a')] + ['aa']))\n",
              true);
    assert_string_equal(r.out, "100\n[" "1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, "
                               "1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, "
                               "1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2]\n");
    expect_op(&r, "f", OP_LOAD_ATTR_METHOD_NATIVE);
    assert_true(r.vm->spec_stats->deopts[OP_LOAD_ATTR_METHOD_NATIVE] >= 1);
    run_end(&r);
}

/* An attribute added after specialization takes a new slot: the layout
 * grows, the class version changes, the cached forms deopt and re-settle. */
static void test_attr_added_later(void **state) {
    (void)state;
    Run r;
    run_start(&r,
              "class A:\n"
              "    pass\n"
              "def get(o):\n"
              "    return o.x\n"
              "def put(o, v):\n"
              "    o.x = v\n"
              "a = A()\n"
              "a.x = 1\n"
              "s = 0\n"
              "for i in range(20):\n"
              "    if i == 10:\n"
              "        a.z = 5\n"
              "        b = A()\n"
              "        b.z = 6\n"
              "        b.x = 7\n"
              "        s += get(b)\n"
              "    put(a, i)\n"
              "    s += get(a)\n"
              "print(s, a.x, a.z, b.x, b.z)\n",
              true);
    assert_string_equal(r.out, "197 19 5 7 6\n");
    assert_true(r.vm->spec_stats->deopts[OP_LOAD_ATTR_INSTANCE_VALUE] >= 1);
    assert_true(r.vm->spec_stats->deopts[OP_STORE_ATTR_INSTANCE_VALUE] >= 1);
    run_end(&r);
}

/* Methods and class attributes replaced on the class (or a base) after
 * specialization: the class version changes and the new ones are seen. */
static void test_attr_class_replaced(void **state) {
    (void)state;
    Run r;
    run_start(&r,
              "class B:\n"
              "    N = 1\n"
              "    def m(self):\n"
              "        return 1\n"
              "class C(B):\n"
              "    pass\n"
              "def call(o):\n"
              "    return o.m()\n"
              "def const(o):\n"
              "    return o.N\n"
              "def cls():\n"
              "    return C.N\n"
              "c = C()\n"
              "out = []\n"
              "for i in range(30):\n"
              "    if i == 10:\n"
              "        B.m = lambda self: 2\n"
              "        B.N = 20\n"
              "    if i == 20:\n"
              "        C.m = lambda self: 3\n"
              "        C.N = 300\n"
              "    out.append(call(c) + const(c) + cls())\n"
              "print(out)\n",
              true);
    assert_string_equal(r.out,
                        "[3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 42, 42, 42, 42, 42, 42, 42, 42, 42, 42, "
                        "603, 603, 603, 603, 603, 603, 603, 603, 603, 603]\n");
    assert_true(r.vm->spec_stats->deopts[OP_LOAD_ATTR_METHOD] >= 2);
    assert_true(r.vm->spec_stats->deopts[OP_LOAD_ATTR_NONDESCRIPTOR] >= 2);
    assert_true(r.vm->spec_stats->deopts[OP_LOAD_ATTR_CLASS] >= 2);
    expect_op(&r, "call", OP_LOAD_ATTR_METHOD);
    run_end(&r);
}

/* One site, two classes alternately: the guards fail, the results stay
 * right, and the backoff keeps the site mostly generic. */
static void test_attr_polymorphic(void **state) {
    (void)state;
    Run r;
    run_start(&r,
              "class P:\n"
              "    def __init__(self):\n"
              "        self.a = 1\n"
              "        self.v = 10\n"
              "    def m(self):\n"
              "        return 100\n"
              "class Q:\n"
              "    def __init__(self):\n"
              "        self.v = 20\n"
              "    def m(self):\n"
              "        return 200\n"
              "def f(o):\n"
              "    o.v = o.v + 1\n"
              "    return o.v + o.m()\n"
              "p, q = P(), Q()\n"
              "s = 0\n"
              "for i in range(200):\n"
              "    s += f(p if i % 2 else q)\n"
              "print(s, p.v, q.v)\n",
              true);
    assert_string_equal(r.out, "43100 110 120\n");
    assert_true(r.vm->spec_stats->deopts[OP_LOAD_ATTR_INSTANCE_VALUE] >= 1);
    assert_true(r.vm->spec_stats->deopts[OP_LOAD_ATTR_METHOD] >= 1);
    assert_true(r.vm->spec_stats->deopts[OP_STORE_ATTR_INSTANCE_VALUE] >= 1);
    /* Deopts are bounded by the backoff, not one per execution. */
    assert_true(r.vm->spec_stats->deopts[OP_LOAD_ATTR_INSTANCE_VALUE] < 40);
    run_end(&r);
}

/* A base-class method reading self.x for instances of three subclasses that
 * set the base's attributes first: one polymorphic form covers all three
 * (same slot), and a fourth class with x elsewhere still reads right. */
static void test_attr_polymorphic_same_slot(void **state) {
    (void)state;
    Run r;
    run_start(&r,
              "class B:\n"
              "    def __init__(self, x):\n"
              "        self.x = x\n"
              "    def get(self):\n"
              "        return self.x\n"
              "class C1(B):\n"
              "    pass\n"
              "class C2(B):\n"
              "    def __init__(self, x):\n"
              "        super().__init__(x)\n"
              "        self.y = 0\n"
              "class C3(B):\n"
              "    pass\n"
              "class D(B):\n"
              "    def __init__(self, x):\n"
              "        self.y = 5\n"
              "        self.x = x\n"
              "objs = [C1(1), C2(2), C3(3)]\n"
              "s = 0\n"
              "for i in range(300):\n"
              "    s += objs[i % 3].get()\n"
              "print(s)\n"
              "objs.append(D(4))\n"
              "for i in range(100):\n"
              "    s += objs[i % 4].get()\n"
              "print(s)\n",
              true);
    assert_string_equal(r.out, "600\n850\n");
    assert_true(r.vm->spec_stats->successes[OP_LOAD_ATTR_INSTANCE_VALUE_POLY] >= 1);
    /* Once all three classes are in, the first loop runs without deopts:
     * only the warm-up (one per class added) and the fourth class deopt. */
    assert_true(r.vm->spec_stats->deopts[OP_LOAD_ATTR_INSTANCE_VALUE] +
                    r.vm->spec_stats->deopts[OP_LOAD_ATTR_INSTANCE_VALUE_POLY] < 20);
    run_end(&r);
}

/* del obj.x after specialization: the slot is VAL_NULL, the form deopts and
 * the generic path raises CPython's AttributeError. */
static void test_attr_deleted(void **state) {
    (void)state;
    Run r;
    run_start(&r,
              "class A:\n"
              "    pass\n"
              "def get(o):\n"
              "    return o.x\n"
              "a = A()\n"
              "a.x = 4\n"
              "s = 0\n"
              "for i in range(10):\n"
              "    s += get(a)\n"
              "del a.x\n"
              "try:\n"
              "    get(a)\n"
              "except AttributeError as e:\n"
              "    print(s, e)\n"
              "a.x = 5\n"
              "print(get(a))\n",
              true);
    assert_string_equal(r.out, "40 'A' object has no attribute 'x'\n5\n");
    assert_true(r.vm->spec_stats->deopts[OP_LOAD_ATTR_INSTANCE_VALUE] >= 1);
    run_end(&r);
}

/* An instance attribute shadows a method after the call site specialized:
 * the layout grows (new class version), so the method form deopts. Past
 * the layout's 30 names the shadowing one lands in the overflow dict, which
 * the method form checks. */
static void test_attr_shadows_method(void **state) {
    (void)state;
    Run r;
    run_start(&r,
              "class A:\n"
              "    def m(self):\n"
              "        return 1\n"
              "def call(o):\n"
              "    return o.m()\n"
              "a = A()\n"
              "s = 0\n"
              "for i in range(10):\n"
              "    s += call(a)\n"
              "a.m = lambda: 10\n"
              "s += call(a)\n"
              "print(s, call(A()))\n"
              "class F:\n"
              "    def m(self):\n"
              "        return 1\n"
              "f = F()\n"
              "for i in range(30):\n"
              "    setattr(f, 'a' + str(i), i)\n"
              "t = 0\n"
              "for i in range(10):\n"
              "    t += call(f)\n"
              "f.m = lambda: 100\n"
              "t += call(f)\n"
              "print(t, call(F()))\n",
              true);
    assert_string_equal(r.out, "20 1\n110 1\n");
    assert_true(r.vm->spec_stats->deopts[OP_LOAD_ATTR_METHOD] >= 2);
    run_end(&r);
}

/* Storing a global every iteration changes only values, not keys: the
 * LOAD_GLOBALs of the module stay specialized; deleting one still deopts. */
static void test_global_store_keeps_specialized(void **state) {
    (void)state;
    Run r;
    run_start(&r,
              "K = 2\n"
              "acc = 0\n"
              "def f(n):\n"
              "    global acc\n"
              "    for i in range(n):\n"
              "        acc = acc + K + len('ab')\n"
              "    return acc\n"
              "print(f(100))\n"
              "del K\n"
              "try:\n"
              "    f(1)\n"
              "except NameError as e:\n"
              "    print(e)\n",
              true);
    assert_string_equal(r.out, "400\nname 'K' is not defined\n");
    /* acc and K are read by LOAD_GLOBAL_MODULE, len by _BUILTIN; only the
     * del deopts them. */
    assert_true(r.vm->spec_stats->deopts[OP_LOAD_GLOBAL_MODULE] <= 2);
    assert_true(r.vm->spec_stats->deopts[OP_LOAD_GLOBAL_BUILTIN] <= 1);
    run_end(&r);
}

/* After the warm-up, before any del: the opcodes are still specialized. */
static void test_global_store_opcodes(void **state) {
    (void)state;
    Run r;
    run_start(&r,
              "K = 2\n"
              "acc = 0\n"
              "def f(n):\n"
              "    global acc\n"
              "    for i in range(n):\n"
              "        acc = acc + K + len('ab')\n"
              "    return acc\n"
              "print(f(100))\n",
              true);
    assert_string_equal(r.out, "400\n");
    Code *co = code_of(&r, "f");
    int n = 0;
    for (int i = 0; i < co->ncode;) {
        int o = co->code[i] & 0xFF;
        assert_true(o != OP_LOAD_GLOBAL);
        if (o == OP_LOAD_GLOBAL_MODULE) n++;
        i += 1 + opcode_caches[o];
    }
    assert_int_equal(n, 3); /* acc twice, K */
    expect_op(&r, "f", OP_LOAD_GLOBAL_BUILTIN);
    assert_int_equal(r.vm->spec_stats->deopts[OP_LOAD_GLOBAL_MODULE], 0);
    run_end(&r);
}

/* A builtin specialized site must see a global of the same name appear. */
static void test_builtin_shadowed_later(void **state) {
    (void)state;
    Run r;
    run_start(&r,
              "def f():\n"
              "    return len('abc')\n"
              "s = 0\n"
              "for i in range(20):\n"
              "    if i == 10:\n"
              "        len = lambda x: 100\n"
              "    s += f()\n"
              "print(s)\n",
              true);
    assert_string_equal(r.out, "1030\n");
    assert_true(r.vm->spec_stats->deopts[OP_LOAD_GLOBAL_BUILTIN] >= 1);
    run_end(&r);
}

/* `in` on a dict and on sets (set and frozenset share one form). */
static void test_contains_forms(void **state) {
    (void)state;
    Run r;
    run_start(&r,
              "def fd(x, d):\n"
              "    return x in d\n"
              "def fs(x, s):\n"
              "    return x not in s\n"
              "d = {1: 'a', 'k': 2}\n"
              "s = {1, 'k'}\n"
              "fz = frozenset([3])\n"
              "n = 0\n"
              "for i in range(20):\n"
              "    n += fd(i % 3, d) + fd('k', d) + fs(i % 2, s) + fs(3, fz)\n"
              "print(n, fd(2, d), fs('k', s), fs(4, fz))\n",
              true);
    assert_string_equal(r.out, "37 False False True\n");
    expect_op(&r, "fd", OP_CONTAINS_OP_DICT);
    expect_op(&r, "fs", OP_CONTAINS_OP_SET);
    assert_int_equal(r.vm->spec_stats->deopts[OP_CONTAINS_OP_DICT], 0);
    assert_int_equal(r.vm->spec_stats->deopts[OP_CONTAINS_OP_SET], 0);
    run_end(&r);
}

/* A site that sees a dict, then a list: it deopts and stays correct. */
static void test_contains_deopt(void **state) {
    (void)state;
    Run r;
    run_start(&r,
              "def f(x, c):\n"
              "    return x in c\n"
              "out = []\n"
              "for i in range(20):\n"
              "    c = {1: 0, 2: 0} if i < 10 else [2, 3]\n"
              "    out.append(f(1, c))\n"
              "print(out)\n",
              true);
    assert_string_equal(r.out, "[True, True, True, True, True, True, True, True, True, True, "
                               "False, False, False, False, False, False, False, False, False, "
                               "False]\n");
    assert_true(r.vm->spec_stats->deopts[OP_CONTAINS_OP_DICT] >= 1);
    assert_int_equal(find_op(code_of(&r, "f"), OP_CONTAINS_OP_DICT), -1);
    run_end(&r);
}

/* An unhashable key raises CPython's TypeError from the specialized form
 * itself (no deopt: the form stays in place). */
static void test_contains_unhashable(void **state) {
    (void)state;
    Run r;
    run_start(&r,
              "def f(x, d):\n"
              "    return x in d\n"
              "d = {1: 1}\n"
              "for i in range(10):\n"
              "    f(i, d)\n"
              "try:\n"
              "    f([1], d)\n"
              "except TypeError as e:\n"
              "    print(e)\n"
              "def g(x, s):\n"
              "    return x in s\n"
              "for i in range(10):\n"
              "    g(i, {1})\n"
              "try:\n"
              "    g({}, {1})\n"
              "except TypeError as e:\n"
              "    print(e)\n",
              true);
    assert_string_equal(r.out, "unhashable type: 'list'\nunhashable type: 'dict'\n");
    expect_op(&r, "f", OP_CONTAINS_OP_DICT);
    expect_op(&r, "g", OP_CONTAINS_OP_SET);
    assert_int_equal(r.vm->spec_stats->deopts[OP_CONTAINS_OP_DICT], 0);
    assert_int_equal(r.vm->spec_stats->deopts[OP_CONTAINS_OP_SET], 0);
    run_end(&r);
}

/* Builtin classes called with a constructor; one site sees several
 * classes (one form serves them all), and errors come from the form. */
static void test_call_builtin_class(void **state) {
    (void)state;
    Run r;
    run_start(&r,
              "def f(i):\n"
              "    return str(i) + str(int('4' + str(i))) + str(len(list(range(i))))\n"
              "def g(c, x):\n"
              "    return c(x)\n"
              "out = []\n"
              "for i in range(10):\n"
              "    out.append(f(i))\n"
              "print(out[9])\n"
              "for i in range(10):\n"
              "    g(str if i % 2 else int, '7')\n"
              "print(g(int, '12') + 1, g(list, 'ab'), g(tuple, [1]))\n"
              "try:\n"
              "    g(int, 'x')\n"
              "except ValueError as e:\n"
              "    print(e)\n",
              true);
    assert_string_equal(r.out, "9499\n13 ['a', 'b'] (1,)\ninvalid literal for int() with base 10: 'x'\n");
    expect_op(&r, "f", OP_CALL_BUILTIN_CLASS);
    expect_op(&r, "g", OP_CALL_BUILTIN_CLASS);
    assert_int_equal(r.vm->spec_stats->deopts[OP_CALL_BUILTIN_CLASS], 0);
    run_end(&r);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_int_loop_specializes),
        cmocka_unit_test(test_specialize_off),
        cmocka_unit_test(test_int_to_float_deopt),
        cmocka_unit_test(test_global_rebound),
        cmocka_unit_test(test_int_overflow),
        cmocka_unit_test(test_list_index_out_of_range),
        cmocka_unit_test(test_other_forms),
        cmocka_unit_test(test_branch_history),
        cmocka_unit_test(test_attr_forms),
        cmocka_unit_test(test_native_method),
        cmocka_unit_test(test_attr_added_later),
        cmocka_unit_test(test_attr_class_replaced),
        cmocka_unit_test(test_attr_polymorphic),
        cmocka_unit_test(test_attr_polymorphic_same_slot),
        cmocka_unit_test(test_attr_deleted),
        cmocka_unit_test(test_attr_shadows_method),
        cmocka_unit_test(test_global_store_keeps_specialized),
        cmocka_unit_test(test_global_store_opcodes),
        cmocka_unit_test(test_builtin_shadowed_later),
        cmocka_unit_test(test_contains_forms),
        cmocka_unit_test(test_contains_deopt),
        cmocka_unit_test(test_contains_unhashable),
        cmocka_unit_test(test_call_builtin_class),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
