# pass in every block position
def empty():
    pass

class Nothing:
    pass

for i in range(3):
    pass
while False:
    pass
if True:
    pass
else:
    pass
try:
    pass
except Exception:
    pass
print(empty(), i)
n = Nothing()
n.field = 1
print(n.field)
