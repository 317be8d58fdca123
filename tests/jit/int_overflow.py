# A small-int loop whose values leave stitch's 48-bit inline range mid-loop
# (2**47), come back below it, and cross the negative bound too: the trace's
# int guards fail (deopt exits) and tier 1 must go on with the exact values.
def climb(start, n, step):
    x = start
    out = []
    for i in range(n):
        x = x + step
        if i % 25 == 0:
            out.append(x)
    return x, out


def descend(start, n, step):
    x = start
    for i in range(n):
        x = x - step
    return x


def square_walk(n):
    # multiplication overflowing: 3**k passes 2**47 at k = 30
    p = 1
    k = 0
    while k < n:
        p = p * 3
        k = k + 1
    return p


top, seen = climb(2**47 - 120, 300, 1)
print(top, top - 2**47)
print(seen)
print(climb(2**47 + 200, 300, -1)[0])
print(descend(-(2**47) + 150, 300, 1))
print(square_walk(60))
print(square_walk(20))
