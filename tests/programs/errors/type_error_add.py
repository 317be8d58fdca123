# uncaught TypeError from adding int and str
n = 1
s = "a"
print("adding")
print(n + s)
