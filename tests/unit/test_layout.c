/* test_layout.c: instance attributes stored by class layout (layout.c):
 * slots shared by name across a class's instances, growth, the overflow
 * dict past LAYOUT_MAX, deletion, subclasses, exceptions, versions, GC. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm.h"

static VM *vm;

static int setup(void **state) {
    (void)state;
    vm = vm_new(NULL);
    if (vm && getenv("STITCH_GC_STRESS")) vm->opt.gc_stress = true;
    return vm ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    vm_free(vm);
    return 0;
}

static int reset(void **state) {
    (void)state;
    vm->nroots = 0;
    vm->exc = VAL_NULL;
    return 0;
}

/* Roots its argument until the test ends (reset). */
static Value keep(Value v) {
    assert_true(v != VAL_ERROR && v != VAL_NULL);
    gc_push_root(vm, v);
    return v;
}

static Str *name(const char *s) {
    Str *n = str_intern_cstr(vm, s);
    assert_non_null(n);
    return n;
}

static Value str(const char *s) {
    Str *v = str_from_cstr(vm, s);
    assert_non_null(v);
    return keep(val_obj(v));
}

static Type *new_class(const char *cname, Type *base) {
    Type *t = type_new(vm, name(cname), base, NULL);
    assert_non_null(t);
    keep(val_obj(t));
    return t;
}

static Instance *new_inst(Type *t) {
    Instance *i = inst_new(vm, t);
    assert_non_null(i);
    keep(val_obj(i));
    return i;
}

static void set(Instance *i, const char *n, Value v) {
    assert_int_equal(inst_set(vm, val_obj(i), name(n), v), 0);
}

static Value get(Instance *i, const char *n) { return inst_get(i, name(n)); }

static void test_add_get_delete(void **state) {
    (void)state;
    Type *t = new_class("Point", NULL);
    Instance *p = new_inst(t);
    assert_int_equal(p->nslots, 0);
    set(p, "x", val_int(1));
    set(p, "y", val_int(2));
    assert_int_equal(get(p, "x"), val_int(1));
    assert_int_equal(get(p, "y"), val_int(2));
    assert_int_equal(get(p, "z"), VAL_NULL);
    assert_int_equal(layout_find(t, name("x")), 0);
    assert_int_equal(layout_find(t, name("y")), 1);
    assert_int_equal(t->nattrs, 2);
    /* Overwrite in place. */
    set(p, "x", val_int(10));
    assert_int_equal(get(p, "x"), val_int(10));
    /* Delete: the slot empties, the layout keeps the name. */
    assert_int_equal(inst_del(vm, p, name("x")), 1);
    assert_int_equal(inst_del(vm, p, name("x")), 0);
    assert_int_equal(inst_del(vm, p, name("never")), 0);
    assert_int_equal(get(p, "x"), VAL_NULL);
    assert_int_equal(t->nattrs, 2);
    set(p, "x", val_int(3));
    assert_int_equal(get(p, "x"), val_int(3));
    assert_int_equal(t->nattrs, 2);
}

static void test_layout_shared_by_instances(void **state) {
    (void)state;
    Type *t = new_class("Vec", NULL);
    Instance *a = new_inst(t);
    set(a, "x", val_int(1));
    set(a, "y", val_int(2));
    set(a, "z", val_int(3));
    /* The first instance outgrew its (empty) inline slots. */
    assert_true(a->nslots > a->ninline);
    /* Later instances are sized from the layout: no buffer needed. */
    Instance *b = new_inst(t);
    assert_int_equal(b->ninline, 3);
    assert_ptr_equal(b->slots, b->inline_slots);
    assert_int_equal(get(b, "x"), VAL_NULL);
    set(b, "z", val_int(30));
    set(b, "x", val_int(10));
    assert_ptr_equal(b->slots, b->inline_slots);
    assert_int_equal(b->slots[0], val_int(10));
    assert_int_equal(b->slots[2], val_int(30));
    assert_int_equal(t->nattrs, 3);
    /* A name one instance adds grows the others only when they store it. */
    set(b, "w", val_int(4));
    assert_int_equal(t->nattrs, 4);
    assert_int_equal(get(a, "w"), VAL_NULL);
    assert_int_equal(a->nslots, 3);
    set(a, "w", val_int(40));
    assert_int_equal(get(a, "w"), val_int(40));
    assert_int_equal(get(a, "x"), val_int(1));
}

static void test_version_bumps_on_growth_only(void **state) {
    (void)state;
    Type *t = new_class("V", NULL);
    Instance *a = new_inst(t);
    uint32_t v0 = t->version;
    set(a, "x", val_int(1));
    uint32_t v1 = t->version;
    assert_int_not_equal(v0, v1);
    set(a, "x", val_int(2));
    Instance *b = new_inst(t);
    set(b, "x", val_int(3));
    assert_int_equal(inst_del(vm, b, name("x")), 1);
    assert_int_equal(t->version, v1);
}

