# bigint: arbitrary-precision integer arithmetic: big Fibonacci numbers by
# repeated addition, a factorial by repeated multiplication, digit sums by
# repeated // and % with a big divisor, and str() of a ~4000-digit number
# (CPython 3.11 refuses int->str beyond 4300 digits, so bigger numbers are
# only reduced with %).
# Stresses: bigint add/multiply/divide/modulo, bigint -> str conversion.
def fib(n):
    a = 0
    b = 1
    for i in range(n):
        a, b = b, a + b
    return a

def fact(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r

def digit_sum(n):
    # sums decimal digits nine at a time without converting to str
    s = 0
    chunk = 10 ** 9
    while n > 0:
        low = n % chunk
        n = n // chunk
        while low > 0:
            s += low % 10
            low //= 10
    return s

f = fib(250000)
print(f % 1000000007, digit_sum(f))
g = fact(16000)
print(g % 1000000007, digit_sum(g))
print((g // f) % 1000000007, (g % f) % 1000000007)
h = fib(19000)
s = str(h)
print(len(s), s[:20], s[-20:])
