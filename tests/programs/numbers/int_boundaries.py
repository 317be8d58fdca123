# arithmetic across 2**47 and 2**63 boundaries (small-int/boxed-int transitions)
a = 2 ** 47
print(a - 1, a, a + 1, -a, -a - 1)
b = 2 ** 47 - 1
print(b + 1, b * 2, b * b)
c = -(2 ** 47)
print(c - 1, c * 2, c * c, -c, abs(c))
print(a // 2, a % 7, (a - 1) // -1)
print((2 ** 46) + (2 ** 46))
print((2 ** 46) * 2 == 2 ** 47)
m = 2 ** 63
print(m - 1, m, m + 1)
print(-m, -m - 1, -(-m))
big = 2 ** 63 - 1
print(big + 1, big * 2, big * big)
small = -(2 ** 63)
print(small - 1, small * -1, small // -1, abs(small))
print(small % 10, small // 10)
print(2 ** 62 + 2 ** 62)
print(2 ** 64 - 1, 2 ** 64)
print(3037000500 * 3037000500)
print(-3037000500 * 3037000500)
print((2 ** 63) - (2 ** 63) + 5)
print((2 ** 64) // (2 ** 32))
n = 1
for i in range(70):
    n = n * 2
print(n)
for i in range(70):
    n = n // 2
print(n)
k = 2 ** 47 - 3
for i in range(6):
    print(k, k + k, -k - k)
    k += 1
