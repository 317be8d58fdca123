# break and continue affect only the innermost loop
for i in range(4):
    for j in range(4):
        if j == 2:
            break
        if i == j:
            continue
        print(i, j)
found = None
for i in range(10):
    j = 0
    while j < 10:
        if i * j == 42:
            found = (i, j)
            break
        j += 1
    if found:
        break
print(found)
count = 0
for i in range(20):
    if i % 2:
        continue
    if i > 12:
        break
    count += 1
print(count)
