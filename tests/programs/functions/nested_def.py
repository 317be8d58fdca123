# nested def that uses only its own locals and globals (no closure capture)
SCALE = 3

def outer(values):
    def helper(v):
        return v * SCALE + 1
    result = []
    for v in values:
        result.append(helper(v))
    return result

print(outer([1, 2, 3]))

def make_adder_table():
    def add1(x):
        return x + 1
    def add2(x):
        return x + 2
    return [add1, add2]

fs = make_adder_table()
print(fs[0](10), fs[1](10))
