# missing colon after if condition
print("not printed: syntax errors stop the whole program")
x = 1
if x == 1
    print(x)
