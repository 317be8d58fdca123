# pidigits: digits of pi from Gibbons' unbounded spigot (big-int linear
# fractional transforms), cross-checked against Machin's formula computed
# with scaled big integers, plus digits of e by a mixed-radix spigot.
# Stresses: arbitrary-precision *, //, divmod, comparisons of big ints,
# big int -> str, tuple packing/unpacking in a tight loop, list of digits.


def pi_spigot(n):
    q, r, t, k, m, x = 1, 0, 1, 1, 3, 3
    out = []
    while len(out) < n:
        if 4 * q + r - t < m * t:
            out.append(m)
            q, r, m = 10 * q, 10 * (r - m * t), (10 * (3 * q + r)) // t - 10 * m
        else:
            q, r, t, k, m, x = (q * k, (2 * q + r) * x, t * x, k + 1,
                                (q * (7 * k + 2) + r * x) // (t * x), x + 2)
    return out


def arctan_inv(x, scale):
    # arctan(1/x) * scale, by the alternating Taylor series.
    total = term = scale // x
    x2 = x * x
    n = 3
    sign = -1
    while term:
        term //= x2
        total += sign * (term // n)
        sign = -sign
        n += 2
    return total


def pi_machin(n):
    guard = 10
    scale = 10 ** (n + guard)
    pi = 4 * (4 * arctan_inv(5, scale) - arctan_inv(239, scale))
    return str(pi // 10 ** guard)


def e_spigot(n):
    size = n + 10
    a = [1] * size
    digits = []
    for _ in range(n):
        carry = 0
        for i in range(size - 1, 0, -1):
            carry, a[i] = divmod(a[i] * 10 + carry, i + 1)
        digits.append(carry)
    return digits


def isqrt_newton(n):
    # Integer square root by Newton's iteration on big ints.
    if n < 2:
        return n
    x = 1 << ((n.bit_length() + 1) // 2)
    while True:
        y = (x + n // x) >> 1
        if y >= x:
            return x
        x = y


def sqrt_digits(k, n):
    root = isqrt_newton(k * 10 ** (2 * n))
    return str(root)


def fib_pair(n):
    # (F(n), F(n+1)) by fast doubling.
    if n == 0:
        return 0, 1
    a, b = fib_pair(n >> 1)
    c = a * (2 * b - a)
    d = a * a + b * b
    if n & 1:
        return d, c + d
    return c, d


def digit_stats(digits):
    counts = [0] * 10
    for d in digits:
        counts[d] += 1
    return counts


def main():
    n = 2800
    spig = pi_spigot(n)
    text = "".join([str(d) for d in spig])
    machin = pi_machin(n)
    assert text == machin[:n], "pi mismatch"
    for i in range(0, 60, 20):
        print(text[i:i + 20])
    print("pi digit counts", digit_stats(spig))
    e = e_spigot(1000)
    etext = "2" + "".join([str(d) for d in e])[:999]
    print("e", etext[:30], "...", etext[-10:])
    print("e digit counts", digit_stats([int(ch) for ch in etext]))
    s2 = sqrt_digits(2, 2000)
    s3 = sqrt_digits(3, 2000)
    print("sqrt2", s2[:20], "sqrt3", s3[:20], "tails", s2[-6:], s3[-6:])
    f, g = fib_pair(20000)
    assert g * g - g * f - f * f in (1, -1)
    fs = str(f)
    print("fib(20000) has", len(fs), "digits:", fs[:12], "...", fs[-12:])
    print("checks", (f * 3) % 7, hex(f)[-8:], bin(g)[-8:], oct(f + g)[-6:])
    big = int(machin) * int(etext)
    print("product digits", len(str(big)), "mod 1e9+7 =", big % 1000000007)


main()
