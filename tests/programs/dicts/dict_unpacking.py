# Dict displays with ** (CPython 3.11: BUILD_MAP, then DICT_UPDATE).
a = {"x": 1, "y": 2}
b = {"y": 20, "z": 30}
print({**a})
print({**a, **b})
print({**b, **a})
print({"k": 0, **a, "y": 5, **b, "w": 9})
print({**a, "x": 100}, {"x": 100, **a})
print({1: 2, **{}, 3: 4}, {**{}}, {**{}, **{}})
print({**{i: i * i for i in range(5)}, **dict(p=1)})
print({**a, **a} is a, {**a} == a)


class Mapping:
    """A user mapping: keys() and [] are all DICT_UPDATE needs."""
    def __init__(self, names):
        self.names = names

    def keys(self):
        print("keys")
        return self.names

    def __getitem__(self, k):
        print("get", k)
        return k * 2


print({**Mapping(["p", "q"]), "r": 1})
print(dict(Mapping(["s"])))
d = {"t": 0}
d.update(Mapping(["u"]))
print(d)


class Sub(dict):
    pass


print({**Sub(m=1), "n": 2})


# One site sees dicts, a user mapping and an empty dict, in a loop (JIT).
def merged(x, y):
    return {"first": 0, **x, "mid": 1, **y}


for i in range(40):
    m = [a, Mapping([]), {}, Sub(v=i)][i % 4]
    r = merged(m, {"i": i})
    if i % 10 == 0 or i == 39:
        print(i, r)

# Evaluation order: left to right, each ** expression in its place.
def show(tag, v):
    print("eval", tag)
    return v


print({show("k1", "a"): show("v1", 1), **show("m", {"b": 2}), show("k2", "c"): show("v2", 3)})

# Big displays around ** stay in order.
big = {**a, 0: 0, 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6, 7: 7, 8: 8, 9: 9, 10: 10,
       11: 11, 12: 12, 13: 13, 14: 14, 15: 15, 16: 16, 17: 17, **b}
print(big)

# Errors, caught.
for bad in [1, [1, 2], "ab", None, (("a", 1),)]:
    try:
        print({**bad})
    except TypeError as e:
        print("TypeError:", e)


class NoGet:
    def keys(self):
        return ["a"]


try:
    print({**NoGet()})
except TypeError as e:
    print("TypeError:", e)


class BadKey:
    def keys(self):
        return ["a", "b"]

    def __getitem__(self, k):
        if k == "b":
            raise KeyError(k)
        return 1


try:
    print({**BadKey()})
except KeyError as e:
    print("KeyError:", e)
