# Subclassing list: inherited methods, own methods and attributes.
class Stack(list):
    def __init__(self, name, items=()):
        super().__init__(items)
        self.name = name

    def push(self, x):
        self.append(x)
        return self

    def peek(self):
        return self[-1]

    def is_empty(self):
        return len(self) == 0


s = Stack("main", [1, 2])
s.push(3).push(4)
print(s, len(s), s.peek(), s.name, s.is_empty())
print(s.pop(), s, s[0], s[-1], s[1:3], 2 in s, 9 in s)
print(isinstance(s, list), isinstance(s, Stack), type(s).__name__, issubclass(Stack, list))
print([x * 10 for x in s], sum(s), sorted(s, reverse=True), list(reversed(s)))
s[0] = 100
s += [7]
s.extend([8, 9])
s.insert(0, -1)
s.sort()
print(s, s.index(100), s.count(7), repr(s), str(s))
a, b, *rest = s
print(a, b, rest)
del s[0]
print(s, s == [2, 3, 7, 8, 9, 100], s != [1], s + [0], type(s + [0]).__name__)
print(bool(Stack("e")), Stack("e").is_empty(), len(Stack("e")))
s.extra = {"k": 1}
print(s.extra, s.__dict__)
print(Stack.__mro__)


class Plain(list):
    pass


p = Plain("abc")
print(p, len(p), p.copy(), type(p.copy()).__name__, Plain(), Plain(range(3)))
p.append("d")
print(p, p == ["a", "b", "c", "d"], [p, p])

# Overridden dunders: indexing is 1-based.
class OneBased(list):
    def __getitem__(self, i):
        return super().__getitem__(i - 1)

    def __setitem__(self, i, v):
        print("set", i, v)
        super().__setitem__(i - 1, v)

    def __repr__(self):
        return "OneBased(" + super().__repr__() + ")" if False else "OneBased" + str(list(self))


o = OneBased([10, 20, 30])


def total(xs, n):
    t = 0
    for k in range(n):
        t += xs[1] + xs[3]
    return t


print(o[1], o[3], total(o, 100), total([1, 2, 3, 4], 100), total(o, 10))
o[1] = 11
print(o, repr(o), [o], list(o))
for i in range(3):
    o[2] = i
print(o)
lst = [5, 6, 7]
for target in [lst, o, lst, o]:
    target[1] = 0
print(lst, o)


class Counted(list):
    def __len__(self):
        return 42

    def __contains__(self, x):
        return x == "magic"

    def __iter__(self):
        return iter(["it", "er"])


c = Counted([1, 2])
print(len(c), "magic" in c, 1 in c, list(c), [x for x in c], bool(c))
x, y = c
print(x, y)


class Falsy(list):
    def __bool__(self):
        return False


class Short(dict):
    def __len__(self):
        return 0


print(bool(Falsy([1])), bool(Short(a=1)), "yes" if Falsy([1]) else "no", not Short(a=1), len(Short(a=1)))

try:
    hash(s)
except TypeError as e:
    print("TypeError:", e)
try:
    s.nothing
except AttributeError as e:
    print("AttributeError:", e)
try:
    Stack("x")[5]
except IndexError as e:
    print("IndexError:", e)
