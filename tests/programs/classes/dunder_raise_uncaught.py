# An exception raised in a specialized dunder call ends the program with
# the dunder's frame in the traceback.
class Money:
    def __init__(self, cents):
        self.cents = cents

    def __add__(self, other):
        if other.cents < 0:
            raise ValueError("negative amount: %d" % other.cents)
        return Money(self.cents + other.cents)


total = Money(0)
for i in range(300, -5, -1):
    total = total + Money(i)
print(total.cents)
