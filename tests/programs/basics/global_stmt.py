# the global statement: rebinding module variables inside functions
counter = 0
name = "start"

def bump():
    global counter
    counter += 1

def rename(new):
    global name
    old = name
    name = new
    return old

def read_only():
    return counter * 10

def shadow():
    counter = 99
    return counter

for i in range(5):
    bump()
print(counter)
print(rename("middle"), name)
print(read_only())
print(shadow(), counter)

def define_new():
    global created_later
    created_later = "made inside function"

define_new()
print(created_later)
