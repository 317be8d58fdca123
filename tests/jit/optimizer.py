# Code the trace optimizer improves: int and float chains where each
# operation's result feeds the next operation's type guard (removable once
# the first guard passed), constants loaded inline, locals the trace stored
# read without the unbound check. Run with the optimizer on and off
# (STITCH_JIT_OPT=0): the same output, more guards left without it.
def poly(n):
    acc = 0
    for i in range(n):
        x = i * 3 + 7
        y = x * x - i + 11
        acc = (acc + y * 2 - x) % 1000003
    return acc


def horner(n):
    t = 0.0
    x = 0.5
    for i in range(n):
        t = ((t * x + 1.5) * x - 0.25) * x + i
    return t


def concat(n):
    s = ""
    for i in range(n):
        s = "a" + s + "b" + "c"
        if len(s) > 30:
            s = str(i)
    return s


print(poly(500))
print(horner(500))
print(concat(200))
