a = {1, 2, 3, 4}
b = {3, 4, 5, 6}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union(b, [10, 11]), a.intersection(b, {4}), a.difference([1], [2]))
print(a.symmetric_difference([4, 5]), a.intersection(range(3)))
print(a <= b, a < a | b, a | b > a, a >= {1}, a == {4, 3, 2, 1}, a != b)
print({1, 2}.issubset([1, 2, 3]), {1, 2}.issuperset([1]), {1}.isdisjoint({2, 3}), {1}.isdisjoint([1]))
f = frozenset([1, 2, 3])
print(f | {4}, {4} | f, f & {2, 3}, type(f - {1}).__name__, type({1} - f).__name__)
d = {f: "frozen", frozenset(): "empty"}
print(d[frozenset([3, 2, 1])], d[frozenset()])
print(hash(frozenset({1, 2})) == hash(frozenset({2, 1})))
print(hash(frozenset({1, 2})), hash(frozenset()))
x = {1, 2, 3}
y = x
x |= {4}
x &= {1, 2, 4, 8}
x -= {1}
x ^= {2, 9}
print(x, y, x is y)
g = frozenset([1])
h = g
g |= {2}
print(g, h, g is h)
i = {1, 2, 3}
i.intersection_update({2, 3, 4})
i.difference_update([3])
i.symmetric_difference_update({7})
print(i)
print({frozenset([1, 2]), frozenset([1, 2])})
print(set(range(10)) - set(range(0, 10, 3)))
print(set({"k": 1, "j": 2}) == {"j", "k"})
