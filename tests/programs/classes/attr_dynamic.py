# Attributes added after creation, different attribute sets per instance,
# deletion, many attributes, and getattr/setattr/hasattr/delattr.
class Bag:
    pass


a = Bag()
b = Bag()
a.x = 1
b.y = 2
a.y = 3
b.x = 4
print(a.x, a.y, b.x, b.y)
print(hasattr(a, "x"), hasattr(a, "z"), hasattr(b, "y"))


def read_x(o):
    return o.x


for o in [a, b, a, b]:
    print(read_x(o))

# del, then reading it fails with CPython's message, then re-adding works.
del a.x
try:
    read_x(a)
except AttributeError as e:
    print("AttributeError:", e)
try:
    del a.x
except AttributeError as e:
    print("AttributeError:", e)
print(read_x(b))
a.x = "back"
print(read_x(a))

# Late instance, created after the layout grew: starts with nothing set.
c = Bag()
print(hasattr(c, "x"), hasattr(c, "y"))
c.z = "z"
print(c.z, getattr(c, "x", "no x"))

# Many attributes (more than any fixed layout size), set and read by name.
m = Bag()
for i in range(45):
    setattr(m, "attr" + str(i), i * i)
total = 0
for i in range(45):
    total += getattr(m, "attr" + str(i))
print(total, m.attr0, m.attr29, m.attr30, m.attr44)
for i in range(0, 45, 3):
    delattr(m, "attr" + str(i))
print(hasattr(m, "attr3"), hasattr(m, "attr4"), hasattr(m, "attr42"), hasattr(m, "attr43"))
try:
    print(m.attr42)
except AttributeError as e:
    print("AttributeError:", e)
m.attr42 = "again"
print(m.attr42)
# Another instance of the same class after the layout filled up.
n = Bag()
n.attr44 = "n44"
n.brand_new = "new"
print(n.attr44, n.brand_new, hasattr(m, "brand_new"))


# Subclasses add their own attributes on top of the base's.
class Shape:
    def __init__(self, name):
        self.name = name

    def describe(self):
        return self.name + " with area " + str(self.area())


class Rect(Shape):
    def __init__(self, w, h):
        super().__init__("rect")
        self.w = w
        self.h = h

    def area(self):
        return self.w * self.h


class Square(Rect):
    def __init__(self, s):
        super().__init__(s, s)
        self.name = "square"


shapes = [Rect(2, 3), Square(4), Rect(5, 1), Square(2)]
for s in shapes:
    print(s.describe())
shapes[1].w = 10
print(shapes[1].describe(), shapes[3].describe())

# An attribute whose value is None is still present.
k = Bag()
k.nothing = None
print(k.nothing, hasattr(k, "nothing"))

# Attribute values survive lots of allocation (GC) in between.
keep = []
for i in range(200):
    o = Bag()
    o.i = i
    o.s = "s" + str(i)
    o.l = [i] * 3
    keep.append(o)
print(sum([o.i for o in keep]), keep[123].s, keep[199].l)
