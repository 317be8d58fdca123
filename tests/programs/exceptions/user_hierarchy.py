# user exception classes deriving from Exception, with custom __init__
class AppError(Exception):
    pass

class ConfigError(AppError):
    def __init__(self, key, msg):
        super().__init__(key + ": " + msg)
        self.key = key

class NetError(AppError):
    pass

def fail(kind):
    if kind == "config":
        raise ConfigError("port", "not a number")
    if kind == "net":
        raise NetError("timeout", 30)
    raise AppError("generic")

for kind in ["config", "net", "other"]:
    try:
        fail(kind)
    except ConfigError as e:
        print("config", e.key, e, e.args)
    except AppError as e:
        print("app", e, e.args, isinstance(e, NetError))
try:
    fail("net")
except Exception as e:
    print("as Exception:", isinstance(e, AppError), isinstance(e, Exception))
