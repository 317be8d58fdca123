# bitwise operators on ints (small, negative and big): ~ & | ^ << >>
print(~5, ~-1, ~0)
print(6 & 3, 6 | 3, 6 ^ 3)
print(1 << 10, 1024 >> 3, -16 >> 2)
print(-1 >> 5, -7 & 0xFF)
print(1 << 70, (1 << 70) >> 68)
print((2 ** 100 - 1) & 0xFFFF, -(2 ** 80) | 1)
y = 6
y &= 3; print(y)
y |= 8; print(y)
y ^= 1; print(y)
y <<= 3; print(y)
y >>= 2; print(y)
print(True & False, True | False, True ^ True)
