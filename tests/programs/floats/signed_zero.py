# negative zero prints as -0.0 and compares equal to 0.0
print(-0.0)
print(0.0 * -1)
print(-0.0 + 0.0)
print(-0.0 - 0.0)
print(-0.0 == 0.0)
z = -0.0
print(z, -z, abs(z))
print(0.0 / -1)
print(str(-0.0), repr(-0.0))
print(float("-0.0"))
print(-0.0 < 0.0)
