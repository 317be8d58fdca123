# print converts with str() at top level but containers show repr() of items
print("text", ["text"], ("text",))
print(1.0, [1.0], 1e20, [1e20])
print(None, [None], True, [True])
print("a\tb", ["a\tb"])
print('"', ['"'], "'", ["'"])
