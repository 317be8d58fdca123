# nested for clauses and nested comprehensions
print([(i, j) for i in range(3) for j in range(2)])
print([i * j for i in range(1, 4) for j in range(i)])
print([c + d for c in "ab" for d in "xyz" if c != "b" or d != "y"])
matrix = [[r * 3 + c for c in range(3)] for r in range(3)]
print(matrix)
print([[row[i] for row in matrix] for i in range(3)])
print([x for row in matrix for x in row if x % 2])
