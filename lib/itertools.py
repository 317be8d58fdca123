"""Iterator building blocks, as CPython's itertools, written as generators
after the "roughly equivalent" code of CPython's documentation: the same
items in the same order (the iterators print as generators, though)."""

__all__ = ['accumulate', 'chain', 'combinations', 'combinations_with_replacement',
           'compress', 'count', 'cycle', 'dropwhile', 'filterfalse', 'groupby',
           'islice', 'pairwise', 'permutations', 'product', 'repeat', 'starmap',
           'takewhile', 'tee', 'zip_longest']


def count(start=0, step=1):
    """count(10) --> 10 11 12 13 14 ..."""
    if not isinstance(start, (int, float)) or not isinstance(step, (int, float)):
        raise TypeError('a number is required')
    n = start
    while True:
        yield n
        n += step


def cycle(iterable):
    """cycle('ABCD') --> A B C D A B C D A B C D ..."""
    saved = []
    for element in iterable:
        yield element
        saved.append(element)
    if not saved:
        return
    while True:
        for element in saved:
            yield element


def repeat(object, times=None):
    """repeat(10, 3) --> 10 10 10"""
    if times is None:
        while True:
            yield object
    else:
        for i in range(times):
            yield object


def _add(x, y):
    return x + y


def accumulate(iterable, func=None, *, initial=None):
    """accumulate([1,2,3,4,5]) --> 1 3 6 10 15"""
    it = iter(iterable)
    total = initial
    if initial is None:
        try:
            total = next(it)
        except StopIteration:
            return
    yield total
    if func is None:
        for element in it:
            total = total + element
            yield total
    else:
        for element in it:
            total = func(total, element)
            yield total


def _chain_from_iterable(iterables):
    """chain.from_iterable(['ABC', 'DEF']) --> A B C D E F"""
    for it in iterables:
        yield from it


def chain(*iterables):
    """chain('ABC', 'DEF') --> A B C D E F"""
    for it in iterables:
        yield from it


chain.from_iterable = _chain_from_iterable


def compress(data, selectors):
    """compress('ABCDEF', [1,0,1,0,1,1]) --> A C E F"""
    return (d for d, s in zip(data, selectors) if s)


def dropwhile(predicate, iterable):
    """dropwhile(lambda x: x<5, [1,4,6,4,1]) --> 6 4 1"""
    iterable = iter(iterable)
    for x in iterable:
        if not predicate(x):
            yield x
            break
    for x in iterable:
        yield x


def takewhile(predicate, iterable):
    """takewhile(lambda x: x<5, [1,4,6,4,1]) --> 1 4"""
    for x in iterable:
        if predicate(x):
            yield x
        else:
            break


def filterfalse(predicate, iterable):
    """filterfalse(lambda x: x%2, range(10)) --> 0 2 4 6 8"""
    if predicate is None:
        predicate = bool
    for x in iterable:
        if not predicate(x):
            yield x


def groupby(iterable, key=None):
    """[k for k, g in groupby('AAAABBBCCDAABBB')] --> A B C D A B"""
    keyfunc = (lambda x: x) if key is None else key
    iterator = iter(iterable)
    exhausted = False
    curr_value = curr_key = None
    current = 0     # which group may still run: an older one yields no more

    def _grouper(target_key, mine):
        nonlocal curr_value, curr_key, exhausted
        if mine != current:
            return
        yield curr_value
        for value in iterator:
            curr_value = value
            curr_key = keyfunc(value)
            if curr_key != target_key:
                return
            yield value
            if mine != current:
                return
        exhausted = True

    try:
        curr_value = next(iterator)
    except StopIteration:
        return
    curr_key = keyfunc(curr_value)
    while not exhausted:
        target_key = curr_key
        curr_group = _grouper(target_key, current)
        yield curr_key, curr_group
        if curr_key == target_key:
            # The group was not (fully) consumed: skip the rest of it.
            for _ in curr_group:
                pass
        current += 1


def islice(iterable, *args):
    """islice('ABCDEFG', 2, None) --> C D E F G"""
    if not 1 <= len(args) <= 3:
        raise TypeError('islice expected at most 4 arguments, got %d' % (len(args) + 1)
                        if args else 'islice expected at least 2 arguments, got 1')
    start, step = 0, 1
    if len(args) == 1:
        stop = args[0]
    else:
        start, stop = args[0], args[1]
        if len(args) == 3:
            step = args[2]
    if start is None:
        start = 0
    if step is None:
        step = 1
    # CPython's checks, in its order and with its messages.
    if stop is not None and (not isinstance(stop, int) or stop == -1):
        raise ValueError('Stop argument for islice() must be None or an integer: '
                         '0 <= x <= sys.maxsize.')
    if not isinstance(start, int) or start < 0 or stop is not None and stop < -1:
        raise ValueError('Indices for islice() must be None or an integer: '
                         '0 <= x <= sys.maxsize.')
    if not isinstance(step, int) or step <= 0:
        raise ValueError('Step for islice() must be a positive integer or None.')
    return _islice(iter(iterable), start, stop, step)


