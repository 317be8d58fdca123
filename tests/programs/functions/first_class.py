# functions as values: stored in lists/dicts, passed and returned
def double(x):
    return x * 2

def inc(x):
    return x + 1

def compose_apply(fns, x):
    for fn in fns:
        x = fn(x)
    return x

def choose(name):
    if name == "double":
        return double
    return inc

pipeline = [double, inc, double]
print(compose_apply(pipeline, 5))
table = {"d": double, "i": inc}
print(table["d"](21), table["i"](41))
print(choose("double")(8), choose("other")(8))
f = double
print(f(f(f(1))))
print(f is double, f == inc)
