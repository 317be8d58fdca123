# lambda expressions: stored, passed, called immediately, with defaults
square = lambda x: x * x
add = lambda a, b=10: a + b
print(square(7), add(1), add(1, 2), add(b=5, a=5))
print((lambda: "no args")())
def apply(fn, values):
    out = []
    for v in values:
        out.append(fn(v))
    return out
print(apply(lambda v: v + 1, [1, 2, 3]))
print(apply(lambda s: s.upper(), ["a", "b"]))
ops = {"+": lambda a, b: a + b, "*": lambda a, b: a * b}
print(ops["+"](3, 4), ops["*"](3, 4))
pick = lambda n: "even" if n % 2 == 0 else "odd"
print([pick(i) for i in range(4)])
