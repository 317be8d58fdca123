def f():
    def g():
        return 1
    print(x)
    x = g()
    return x + g()


f()
