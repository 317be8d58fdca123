# del of dict keys, pop, and emptying a dict
d = {"x": 1, "y": 2, "z": 3}
del d["y"]
print(d, len(d))
del d["x"]
del d["z"]
print(d, len(d), bool(d))
d["new"] = 1
print(d)
counts = {}
for i in range(100):
    counts[i % 7] = counts.get(i % 7, 0) + 1
print(counts)
for k in list(counts.keys()):
    if counts[k] > 14:
        del counts[k]
print(counts)
