# sieve: list-based sieve of Eratosthenes, run a few times.
# Stresses: list creation with *, list item load/store in while loops,
# int arithmetic and comparisons.
def sieve(n):
    flags = [True] * (n + 1)
    flags[0] = False
    flags[1] = False
    i = 2
    while i * i <= n:
        if flags[i]:
            j = i * i
            while j <= n:
                flags[j] = False
                j += i
        i += 1
    return flags

def summarize(flags):
    count = 0
    total = 0
    last = 0
    for k in range(len(flags)):
        if flags[k]:
            count += 1
            total += k
            last = k
    return count, total, last

for rep in range(4):
    result = summarize(sieve(3000000))
print(result)
