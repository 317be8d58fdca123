# Names a trace depends on are rebound while it runs: a global function
# replaced by another (the inlined call's code check fails), a new global
# created and one deleted (the globals' keys change: traces watching them
# are invalidated), a method replaced on the class and a class attribute
# added (the class version changes: traces guarding it are invalidated).
def double(x):
    return x * 2


def triple(x):
    return x * 3


def apply_all(n):
    global double
    t = 0
    for i in range(n):
        if i == n // 2:
            double = triple
        t = t + double(i)
    return t


def grow_globals(n):
    global fresh
    t = 0
    for i in range(n):
        t = t + double(i)
        if i == 300:
            fresh = t
        if i == 400:
            del fresh
    return t


class Acc:
    def __init__(self):
        self.v = 0

    def add(self, x):
        self.v = self.v + x


def add_twice(self, x):
    self.v = self.v + 2 * x


def accumulate(n):
    a = Acc()
    for i in range(n):
        if i == n // 2:
            Acc.add = add_twice
        a.add(i)
    return a.v


def class_attr(n):
    a = Acc()
    for i in range(n):
        a.add(i)
        if i == 250:
            Acc.extra = 5
    return a.v, Acc.extra


print(apply_all(600))
print(double(7))
double = lambda x: x + x
print(grow_globals(600))
try:
    print(fresh)
except NameError as e:
    print("NameError:", e)
print(accumulate(600))
print(class_attr(600))
print(accumulate(600))
