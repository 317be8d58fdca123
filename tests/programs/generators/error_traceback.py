def g():
    yield 1
    yield 1 / 0

for x in g():
    print(x)