def _islice(it, start, stop, step):
    # CPython's islice_next step by step, so that a shared iterator is
    # consumed exactly as far.
    cnt = 0
    nxt = start
    while True:
        while cnt < nxt:
            try:
                next(it)
            except StopIteration:
                return
            cnt += 1
        if stop is not None and cnt >= stop:
            return
        try:
            item = next(it)
        except StopIteration:
            return
        cnt += 1
        nxt += step
        if stop is not None and nxt > stop:
            nxt = stop
        yield item


def starmap(function, iterable):
    """starmap(pow, [(2,5), (3,2), (10,3)]) --> 32 9 1000"""
    for args in iterable:
        yield function(*args)


def tee(iterable, n=2):
    """Return n independent iterators from a single iterable."""
    if n < 0:
        raise ValueError('n must be >= 0')
    it = iter(iterable)
    buffers = [[] for i in range(n)]

    def gen(mybuf):
        head = 0
        while True:
            if head == len(mybuf):
                del mybuf[:]
                head = 0
                try:
                    newval = next(it)
                except StopIteration:
                    return
                for buf in buffers:
                    buf.append(newval)
            value = mybuf[head]
            head += 1
            yield value
    return tuple([gen(buf) for buf in buffers])


def zip_longest(*args, fillvalue=None):
    """zip_longest('ABCD', 'xy', fillvalue='-') --> Ax By C- D-"""
    iterators = [iter(it) for it in args]
    num_active = len(iterators)
    if not num_active:
        return
    while True:
        values = []
        for i, it in enumerate(iterators):
            try:
                value = next(it)
            except StopIteration:
                num_active -= 1
                if not num_active:
                    return
                iterators[i] = repeat(fillvalue)
                value = fillvalue
            values.append(value)
        yield tuple(values)


def pairwise(iterable):
    """pairwise('ABCDEFG') --> AB BC CD DE EF FG"""
    it = iter(iterable)
    try:
        a = next(it)
    except StopIteration:
        return
    for b in it:
        yield a, b
        a = b


def product(*args, repeat=1):
    """product('ABCD', 'xy') --> Ax Ay Bx By Cx Cy Dx Dy"""
    if repeat < 0:
        raise ValueError('repeat argument cannot be negative')
    pools = [tuple(pool) for pool in args] * repeat
    # The pools are read before the first item is asked for, as CPython does.
    return _product(pools)


def _product(pools):
    # CPython's odometer: the rightmost index advances fastest.
    n = len(pools)
    for pool in pools:
        if not pool:
            return
    indices = [0] * n
    yield tuple([pool[0] for pool in pools])
    while True:
        i = n - 1
        while i >= 0:
            indices[i] += 1
            if indices[i] < len(pools[i]):
                break
            indices[i] = 0
            i -= 1
        else:
            return
        yield tuple([pools[j][indices[j]] for j in range(n)])


def permutations(iterable, r=None):
    """permutations(range(3), 2) --> (0,1) (0,2) (1,0) (1,2) (2,0) (2,1)"""
    pool = tuple(iterable)
    n = len(pool)
    r = n if r is None else r
    if r < 0:
        raise ValueError('r must be non-negative')
    return _permutations(pool, n, r)


def _permutations(pool, n, r):
    if r > n:
        return
    indices = list(range(n))
    cycles = list(range(n, n - r, -1))
    yield tuple([pool[k] for k in indices[:r]])
    while n:
        for i in reversed(range(r)):
            cycles[i] -= 1
            if cycles[i] == 0:
                indices[i:] = indices[i + 1:] + indices[i:i + 1]
                cycles[i] = n - i
            else:
                j = cycles[i]
                indices[i], indices[-j] = indices[-j], indices[i]
                yield tuple([pool[k] for k in indices[:r]])
                break
        else:
            return


def combinations(iterable, r):
    """combinations('ABCD', 2) --> AB AC AD BC BD CD"""
    pool = tuple(iterable)
    if r < 0:
        raise ValueError('r must be non-negative')
    return _combinations(pool, r)


def _combinations(pool, r):
    n = len(pool)
    if r > n:
        return
    indices = list(range(r))
    yield tuple([pool[k] for k in indices])
    while True:
        for i in reversed(range(r)):
            if indices[i] != i + n - r:
                break
        else:
            return
        indices[i] += 1
        for j in range(i + 1, r):
            indices[j] = indices[j - 1] + 1
        yield tuple([pool[k] for k in indices])


def combinations_with_replacement(iterable, r):
    """combinations_with_replacement('ABC', 2) --> AA AB AC BB BC CC"""
    pool = tuple(iterable)
    if r < 0:
        raise ValueError('r must be non-negative')
    return _combinations_with_replacement(pool, r)


def _combinations_with_replacement(pool, r):
    n = len(pool)
    if not n and r:
        return
    indices = [0] * r
    yield tuple([pool[k] for k in indices])
    while True:
        for i in reversed(range(r)):
            if indices[i] != n - 1:
                break
        else:
            return
        indices[i:] = [indices[i] + 1] * (r - i)
        yield tuple([pool[k] for k in indices])
