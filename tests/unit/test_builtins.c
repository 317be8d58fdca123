/* test_builtins.c: builtin functions, constructors and methods of builtin
 * types, called through their C entry points. Expected values and messages
 * were produced with CPython 3.11. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "natives_util.h"

static void test_print_sep_end(void **state) {
    (void)state;
    assert_true(call("print", 3, I(1), S("a"), L(2, S("b"), F(1.5))) == VAL_NONE);
    assert_string_equal(printed(), "1 a ['b', 1.5]\n");
    callkw("print", "sep,end", 4, I(1), I(2), S("--"), S("!"));
    assert_string_equal(printed(), "1--2!");
    callkw("print", "sep,end", 4, I(1), I(2), VAL_NONE, VAL_NONE);
    assert_string_equal(printed(), "1 2\n");
    callkw("print", "end", 1, S(""));
    assert_string_equal(printed(), "");
    call("print", 0);
    assert_string_equal(printed(), "\n");
    expect_exc(callkw("print", "sep", 2, I(1), I(5)), T_TYPE_ERROR,
               "sep must be None or a string, not int");
    expect_exc(callkw("print", "x", 1, I(1)), T_TYPE_ERROR,
               "'x' is an invalid keyword argument for print()");
}

static void test_argument_errors(void **state) {
    (void)state;
    expect_exc(call("len", 0), T_TYPE_ERROR, "len() takes exactly one argument (0 given)");
    expect_exc(call("len", 2, I(1), I(2)), T_TYPE_ERROR, "len() takes exactly one argument (2 given)");
    expect_exc(callkw("len", "x", 1, I(1)), T_TYPE_ERROR, "len() takes no keyword arguments");
    Value l = L(0);
    expect_exc(meth(l, "append", 0), T_TYPE_ERROR, "list.append() takes exactly one argument (0 given)");
    expect_exc(meth(l, "pop", 2, I(1), I(2)), T_TYPE_ERROR, "pop expected at most 1 argument, got 2");
    expect_exc(meth(l, "clear", 1, I(1)), T_TYPE_ERROR, "list.clear() takes no arguments (1 given)");
    expect_exc(meth(l, "insert", 1, I(1)), T_TYPE_ERROR, "insert expected 2 arguments, got 1");
    expect_exc(meth(l, "sort", 1, I(1)), T_TYPE_ERROR, "sort() takes no positional arguments");
    expect_exc(methkw(S(""), "split", "x", 1, I(1)), T_TYPE_ERROR,
               "'x' is an invalid keyword argument for split()");
    expect_exc(meth(S(""), "split", 3, I(1), I(2), I(3)), T_TYPE_ERROR,
               "split() takes at most 2 arguments (3 given)");
    expect_exc(meth(S(""), "find", 0), T_TYPE_ERROR, "find() takes at least 1 argument (0 given)");
    expect_exc(call("isinstance", 1, I(1)), T_TYPE_ERROR, "isinstance expected 2 arguments, got 1");
    expect_exc(call("min", 0), T_TYPE_ERROR, "min expected at least 1 argument, got 0");
    expect_exc(call("round", 0), T_TYPE_ERROR, "round() missing required argument 'number' (pos 1)");
    expect_exc(callkw("float", "x", 1, I(1)), T_TYPE_ERROR, "float() takes no keyword arguments");
    expect_exc(call("range", 4, I(1), I(2), I(3), I(4)), T_TYPE_ERROR,
               "range expected at most 3 arguments, got 4");
    /* Unbound method called with the wrong receiver. */
    Value upper = method_of(S("x"), "upper");
    Value arg = I(5);
    expect_exc(AS_NATIVE(upper)->fn(vm, &arg, 1, NULL), T_TYPE_ERROR,
               "descriptor 'upper' for 'str' objects doesn't apply to a 'int' object");
}

