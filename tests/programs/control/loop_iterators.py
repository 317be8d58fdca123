# Loops over lists, tuples and ranges, nested and back to back, so that
# iterators of finished loops are reused by later ones (iter.c): each loop
# must still see its own sequence and position.
data = [1, 2, 3]
pairs = ((1, "a"), (2, "b"))
out = []
for rep in range(300):
    total = 0
    for x in data:
        for y in range(x):
            for k, v in pairs:
                total += x * y + k
        for z in (x, x + 1):
            total -= z
    out.append(total)
print(out[:3], sum(out))

# A finished loop's iterator reused while an outer loop is still running.
seen = []
for a in range(3):
    for b in [10, 20]:
        pass
    for c in (7, 8):
        seen.append((a, b, c))
print(seen)

# Comprehensions and generator expressions hold their iterator in a hidden
# local; a partly consumed generator expression keeps its place while other
# loops finish around it.
g = (x * 2 for x in [1, 2, 3, 4])
first = next(g)
for i in range(5):
    for j in [i, i]:
        pass
squares = [n * n for n in range(6)]
print(first, next(g), squares, list(g))

# break and return leave the iterator to the collector; the next loops
# still start fresh.
def find(seq, target):
    for i, v in enumerate(seq):
        if v == target:
            return i
    return -1

hits = []
for t in range(6):
    for v in [5, 4, 3]:
        if v == t:
            break
    hits.append(find([3, 4, 5], t))
print(hits)

# Lists changed while their loop runs, and iter()/next() by hand.
items = [1, 2, 3]
for x in items:
    if x < 3:
        items.append(x + 10)
print(items)
it = iter([9, 8])
for x in [1]:
    pass
print(next(it), next(it), next(it, "done"))
