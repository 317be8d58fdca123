# dicts keep insertion order, also after deleting and re-inserting keys
d = {}
for w in ["pear", "apple", "fig", "kiwi"]:
    d[w] = len(w)
for k in d:
    print(k, d[k])
del d["apple"]
d["apple"] = 0
d["pear"] = 99
print(d)
print(list(d))
for i in range(20):
    d[i] = i * i
for i in range(0, 20, 2):
    del d[i]
print(d)
