# int comparison operators, equality and identity-free ordering
print(3 < 5, 5 < 3, 3 <= 3, 3 >= 4, 3 == 3, 3 != 3)
print(-1 < 0, -100 > -101)
print(2 ** 100 > 2 ** 99, 2 ** 100 == 2 ** 100, -(2 ** 100) < 1)
print(max(3, -7), min(3, -7))
print(0 == -0)
