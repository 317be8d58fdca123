import _shapes
import _shapes as again
from _shapes import sides, Shape as S
print(_shapes is again, _shapes.__name__, __name__)
print(sides("square"), S("triangle"), _shapes.counter)
_shapes.SIDES["hexagon"] = 6
print(sides("hexagon"), _shapes.counter)
from _shapes import *
print(Shape("x"))
for probe in (lambda: counter, lambda: _hidden):
    try:
        probe()
    except NameError as e:
        print(e)
def inner():
    import _shapes as m
    from _shapes import sides as sd
    return m.counter, sd("triangle")
print(inner())
try:
    from _shapes import missing
except ImportError as e:
    print(type(e).__name__, str(e).split(" (")[0])
if __name__ == "__main__":
    print("main block runs")
