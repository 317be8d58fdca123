import sys
try:
    import no_such_module_here
except ModuleNotFoundError as e:
    print(type(e).__name__, e, isinstance(e, ImportError))
try:
    import sys.path2
except ImportError as e:
    print(e)
try:
    from math import no_such_name
except ImportError as e:
    print(str(e).split(" (")[0])
import math
try:
    math.no_such_attr
except AttributeError as e:
    print(e)
print(type(sys).__name__, repr(sys))
import not_a_module_anywhere
