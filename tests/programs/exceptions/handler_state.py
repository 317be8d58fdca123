# variables assigned before an exception keep their values; loops continue after handling
results = []
for x in [1, 0, 2, "a", 4]:
    try:
        results.append(10 // x)
    except ZeroDivisionError:
        results.append("div0")
    except TypeError:
        results.append("type")
print(results)
value = "unset"
try:
    value = "set"
    raise ValueError
    value = "unreachable"
except ValueError:
    pass
print(value)
def safe_div(a, b):
    try:
        return a / b
    except ZeroDivisionError:
        return None
print(safe_div(1, 4), safe_div(1, 0))
