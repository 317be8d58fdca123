# methods calling other methods, methods with defaults and keyword args, mutation
class Account:
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.history = []

    def deposit(self, amount):
        self.balance += amount
        self.history.append(("dep", amount))
        return self

    def withdraw(self, amount, fee=1):
        if amount + fee > self.balance:
            self.history.append(("denied", amount))
            return False
        self.balance -= amount + fee
        self.history.append(("wd", amount))
        return True

    def transfer(self, other, amount):
        if self.withdraw(amount, fee=0):
            other.deposit(amount)

a = Account("ann", 100)
b = Account("bob")
a.deposit(50).deposit(5)
print(a.withdraw(30), a.withdraw(1000))
a.transfer(b, 20)
print(a.balance, b.balance)
print(a.history)
print(b.history)
m = a.deposit
m(1)
print(a.balance)
Account.deposit(b, 2)
print(b.balance)
