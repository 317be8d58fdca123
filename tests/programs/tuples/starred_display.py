# (a, *b) and {a, *b}: starred items in tuple and set displays.
s = [1, 2]
t = (*s, 9)
print(t, type(t).__name__)
print((*s,), (*"ab", *s, *range(3)), (*(), *[]))
print({*s, 3, *[4, 5]}, {0, *s}, {*()}, {*"aa"})
print([*s, *"ab"], [*{}, *{"k": 1}])


def gen():
    yield 1
    yield 2


print((*gen(), 0), {*gen(), 5})
for i in range(25):
    x = (i, *s, *[i] * (i % 3))
    y = {i % 4, *x}
    if i % 6 == 0:
        print(x, y)
try:
    print((*5,))
except TypeError as e:
    print("TypeError:", e)
try:
    print({*None})
except TypeError as e:
    print("TypeError:", e)
try:
    print({*[[1]]})
except TypeError as e:
    print("TypeError:", e)


def g(*a):
    return a


for call in [lambda: g(1, *5), lambda: g(*5), lambda: [1, *None], lambda: print(*5),
             lambda: [*map(int, [[1]])]]:
    try:
        print(call())
    except TypeError as e:
        print("TypeError:", e)
