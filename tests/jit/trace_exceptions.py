# Exceptions raised while a trace runs, by uops that raise (int() of a bad
# string, a generic % on a str, a missing dict key), caught by a handler in
# the same loop (one with a finally), and one raised in a hot loop and
# caught by the caller. (uncaught_error.py: one that nobody catches.)
def parse_all(words):
    total = 0
    errors = 0
    for w in words:
        try:
            total = total + int(w)
        except ValueError as e:
            errors += 1
            if errors < 3:
                print("bad:", e)
    return total, errors


def render(values):
    out = []
    for v in values:
        try:
            out.append("%d" % v)
        except TypeError as e:
            out.append("?")
            print("render:", e)
    return "".join(out[-12:]), len(out)


def lookup(table, keys):
    hits = 0
    misses = []
    for k in keys:
        try:
            hits = hits + table[k]
        except KeyError as e:
            misses.append(e.args[0])
        finally:
            hits = hits + 1
    return hits, misses


def first_negative(values):
    i = 0
    for v in values:
        if v < 0:
            raise IndexError("negative at " + str(i))
        i = i + 1
    return -1


def outer(values):
    try:
        return first_negative(values)
    except IndexError as e:
        return str(e)


words = [str(i) for i in range(400)]
words[100] = "ten"
words[300] = ""
words[350] = "3.5"
print(parse_all(words))
vals = list(range(200))
vals[120] = "s"
vals[150] = None
print(render(vals))
table = {}
for i in range(0, 500, 3):
    table[i] = i * 2
print(lookup(table, list(range(300))))
print(outer(list(range(500)) + [-1] + list(range(10))))
print(outer(list(range(50))))
