# Instance attributes vs class attributes and methods, with the attribute
# caches warm: every case runs in a loop so the second pass hits the cache.
class Greeter:
    greeting = "hello"

    def greet(self):
        return "greet from class"

    def name(self):
        return "Greeter"


def show(g):
    return g.greeting + " / " + g.greet()


g = Greeter()
for i in range(3):
    print(i, show(g))

# An instance attribute shadows a class attribute and a method.
g.greeting = "hi"
g.greet = lambda: "greet from instance"
for i in range(3):
    print(i, show(g))

# Other instances still see the class.
h = Greeter()
for i in range(2):
    print(i, show(h))

# Deleting the instance attributes uncovers the class ones again.
del g.greet
del g.greeting
for i in range(2):
    print(i, show(g))


# A method replaced on the class after call sites cached it.
def call_name(obj):
    return obj.name()


for i in range(3):
    print(call_name(h))
Greeter.name = lambda self: "replaced"
for i in range(2):
    print(call_name(h))


# A method replaced on a base class, seen through a subclass.
class Base:
    def who(self):
        return "base"


class Derived(Base):
    pass


d = Derived()
for i in range(3):
    print(d.who())
Base.who = lambda self: "base v2"
print(d.who())
Derived.who = lambda self: "derived own"
print(d.who(), Base().who())


# One call site, several classes: the cache must not mix them up.
class A:
    def __init__(self):
        self.v = "A.v"
        self.w = "A.w"


class B:
    def __init__(self):
        self.w = "B.w"
        self.v = "B.v"


class C:
    v = "C.v (class)"


for obj in [A(), B(), C(), A(), B(), C()]:
    print(obj.v)

# A class attribute that later becomes an instance attribute on one object.
c1 = C()
c2 = C()
for i in range(2):
    print(c1.v, c2.v)
c1.v = "c1 own"
for i in range(2):
    print(c1.v, c2.v)
C.v = "C.v changed"
print(c1.v, c2.v)


# An object with more attributes than a layout holds: a method cached at a
# call site is then shadowed by an instance attribute set afterwards.
class Wide:
    def get(self):
        return "method"


w = Wide()
for i in range(40):
    setattr(w, "f" + str(i), i)


def call_get(o):
    return o.get()


for i in range(3):
    print(call_get(w))
w.get = lambda: "instance attr"
for i in range(2):
    print(call_get(w))
del w.get
print(call_get(w), w.f0, w.f39)
