# Allocation in every iteration of hot loops (lists, tuples, strings, big
# ints, instances, tuples made by an inlined call), run with the
# collector at every allocation (STITCH_GC_STRESS=1): the values a trace
# keeps on the VM stack and in locals must survive each collection.
class Box:
    def __init__(self, value):
        self.value = value


def pair(a, b):
    return (a, [b, a])


def churn(n):
    head = None
    keep = []
    words = ""
    big = 2**60
    for i in range(n):
        t = pair(i, str(i))
        keep.append(t[1])
        head = [t, head]
        words = words + str(i % 10)
        big = big + i * 2**50
        d = [i] * 3
        if len(keep) > 50:
            keep = [keep[-1]]
        head[0] = (d[2], big % 1000)
    count = 0
    total = 0
    while head is not None:
        count = count + 1
        total = total + head[0][0] + head[0][1]
        head = head[1]
    return count, total, len(keep), words[-20:], big


def boxes(n):
    out = []
    for i in range(n):
        b = Box([i, str(i)])
        b.value.append(b.value[1] * 2)
        out.append(b)
    return sum(len(b.value[2]) for b in out), out[-1].value


print(churn(250))
print(churn(120))
print(boxes(200))
