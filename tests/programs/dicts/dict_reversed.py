# reversed() of a dict and of its views: reverse insertion order.
d = {"a": 1, "b": 2, "c": 3}
print(list(reversed(d)))
print(list(reversed(d.keys())))
print(list(reversed(d.values())))
print(list(reversed(d.items())))
for k, v in reversed(d.items()):
    print(k, v, end="; ")
print()
print(list(reversed({})), list(reversed({}.items())))
print(type(reversed(d)).__name__, type(reversed(d.keys())).__name__)
print(type(reversed(d.values())).__name__, type(reversed(d.items())).__name__)

# Deleted and re-added keys: order follows insertion.
e = dict.fromkeys(range(6))
del e[2]
del e[4]
e[2] = "back"
e[0] = "overwritten"
print(list(reversed(e)), list(reversed(e.values())))

# A view is live: reversed() sees the dict as it is now.
v = d.keys()
d["z"] = 26
print(list(reversed(v)))

it = reversed(d)
print(next(it), next(it))
print(list(it), list(it))
print(next(reversed({1: 2}.items())))
print(next(iter(reversed({}))), "unreached") if False else print(next(reversed({}), "empty"))

# Overwriting a value keeps the size: no error, the new value shows.
it = reversed(d.items())
print(next(it))
d["a"] = 100
print(list(it))

# A size change during iteration raises, and the iterator stays broken.
it = reversed(d)
print(next(it))
d["new"] = 0
for attempt in range(2):
    try:
        next(it)
    except RuntimeError as ex:
        print("RuntimeError:", ex)
it = reversed(d.values())
print(next(it))
del d["new"]
try:
    for x in it:
        print(x)
except RuntimeError as ex:
    print("RuntimeError:", ex)

# Exhausted first, then changed: StopIteration, not RuntimeError.
small = {1: 1}
it = reversed(small)
print(list(it))
small[2] = 2
print(list(it), next(it, "done"))

# A dict subclass reverses like a dict unless it says otherwise.
class D(dict):
    pass

class R(dict):
    def __reversed__(self):
        return iter(["custom"])

print(list(reversed(D(x=1, y=2))), list(reversed(D(x=1, y=2).items())))
print(list(reversed(R(x=1))))
print(sorted(reversed({3: 0, 1: 0, 2: 0})))
print([k for k in reversed({i: i * i for i in range(5)}) if k % 2])
print(dict(reversed({"p": 1, "q": 2}.items())))

# The forward iterators too: exhausted, then changed, stays exhausted.
for make in (iter, lambda d: iter(d.items())):
    small = {1: 1}
    it = make(small)
    print(list(it))
    small[2] = 2
    print(list(it), next(it, "done"))

# Reverse iterators are plain iterators.
d = {1: 2, 3: 4}
for f in [lambda: len(reversed(d)), lambda: reversed(d)[0], lambda: 1 in reversed(d), lambda: list(reversed(iter(d))),
          lambda: reversed(d.items()) == reversed(d.items()), lambda: list(reversed(reversed(d)))]:
    try:
        print(f())
    except TypeError as e:
        print("TypeError:", e)
print(sum(reversed(d.values())), max(reversed(d)), sorted(reversed(d.items())), list(zip(reversed(d), d)))
