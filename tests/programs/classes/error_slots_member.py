class Vec:
    __slots__ = ("x", "y")


print(Vec.x, Vec.y)
v = Vec()
v.x = 1
print(v.x)
print(Vec.z)
