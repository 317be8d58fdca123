# comparisons and equality of big ints of different signs and sizes
a = 2 ** 100
b = 2 ** 100 + 1
print(a < b, a == b, a != b, b > a)
print(-a > -b, -a < 0, a > 0)
print(a == 2 ** 100, a > 2 ** 63)
print(2 ** 64 > 2 ** 64 - 1, 10 ** 20 == 100000000000000000000)
print(-(10 ** 20) < -(10 ** 19))
print(1 < 2 ** 70 < 3 ** 70)
print(max(2 ** 70, 3 ** 44, 5 ** 30), min(-(2 ** 70), 0))
print(2 ** 100 == 2.0 ** 100)
