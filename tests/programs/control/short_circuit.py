# and/or short-circuit and return operands; side effects show evaluation order
def t(name):
    print("eval", name)
    return True

def f(name):
    print("eval", name)
    return False

print(f("a") and t("b"))
print(t("c") and f("d"))
print(t("e") or f("f"))
print(f("g") or t("h"))
print(f("i") or f("j") or t("k") or t("l"))
print(t("m") and t("n") and f("o") and t("p"))
print(0 or "default", "" or [] or None, 3 and 4, 0 and 1 / 0)
print(1 or 1 / 0, None and None.attr)
print(not 0, not [1], not "")
x = [] or [1]
print(x)
if t("q") or f("r"):
    print("if-or")
if f("s") and t("u"):
    print("never")
