# Exceptions with attributes: user subclasses storing fields in __init__,
# e.args, and attributes set on builtin exceptions.
class AppError(Exception):
    def __init__(self, code, msg):
        super().__init__(msg)
        self.code = code
        self.msg = msg


class NotFound(AppError):
    def __init__(self, what):
        super().__init__(404, "not found: " + what)
        self.what = what


def fail(i):
    if i % 2:
        raise NotFound("item" + str(i))
    raise AppError(500 + i, "broken " + str(i))


for i in range(4):
    try:
        fail(i)
    except NotFound as e:
        print("NotFound", e.code, e.msg, e.what, e.args)
    except AppError as e:
        print("AppError", e.code, e.msg, e.args, hasattr(e, "what"))

try:
    raise ValueError("bad", 2)
except ValueError as e:
    e.note = "added later"
    print(e.args, e.note, str(e))

err = KeyError("k")
err.extra = [1, 2]
err.extra.append(3)
print(err.extra, repr(err))
del err.extra
print(hasattr(err, "extra"))


class Plain(Exception):
    pass


p = Plain("a", "b")
p.detail = "d"
print(p.args, p.detail, str(p))
