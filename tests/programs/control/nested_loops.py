# nested loops building a multiplication table and a triangle
for i in range(1, 5):
    row = ""
    for j in range(1, 5):
        row += str(i * j) + " "
    print(row.strip())
for i in range(4):
    print(" " * (3 - i) + "*" * (2 * i + 1))
pairs = 0
for a in range(10):
    for b in range(a, 10):
        for c in range(b, 10):
            if a + b + c == 10:
                pairs += 1
print(pairs)
