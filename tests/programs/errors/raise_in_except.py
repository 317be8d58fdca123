# an exception raised inside an except block propagates uncaught
try:
    [][1]
except IndexError:
    print("handling")
    raise RuntimeError("failed while handling")
