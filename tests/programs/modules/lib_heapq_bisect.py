import heapq, bisect, random
from heapq import *
random.seed(5)
h = []
for i in range(200):
    heappush(h, (random.randint(0, 20), random.randint(0, 3)))
print(h[:20])
out = [heappop(h) for _ in range(50)]
print(out[:10], h[:10])
x = [random.randint(0, 9) for _ in range(60)]
heapify(x); print(x)
print(heapreplace(x, 5), heappushpop(x, 3), heappushpop(x, -1), x[:8])
print(nlargest(5, x), nsmallest(5, x), nlargest(3, x, key=lambda v: -v), nsmallest(1, x), nlargest(0, x), nsmallest(100, [3,1,2]))
print(nlargest(4, iter(x)), nsmallest(4, iter(x), key=lambda v: v % 4))
print(list(merge([1,3,5],[2,4,6],[0,9])), list(merge([5,3],[4,1], reverse=True)), list(merge(['a','BB'],['ccc'], key=len)))
a = [1,2,2,2,3,5,8]
print(bisect.bisect_left(a, 2), bisect.bisect_right(a, 2), bisect.bisect(a, 4), bisect.bisect_left(a, 2, 2), bisect.bisect_right(a, 2, 0, 3))
recs = [('a', 1), ('b', 3), ('c', 7)]
print(bisect.bisect_left(recs, 3, key=lambda r: r[1]), bisect.bisect_right(recs, 3, key=lambda r: r[1]))
bisect.insort(a, 4); bisect.insort_left(a, 2); bisect.insort_right(recs, ('z', 5), key=lambda r: r[1]); print(a, recs)
try: bisect.bisect_left(a, 1, -1)
except ValueError as e: print(e)
try: heappop([])
except IndexError as e: print("IndexError", e)
# Hot: a heap sort of many items with duplicates (tuples compare by both
# fields, so the order of equal keys shows the heap's exact layout).
random.seed(11)
h = []
for i in range(3000):
    heappush(h, (random.randint(0, 50), i % 7))
print(h[:12])
total = 0
out = []
while h:
    out.append(heappop(h))
print(out[:8], out[-8:], out == sorted(out))
y = [random.random() for _ in range(500)]
heapify(y)
print(round(sum(heappop(y) for _ in range(10)), 6), len(y))
vals = sorted(random.randint(0, 1000) for _ in range(2000))
hits = 0
for q in range(0, 1000, 3):
    i = bisect.bisect_left(vals, q)
    j = bisect.bisect_right(vals, q)
    hits += j - i
print(hits, bisect.bisect_left(vals, 500, key=lambda v: v), bisect.bisect_right(vals, 500, 100, 1500))
ins = []
for v in [5, 1, 4, 1, 5, 9, 2, 6, 5, 3] * 30:
    bisect.insort(ins, v)
print(ins[:15], len(ins))
