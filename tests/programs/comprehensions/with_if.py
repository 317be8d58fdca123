# list comprehensions with if filters (one or several)
print([x for x in range(20) if x % 3 == 0])
print([x for x in range(30) if x % 2 == 0 if x % 5 == 0])
words = ["apple", "kiwi", "banana", "fig"]
print([w for w in words if len(w) > 3])
print([w.upper() if len(w) > 3 else w for w in words])
print([x for x in [0, 1, "", "s", None, [], [0]] if x])
