# Keyword calls at hot sites (CALL_KW specializes after a few runs): the
# binding by keyword map, defaults, keyword order, bound methods, classes,
# natives, and every guard failing (another callee, a self that comes and
# goes, a class changed), with CPython's errors raised from those sites.


def f(a, b=2, c=3):
    return a * 100 + b * 10 + c


def g(a, c=7, b=8):
    return a * 1000 + b * 10 + c


def h(x, y):
    return x - y


def many(a, b, c, d, e=5, f=6):
    return (a, b, c, d, e, f)


class Point:
    def __init__(self, x, y=0):
        self.x = x
        self.y = y

    def moved(self, dx=0, dy=0):
        return Point(x=self.x + dx, y=self.y + dy)

    def __repr__(self):
        return "Point(%d, %d)" % (self.x, self.y)


class Point3(Point):
    def __init__(self, x, y=0, z=0):
        Point.__init__(self, x, y=y)
        self.z = z


def order_and_defaults():
    s = 0
    for i in range(300):
        s += f(i, c=1)          # b from the default
        s += f(c=i, a=1)        # keyword order differs from parameter order
        s += f(1, 2, c=i)
        s += f(a=i, b=i, c=i)
    print("order/defaults", s)


def another_callee():
    # One site sees f, then g (same keywords, other slots), then h (no c).
    out = []
    for fn in [f] * 200 + [g] * 200 + [h] * 3:
        try:
            out.append(fn(1, c=4))
        except TypeError as e:
            out.append(str(e))
    print("another callee", out[0], out[199], out[200], out[-1], len(out))


def multiple_values():
    out = []
    for fn in [f] * 300 + [h]:
        try:
            out.append(fn(5, x=6))
        except TypeError as e:
            out.append(str(e))
    print("multiple values", out[0], out[-1])


def missing_argument():
    out = []
    for fn in [f] * 300 + [many]:
        try:
            out.append(fn(1, 2, c=3))
        except TypeError as e:
            out.append(str(e))
    print("missing", out[0], out[-1])


def unexpected_keyword():
    out = []
    for fn in [f] * 300 + [h, f]:
        try:
            out.append(fn(1, b=2))
        except TypeError as e:
            out.append(str(e))
    print("unexpected", out[0], out[-2], out[-1])


def methods():
    p = Point(1, 2)
    s = 0
    for i in range(300):
        q = p.moved(dy=i, dx=1)   # a method site: [func self]
        s += q.x + q.y
    bound = p.moved
    for i in range(300):
        q = bound(dx=i)           # a bound method, split into func + self
        s += q.x
    print("methods", s, p.moved(dx=2))


def self_comes_and_goes():
    # One site calling a bound method, then a plain function, then back.
    p = Point(10, 20)
    fns = [p.moved] * 250 + [lambda dx=0, dy=0: Point(dx, dy)] * 250 + [p.moved] * 5
    s = 0
    for fn in fns:
        q = fn(dy=3, dx=1)
        s += q.x * 7 + q.y
    print("self comes and goes", s)


def method_site_errors():
    p = Point(0, 0)
    out = []
    for i in range(303):
        try:
            if i < 300:
                out.append(p.moved(dx=i).x)
            elif i == 300:
                out.append(p.moved(dz=i))
            elif i == 301:
                out.append(p.moved(1, dx=i))
            else:
                out.append(Point.moved(dx=1))
        except TypeError as e:
            out.append(str(e))
    print("method errors", out[299], out[300], out[301], out[302])


def classes():
    s = 0
    for cls in [Point] * 300 + [Point3] * 300:
        p = cls(y=2, x=1)
        s += p.x + p.y
    print("classes", s, Point3(x=1, z=3).z)
    # The class changes under the site: its version does too.
    out = []
    for i in range(400):
        if i == 300:
            def init(self, x, y=0, w=9):
                self.x = x + w
                self.y = y
            Point.__init__ = init
        out.append(Point(x=i, y=1).x)
    print("class changed", out[299], out[300], out[399])
    try:
        for i in range(300):
            Point(x=i, q=1) if i == 299 else Point(x=i, y=i)
    except TypeError as e:
        print(e)


def natives():
    s = 0
    rows = []
    for i in range(300):
        d = dict(a=i, b=2)                      # a builtin class, keywords
        s += d["a"] + d["b"]
        s += sorted([3, 1, i], key=lambda v: -v, reverse=True)[0]
        s += max([1, i, 3], key=lambda v: v % 7)
        rows.append(dict(d, c=i))
        print(i, end="|" if i % 100 == 99 else "", sep="")
    print()
    print("natives", s, len(rows), rows[-1])
    try:
        for i in range(300):
            sorted([1], key=None, rev=True) if i == 299 else sorted([1], key=None)
    except TypeError as e:
        print(e)


def closures_and_defaults():
    def make(d):
        def add(a, b=d):
            return a + b
        return add

    adders = [make(k) for k in range(3)]
    s = 0
    for i in range(300):
        for add in adders:
            s += add(a=i)               # same code, other defaults
            s += add(b=1, a=i)
    print("closures", s)


def gen(n, step=1):
    i = 0
    while i < n:
        yield i
        i += step


def generators():
    s = 0
    for i in range(300):
        for v in gen(n=5, step=2):
            s += v
    print("generators", s)


def deep(n, acc=0):
    if n == 0:
        return acc
    return deep(acc=acc + n, n=n - 1)


def recursion():
    print("deep", deep(n=400))
    try:
        deep(n=100000)
    except RecursionError as e:
        print("RecursionError", e)


def kw_only_and_varargs():
    # Forms the map does not cover stay generic: results must not change.
    def ko(a, *, k=1):
        return a + k

    def va(*args, **kw):
        return len(args) + len(kw)

    s = 0
    for i in range(300):
        s += ko(i, k=2) + va(1, 2, z=3) + many(1, 2, 3, d=4, f=i)[5]
    print("kwonly/varargs", s)


order_and_defaults()
another_callee()
multiple_values()
missing_argument()
unexpected_keyword()
methods()
self_comes_and_goes()
method_site_errors()
classes()
natives()
closures_and_defaults()
generators()
recursion()
kw_only_and_varargs()
