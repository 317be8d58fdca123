# equal numbers are the same key: 1, 1.0 and True
d = {}
d[1] = "int"
d[1.0] = "float"
print(d)
d[True] = "bool"
print(d, len(d))
d[0] = "zero"
print(d[False], d[0.0])
d[2 ** 70] = "big"
print(d[2 ** 70], (2 ** 70) in d, float(2 ** 70) in d)
d[-0.0] = "negzero"
print(d[0])
