# big int floor division and modulo with negative operands
a = 10 ** 30 + 7
b = 3 ** 20
for x, y in [(a, b), (-a, b), (a, -b), (-a, -b), (a, 7), (-a, 7), (a, -7), (7, a), (-7, a), (-7, -a)]:
    q = x // y
    r = x % y
    print(q, r, q * y + r == x)
print(-(2 ** 64) // 3, -(2 ** 64) % 3)
print((2 ** 64) // -3, (2 ** 64) % -3)
