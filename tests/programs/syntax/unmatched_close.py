# closing bracket that was never opened
print("not printed")
x = [1, 2]]
