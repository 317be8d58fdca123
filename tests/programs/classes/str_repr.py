# __str__ and __repr__ are used by print, str, repr and container printing
class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return "Vec(" + repr(self.x) + ", " + repr(self.y) + ")"

class Named:
    def __init__(self, n):
        self.n = n

    def __str__(self):
        return "Named " + self.n

    def __repr__(self):
        return "<Named " + repr(self.n) + ">"

class OnlyRepr:
    def __repr__(self):
        return "only-repr"

v = Vec(1, 2.5)
print(v)
print(str(v), repr(v))
print([v, Vec(0, "s")])
n = Named("bo")
print(n)
print(str(n), repr(n))
print([n], (n,), {"k": n})
print(OnlyRepr(), str(OnlyRepr()))
