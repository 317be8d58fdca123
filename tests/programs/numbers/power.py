# ** with int and float operands, negative exponents give floats
print(2 ** 10)
print(2 ** 0, 0 ** 0)
print(2 ** -1)
print(2 ** -2, 10 ** -3)
print((-2) ** 3, (-2) ** 4)
print((-2) ** -3)
print(2.0 ** 3)
print(4 ** 0.5)
print(2 ** 0.5)
print(9.0 ** 0.5)
print(1.5 ** 2)
print((-1) ** 100, (-1) ** 101)
print(0 ** 5, 0.0 ** 2)
print(1 ** -5)
x = 3
x **= 3
print(x)
