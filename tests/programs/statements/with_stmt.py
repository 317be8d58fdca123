class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()

    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None, ev)
        return self.suppress


with CM("a") as x:
    print("body", x)

with CM("a") as x, CM("b") as y:
    print("body", x, y)

with CM("s", True):
    raise ValueError("boom")
print("after suppressed")

try:
    with CM("o"), CM("i", True):
        raise KeyError("k")
    print("inner suppressed")
    with CM("o2"), CM("i2"):
        raise KeyError("k2")
except KeyError as e:
    print("caught", repr(e))


def f(n):
    with CM("f"):
        if n:
            return "early"
        print("no return")
    return "late"


print(f(1), f(0))

for i in range(3):
    with CM("loop" + str(i)):
        if i == 1:
            continue
        if i == 2:
            break
        print("iter", i)


def nested():
    try:
        with CM("t") as t:
            try:
                raise TypeError("inner")
            finally:
                print("finally", t)
    except TypeError as e:
        print("got", e)
    with CM("r"):
        try:
            return "from try"
        finally:
            print("fin")


print(nested())


class Exploding:
    def __enter__(self):
        return self

    def __exit__(self, *a):
        raise RuntimeError("exit failed")


try:
    with Exploding():
        1 / 0
except RuntimeError as e:
    print("RuntimeError", e, type(e.__context__).__name__)

n = 0
for i in range(100):
    with CM.__new__(CM) if False else CM("h" + str(i % 2), True) as v:
        n += len(v)
        if i % 3 == 0:
            raise IndexError(i)
print(n)


class NoExit:
    def __enter__(self):
        return 1


try:
    with NoExit():
        pass
except TypeError as e:
    print(e)
try:
    with 5:
        pass
except TypeError as e:
    print(e)
with CM("last") as (p, q, *r):
    print(p, q, r)
