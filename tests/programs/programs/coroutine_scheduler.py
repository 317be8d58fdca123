# A small cooperative scheduler: tasks are generators that yield system
# calls (sleep, spawn, wait, send to a channel); the scheduler drives them
# with send(), cancels them with throw() and close(), and sub-tasks are
# delegated to with `yield from`.


class SysCall:
    def handle(self, sched, task):
        raise NotImplementedError


class Sleep(SysCall):
    def __init__(self, ticks):
        self.ticks = ticks

    def handle(self, sched, task):
        sched.sleep(task, self.ticks)

    def __repr__(self):
        return f"Sleep({self.ticks})"


class Spawn(SysCall):
    def __init__(self, gen, name):
        self.gen = gen
        self.name = name

    def handle(self, sched, task):
        child = sched.spawn(self.gen, self.name)
        sched.ready(task, child.tid)


class Wait(SysCall):
    def __init__(self, tid):
        self.tid = tid

    def handle(self, sched, task):
        sched.wait(task, self.tid)


class Put(SysCall):
    def __init__(self, chan, value):
        self.chan = chan
        self.value = value

    def handle(self, sched, task):
        self.chan.put(self.value)
        sched.ready(task, None)


class Get(SysCall):
    def __init__(self, chan):
        self.chan = chan

    def handle(self, sched, task):
        self.chan.get(sched, task)


class Cancelled(Exception):
    pass


class Channel:
    def __init__(self, name):
        self.name = name
        self.items = []
        self.waiters = []

    def put(self, value):
        self.items.append(value)
        while self.waiters and self.items:
            sched, task = self.waiters.pop(0)
            sched.ready(task, self.items.pop(0))

    def get(self, sched, task):
        if self.items:
            sched.ready(task, self.items.pop(0))
        else:
            self.waiters.append((sched, task))


class Task:
    __slots__ = ("tid", "name", "gen", "sendval", "throwval", "result", "done")

    def __init__(self, tid, name, gen):
        self.tid = tid
        self.name = name
        self.gen = gen
        self.sendval = None
        self.throwval = None
        self.done = False

    def step(self):
        if self.throwval is not None:
            exc, self.throwval = self.throwval, None
            return self.gen.throw(exc)
        val, self.sendval = self.sendval, None
        return self.gen.send(val)

    def __repr__(self):
        return f"<Task {self.tid} {self.name}{' done' if self.done else ''}>"


class Scheduler:
    def __init__(self):
        self.tasks = {}
        self.queue = []
        self.sleeping = []
        self.waiting = {}
        self.clock = 0
        self.next_tid = 1
        self.log = []

    def spawn(self, gen, name):
        t = Task(self.next_tid, name, gen)
        self.next_tid += 1
        self.tasks[t.tid] = t
        self.queue.append(t)
        return t

    def ready(self, task, value):
        task.sendval = value
        self.queue.append(task)

    def sleep(self, task, ticks):
        self.sleeping.append((self.clock + ticks, task.tid, task))
        self.sleeping.sort(key=lambda e: (e[0], e[1]))

    def wait(self, task, tid):
        target = self.tasks.get(tid)
        if target is None or target.done:
            self.ready(task, target.result if target else None)
        else:
            self.waiting.setdefault(tid, []).append(task)

    def cancel(self, tid):
        t = self.tasks[tid]
        if t.done:
            return False
        if t in self.queue:
            self.queue.remove(t)
        self.sleeping = [e for e in self.sleeping if e[2] is not t]
        t.throwval = Cancelled(f"task {tid} cancelled at {self.clock}")
        self.queue.append(t)
        return True

    def finish(self, task, result):
        task.done = True
        task.result = result
        self.log.append((self.clock, task.name, result))
        for w in self.waiting.pop(task.tid, []):
            self.ready(w, result)

    def run(self, limit=200):
        while (self.queue or self.sleeping) and self.clock < limit:
            if not self.queue:
                self.clock = self.sleeping[0][0]
                while self.sleeping and self.sleeping[0][0] <= self.clock:
                    self.queue.append(self.sleeping.pop(0)[2])
                continue
            task = self.queue.pop(0)
            try:
                call = task.step()
            except StopIteration as stop:
                self.finish(task, stop.value)
                continue
            except Cancelled as e:
                self.finish(task, f"cancelled: {e}")
                continue
            if isinstance(call, SysCall):
                call.handle(self, task)
            else:
                self.ready(task, call)
        for t in self.tasks.values():
            if not t.done:
                t.gen.close()
                t.done = True
                self.log.append((self.clock, t.name, "closed"))


