# printing nested containers uses repr for elements
print([1, 'a', (2,), {'k': None}])
print([[1, 2], [3, [4, [5]]]])
print([1.0, 2.5, -0.0, True, None])
print(["x", "y'z", 'q"r'])
print([[], [[]], ()])
print([(1, 2), (3,), ()])
print(repr([1, "two"]))
e = []
e.append(e)
print(len(e))
