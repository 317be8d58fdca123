# polymorphic dispatch through an inheritance hierarchy
class Shape:
    def __init__(self, name):
        self.name = name

    def area(self):
        return 0

    def report(self):
        return self.name + ": " + str(self.area())

class Rect(Shape):
    def __init__(self, w, h):
        super().__init__("rect")
        self.w = w
        self.h = h

    def area(self):
        return self.w * self.h

class Square(Rect):
    def __init__(self, s):
        super().__init__(s, s)
        self.name = "square"

class Circle(Shape):
    def __init__(self, r):
        super().__init__("circle")
        self.r = r

    def area(self):
        return 3.0 * self.r * self.r

shapes = [Rect(2, 3), Square(4), Circle(1.5), Shape("blob")]
for s in shapes:
    print(s.report())
total = 0
for s in shapes:
    total += s.area()
print(total)
print([isinstance(s, Rect) for s in shapes])
