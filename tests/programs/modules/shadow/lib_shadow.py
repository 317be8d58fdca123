import heapq
from heapq import heappush
import bisect
h = [3]
heappush(h, 5)
print(heapq.MINE, h, hasattr(heapq, 'heappop'))
print(bisect.bisect([1, 2, 3], 2))
import string, sys
print(string.digits, 'heapq' in sys.modules)
