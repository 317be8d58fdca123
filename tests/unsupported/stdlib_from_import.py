# expect: ModuleNotFoundError: stitch: unsupported: standard module 'collections' (built in: math, time, sys, random)
from collections import deque
