# expect: ModuleNotFoundError: stitch: unsupported: standard module 're' (built in: math, time, sys, random, __future__, bisect, collections, copy, functools, heapq, itertools, operator, string, typing)
from re import compile
