# yield from forwards send(), throw() and close() to the delegate.

def inner():
    print("inner start")
    try:
        x = yield 1
        print("inner got", x)
        x = yield 2
        print("inner got", x)
    except ValueError as e:
        print("inner caught", repr(e))
        y = yield "recovered"
        print("inner after recover", y)
        return "inner-ret-after-error"
    finally:
        print("inner finally")
    return "inner-ret"

def outer():
    try:
        r = yield from inner()
        print("outer got result", r)
        z = yield "outer-next"
        print("outer got", z)
    except KeyError as e:
        print("outer caught", repr(e))
        yield "outer-recovered"
    finally:
        print("outer finally")

print("-- send forwarded")
g = outer()
print(next(g))
print(g.send("a"))
print(g.send("b"))
try:
    g.send("c")
except StopIteration as e:
    print("stop", e.value)

print("-- throw caught by inner (instance)")
g = outer()
print(next(g))
print(g.throw(ValueError("v1")))
print(g.send("s"))
print(next(g, "done"))

print("-- throw caught by inner (type)")
g = outer()
next(g)
print(g.throw(ValueError))
print(g.send(None))
g.close()

print("-- throw with type and value")
g = outer()
next(g)
print(g.throw(ValueError, "v2"))
g.close()

print("-- throw not caught by inner, caught by outer")
g = outer()
next(g)
print(g.throw(KeyError("k")))
try:
    next(g)
except StopIteration as e:
    print("stop", e.value)

print("-- throw caught by nobody")
g = outer()
next(g)
try:
    g.throw(IndexError("nobody"))
except IndexError as e:
    print("propagated", repr(e))
try:
    next(g)
except StopIteration:
    print("exhausted")

print("-- close forwarded")
g = outer()
next(g)
g.send(1)
print(g.close())
print(g.close())

print("-- close after inner finished")
g = outer()
next(g)
g.send(1)
print(g.send(2))
g.close()

# The inner generator returns from its GeneratorExit handler.
def quiet():
    try:
        yield 1
    except GeneratorExit:
        print("quiet: exit")
        return 5

def wrap():
    try:
        v = yield from quiet()
        print("wrap got", v)
    finally:
        print("wrap finally")

print("-- inner returns on close")
g = wrap()
next(g)
print(g.close())

# The inner one ignores GeneratorExit: its RuntimeError reaches the outer one.
def stubborn():
    try:
        yield 1
    except GeneratorExit:
        print("stubborn ignores")
        yield 2

def catcher():
    try:
        yield from stubborn()
    except RuntimeError as e:
        print("catcher caught", e)

print("-- inner ignores GeneratorExit")
g = catcher()
next(g)
print(g.close())

def passthrough():
    yield from stubborn()

g = passthrough()
next(g)
try:
    g.close()
except RuntimeError as e:
    print("close raised", e)

# An outer generator that ignores GeneratorExit itself.
def ignorer():
    while True:
        try:
            yield from quiet()
        except GeneratorExit:
            print("ignorer ignores")
            yield "again"

g = ignorer()
next(g)
try:
    g.close()
except RuntimeError as e:
    print(type(e).__name__, e)

print("-- throw: inner returns a value")
def returner():
    try:
        yield 1
    except ValueError:
        return "handled"

def taker():
    v = yield from returner()
    print("taker got", v)
    yield "after"
    return "done"

g = taker()
next(g)
print(g.throw(ValueError))
try:
    next(g)
except StopIteration as e:
    print("stop", e.value)

print("-- throw: inner raises StopIteration (PEP 479)")
def raiser():
    try:
        yield 1
    except ValueError:
        raise StopIteration("x")

def outer2():
    try:
        yield from raiser()
    except RuntimeError as e:
        print("outer2", e, repr(e.__cause__))
        yield "ok"

g = outer2()
next(g)
print(g.throw(ValueError))

