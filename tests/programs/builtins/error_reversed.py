class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __iter__(self):
        yield self.x
        yield self.y

p = Point(1, 2)
print(list(p))
print(list(reversed(p)))
