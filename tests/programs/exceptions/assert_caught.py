# assert raises AssertionError (with optional message) when the condition is false
assert True
assert 1 + 1 == 2, "never shown"
try:
    assert 1 > 2
except AssertionError as e:
    print("assert failed", e.args)
try:
    assert [] , "empty list is falsy"
except AssertionError as e:
    print("message:", e)
def check(x):
    assert x >= 0, "negative: " + str(x)
    return x
print(check(3))
try:
    check(-4)
except AssertionError as e:
    print(e)