print("-- three levels")
def level(n):
    if n == 0:
        try:
            got = yield "bottom"
            print("bottom got", got)
            got = yield "bottom2"
        except ZeroDivisionError:
            print("bottom caught")
            got = yield "bottom-recovered"
        finally:
            print("bottom finally")
        return got
    r = yield from level(n - 1)
    print("level", n, "got", r)
    return r

g = level(3)
print(next(g))
print(g.send("x"))
print(g.throw(ZeroDivisionError))
try:
    g.send("final")
except StopIteration as e:
    print("stop", e.value)
g = level(2)
next(g)
g.close()

print("-- delegate without throw/close (list iterator)")
def over_list():
    try:
        yield from [1, 2, 3]
    except ValueError as e:
        print("over_list caught", e)
        yield 99
    finally:
        print("over_list finally")

g = over_list()
print(next(g))
print(g.throw(ValueError("lv")))
g.close()
g = over_list()
next(g)
g.close()
g = over_list()
next(g)
try:
    g.send(5)
except AttributeError as e:
    print("AttributeError", e)

print("-- user iterator with send, throw and close")
class Echo:
    def __init__(self):
        self.n = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.n += 1
        if self.n > 3:
            raise StopIteration("echo-done")
        return self.n
    def send(self, v):
        print("Echo.send", v)
        return self.__next__()
    def throw(self, *args):
        print("Echo.throw", args)
        if args[0] is KeyError:
            raise StopIteration("thrown-out")
        if args[0] is IndexError:
            return "echo-swallowed"
        raise TypeError("from echo")
    def close(self):
        print("Echo.close")

def use_echo():
    try:
        r = yield from Echo()
        print("use_echo got", r)
        yield "tail"
    except TypeError as e:
        print("use_echo caught", e)

g = use_echo()
print(next(g))
print(g.send("hi"))
print(g.send(None))
print(next(g))
g = use_echo()
next(g)
print(g.throw(KeyError))
g.close()
g = use_echo()
next(g)
print(g.throw(IndexError, "i"))
print(next(g))
g.close()
g = use_echo()
next(g)
try:
    print(g.throw(TypeError("t")))
except StopIteration:
    print("use_echo stopped")
g = use_echo()
next(g)
print(g.close())

print("-- throw and close on fresh and finished generators")
def simple():
    print("simple body")
    yield 1
g = simple()
try:
    g.throw(ValueError("fresh"))
except ValueError as e:
    print("fresh throw", e)
print(next(g, "exhausted"))
g = simple()
g.close()
print(next(g, "exhausted"))
g = simple()
list(g)
try:
    g.throw(KeyError("late"))
except KeyError as e:
    print("late throw", e)
print(g.close())
try:
    g.send(1)
except StopIteration as e:
    print("send to finished", e.value)

print("-- throw errors")
g = simple()
next(g)
for bad in [1, "s", int, None]:
    try:
        g.throw(bad)
    except TypeError as e:
        print(e)
try:
    g.throw()
except TypeError as e:
    print(e)
print(next(g, "end"))
g = simple()
next(g)
for args in [(ValueError("a"), 1), (ValueError, None, 5), (1, 2, 3, 4)]:
    try:
        g.throw(*args)
    except TypeError as e:
        print(e)
print(g.throw(KeyError, ("a", "b")) if False else "skip")
try:
    g.throw(KeyError, ("a", "b"))
except KeyError as e:
    print("tuple value", repr(e))
g = simple()
next(g)
err = ValueError("same")
try:
    g.throw(ValueError, err)
except ValueError as e:
    print("same object", e is err)
# Bad throw() arguments during a yield from end the delegation.
def plain():
    yield 1
    yield 2

def over_plain():
    try:
        yield from plain()
    except TypeError as e:
        print("over_plain caught", e)
        yield "next"

g = over_plain()
next(g)
print(g.throw(5))
print(next(g, "over_plain done"))
