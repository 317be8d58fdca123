# Subclassing dict: inherited methods, __missing__, overrides.
class Counter(dict):
    def __init__(self, items=()):
        super().__init__()
        self.total = 0
        for x in items:
            self.add(x)

    def add(self, x):
        self[x] = self.get(x, 0) + 1
        self.total += 1

    def most(self):
        return max(self.items(), key=lambda kv: kv[1])


c = Counter("abracadabra")
print(c, len(c), c["a"], c.get("z"), c.total, c.most())
print("a" in c, "z" in c, sorted(c), list(c.keys()), list(c.values()))
print(isinstance(c, dict), type(c).__name__, c == {"a": 5, "b": 2, "r": 2, "c": 1, "d": 1})
c.update({"z": 9})
print(c.pop("z"), c.setdefault("q", 0), c)
for k, v in c.items():
    print(k, v, end="; ")
print()
print(c.__dict__, repr(c), str(c), [c])


class Default(dict):
    def __missing__(self, key):
        print("missing", key)
        self[key] = []
        return self[key]


d = Default()
d["x"].append(1)
d["x"].append(2)
d["y"].append(3)
print(d, d.get("w"), "w" in d)


def fill(m, n):
    for i in range(n):
        m[i % 3] = m[i % 3] + [i] if i > 2 else [i]
    return m


print(fill(Default(), 9))
print(fill({}, 9))


class Plain(dict):
    pass


p = Plain(a=1, b=2)
print(p, Plain([(1, 2)]), Plain(), p.copy(), type(p.copy()).__name__)
try:
    p["nope"]
except KeyError as e:
    print("KeyError:", e)


class Logged(dict):
    def __setitem__(self, k, v):
        print("set", k, v)
        super().__setitem__(k, v.upper())

    def __getitem__(self, k):
        return "<" + super().__getitem__(k) + ">"

    def __repr__(self):
        return "Logged(" + ", ".join(sorted(self.keys())) + ")"


g = Logged()
for k in ["a", "b", "a"]:
    g[k] = k * 2
print(g["a"], g, str(g), [g], dict.__repr__(g), len(g))


def reads(m):
    out = []
    for i in range(20):
        out.append(m["a"])
    return out[-1]


print(reads(g), reads({"a": "plain"}), reads(g))

try:
    hash(c)
except TypeError as e:
    print("TypeError:", e)

m = Default()
print(m[1], m)
print(Counter.__mro__)
Plain()["missing"]
