"""Container datatypes, as CPython's collections: defaultdict, Counter,
OrderedDict and deque, and namedtuple (not a tuple subclass here: see
lib/README.md)."""

__all__ = ['Counter', 'OrderedDict', 'defaultdict', 'deque', 'namedtuple']


# ---- defaultdict -----------------------------------------------------------

class defaultdict(dict):
    """defaultdict(default_factory=None, /, [...]) --> dict with default
    factory: a missing key's value is default_factory(), stored then."""

    def __init__(self, default_factory=None, *args, **kwargs):
        if default_factory is not None and not callable(default_factory):
            raise TypeError('first argument must be callable or None')
        dict.__init__(self, *args, **kwargs)
        self.default_factory = default_factory

    def __missing__(self, key):
        factory = self.default_factory
        if factory is None:
            raise KeyError(key)
        self[key] = value = factory()
        return value

    def __repr__(self):
        return '%s(%r, %s)' % (type(self).__name__, self.default_factory,
                               dict.__repr__(self))

    def copy(self):
        return type(self)(self.default_factory, self)

    __copy__ = copy

    def __or__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = self.copy()
        new.update(other)
        return new


# ---- Counter ---------------------------------------------------------------

def _count_elements(mapping, iterable):
    mapping_get = mapping.get
    for elem in iterable:
        mapping[elem] = mapping_get(elem, 0) + 1


def _dict_eq(a, b):
    # dict's own ==, which a dict subclass defining __eq__ cannot reach here.
    if not isinstance(b, dict):
        return NotImplemented
    if len(a) != len(b):
        return False
    for k, v in a.items():
        if k not in b:
            return False
        w = b[k]
        if not (v is w or v == w):
            return False
    return True


def _second(item):
    return item[1]


class Counter(dict):
    """Dict subclass for counting hashable items (a bag or multiset)."""

    def __init__(self, iterable=None, **kwds):
        dict.__init__(self)
        self.update(iterable, **kwds)

    def __missing__(self, key):
        return 0

    def total(self):
        """Sum of the counts."""
        return sum(self.values())

    def most_common(self, n=None):
        """The n most common elements and their counts, most common first;
        equal counts in insertion order (a stable sort, as CPython)."""
        if n is None:
            return sorted(self.items(), key=_second, reverse=True)
        if n <= 0:
            return []
        return sorted(self.items(), key=_second, reverse=True)[:n]

    def elements(self):
        """Each element repeated as many times as its count."""
        for elem, count in self.items():
            for _ in range(count):
                yield elem

    @classmethod
    def fromkeys(cls, iterable, v=None):
        raise NotImplementedError(
            'Counter.fromkeys() is undefined.  Use Counter(iterable) instead.')

    def update(self, iterable=None, **kwds):
        """Add counts from an iterable or a mapping."""
        if iterable is not None:
            if isinstance(iterable, dict):
                if self:
                    self_get = self.get
                    for elem, count in iterable.items():
                        self[elem] = count + self_get(elem, 0)
                else:
                    dict.update(self, iterable)
            else:
                _count_elements(self, iterable)
        if kwds:
            self.update(kwds)

    def subtract(self, iterable=None, **kwds):
        """Subtract counts (they may go to zero or below)."""
        if iterable is not None:
            self_get = self.get
            if isinstance(iterable, dict):
                for elem, count in iterable.items():
                    self[elem] = self_get(elem, 0) - count
            else:
                for elem in iterable:
                    self[elem] = self_get(elem, 0) - 1
        if kwds:
            self.subtract(kwds)

    def copy(self):
        return type(self)(self)

    __copy__ = copy

    def __delitem__(self, elem):
        if elem in self:
            dict.__delitem__(self, elem)

    def __repr__(self):
        if not self:
            return '%s()' % type(self).__name__
        try:
            d = dict(self.most_common())
        except TypeError:
            d = dict(self)
        return '%s(%r)' % (type(self).__name__, d)

    def __eq__(self, other):
        if not isinstance(other, Counter):
            return _dict_eq(self, other)
        for c in (self, other):
            for e in c:
                if self[e] != other[e]:
                    return False
        return True

    def __ne__(self, other):
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    __hash__ = None

    def __add__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            newcount = count + other[elem]
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count > 0:
                result[elem] = count
        return result

    def __sub__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            newcount = count - other[elem]
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count < 0:
                result[elem] = 0 - count
        return result

    def __or__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            other_count = other[elem]
            newcount = other_count if count < other_count else count
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count > 0:
                result[elem] = count
        return result

    def __and__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            other_count = other[elem]
            newcount = count if count < other_count else other_count
            if newcount > 0:
                result[elem] = newcount
        return result

    def __pos__(self):
        result = Counter()
        for elem, count in self.items():
            if count > 0:
                result[elem] = count
        return result

    def __neg__(self):
        result = Counter()
        for elem, count in self.items():
            if count < 0:
                result[elem] = 0 - count
        return result

    def _keep_positive(self):
        nonpositive = [elem for elem, count in self.items() if not count > 0]
        for elem in nonpositive:
            dict.__delitem__(self, elem)
        return self

    def __iadd__(self, other):
        for elem, count in other.items():
            self[elem] += count
        return self._keep_positive()

    def __isub__(self, other):
        for elem, count in other.items():
            self[elem] -= count
        return self._keep_positive()

    def __ior__(self, other):
        for elem, other_count in other.items():
            count = self[elem]
            if other_count > count:
                self[elem] = other_count
        return self._keep_positive()

    def __iand__(self, other):
        for elem, count in self.items():
            other_count = other[elem]
            if other_count < count:
                self[elem] = other_count
        return self._keep_positive()


