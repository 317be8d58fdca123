# repr of every basic value compared to str
for v in [1, -2, 2.5, 1e16, True, None, "s", "it's", [1, "a"], (1,), {"k": "v"}, ""]:
    print(repr(v), str(v))
