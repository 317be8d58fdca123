# Attribute loads in a hot loop (instance slots, class attributes read
# through the class and through instances), while the loop changes them:
# a class attribute is rebound, an instance gets a new attribute, another
# shadows the class attribute, and one is deleted. The traces guard the
# class version; every change must show in the values.
class P:
    scale = 2

    def __init__(self, x):
        self.x = x


def total(ps, n):
    t = 0
    for i in range(n):
        p = ps[i % 4]
        t = t + p.x * P.scale + p.scale
        if i == 200:
            P.scale = 3
        if i == 300:
            ps[0].y = 1
        if i == 400:
            ps[1].scale = 100
        if i == 500:
            del ps[1].scale
    return t


def with_y(ps, n):
    t = 0
    for i in range(n):
        p = ps[i % 4]
        t = t + p.x
        if i == 100:
            for q in ps:
                q.y = q.x * 10
        if i > 100:
            t = t + p.y
    return t


ps = [P(1), P(2), P(3), P(4)]
print(total(ps, 600))
print([getattr(p, "y", None) for p in ps], ps[1].scale, P.scale)
qs = [P(5), P(6), P(7), P(8)]
print(with_y(qs, 300))
print(total(qs, 600))
