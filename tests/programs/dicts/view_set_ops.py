# dict.keys() and dict.items() are set-like: set operators with any iterable,
# comparisons with sets and views (values() is not set-like).
d = {1: "a", 2: "b", 3: "c"}
e = {2: "x", 3: "y", 4: "z"}
print(d.keys() & e.keys(), d.keys() | e.keys(), d.keys() - e.keys(), d.keys() ^ e.keys())
print(d.keys() & {1, 9}, {1, 9} & d.keys(), d.keys() | [5, 6], [5] | d.keys(), d.keys() - (1,))
print(d.keys() == {1, 2, 3}, d.keys() != {1, 2}, {1, 2, 3} == d.keys(), d.keys() == [1, 2, 3])
print(d.keys() <= {1, 2, 3, 4}, d.keys() < {1, 2, 3}, d.keys() >= {1}, d.keys() > e.keys())
print(d.items() & {(1, "a"), (2, "q")}, d.items() == {(1, "a"), (2, "b"), (3, "c")})
print(d.keys() == e.keys(), dict(a=1).keys() == dict(a=2).keys(), d.values() == d.values())
print(sorted(d.keys() | {"s"} - {"s"}, key=str))
try:
    d.keys() < [1]
except TypeError as ex:
    print("TypeError", ex)
try:
    d.keys() & 5
except TypeError as ex:
    print("TypeError", ex)
try:
    d.values() & {1}
except TypeError as ex:
    print("TypeError", ex)
k = d.keys()
k2 = k | set()
k2.add(99)
print(len(k), sorted(k2))
