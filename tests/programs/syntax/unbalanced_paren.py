# unbalanced parenthesis never closed
print("not printed")
x = (1,
     2
y = 3
print(y)
