# super(C, obj): explicit two-argument form, through several levels.
class A:
    def __init__(self, x):
        self.x = x

    def who(self):
        return "A"

    def describe(self):
        return "A(%d)" % self.x


class B(A):
    def __init__(self, x, y):
        super(B, self).__init__(x)
        self.y = y

    def who(self):
        return "B>" + super(B, self).who()


class C(B):
    def who(self):
        # Skip B's version on purpose.
        return "C>" + super(B, self).who()

    def both(self):
        return super(C, self).who() + "|" + super().who()


c = C(1, 2)
print(c.x, c.y, c.who(), c.both(), super(C, c).describe())
s = super(A, c)
try:
    s.who()
except AttributeError as e:
    print(e)
try:
    super(B, A(1))
except TypeError as e:
    print(e)
try:
    super(3, c)
except TypeError as e:
    print(e)
