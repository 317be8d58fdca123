# A loop specialized for ints whose values turn into floats mid-loop, and
# back: int guards fail (deopt exits) and tier 1 redoes the operation.
def accumulate(n, switch):
    x = 0
    for i in range(n):
        if i == switch:
            x = x + 0.5
        x = x + i
    return x


def mixed(values):
    t = 0
    for v in values:
        t = t * 2 + v
        t = t % 1000003
    return t


print(accumulate(400, 250))
print(accumulate(400, 1000))
vals = list(range(300)) + [1.25] + list(range(300))
print(mixed(vals))
print(mixed(list(range(600))))
r = 1
k = 0
while k < 300:
    r = r + k
    if k == 150:
        r = r / 4
    k += 1
print(r)
