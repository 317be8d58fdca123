# repr of exception instances
print(repr(ValueError("bad")))
print(repr(KeyError("k")))
print(repr(Exception()))
print(repr(RuntimeError("a", 2)))
class MyErr(Exception):
    pass
print(repr(MyErr("mine")))
print([ValueError("in list")])
