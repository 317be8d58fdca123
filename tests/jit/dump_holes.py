# One loop whose trace needs every kind of hole the stitcher patches: opargs,
# 64-bit operands (inlined constants, the inlined callee's code), the next
# op and a taken branch, guards' deopt exits, error exits, and calls of
# runtime functions (symbols). STITCH_JIT_DUMP must name each of them.
def weight(x):
    return x * 3 + 1


def run(words, n):
    total = 0
    for i in range(n):
        w = words[i % 4]
        if i % 5 == 0:
            total = total + len(w)
        total = total + weight(i) + int(w)
    return total


print(run(["1", "22", "333", "4444"], 500))
