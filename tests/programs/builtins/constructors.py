# list, tuple and dict constructors from various iterables
print(list(), list("abc"), list((1, 2)), list(range(3)), list({"a": 1, "b": 2}))
print(tuple(), tuple([1, 2]), tuple("hi"), tuple(range(2)))
print(dict(), dict([("a", 1), ("b", 2)]), dict([(1, "x")]))
d = {"k": [1]}
e = dict(d)
e["k2"] = 2
print(d, e)
l = [1, 2]
m = list(l)
m.append(3)
print(l, m)
print(list(zip("ab", [1, 2])), dict(zip("ab", [1, 2])))
