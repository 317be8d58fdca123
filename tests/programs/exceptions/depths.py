# exceptions propagate through frames until a matching handler
def level3(n):
    if n == 3:
        raise KeyError("deep")
    return [0][n]

def level2(n):
    try:
        return level3(n)
    except KeyError:
        print("level2 handled KeyError")
        return "l2"

def level1(n):
    try:
        return level2(n)
    except IndexError as e:
        print("level1 handled IndexError:", e)
        return "l1"

print(level1(0))
print(level1(3))
print(level1(7))

def recurse_then_fail(n):
    if n == 0:
        raise RuntimeError("bottom reached")
    return recurse_then_fail(n - 1)

try:
    recurse_then_fail(50)
except RuntimeError as e:
    print("caught after 50 frames:", e)
print("state after:", level1(0))
