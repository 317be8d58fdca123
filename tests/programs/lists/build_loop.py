# building and scanning lists in loops: running max, reverse copy, filtering
data = [5, 3, 9, 1, 7, 9, 2]
best = data[0]
for x in data:
    if x > best:
        best = x
print(best)
rev = []
for i in range(len(data) - 1, -1, -1):
    rev.append(data[i])
print(rev)
evens = []
for x in data:
    if x % 2 == 0:
        evens.append(x)
print(evens)
squares = []
n = 0
while len(squares) < 6:
    squares.append(n * n)
    n += 1
print(squares, sum(squares), len(squares))
