# expect: ModuleNotFoundError: stitch: unsupported: standard module 'json' (built in: math, time, sys, random, __future__, bisect, collections, copy, functools, heapq, itertools, operator, string, typing)
import math
import json
