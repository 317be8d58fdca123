/* test_gc.c: reachability, roots, cycles, deep structures, stress mode and
 * the heap limit. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "vm.h"

static VM *vm;

static int setup(void **state) {
    (void)state;
    vm = vm_new(NULL);
    return vm ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    vm_free(vm);
    return 0;
}

static size_t count_objects(void) {
    size_t n = 0;
    for (Obj *o = vm->objects; o; o = o->next) n++;
    return n;
}

static bool is_live(void *p) {
    for (Obj *o = vm->objects; o; o = o->next)
        if (o == p) return true;
    return false;
}

static void test_unreachable_freed(void **state) {
    (void)state;
    gc_collect(vm);
    size_t base = count_objects();
    size_t bytes = vm->bytes_allocated;
    for (int i = 0; i < 1000; i++) str_printf(vm, "garbage %d", i);
    List *l = list_new(vm, 100);
    (void)l;
    assert_true(count_objects() >= base + 1001);
    uint64_t runs = vm->gc_runs;
    gc_collect(vm);
    assert_int_equal(vm->gc_runs, runs + 1);
    assert_int_equal(count_objects(), base);
    assert_int_equal(vm->bytes_allocated, bytes);
}

static void test_rooted_survive(void **state) {
    (void)state;
    List *l = list_new(vm, 0);
    gc_push_root(vm, val_obj(l));
    Str *s = str_from_cstr(vm, "kept");
    list_append(vm, l, val_obj(s));
    Dict *d = dict_new(vm);
    list_append(vm, l, val_obj(d));
    Str *v = str_from_cstr(vm, "value");
    dict_set(vm, d, val_int(1), val_obj(v));
    Value big = int_binop(vm, BINOP_POWER, val_int(3), val_int(100));
    list_append(vm, l, big);
    gc_collect(vm);
    assert_true(is_live(l) && is_live(s) && is_live(d) && is_live(v) && is_live(val_as_obj(big)));
    gc_pop_roots(vm, 1);
    gc_collect(vm);
    assert_false(is_live(l));
    assert_false(is_live(s));
    assert_false(is_live(v));
}

static void test_globals_and_stack_are_roots(void **state) {
    (void)state;
    Str *g = str_from_cstr(vm, "global value");
    dict_set_str(vm, vm->globals, str_intern_cstr(vm, "gv"), val_obj(g));
    Str *on_stack = str_from_cstr(vm, "on the stack");
    *vm->stack_top++ = val_obj(on_stack);
    vm->exc = val_obj(str_from_cstr(vm, "pending"));
    gc_collect(vm);
    assert_true(is_live(g));
    assert_true(is_live(on_stack));
    assert_true(is_live(val_as_obj(vm->exc)));
    vm->stack_top--;
    vm->exc = VAL_NULL;
    gc_collect(vm);
    assert_false(is_live(on_stack));
}

static void test_cycle_freed(void **state) {
    (void)state;
    gc_collect(vm);
    size_t base = count_objects();
    List *a = list_new(vm, 0);
    gc_push_root(vm, val_obj(a));
    List *b = list_new(vm, 0);
    list_append(vm, a, val_obj(b));
    list_append(vm, b, val_obj(a));
    Dict *d = dict_new(vm);
    list_append(vm, b, val_obj(d));
    dict_set(vm, d, val_int(0), val_obj(a));
    gc_pop_roots(vm, 1);
    gc_collect(vm);
    assert_int_equal(count_objects(), base);
}

static void test_deep_nesting(void **state) {
    (void)state;
    /* A million nested lists: marking must not recurse on the C stack. */
    List *outer = list_new(vm, 1);
    gc_push_root(vm, val_obj(outer));
    List *cur = outer;
    for (int i = 0; i < 1000000; i++) {
        List *next = list_new(vm, 1);
        assert_non_null(next);
        list_append(vm, cur, val_obj(next));
        cur = next;
    }
    gc_collect(vm);
    assert_true(is_live(cur));
    gc_pop_roots(vm, 1);
    gc_collect(vm);
    assert_false(is_live(outer));
}

