# else without if
print("not printed")
x = 1
else:
    x = 2
