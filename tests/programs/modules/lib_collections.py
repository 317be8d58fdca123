from collections import defaultdict, Counter, deque, namedtuple, OrderedDict
import collections
d = defaultdict(list)
for w in "apple banana avocado cherry blueberry".split(): d[w[0]].append(w)
print(d, dict(d), len(d), d['z'], 'q' in d)
dd = defaultdict(int); dd['x'] += 2; print(dd, dd.copy(), defaultdict(None), type(dd).__name__, isinstance(dd, dict))
try: defaultdict()['k']
except KeyError as e: print('KeyError', e)
c = Counter('abracadabra'); print(c, c.most_common(2), c.most_common(), c['z'], c.total())
c2 = Counter('bca'); print(c2.most_common())
c.update('zzz'); c.subtract({'a': 10}); print(c, sorted(c.elements()))
print(Counter(a=3, b=1) + Counter(a=1, b=2), Counter(a=3, b=1) - Counter(a=1, b=2), Counter(a=3, b=1) | Counter(a=1, b=2), Counter(a=3, b=1) & Counter(a=1, b=2))
print(Counter(), Counter({'x': 2}) == Counter(x=2), Counter(x=1) == {'x': 1}, +Counter(a=-1, b=2), -Counter(a=-1, b=2))
q = deque([1, 2, 3]); q.append(4); q.appendleft(0); print(q, len(q), q[0], q[-1], q.popleft(), q.pop(), q)
q.rotate(1); print(q); q.rotate(-2); print(q); q.extendleft([9, 8]); print(q, list(reversed(q)), 8 in q)
m = deque(range(10), maxlen=3); print(m, m.maxlen); m.append(10); m.appendleft(-1); print(m)
e = deque()
for i in range(100): e.append(i)
for i in range(90): e.popleft()
for i in range(5): e.appendleft(-i)
print(e, bool(e), bool(deque()))
try: deque().pop()
except IndexError as ex: print(ex)
big = deque(range(50)); big.rotate(23); print(list(big)[:5]); big.rotate(-40); print(list(big)[:5])
Point = namedtuple('Point', 'x y')
p = Point(1, y=2); x, y = p
print(p, p.x, p[1], p[-1], p[:1], len(p), x, y, p == (1, 2), (1, 2) == p, hash(p) == hash((1, 2)), p._asdict(), p._replace(x=5), Point._make([3, 4]), Point._fields)
print(sorted([Point(2, 1), Point(1, 5)]), max(Point(3, 3), Point(3, 4)), {p: 1}[(1, 2)], p + (3,), list(p), tuple(p), Point)
P3 = namedtuple('P3', ['a', 'b', 'c'], defaults=[0, 9]); print(P3(1), P3._field_defaults)
try: Point(1)
except TypeError as ex: print(ex)
class V(namedtuple('V', 'x y')):
    def norm(self): return abs(self.x) + abs(self.y)
print(V(3, -4).norm(), V(1, 2))
od = OrderedDict(a=1, b=2, c=3); od.move_to_end('a'); print(od); od.move_to_end('c', last=False); print(od, od.popitem(), od.popitem(last=False), od)
print(OrderedDict(), OrderedDict([('x', 1)]) == OrderedDict([('x', 1)]))
# Hot: BFS on a grid with a deque, grouping with defaultdict(list), word
# counts with ties (insertion order), points as namedtuples.
grid = ["....#....", ".##.#.##.", ".#.....#.", ".#.###.#.", "...#...#."]
start, goal = (0, 0), (4, 8)
dist = {start: 0}
queue = deque([start])
while queue:
    r, c = queue.popleft()
    for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):
        nr, nc = r + dr, c + dc
        if 0 <= nr < 5 and 0 <= nc < 9 and grid[nr][nc] == '.' and (nr, nc) not in dist:
            dist[(nr, nc)] = dist[(r, c)] + 1
            queue.append((nr, nc))
print(dist.get(goal), len(dist))
groups = defaultdict(list)
for i in range(1000):
    groups[i % 7].append(i)
print(sorted((k, len(v), v[:3]) for k, v in groups.items()))
words = ("the cat and the dog and the bird saw a cat a dog " * 50).split()
cnt = Counter(words)
print(cnt.most_common(4), cnt.most_common()[-3:], Counter('abcabd').most_common())
window = deque(maxlen=5)
s = 0
for i in range(2000):
    window.append(i)
    s += sum(window)
    if i % 3 == 0:
        window.rotate(2)
print(s, window)
Pt = namedtuple('Pt', ['x', 'y'])
pts = [Pt(i % 17, i % 11) for i in range(1500)]
print(sum(p.x * p.y for p in pts), len(set(pts)), max(pts), pts[5], sum(a + b for a, b in pts))
d2 = deque()
for i in range(3000):
    if i % 3 == 2:
        d2.appendleft(i)
    else:
        d2.append(i)
    if i % 4 == 0:
        d2.popleft()
print(len(d2), d2[0], d2[-1], d2[100], list(d2)[200:205])