static void test_all_kinds_traced(void **state) {
    (void)state;
    /* Objects reachable only through each kind of field. */
    Exception *e = AS_EXC(exc_new(vm, vm->types[T_VALUE_ERROR], NULL));
    gc_push_root(vm, val_obj(e));
    Str *ctx = str_from_cstr(vm, "context");
    e->context = val_obj(ctx);
    Str *attr = str_from_cstr(vm, "attr");
    inst_set(vm, val_obj(e), str_intern_cstr(vm, "a"), val_obj(attr));
    Type *t = type_new(vm, str_from_cstr(vm, "Foo"), NULL, NULL);
    e->cause = val_obj(t);
    Str *cls_attr = str_from_cstr(vm, "class attr");
    dict_set_str(vm, t->dict, str_intern_cstr(vm, "x"), val_obj(cls_attr));
    Instance *inst = inst_new(vm, t);
    dict_set_str(vm, t->dict, str_intern_cstr(vm, "inst"), val_obj(inst));
    Slice *sl = gc_alloc(vm, sizeof(Slice), OBJ_SLICE, vm->types[T_SLICE]);
    sl->start = sl->stop = sl->step = VAL_NONE;
    inst_set(vm, val_obj(inst), str_intern_cstr(vm, "s"), val_obj(sl));
    Str *stop = str_from_cstr(vm, "stop");
    sl->stop = val_obj(stop);
    Cell *c = gc_alloc(vm, sizeof(Cell), OBJ_CELL, vm->types[T_CELL]);
    sl->step = val_obj(c);
    Method *m = gc_alloc(vm, sizeof(Method), OBJ_METHOD, vm->types[T_METHOD]);
    m->self = m->func = VAL_NONE;
    c->value = val_obj(m);
    Str *self = str_from_cstr(vm, "self");
    m->self = val_obj(self);
    gc_collect(vm);
    void *all[] = {ctx, attr, t, cls_attr, inst, sl, stop, c, m, self, e->traceback, e->args};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) assert_true(is_live(all[i]));
    gc_pop_roots(vm, 1);
}

static void test_stress_mode(void **state) {
    (void)state;
    vm->opt.gc_stress = true;
    uint64_t runs = vm->gc_runs;
    List *l = list_new(vm, 0);
    gc_push_root(vm, val_obj(l));
    for (int i = 0; i < 100; i++) {
        Value v = int_binop(vm, BINOP_POWER, val_int(7), val_int(30 + i));
        list_append(vm, l, v);
    }
    assert_true(vm->gc_runs >= runs + 100);
    Value expect = int_binop(vm, BINOP_POWER, val_int(7), val_int(129));
    assert_int_equal(obj_eq(vm, l->items[99], expect), 1);
    Value r = obj_repr(vm, val_obj(l));
    assert_int_not_equal(r, VAL_ERROR);
    gc_pop_roots(vm, 1);
    /* Paused: no collections at all. */
    vm->gc_pause++;
    runs = vm->gc_runs;
    str_from_cstr(vm, "x");
    assert_int_equal(vm->gc_runs, runs);
    vm->gc_pause--;
    vm->opt.gc_stress = false;
}

static void test_heap_limit(void **state) {
    (void)state;
    VMOptions opt = {0};
    opt.heap_limit = 4 << 20;
    VM *small = vm_new(&opt);
    assert_non_null(small);
    List *l = list_new(small, 0);
    gc_push_root(small, val_obj(l));
    int rc = 0;
    for (int i = 0; i < 10000000 && rc == 0; i++) rc = list_append(small, l, val_int(i));
    assert_int_equal(rc, -1);
    assert_int_equal(small->exc, small->memory_error);
    assert_ptr_equal(val_as_obj(small->exc)->type, small->types[T_MEMORY_ERROR]);
    small->exc = VAL_NULL;
    /* After dropping the list, allocation works again. */
    gc_pop_roots(small, 1);
    assert_non_null(list_new(small, 100000));
    assert_true(small->bytes_allocated <= opt.heap_limit);
    vm_free(small);
}

static void test_default_limit_refuses_absurd_list(void **state) {
    (void)state;
    assert_null(list_new(vm, INT64_C(100000000000)));
    assert_int_equal(vm->exc, vm->memory_error);
    vm->exc = VAL_NULL;
}

#if defined(__SANITIZE_ADDRESS__)
#define POOLED 0 /* gc.c uses plain malloc under ASan */
#else
#define POOLED 1
#endif

/* Mixed sizes below and above the pool's largest class. */
static void churn(List *keep, int n) {
    for (int i = 0; i < n; i++) {
        int len = (i * 37) % 400;
        char buf[400];
        memset(buf, 'a' + i % 26, (size_t)len);
        Str *s = str_new(vm, buf, len);
        assert_non_null(s);
        if (keep && i % 10 == 0) list_append(vm, keep, val_obj(s));
        Tuple *t = tuple_new(vm, i % 40);
        assert_non_null(t);
        List *l = list_new(vm, i % 50);
        assert_non_null(l);
        Dict *d = dict_new(vm);
        assert_non_null(d);
    }
}

