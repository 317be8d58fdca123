# truth values of every basic type in if/while conditions
values = [0, 1, -1, 0.0, 0.5, "", "a", [], [0], (), (0,), {}, {"k": 0}, None, True, False]
for v in values:
    if v:
        print(repr(v), "is truthy")
    else:
        print(repr(v), "is falsy")
n = 3
while n:
    print("n =", n)
    n -= 1
