# Multiple inheritance: C3 MRO, cooperative super() in a diamond.
class Base:
    def __init__(self):
        print("Base.__init__")
        self.trail = ["Base"]

    def who(self):
        return "Base"

    def hello(self):
        return "hello from Base"


class Left(Base):
    def __init__(self):
        print("Left.__init__")
        super().__init__()
        self.trail.append("Left")

    def who(self):
        return "Left>" + super().who()


class Right(Base):
    def __init__(self):
        print("Right.__init__")
        super().__init__()
        self.trail.append("Right")

    def who(self):
        return "Right>" + super().who()

    def hello(self):
        return "hello from Right"


class Diamond(Left, Right):
    def __init__(self):
        print("Diamond.__init__")
        super().__init__()
        self.trail.append("Diamond")

    def who(self):
        return "Diamond>" + super().who()


d = Diamond()
print(d.trail)
print(d.who())
print(d.hello())
print(Diamond.__mro__)
print([c.__name__ for c in Diamond.__mro__])
print(Diamond.__bases__)
print(Diamond.__base__)
print(Left.__mro__)
print(object.__mro__)
print(int.__mro__, bool.__mro__)
print(isinstance(d, Left), isinstance(d, Right), isinstance(d, Base), isinstance(d, object))
print(issubclass(Diamond, Right), issubclass(Right, Diamond), issubclass(Diamond, (int, Right)))
print(type(d).__name__, d.__class__ is Diamond)


# The classic C3 example (Python docs).
class O: pass
class F(O): pass
class E(O): pass
class D(O): pass
class C(D, F): pass
class B(D, E): pass
class A(B, C): pass

print([k.__name__ for k in A.__mro__])
print([k.__name__ for k in B.__mro__])


# Mixins: attributes and methods from several unrelated bases.
class Named:
    kind = "named"

    def name(self):
        return "I am " + self.label


class Counted:
    count = 0

    def bump(self):
        self.count += 1
        return self.count


class Thing(Named, Counted):
    def __init__(self, label):
        self.label = label


t = Thing("box")
print(t.name(), t.kind, t.bump(), t.bump(), Thing.count, t.count)
print(Thing.__bases__)


# super(C, self) jumps along the MRO of self's class, not C's bases.
class P:
    def f(self):
        return ["P"]


class Q(P):
    def f(self):
        return ["Q"] + super(Q, self).f()


class R(P):
    def f(self):
        return ["R"] + super().f()


class S(Q, R):
    def f(self):
        return ["S"] + super().f()


print(S().f())
print(Q().f())
print(super(Q, S()).f())


# Cooperative __init__ with keyword arguments.
class Shape:
    def __init__(self, **kw):
        self.extra = sorted(kw)


class Colored(Shape):
    def __init__(self, color="red", **kw):
        self.color = color
        super().__init__(**kw)


class Sized(Shape):
    def __init__(self, size=1, **kw):
        self.size = size
        super().__init__(**kw)


class Box(Colored, Sized):
    pass


b = Box(color="blue", size=3, label="x")
print(b.color, b.size, b.extra)
print([k.__name__ for k in Box.__mro__])


# classmethod through super() in multiple inheritance.
class M1:
    @classmethod
    def make(cls):
        return "M1:" + cls.__name__


class M2(M1):
    @classmethod
    def make(cls):
        return "M2+" + super().make()


class M3(M1):
    @classmethod
    def make(cls):
        return "M3+" + super().make()


class M4(M2, M3):
    pass


print(M4.make())


# Exception with a mixin.
class Tagged:
    def tag(self):
        return "tag:" + str(self.args[0])


class MyError(Tagged, ValueError):
    pass


try:
    raise MyError("bad")
except ValueError as e:
    print(type(e).__name__, e.tag(), e, isinstance(e, Tagged))
print([k.__name__ for k in MyError.__mro__])

# type() with several bases.
T = type("T", (Named, Counted), {"label": "dyn"})
print(T().name(), [k.__name__ for k in T.__mro__])
