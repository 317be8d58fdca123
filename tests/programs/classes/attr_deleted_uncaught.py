# Reading an attribute after deleting it ends with AttributeError.
class Thing:
    def __init__(self):
        self.size = 3


t = Thing()
for i in range(3):
    print(t.size)
del t.size
print(t.size)
