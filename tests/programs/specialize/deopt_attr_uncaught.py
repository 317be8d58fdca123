# A specialized attribute load whose attribute was deleted: the generic path
# raises the AttributeError.
class P:
    def __init__(self):
        self.v = 1


def read(p):
    return p.v


p = P()
total = 0
for i in range(50):
    total += read(p)
print(total)
del p.v
print(read(p))
