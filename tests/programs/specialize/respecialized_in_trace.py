# A loop compiled while an attribute read is specialized one way, then the
# instruction respecializes another way mid-loop (a class attribute shadowed
# by an instance attribute, a method replaced by a value): the trace must
# keep using what it was compiled from, never the rewritten caches.
class C:
    k = 100

    def m(self):
        return 1


o = C()
a = 7
for i in range(6):
    b = a * o.k
    o.k = i - 3
    print(b)

p = C()
t = 0
for i in range(8):
    t += p.m() if callable(p.m) else p.m
    if i == 3:
        p.m = 10
print(t)

q = C()
for i in range(5):
    print(q.k, end=" ")
    if i == 1:
        C.k = 2.5
    if i == 3:
        q.k = "s"
print()
