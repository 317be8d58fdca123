# expect: ModuleNotFoundError: stitch: unsupported: standard module 'itertools' (built in: math, time, sys, random)
import math
import itertools
