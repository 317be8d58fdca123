# reference cycles between objects and containers that become garbage
class Node:
    def __init__(self, v):
        self.v = v
        self.other = None

survivors = []
for i in range(2000):
    a = Node(i)
    b = Node(-i)
    a.other = b
    b.other = a
    lst = [a]
    lst.append(lst)
    d = {"self": None}
    d["self"] = d
    if i % 400 == 0:
        survivors.append(a)
print([n.v + n.other.v for n in survivors], [n.other.other.v for n in survivors])
