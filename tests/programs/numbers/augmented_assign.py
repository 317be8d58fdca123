# augmented assignment operators on ints, floats and strings
x = 10
x += 5; print(x)
x -= 3; print(x)
x *= 4; print(x)
x //= 5; print(x)
x %= 4; print(x)
x **= 10; print(x)
x /= 4; print(x)
s = "ab"
s += "cd"; print(s)
s *= 2; print(s)
f = 1.5
f *= 2; print(f)
f -= 0.25; print(f)
