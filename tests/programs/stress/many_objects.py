# many live objects with attributes held in a list at once
class Item:
    def __init__(self, n):
        self.n = n
        self.sq = n * n
        self.label = "item" + str(n)

items = [Item(i) for i in range(4000)]
total = 0
for it in items:
    total += it.sq
print(total, items[123].label, items[-1].n)
