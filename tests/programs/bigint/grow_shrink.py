# results that become big and then shrink back to small ints
print((2 ** 70) // (2 ** 68))
print((2 ** 70) - (2 ** 70 - 5))
print((10 ** 25 + 3) % 10)
print((2 ** 100) // (2 ** 100))
a = 2 ** 80
b = a + 12345
print(b - a)
print((a * a) // (a * 1024))
print(-(2 ** 90) // (2 ** 88))
print(2 ** 65 - 2 ** 64 - 2 ** 64)
c = 123456789 * 987654321 * 555555555
print(c, c // 987654321 // 555555555)
print(a // -a, a % a)
print((2 ** 64 + 1) * (2 ** 64 - 1) - 2 ** 128)
