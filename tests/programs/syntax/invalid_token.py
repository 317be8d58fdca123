# invalid character $ in source
print("not printed")
x = 1
y = x $ 2
