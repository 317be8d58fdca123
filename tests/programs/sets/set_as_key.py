# A set used as a lookup key stands for the equal frozenset.
s = {frozenset({1}), frozenset({2, 3})}
print({1} in s, {3, 2} in s, {4} in s, {4} not in s)
s.discard({1})
print(len(s))
s.remove({2, 3})
print(len(s))
try:
    s.remove({9})
except KeyError as e:
    print("KeyError", e)
try:
    [1] in s
except TypeError as e:
    print(e)
