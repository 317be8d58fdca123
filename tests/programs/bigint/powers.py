# big powers of two, ten and negative bases
print(2 ** 64, 2 ** 100, 2 ** 128)
print(10 ** 30)
print((-3) ** 41)
print(7 ** 77)
print(2 ** 1000 % 1000007)
print(-(2 ** 200))
x = 1
for i in range(10):
    x = x * 1000000007
print(x)
print(3 ** 200 // 3 ** 198)
