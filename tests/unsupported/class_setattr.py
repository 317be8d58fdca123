# expect: TypeError: stitch: unsupported: a class defining __setattr__
class Frozen:
    def __setattr__(self, name, value):
        raise AttributeError(name)

print(Frozen())
