# set and frozenset: literals, constructors, methods, repr order
s = {3, 1, 2}
print(s, len(s), type(s).__name__)
print(set(), frozenset(), set([]), frozenset([5, 4]))
print({10, 3, 1000}, set(range(20)))
e = set()
for i in [5, 3, 5, 1, 3, 9, 0, 8]:
    e.add(i)
print(e, 5 in e, 7 in e, 7 not in e)
e.remove(5)
e.discard(100)
e.discard(3)
print(e, len(e))
print(sorted({"pear", "apple", "fig"}))
s = set(range(5))
s.discard(0)
s.add(8)
print(s)
s = set(range(5))
print(s.pop(), s.pop(), s)
c = s.copy()
c.add(99)
print(s, c)
c.clear()
print(c, len(c), bool(c), bool(s))
u = {1, 2}
u.update([2, 3], (4,), {5: 'x'})
print(u)
print(min(u), max(u), sum(u), sorted(u, reverse=True))
print(set("abcabc") == {"a", "b", "c"}, set("ab") == frozenset("ba"))
print({x * x for x in range(-4, 5)})
print({(i, j) for i in range(2) for j in range(2)} == {(0, 0), (0, 1), (1, 0), (1, 1)})
print({x for x in range(30) if x % 7 == 0})
big = set(range(100))
big -= set(range(5, 100))
print(big)
total = 0
for v in {4, 2, 6}:
    total += v
print(total, list({7, 6, 5}), tuple(frozenset([2, 1])))
print(set([1, 1.0, True]), {0, False, 0.0})
print({-1, -2, 5})
s = {1, 2, 3}
s.discard(1)
s.add(9)
print(s)
s = {1, 2, 3}
s.discard(1)
s.add(17)
s.add(9)
print(s)
w = {"b", "a"}
print(len(w), "a" in w, sorted(w | {"c"}))
