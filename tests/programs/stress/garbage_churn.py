# many short-lived strings, lists, tuples and big ints (exercises the collector)
total = 0
keep = []
for i in range(3000):
    s = str(i) + "-" + str(i * i)
    t = (i, s, [i, i + 1])
    big = (2 ** 80 + i) * 3
    total += len(s) + t[2][1] + big % 7
    if i % 500 == 0:
        keep.append(t)
print(total)
print(keep)
