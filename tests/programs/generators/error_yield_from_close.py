def stubborn():
    try:
        yield 1
    except GeneratorExit:
        print("ignoring")
        yield 2

def outer():
    yield from stubborn()

g = outer()
print(next(g))
g.close()
