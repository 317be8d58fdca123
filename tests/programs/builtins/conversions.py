# int, float, str and bool constructors
print(int(), float(), str(), bool())
print(int("42"), int("-17"), int("  8  "), int("+5"), int("007"))
print(int(7.99), int(-7.99), int(True))
print(float("3.25"), float(4), float("-0"))
print(str(12), str(1.5), str(None), str(False), str([1]), str((2,)))
print(bool(0), bool(1), bool(-1), bool(0.0), bool(""), bool("0"), bool([]), bool([0]))
print(bool({}), bool({0: 0}), bool(None), bool(()), bool(0.1))
print(int("1" * 30))
