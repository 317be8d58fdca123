# __getattr__ runs only when normal lookup fails; vars(); starred bases.
class GA:
    k = "class attr"

    def __init__(self):
        self.x = 1

    def __getattr__(self, name):
        if name.startswith("bad"):
            raise AttributeError("no " + name)
        return "missing:" + name

    def method(self):
        return "method"


ga = GA()
print(ga.x, ga.k, ga.y, ga.method(), getattr(ga, "z"), hasattr(ga, "bad1"))
print(getattr(ga, "bad2", "dflt"))
try:
    ga.bad3
except AttributeError as e:
    print("AttributeError:", e)


class Sub(GA):
    pass


s = Sub()
s.y = "set"
print(s.y, s.other)

# One site, attribute present then missing (deopt into the fallback).
objs = [GA(), GA()]
objs[1].__dict__  # no effect
for i in range(30):
    o = objs[i % 2]
    if i == 10:
        o.w = "now present"
    r = o.w
    if i % 5 == 0 or i in (10, 11, 12):
        print(i, r)


class V:
    def __init__(self):
        self.a = 1
        self.b = [2]


print(vars(V()), vars(GA()))
try:
    vars(5)
except TypeError as e:
    print("TypeError:", e)

bases = (GA,)


class K(*bases):
    pass


class K2(*[], GA, *()):
    pass


print(K.__mro__, K().q, K2.__bases__)
print("{a}-{b}".format_map({"a": 1, "b": 2}), "{x[1]}".format_map({"x": [3, 4]}))


class Dflt(dict):
    def __missing__(self, k):
        return "<" + k + ">"


print("{a} {b}".format_map(Dflt(a=1)))
for fmt in ["{0}", "{}", "{zz}", "{a[0]}"]:
    try:
        print(fmt.format_map({"a": [9]}))
    except (ValueError, KeyError) as e:
        print(type(e).__name__, e)
