def count(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return "done"

print(list(count(5)))
g = count(2)
print(next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print("stop", e.args, e.value)
for x in count(3):
    print(x)
print(sum(x * x for x in range(10)))
ys = (a + b for a in range(3) for b in range(3) if a != b)
print(list(ys))
def inner():
    x = yield 1
    print("got", x)
    yield x * 2
    return 99
def outer():
    r = yield from inner()
    print("ret", r)
    yield from [7, 8]
g = outer()
print(next(g))
print(g.send(21))
print(list(g))
print(repr(count(1))[:26])
def naturals():
    n = 0
    while True:
        yield n
        n += 1
for n in naturals():
    if n > 4: break
    print(n)
def fin():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")
g = fin()
print(next(g))
g.close()
k = 10
print(list(x + k for x in range(3)))
def bad():
    yield 1
    raise StopIteration
try:
    list(bad())
except RuntimeError as e:
    print("RT", e)
