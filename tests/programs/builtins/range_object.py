# range objects: indexing, membership and iteration more than once
r = range(2, 20, 3)
print(r[0], r[2], r[-1], len(r))
print(5 in r, 6 in r, 20 in r)
total = 0
for x in r:
    total += x
for x in r:
    total += x
print(total)
