# pipeline: a data pipeline built from closures and higher-order functions:
# stages are composed with compose()/chain(), configured with keyword
# arguments and decorators, and run over seeded random records (dicts).
# Stresses: closures and nonlocal counters, lambdas, *args/**kwargs calls,
# keyword-only parameters, decorators, map/filter-style helpers written in
# Python, sorted with key=, dict building, f-strings.
import random


COUNTERS = {}


def counted(fn):
    calls = 0

    def wrapper(*args, **kwargs):
        nonlocal calls
        calls += 1
        return fn(*args, **kwargs)

    def count():
        return calls

    # Kept in a registry: stitch has no function attributes (f.x = ...).
    COUNTERS[fn.__name__] = count
    return wrapper


def compose(*fns):
    def run(x):
        for f in fns:
            x = f(x)
        return x
    return run


def mapper(fn):
    return lambda rows: [fn(r) for r in rows]


def keeper(pred):
    return lambda rows: [r for r in rows if pred(r)]


def reducer(fn, init):
    def run(rows):
        acc = init
        for r in rows:
            acc = fn(acc, r)
        return acc
    return run


def group_by(keyfn, *, agg, initial=0):
    def run(rows):
        groups = {}
        for r in rows:
            k = keyfn(r)
            groups[k] = agg(groups.get(k, initial), r)
        return groups
    return run


def field(name, default=None):
    return lambda r: r.get(name, default)


@counted
def normalise(row):
    out = dict(row)
    out["amount"] = round(row["amount"] * row["rate"], 2)
    out["tag"] = row["tag"].strip().lower()
    return out


@counted
def is_valid(row):
    return row["amount"] > 1.0 and row["tag"] != ""


def enrich(*, bonus, threshold):
    def run(row):
        row = dict(row)
        row["score"] = row["amount"] * (bonus if row["amount"] > threshold else 1.0)
        row["bucket"] = int(row["amount"]) // 25
        return row
    return run


def make_accumulator():
    total = 0.0
    seen = 0

    def add(row):
        nonlocal total, seen
        total += row["score"]
        seen += 1
        return row

    def report():
        return seen, round(total, 4)

    return add, report


TAGS = ["  Alpha", "beta ", "GAMMA", " delta ", "", "Epsilon", "zeta"]
REGIONS = ["north", "south", "east", "west"]


def generate(n):
    rows = []
    for i in range(n):
        rows.append({
            "id": i,
            "amount": random.uniform(0.0, 100.0),
            "rate": random.choice([0.5, 1.0, 1.25, 2.0]),
            "tag": random.choice(TAGS),
            "region": REGIONS[random.randrange(len(REGIONS))],
        })
    return rows


def top_n(rows, n, *, key, reverse=True):
    return sorted(rows, key=key, reverse=reverse)[:n]


def main():
    random.seed(1)
    rows = generate(7000)
    add, report = make_accumulator()
    stage = compose(
        mapper(normalise),
        keeper(is_valid),
        mapper(enrich(bonus=1.5, threshold=60.0)),
        mapper(add),
    )
    by_tag = group_by(field("tag"), agg=lambda acc, r: acc + r["score"], initial=0.0)
    by_region = group_by(lambda r: (r["region"], r["bucket"]), agg=lambda acc, r: acc + 1)
    total_ids = reducer(lambda acc, r: (acc * 31 + r["id"]) % 1000003, 7)

    grand = {}
    digest = 0
    for round_no in range(20):
        out = stage(rows)
        tags = by_tag(out)
        regions = by_region(out)
        digest = (digest + total_ids(out) + len(regions)) % 1000003
        for k, v in tags.items():
            grand[k] = grand.get(k, 0.0) + v
        rows = [dict(r, amount=r["amount"] * 1.01 % 100.0) for r in rows[1:]] + rows[:1]

    seen, total = report()
    print(f"normalise calls={COUNTERS['normalise']()} is_valid calls={COUNTERS['is_valid']()}")
    print(f"rows seen={seen} total score={total:.3f} digest={digest}")
    for tag in sorted(grand):
        print(f"  {tag:>8}: {grand[tag]:12.2f}")
    best = top_n(out, 3, key=lambda r: (r["score"], r["id"]))
    print("top", [(r["id"], "%.2f" % r["score"]) for r in best])
    print("regions", sorted(regions.items())[:4])


main()
