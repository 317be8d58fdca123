def trace(fn):
    def wrapper(*args, **kwargs):
        print("call", fn.__name__ if hasattr(fn, "__name__") else "?", args, kwargs)
        result = fn(*args, **kwargs)
        print("ret", result)
        return result
    return wrapper


@trace
def add(a, b=1):
    return a + b


add(2, b=5)
add(3)


def repeat(n):
    def deco(fn):
        def run(*a):
            return [fn(*a) for _ in range(n)]
        return run
    return deco


@repeat(3)
def hello(name):
    return "hi " + name


print(hello("bob"))

calls = []


def register(fn):
    calls.append(fn)
    return fn


@register
@repeat(2)
def twice():
    return 1


print(len(calls), twice())


def count_calls(fn):
    n = 0

    def inner(*args):
        nonlocal n
        n += 1
        return fn(*args), n
    return inner


@count_calls
def square(x):
    return x * x


print(square(3), square(4))


def add_attr(cls):
    cls.tag = "tagged"
    return cls


@add_attr
class Thing:
    pass


print(Thing.tag, Thing().tag)
