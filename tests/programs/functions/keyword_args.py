# keyword arguments at call sites, mixed with positional and defaults
def f(a, b, c=3, d=4):
    print(a, b, c, d)

f(1, 2)
f(1, 2, 5)
f(1, b=7)
f(b=2, a=1)
f(1, 2, d=9)
f(d=0, c=0, b=0, a=0)
f(1, 2, 3, d=8)

def area(width, height=1):
    return width * height
print(area(height=3, width=4), area(5))
print(sum([1, 2, 3]))
