a, *rest = [1, 2, 3, 4]
print(a, rest)
first, *mid, last = "hello"
print(first, mid, last)
*init, tail = range(5)
print(init, tail)
x, *y = (9,)
print(x, y)
(p, q), r = (1, 2), 3
print(p, q, r)
[m, (n, *o)] = [1, [2, 3, 4]]
print(m, n, o)
pairs = [(1, 2), (3, 4), (5, 6)]
for i, (u, v) in enumerate(pairs):
    print(i, u, v)
for k, *vs in [(1, 2, 3), (4,)]:
    print(k, vs)
h, *t = {7: 0}
print(h, t)
def f():
    a, *b, c = 1, 2, 3, 4, 5
    return b
print(f())
print([b for a, *b in [(1, 2), (3, 4, 5)]])
