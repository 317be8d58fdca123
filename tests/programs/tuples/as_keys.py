# tuples as dict keys and nested tuples
grid = {}
for r in range(3):
    for c in range(3):
        grid[(r, c)] = r * 3 + c
print(grid[(1, 2)], grid[2, 0])
print((1, 1) in grid, (5, 5) in grid)
nested = ((1, 2), (3, (4, 5)))
print(nested[1][1][0], nested)
print(len(grid))
