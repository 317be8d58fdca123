s = {1, 2}
print(s)
d = {s: 1}
