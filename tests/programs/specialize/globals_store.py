# A loop storing one global while reading others: the reads stay specialized
# (a value overwrite keeps the keys); adding, deleting and re-adding globals
# must still be seen.
K = 3
count = 0


def step():
    global count
    count = count + K + len("xy")
    return count


for i in range(100):
    step()
print(count)

K = 4
step()
print(count)

del K
try:
    step()
except NameError as e:
    print("NameError:", e)
K = 5
step()
print(count)


def len(x):
    return 1000


step()
print(count)
del len
step()
print(count)

# Many new globals (the dict resizes and entries move) between reads.
g0 = 0
g1 = 1
g2 = 2
g3 = 3
g4 = 4
g5 = 5
g6 = 6
g7 = 7
g8 = 8
g9 = 9
g10 = 10
g11 = 11
g12 = 12
g13 = 13
g14 = 14
g15 = 15
g16 = 16
g17 = 17
g18 = 18
g19 = 19
g20 = 20
g21 = 21
g22 = 22
g23 = 23
step()
print(count, g23)
