# class attributes are shared until an instance attribute shadows them
class Counter:
    count = 0
    kind = "counter"

    def __init__(self):
        Counter.count += 1
        self.id = Counter.count

a = Counter()
b = Counter()
print(Counter.count, a.count, b.count, a.id, b.id)
a.kind = "special"
print(a.kind, b.kind, Counter.kind)
Counter.kind = "changed"
print(a.kind, b.kind)
class Shared:
    items = []
s1 = Shared()
s2 = Shared()
s1.items.append(1)
print(s2.items, Shared.items)
s1.items = ["own"]
print(s1.items, s2.items)
