# several statements on one line with semicolons, and one-line compound statements
a = 1; b = 2; c = a + b
print(a, b, c)
if c == 3: print("three")
for i in range(3): print(i, end=" ")
print()
while a < 4: a += 1
print(a)
def f(x): return x * 2
print(f(21))
