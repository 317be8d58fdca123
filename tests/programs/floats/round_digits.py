# round(float, ndigits): the exact decimal rounding (ties to even on the
# binary value, not on its shortest repr), signed zeros, and the range where
# round() multiplies by 10**ndigits instead of printing the number.
import random

print(round(2.675, 2), round(0.125, 2), round(0.375, 2), round(1.5, 0), round(2.5, 0))
print(round(-2.5, 0), round(-0.5, 0), round(0.5, 0), round(-0.0004, 3), round(0.0004, 3))
print(round(1e15 + 0.5, 0), round(4503599627370495.5, 0), round(123.456, 22), round(5e-324, 5))
print(round(1.23456789e-10, 15), round(-1e300, 2), round(1.7976931348623157e308, 1))
print(round(12345.678, -2), round(0.5, 23), round(-7.0, 3), round(3.14159, 0))

random.seed(11)
h = 0
for i in range(30000):
    k = i % 5
    if k == 0:
        x = random.uniform(-100, 100)
    elif k == 1:
        x = random.randrange(-100000, 100000) / 1000 + random.choice([0.0005, -0.0005, 0.005, 0.5])
    elif k == 2:
        x = random.uniform(-1e-5, 1e-5)
    elif k == 3:
        x = random.randrange(-2**20, 2**20) / 2 ** random.randrange(1, 12)
    else:
        x = random.uniform(-1e15, 1e15)
    r = round(x, random.randrange(0, 18))
    h = (h * 1000003 + hash(r)) % (1 << 61)
print(h)
