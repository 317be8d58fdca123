# Generators resumed by a for loop or `yield from` at hot sites (tier 1
# pushes their frames in its own loop: FOR_ITER_GEN, SEND_GEN), and the
# sites' other paths: a non-generator iterator, a finished generator, a
# generator already running, sends into a just-started one, exceptions
# leaving a generator through the loop, and the handled-exception state.


def count(n):
    for i in range(n):
        yield i
    return "done"


def squares(it):
    for x in it:
        yield x * x


def relay(g):
    result = yield from g
    return result


total = 0
for rep in range(300):
    for v in squares(count(5)):
        total += v
print("total", total)

# One site, generators then lists then a generator again.
def consume(it):
    s = 0
    for x in it:
        s += x
    return s

acc = []
for rep in range(200):
    acc.append(consume(count(4)) if rep % 50 else consume([1, 2, 3]))
print("mixed", sum(acc), acc[:3])

# A finished generator at a specialized site ends the loop at once.
g = count(3)
for rep in range(200):
    for x in g:
        pass
print("after exhausted", list(g))

# yield from returns the delegate's value through SEND_GEN.
results = []
for rep in range(200):
    r = relay(count(3))
    got = []
    while True:
        try:
            got.append(next(r))
        except StopIteration as stop:
            results.append(stop.value)
            break
print("relay", got, results[:2], len(results))

# send() through yield from, hot.
def echo():
    received = []
    while True:
        x = yield len(received)
        if x is None:
            return received
        received.append(x)

def outer():
    r = yield from echo()
    return len(r)

for rep in range(150):
    o = outer()
    next(o)
    for k in range(5):
        o.send(k)
    try:
        o.send(None)
    except StopIteration as stop:
        last = stop.value
print("echo", last)

# A just-started delegate sent a non-None value: TypeError from the SEND.
def starter():
    yield from echo_fresh()

def echo_fresh():
    x = yield
    yield x

for rep in range(120):
    s = starter()
    next(s)
    s.send(7)
print("fresh ok")

# An exception raised inside a generator leaves through the for loop.
def boom(n):
    for i in range(n):
        if i == 3:
            raise ValueError("boom at %d" % i)
        yield i

caught = 0
for rep in range(150):
    seen = []
    try:
        for x in boom(5):
            seen.append(x)
    except ValueError as e:
        caught += 1
        msg = str(e)
print("caught", caught, msg, seen)

# StopIteration raised inside a generator becomes RuntimeError (PEP 479).
def leaky():
    yield 1
    raise StopIteration("leak")

errs = 0
for rep in range(120):
    try:
        for x in leaky():
            pass
    except RuntimeError as e:
        errs += 1
        why = str(e)
print("pep479", errs, why)

# A generator resuming itself: ValueError, from a hot site.
def selfish():
    yield 1
    for x in me:
        yield x

hits = 0
for rep in range(120):
    me = selfish()
    try:
        for x in me:
            pass
    except ValueError as e:
        hits += 1
        why = str(e)
print("running", hits, why)

# Each generator keeps its own handled exception; the caller's comes back.
def handler_gen():
    try:
        raise KeyError("inner")
    except KeyError:
        yield 1
        yield 2
        raise

for rep in range(120):
    try:
        raise IndexError("outer")
    except IndexError:
        g = handler_gen()
        for x in g:
            try:
                raise TypeError("mid")
            except TypeError:
                pass
            if x == 2:
                break
        try:
            raise
        except IndexError as e:
            outer_seen = repr(e)
    try:
        next(g)
    except KeyError as e:
        inner_seen = repr(e)
print("handled", outer_seen, inner_seen)

# Generators in comprehensions, generator expressions, and builtins.
print(sum(x for x in count(10)), list(squares(count(4))), max(relay(count(6))))
print([y for y in relay(squares(count(5))) if y % 2])

# Deep recursion through generators still counts frames.
def nested(n):
    if n == 0:
        yield 0
    else:
        for x in nested(n - 1):
            yield x + 1

print("nested", list(nested(50)))

# An error inside a deeply resumed generator keeps the traceback.
def fails():
    yield 1
    yield 1 // 0

for x in relay(fails()):
    print("got", x)
