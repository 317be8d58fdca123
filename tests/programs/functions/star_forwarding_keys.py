def f(*a, **k):
    return a, k


print(f(1, **{"x": 2}))
f(**{1: 2})
