# sudoku: a constraint-propagation sudoku solver (candidate sets per cell,
# elimination and hidden singles, then backtracking search on the cell with
# the fewest candidates), plus an N-queens counter with bitmask backtracking.
# Stresses: sets and set operations, dicts keyed by tuples, dict copies,
# recursion, exceptions for contradiction handling, list comprehensions.

DIGITS = frozenset(range(1, 10))
SQUARES = list(range(81))
# Squares are ints 0..80 and digits ints 1..9, so that set iteration order is
# the same on every run (str hashes are randomized in CPython).
UNITS_LIST = ([[r * 9 + c for r in range(9)] for c in range(9)] +
              [[r * 9 + c for c in range(9)] for r in range(9)] +
              [[(br + r) * 9 + bc + c for r in range(3) for c in range(3)]
               for br in (0, 3, 6) for bc in (0, 3, 6)])
UNITS = {s: [u for u in UNITS_LIST if s in u] for s in SQUARES}
PEERS = {s: sorted(set(sum(UNITS[s], [])) - {s}) for s in SQUARES}


class Contradiction(Exception):
    pass


class Grid:
    def __init__(self, values=None):
        if values is None:
            values = {s: set(DIGITS) for s in SQUARES}
        self.values = values
        self.assignments = 0

    def copy(self):
        g = Grid({s: set(v) for s, v in self.values.items()})
        g.assignments = self.assignments
        return g

    def assign(self, s, d):
        self.assignments += 1
        for other in sorted(self.values[s] - {d}):
            self.eliminate(s, other)

    def eliminate(self, s, d):
        vals = self.values[s]
        if d not in vals:
            return
        vals.discard(d)
        if not vals:
            raise Contradiction(s)
        if len(vals) == 1:
            only = min(vals)
            for p in PEERS[s]:
                self.eliminate(p, only)
        for u in UNITS[s]:
            places = [q for q in u if d in self.values[q]]
            if not places:
                raise Contradiction(d)
            if len(places) == 1 and len(self.values[places[0]]) > 1:
                self.assign(places[0], d)

    def solved(self):
        return all([len(self.values[s]) == 1 for s in SQUARES])

    def render(self):
        return "".join([str(min(self.values[s])) for s in SQUARES])


def parse(text):
    g = Grid()
    for s, ch in zip(SQUARES, text):
        if ch != ".":
            g.assign(s, int(ch))
    return g


def search(g, stats):
    if g.solved():
        return g
    stats["nodes"] += 1
    n, s = min([(len(g.values[s]), s) for s in SQUARES if len(g.values[s]) > 1])
    for d in sorted(g.values[s]):
        trial = g.copy()
        try:
            trial.assign(s, d)
        except Contradiction:
            stats["dead"] += 1
            continue
        result = search(trial, stats)
        if result is not None:
            return result
    return None


def check(text):
    for unit in UNITS_LIST:
        if {int(text[s]) for s in unit} != DIGITS:
            return False
    return True


PUZZLES = [
    "4.....8.5.3..........7......2.....6.....8.4......1.......6.3.7.5..2.....1.4......",
    "52...6.........7.13...........4..8..6......5...........418.........3..2...87.....",
    "6.....8.3.4.7.................5.4.7.3..2.....1.6.......2.....5.....8.6......1....",
    "48.3............71.2.......7.5....6....2..8.............1.76...3.....4......5....",
    "....14....3....2...7..........9...3.6.1.............8.2.....1.4....5.6.....7.8...",
]


def queens(n):
    full = (1 << n) - 1
    count = 0
    stack = [(0, 0, 0)]
    while stack:
        cols, d1, d2 = stack.pop()
        if cols == full:
            count += 1
            continue
        free = full & ~(cols | d1 | d2)
        while free:
            bit = free & -free
            free ^= bit
            stack.append((cols | bit, ((d1 | bit) << 1) & full, (d2 | bit) >> 1))
    return count


def variants(p):
    # The puzzle, its transpose, both rotated 180 degrees, and all four
    # with the digits relabelled.
    t = "".join([p[c * 9 + r] for r in range(9) for c in range(9)])
    relabel = {str(d): str(10 - d) for d in range(1, 10)}
    relabel["."] = "."
    r = p[::-1]
    out = [p, t, r, t[::-1]]
    return out + ["".join([relabel[ch] for ch in q]) for q in out]


def main(n_puzzles=None, n_variants=None, queens_below=12):
    stats = {"nodes": 0, "dead": 0}
    digest = 0
    for p in PUZZLES[:n_puzzles]:
        for q in variants(p)[:n_variants]:
            g = search(parse(q), stats)
            text = g.render()
            assert check(text), "bad solution"
            for i, ch in enumerate(text):
                digest = (digest * 7 + int(ch) * (i + 1)) % 999999937
        print(text[:27], g.assignments)
    print("nodes", stats["nodes"], "dead ends", stats["dead"], "digest", digest)
    print("queens", [queens(n) for n in range(4, queens_below)])


if __name__ == "__main__":
    main()