static void test_len_repr_abs(void **state) {
    (void)state;
    assert_repr(call("len", 1, S("héllo")), "5");
    assert_repr(call("len", 1, L(2, I(1), I(2))), "2");
    expect_exc(call("len", 1, I(3)), T_TYPE_ERROR, "object of type 'int' has no len()");
    assert_string_equal(AS_STR(call("repr", 1, S("it's")))->data, "\"it's\"");
    assert_repr(call("abs", 1, I(-5)), "5");
    assert_repr(call("abs", 1, F(-2.5)), "2.5");
    assert_repr(call("abs", 1, VAL_TRUE), "1");
    assert_repr(call("abs", 1, keep(int_from_str(vm, "-100000000000000000000", 22, 10))),
                "100000000000000000000");
    expect_exc(call("abs", 1, S("a")), T_TYPE_ERROR, "bad operand type for abs(): 'str'");
}

static void test_min_max_sum(void **state) {
    (void)state;
    assert_repr(call("min", 3, I(3), I(1), I(2)), "1");
    assert_repr(call("max", 1, L(3, I(5), I(-2), I(8))), "8");
    assert_repr(call("max", 1, S("banana")), "'n'");
    /* Ties keep the first: max([1, 1.0]) is 1, min([1.0, 1]) is 1.0. */
    assert_repr(call("max", 1, L(2, I(1), F(1.0))), "1");
    assert_repr(call("min", 1, L(2, F(1.0), I(1))), "1.0");
    assert_repr(callkw("max", "key", 2, L(3, S("a"), S("ccc"), S("bb")), builtin("len")), "'ccc'");
    assert_repr(callkw("min", "default", 2, L(0), I(7)), "7");
    expect_exc(call("max", 1, L(0)), T_VALUE_ERROR, "max() arg is an empty sequence");
    expect_exc(callkw("max", "default", 3, I(1), I(2), I(3)), T_TYPE_ERROR,
               "Cannot specify a default for max() with multiple positional arguments");
    assert_repr(call("sum", 1, L(3, I(1), I(2), I(3))), "6");
    assert_repr(call("sum", 2, L(2, I(1), I(2)), I(10)), "13");
    Value tenth = L(10, F(.1), F(.1), F(.1), F(.1), F(.1), F(.1), F(.1), F(.1), F(.1), F(.1));
    assert_repr(call("sum", 1, tenth), "0.9999999999999999");
    assert_repr(call("sum", 2, L(2, L(1, I(1)), L(1, I(2))), L(0)), "[1, 2]");
    assert_repr(callkw("sum", "start", 2, L(1, I(1)), I(5)), "6");
    Value big = I(SMALL_INT_MAX);
    assert_repr(call("sum", 1, L(2, big, big)), "281474976710654");
    expect_exc(call("sum", 2, L(0), S("")), T_TYPE_ERROR,
               "sum() can't sum strings [use ''.join(seq) instead]");
}

static void test_round_divmod_pow(void **state) {
    (void)state;
    assert_repr(call("round", 1, F(2.5)), "2");
    assert_repr(call("round", 1, F(3.5)), "4");
    assert_repr(call("round", 1, F(-2.5)), "-2");
    assert_repr(call("round", 2, F(2.675), I(2)), "2.67");
    assert_repr(call("round", 2, F(1.25), I(1)), "1.2");
    assert_repr(call("round", 2, F(123.456), I(-1)), "120.0");
    assert_repr(call("round", 2, I(12350), I(-2)), "12400");
    assert_repr(call("round", 2, I(12250), I(-2)), "12200");
    assert_repr(call("round", 2, I(7), I(2)), "7");
    expect_exc(call("round", 1, F(1.0 / 0.0)), T_OVERFLOW_ERROR,
               "cannot convert float infinity to integer");
    assert_repr(call("divmod", 2, I(-7), I(2)), "(-4, 1)");
    assert_repr(call("divmod", 2, F(-7.5), I(2)), "(-4.0, 0.5)");
    expect_exc(call("divmod", 2, F(1), I(0)), T_ZERO_DIVISION_ERROR, "float divmod()");
    expect_exc(call("divmod", 2, S("a"), I(1)), T_TYPE_ERROR,
               "unsupported operand type(s) for divmod(): 'str' and 'int'");
    assert_repr(call("pow", 3, I(2), I(10), I(1000)), "24");
    assert_repr(call("pow", 3, I(3), I(-1), I(7)), "5");
    assert_repr(call("pow", 3, I(3), I(4), I(-5)), "-4");
    assert_repr(call("pow", 2, I(2), I(10)), "1024");
    expect_exc(call("pow", 3, I(2), I(3), I(0)), T_VALUE_ERROR, "pow() 3rd argument cannot be 0");
    expect_exc(call("pow", 3, I(2), I(-1), I(4)), T_VALUE_ERROR,
               "base is not invertible for the given modulus");
}

