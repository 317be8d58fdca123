# return outside function
print("not printed")
def f():
    return 1
return 2
