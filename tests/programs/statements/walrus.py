data = [3, 8, 1, 9, 4]
if (n := len(data)) > 3:
    print("long", n)
i = 0
while (v := data[i]) != 9:
    i += 1
print(i, v)
evens = [y for x in data if (y := x * 2) > 6]
print(evens, y)
def g():
    total = 0
    vals = [total := total + x for x in range(5)]
    return vals, total
print(g())
print((z := 10) + z)
def h(xs):
    if [hit := x for x in xs if x > 5]:
        return hit
print(h([1, 7, 3, 8]))
