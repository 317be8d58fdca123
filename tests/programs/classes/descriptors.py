class Temp:
    def __init__(self, c):
        self._c = c

    @property
    def celsius(self):
        return self._c

    @celsius.setter
    def celsius(self, v):
        print("set", v)
        self._c = v

    @celsius.deleter
    def celsius(self):
        print("del")
        self._c = None

    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32

    def get_k(self):
        return self._c + 273

    kelvin = property(get_k)


t = Temp(10)
print(t.celsius, t.fahrenheit, t.kelvin)
t.celsius = 25
print(t.celsius)
del t.celsius
print(t.celsius)
print(type(Temp.celsius).__name__, Temp.kelvin.fget is Temp.get_k, Temp.kelvin.fset)

# Warmed-up sites: a property read and written in a hot loop.
class Counter:
    def __init__(self):
        self._n = 0
        self.plain = 0

    @property
    def n(self):
        return self._n

    @n.setter
    def n(self, v):
        self._n = v + 1


c = Counter()
total = 0
for i in range(200):
    c.n = i
    c.plain = i
    total += c.n + c.plain
print(total, c.n, c._n)


# A property added after the site warmed up on a plain attribute.
class Late:
    def __init__(self):
        self.v = 1


objs = [Late() for _ in range(3)]
acc = 0
for i in range(100):
    acc += objs[i % 3].v
    objs[i % 3].v = 1
Late.v = property(lambda self: 100, lambda self, x: print("setter", x))
for o in objs:
    print(o.v)
    o.v = 5


class Shape:
    count = 0

    def __init__(self, name):
        self.name = name

    @staticmethod
    def describe(x):
        return "shape:" + str(x)

    @classmethod
    def make(cls, name):
        Shape.count += 1
        return cls(name)

    @classmethod
    def kind(cls):
        return cls.__name__


class Square(Shape):
    @classmethod
    def kind(cls):
        return "square/" + super().kind()


s = Square.make("sq")
print(type(s).__name__, s.name, Shape.count)
print(Shape.describe(3), s.describe(4), Square.describe(5))
print(s.kind(), Square.kind(), Shape.kind(), Shape("x").kind())
for i in range(50):
    r = s.make("z")
    k = r.kind()
    d = r.describe(i)
print(type(r).__name__, k, d, Shape.count)
m = Square.make
print(m("q").name)
f = Shape.__dict__["describe"]
print(type(f).__name__, f.__func__(7))


class RO:
    @property
    def x(self):
        return 1


for stmt in ["RO().x = 2", "del RO().x"]:
    try:
        exec_ok = False
        if stmt.startswith("del"):
            del RO().x
        else:
            RO().x = 2
    except AttributeError as e:
        print("AttributeError:", e)
try:
    staticmethod()
except TypeError as e:
    print(e)
try:
    classmethod(1, 2)
except TypeError as e:
    print(e)
RO.y = property()
try:
    RO().y
except AttributeError as e:
    print(e)
r = RO()
print(getattr(r, "x"), hasattr(r, "y"))
try:
    setattr(r, "x", 3)
except AttributeError as e:
    print(e)
