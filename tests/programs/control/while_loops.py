# while loops with break, continue and else
i = 0
while i < 5:
    i += 1
    if i == 2:
        continue
    print("i", i)
else:
    print("while-else runs when the condition becomes false")
n = 0
while True:
    n += 1
    if n >= 3:
        break
else:
    print("not printed: loop was broken")
print("n", n)
k = 10
while k > 100:
    print("never")
else:
    print("else of a loop that never ran")
