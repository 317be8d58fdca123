def acc():
    total = 0
    while True:
        x = yield total
        if x is None:
            break
        total += x
    return total

g = acc()
next(g)
for v in [1, 2, 3]:
    print(g.send(v))
try:
    g.send(None)
except StopIteration as e:
    print("final", e.value)

def guarded():
    try:
        yield 1
    except ValueError as e:
        print("caught", e)
        yield 2
    finally:
        print("finally")

g = guarded()
print(next(g))
print(g.throw(ValueError("boom")))
g.close()
g.close()

def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield 2
g = stubborn()
next(g)
try:
    g.close()
except RuntimeError as e:
    print(e)

def selfref():
    yield next(me)
me = selfref()
try:
    next(me)
except ValueError as e:
    print(e)

g = acc()
try:
    g.send(5)
except TypeError as e:
    print(e)
print(next(iter(acc())))
print(next((x for x in []), "empty"))
def tree(n):
    if n == 0:
        return
    yield from tree(n - 1)
    yield n
    yield from tree(n - 1)
print(list(tree(3)))
print(sorted(x % 3 for x in range(10)))
print(max((len(w), w) for w in "a bb ccc".split()))
gen = (i * i for i in range(4))
it = gen.__next__
print(it(), it(), list(gen))
