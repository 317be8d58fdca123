# simple, chained and multiple-target assignment, rebinding to other types
a = 1
print(a)
a = "now a string"
print(a)
x = y = z = 7
print(x, y, z)
x = 8
print(x, y, z)
a, b = 1, 2
print(a, b)
a, b = b, a
print(a, b)
a, b, c = "xyz"
print(a, b, c)
[p, q] = [10, 20]
print(p, q)
(m, n) = (3, 4)
print(m, n)
i = 0
i = i + 1
print(i)
