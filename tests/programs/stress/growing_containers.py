# lists and dicts that grow large, shrink and grow again
lst = []
for i in range(5000):
    lst.append(i * 2)
while len(lst) > 10:
    lst.pop()
print(lst)
d = {}
for i in range(5000):
    d["k" + str(i)] = i
for i in range(0, 5000, 3):
    del d["k" + str(i)]
print(len(d), d["k1"], d["k4999"], d.get("k0"))
for i in range(5000):
    d["k" + str(i)] = -i
print(len(d), d["k0"], list(d)[:3])
