# A loop whose branch flips after the loop was compiled: the trace's branch
# exit gets hot, a side trace is compiled from where it leads, and the exit
# is linked to it; the side trace's end (the loop's head) is linked back to
# the loop's trace, so the loop runs on without returning to tier 1.
def flip(n, at):
    t = 0
    for i in range(n):
        if i < at:
            t = t + i
        else:
            t = t - i * 2
    return t


def alternate(n):
    evens = 0
    odds = 0
    i = 0
    while i < n:
        if i < 200 or i % 2 == 0:
            evens = evens + i
        else:
            odds = odds + i
        i = i + 1
    return evens, odds


print(flip(3000, 100))
print(alternate(3000))
