# uncaught TypeError: calling a non-callable
x = 5
print("calling")
x()
