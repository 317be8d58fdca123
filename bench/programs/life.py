# life: two simulations. Conway's Game of Life on a sparse set of live
# cells (neighbour counts in a dict), and an elevator/bank simulation with
# classes, queues and a seeded random arrival stream.
# Stresses: set iteration and membership, dict counting with get(),
# tuple keys, object state machines, list append/pop(0), min with key=.
import random

NEIGHBOURS = [(dx, dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1) if dx or dy]


def life_step(live):
    counts = {}
    for (x, y) in live:
        for dx, dy in NEIGHBOURS:
            k = (x + dx, y + dy)
            counts[k] = counts.get(k, 0) + 1
    return {k for k, n in counts.items() if n == 3 or (n == 2 and k in live)}


def bounding_box(live):
    xs = [x for x, _ in live]
    ys = [y for _, y in live]
    return min(xs), min(ys), max(xs), max(ys)


def run_life(generations):
    # R-pentomino plus a glider gun-ish seed of random cells.
    live = {(1, 0), (2, 0), (0, 1), (1, 1), (1, 2)}
    random.seed(3)
    for _ in range(60):
        live.add((random.randint(20, 35), random.randint(-10, 5)))
    history = []
    for g in range(generations):
        live = life_step(live)
        if g % 50 == 49:
            history.append(len(live))
    x0, y0, x1, y1 = bounding_box(live)
    sig = 0
    for x, y in sorted(live):
        sig = (sig * 131 + (x - x0) * 1000 + (y - y0)) % 1000000007
    return history, (x1 - x0 + 1, y1 - y0 + 1), sig


class Passenger:
    def __init__(self, pid, t, src, dst):
        self.pid = pid
        self.arrival = t
        self.src = src
        self.dst = dst
        self.boarded = -1

    def direction(self):
        return 1 if self.dst > self.src else -1


class Elevator:
    def __init__(self, eid, floors, capacity):
        self.eid = eid
        self.floor = 0
        self.direction = 1
        self.capacity = capacity
        self.riders = []
        self.floors = floors
        self.moved = 0

    def __repr__(self):
        return f"Elevator({self.eid}, floor={self.floor}, riders={len(self.riders)})"

    def unload(self, t, stats):
        staying = []
        for p in self.riders:
            if p.dst == self.floor:
                stats.record(p, t)
            else:
                staying.append(p)
        self.riders = staying

    def load(self, t, waiting):
        queue = waiting[self.floor]
        i = 0
        while i < len(queue) and len(self.riders) < self.capacity:
            p = queue[i]
            if not self.riders or p.direction() == self.direction:
                p.boarded = t
                self.riders.append(p)
                queue.pop(i)
            else:
                i += 1

    def choose(self, waiting):
        # Riders first; an empty car heads for the nearest waiting floor.
        if self.riders:
            targets = [p.dst for p in self.riders]
        else:
            targets = [f for f in range(self.floors) if waiting[f]]
        if not targets:
            self.direction = 0
            return
        ahead = [f for f in targets if (f - self.floor) * self.direction > 0]
        if ahead:
            return
        nearest = min(targets, key=lambda f: (abs(f - self.floor), f))
        self.direction = 1 if nearest > self.floor else -1 if nearest < self.floor else 0

    def step(self):
        nxt = self.floor + self.direction
        if nxt != self.floor and 0 <= nxt < self.floors:
            self.floor = nxt
            self.moved += 1


class Stats:
    def __init__(self):
        self.done = 0
        self.total_wait = 0
        self.total_ride = 0
        self.worst = 0

    def record(self, p, t):
        self.done += 1
        wait = p.boarded - p.arrival
        self.total_wait += wait
        self.total_ride += t - p.boarded
        self.worst = max(self.worst, t - p.arrival)


def run_elevators(ticks, floors, n_elev):
    random.seed(11)
    waiting = [[] for _ in range(floors)]
    elevators = [Elevator(i, floors, 8) for i in range(n_elev)]
    stats = Stats()
    pid = 0
    for t in range(ticks):
        for _ in range(random.randint(0, 2)):
            src = random.randrange(floors)
            dst = random.randrange(floors)
            if src != dst:
                waiting[src].append(Passenger(pid, t, src, dst))
                pid += 1
        for e in elevators:
            e.unload(t, stats)
            e.load(t, waiting)
            e.choose(waiting)
            e.step()
    left = sum([len(q) for q in waiting]) + sum([len(e.riders) for e in elevators])
    return pid, stats, left, elevators


def main():
    history, size, sig = run_life(700)
    print("life populations", history)
    print("life box", size, "signature", sig)
    created, stats, left, elevators = run_elevators(20000, 16, 6)
    print("passengers", created, "delivered", stats.done, "left", left)
    print("avg wait %.3f avg ride %.3f worst %d" % (stats.total_wait / stats.done,
                                                     stats.total_ride / stats.done, stats.worst))
    print(elevators, [e.moved for e in elevators])


main()
