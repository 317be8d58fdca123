# tuple creation, indexing, slicing, len, in, concatenation and comparison
t = (1, 2, 3)
print(t, t[0], t[-1], len(t))
print(t[1:], t[::-1])
print(t + (4, 5), t * 2)
print(2 in t, 9 in t)
print((1, 2) < (1, 3), (1, 2) == (1, 2), (2,) > (1, 9))
print(() == (), len(()))
u = 4, 5, 6
print(u)
print((1, "a", None, 2.5))
print(tuple([1, 2]), tuple(), tuple("ab"))
