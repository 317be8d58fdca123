def f(a, b, *, c, d=1):
    return a


def g(a, b=2):
    return a


def k(*, x):
    return x


tests = [
    lambda: f(1, 2),
    lambda: f(1, 2, 3),
    lambda: f(1, 2, 3, c=4),
    lambda: f(1, c=3),
    lambda: f(1, 2, c=3, e=5),
    lambda: f(1, 2, a=1, c=3),
    lambda: g(),
    lambda: g(1, 2, 3),
    lambda: g(1, 2, 3, 4),
    lambda: k(),
    lambda: k(1),
    lambda: f(*5),
    lambda: f(**5),
    lambda: f(1, 2, c=3, **{"c": 4}),
    lambda: f(1, **{1: 2}),
    lambda: len(*5),
]
for t in tests:
    try:
        t()
        print("no error")
    except TypeError as e:
        print("TypeError:", e)
