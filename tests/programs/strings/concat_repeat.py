# string concatenation and repetition
a = "foo"
b = "bar"
print(a + b)
print(a + " " + b)
print(a * 3)
print(3 * b)
print("-" * 20)
print("x" * 0 == "", "x" * -2 == "")
s = ""
for i in range(5):
    s += str(i)
print(s)
print(len("ab" * 50))