static void test_pool_returns_to_baseline(void **state) {
    (void)state;
    gc_collect(vm);
    size_t bytes = vm->bytes_allocated, objects = count_objects();
    for (int round = 0; round < 3; round++) {
        List *keep = list_new(vm, 0);
        gc_push_root(vm, val_obj(keep));
        churn(keep, 5000);
        gc_collect(vm);
        /* The kept tenth survives intact. */
        assert_int_equal(keep->len, 500);
        for (int64_t j = 0; j < keep->len; j++) {
            Str *s = AS_STR(keep->items[j]);
            int i = (int)j * 10, len = (i * 37) % 400;
            assert_int_equal(s->len, len);
            for (int c = 0; c < len; c++) assert_int_equal(s->data[c], 'a' + i % 26);
        }
        gc_pop_roots(vm, 1);
        gc_collect(vm);
        assert_int_equal(vm->bytes_allocated, bytes);
        assert_int_equal(count_objects(), objects);
    }
}

static void test_pool_reuses_freed_cells(void **state) {
    (void)state;
    enum { N = 2000 };
    static void *first[N];
    gc_collect(vm);
    for (int i = 0; i < N; i++) {
        Slice *sl = gc_alloc(vm, sizeof(Slice), OBJ_SLICE, vm->types[T_SLICE]);
        sl->start = sl->stop = sl->step = val_int(i); /* dirty the cell */
        first[i] = sl;
    }
    gc_collect(vm);
    /* Reused cells come back zeroed, as gc_alloc promises. */
    int reused = 0;
    for (int i = 0; i < N; i++) {
        Slice *sl = gc_alloc(vm, sizeof(Slice), OBJ_SLICE, vm->types[T_SLICE]);
        assert_int_equal(sl->start, 0);
        assert_int_equal(sl->stop, 0);
        assert_int_equal(sl->step, 0);
        assert_int_equal(sl->obj.marked, 0);
        for (int j = 0; j < N && !reused; j++) reused = (void *)sl == first[j];
        sl->start = sl->stop = sl->step = val_int(i);
    }
    if (POOLED) assert_true(reused);
}

static void test_buffer_crosses_size_classes(void **state) {
    (void)state;
    gc_collect(vm);
    size_t bytes = vm->bytes_allocated;
    /* Grow from nothing past the pool into malloc and shrink back, keeping
     * the contents each time. */
    size_t sizes[] = {0, 8, 16, 17, 40, 128, 255, 256, 257, 1000, 300, 200, 32, 24, 4096, 8};
    size_t old = 0;
    unsigned char *p = NULL;
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        size_t n = sizes[k];
        p = gc_buf_realloc(vm, p, old, n);
        assert_non_null(p);
        assert_int_equal(vm->bytes_allocated, bytes + n);
        size_t keep = old < n ? old : n;
        for (size_t i = 0; i < keep; i++) assert_int_equal(p[i], (unsigned char)(i * 7 + 1));
        for (size_t i = 0; i < n; i++) p[i] = (unsigned char)(i * 7 + 1);
        old = n;
    }
    gc_buf_free(vm, p, old);
    assert_int_equal(vm->bytes_allocated, bytes);
    /* A list growing one append at a time moves through every class. */
    List *l = list_new(vm, 0);
    gc_push_root(vm, val_obj(l));
    for (int i = 0; i < 2000; i++) {
        assert_int_equal(list_append(vm, l, val_int(i)), 0);
        if (i % 97 == 0)
            for (int j = 0; j <= i; j++) assert_int_equal(l->items[j], val_int(j));
    }
    gc_pop_roots(vm, 1);
    gc_collect(vm);
    assert_int_equal(vm->bytes_allocated, bytes);
}

static void test_heap_limit_small_objects(void **state) {
    (void)state;
    /* Pooled objects count towards the limit like malloc'd ones. */
    VMOptions opt = {0};
    opt.heap_limit = 2 << 20;
    VM *small = vm_new(&opt);
    assert_non_null(small);
    List *l = list_new(small, 0);
    gc_push_root(small, val_obj(l));
    int i = 0;
    for (; i < 1000000; i++) {
        Str *s = str_new(small, "0123456789012345678901234567890123456789", 40);
        if (!s || list_append(small, l, val_obj(s)) < 0) break;
    }
    assert_true(i < 1000000);
    assert_int_equal(small->exc, small->memory_error);
    assert_true(small->bytes_allocated <= opt.heap_limit);
    small->exc = VAL_NULL;
    gc_pop_roots(small, 1);
    gc_collect(small);
    assert_non_null(str_new(small, "again", 5));
    vm_free(small);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unreachable_freed),
        cmocka_unit_test(test_rooted_survive),
        cmocka_unit_test(test_globals_and_stack_are_roots),
        cmocka_unit_test(test_cycle_freed),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_all_kinds_traced),
        cmocka_unit_test(test_stress_mode),
        cmocka_unit_test(test_heap_limit),
        cmocka_unit_test(test_default_limit_refuses_absurd_list),
        cmocka_unit_test(test_pool_returns_to_baseline),
        cmocka_unit_test(test_pool_reuses_freed_cells),
        cmocka_unit_test(test_buffer_crosses_size_classes),
        cmocka_unit_test(test_heap_limit_small_objects),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
