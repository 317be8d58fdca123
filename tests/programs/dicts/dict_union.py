# d | e and d |= e (PEP 584).
a = {"x": 1, "y": 2}
b = {"y": 20, "z": 30}
print(a | b, b | a, a, b)
print(a | {} is a, {} | {})
c = a
c |= b
print(c is a, a)
a |= [("p", 1), ("q", 2)]
print(a)
a |= (("r", 3),)
a |= {}
print(a)


class D(dict):
    pass


s = D(x=1)
r = s | {"y": 2}
print(type(r).__name__, r)
r = {"y": 2} | s
print(type(r).__name__, r)
t = s
s |= {"z": 3}
print(type(s).__name__, s, s is t)


class E(dict):
    def __or__(self, other):
        return "E.or"

    def __ror__(self, other):
        return "E.ror"

    def __ior__(self, other):
        return "E.ior"


e = E()
print(e | {}, {} | e)
e |= {}
print(e)


class Pairs:
    def __iter__(self):
        return iter([("k", 1)])


d = {}
d |= Pairs()
print(d)


class M:
    def keys(self):
        return ["m"]

    def __getitem__(self, k):
        return 7


d |= M()
print(d)

# One site, several operand types (and the JIT after a few rounds).
for i in range(30):
    x = {"i": i}
    y = [{"j": 1}, D(k=2), {}][i % 3]
    z = x | y
    x |= y
    if i % 7 == 0:
        print(i, z, x)

for bad in [1, [1], "ab", None, {1, 2}]:
    try:
        print({} | bad)
    except TypeError as ex:
        print("TypeError:", ex)
    try:
        d = {}
        d |= bad
        print(d)
    except (TypeError, ValueError) as ex:
        print(type(ex).__name__ + ":", ex)
try:
    print([1] | {})
except TypeError as ex:
    print("TypeError:", ex)
try:
    print({1} | {})
except TypeError as ex:
    print("TypeError:", ex)
