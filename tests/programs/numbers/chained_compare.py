# chained comparisons evaluate each operand once and short-circuit
print(1 < 2 < 3)
print(1 < 3 < 2)
print(3 > 2 > 1 > 0)
print(1 == 1 == 1.0)
print(1 < 2 > 0)
print(1 <= 1 < 2 != 3)
x = 5
print(0 < x <= 10, 0 < x < 5)
print(1 < 2 == 2 < 3)

def v(n):
    print("eval", n)
    return n

print(v(1) < v(2) < v(3))
print(v(3) < v(2) < v(1))
print(v(1) == v(1) in [1, 2])
print("a" < "b" < "c")
