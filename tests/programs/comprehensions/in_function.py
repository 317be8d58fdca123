# comprehensions inside functions reading the function's parameters and locals
def scaled(values, factor):
    offset = 1
    return [v * factor + offset for v in values]

def pairs_below(n):
    return [(a, b) for a in range(n) for b in range(a, n) if a + b == n - 1]

print(scaled([1, 2, 3], 10))
print(pairs_below(5))
