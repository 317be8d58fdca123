# Set iteration order after deletions: CPython 3.11's set.add puts a new key
# into the last dummy (deleted slot) its probe met before the first unused
# slot; difference_update resizes the dummies away once more than a quarter
# of the slots are dummies; the other operations build their results in
# CPython's order.
S = set()
for x in [-5, 2, 7, 10, 8]:
    S.add(x)
S.discard(7)
S.discard(10)
S.add(9)
S.add(7)
print(S)

S = set()
for x in [34, -3, -11, 33, 36, 21]:
    S.add(x)
S.pop()
S.add(1)
print(S)

# difference_update drops the dummies
S = set()
S.add(-24)
S.add(-11)
S.pop()
S.pop()
S -= set()
S.add(384)
S.add(-256)
print(S)
S = set(range(0, 64, 4))
S.difference_update(range(0, 40, 4))
S.add(1)
S.add(65)
print(S, S - {3})

# union / difference with several arguments: one result updated in place
T = {28, 20}
S = set(T)
T.add(-10)
print(S.union(T, {}), S.union(T, S, [5, 13]))
S = {0, 65, 2, 3, -9}
T = {1, 16, 27648}
print(S.union(T, {}), frozenset(S) | T)
S = set(range(40))
print(S.difference({1, 2}, range(3, 30)), S.difference(range(35), [36]))

# symmetric_difference_update walks a dict in its insertion order
S = set([0, -10240, 640, 65])
S.symmetric_difference_update({4: 1, 128: 1})
print(S)
S = set([608, 25, 36, -96])
S ^= set([2, 1536])
print(S)
S = set([608, 25, 36, -96])
S.symmetric_difference_update({2: 0, 1536: 0})
print(S)

# intersection_update with a list keeps the intersection's own table
S = set([23, 31, 5, 21, 38, -5120])
S.intersection_update([896, 5, -8, 11, 21, -192])
print(S, S - set())
S = {112}
S.symmetric_difference_update([208, -9, 14, -6, 1600])
S.add(704)
S.intersection_update([-9, 112, 12, 25, 20, 704])
print(S, S - set())

# a deterministic churn of adds and discards over colliding keys
state = 12345
S = set()
for step in range(3000):
    state = (state * 1103515245 + 12345) % 2147483648
    k = (state >> 8) % 48 * (8 if step % 3 else 1) - 60
    if (state >> 4) % 5 < 3:
        S.add(k)
    else:
        S.discard(k)
    if step % 250 == 0:
        print(step, S)
print(S, len(S))
