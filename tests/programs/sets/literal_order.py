# Set displays of constants print in CPython 3.11's order: it folds them
# into a frozenset constant (rebuilt once when constants are merged) that
# BUILD_SET 0 + SET_UPDATE copies, or that `for`, comprehensions and `in`
# use directly; an equal constant later in the module reuses the first.
print({34, -3, -11, 33, 36, 21})
print({-3, 34, 21, -11, 36, 33})
print({9, 1, 17, 25})
print({1, 9}, {9, 1})
for x in {9, 1, 17, 25}:
    print(x, end=" ")
print()
for x in {17, 1}:
    print(x, end=" ")
print()
print([x for x in {-8, 8, 0, 16}], [x * 2 for x in {24, 8, 16, 0}])
print(list(x for x in {40, 8, 32, 0, 24}))
print({1.5, 9, 17.0, -7, 0.25}, {-0.0, 0.0, 8.0, 16})
print({True, 1, 1.0, 2}, {1.0, True, 9, 17})
print({(1, 2), (2, 1), (0, 0), (-1, -1)})
print({None, 0, 8} == {0, 8, None}, 8 in {16, 0, 8, 24}, 3 not in {3, 11, 19})
s = {5, 13, 21, 29}
s.add(37)
print(s, len(s))
print(sorted({"b", "a", "c", "ab"}), "x" in {"x", "y", "z"})


def f():
    # The same constants as above, in another source order: the module's
    # first one is reused.
    print({21, 36, 33, -11, -3, 34}, {25, 17, 9, 1})
    return [y for y in {-1, 7, 15, 23, -9}]


print(f())
print({12, 4, 20, 28, 36, 44, 52, 60, 68, 76, 84, 92, 100})
print({-1, -2, -3, -9, -17})
print({2 ** 62, 2 ** 63, 1, 3} if False else {4611686018427387904, 1, 3})
print({(1, 5), 65, 6, 76, -36, 13})
print([x for x in {-33, True}])
print(list(x for x in {(1, 5), 13, 6, 76, 65, -36}))
print(True in {True, -33})
print({45, 31, 72, 1, -0.0, 18, -29})
for x in {53, -0.0, 9, (0, -5), (0, -3), -0.0, 58, 54, 10, (2, -4), 11}: print(x, end=' ')
print()
print([x for x in {True, -33}])
print({(3, 4), 0.5, 71, 0, 10, 41})
print([x for x in {-26, -34, 32, -28}])
print([x for x in {(4, 1), -8}])
print([x for x in {68, 19, -1, -27, 16.0, 48, -38, 27}])
for x in {1}: print(x, end=' ')
print()
print({1, (0, -2), 59, 41, 63, False, 0, 8.0, 23, -37, (-1, 2), 48})
for x in {(0, -4), -11, 3, 39, (4, -5), 43, 42, 44, 9, False, -18, 41}: print(x, end=' ')
print()
for x in {False, 44, 43, 42, -11, 9, 3, -18, (4, -5), (0, -4), 41, 39}: print(x, end=' ')
print()
for x in {(0, 2)}: print(x, end=' ')
print()
print([x for x in {77, (-3, 3), 25, 16, True, False, 20, 1.5, 1}])
print({True, (-5, -2), -35, 0, 57, (-4, 2), 24, 8.0})
print({False, 16.0, (-2, 2), -25, 0, -10, -13, 1.5, (-3, 5)})
print({(-2, -4), 22, 45})
print((1, 0) in {(1, 0), 5, 52, 3, 16, 1e+20, 39})
print({53, -0.0, (2, -4), 10, 54, -0.0, (0, -5), 11, 58, 9, (0, -3)})
print({False})
print({10, 0, 0.5, 41, 71, (3, 4)})
print({77, -24, 50, -26, (-1, -5), 79, -1, -14, 24})
print([x for x in {25, 20, 77, False, (-3, 3), 1.5, True, 16, 1}])
for x in {0, (-1, -2), (0, -2), False, 4, (-3, -5), 54, (1, -3), 45}: print(x, end=' ')
print()
print([x for x in {(4, -2), 0.5, -20, -40, 2, (3, 0), 72, 5, 2, 20, 43}])
print([x for x in {8.0, 41, 48, 23, (0, -2), False, 59, 63, (-1, 2), 0, 1, -37}])
print({0, 0, 52, -2.25, 66, 0.0, 0.0, 27, True, False, -35, 6})
print({40, 28, -0.0, 18, True, 1.5, -0.0, -31})
print([x for x in {43, (2, 1), 76, 0.5}])
print([x for x in {2, 55}])
print({-33, 46, -13})
