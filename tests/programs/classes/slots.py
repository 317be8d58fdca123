# __slots__: fixed attributes, no __dict__, inheritance.
class P:
    __slots__ = ('x', 'y')

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm1(self):
        return abs(self.x) + abs(self.y)


p = P(3, -4)
print(p.x, p.y, p.norm1(), P.__slots__)
p.x = 10
print(p.x, hasattr(p, "x"), hasattr(p, "z"), hasattr(p, "__dict__"), getattr(p, "z", "dflt"))

for attempt in [lambda: setattr(p, "z", 1), lambda: p.__dict__]:
    try:
        attempt()
    except AttributeError as e:
        print("AttributeError:", e)


class Lazy:
    __slots__ = ("value", "cached")

    def get(self):
        try:
            return self.cached
        except AttributeError as e:
            print("AttributeError:", e)
            self.cached = self.value * 2
            return self.cached


z = Lazy()
z.value = 21
print(z.get(), z.get())
del z.cached
print(z.get())
try:
    del z.cached
    del z.cached
except AttributeError as e:
    print("AttributeError:", e)


# A subclass without __slots__ gets a __dict__ back.
class Q(P):
    pass


q = Q(1, 2)
q.z = 3
print(q.x, q.y, q.z, q.__dict__)


# A subclass with its own __slots__ adds to them.
class R(P):
    __slots__ = ("z",)

    def __init__(self):
        super().__init__(1, 2)
        self.z = 3


r = R()
print(r.x, r.y, r.z, r.norm1(), isinstance(r, P))
try:
    r.w = 4
except AttributeError as e:
    print("AttributeError:", e)


# A single string, an empty tuple, a private name.
class One:
    __slots__ = "only"


class Empty:
    __slots__ = ()


class Private:
    __slots__ = ("__secret", "shown")

    def __init__(self):
        self.__secret = 42
        self.shown = True

    def reveal(self):
        return self.__secret


o = One()
o.only = 1
print(o.only, Private().reveal(), Private()._Private__secret)
for obj, name in [(o, "other"), (Empty(), "a")]:
    try:
        setattr(obj, name, 0)
    except AttributeError as e:
        print("AttributeError:", e)


# Slotted objects in a hot loop (specialized attribute access).
class V:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


def walk(n):
    v = V(0, 0)
    for i in range(n):
        v.x = v.x + i
        v.y = v.y - 1
    return v.x, v.y


print(walk(1000))

# Class attributes alongside slots, methods still shared.
class WithClassAttr:
    __slots__ = ("a",)
    kind = "wca"


w = WithClassAttr()
w.a = 5
print(w.a, w.kind, WithClassAttr.kind)
try:
    w.kind = "changed"
except AttributeError as e:
    print("AttributeError:", e)

try:
    class Conflict:
        __slots__ = ("a",)
        a = 1
except ValueError as e:
    print("ValueError:", e)

try:
    class BadItem:
        __slots__ = ("a", 3)
except TypeError as e:
    print("TypeError:", e)


class A:
    __slots__ = ("a",)


class B:
    __slots__ = ("b",)


try:
    class AB(A, B):
        pass
except TypeError as e:
    print("TypeError:", e)


class E:
    __slots__ = ()


class AE(A, E):
    __slots__ = ("c",)


ae = AE()
ae.a = 1
ae.c = 2
print(ae.a, ae.c, [k.__name__ for k in AE.__mro__])


# Slots below a class with a __dict__: both kinds of attribute.
class Mixed(Q):
    __slots__ = ("m",)


mx = Mixed(1, 2)
mx.m = 3
mx.free = 4
print(mx.x, mx.y, mx.m, mx.free, mx.__dict__)
del mx.m
print(hasattr(mx, "m"), getattr(mx, "m", None))

print(P(1, 2).y)
P(1, 2).z = 5
