"""Module docstring
spanning lines."""
import _docmod
import math


def f():
    "f's doc"
    return 1


def g():
    return 2


def h():
    x = 1
    "not a doc"
    return x


def fs():
    f"not a doc {1}"
    return 3


def cat():
    "a" "b"
    return 4


class C:
    """Class C."""

    def m(self):
        """Method m."""
        return 5

    def n(self):
        pass


class D(C):
    pass


class E(Exception):
    "E doc"


lam = lambda: 0
print(__doc__)
print(_docmod.__doc__, _docmod.X)
print(f.__doc__, g.__doc__, h.__doc__, fs.__doc__, cat.__doc__)
print(C.__doc__, D.__doc__, C().__doc__, D().__doc__, E.__doc__, E().__doc__)
print(C.m.__doc__, C().m.__doc__, C.n.__doc__, lam.__doc__)
f.__doc__ = "changed"
print(f.__doc__, f())
C.__doc__ = "new C"
print(C.__doc__, C().__doc__)
print(f(), g(), h(), fs(), cat(), C().m())


def raises():
    """Doc line 1.

    More."""
    raise ValueError("boom")


try:
    raises()
except ValueError as e:
    print("caught", e)
print(raises.__doc__)
print(getattr(g, "__doc__"), hasattr(C, "__doc__"))
