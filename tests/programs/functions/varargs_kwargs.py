def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, sorted(kw.items()))


print(f(1, c=3))
print(f(1, 2, 3, 4, 5, c=6, e=7, d=8))
print(f(*[1, 2, 3], **{"c": 9, "z": 0}))


def g(*args):
    return args


print(g(), g(1), g(1, 2, 3), g(*range(4)), g(*"ab", *(1, 2)))


def h(**kw):
    return list(kw.items())


print(h(), h(x=1, y=2), h(**{"a": 1}, b=2))


def kwonly(a, *, key=None, reverse=False):
    return (a, key, reverse)


print(kwonly(1), kwonly(2, reverse=True), kwonly(3, key=len, reverse=False)[2])


def forward(*args, **kwargs):
    return target(*args, **kwargs)


def target(x, y, z=0):
    return x * 100 + y * 10 + z


print(forward(1, 2), forward(1, 2, 3), forward(1, y=5), forward(z=1, x=2, y=3))


class C:
    def __init__(self, *parts, sep="-"):
        self.text = sep.join(parts)

    def method(self, *a, **k):
        return (len(a), sorted(k))


c = C("a", "b", "c", sep="+")
print(c.text, C("x", "y").text)
print(c.method(1, 2, q=1, p=2), c.method(*[1], **{"r": 3}))
print(max(*[3, 9, 2]), print(*["a", "b"], sep=","))
lam = lambda *a, **k: (a, k)
print(lam(1, k=2))
args = (5, 6)
print(target(*args), target(1, *args[1:]), target(*args, z=7))
