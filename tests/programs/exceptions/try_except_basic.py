# catching built-in exceptions raised by operations
try:
    print(1 // 0)
except ZeroDivisionError:
    print("caught zero division")
try:
    [1, 2][5]
except IndexError:
    print("caught index error")
try:
    {}["missing"]
except KeyError:
    print("caught key error")
try:
    x = 1 + "a"
except TypeError:
    print("caught type error")
try:
    print(undefined_name_qq)
except NameError:
    print("caught name error")
try:
    int("xyz")
except ValueError:
    print("caught value error")
try:
    None.attribute_zz
except AttributeError:
    print("caught attribute error")
print("done")
