# Sites that specialize on one type, then see another: results must not change.
def add(a, b):
    return a + b

def sub(a, b):
    return a - b

def mul(a, b):
    return a * b

def div(a, b):
    return a / b

def fdiv(a, b):
    return a // b, a % b

def lt(a, b):
    return a < b

vals = [1, 2, 3, 2.5, -1.5, 2 ** 46, 2 ** 47, 10 ** 20, "x", True]
for a in vals:
    row = []
    for b in vals:
        for f in (add, sub, mul, div, fdiv, lt):
            try:
                row.append(f(a, b))
            except Exception as e:
                row.append(type(e).__name__)
    print(row)

# Growing past the small-int range inside a specialized loop.
x = 1
y = 3
for i in range(70):
    x = x + x
    y = y * 3 - 1
print(x, y, x << 3, x >> 60, -x // 7, x % 1000)
s = 1
for i in range(50):
    s = s << 1
print(s, 5 << 47, -3 << 46)
print(7 // 0 if False else "no", 1.5 / 2, 3 / 4)
for v in (0, 0.0):
    try:
        print(1 / v)
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)
    try:
        print(1 // v)
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)
