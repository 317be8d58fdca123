# str.join over lists, tuples and other iterables; case mapping of ASCII
# and non-ASCII strings; one-character strings from indexing, iteration,
# chr() and joins; dict(d) copies; tuple keys; swap assignments.
words = ["alpha", "Beta", "", "GAMMA"]
print("-".join(words), "".join(tuple(words)), ",".join(w for w in words), "x".join([]))
print(repr("".join(["", "a", ""])), repr("".join(["", ""])), " ".join(("solo",)))
print("".join(["é", "b"]), len("·".join(["ab", "cd"])), "".join(["ab", "cd"]).upper())
try:
    "-".join(["a", 1, "b"])
except TypeError as e:
    print(e)
try:
    "-".join(("a", None))
except TypeError as e:
    print(e)
class L(list):
    def __iter__(self):
        return iter(["over", "ridden"])
print("+".join(L(["a", "b"])))

for s in ["hello World", "a", "Z", "", "ünïcödé Ärger", "mIxEd 42 caSe", "o'neil's x-ray"]:
    print(s.lower(), s.upper(), s.title(), s.swapcase(), s.capitalize())

text = "Hi, there!"
chars = [c for c in text]
print(chars, [text[i] for i in range(len(text))], "".join(reversed(chars)))
print(chr(97) == "a", text[0] == "H", "".join(["q"]) == "q", chr(0) == "\x00", chr(127), len(chr(200)))
print("".join([chr(ord(c) + 1) for c in "HAL"]), "b".upper() == "B", "A".lower(), chr(233).upper())

d = {"a": 1, "b": 2, "c": 3}
del d["b"]
d["d"] = 4
e = dict(d)
e["e"] = 5
print(d, e, dict(e, f=6), d.copy(), dict({}), dict(dict(d)))
t = {(1, "x"): "one", (2, "y"): "two", ((1, 2), "z"): "nested"}
print(t[(1, "x")], t.get((2, "y")), t[((1, 2), "z")], (1, "x") in dict(t), (1, "y") in t)
nan = float("nan")
k = (nan, 1)
print({k: 1}.get(k), {(1, True): 3}.get((1, 1)), {(1.0, "a"): 4}.get((1, "a")))

a = [3, 1, 2]
a[0], a[2] = a[2], a[0]
x, y, z = a[1], a[2], a[0]
[p, q] = (x, y)
x, y = y, x
print(a, x, y, z, p, q)
