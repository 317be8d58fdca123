# dict creation, lookup, assignment, update of existing keys, len and in
d = {"one": 1, "two": 2}
print(d)
print(d["one"], len(d))
d["three"] = 3
d["one"] = 100
print(d)
print("two" in d, "four" in d, "four" not in d)
e = {}
print(e, len(e))
e[1] = "int key"
e["1"] = "str key"
e[(1, 2)] = "tuple key"
e[None] = "none key"
e[2.5] = "float key"
print(e)
print(e[1], e["1"], e[(1, 2)], e[None], e[2.5])
print({"a": [1, 2], "b": {"c": None}})
print(d == {"three": 3, "two": 2, "one": 100}, d != {})
