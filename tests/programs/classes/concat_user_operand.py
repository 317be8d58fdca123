# str/list/tuple + an instance whose class has no __radd__, or whose
# __radd__ returns NotImplemented: CPython's sequence concatenation comes
# last and raises "can only concatenate str (not "O") to str", naming the
# builtin even for a list subclass. Found by the fuzzer (gen.py, operators
# on instances); the loop makes the site hot and mixes in operands that work.


class O:
    pass


class R:
    def __radd__(self, o):
        return NotImplemented


class Z:
    def __radd__(self, o):
        return "radd " + str(len(o))


class LS(list):
    pass


for a, b in (("s", 1), ("s", O()), ("s", R()), ("s", Z()), ([1], O()), ([1], R()),
             ([1, 2], Z()), ((1,), R()), ((), O()), (LS([1]), 1), (LS([1]), O()),
             ([1], LS([2])), ("s", LS())):
    try:
        print(a + b)
    except TypeError as e:
        print(e)

t = (1,)
try:
    t += R()
except TypeError as e:
    print("+=", e)
l = [1]
try:
    l += R()
except TypeError as e:
    print("+=", e)
s = "x"
try:
    s += O()
except TypeError as e:
    print("+=", e)

# one hot site: instances, strs and lists on the left, user objects on the right
counts = {}
for i in range(200):
    left = ("ab", [i], (i,), i)[i % 4]
    right = (O(), R(), Z(), LS([i]))[i // 4 % 4]
    try:
        r = left + right
        key = type(r).__name__
    except TypeError as e:
        key = str(e)
    counts[key] = counts.get(key, 0) + 1
for k in counts:
    print(counts[k], k)
