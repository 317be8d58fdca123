# dict.fromkeys: a classmethod on dict and its subclasses.
d = dict.fromkeys("abca")
print(d)
print(dict.fromkeys([3, 1, 2], 0))
print(dict.fromkeys(range(4), [1]))
shared = dict.fromkeys("xy", [])
shared["x"].append(5)
print(shared)                     # the one value object is shared
print({}.fromkeys((1, 2), "v"))   # through an instance
print(dict.fromkeys([]))
print(dict.fromkeys({"k": 1, "j": 2}, 9))
print(dict.fromkeys(x * x for x in range(-2, 3)))
print(dict.fromkeys([1, 1.0, True], "one"))
f = dict.fromkeys
print(f("ab", 1), type(f).__name__)

class Counter(dict):
    pass

c = Counter.fromkeys("hello", 0)
print(type(c).__name__, c)
c2 = Counter({"a": 1}).fromkeys("zz")
print(type(c2).__name__, c2)

class Logged(dict):
    def __init__(self):
        print("init")
        super().__init__()
    def __setitem__(self, k, v):
        print("set", k, v)
        dict.__setitem__(self, k, v * 2)

l = Logged.fromkeys([1, 2], 10)
print(type(l).__name__, l)

class WithClassmethod(dict):
    @classmethod
    def make(cls, keys):
        return cls.fromkeys(keys, True)

w = WithClassmethod.make("ab")
print(type(w).__name__, w, isinstance(w, dict))

for bad in [lambda: dict.fromkeys(),
            lambda: dict.fromkeys(1, 2, 3),
            lambda: dict.fromkeys(5),
            lambda: dict.fromkeys([[1]]),
            lambda: dict.fromkeys([1], value=2),
            lambda: dict.fromkeys(iterable=[1])]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)

class A:
    f = classmethod(len)
print(type(A.f).__name__)
print(type(dict.fromkeys).__name__, type(Counter.fromkeys).__name__)
