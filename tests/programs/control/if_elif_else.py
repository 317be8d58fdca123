# if / elif / else chains and nested ifs
def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    else:
        return "large"

for n in [-5, 0, 3, 10, 100]:
    print(n, classify(n))
x = 7
if x > 5:
    if x % 2 == 1:
        print("big odd")
    else:
        print("big even")
if x < 0:
    print("never")
print("after")
