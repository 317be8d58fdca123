class A: pass
class B(A): pass
class X: pass
class Y: pass
class P(X, Y): pass
class Q(Y, X): pass

for make in [lambda: type("C", (A, B), {}), lambda: type("D", (A, A), {}),
             lambda: type("Z", (P, Q), {})]:
    try:
        make()
    except TypeError as e:
        print("TypeError:", e)

class C(A, B):
    pass
