# Attribute specializations meeting the changes that must deopt them.

class A:
    K = 1

    def __init__(self, x):
        self.x = x

    def m(self):
        return self.x


def get(o):
    return o.x


def put(o, v):
    o.x = v


def call(o):
    return o.m()


def const(o):
    return o.K


def klass():
    return A.K


# Warm up every site on one class.
a = A(1)
s = 0
for i in range(20):
    put(a, i)
    s += get(a) + call(a) + const(a) + klass()
print(s)

# A new attribute at a new slot (the layout grows: new class version).
a.y = 5
b = A(2)
b.z = 9
print(get(a), get(b), call(b), a.y, b.z)

# Class attribute and method replaced on the class.
A.K = 10
A.m = lambda self: -self.x
print(const(a), klass(), call(a), call(b))

# An instance attribute shadowing the method.
a.m = lambda: "own"
print(call(a), call(b))
del a.m
print(call(a))


# Two classes alternating at the same sites.
class B:
    K = 100

    def __init__(self):
        self.w = 0
        self.x = 50

    def m(self):
        return "B"


objs = [a, B(), b, B()]
out = []
for i in range(40):
    o = objs[i % 4]
    put(o, i)
    out.append((get(o), call(o), const(o)))
print(out[:6], out[-2:])

# del after specialization: CPython's AttributeError.
c = A(3)
for i in range(10):
    get(c)
del c.x
try:
    get(c)
except AttributeError as e:
    print("AttributeError:", e)
try:
    c.m()
except AttributeError as e:
    print("AttributeError:", e)
c.x = 4
print(get(c), call(c))

# Subclass sees a base-class change.
class S(A):
    pass

t = S(7)
for i in range(10):
    call(t)
A.m = lambda self: self.x * 100
print(call(t), call(a))
