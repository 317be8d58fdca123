# bare raise re-raises the exception currently being handled
def inner():
    try:
        raise ValueError("original")
    except ValueError:
        print("inner handler, re-raising")
        raise

def outer():
    try:
        inner()
    except ValueError as e:
        print("outer caught:", e)
        return "recovered"

print(outer())
try:
    try:
        1 / 0
    except ZeroDivisionError as e:
        print("first:", e)
        raise
except ZeroDivisionError as e:
    print("second:", e)
try:
    try:
        raise KeyError("a")
    except KeyError:
        raise ValueError("replaced")
except ValueError as e:
    print("new exception from handler:", e)