# ---- OrderedDict -----------------------------------------------------------

class OrderedDict(dict):
    """Dictionary that remembers insertion order (as every dict does), with
    move_to_end and popitem(last=) and order-sensitive equality."""

    def popitem(self, last=True):
        """Remove and return a (key, value) pair, LIFO if last else FIFO."""
        if not self:
            raise KeyError('dictionary is empty')
        key = next(reversed(self)) if last else next(iter(self))
        value = dict.pop(self, key)
        return key, value

    def move_to_end(self, key, last=True):
        """Move an existing key to either end of the ordered dictionary."""
        value = dict.pop(self, key)
        if last:
            dict.__setitem__(self, key, value)
        else:
            rest = list(self.items())
            dict.clear(self)
            dict.__setitem__(self, key, value)
            for k, v in rest:
                dict.__setitem__(self, k, v)

    def __repr__(self):
        if not self:
            return '%s()' % type(self).__name__
        return '%s(%r)' % (type(self).__name__, list(self.items()))

    def __eq__(self, other):
        if isinstance(other, OrderedDict):
            return _dict_eq(self, other) and list(self) == list(other)
        return _dict_eq(self, other)

    def __ne__(self, other):
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    __hash__ = None

    def copy(self):
        return type(self)(self)

    __copy__ = copy


# ---- deque -----------------------------------------------------------------

