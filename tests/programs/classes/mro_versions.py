# Attribute caches must follow changes to any class in the MRO, including a
# second base (not on the __base__ chain).
class A:
    def f(self):
        return "A.f"


class B:
    def f(self):
        return "B.f"

    def g(self):
        return "B.g"

    size = 1


class C(A, B):
    pass


class D(C):
    pass


def run(o, n):
    out = []
    for i in range(n):
        out.append(o.f() + "/" + o.g() + "/" + str(o.size))
    return out[-1]


d = D()
c = C()
print(run(d, 50), run(c, 50))
B.g = lambda self: "new B.g"
print(run(d, 50), run(c, 50))
B.size = 2
print(run(d, 50), run(c, 50))
del A.f
print(run(d, 50), run(c, 50))
A.f = lambda self: "new A.f"
print(run(d, 50), run(c, 50))
C.g = lambda self: "C.g"
print(run(d, 50), run(c, 50))


def cls_attr(k, n):
    t = 0
    for i in range(n):
        t += k.size
    return t


print(cls_attr(D, 100))
B.size = 10
print(cls_attr(D, 100))


def make(n):
    out = []
    for i in range(n):
        out.append(D())
    return len(out)


print(make(20))
B.__init__ = lambda self: print("B init")
print(make(2))
