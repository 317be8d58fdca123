# Globals and builtins rebound while functions reading them are specialized.
K = 1

def k():
    return K

def n(x):
    return len(x)

tot = 0
res = []
for i in range(30):
    if i == 10:
        K = 100
    if i == 20:
        def len(x):
            return -1
    if i == 25:
        del len
    tot += k()
    res.append(n("abc"))
print(tot, res)

def counter():
    global C
    C = C + 1
    return C

C = 0
for i in range(20):
    counter()
print(C)

class P:
    def __init__(self, v):
        self.v = v

def make(v):
    return P(v).v

out = []
for i in range(12):
    if i == 6:
        def init2(self, v):
            self.v = -v
        P.__init__ = init2
    out.append(make(i))
print(out)
