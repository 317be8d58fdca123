# one-element and empty tuples print with the right commas
print((1,))
print(())
print(("a",))
print(((1,),))
print([(1,)])
x = 5,
print(x, len(x))
print((5))
print(repr((None,)))
