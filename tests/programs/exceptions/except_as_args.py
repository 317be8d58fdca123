# except E as e: e.args and str(e) for raised instances
try:
    raise ValueError("bad value")
except ValueError as e:
    print(e.args, str(e))
    print(e)
try:
    raise RuntimeError("two", 2)
except RuntimeError as e:
    print(e.args, str(e))
try:
    raise KeyError("k")
except KeyError as e:
    print(e.args, str(e))
try:
    raise Exception()
except Exception as e:
    print(e.args, "[" + str(e) + "]")
try:
    raise TypeError
except TypeError as e:
    print(e.args, "[" + str(e) + "]")
try:
    raise IndexError(42)
except IndexError as e:
    print(e.args, str(e), e.args[0] + 1)
