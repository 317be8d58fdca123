class Point:
    __slots__ = ("x", "y")

    def __init__(self, x):
        self.x = x


pt = Point(1)
print(pt.x)
print(pt.y)
