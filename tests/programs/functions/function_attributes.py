# Attributes set on function objects, as decorators do.
def counted(fn):
    def wrapper(*args, **kwargs):
        wrapper.calls += 1
        return fn(*args, **kwargs)
    wrapper.calls = 0
    wrapper.__name__ = fn.__name__
    wrapper.__qualname__ = "counted(" + fn.__qualname__ + ")"
    return wrapper


@counted
def add(a, b=1):
    return a + b


print(add(2), add(3, b=4), add.calls, add.__name__, add.__qualname__)
add.tag = "math"
print(add.tag, getattr(add, "tag"), hasattr(add, "nope"), sorted(add.__dict__))
setattr(add, "x" + "y", 5)
print(add.xy, add.__dict__["xy"])


def plain():
    pass


print(plain.__dict__, plain.__name__)
try:
    plain.__name__ = 3
except TypeError as e:
    print(e)
try:
    print(plain.missing)
except AttributeError as e:
    print(e)
