# genpipe: lazy stream processing built from generators: a seeded record
# source feeds chains of generator stages (parse, filter, window, batch,
# dedupe, merge of sorted streams), an incremental prime sieve, recursive
# tree walks and permutations by `yield from`, and coroutines driven with
# send(). Stresses: generator resumption (for loops over generators, yield
# from chains several deep), generator expressions consumed by builtins,
# send/close, StopIteration values returned through `yield from`.


def lcg(seed):
    # An infinite generator: a linear congruential stream.
    x = seed
    while True:
        x = (x * 1103515245 + 12345) % 2147483648
        yield x


def take(n, it):
    for i, x in enumerate(it):
        if i >= n:
            return
        yield x


def records(seed, n):
    kinds = ("cpu", "disk", "net", "mem")
    for x in take(n, lcg(seed)):
        yield f"{kinds[x % 4]},{x % 1000},{(x >> 10) % 97}"


def parse(lines):
    for line in lines:
        kind, value, host = line.split(",")
        yield kind, int(value), int(host)


def select(pred, it):
    for item in it:
        if pred(item):
            yield item


def window(it, n):
    buf = []
    for x in it:
        buf.append(x)
        if len(buf) > n:
            del buf[0]
        if len(buf) == n:
            yield tuple(buf)


def batched(it, n):
    batch = []
    for x in it:
        batch.append(x)
        if len(batch) == n:
            yield batch
            batch = []
    if batch:
        yield batch


def dedupe(it, key):
    seen = set()
    for x in it:
        k = key(x)
        if k not in seen:
            seen.add(k)
            yield x


def merge(*streams):
    # Merge sorted streams: keep the head of each, yield the least.
    heads = []
    for s in streams:
        it = iter(s)
        for first in it:
            heads.append([first, it])
            break
    while heads:
        best = 0
        for i in range(1, len(heads)):
            if heads[i][0] < heads[best][0]:
                best = i
        value, it = heads[best]
        yield value
        nxt = next(it, None)
        if nxt is None:
            del heads[best]
        else:
            heads[best][0] = nxt


def primes():
    # Incremental sieve: each composite maps to the primes that reach it.
    composites = {}
    n = 2
    while True:
        if n not in composites:
            yield n
            composites[n * n] = [n]
        else:
            for p in composites.pop(n):
                composites.setdefault(n + p, []).append(p)
        n += 1


def walk(tree, depth=0):
    # Pre-order walk of nested lists; returns the deepest level seen.
    deepest = depth
    for node in tree:
        if isinstance(node, list):
            d = yield from walk(node, depth + 1)
            deepest = max(deepest, d)
        else:
            yield node, depth
    return deepest


def build_tree(values, fanout):
    if len(values) <= fanout:
        return list(values)
    step = (len(values) + fanout - 1) // fanout
    return [build_tree(values[i:i + step], fanout) for i in range(0, len(values), step)]


def permutations(items):
    if len(items) <= 1:
        yield list(items)
        return
    for i in range(len(items)):
        rest = items[:i] + items[i + 1:]
        for p in permutations(rest):
            yield [items[i]] + p


def averager():
    # A coroutine: send numbers, receive the running mean; None ends it.
    total = 0
    count = 0
    mean = None
    while True:
        x = yield mean
        if x is None:
            return count, total
        total += x
        count += 1
        mean = total / count


def delegating(sink):
    result = yield from sink
    return result


def stream_round(seed, n):
    rows = parse(records(seed, n))
    busy = select(lambda r: r[1] > 250, rows)
    pairs = window((value for kind, value, host in busy), 3)
    trend = sum(1 for a, b, c in pairs if a < b < c)
    hosts = dedupe(parse(records(seed + 1, n)), lambda r: r[2])
    by_kind = {}
    for batch in batched(hosts, 7):
        for kind, value, host in batch:
            by_kind[kind] = by_kind.get(kind, 0) + value
    return trend, sorted(by_kind.items())


def main(rounds=500, records=600):
    checksum = 0
    for r in range(rounds):
        trend, kinds = stream_round(r, records)
        checksum = (checksum * 31 + trend + sum(v for k, v in kinds)) % 1000000007
        if r % 100 == 0:
            print("round", r, trend, kinds)

        streams = [sorted(take(40, (x % 500 for x in lcg(r * 3 + k)))) for k in range(4)]
        merged = list(merge(*streams))
        assert merged == sorted(merged)
        checksum = (checksum + sum(merged[::17])) % 1000000007

        ps = list(take(150 + r % 40, primes()))
        checksum = (checksum + ps[-1] * len(ps)) % 1000000007

        tree = build_tree(list(range(r % 40 * 5, r % 40 * 5 + 120)), 3)
        walker = walk(tree)
        leaves = 0
        depth_sum = 0
        while True:
            try:
                leaf, depth = next(walker)
            except StopIteration as stop:
                deepest = stop.value
                break
            leaves += 1
            depth_sum += depth
        checksum = (checksum + leaves * 7 + depth_sum + deepest) % 1000000007

        perms = permutations(list(range(5)))
        fixed = sum(1 for p in perms if any(i == v for i, v in enumerate(p)))
        checksum = (checksum + fixed) % 1000000007

        co = delegating(averager())
        next(co)
        means = []
        for x in take(50, lcg(r)):
            means.append(co.send(x % 100))
        try:
            co.send(None)
        except StopIteration as stop:
            count, total = stop.value
        checksum = (checksum + count + total + int(means[-1])) % 1000000007
        if r % 100 == 0:
            print("  merged", merged[:5], "primes", ps[-3:], "leaves", leaves, deepest,
                  "fixed", fixed, "mean", round(means[-1], 3))
    print("checksum", checksum)


if __name__ == "__main__":
    main()
