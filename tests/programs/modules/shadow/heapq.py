# A user module named like a standard one: importing heapq from beside the
# script finds this file, not the standard module (lib_shadow.py).
def heappush(heap, item):
    heap.insert(0, item)


MINE = True
