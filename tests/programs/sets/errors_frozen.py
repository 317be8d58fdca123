f = frozenset([1])
f.add(2)