static void test_small_builtins(void **state) {
    (void)state;
    assert_repr(call("chr", 1, I(233)), "'é'");
    assert_repr(call("ord", 1, S("😀")), "128512");
    expect_exc(call("chr", 1, I(0x110000)), T_VALUE_ERROR, "chr() arg not in range(0x110000)");
    expect_exc(call("ord", 1, S("ab")), T_TYPE_ERROR,
               "ord() expected a character, but string of length 2 found");
    assert_repr(call("hex", 1, I(-255)), "'-0xff'");
    assert_repr(call("bin", 1, I(10)), "'0b1010'");
    assert_repr(call("oct", 1, I(8)), "'0o10'");
    expect_exc(call("hex", 1, F(1.5)), T_TYPE_ERROR, "'float' object cannot be interpreted as an integer");
    assert_repr(call("hash", 1, I(-1)), "-2");
    expect_exc(call("hash", 1, L(0)), T_TYPE_ERROR, "unhashable type: 'list'");
    assert_true(call("callable", 1, builtin("len")) == VAL_TRUE);
    assert_true(call("callable", 1, I(1)) == VAL_FALSE);
    assert_true(call("any", 1, L(3, I(0), S(""), I(3))) == VAL_TRUE);
    assert_true(call("all", 1, L(0)) == VAL_TRUE);
    assert_true(call("all", 1, L(2, I(1), I(0))) == VAL_FALSE);
    Value int_t = val_obj(vm->types[T_INT]), str_t = val_obj(vm->types[T_STR]);
    assert_true(call("isinstance", 2, VAL_TRUE, int_t) == VAL_TRUE);
    assert_true(call("isinstance", 2, F(1), T(2, str_t, T(1, int_t))) == VAL_FALSE);
    assert_true(call("issubclass", 2, val_obj(vm->types[T_BOOL]), int_t) == VAL_TRUE);
    expect_exc(call("isinstance", 2, I(1), I(1)), T_TYPE_ERROR,
               "isinstance() arg 2 must be a type, a tuple of types, or a union");
    assert_repr(call("type", 1, S("x")), "<class 'str'>");
}

static void test_constructors(void **state) {
    (void)state;
    assert_repr(call("int", 0), "0");
    assert_repr(call("int", 1, S(" -42 ")), "-42");
    assert_repr(call("int", 2, S("ff"), I(16)), "255");
    assert_repr(call("int", 1, F(-7.99)), "-7");
    assert_repr(call("int", 1, VAL_TRUE), "1");
    expect_exc(call("int", 1, S("12x")), T_VALUE_ERROR, "invalid literal for int() with base 10: '12x'");
    expect_exc(call("int", 2, F(1.5), I(10)), T_TYPE_ERROR,
               "int() can't convert non-string with explicit base");
    expect_exc(call("int", 1, VAL_NONE), T_TYPE_ERROR,
               "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'");
    assert_repr(call("float", 1, S(" inf ")), "inf");
    assert_repr(call("float", 1, I(3)), "3.0");
    assert_repr(call("str", 1, L(1, S("a"))), "\"['a']\"");
    assert_repr(call("bool", 1, L(0)), "False");
    assert_repr(call("list", 1, S("ab")), "['a', 'b']");
    assert_repr(call("tuple", 1, L(2, I(1), I(2))), "(1, 2)");
    assert_repr(call("dict", 1, L(2, T(2, S("a"), I(1)), L(2, S("b"), I(2)))), "{'a': 1, 'b': 2}");
    assert_repr(callkw("dict", "y", 2, L(1, T(2, S("x"), I(1))), I(2)), "{'x': 1, 'y': 2}");
    expect_exc(call("dict", 1, L(1, I(1))), T_TYPE_ERROR,
               "cannot convert dictionary update sequence element #0 to a sequence");
    expect_exc(call("dict", 1, L(1, T(3, I(1), I(2), I(3)))), T_VALUE_ERROR,
               "dictionary update sequence element #0 has length 3; 2 is required");
    assert_repr(call("range", 1, I(5)), "range(0, 5)");
    assert_repr(call("range", 3, I(1), I(9), I(2)), "range(1, 9, 2)");
    expect_exc(call("range", 3, I(1), I(2), I(0)), T_VALUE_ERROR, "range() arg 3 must not be zero");
    expect_exc(call("range", 1, F(1.5)), T_TYPE_ERROR,
               "'float' object cannot be interpreted as an integer");
    expect_exc(call("object", 1, I(1)), T_TYPE_ERROR, "object() takes no arguments");
}

