# string literal not terminated before end of line
print("not printed")
s = "abc
print(s)
