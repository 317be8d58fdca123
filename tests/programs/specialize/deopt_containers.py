# Subscripts, unpacking, iteration and calls whose operands change kind.
def get(c, k):
    return c[k]

def put(c, k, v):
    c[k] = v

items = [[10, 20, 30], (1, 2, 3), "abc", {0: "zero", 1: "one", -1: "m"}, range(5)]
for c in items:
    out = []
    for k in (0, 1, -1, 5, -9):
        try:
            out.append(get(c, k))
        except (IndexError, KeyError) as e:
            out.append(type(e).__name__ + ":" + str(e))
    print(out)
print(get("héllo", 1), get([1, 2], True))

lst = [0] * 4
d = {}
for i in range(8):
    put(lst, i % 4, i)
    put(d, i % 3, i)
try:
    put(lst, 9, 1)
except IndexError as e:
    print("IndexError", e)
put(d, "k", 1)
print(lst, d)

def unpack(s):
    a, b = s
    return a - b

print([unpack(s) for s in [(5, 2), (9, 1), [4, 4], (1.5, 0.5), "ab" if False else (7, 3)]])
for s in [(1, 2, 3), [1]]:
    try:
        unpack(s)
    except ValueError as e:
        print("ValueError:", e)

def total(it):
    t = 0
    for x in it:
        t += x
    return t

print(total(range(10)), total([1, 2, 3]), total((4, 5)), total({7: 1, 8: 2}), total(range(10, 0, -3)))
l = [1, 2]
n = 0
for x in l:
    n += 1
    if n < 5:
        l.append(x)
print(l, n)

def call(f, x):
    return f(x)

class Box:
    def __init__(self, v):
        self.v = v
    def get(self, _):
        return self.v

b = Box(3)
print([call(f, [1, 2, 3]) for f in (len, sum, str, b.get, lambda x: x[0])])
print(call(b.get, 0), call(len, "four"), isinstance(b, Box), isinstance(3, (int, str)))
Box.__init__ = lambda self, v: setattr(self, "v", v * 2) if False else None
