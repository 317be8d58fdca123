# unbounded recursion raises RecursionError, which can be caught and survived
def forever(n):
    return forever(n + 1)

try:
    forever(0)
except RecursionError:
    print("caught RecursionError")

def still_works(n):
    return 0 if n == 0 else 1 + still_works(n - 1)
print(still_works(100))
try:
    forever(0)
except RuntimeError:
    print("RecursionError is a RuntimeError")
