# default argument values, evaluated once at definition time
def greet(name, greeting="Hello", punct="!"):
    return greeting + ", " + name + punct

print(greet("Ann"))
print(greet("Bob", "Hi"))
print(greet("Cy", "Yo", "?"))

base = 10
def add_base(x, b=base):
    return x + b
base = 20
print(add_base(1))

def append_to(x, acc=[]):
    acc.append(x)
    return acc
print(append_to(1))
print(append_to(2))
print(append_to(3, []))
print(append_to(4))

def none_default(x, acc=None):
    if acc is None:
        acc = []
    acc.append(x)
    return acc
print(none_default(1), none_default(2))
