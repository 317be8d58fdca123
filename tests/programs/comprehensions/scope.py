# comprehension variables do not leak; comprehensions see globals and call functions
x = "outer"
squares = [x * x for x in range(4)]
print(x, squares)
LIMIT = 3
def double(n):
    return n * 2
print([double(n) for n in range(10) if n < LIMIT])