class deque:
    """deque([iterable[, maxlen]]) --> deque object

    A list-like sequence optimized for data accesses near its endpoints.
    Here: a Python list whose items start at _head; popleft leaves a gap
    at the front that is dropped once it is half the list, and appendleft
    grows a gap when there is none, so both ends are amortized O(1)."""
    __slots__ = ('_items', '_head', '_maxlen')

    def __init__(self, iterable=None, maxlen=None):
        if maxlen is not None:
            if not isinstance(maxlen, int):
                raise TypeError("an integer is required")
            if maxlen < 0:
                raise ValueError('maxlen must be non-negative')
        self._items = []
        self._head = 0
        self._maxlen = maxlen
        if iterable is not None:
            self.extend(iterable)

    @property
    def maxlen(self):
        """maximum size of a deque or None if unbounded"""
        return self._maxlen

    def _trim_left(self):
        # Drop items from the left until maxlen holds.
        items = self._items
        excess = len(items) - self._head - self._maxlen
        if excess > 0:
            del items[:self._head + excess]
            self._head = 0

    def _trim_right(self):
        items = self._items
        excess = len(items) - self._head - self._maxlen
        if excess > 0:
            del items[len(items) - excess:]

    def append(self, x):
        """Add an element to the right side of the deque."""
        items = self._items
        items.append(x)
        if self._maxlen is not None and len(items) - self._head > self._maxlen:
            self._trim_left()

    def appendleft(self, x):
        """Add an element to the left side of the deque."""
        h = self._head
        items = self._items
        if h == 0:
            # Grow a gap as large as the deque, for amortized O(1).
            h = len(items) + 8
            items[0:0] = [None] * h
        h -= 1
        items[h] = x
        self._head = h
        if self._maxlen is not None and len(items) - h > self._maxlen:
            self._trim_right()

    def pop(self):
        """Remove and return the rightmost element."""
        items = self._items
        if len(items) == self._head:
            raise IndexError('pop from an empty deque')
        x = items.pop()
        if len(items) == self._head:
            items.clear()
            self._head = 0
        return x

    def popleft(self):
        """Remove and return the leftmost element."""
        items = self._items
        h = self._head
        if h == len(items):
            raise IndexError('pop from an empty deque')
        x = items[h]
        items[h] = None
        h += 1
        if h == len(items):
            items.clear()
            h = 0
        elif h > 32 and h + h > len(items):
            del items[:h]
            h = 0
        self._head = h
        return x

    def extend(self, iterable):
        """Extend the right side of the deque with elements from the iterable."""
        if iterable is self:
            iterable = list(iterable)
        self._items.extend(iterable)
        if self._maxlen is not None:
            self._trim_left()

    def extendleft(self, iterable):
        """Extend the left side of the deque with elements from the iterable."""
        if iterable is self:
            iterable = list(iterable)
        for x in iterable:
            self.appendleft(x)

    def clear(self):
        """Remove all elements from the deque."""
        self._items.clear()
        self._head = 0

    def copy(self):
        """Return a shallow copy of a deque."""
        return type(self)(self, self._maxlen)

    __copy__ = copy

    def count(self, x):
        """Return number of occurrences of value."""
        return self._items[self._head:].count(x)

    def index(self, x, start=0, stop=None):
        """Return first index of value."""
        items = self._items[self._head:]
        n = len(items)
        if stop is None or stop > n:
            stop = n
        try:
            return items.index(x, start, stop)
        except ValueError:
            raise ValueError('%r is not in deque' % (x,)) from None

    def insert(self, i, x):
        """Insert value before index."""
        if self._maxlen is not None and len(self) >= self._maxlen:
            raise IndexError('deque already at its maximum size')
        n = len(self)
        if i < 0:
            i += n
            if i < 0:
                i = 0
        elif i > n:
            i = n
        self._items.insert(self._head + i, x)

    def remove(self, value):
        """Remove first occurrence of value."""
        items = self._items
        for i in range(self._head, len(items)):
            if items[i] == value:
                del items[i]
                if len(items) == self._head:
                    self.clear()
                return
        raise ValueError('deque.remove(x): x not in deque')

    def reverse(self):
        """Reverse *IN PLACE*."""
        items = self._items[self._head:]
        items.reverse()
        self._items = items
        self._head = 0

    def rotate(self, n=1):
        """Rotate the deque n steps to the right (default n=1).  If n is
        negative, rotates left."""
        length = len(self._items) - self._head
        if length <= 1:
            return
        n %= length
        if n == 0:
            return
        if n <= 16:
            for _ in range(n):
                self.appendleft(self._items.pop())
            return
        if length - n <= 16:
            for _ in range(length - n):
                self._items.append(self.popleft())
            return
        items = self._items[self._head:]
        self._items = items[-n:] + items[:-n]
        self._head = 0

    def __len__(self):
        return len(self._items) - self._head

    def __bool__(self):
        return len(self._items) != self._head

    def __iter__(self):
        return iter(self._items[self._head:])

    def __reversed__(self):
        items = self._items[self._head:]
        items.reverse()
        return iter(items)

    def __contains__(self, x):
        return x in self._items[self._head:]

    def _index(self, i):
        if not isinstance(i, int):
            raise TypeError("sequence index must be integer, not '%s'" % type(i).__name__)
        n = len(self._items) - self._head
        if i < 0:
            i += n
        if i < 0 or i >= n:
            raise IndexError('deque index out of range')
        return self._head + i

    def __getitem__(self, i):
        return self._items[self._index(i)]

    def __setitem__(self, i, x):
        self._items[self._index(i)] = x

    def __delitem__(self, i):
        del self._items[self._index(i)]
        if len(self._items) == self._head:
            self.clear()

    def __repr__(self):
        items = self._items[self._head:]
        if self._maxlen is None:
            return '%s(%r)' % (type(self).__name__, items)
        return '%s(%r, maxlen=%d)' % (type(self).__name__, items, self._maxlen)

    def _cmp_items(self, other):
        if isinstance(other, deque):
            return other._items[other._head:]
        return None

    def __eq__(self, other):
        o = self._cmp_items(other)
        return NotImplemented if o is None else self._items[self._head:] == o

    def __ne__(self, other):
        o = self._cmp_items(other)
        return NotImplemented if o is None else self._items[self._head:] != o

    def __lt__(self, other):
        o = self._cmp_items(other)
        return NotImplemented if o is None else self._items[self._head:] < o

    def __le__(self, other):
        o = self._cmp_items(other)
        return NotImplemented if o is None else self._items[self._head:] <= o

    def __gt__(self, other):
        o = self._cmp_items(other)
        return NotImplemented if o is None else self._items[self._head:] > o

    def __ge__(self, other):
        o = self._cmp_items(other)
        return NotImplemented if o is None else self._items[self._head:] >= o

    __hash__ = None

    def __add__(self, other):
        if not isinstance(other, deque):
            raise TypeError('can only concatenate deque (not "%s") to deque'
                            % type(other).__name__)
        new = self.copy()
        new.extend(other)
        return new

    def __iadd__(self, other):
        self.extend(other)
        return self

    def __mul__(self, n):
        new = type(self)((), self._maxlen)
        new.extend(self._items[self._head:] * n)
        return new

    __rmul__ = __mul__

    def __imul__(self, n):
        items = self._items[self._head:] * n
        self._items = items
        self._head = 0
        if self._maxlen is not None:
            self._trim_left()
        return self


