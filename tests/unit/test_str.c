/* test_str.c: string creation, interning, hashing, repr and StrBuf. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>

#include "vm.h"

#include "heap_fixture.h"

static void test_new_counts_chars(void **state) {
    (void)state;
    Str *s = K(str_from_cstr(vm, "caf\xc3\xa9 \xe4\xb8\xad"));
    assert_int_equal(s->len, 9);
    assert_int_equal(s->nchars, 6);
    assert_false(s->ascii);
    Str *a = K(str_new(vm, "abc\0def", 7));
    assert_int_equal(a->len, 7);
    assert_int_equal(a->nchars, 7);
    assert_true(a->ascii);
    assert_int_equal(a->data[7], '\0');
    assert_memory_equal(a->data, "abc\0def", 7);
}

static void test_intern(void **state) {
    (void)state;
    Str *a = K(str_intern_cstr(vm, "hello_name"));
    Str *b = K(str_intern(vm, "hello_name_xyz", 10));
    assert_ptr_equal(a, b);
    assert_true(a->interned);
    Str *c = K(str_from_cstr(vm, "hello_name"));
    assert_ptr_not_equal(a, c);
    assert_true(str_eq(a, c));
    assert_int_equal(str_hash(a), str_hash(c));
    assert_ptr_equal(K(str_intern_cstr(vm, "__init__")), vm->names[NAME_INIT]);
    assert_ptr_equal(K(str_intern_cstr(vm, "__radd__")), vm->rbinop_names[BINOP_ADD]);
    assert_ptr_equal(K(str_intern_cstr(vm, "int")), vm->types[T_INT]->name);
    /* Interned strings survive collections. */
    gc_collect(vm);
    assert_ptr_equal(K(str_intern_cstr(vm, "hello_name")), a);
}

static void test_hash_never_zero(void **state) {
    (void)state;
    assert_int_not_equal(str_hash_bytes("", 0), 0);
    Str *e = K(str_from_cstr(vm, ""));
    assert_int_not_equal(str_hash(e), 0);
    assert_int_not_equal(str_hash_bytes("a", 1), str_hash_bytes("b", 1));
}

static void test_eq(void **state) {
    (void)state;
    Str *a = K(str_from_cstr(vm, "abc")), *b = K(str_from_cstr(vm, "abd")), *c = K(str_from_cstr(vm, "ab"));
    assert_false(str_eq(a, b));
    assert_false(str_eq(a, c));
    assert_true(str_eq(a, a));
}

static const char *repr_of(const char *s) {
    Str *r = K(str_repr(vm, K(str_from_cstr(vm, s))));
    assert_non_null(r);
    return r->data;
}

static void test_repr(void **state) {
    (void)state;
    assert_string_equal(repr_of("a"), "'a'");
    assert_string_equal(repr_of("it's"), "\"it's\"");
    assert_string_equal(repr_of("say \"hi\""), "'say \"hi\"'");
    assert_string_equal(repr_of("both ' and \""), "'both \\' and \"'");
    assert_string_equal(repr_of("tab\there"), "'tab\\there'");
    assert_string_equal(repr_of("nl\n"), "'nl\\n'");
    assert_string_equal(repr_of("\r"), "'\\r'");
    assert_string_equal(repr_of("bs\\"), "'bs\\\\'");
    assert_string_equal(repr_of("\x01\x1f\x7f"), "'\\x01\\x1f\\x7f'");
    assert_string_equal(repr_of("caf\xc3\xa9"), "'caf\xc3\xa9'");
    assert_string_equal(repr_of("\xc2\xa0"), "'\\xa0'");
    assert_string_equal(repr_of("\xe4\xb8\xad\xe6\x96\x87"), "'\xe4\xb8\xad\xe6\x96\x87'");
    assert_string_equal(repr_of(""), "''");
    Str *nul = K(str_new(vm, "\0", 1));
    assert_string_equal(K(str_repr(vm, nul))->data, "'\\x00'");
}

static void test_concat_repeat_printf(void **state) {
    (void)state;
    Str *a = K(str_from_cstr(vm, "ab")), *b = K(str_from_cstr(vm, "\xc3\xa9"));
    Str *c = K(str_concat(vm, a, b));
    assert_string_equal(c->data, "ab\xc3\xa9");
    assert_int_equal(c->nchars, 3);
    assert_false(c->ascii);
    assert_ptr_equal(K(str_concat(vm, a, vm->empty_str)), a);
    Str *r = K(str_repeat(vm, b, 3));
    assert_string_equal(r->data, "\xc3\xa9\xc3\xa9\xc3\xa9");
    assert_int_equal(r->nchars, 3);
    assert_ptr_equal(K(str_repeat(vm, a, 0)), vm->empty_str);
    assert_null(K(str_repeat(vm, a, INT64_C(1) << 60)));
    assert_int_equal(vm->exc, vm->memory_error);
    vm->exc = VAL_NULL;
    Str *p = K(str_printf(vm, "%d-%s", 42, "x"));
    assert_string_equal(p->data, "42-x");
}

static void test_strbuf(void **state) {
    (void)state;
    StrBuf b;
    sb_init(&b);
    for (int i = 0; i < 1000; i++) sb_addc(&b, 'x');
    sb_adds(&b, "end");
    sb_addf(&b, "%05d", 7);
    sb_add(&b, "zz", 1);
    assert_int_equal(b.len, 1000 + 3 + 5 + 1);
    Str *s = sb_finish(vm, &b);
    assert_null(b.data);
    assert_int_equal(s->len, 1009);
    assert_string_equal(s->data + 1000, "end00007z");
    StrBuf e;
    sb_init(&e);
    Str *empty = sb_finish(vm, &e);
    assert_int_equal(empty->len, 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_new_counts_chars, reset_roots),
        cmocka_unit_test_teardown(test_intern, reset_roots),
        cmocka_unit_test_teardown(test_hash_never_zero, reset_roots),
        cmocka_unit_test_teardown(test_eq, reset_roots),
        cmocka_unit_test_teardown(test_repr, reset_roots),
        cmocka_unit_test_teardown(test_concat_repeat_printf, reset_roots),
        cmocka_unit_test_teardown(test_strbuf, reset_roots),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
