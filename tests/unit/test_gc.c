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
    dict_set_str(vm, e->dict, str_intern_cstr(vm, "a"), val_obj(attr));
    Type *t = type_new(vm, str_from_cstr(vm, "Foo"), NULL, NULL);
    e->cause = val_obj(t);
    Str *cls_attr = str_from_cstr(vm, "class attr");
    dict_set_str(vm, t->dict, str_intern_cstr(vm, "x"), val_obj(cls_attr));
    Instance *inst = gc_alloc(vm, sizeof(Instance), OBJ_INSTANCE, t);
    dict_set_str(vm, t->dict, str_intern_cstr(vm, "inst"), val_obj(inst));
    inst->dict = dict_new(vm);
    Slice *sl = gc_alloc(vm, sizeof(Slice), OBJ_SLICE, vm->types[T_SLICE]);
    sl->start = sl->stop = sl->step = VAL_NONE;
    dict_set_str(vm, inst->dict, str_intern_cstr(vm, "s"), val_obj(sl));
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
    void *all[] = {ctx, attr, t, cls_attr, inst, inst->dict, sl, stop, c, m, self, e->traceback, e->args};
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
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
