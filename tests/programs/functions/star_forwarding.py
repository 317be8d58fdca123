def f(*a, **k):
    return a, sorted(k.items())
def g(x, y=2, *, z=3):
    return x, y, z
def w(*args, **kwargs):
    return g(*args, **kwargs)
print(w(1), w(1, 5), w(1, z=9), w(x=4))
m = {"y": 1}
print(f(*[1, 2], **m), f(**m), f(*(i for i in range(3)), **m))
try:
    f(**[1])
except TypeError as e:
    print(e)
try:
    f(*3, **[1])
except TypeError as e:
    print(e)
try:
    f(**{1: 2})
except TypeError as e:
    print(e)
try:
    f(*3, **{1: 2})
except TypeError as e:
    print(e)
try:
    g(1, **{"x": 2})
except TypeError as e:
    print(e)
try:
    g(**{"q": 2})
except TypeError as e:
    print(e)
def gen(d):
    d["late"] = 1
    yield 1
d = {"a": 1}
print(f(*gen(d), **d), d)
print(f(1, **{}), dict(**m), len(**{"obj": [1]}) if False else 0)
try:
    f(1, a=1, **{2: 3})
except TypeError as e:
    print(e)
try:
    f(1, a=1, **{"a": 3})
except TypeError as e:
    print(e)
try:
    print(**{1: 2})
except TypeError as e:
    print(e)
class K:
    def __init__(self, **kw):
        self.kw = kw
opts = {"p": 1}
k = K(**opts)
k.kw["q"] = 2
print(opts, k.kw)


# Frames reuse stack slots of earlier frames: their unset locals must still
# read as unbound, whatever ran there before.
def deep(n):
    junk = [n] * 3
    return deep(n - 1) + len(junk) if n else 0


def unbound(flag):
    if flag:
        late = 1
    try:
        return late
    except UnboundLocalError as e:
        return str(e)


for i in range(3):
    deep(50)
    print(unbound(False), unbound(True))
