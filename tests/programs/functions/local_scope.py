# locals shadow globals; parameters are local; globals readable inside functions
x = "global x"

def reads():
    return x

def shadows():
    x = "local x"
    return x

def param(x):
    x = x + "!"
    return x

print(reads())
print(shadows())
print(param("arg"))
print(x)

def counter_demo():
    total = 0
    for i in range(5):
        total += i
    return total
print(counter_demo(), counter_demo())
