# a op= b calls a.__iop__ first, then __op__, then b.__rop__.
class Acc:
    def __init__(self, v):
        self.v = v

    def __add__(self, o):
        print("add")
        return Acc(self.v + o)

    def __iadd__(self, o):
        print("iadd")
        self.v += o
        return self

    def __or__(self, o):
        return "or"

    def __ior__(self, o):
        return "ior"

    def __mul__(self, o):
        return "mul"

    def __rsub__(self, o):
        return "rsub"


a = Acc(1)
b = a
a += 5
print(a is b, a.v)
a = a + 1
print(a is b, a.v)
c = Acc(0)
c |= 1
print(c)
c = Acc(0)
c *= 2
print(c)
n = 3
n -= Acc(0)
print(n)


class L(list):
    def __iadd__(self, o):
        print("L.iadd")
        return self


x = L([1])
x += [2]
print(x)
y = [0]
for i in range(20):
    z = [Acc(i), i, L([i])][i % 3]
    z += 1 if i % 3 < 2 else [i]
    y.append(z if not isinstance(z, Acc) else z.v)
print(y)
