# class without __init__, attributes set later, methods using class attributes
class Config:
    debug = False
    level = 1

    def describe(self):
        return "debug=" + str(self.debug) + " level=" + str(self.level)

c = Config()
print(c.describe())
c.debug = True
print(c.describe())
print(Config().describe())
class Empty:
    pass
e = Empty()
e.a = 1
e.b = [e.a, 2]
print(e.a, e.b)
