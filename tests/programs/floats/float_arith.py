# float arithmetic results and rounding behaviour
print(0.5 + 0.25)
print(1.0 - 0.9)
print(3.0 * 0.1)
print(1e16 + 1)
print(1e16 + 2)
print(0.1 + 0.7)
print(2.5 * 4)
print(1.0 / 3.0 * 3.0)
print(7.0 / 2)
print(-7.5 + 2.25)
x = 0.0
for i in range(10):
    x += 0.1
print(x)
print(x == 1.0)
print(1e300 * 1e-300)
print(2.0 ** 0.5 * 2.0 ** 0.5)
print(10.0 ** -2)
print(1.0 - 1e-16, 1.0 + 1e-16)
