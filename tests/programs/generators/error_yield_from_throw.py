def bottom():
    yield 1
    yield 2

def middle():
    yield from bottom()

def top():
    r = yield from middle()
    return r

g = top()
print(next(g))
g.throw(ValueError("deep"))
