# scheduler: a richards-like operating-system task scheduler. Tasks are
# objects with state flags, packets are linked records passed between
# queues, and a scheduler loop dispatches by overridden methods.
# Stresses: method calls, single inheritance with overridden methods,
# attribute loads/stores on many small objects, linked-list traversal,
# `is None` tests, small-int arithmetic and bit operations.

IDLE, WORKER, HANDLER_A, HANDLER_B, DEVICE_A, DEVICE_B = range(6)
KIND_DEVICE = 0
KIND_WORK = 1
BUFSIZE = 4


class Packet:
    def __init__(self, link, ident, kind):
        self.link = link
        self.ident = ident
        self.kind = kind
        self.count = 0
        self.data = [0] * BUFSIZE

    def append_to(self, queue):
        self.link = None
        if queue is None:
            return self
        p = queue
        while p.link is not None:
            p = p.link
        p.link = self
        return queue


class TaskState:
    def __init__(self):
        self.packet_pending = True
        self.waiting = False
        self.holding = False

    def is_held_or_waiting(self):
        return self.holding or (not self.packet_pending and self.waiting)

    def is_waiting_with_packet(self):
        return self.packet_pending and self.waiting and not self.holding


class Task(TaskState):
    def __init__(self, sched, ident, prio, queue, waiting):
        super().__init__()
        self.sched = sched
        self.ident = ident
        self.prio = prio
        self.queue = queue
        self.packet_pending = queue is not None
        self.waiting = waiting
        self.link = sched.tasks
        sched.tasks = self
        sched.table[ident] = self

    def add_packet(self, pkt, old):
        if self.queue is None:
            self.queue = pkt
            self.packet_pending = True
            if self.prio > old.prio:
                return self
        else:
            self.queue = pkt.append_to(self.queue)
        return old

    def run_task(self):
        if self.is_waiting_with_packet():
            msg = self.queue
            self.queue = msg.link
            self.packet_pending = self.queue is not None
            self.waiting = False
        else:
            msg = None
        return self.fn(msg)

    def fn(self, pkt):
        raise NotImplementedError("fn")


class IdleTask(Task):
    def __init__(self, sched, ident, prio, count):
        super().__init__(sched, ident, prio, None, False)
        self.seed = 1
        self.count = count

    def fn(self, pkt):
        s = self.sched
        self.count -= 1
        if self.count == 0:
            return s.hold_self()
        if self.seed & 1 == 0:
            self.seed >>= 1
            return s.release(DEVICE_A)
        self.seed = (self.seed >> 1) ^ 0xD008
        return s.release(DEVICE_B)


class DeviceTask(Task):
    def __init__(self, sched, ident, prio):
        super().__init__(sched, ident, prio, None, False)
        self.pending = None

    def fn(self, pkt):
        s = self.sched
        if pkt is None:
            pkt = self.pending
            if pkt is None:
                return s.wait()
            self.pending = None
            return s.queue_packet(pkt)
        self.pending = pkt
        s.checksum = (s.checksum + pkt.data[0]) & 0xFFFF
        return s.hold_self()


class HandlerTask(Task):
    def __init__(self, sched, ident, prio, queue):
        super().__init__(sched, ident, prio, queue, True)
        self.work_in = None
        self.dev_in = None

    def fn(self, pkt):
        s = self.sched
        if pkt is not None:
            if pkt.kind == KIND_WORK:
                self.work_in = pkt.append_to(self.work_in)
            else:
                self.dev_in = pkt.append_to(self.dev_in)
        work = self.work_in
        if work is not None:
            count = work.count
            if count < BUFSIZE:
                dev = self.dev_in
                if dev is not None:
                    self.dev_in = dev.link
                    dev.data[0] = work.data[count]
                    work.count = count + 1
                    return s.queue_packet(dev)
            else:
                self.work_in = work.link
                return s.queue_packet(work)
        return s.wait()


class WorkTask(Task):
    def __init__(self, sched, ident, prio, queue):
        super().__init__(sched, ident, prio, queue, True)
        self.dest = HANDLER_A
        self.letter = 0

    def fn(self, pkt):
        s = self.sched
        if pkt is None:
            return s.wait()
        self.dest = HANDLER_B if self.dest == HANDLER_A else HANDLER_A
        pkt.ident = self.dest
        pkt.count = 0
        for i in range(BUFSIZE):
            self.letter += 1
            if self.letter > 26:
                self.letter = 1
            pkt.data[i] = self.letter
        return s.queue_packet(pkt)


class Scheduler:
    def __init__(self):
        self.tasks = None
        self.table = [None] * 6
        self.current = None
        self.hold_count = 0
        self.queue_count = 0
        self.checksum = 0

    def find(self, ident):
        t = self.table[ident]
        if t is None:
            raise KeyError(ident)
        return t

    def hold_self(self):
        self.hold_count += 1
        self.current.holding = True
        return self.current.link

    def release(self, ident):
        t = self.find(ident)
        t.holding = False
        if t.prio > self.current.prio:
            return t
        return self.current

    def wait(self):
        self.current.waiting = True
        return self.current

    def queue_packet(self, pkt):
        t = self.find(pkt.ident)
        self.queue_count += 1
        pkt.link = None
        pkt.ident = self.current.ident
        return t.add_packet(pkt, self.current)

    def run(self):
        self.current = self.tasks
        steps = 0
        while self.current is not None:
            steps += 1
            if self.current.is_held_or_waiting():
                self.current = self.current.link
            else:
                self.current = self.current.run_task()
        return steps


def build(count):
    s = Scheduler()
    IdleTask(s, IDLE, 0, count)
    q = Packet(None, WORKER, KIND_WORK)
    q = Packet(q, WORKER, KIND_WORK)
    WorkTask(s, WORKER, 1000, q)
    for ident, prio in ((HANDLER_A, 2000), (HANDLER_B, 3000)):
        q = Packet(None, DEVICE_A if ident == HANDLER_A else DEVICE_B, KIND_DEVICE)
        q = Packet(q, q.ident, KIND_DEVICE)
        q = Packet(q, q.ident, KIND_DEVICE)
        HandlerTask(s, ident, prio, q)
    DeviceTask(s, DEVICE_A, 4000)
    DeviceTask(s, DEVICE_B, 5000)
    return s


def main(iterations, count):
    total = 0
    for it in range(iterations):
        s = build(count)
        steps = s.run()
        total = (total * 31 + steps + s.hold_count * 7 + s.queue_count * 13 + s.checksum) % 1000000007
        if it == 0:
            print("steps", steps, "holds", s.hold_count, "queued", s.queue_count, "sum", s.checksum)
    print("checksum", total)


if __name__ == "__main__":
    main(12, 10000)
