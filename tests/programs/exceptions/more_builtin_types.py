# The rest of CPython's built-in exception hierarchy, ascii(), exit().
for cls in (OSError, FileNotFoundError, PermissionError, TimeoutError, BrokenPipeError,
            EOFError, UnicodeDecodeError, FloatingPointError, SystemError, TabError,
            UserWarning, DeprecationWarning, RuntimeWarning, StopAsyncIteration):
    chain = [c.__name__ for c in cls.__mro__]
    print(cls.__name__, chain)

print(IOError is OSError, EnvironmentError is OSError, __debug__)
try:
    raise FileNotFoundError("no such file")
except OSError as e:
    print("caught", type(e).__name__, e, e.args)
try:
    raise UserWarning("careful")
except Warning as w:
    print("warning", repr(w))
try:
    raise EOFError
except Exception as e:
    print("eof", repr(e))
print(issubclass(BrokenPipeError, ConnectionError), issubclass(TabError, SyntaxError),
      issubclass(UnicodeError, ValueError), isinstance(TimeoutError(), OSError))

print(ascii("plain"), ascii("héllo"), ascii("snow \u2603"), ascii("\U0001f600"))
print(ascii([1, "ü", ("ß", 2.5)]), ascii({"k": "é"}), ascii(None))
print(ascii("quote's"), ascii('"'))

try:
    exit(2)
except SystemExit as e:
    print("exit", e.code)
try:
    quit()
except SystemExit as e:
    print("quit", e.code)
print(StopIteration(5).value, StopIteration().value, StopIteration(1, 2).value)
print(SystemExit().code, SystemExit(3).code, SystemExit(1, 2).code)
e = StopIteration(4)
e.value = "set"
print(e.value, e.args)
exit("bye")
