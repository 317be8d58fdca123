# triple-quoted string never terminated
print("not printed")
x = 1
s = """abc
print(s)
