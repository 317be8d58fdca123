# expression cut off at end of line
print("not printed")
x = 1 +
print(x)
