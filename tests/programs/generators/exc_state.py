# A generator keeps its own handled exception while suspended (CPython's
# gi_exc_state): callers never see it, and it sees its callers' otherwise.

def g():
    try:
        raise ValueError("in gen")
    except ValueError:
        yield 1
        raise

it = g()
next(it)
try:
    raise
except RuntimeError as e:
    print(e)
try:
    raise KeyError("k")
except KeyError as e:
    print(repr(e.__context__))
try:
    try:
        raise TypeError("outer")
    except TypeError:
        next(it)
except ValueError as e:
    print("reraised", repr(e), repr(e.__context__))

def sees_caller():
    yield 1
    raise IndexError("from gen")

def bare_in_gen():
    yield 1
    raise

it = sees_caller()
next(it)
try:
    try:
        raise TypeError("caller")
    except TypeError:
        next(it)
except IndexError as e:
    print(repr(e), "context", repr(e.__context__))

it = bare_in_gen()
next(it)
try:
    try:
        raise KeyError("caller's")
    except KeyError:
        next(it)
except KeyError as e:
    print("bare raise in generator re-raised", repr(e))

def h():
    try:
        yield 1
    except GeneratorExit:
        yield 2

k = h()
next(k)
try:
    k.close()
except RuntimeError as e:
    print(repr(e), repr(e.__context__))

def nested():
    try:
        raise ZeroDivisionError("a")
    except ZeroDivisionError:
        inner = g()
        next(inner)
        yield "handling"
        try:
            raise
        except ZeroDivisionError as e:
            print("nested still handles", repr(e))
    yield "done"

n = nested()
print(next(n))
print(next(n))
