# intloop: nested while/for loops doing small-int arithmetic.
# Stresses: the interpreter dispatch loop, int + - * // % and comparisons,
# local variable access, range iteration, branches. No calls in the hot loop.
def work(n):
    total = 0
    i = 0
    while i < n:
        j = 0
        acc = i
        while j < 100:
            acc = (acc * 31 + j) % 1000003
            if acc % 2 == 1:
                total += acc // 7
            else:
                total -= acc % 13
            j += 1
        i += 1
    return total

def ranges(n):
    s = 0
    for a in range(n):
        for b in range(a % 50):
            s += a * b - (a + b) % 17
    return s

print(work(70000))
print(ranges(70000))