static void test_overflow_beyond_cap(void **state) {
    (void)state;
    Type *t = new_class("Many", NULL);
    Instance *m = new_inst(t);
    char buf[16];
    enum { N = LAYOUT_MAX + 12 };
    for (int k = 0; k < N; k++) {
        snprintf(buf, sizeof buf, "a%d", k);
        set(m, buf, val_int(k * 7));
    }
    assert_int_equal(t->nattrs, LAYOUT_MAX);
    assert_non_null(m->overflow);
    assert_int_equal(m->overflow->len, N - LAYOUT_MAX);
    for (int k = 0; k < N; k++) {
        snprintf(buf, sizeof buf, "a%d", k);
        assert_int_equal(get(m, buf), val_int(k * 7));
    }
    /* Overflow names can be deleted and re-added. */
    snprintf(buf, sizeof buf, "a%d", N - 1);
    assert_int_equal(inst_del(vm, m, name(buf)), 1);
    assert_int_equal(get(m, buf), VAL_NULL);
    assert_int_equal(inst_del(vm, m, name(buf)), 0);
    set(m, buf, val_int(-1));
    assert_int_equal(get(m, buf), val_int(-1));
    /* A second instance: layout names in slots, others in its own overflow. */
    Instance *o = new_inst(t);
    assert_int_equal(o->ninline, LAYOUT_MAX);
    assert_null(o->overflow);
    set(o, "a0", val_int(5));
    assert_null(o->overflow);
    set(o, "fresh", val_int(6));
    assert_non_null(o->overflow);
    assert_int_equal(get(o, "fresh"), val_int(6));
    assert_int_equal(get(m, "fresh"), VAL_NULL);
    assert_int_equal(t->nattrs, LAYOUT_MAX);
}

static void test_dict_view_in_layout_order(void **state) {
    (void)state;
    Type *t = new_class("Ord", NULL);
    Instance *a = new_inst(t);
    set(a, "b", val_int(1));
    set(a, "a", val_int(2));
    set(a, "c", val_int(3));
    assert_int_equal(inst_del(vm, a, name("a")), 1);
    Dict *d = inst_dict(vm, val_obj(a));
    assert_non_null(d);
    keep(val_obj(d));
    assert_int_equal(d->len, 2);
    int64_t pos = 0;
    Value k, v;
    assert_true(dict_next(d, &pos, &k, &v));
    assert_string_equal(AS_STR(k)->data, "b");
    assert_int_equal(v, val_int(1));
    assert_true(dict_next(d, &pos, &k, &v));
    assert_string_equal(AS_STR(k)->data, "c");
    assert_false(dict_next(d, &pos, &k, &v));
    /* A snapshot: changing it leaves the instance alone. */
    assert_int_equal(dict_set_str(vm, d, name("b"), val_int(9)), 0);
    assert_int_equal(get(a, "b"), val_int(1));
}

static void test_subclass_has_own_layout(void **state) {
    (void)state;
    Type *base = new_class("Base", NULL);
    Type *sub = new_class("Sub", base);
    Instance *b = new_inst(base);
    set(b, "x", val_int(1));
    Instance *s = new_inst(sub);
    set(s, "y", val_int(2));
    set(s, "x", val_int(3));
    assert_int_equal(layout_find(sub, name("y")), 0);
    assert_int_equal(layout_find(sub, name("x")), 1);
    assert_int_equal(layout_find(base, name("y")), -1);
    assert_int_equal(get(b, "x"), val_int(1));
    assert_int_equal(get(s, "x"), val_int(3));
    /* Growing the base's layout leaves the subclass's version alone. */
    uint32_t sv = sub->version;
    set(b, "z", val_int(4));
    assert_int_equal(sub->version, sv);
}