static Value key_first(VM *v, Value *args, int nargs, Tuple *kw) {
    (void)v, (void)nargs, (void)kw;
    return AS_TUPLE(args[0])->items[0];
}

static void test_sort_stable_with_key(void **state) {
    (void)state;
    Native *k = gc_alloc(vm, sizeof(Native), OBJ_NATIVE, vm->types[T_BUILTIN]);
    k->fn = key_first;
    k->name = "key_first";
    k->self = VAL_NULL;
    Value key = keep(val_obj(k));
    Value l = L(6, T(2, I(2), S("a")), T(2, I(1), S("b")), T(2, I(2), S("c")),
                T(2, I(0), S("d")), T(2, I(1), S("e")), T(2, I(2), S("f")));
    assert_true(methkw(l, "sort", "key", 1, key) == VAL_NONE);
    assert_repr(l, "[(0, 'd'), (1, 'b'), (1, 'e'), (2, 'a'), (2, 'c'), (2, 'f')]");
    /* reverse keeps equal keys in their original order, as CPython does. */
    assert_true(methkw(l, "sort", "key,reverse", 2, key, VAL_TRUE) == VAL_NONE);
    assert_repr(l, "[(2, 'a'), (2, 'c'), (2, 'f'), (1, 'b'), (1, 'e'), (0, 'd')]");
    assert_repr(call("sorted", 1, S("banana")), "['a', 'a', 'a', 'b', 'n', 'n']");
    assert_repr(callkw("sorted", "reverse", 2, L(4, F(2.5), I(1), VAL_TRUE, I(-3)), VAL_TRUE),
                "[2.5, 1, True, -3]");
    expect_exc(call("sorted", 1, L(2, I(1), S("a"))), T_TYPE_ERROR,
               "'<' not supported between instances of 'str' and 'int'");
    expect_exc(callkw("sorted", "foo", 2, L(0), I(1)), T_TYPE_ERROR,
               "'foo' is an invalid keyword argument for sort()");
    /* A long list exercises several merge passes. */
    Value big = keep(val_obj(list_new(vm, 0)));
    for (int i = 0; i < 200; i++) list_append(vm, AS_LIST(big), val_int((i * 37) % 101));
    meth(big, "sort", 0);
    for (int i = 1; i < 200; i++)
        assert_true(val_as_int(AS_LIST(big)->items[i - 1]) <= val_as_int(AS_LIST(big)->items[i]));
}

