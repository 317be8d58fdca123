# reversed(): a user class's __reversed__, else the sequence protocol.

class L(list):
    def __reversed__(self):
        print("L.__reversed__")
        return iter(["custom", len(self)])

print(list(reversed(L([1, 2]))))

class PlainL(list):
    def __getitem__(self, i):
        return "never used by reversed"

print(list(reversed(PlainL([1, 2, 3]))))

class Seq:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
    def __getitem__(self, i):
        if not 0 <= i < self.n:
            raise IndexError(i)
        return i * 10

print(list(reversed(Seq(4))))
print(list(reversed(Seq(0))))
r = reversed(Seq(2))
print(next(r), next(r), next(r, "end"), next(r, "still end"))

class Shrinking:
    # __len__ claims more than __getitem__ gives: IndexError ends it.
    def __len__(self):
        return 5
    def __getitem__(self, i):
        if i >= 2:
            raise IndexError("too far")
        return i

print(list(reversed(Shrinking())))

class StopsEarly:
    def __len__(self):
        return 4
    def __getitem__(self, i):
        if i == 1:
            raise StopIteration
        return i

print(list(reversed(StopsEarly())))

class Both:
    def __len__(self):
        return 2
    def __getitem__(self, i):
        return i
    def __reversed__(self):
        return iter("ba")

print(list(reversed(Both())))

class Rev:
    def __reversed__(self):
        yield from [3, 2, 1]

print(list(reversed(Rev())))
print(list(reversed(Rev())))

class Base:
    def __reversed__(self):
        return iter([type(self).__name__])

class Derived(Base):
    pass

print(list(reversed(Derived())))

class Tree:
    def __init__(self, items):
        self.items = items
    def __iter__(self):
        return iter(self.items)
    def __reversed__(self):
        return reversed(self.items)

t = Tree([1, 2, 3])
print(list(t), list(reversed(t)))
print([x for x in reversed(Seq(3))], sum(reversed(Seq(5))))
for i, v in enumerate(reversed(Seq(3))):
    print(i, v)

class Weird:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        if i == 1:
            raise KeyError("bad index")
        return i

w = reversed(Weird())
print(next(w))
try:
    next(w)
except KeyError as e:
    print("KeyError", e)
print(next(w, "exhausted after error"))

def fails(obj):
    try:
        reversed(obj)
    except TypeError as e:
        print("TypeError:", e)

class NoLen:
    def __getitem__(self, i):
        return i

class OnlyLen:
    def __len__(self):
        return 1

class Iterable:
    def __iter__(self):
        return iter([1])

class Opted:
    __reversed__ = None
    def __len__(self):
        return 1
    def __getitem__(self, i):
        return i

class OptedList(list):
    __reversed__ = None

fails(NoLen())
fails(OnlyLen())
fails(Iterable())
fails(Opted())
fails(OptedList())
fails(5)
fails({1, 2})
fails(x for x in [])
