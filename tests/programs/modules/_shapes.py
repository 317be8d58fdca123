# Helper module for import_user.py (files starting with _ are not tests).
print("loading", __name__)
SIDES = {"triangle": 3, "square": 4}
counter = 0

def sides(name):
    global counter
    counter += 1
    return SIDES[name]

class Shape:
    def __init__(self, name):
        self.name = name
    def __repr__(self):
        return "Shape(%r)" % self.name

_hidden = "no"
__all__ = ["sides", "Shape"]

if __name__ == "__main__":
    print("never printed on import")
