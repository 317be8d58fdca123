def make_counter(start=0):
    count = start

    def inc(step=1):
        nonlocal count
        count += step
        return count

    def get():
        return count

    return inc, get


inc, get = make_counter(10)
print(inc(), inc(), inc(5), get())
inc2, get2 = make_counter()
print(inc2(), get(), get2())


def outer():
    x = 1

    def middle():
        def inner():
            return x * 100
        return inner

    x = 2
    return middle()


print(outer()())


def adders():
    fs = []
    for i in range(3):
        fs.append(lambda v: v + i)
    return fs


print([f(10) for f in adders()])


def adders_bound():
    return [lambda v, i=i: v + i for i in range(3)]


print([f(10) for f in adders_bound()])

late = [lambda: i * 10 for i in range(4)]
print([f() for f in late])


def comp_capture(n):
    base = 7
    return [(lambda: k + base) for k in range(n)]


print([f() for f in comp_capture(3)])


def accumulate():
    total = 0
    items = []

    def add(x):
        nonlocal total
        total += x
        items.append(x)
        return total

    for v in [3, 4, 5]:
        add(v)
    return total, items


print(accumulate())


def param_cell(a, b=2):
    def show():
        return a + b
    a = a * 10
    return show()


print(param_cell(1), param_cell(1, 3))


def deep():
    v = "deep"

    def l1():
        def l2():
            def l3():
                return v
            return l3()
        return l2()
    return l1()


print(deep())


def rebinding():
    x = 0

    def setter(v):
        nonlocal x
        x = v

    def getter():
        return x

    setter(5)
    a = getter()
    setter(9)
    return a, getter(), x


print(rebinding())


def class_in_func(n):
    class Box:
        def get(self):
            return n * 2
        size = n
    return Box().get(), Box.size


print(class_in_func(21))


def fib_memo():
    memo = {}

    def fib(k):
        if k in memo:
            return memo[k]
        r = k if k < 2 else fib(k - 1) + fib(k - 2)
        memo[k] = r
        return r
    return fib


print(fib_memo()(60))
