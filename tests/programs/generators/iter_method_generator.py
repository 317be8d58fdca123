class Bag:
    def __init__(self, *items):
        self.items = items
    def __iter__(self):
        for x in self.items:
            yield x * 2
b = Bag(1, 2, 3)
print(list(b), sum(b), [y for y in b], max(b), sorted(b, reverse=True))
for v in b:
    print(v, end=" ")
print()
a, c, d = b
print(a, c, d, 4 in b, set(b) == {2, 4, 6}, tuple(b))
it = iter(b)
print(next(it), next(it), list(it))
print(list(zip(b, "abc")), list(enumerate(b)), list(map(str, b)))
