# {**m} of a non-mapping: CPython's TypeError, uncaught.
a = {"x": 1}
n = 5
print({**a})
print({**a, **n})
