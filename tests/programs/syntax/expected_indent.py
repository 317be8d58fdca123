# block body missing after if
print("not printed")
if True:
print(1)
