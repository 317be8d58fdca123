# Private names: __x inside a class is _Class__x, so subclasses don't clash.
class Account:
    __count = 0

    def __init__(self, owner):
        self.__owner = owner
        Account.__count += 1
        self.__dunder__ = "kept"

    def __secret(self):
        return "secret of " + self.__owner

    def reveal(self):
        return self.__secret()

    @classmethod
    def count(cls):
        return cls.__count


class Savings(Account):
    def __init__(self, owner):
        super().__init__(owner)
        self.__owner = "shadow"

    def both(self):
        return self.__owner + " / " + self._Account__owner


s = Savings("ann")
print(s.reveal(), s.both(), Account.count(), s.__dunder__)
print(sorted(k for k in vars(s) if "owner" in k) if False else s._Savings__owner, s._Account__owner)
print(hasattr(s, "__owner"), hasattr(Account, "_Account__count"), hasattr(Account, "__secret"))
try:
    s.__secret()
except AttributeError as e:
    print(e)
