# repr of every power of two, from the smallest subnormal to the largest
# double: below a power of two the gap between doubles halves, so the
# shortest form can be the candidate one unit above the correctly rounded
# one (2.0 ** -24 is 5.960464477539063e-08, not ...0625e-08)
x = 2.0 ** -1074
e = -1074
while e < 1024:
    print(e, x, -x)
    x = x * 2.0
    e += 1
print(2.0 ** -24, 2.0 ** 149, 2.0 ** 956)

# near powers of ten, and values needing 15, 16 and 17 digits
e = -30
while e <= 30:
    p = 10.0 ** e
    print(p, p * 3, p / 3, p * 0.7, p * 123456789.0, p * 999999999999999.9)
    e += 1

# a deterministic spread of ordinary values
v = 0.5
for i in range(400):
    v = (v * 3.7 + 0.123456789) % 1000.0
    print(v, v / 1024, v * 1e-9, v * 1e20, round(v, 3), round(v, 12))
