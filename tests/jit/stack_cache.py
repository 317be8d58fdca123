# The stack cache: values that live in registers between stencils must be
# written back exactly when a guard fails, a branch leaves, an error is
# raised or a uop calls out (and may collect) in the middle of an
# expression.


def deep_overflow(n):
    # a + b * (c - d): three values cached when the subtraction runs; the
    # multiplication overflows the small ints at some point and deopts
    # with the others still in registers.
    a, b, c, d = 1, 3, 10, 4
    total = 0
    for i in range(n):
        total = a + b * (c - d)
        b = b * 5
        c = c + i
    return total


def type_change(xs):
    # the operands turn from int to float mid-loop: the float guard fails
    # with the list and the index cached.
    out = []
    for i in range(len(xs)):
        out.append(xs[i] * 2 + xs[i] // 3 - i)
    return out


def calls_out(n):
    # tuples and lists built from cached values: the building uop writes
    # them back first, then allocates (a collection may run there).
    keep = []
    for i in range(n):
        t = (i, i * 2, [i, i + 1], str(i))
        keep.append(t)
    return keep[-1], len(keep)


def swaps(n):
    # a, b = b, a and b[i] += x: _SWAP and _COPY kept in registers.
    a, b = 1, 2
    grid = [0, 0, 0]
    for i in range(n):
        a, b = b, a + b
        grid[i % 3] += a % 7
    return a % 1000, b % 1000, grid


def raises(n):
    # an error in the middle of an expression, with values cached, caught
    # by the loop itself.
    caught = 0
    vals = [1, 2, 0, 4]
    acc = 0
    for i in range(n):
        try:
            acc = acc + 100 // vals[i % 4] + i
        except ZeroDivisionError:
            caught += 1
    return acc, caught


print(deep_overflow(40))
print(type_change([1, 2, 3, 4, 5, 6, 1.5, 2.5, 7, 8]))
print(calls_out(300))
print(swaps(200))
print(raises(100))
