# list slicing produces new lists
a = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
print(a[2:5], a[:3], a[7:], a[:])
print(a[-3:], a[:-7], a[-6:-2])
print(a[::3], a[1::3], a[::-1], a[::-3])
print(a[8:2:-2])
print(a[20:], a[5:2], a[-20:2])
b = a[:]
b[0] = 100
print(a[0], b[0])
print(a[2:4] + a[6:8])
