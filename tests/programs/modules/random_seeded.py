import random
random.seed(42)
print([random.random() for _ in range(5)])
print([random.randint(1, 100) for _ in range(20)])
deck = list(range(20))
random.shuffle(deck)
print(deck)
print([random.choice("abcdefgh") for _ in range(10)], random.choice([10, 20, 30]))
print([random.randrange(10) for _ in range(10)], [random.randrange(5, 50, 5) for _ in range(8)])
print([random.randrange(100, 0, -7) for _ in range(6)], random.randrange(-10, 10))
print(random.uniform(1, 5), random.uniform(-2.5, 2.5), random.getrandbits(1), random.getrandbits(31))
print(random.getrandbits(32), random.getrandbits(33), random.getrandbits(64), random.getrandbits(200))
for seed in (0, 1, 12345, -7, 2 ** 32, 2 ** 64 + 3, 10 ** 40, 3.5):
    random.seed(seed)
    print(seed, random.random(), random.randint(0, 10 ** 25), random.randrange(1000))
random.seed(7)
a = [random.random() for _ in range(3)]
random.seed(7)
print(a == [random.random() for _ in range(3)])
random.seed(99)
big = list(range(100))
random.shuffle(big)
print(big[:15], sum(big))
for bad in (lambda: random.choice([]), lambda: random.randrange(0), lambda: random.randint(5, 1),
            lambda: random.randrange(1, 10, 0), lambda: random.getrandbits(-1)):
    try:
        bad()
    except (IndexError, ValueError) as e:
        print(type(e).__name__, e)
random.seed()
x = random.random()
print(0.0 <= x < 1.0)