# ---- namedtuple ------------------------------------------------------------

def _nt_eq_items(other):
    # The tuple a namedtuple compares as, or None for anything else.
    if isinstance(other, tuple):
        return other
    t = getattr(type(other), '_nt_marker', None)
    return other._tuple if t is _nt_marker else None


class _NTMarker:
    pass


_nt_marker = _NTMarker()


def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    """Returns a new class with named fields, built like CPython's
    namedtuple. stitch cannot subclass tuple: the class keeps the values in
    a tuple (_tuple) and in one slot per field, and behaves as a tuple does
    (indexing, slicing, len, iteration, unpacking, comparison and hashing
    equal to the tuple's), but isinstance(p, tuple) is false and fields can
    be reassigned."""
    if isinstance(field_names, str):
        field_names = field_names.replace(',', ' ').split()
    field_names = list(map(str, field_names))
    typename = str(typename)
    if rename:
        seen = set()
        for index, name in enumerate(field_names):
            if (not _isidentifier(name) or _iskeyword(name)
                    or name.startswith('_') or name in seen):
                field_names[index] = '_%d' % index
            seen.add(name)
    for name in [typename] + field_names:
        if type(name) is not str:
            raise TypeError('Type names and field names must be strings')
        if not _isidentifier(name):
            raise ValueError('Type names and field names must be valid '
                             'identifiers: %r' % name)
        if _iskeyword(name):
            raise ValueError('Type names and field names cannot be a '
                             'keyword: %r' % name)
    seen = set()
    for name in field_names:
        if name.startswith('_') and not rename:
            raise ValueError('Field names cannot start with an underscore: %r' % name)
        if name in seen:
            raise ValueError('Encountered duplicate field name: %r' % name)
        seen.add(name)

    field_defaults = {}
    if defaults is not None:
        defaults = tuple(defaults)
        if len(defaults) > len(field_names):
            raise TypeError('Got more default values than field names')
        field_defaults = dict(reversed(list(zip(reversed(field_names),
                                                reversed(defaults)))))
    fields = tuple(field_names)
    num_fields = len(fields)
    arg_list = ', '.join(fields)
    repr_fmt = typename + '(' + ', '.join([name + '=%r' for name in fields]) + ')'

    def _bind(args, kwargs):
        # The values for the fields from a call's arguments, with CPython's
        # TypeErrors for missing, extra and unknown ones.
        if len(args) > num_fields:
            raise TypeError('%s.__new__() takes %d positional arguments but %d were given'
                            % (typename, num_fields + 1, len(args) + 1))
        values = list(args)
        for name in fields[len(args):]:
            if name in kwargs:
                values.append(kwargs.pop(name))
            elif name in field_defaults:
                values.append(field_defaults[name])
            else:
                missing = ["'%s'" % n for n in fields[len(values):]
                           if n not in kwargs and n not in field_defaults]
                if len(missing) == 1:
                    raise TypeError('%s.__new__() missing 1 required positional argument: %s'
                                    % (typename, missing[0]))
                if len(missing) == 2:
                    names = missing[0] + ' and ' + missing[1]
                else:
                    names = ', '.join(missing[:-1]) + ', and ' + missing[-1]
                raise TypeError('%s.__new__() missing %d required positional arguments: %s'
                                % (typename, len(missing), names))
        if kwargs:
            name = next(iter(kwargs))
            if name in fields:
                raise TypeError("%s.__new__() got multiple values for argument '%s'"
                                % (typename, name))
            raise TypeError("%s.__new__() got an unexpected keyword argument '%s'"
                            % (typename, name))
        return tuple(values)

    def __init__(self, *args, **kwargs):
        if kwargs or len(args) != num_fields:
            args = _bind(args, kwargs)
        self._tuple = args
        for i in range(num_fields):
            setattr(self, fields[i], args[i])

    def _make(cls, iterable):
        result = tuple(iterable)
        if len(result) != num_fields:
            raise TypeError('Expected %d arguments, got %d' % (num_fields, len(result)))
        return cls(*result)

    def _replace(self, **kwds):
        values = []
        for name, value in zip(fields, self._tuple):
            values.append(kwds.pop(name, value))
        if kwds:
            raise ValueError('Got unexpected field names: %r' % list(kwds))
        return type(self)(*values)

    def __repr__(self):
        return repr_fmt % self._tuple

    def _asdict(self):
        return dict(zip(fields, self._tuple))

    def __getnewargs__(self):
        return self._tuple

    def __getitem__(self, i):
        return self._tuple[i]

    def __len__(self):
        return num_fields

    def __iter__(self):
        return iter(self._tuple)

    def __contains__(self, x):
        return x in self._tuple

    def __hash__(self):
        return hash(self._tuple)

    def __eq__(self, other):
        o = _nt_eq_items(other)
        return NotImplemented if o is None else self._tuple == o

    def __ne__(self, other):
        o = _nt_eq_items(other)
        return NotImplemented if o is None else self._tuple != o

    def __lt__(self, other):
        o = _nt_eq_items(other)
        return NotImplemented if o is None else self._tuple < o

    def __le__(self, other):
        o = _nt_eq_items(other)
        return NotImplemented if o is None else self._tuple <= o

    def __gt__(self, other):
        o = _nt_eq_items(other)
        return NotImplemented if o is None else self._tuple > o

    def __ge__(self, other):
        o = _nt_eq_items(other)
        return NotImplemented if o is None else self._tuple >= o

    def __add__(self, other):
        o = _nt_eq_items(other)
        if o is None:
            raise TypeError('can only concatenate tuple (not "%s") to tuple'
                            % type(other).__name__)
        return self._tuple + o

    def __radd__(self, other):
        o = _nt_eq_items(other)
        if o is None:
            return NotImplemented
        return o + self._tuple

    def __mul__(self, n):
        return self._tuple * n

    __rmul__ = __mul__

    def count(self, value):
        return self._tuple.count(value)

    def index(self, value, *args):
        return self._tuple.index(value, *args)

    namespace = {
        '__doc__': '%s(%s)' % (typename, arg_list),
        '__slots__': ('_tuple',) + fields,
        '_fields': fields,
        '_field_defaults': field_defaults,
        '__match_args__': fields,
        '_nt_marker': _nt_marker,
        '__init__': __init__,
        '_make': classmethod(_make),
        '_replace': _replace,
        '__repr__': __repr__,
        '_asdict': _asdict,
        '__getnewargs__': __getnewargs__,
        '__getitem__': __getitem__,
        '__len__': __len__,
        '__iter__': __iter__,
        '__contains__': __contains__,
        '__hash__': __hash__,
        '__eq__': __eq__,
        '__ne__': __ne__,
        '__lt__': __lt__,
        '__le__': __le__,
        '__gt__': __gt__,
        '__ge__': __ge__,
        '__add__': __add__,
        '__radd__': __radd__,
        '__mul__': __mul__,
        '__rmul__': __rmul__,
        'count': count,
        'index': index,
    }
    if module is not None:
        namespace['__module__'] = module
    return type(typename, (object,), namespace)


_keywords = frozenset([
    'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break',
    'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally',
    'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal',
    'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield'])


def _isidentifier(name):
    # str.isidentifier for ASCII names (stitch's str lacks the method).
    if not name or not (name[0].isalpha() or name[0] == '_'):
        return False
    for ch in name:
        if not (ch.isalnum() or ch == '_'):
            return False
    return True


def _iskeyword(name):
    return name in _keywords
