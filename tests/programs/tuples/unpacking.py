# tuple packing/unpacking, swaps and nested unpacking
a, b = 1, 2
a, b = b, a
print(a, b)
a, b, c = 1, 2, 3
a, b, c = c, a, b
print(a, b, c)
x, (y, z) = 1, (2, 3)
print(x, y, z)
(p, q), r = [4, 5], 6
print(p, q, r)
for i, (k, v) in enumerate([("a", 1), ("b", 2)]):
    print(i, k, v)
def pair():
    return 7, 8
m, n = pair()
print(m, n, pair())
first, second = "hi"
print(first, second)
fib_a, fib_b = 0, 1
for _ in range(10):
    fib_a, fib_b = fib_b, fib_a + fib_b
print(fib_a)
