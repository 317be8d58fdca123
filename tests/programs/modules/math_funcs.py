import math
print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan)
for f in (math.sqrt, math.exp, math.log, math.log2, math.log10, math.sin, math.cos, math.tan,
          math.atan, math.sinh, math.cosh, math.tanh, math.fabs, math.degrees, math.radians):
    print(f.__name__, f(0.5), f(2))
print(math.asin(0.5), math.acos(0.5), math.atan2(1, -1), math.hypot(3, 4), math.hypot(1, 2, 2))
print(math.log(8, 2), math.log(100, 10), math.log(10 ** 500), math.log2(2 ** 1000), math.log10(10 ** 300))
print(math.pow(2, 10), math.pow(2.5, -1.5), math.fmod(-7, 3), math.fmod(7.5, 2), math.copysign(3, -0.0))
print(math.floor(2.7), math.floor(-2.7), math.ceil(2.1), math.ceil(-2.1), math.trunc(-3.9), math.trunc(3))
print(math.floor(1e300) == 10 ** 300, math.ceil(2 ** 70 + 0.0), math.floor(10 ** 40), type(math.floor(2.0)))
print(math.isfinite(1.0), math.isfinite(math.inf), math.isinf(-math.inf), math.isnan(math.nan), math.isnan(1))
print(math.modf(3.25), math.modf(-3.25), math.frexp(8.0), math.frexp(0.0), math.ldexp(3, 4))
print(math.isqrt(0), math.isqrt(99), math.isqrt(10 ** 41), math.gcd(0, 0), math.gcd(12, -18), math.gcd(2 ** 80, 6 ** 40))
print(math.factorial(0), math.factorial(20), math.factorial(30), math.comb(50, 25), math.perm(10, 3), math.comb(3, 5))
print(math.isclose(1.0, 1.0 + 1e-12), math.isclose(1.0, 1.1), math.prod([1, 2, 3, 4]), math.lcm(4, 6))
print(math.sqrt(2) ** 2, math.exp(1) == math.e, math.erf(0.5), math.expm1(1e-10), math.log1p(1e-10))
bad = [("sqrt(-1)", lambda: math.sqrt(-1)), ("log(0)", lambda: math.log(0)),
       ("log(-5)", lambda: math.log(-5)), ("acos(2)", lambda: math.acos(2)),
       ("exp(1000)", lambda: math.exp(1000)), ("pow(0, -1)", lambda: math.pow(0, -1)),
       ("pow(-8, 1/3)", lambda: math.pow(-8, 1 / 3)), ("pow(10, 400)", lambda: math.pow(10, 400)),
       ("factorial(-1)", lambda: math.factorial(-1)), ("isqrt(-4)", lambda: math.isqrt(-4)),
       ("floor(inf)", lambda: math.floor(math.inf)), ("ceil(nan)", lambda: math.ceil(math.nan)),
       ("sqrt('x')", lambda: math.sqrt("x")), ("factorial(2.5)", lambda: math.factorial(2.5)),
       ("fmod(1, 0)", lambda: math.fmod(1, 0)), ("cosh(1000)", lambda: math.cosh(1000)),
       ("ldexp(1, 5000)", lambda: math.ldexp(1, 5000)), ("sqrt(10**400)", lambda: math.sqrt(10 ** 400))]
for name, f in bad:
    try:
        print(name, f())
    except (ValueError, OverflowError, TypeError) as e:
        print(name, type(e).__name__, e)