static void test_list_methods(void **state) {
    (void)state;
    Value l = L(3, I(1), I(2), I(3));
    meth(l, "insert", 2, I(0), I(0));
    meth(l, "insert", 2, I(100), I(9));
    meth(l, "insert", 2, I(-1), I(8));
    assert_repr(l, "[0, 1, 2, 3, 8, 9]");
    meth(l, "extend", 1, S("ab"));
    meth(l, "extend", 1, l);
    assert_repr(call("len", 1, l), "16");
    assert_repr(meth(l, "pop", 0), "'b'");
    assert_repr(meth(l, "pop", 1, I(0)), "0");
    assert_repr(meth(l, "index", 1, I(9)), "4");
    assert_repr(meth(l, "count", 1, I(1)), "2");
    meth(l, "remove", 1, I(1));
    meth(l, "reverse", 0);
    assert_repr(l, "['a', 9, 8, 3, 2, 1, 0, 'b', 'a', 9, 8, 3, 2]");
    Value c = meth(l, "copy", 0);
    meth(c, "clear", 0);
    assert_repr(c, "[]");
    expect_exc(meth(c, "pop", 0), T_INDEX_ERROR, "pop from empty list");
    expect_exc(meth(l, "pop", 1, I(50)), T_INDEX_ERROR, "pop index out of range");
    expect_exc(meth(l, "index", 1, I(42)), T_VALUE_ERROR, "42 is not in list");
    expect_exc(meth(l, "remove", 1, I(42)), T_VALUE_ERROR, "list.remove(x): x not in list");
    Value t = T(3, I(1), I(2), I(2));
    assert_repr(meth(t, "count", 1, I(2)), "2");
    expect_exc(meth(t, "index", 1, I(5)), T_VALUE_ERROR, "tuple.index(x): x not in tuple");
}

static void test_dict_methods(void **state) {
    (void)state;
    Value d = call("dict", 1, L(2, T(2, S("a"), I(1)), T(2, S("b"), I(2))));
    assert_repr(meth(d, "get", 1, S("z")), "None");
    assert_repr(meth(d, "get", 2, S("z"), I(0)), "0");
    assert_repr(meth(d, "setdefault", 2, S("c"), I(3)), "3");
    assert_repr(meth(d, "setdefault", 2, S("a"), I(9)), "1");
    assert_repr(meth(d, "pop", 1, S("c")), "3");
    assert_repr(meth(d, "pop", 2, S("zz"), VAL_NONE), "None");
    expect_exc(meth(d, "pop", 1, S("k")), T_KEY_ERROR, "'k'");
    methkw(d, "update", "z", 2, L(1, T(2, S("y"), I(5))), I(3));
    assert_repr(d, "{'a': 1, 'b': 2, 'y': 5, 'z': 3}");
    assert_repr(meth(d, "keys", 0), "dict_keys(['a', 'b', 'y', 'z'])");
    assert_repr(meth(d, "values", 0), "dict_values([1, 2, 5, 3])");
    assert_repr(meth(d, "popitem", 0), "('z', 3)");
    Value c = meth(d, "copy", 0);
    meth(c, "clear", 0);
    assert_repr(c, "{}");
    assert_repr(d, "{'a': 1, 'b': 2, 'y': 5}");
}

