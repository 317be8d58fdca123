# recursion 500 frames deep is legal and must not overflow
def depth(n):
    if n == 0:
        return 0
    return 1 + depth(n - 1)

def sum_list(lst, i):
    if i == len(lst):
        return 0
    return lst[i] + sum_list(lst, i + 1)

print(depth(500))
print(sum_list(list(range(500)), 0))

def count_down(n, acc):
    if n == 0:
        return acc
    acc.append(n)
    return count_down(n - 1, acc)
print(len(count_down(500, [])))
