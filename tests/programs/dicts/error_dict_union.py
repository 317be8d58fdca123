# dict | non-dict: CPython's TypeError, uncaught.
d = {"a": 1}
print(d | {"b": 2})
print(d | 1)
