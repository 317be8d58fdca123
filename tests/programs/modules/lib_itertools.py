from itertools import *
import itertools
print(list(islice(count(), 5)), list(islice(count(2.5, 0.5), 3)), list(islice(cycle('ab'), 5)), list(repeat(7, 3)), list(islice(repeat('x'), 2)))
print(list(accumulate([1,2,3,4])), list(accumulate([1,2,3], lambda a, b: a*b)), list(accumulate([1,2], initial=10)), list(accumulate([], initial=3)), list(accumulate([])))
print(list(chain('ab', [1,2])), list(chain.from_iterable(['xy', 'z'])), list(compress('ABCDEF', [1,0,1,0,1,1])))
print(list(dropwhile(lambda x: x<5, [1,4,6,4,1])), list(takewhile(lambda x: x<5, [1,4,6,4,1])), list(filterfalse(lambda x: x%2, range(10))), list(filterfalse(None, [0,1,'',2])))
print([(k, list(g)) for k, g in groupby('AAAABBBCCDAABBB')])
print([k for k, g in groupby('AAAABBBCCDAABBB')])
print([(k, list(g)) for k, g in groupby([1,3,2,4,5,7,6], key=lambda v: v % 2)])
gs = list(groupby('aabbc')); print([(k, list(g)) for k, g in gs])
it = iter(range(10)); print(list(islice(it, 0, 4, 2)), next(it))
print(list(islice('ABCDEFG', 2)), list(islice('ABCDEFG', 2, 4)), list(islice('ABCDEFG', 2, None)), list(islice('ABCDEFG', 0, None, 2)), list(islice('AB', 5, 9)))
try: islice('a', -1)
except ValueError as e: print(e)
print(list(starmap(pow, [(2,5), (3,2)])))
a, b = tee(iter([1,2,3])); print(next(a), list(b), list(a))
print(list(zip_longest('ABCD', 'xy', fillvalue='-')), list(zip_longest()), list(pairwise('ABCD')), list(pairwise('A')))
print(list(product('AB', 'xy')), list(product(range(2), repeat=3)), list(product()), list(product('ab', [])), len(list(product(range(3), range(4), repeat=2))))
print(list(permutations(range(3))), list(permutations('ABCD', 2)), len(list(permutations(range(6)))), list(permutations([], 0)), list(permutations('ab', 3)))
print(list(combinations('ABCD', 2)), list(combinations(range(5), 3))[:4], list(combinations('ab', 3)), list(combinations('ab', 0)), len(list(combinations(range(10), 4))))
print(list(combinations_with_replacement('ABC', 2)), list(combinations_with_replacement('', 2)), list(combinations_with_replacement('', 0)))
# Hot: counts and sums over the combinatoric generators.
print(sum(1 for _ in permutations(range(7))), sum(1 for _ in combinations(range(16), 4)))
print(sum(a * b for a, b in product(range(40), repeat=2)), len(list(combinations_with_replacement(range(8), 4))))
s = 0
for i, (a, b) in enumerate(zip_longest(range(500), range(300), fillvalue=0)):
    s += a - b + i
print(s, sum(accumulate(range(1000))), list(islice(accumulate(count(1), lambda a, b: a * b), 10)))
runs = [(k, len(list(g))) for k, g in groupby(sorted('mississippi' * 40))]
print(runs, [k for k, g in groupby([1, 1, 2, 1, 1, 1, 3, 3])])
print(sum(x for x in chain.from_iterable([range(i) for i in range(100)])), list(takewhile(lambda v: v < 2000, (n * n for n in count()))).__len__())
