# return with no value, multiple values, early returns
def nothing():
    return

def implicit():
    x = 1

def multi():
    return 1, "two", 3.0

def early(n):
    for i in range(n):
        if i * i > n:
            return i
    return -1

print(nothing(), implicit())
print(multi())
a, b, c = multi()
print(a, b, c)
print(early(50), early(0))
