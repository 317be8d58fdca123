# uncaught AssertionError with a message
def check(v):
    assert v < 10, "value too large"
    return v

print(check(5))
print(check(50))
