# A small function called from a hot loop is inlined into the loop's trace
# (_PUSH_FRAME ... _POP_FRAME). Later it behaves differently: a branch
# inside it goes the other way, its int arithmetic overflows, a float comes
# in, it raises, and a call inside it raises. Each time the trace leaves
# from inside the inlined frame, and tier 1 must resume there with all the
# frames intact (the tracebacks and the values printed show they are).
class Stop(Exception):
    pass


def scale(x, limit):
    if x < limit:
        return x * 3
    return -x


def check(x):
    if x % 250 == 77:
        raise Stop("at " + str(x))
    return x + 1


def inner(x):
    return check(x) * 2


def parse(s):
    return int(s) + 1


def run(n, limit):
    total = 0
    hits = 0
    for i in range(n):
        total = total + scale(i, limit)
        try:
            total = total - inner(i)
        except Stop as e:
            hits += 1
            print("caught", e, "total", total)
    return total, hits


def parse_all(words):
    total = 0
    bad = []
    for w in words:
        try:
            total = total + parse(w)
        except ValueError as e:
            bad.append(str(e))
    return total, bad


def overflow(n):
    big = 0
    for k in range(n):
        big = big + scale(2**45 + k * 2**37, 2**50)
    return big


def floats(n):
    flt = 0
    for k in range(n):
        flt = flt + scale(k if k < 200 else k + 0.5, 250)
    return flt


print(run(1000, 600))
print(run(1000, 2000))
words = [str(i) for i in range(300)]
words[150] = "x150"
words[220] = "2.5"
print(parse_all(words))
print(overflow(300))
print(floats(300))
