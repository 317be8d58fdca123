# Int comparisons feeding a conditional jump (fused into one instruction
# when hot): every operator, both jump senses (if / if not / while / and /
# or), at and around equality, with negative and large small ints, and a
# site that later sees floats, big ints and strs (the fused form deopts).
ops = []
for i in range(-3, 4):
    row = []
    for j in (-1, 0, 1, 2):
        r = 0
        if i < j:
            r |= 1
        if i <= j:
            r |= 2
        if i == j:
            r |= 4
        if i != j:
            r |= 8
        if i > j:
            r |= 16
        if i >= j:
            r |= 32
        if not i < j:
            r |= 64
        if not i >= j:
            r |= 128
        row.append(r)
    ops.append(row)
print(ops)

n = 0
k = 0
while k < 300:
    if k > 100 and k <= 200 or k == 250:
        n += 1
    k += 1
print(n, k)

big = 2 ** 46
hits = 0
for rep in range(300):
    x = big - 150 + rep
    if x >= big - 1:
        hits += 1
    if -x < -big:
        hits += 100
print(hits)

def classify(v, w):
    if v < w:
        return "lt"
    if v == w:
        return "eq"
    return "gt"

out = []
for rep in range(200):
    out.append(classify(rep % 5, 2))
print("".join(o[0] for o in out[:10]))
print(classify(1.5, 2), classify(2 ** 80, 2 ** 80), classify("b", "a"), classify(3, 2.5))
