# enumerate and zip over lists, strings, tuples, ranges and dicts
for i, c in enumerate("abc"):
    print(i, c)
print(list(enumerate(["x", "y"])))
for i, v in enumerate([10, 20], 1):
    print(i, v)
print(list(zip([1, 2, 3], "abc")))
print(list(zip(range(5), [9, 8])))
print(list(zip([1, 2], (3, 4), "xy")))
for a, b in zip([1, 2, 3], [4, 5, 6]):
    print(a * b)
d = {"p": 1, "q": 2}
print(list(zip(d, d.values())))
print(list(enumerate([])), list(zip([], [1])))
