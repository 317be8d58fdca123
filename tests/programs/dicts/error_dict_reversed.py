d = {1: "a", 2: "b"}
for k in reversed(d):
    print(k)
    d[k + 10] = "grow"