static void test_str_methods(void **state) {
    (void)state;
    Value s = S("  hello  world  ");
    assert_repr(meth(s, "split", 0), "['hello', 'world']");
    assert_repr(meth(s, "split", 1, S(" ")), "['', '', 'hello', '', 'world', '', '']");
    assert_repr(meth(s, "split", 2, VAL_NONE, I(1)), "['hello', 'world  ']");
    assert_repr(meth(s, "rsplit", 2, VAL_NONE, I(1)), "['  hello', 'world']");
    assert_repr(meth(S("a,b,,c"), "split", 2, S(","), I(2)), "['a', 'b', ',c']");
    assert_repr(meth(S("a,b,,c"), "rsplit", 2, S(","), I(1)), "['a,b,', 'c']");
    expect_exc(meth(s, "split", 1, S("")), T_VALUE_ERROR, "empty separator");
    assert_repr(meth(s, "strip", 0), "'hello  world'");
    assert_repr(meth(s, "lstrip", 0), "'hello  world  '");
    assert_repr(meth(S("xxhixyx"), "strip", 1, S("xy")), "'hi'");
    assert_repr(meth(S("héllo"), "rstrip", 1, S("ol")), "'hé'");
    assert_repr(meth(S("-"), "join", 1, L(3, S("a"), S("b"), S("c"))), "'a-b-c'");
    assert_repr(meth(S(", "), "join", 1, L(0)), "''");
    expect_exc(meth(S(","), "join", 1, L(2, S("a"), I(1))), T_TYPE_ERROR,
               "sequence item 1: expected str instance, int found");
    assert_repr(meth(S("hello"), "replace", 2, S("l"), S("L")), "'heLLo'");
    assert_repr(meth(S("hello"), "replace", 3, S("l"), S(""), I(1)), "'helo'");
    assert_repr(meth(S("ab"), "replace", 2, S(""), S("-")), "'-a-b-'");
    assert_repr(meth(S("héllo"), "find", 1, S("l")), "2");
    assert_repr(meth(S("héllo"), "rfind", 1, S("l")), "3");
    assert_repr(meth(S("hello"), "find", 2, S("l"), I(-2)), "3");
    assert_repr(meth(S("hello"), "find", 2, S(""), I(6)), "-1");
    assert_repr(meth(S("aaaa"), "count", 1, S("aa")), "2");
    assert_repr(meth(S("abc"), "count", 1, S("")), "4");
    expect_exc(meth(S("abc"), "index", 1, S("z")), T_VALUE_ERROR, "substring not found");
    assert_true(meth(S("hello"), "startswith", 1, S("he")) == VAL_TRUE);
    assert_true(meth(S("hello"), "endswith", 1, T(2, S("x"), S("lo"))) == VAL_TRUE);
    assert_true(meth(S("hello"), "startswith", 2, S("l"), I(2)) == VAL_TRUE);
    expect_exc(meth(S("a"), "startswith", 1, I(1)), T_TYPE_ERROR,
               "startswith first arg must be str or a tuple of str, not int");
    assert_repr(meth(S("Héllo wörld"), "upper", 0), "'HÉLLO WÖRLD'");
    assert_repr(meth(S("Héllo wörld"), "title", 0), "'Héllo Wörld'");
    assert_repr(meth(S("hELLO"), "capitalize", 0), "'Hello'");
    assert_true(meth(S("abc123"), "isalnum", 0) == VAL_TRUE);
    assert_true(meth(S("12"), "isdigit", 0) == VAL_TRUE);
    assert_true(meth(S(""), "isdigit", 0) == VAL_FALSE);
    assert_true(meth(S("ABC1"), "isupper", 0) == VAL_TRUE);
    assert_true(meth(S(" \t\n"), "isspace", 0) == VAL_TRUE);
    assert_repr(meth(S("abc"), "center", 2, I(7), S("*")), "'**abc**'");
    assert_repr(meth(S("ab"), "center", 1, I(5)), "'  ab '");
    assert_repr(meth(S("-42"), "zfill", 1, I(6)), "'-00042'");
    assert_repr(meth(S("a=b=c"), "partition", 1, S("=")), "('a', '=', 'b=c')");
    assert_repr(meth(S("a=b=c"), "rpartition", 1, S("=")), "('a=b', '=', 'c')");
    assert_repr(meth(S("a\nb\r\nc"), "splitlines", 0), "['a', 'b', 'c']");
}

static void test_int_float_methods(void **state) {
    (void)state;
    assert_repr(meth(I(-5), "bit_length", 0), "3");
    assert_repr(meth(I(0), "bit_length", 0), "0");
    assert_true(meth(F(2.0), "is_integer", 0) == VAL_TRUE);
    assert_true(meth(F(2.5), "is_integer", 0) == VAL_FALSE);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_print_sep_end, setup, teardown),
        cmocka_unit_test_setup_teardown(test_argument_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_len_repr_abs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_min_max_sum, setup, teardown),
        cmocka_unit_test_setup_teardown(test_round_divmod_pow, setup, teardown),
        cmocka_unit_test_setup_teardown(test_small_builtins, setup, teardown),
        cmocka_unit_test_setup_teardown(test_constructors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sort_stable_with_key, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_methods, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dict_methods, setup, teardown),
        cmocka_unit_test_setup_teardown(test_str_methods, setup, teardown),
        cmocka_unit_test_setup_teardown(test_int_float_methods, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
