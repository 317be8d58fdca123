# Keys that are equal but not identical, keys whose hashes collide, and a
# user class whose instances compare equal to a str key.
words = []
for i in range(300):
    words.append("w" + str(i % 50))
d = {}
for w in words:
    d[w] = d.get(w, 0) + 1
print(len(d), d["w0"], d["w" + "49"], ("w" + str(7)) in d)

# -1 and -2 have the same hash in CPython; both must stay distinct keys.
h = {-1: "minus one", -2: "minus two"}
print(h[-1], h[-2], len(h))
h[-1.0] = "float"
print(h, h.get(-2.0))
big = 2 ** 47
n = {big - 1: "max small", big: "big", -big: "min small", -big - 1: "neg big"}
print(n[140737488355327], n[2 ** 47], n[-(2 ** 47)], n[-140737488355329])
print(n.get(140737488355327.0), n.get(float(2 ** 47)))
b = {True: "t", 0: "zero"}
print(b[1], b[False], b.get(1.0))

class Key:
    def __init__(self, name):
        self.name = name
    def __hash__(self):
        return hash(self.name)
    def __eq__(self, other):
        print("eq called")
        if isinstance(other, Key):
            return self.name == other.name
        return self.name == other

k = {Key("spam"): 1}
print(k.get("spam"), "spam" in k, k.get("eggs"))
s = {"spam": 2}
print(s.get(Key("spam")), Key("spam") in s)

# Long keys: hashing reads whole words; keys differing in one byte differ.
long_keys = {}
base = "abcdefghijklmnopqrstuvwxyz0123456789"
for i in range(len(base)):
    key = base[:i] + "_" + base[i + 1:]
    long_keys[key] = i
for i in range(len(base) + 1):
    long_keys[base[:i]] = -i
print(len(long_keys), long_keys[base[:5] + "_" + base[6:]], long_keys[""], long_keys[base])
