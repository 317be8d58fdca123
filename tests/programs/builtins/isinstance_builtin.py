# isinstance with built-in types and tuples of types; bool is a subclass of int
print(isinstance(1, int), isinstance(1.0, int), isinstance(1.0, float))
print(isinstance(True, int), isinstance(True, bool), isinstance(1, bool))
print(isinstance("s", str), isinstance([], list), isinstance((), tuple), isinstance({}, dict))
print(isinstance(None, int))
print(isinstance(3, (str, int)), isinstance(3.0, (str, int)))
print(isinstance(2 ** 100, int))
class A:
    pass
class B(A):
    pass
print(isinstance(B(), (int, A)), isinstance(A(), B))
print(isinstance(ValueError("x"), Exception))