static void test_through_getattr_setattr(void **state) {
    (void)state;
    Type *t = new_class("C", NULL);
    Value m = str("class method stand-in");
    assert_int_equal(dict_set_str(vm, t->dict, name("shadow"), m), 0);
    type_modified(vm, t);
    Instance *i = new_inst(t);
    Value obj = val_obj(i);
    assert_int_equal(obj_getattr(vm, obj, name("shadow")), m);
    /* An instance attribute shadows the class attribute until deleted. */
    assert_int_equal(obj_setattr(vm, obj, name("shadow"), val_int(5)), 0);
    assert_int_equal(obj_getattr(vm, obj, name("shadow")), val_int(5));
    assert_int_equal(obj_delattr(vm, obj, name("shadow")), 0);
    assert_int_equal(obj_getattr(vm, obj, name("shadow")), m);
    /* Deleting again: AttributeError with CPython's message. */
    assert_int_equal(obj_delattr(vm, obj, name("shadow")), -1);
    assert_true(IS_EXC(vm->exc));
    Exception *e = AS_EXC(vm->exc);
    assert_ptr_equal(e->obj.type, vm->types[T_ATTRIBUTE_ERROR]);
    assert_string_equal(AS_STR(e->args->items[0])->data, "'C' object has no attribute 'shadow'");
    vm->exc = VAL_NULL;
    assert_int_equal(obj_getattr(vm, obj, name("nope")), VAL_ERROR);
    vm->exc = VAL_NULL;
    /* setattr(obj, computed_name, v): a name nobody interned. */
    Value dyn = str("dyn");
    assert_false(AS_STR(dyn)->interned);
    assert_int_equal(obj_setattr(vm, obj, AS_STR(dyn), val_int(8)), 0);
    assert_int_equal(layout_find(t, name("dyn")), 1);
    assert_ptr_equal(t->attr_names[1], name("dyn"));
    assert_int_equal(obj_getattr(vm, obj, AS_STR(dyn)), val_int(8));
    assert_int_equal(obj_getattr(vm, obj, name("dyn")), val_int(8));
    assert_int_equal(obj_delattr(vm, obj, AS_STR(dyn)), 0);
    assert_int_equal(inst_get(i, name("dyn")), VAL_NULL);
}

static void test_exception_attributes(void **state) {
    (void)state;
    Type *t = new_class("MyError", vm->types[T_VALUE_ERROR]);
    Value ev = keep(exc_new(vm, t, NULL));
    Exception *e = AS_EXC(ev);
    assert_int_equal(e->nslots, 0);
    Value code = str("E42");
    assert_int_equal(obj_setattr(vm, ev, name("code"), code), 0);
    assert_int_equal(obj_setattr(vm, ev, name("n"), val_int(7)), 0);
    assert_int_equal(obj_getattr(vm, ev, name("code")), code);
    assert_int_equal(obj_getattr(vm, ev, name("n")), val_int(7));
    assert_int_equal(layout_find(t, name("code")), 0);
    /* args stays a field, not a slot. */
    Value args = obj_getattr(vm, ev, name("args"));
    assert_true(IS_TUPLE(args));
    assert_int_equal(layout_find(t, name("args")), -1);
    gc_collect(vm);
    assert_string_equal(AS_STR(obj_getattr(vm, ev, name("code")))->data, "E42");
}

static void test_gc_keeps_slots_and_overflow(void **state) {
    (void)state;
    bool stress = vm->opt.gc_stress;
    vm->opt.gc_stress = true;
    Type *t = new_class("Node", NULL);
    List *all = list_new(vm, 0);
    assert_non_null(all);
    keep(val_obj(all));
    char buf[32];
    for (int n = 0; n < 20; n++) {
        Instance *i = inst_new(vm, t);
        assert_non_null(i);
        assert_int_equal(list_append(vm, all, val_obj(i)), 0);
        /* Every value is a fresh string reachable only through i. */
        for (int k = 0; k <= n * 2; k++) {
            snprintf(buf, sizeof buf, "v%d.%d", n, k);
            Str *v = str_from_cstr(vm, buf);
            assert_non_null(v);
            gc_push_root(vm, val_obj(v));
            snprintf(buf, sizeof buf, "f%d", k);
            Str *nm = name(buf);
            assert_int_equal(inst_set(vm, val_obj(i), nm, val_obj(v)), 0);
            gc_pop_roots(vm, 1);
        }
    }
    gc_collect(vm);
    for (int n = 0; n < 20; n++) {
        Instance *i = AS_INSTANCE(all->items[n]);
        for (int k = 0; k <= n * 2; k++) {
            snprintf(buf, sizeof buf, "f%d", k);
            Value v = get(i, buf);
            snprintf(buf, sizeof buf, "v%d.%d", n, k);
            assert_true(IS_STR(v));
            assert_string_equal(AS_STR(v)->data, buf);
        }
    }
    /* Dropping the instances frees their slot buffers (ASan checks). */
    all->len = 0;
    gc_collect(vm);
    vm->opt.gc_stress = stress;
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_add_get_delete, reset),
        cmocka_unit_test_teardown(test_layout_shared_by_instances, reset),
        cmocka_unit_test_teardown(test_version_bumps_on_growth_only, reset),
        cmocka_unit_test_teardown(test_overflow_beyond_cap, reset),
        cmocka_unit_test_teardown(test_dict_view_in_layout_order, reset),
        cmocka_unit_test_teardown(test_subclass_has_own_layout, reset),
        cmocka_unit_test_teardown(test_through_getattr_setattr, reset),
        cmocka_unit_test_teardown(test_exception_attributes, reset),
        cmocka_unit_test_teardown(test_gc_keeps_slots_and_overflow, reset),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
