# list comprehensions over range, list, str and dict
print([x * x for x in range(6)])
print([c.upper() for c in "abc"])
print([len(w) for w in ["a", "bb", "ccc"]])
print([k for k in {"x": 1, "y": 2}])
print([v for k, v in [("a", 1), ("b", 2)]])
print([0 for _ in range(3)])
print([])
print([x for x in []])