def countdown(name, n, delay):
    total = 0
    while n > 0:
        yield Sleep(delay)
        total += n
        n -= 1
    return f"{name} summed {total}"


def fetch(chan, count):
    got = []
    for _ in range(count):
        v = yield Get(chan)
        got.append(v)
    return got


def producer(chan, items):
    for it in items:
        yield Sleep(1)
        yield Put(chan, it)
    return len(items)


def consumer(chan, count):
    batch = yield from fetch(chan, count)
    return sum(batch), batch


def supervisor(chan):
    a = yield Spawn(countdown("a", 3, 2), "count-a")
    b = yield Spawn(producer(chan, [5, 7, 11, 13]), "producer")
    c = yield Spawn(consumer(chan, 4), "consumer")
    results = []
    for tid in (a, b, c):
        r = yield Wait(tid)
        results.append(r)
    return results


def stubborn_worker():
    done = 0
    try:
        while True:
            yield Sleep(3)
            done += 1
    except Cancelled as e:
        yield Sleep(1)  # one last step of cleanup
        return f"stopped after {done} ({e})"


def canceller(victim_tid):
    yield Sleep(10)
    ok = yield CancelCall(victim_tid)
    return f"cancel sent: {ok}"


class CancelCall(SysCall):
    def __init__(self, tid):
        self.tid = tid

    def handle(self, sched, task):
        sched.ready(task, sched.cancel(self.tid))


def nested_worker(depth):
    if depth == 0:
        try:
            while True:
                yield Sleep(4)
        finally:
            print("  innermost cleanup")
    r = yield from nested_worker(depth - 1)
    return r


def forever():
    n = 0
    try:
        while True:
            yield Sleep(5)
            n += 1
    finally:
        print("  forever closed after", n, "naps")


chan = Channel("numbers")
sched = Scheduler()
sup = sched.spawn(supervisor(chan), "supervisor")
w = sched.spawn(stubborn_worker(), "stubborn")
sched.spawn(canceller(w.tid), "canceller")
deep = sched.spawn(nested_worker(3), "nested")
sched.spawn(canceller(deep.tid), "canceller2")
sched.spawn(forever(), "forever")
sched.run(limit=40)
for entry in sched.log:
    print(entry)
print(sorted(sched.tasks.values(), key=lambda t: t.name))
print(type(Task.tid).__name__, Task.name)


# Generators as pipelines driven by send(): a running average and a
# pipeline stage that forwards to a downstream coroutine.
def averager():
    total, count, avg = 0.0, 0, None
    while True:
        try:
            value = yield avg
        except ValueError as e:
            print("  averager reset:", e)
            total, count, avg = 0.0, 0, None
            continue
        if value is None:
            return (count, avg)
        total += value
        count += 1
        avg = total / count


def grouper(results, key):
    while True:
        results[key] = yield from averager()


results = {}
for key, values in [("a", [1, 2, 3, 4]), ("b", [10, 20]), ("c", [])]:
    g = grouper(results, key)
    next(g)
    for v in values:
        print(key, g.send(v))
    if key == "b":
        print(g.throw(ValueError("bad reading")))
        print(g.send(7))
    g.send(None)
    g.close()
print(results)
