# sort: hand-written quicksort (in place, recursive) and mergesort (building
# new lists) on pseudo-random data from a linear congruential generator.
# Stresses: recursion, list indexing/swaps, append, comparisons, slicing.
def lcg_list(n, seed):
    out = []
    x = seed
    for i in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        out.append(x % 1000000)
    return out

def quicksort(a, lo, hi):
    while lo < hi:
        pivot = a[(lo + hi) // 2]
        i = lo
        j = hi
        while i <= j:
            while a[i] < pivot:
                i += 1
            while a[j] > pivot:
                j -= 1
            if i <= j:
                a[i], a[j] = a[j], a[i]
                i += 1
                j -= 1
        if j - lo < hi - i:
            quicksort(a, lo, j)
            lo = i
        else:
            quicksort(a, i, hi)
            hi = j

def mergesort(a):
    if len(a) <= 1:
        return a
    mid = len(a) // 2
    left = mergesort(a[:mid])
    right = mergesort(a[mid:])
    out = []
    i = 0
    j = 0
    nl = len(left)
    nr = len(right)
    while i < nl and j < nr:
        if left[i] <= right[j]:
            out.append(left[i])
            i += 1
        else:
            out.append(right[j])
            j += 1
    while i < nl:
        out.append(left[i])
        i += 1
    while j < nr:
        out.append(right[j])
        j += 1
    return out

def checksum(a):
    s = 0
    for i in range(len(a)):
        s = (s * 31 + a[i]) % 1000000007
    return s

def is_sorted(a):
    for i in range(1, len(a)):
        if a[i - 1] > a[i]:
            return False
    return True

data = lcg_list(400000, 42)
q = list(data)
quicksort(q, 0, len(q) - 1)
m = mergesort(data)
print(is_sorted(q), is_sorted(m), q == m)
print(q[0], q[len(q) // 2], q[-1], checksum(q))
