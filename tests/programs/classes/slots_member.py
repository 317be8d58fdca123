# A __slots__ name read on the class is a member descriptor.

class P:
    __slots__ = ("x", "y", "__secret")

    def __init__(self, x):
        self.x = x
        self.__secret = x * 2


class Q(P):
    __slots__ = ("z",)


class R(Q):
    pass


print(P.x)
print(repr(P.y), str(P.y))
print(P._P__secret)
print(Q.x, Q.z, R.z, R.x)
print(type(P.x).__name__, type(P.x) is type(Q.z))
print(P.x.__name__, P.x.__objclass__.__name__, Q.z.__objclass__.__name__, R.x.__objclass__.__name__)
print(getattr(P, "x"), getattr(P, "w", "no w"))
print(hasattr(P, "x"), hasattr(P, "y"), hasattr(P, "w"), hasattr(R, "z"))
print(isinstance(P.x, type(Q.z)), callable(P.x))
print([str(getattr(Q, n)) for n in ("x", "y", "z")])
print(P.__slots__, "x" in P.__dict__ if False else "skip")

p = P(3)
print(p.x, hasattr(p, "y"), getattr(p, "y", "unset"))
p.y = 4
print(p.y, hasattr(p, "y"))


class S:
    __slots__ = "only"
    only_doc = "class attribute beside the slot"


print(S.only, S.only_doc)
s = S()
try:
    s.only
except AttributeError as e:
    print("AttributeError:", e)
try:
    P.w
except AttributeError as e:
    print("AttributeError:", e)
try:
    Q(1).z
except AttributeError as e:
    print("AttributeError:", e)

# Reading the slot through a member taken from the class.
class Alias:
    y = P.x

class PP(P):
    alias = P.x

print(PP(5).alias, PP.alias)
try:
    Alias().y
except TypeError as e:
    print("TypeError:", e)
pp = PP(1)
del pp.x
try:
    pp.alias
except AttributeError as e:
    print("AttributeError:", e)
for k in range(3):
    print(P.x, Q.z)
