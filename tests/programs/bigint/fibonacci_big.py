# iterative Fibonacci far into big-int territory, with sums of digits
a, b = 0, 1
for i in range(300):
    a, b = b, a + b
print(a)
total = 0
for ch in str(a):
    total += int(ch)
print(total)
print(a % 1000000007, a // 10 ** 60)
