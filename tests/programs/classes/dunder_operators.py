# Operators on instances of user classes with Python dunders, in loops hot
# enough to specialize (BINARY_OP_PY_DUNDER, COMPARE_OP_PY_DUNDER,
# BINARY_SUBSCR_GETITEM, STORE_SUBSCR_SETITEM, CONTAINS_OP_PY_DUNDER), and
# every way out of their guards.

N = 300


class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y)

    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y)

    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)

    def __rmul__(self, k):
        return Vec(k * self.x, k * self.y)

    def __eq__(self, o):
        return isinstance(o, Vec) and self.x == o.x and self.y == o.y

    def __lt__(self, o):
        return (self.x, self.y) < (o.x, o.y)

    def __repr__(self):
        return "Vec(%r, %r)" % (self.x, self.y)


class SubVec(Vec):
    pass


def add(a, b):
    return a + b


def lt(a, b):
    return a < b


def eq(a, b):
    return a == b


def ne(a, b):
    return a != b


# ---- the common case, then a site that sees other classes and types
acc = Vec(0, 0)
smaller = 0
for i in range(N):
    acc = acc + Vec(i, 1) - Vec(1, 0)
    acc = acc * 1
    acc = 1 * acc
    if acc < Vec(i * i // 4, 0):
        smaller += 1
    if acc == Vec(0, 0) or acc != acc:
        smaller += 1000
print("vec", acc, smaller)

for i in range(N):
    add(Vec(i, i), Vec(1, 2))
print("sub", add(SubVec(1, 2), Vec(3, 4)), add(Vec(1, 2), SubVec(3, 4)))
print("other", add(1, 2), add("a", "b"), add([1], [2]), add(1.5, 2))
print("lt", lt(Vec(1, 2), Vec(1, 3)), lt(1, 2), lt("b", "a"))

# ---- a dunder reassigned (and deleted) after specialization
class C:
    def __init__(self, v):
        self.v = v

    def __add__(self, o):
        return self.v + o


def plus10(self, o):
    return self.v + o + 10


for rounds in range(3):
    total = 0
    for i in range(N):
        total += add(C(i), 1)
    print("C round", rounds, total)
    if rounds == 0:
        C.__add__ = plus10
    elif rounds == 1:
        C.__add__ = lambda self, o: self.v * o
del C.__add__
try:
    add(C(1), 1)
except TypeError as e:
    print("deleted:", e)


class Base:
    def __add__(self, o):
        return "Base.add"

    def __radd__(self, o):
        return "Base.radd"

    def __lt__(self, o):
        return "Base.lt"

    def __gt__(self, o):
        return "Base.gt"


class Derived(Base):
    pass


class Overrider(Base):
    def __radd__(self, o):
        return "Overrider.radd"

    def __gt__(self, o):
        return "Overrider.gt"


class Decliner(Base):
    def __radd__(self, o):
        return NotImplemented


res = []
for i in range(N):
    res.append(add(Derived(), 1))
Base.__add__ = lambda self, o: "Base.add2"
print("base changed", res[-1], add(Derived(), 1), add(Base(), 1))

# ---- b's class a proper subclass of a's: its reflected method first
res = set()
for i in range(N):
    res.add(add(Base(), Base()))
    res.add(lt(Base(), Base()))
print("same", sorted(res))
print("reflected first", add(Base(), Overrider()), add(Base(), Derived()), add(Base(), Decliner()))
print("reflected cmp", lt(Base(), Overrider()), lt(Base(), Derived()), lt(Overrider(), Base()))

# ---- NotImplemented falls back to the reflected method
class Meters:
    def __init__(self, v):
        self.v = v

    def __add__(self, o):
        if not isinstance(o, Meters):
            return NotImplemented
        return Meters(self.v + o.v)

    def __eq__(self, o):
        if not isinstance(o, Meters):
            return NotImplemented
        return self.v == o.v

    def __lt__(self, o):
        if not isinstance(o, Meters):
            return NotImplemented
        return self.v < o.v


class Feet:
    def __init__(self, v):
        self.v = v

    def __radd__(self, o):
        return Meters(o.v + self.v * 0.25)

    def __gt__(self, o):
        return "Feet.gt"

    def __eq__(self, o):
        return "Feet.eq"


total = Meters(0)
log = []
for i in range(N):
    total = total + (Meters(1) if i % 3 else Feet(4))
    log.append(lt(Meters(i), Meters(5)) if i % 2 else lt(Meters(i), Feet(1)))
    if i == N - 1:
        log.append(eq(Meters(1), Feet(1)))
        log.append(eq(Meters(1), 1))
        log.append(ne(Meters(1), 1))
print("meters", total.v, log[:6], log[-3:])
m = Meters(2)
print("identity", eq(m, m), eq(Meters(2), "2"), ne(m, "2"))
for bad in (1, "x", None):
    try:
        add(Meters(1), bad)
    except TypeError as e:
        print("declined:", e)
    try:
        lt(Meters(1), bad)
    except TypeError as e:
        print("declined:", e)
try:
    Meters(1) - Meters(2)
except TypeError as e:
    print("no method:", e)

# ---- __eq__ alone: != is its negation; no __eq__: identity
class OnlyEq:
    def __init__(self, v):
        self.v = v

    def __eq__(self, o):
        return self.v == o.v


class OnlyNe:
    def __ne__(self, o):
        return "OnlyNe.ne"


class Plain:
    pass


p = Plain()
counts = [0, 0, 0, 0]
for i in range(N):
    a, b = OnlyEq(i % 3), OnlyEq(1)
    counts[0] += eq(a, b)
    counts[1] += ne(a, b)
    counts[2] += eq(p, p) + ne(p, Plain())
    counts[3] += ne(OnlyNe(), OnlyNe()) == "OnlyNe.ne"
print("defaults", counts, eq(OnlyNe(), OnlyNe()))
try:
    lt(Plain(), Plain())
except TypeError as e:
    print("unsupported:", e)

# ---- in place: __iadd__ first, else __add__; NotImplemented from __iadd__
class Acc:
    def __init__(self):
        self.items = []

    def __iadd__(self, x):
        if x is None:
            return NotImplemented
        self.items.append(x)
        return self

    def __add__(self, x):
        return "Acc.add"


class NoIadd:
    def __init__(self, v):
        self.v = v

    def __add__(self, x):
        return NoIadd(self.v + x)


a = Acc()
n = NoIadd(0)
for i in range(N):
    a += i
    n += 2
b = Acc()
b += None
print("inplace", len(a.items), sum(a.items), n.v, b)

# ---- subscripts and membership
class Grid:
    def __init__(self, w, h):
        self.w = w
        self.cells = [0] * (w * h)

    def __getitem__(self, key):
        x, y = key
        if x < 0:
            raise KeyError(key)
        return self.cells[y * self.w + x]

    def __setitem__(self, key, v):
        x, y = key
        self.cells[y * self.w + x] = v

    def __contains__(self, v):
        return v in self.cells


class Truthy:
    def __init__(self, v):
        self.v = v

    def __contains__(self, x):
        return self.v


g = Grid(20, 15)
for i in range(N):
    g[i % 20, i // 20] = i
s = 0
for i in range(N):
    s += g[i % 20, i // 20]
hits = 0
for i in range(N):
    hits += (i * 3) in g
    hits += (i * 3) not in g
print("grid", s, g[5, 5], hits, 299 in g, 300 in g)
try:
    g[-1, 0]
except KeyError as e:
    print("KeyError", e)


def get(c, k):
    return c[k]


def put(c, k, v):
    c[k] = v


def has(c, x):
    return x in c


vals = []
for i in range(N):
    vals.append(get(g, (i % 20, 0)))
    put(g, (0, 0), i)
    has(g, i)
d = {}
put(d, "k", 1)
put(vals, 0, -1)
print("sites", sum(vals), get([1, 2, 3], 1), get({"a": 5}, "a"), get(Grid(2, 2), (1, 1)), d, vals[0])
print("sites", has([1, 2], 2), has({3: 4}, 3), has("abc", "b"), has(Truthy(1), 0), g[0, 0])
seen = []
for i in range(N):
    t = Truthy([] if i % 2 else [0])
    seen.append(1 in t)
print("truthy", seen[:4], seen.count(True))

# ---- errors raised inside a dunder, and unsupported operands
class Fragile:
    def __init__(self, v):
        self.v = v

    def __add__(self, o):
        if self.v == 250:
            raise ValueError("fragile at %d" % self.v)
        return self.v + o

    def __getitem__(self, k):
        return 10 // k


out = 0
try:
    for i in range(N):
        out += add(Fragile(i), 1)
except ValueError as e:
    print("raised:", e, out)
try:
    for i in range(N, -1, -1):
        out += Fragile(0)[i]
except ZeroDivisionError as e:
    print("raised:", e, out)
try:
    Vec(1, 2) / Vec(3, 4)
except TypeError as e:
    print("unsupported:", e)
try:
    add(Vec(1, 2), 5)
except AttributeError as e:
    print("inside:", e)
try:
    Plain()[0]
except TypeError as e:
    print("unsupported:", e)
try:
    1 in Plain()
except TypeError as e:
    print("unsupported:", e)
