# mixing int and float promotes to float
print(1 + 2.0)
print(3 * 1.5)
print(10 - 0.5)
print(2 * 0.1)
print(1 + True, 1.5 + True)
print(3 - 3.0)
x = 5
x += 0.25
print(x)
print(7 // 2, 7.0 // 2, 7 // 2.0)
print(10 % 3, 10.0 % 3)
print(1 == 1.0, 2 == 2.5)
print(-3 * 2.0)
