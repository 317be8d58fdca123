# LookupError, ArithmeticError and Exception catch their built-in subclasses
try:
    {}["k"]
except LookupError as e:
    print("LookupError caught KeyError", e)
try:
    [][0]
except LookupError:
    print("LookupError caught IndexError")
try:
    1 / 0
except ArithmeticError:
    print("ArithmeticError caught ZeroDivisionError")
try:
    raise OverflowError("too big")
except ArithmeticError as e:
    print("ArithmeticError caught OverflowError", e)
for exc in [ValueError, TypeError, NameError, AttributeError, RuntimeError,
            NotImplementedError, StopIteration, AssertionError, RecursionError]:
    try:
        raise exc("x")
    except Exception as e:
        print(isinstance(e, exc), isinstance(e, Exception), isinstance(e, RuntimeError))
print(isinstance(KeyError("a"), LookupError), isinstance(ZeroDivisionError(), ArithmeticError))
print(isinstance(ValueError(), LookupError))
