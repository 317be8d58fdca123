print(list(map(lambda x: x * 2, [1, 2, 3])))
print(list(map(pow, [2, 3, 4], [5, 2])))
print(list(filter(None, [0, 1, "", "a", None, [], [0]])))
print(list(filter(lambda s: s.startswith("a"), ["ab", "ba", "ac"])))
print(sum(map(int, "12345")), sorted(map(str, range(12)))[:4])
m = map(str.upper, ["x", "y"])
print(next(m), next(m), next(m, "done"))
evens = filter(lambda n: n % 2 == 0, range(10))
print(list(evens), list(evens))
print(type(map(abs, [])).__name__, type(filter(None, [])).__name__)
try:
    map(abs)
except TypeError as e:
    print(e)
try:
    list(map(len, [1]))
except TypeError as e:
    print(e)
def g():
    yield 1
    yield 2
def h():
    yield 10
    yield 20
print(list(map(lambda a, b: a + b, g(), h())))
