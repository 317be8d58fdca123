# list indexing, negative indexes and item assignment
a = [10, 20, 30, 40, 50]
print(a[0], a[4], a[-1], a[-5])
a[0] = 11
a[-1] = 55
print(a)
a[2] += 5
print(a)
m = [[1, 2], [3, 4]]
m[1][0] = 99
print(m, m[-1][-1])
i = 0
while i < len(a):
    a[i] = a[i] * 2
    i += 1
print(a)
