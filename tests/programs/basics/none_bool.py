# None and bool values, identity and equality
print(None is None)
print(None == None)
print(None is not None)
x = None
print(x is None, x == 0, x == False)
print(True and False, True or False, not True)
print(True is True, False is not True)
print(bool(None), bool(True), bool(0))
print(not None)
def nothing():
    pass
print(nothing())
print(nothing() is None)
