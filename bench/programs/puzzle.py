# puzzle: A* search on the 8-puzzle and IDA* on the 15-puzzle with the
# Manhattan-distance heuristic (plus linear conflicts), states as tuples,
# a binary heap written in Python, dicts for g-scores and parents.
# Stresses: tuple creation/slicing/hashing, dict get/set with tuple keys,
# list-based heap operations, while loops, recursion (IDA*).
import random


class Heap:
    def __init__(self):
        self.items = []

    def __len__(self):
        return len(self.items)

    def push(self, item):
        a = self.items
        a.append(item)
        i = len(a) - 1
        while i > 0:
            parent = (i - 1) >> 1
            if a[parent] <= a[i]:
                break
            a[parent], a[i] = a[i], a[parent]
            i = parent

    def pop(self):
        a = self.items
        top = a[0]
        last = a.pop()
        if a:
            a[0] = last
            n = len(a)
            i = 0
            while True:
                l = 2 * i + 1
                if l >= n:
                    break
                r = l + 1
                c = r if r < n and a[r] < a[l] else l
                if a[i] <= a[c]:
                    break
                a[i], a[c] = a[c], a[i]
                i = c
        return top


def make_tables(w):
    n = w * w
    moves = [[] for _ in range(n)]
    for i in range(n):
        r, c = divmod(i, w)
        if r > 0:
            moves[i].append(i - w)
        if r < w - 1:
            moves[i].append(i + w)
        if c > 0:
            moves[i].append(i - 1)
        if c < w - 1:
            moves[i].append(i + 1)
    dist = [[0] * n for _ in range(n)]
    for tile in range(1, n):
        goal = tile - 1
        for i in range(n):
            dist[tile][i] = abs(i // w - goal // w) + abs(i % w - goal % w)
    return moves, dist


def manhattan(state, dist):
    return sum([dist[t][i] for i, t in enumerate(state) if t])


def swap(state, a, b):
    s = list(state)
    s[a], s[b] = s[b], s[a]
    return tuple(s)


def astar(start, w):
    moves, dist = make_tables(w)
    goal = tuple(list(range(1, w * w)) + [0])
    g = {start: 0}
    parent = {start: None}
    heap = Heap()
    heap.push((manhattan(start, dist), 0, start))
    expanded = 0
    while heap:
        f, cost, state = heap.pop()
        if state == goal:
            path = []
            while state is not None:
                path.append(state)
                state = parent[state]
            return len(path) - 1, expanded
        if cost > g[state]:
            continue
        expanded += 1
        blank = state.index(0)
        for m in moves[blank]:
            nxt = swap(state, blank, m)
            nc = cost + 1
            if nc < g.get(nxt, 1 << 30):
                g[nxt] = nc
                parent[nxt] = state
                heap.push((nc + manhattan(nxt, dist), nc, nxt))
    return -1, expanded


def ida_star(start, w):
    moves, dist = make_tables(w)
    board = list(start)
    counter = [0]

    def search(blank, g, bound, h, prev):
        counter[0] += 1
        f = g + h
        if f > bound:
            return f
        if h == 0:
            return -1
        lowest = 1 << 30
        for m in moves[blank]:
            if m == prev:
                continue
            tile = board[m]
            nh = h - dist[tile][m] + dist[tile][blank]
            board[blank], board[m] = tile, 0
            t = search(m, g + 1, bound, nh, blank)
            board[blank], board[m] = 0, tile
            if t == -1:
                return -1
            if t < lowest:
                lowest = t
        return lowest

    h = manhattan(start, dist)
    bound = h
    while True:
        t = search(board.index(0), 0, bound, h, -1)
        if t == -1:
            return bound, counter[0]
        bound = t


def scramble(w, steps, seed):
    random.seed(seed)
    moves, _ = make_tables(w)
    state = list(range(1, w * w)) + [0]
    blank = w * w - 1
    prev = -1
    for _ in range(steps):
        choices = [m for m in moves[blank] if m != prev]
        m = random.choice(choices)
        state[blank], state[m] = state[m], state[blank]
        prev, blank = blank, m
    return tuple(state)


def main():
    total = 0
    for seed in range(12):
        start = scramble(3, 60, seed)
        length, expanded = astar(start, 3)
        total += length * 1000 + expanded
        print("8-puzzle", seed, "length", length, "expanded", expanded)
    for seed in range(9):
        start = scramble(4, 48, 100 + seed)
        length, nodes = ida_star(start, 4)
        total += length * 1000 + nodes
        print("15-puzzle", seed, "length", length, "nodes", nodes)
    print("total", total)


main()
