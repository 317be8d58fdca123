# string indexing (negative too) and slicing with steps
s = "abcdefgh"
print(s[0], s[3], s[-1], s[-8])
print(s[1:3], s[:3], s[5:], s[:])
print(s[-3:], s[:-3], s[-5:-2])
print(s[::2], s[1::2], s[::-1], s[::-2])
print(s[6:2:-1], s[-1:-4:-1])
print(s[100:], s[3:1], s[-100:2])
print(s[2:100])
print(len(s[::3]))
print("x"[0], "x"[-1])
