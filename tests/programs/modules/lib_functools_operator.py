from functools import reduce, partial, lru_cache, cache, wraps, cmp_to_key, total_ordering
import functools, operator
from operator import itemgetter, attrgetter, methodcaller
print(reduce(operator.add, [1, 2, 3]), reduce(lambda a, b: a * b, range(1, 6), 10))
try: reduce(operator.add, [])
except TypeError as e: print(e)
def f(a, b, c=3): return (a, b, c)
p = partial(f, 1, c=9); print(p(2), p(2, c=4), p.args, p.keywords, p.func is f, partial(p, 5)())
@lru_cache(maxsize=None)
def fib(n): return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), fib.cache_info(), fib.__name__)
@lru_cache
def sq(x): return x * x
print([sq(i % 3) for i in range(6)], sq.cache_info())
@lru_cache(maxsize=2)
def g(x): print('compute', x); return x
g(1); g(2); g(1); g(3); g(2); g(1); print(g.cache_info())
@cache
def h(a, b=0): return a + b
print(h(1), h(1, b=2), h(a=1), h.cache_info()); h.cache_clear(); print(h.cache_info())
def deco(fn):
    @wraps(fn)
    def inner(*a): return fn(*a)
    return inner
@deco
def named(x): return x
print(named.__name__, named(4), named.__wrapped__.__name__)
print(sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)))
@total_ordering
class N:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
    def __lt__(self, o): return self.v < o.v
print(N(1) <= N(2), N(3) >= N(2), N(1) > N(2), N(2) >= N(2))
rows = [('b', 2, 'x'), ('a', 2, 'y'), ('c', 1, 'z')]
print(sorted(rows, key=itemgetter(1)), sorted(rows, key=itemgetter(1, 0)), itemgetter(2)(rows[0]), itemgetter(slice(0, 2))('abc'))
class O:
    def __init__(self): self.a = 1; self.b = self
print(attrgetter('a')(O()), attrgetter('b.a')(O()), attrgetter('a', 'b.a')(O()), methodcaller('split', ',')('x,y'), methodcaller('replace', 'a', b='c') if False else 0)
print(operator.add(1, 2), operator.sub(5, 3), operator.mul(2, 3), operator.truediv(1, 4), operator.floordiv(7, 2), operator.mod(-7, 3), operator.neg(5), operator.eq(1, 1), operator.lt(1, 2), operator.le(2, 2), operator.gt(1, 2), operator.ge(1, 2), operator.ne(1, 2), operator.not_(0), operator.and_(6, 3), operator.or_(6, 3), operator.xor(6, 3), operator.getitem([1, 2], 1), operator.contains([1], 1), operator.index(7))
l = [0, 0]; operator.setitem(l, 0, 5); print(l, itemgetter(1), attrgetter('x', 'y'), methodcaller('f', 1, k=2))
print(list(map(operator.mul, [1, 2], [3, 4])))
# Hot: memoized recursion and the operator functions as keys.
@lru_cache(maxsize=None)
def paths(r, c):
    if r == 0 or c == 0:
        return 1
    return paths(r - 1, c) + paths(r, c - 1)
print(paths(25, 25), paths.cache_info())
@lru_cache(maxsize=64)
def collatz(n):
    return 0 if n == 1 else 1 + collatz(n // 2 if n % 2 == 0 else 3 * n + 1)
print(max(range(1, 600), key=collatz), collatz.cache_info().currsize)
pairs = [(i % 13, -i) for i in range(600)]
print(sorted(pairs, key=itemgetter(0))[:4], reduce(operator.add, map(itemgetter(1), pairs)), sum(map(operator.mul, range(500), range(500))))
inc = partial(operator.add, 1)
acc = 0
for i in range(800):
    acc = inc(acc)
print(acc, sorted(range(20), key=cmp_to_key(lambda a, b: (a % 5 - b % 5) or (b - a))))
