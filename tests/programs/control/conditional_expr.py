# conditional expressions, nested and lazily evaluated
for n in range(-2, 3):
    print(n, "neg" if n < 0 else "zero" if n == 0 else "pos")
x = 5
y = x * 2 if x > 3 else x / 0
print(y)
print([i if i % 2 else -i for i in range(5)])
def loud(v):
    print("computed", v)
    return v
print(loud(1) if True else loud(2))
print((1 if x else 2) + 10)
