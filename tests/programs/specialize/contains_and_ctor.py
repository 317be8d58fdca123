# CONTAINS_OP on dicts and sets, CALL of builtin classes: warmed up,
# then fed other types (deopt), unhashable keys and bad constructor input.


def has(x, c):
    return x in c


def lacks(x, c):
    return x not in c


d = {"a": 1, 2: "b", (1, 2): None}
s = {"a", 2, (1, 2)}
fs = frozenset(["x", 3])

hits = 0
for i in range(50):
    hits += has("a", d) + has(i, d) + lacks(i, s) + has(i % 5, fs)
print(hits)

# The same sites now see lists, strings, ranges and a user class.
class Box:
    def __contains__(self, x):
        return x == 7

for c in ([1, 2], "abc", range(3), Box(), {2: 0}, {9}):
    print(has(2, c) if not isinstance(c, str) else has("b", c), lacks(7, c) if not isinstance(c, str) else lacks("z", c))

# (a set key in a set is looked up as a frozenset in CPython; not covered here)
for key in ([1], {}):
    for c in (d, s, fs):
        try:
            has(key, c)
        except TypeError as e:
            print(type(c).__name__, e)


def convert(i):
    return str(i) + "|" + str(int(str(i) + "0")) + "|" + str(len(list(range(i)))) + "|" + str(float(i))


for i in range(30):
    last = convert(i)
print(last)


def make(cls, x):
    return cls(x)


out = []
for i in range(20):
    out.append(make(str if i % 3 == 0 else int if i % 3 == 1 else tuple, "12"))
print(out[:6])
print(make(list, range(3)), make(set, "aa"), make(dict, [(1, 2)]), make(bool, 0))
for bad in ("x", None, [1]):
    try:
        make(int, bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    make(range, "3")
except TypeError as e:
    print(e)
# A user class and a plain function at the same site afterwards.
class P:
    def __init__(self, x):
        self.x = x
print(make(P, 5).x, make(lambda v: v * 2, 4), make(str, 3.5))
