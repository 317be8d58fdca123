# finally runs on normal exit, return, break, continue and exceptions
def on_return():
    try:
        return "returned"
    finally:
        print("finally after return")

def on_exception():
    try:
        raise ValueError("boom")
    finally:
        print("finally during exception")

print(on_return())
try:
    on_exception()
except ValueError as e:
    print("caught", e)
for i in range(3):
    try:
        if i == 1:
            continue
        if i == 2:
            break
        print("body", i)
    finally:
        print("finally", i)
try:
    print("no exception")
finally:
    print("finally normal")
def nested():
    try:
        try:
            return 1
        finally:
            print("inner finally")
    finally:
        print("outer finally")
print(nested())
def except_then_finally():
    try:
        1 / 0
    except ZeroDivisionError:
        print("handled")
        return "from except"
    finally:
        print("finally after except")
print(except_then_finally())
