# Nested loops (the inner loop's trace, the outer loop's trace ending where
# the inner one starts, linked to it) and recursion with the JIT on: fib
# called from a hot loop is inlined into itself up to the trace's depth
# limit, where the trace ends inside the inlined frames and tier 1 goes on
# there (tri, whose base case is the rare branch); a recursive function
# whose every frame runs a hot loop.
def matrix(n):
    rows = []
    for i in range(n):
        row = []
        for j in range(n):
            row.append((i * j) % 7)
        rows.append(row)
    return rows


def checksum(rows):
    s = 0
    i = 0
    while i < len(rows):
        j = 0
        while j < len(rows[i]):
            s = s * 31 + rows[i][j]
            s = s % 1000000007
            j += 1
        i += 1
    return s


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def tri(n):
    if n == 0:
        return 0
    return n + tri(n - 1)


def tris(n):
    t = 0
    for k in range(n):
        t = t + tri(k % 12)
    return t


def walk(tree, depth):
    total = 0
    for item in tree:
        if isinstance(item, list):
            total = total + walk(item, depth + 1)
        else:
            total = total + item * depth
    return total


def build(depth, width):
    if depth == 0:
        return list(range(width))
    return [build(depth - 1, width) for _ in range(3)] + [depth]


m = matrix(40)
print(checksum(m))
fibs = []
for k in range(22):
    fibs.append(fib(k))
print(fibs)
print(fib(20))
print(tris(300))
print(walk(build(4, 30), 1))
