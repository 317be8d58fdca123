# for over range, list, tuple, str and dict; range with steps
for i in range(3):
    print("range", i)
for i in range(2, 8, 2):
    print("step", i)
for i in range(5, 0, -2):
    print("down", i)
for i in range(0):
    print("never")
for x in [1.5, "s", None]:
    print("list", x)
for x in (1, 2):
    print("tuple", x)
for ch in "abc":
    print("str", ch)
for k in {"p": 1, "q": 2}:
    print("dict", k)
total = 0
for i in range(1, 101):
    total += i
print(total)
for i in range(3):
    pass
print("loop var after loop", i)
