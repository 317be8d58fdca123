"""Shallow and deep copy operations, as CPython's copy module, for the
built-in types (deepcopy keeps shared and cyclic references through its
memo) and for objects whose class defines __copy__ / __deepcopy__. Copying
other instances of user classes needs cls.__new__, which stitch lacks: a
TypeError says so. No __reduce_ex__ protocol."""

__all__ = ['Error', 'copy', 'deepcopy']


class Error(Exception):
    pass


error = Error

_atomic = (type(None), int, float, bool, str, type,
           range, type(len), type(lambda: 0), type(NotImplemented))


def _slot_names(cls):
    # Every __slots__ name along cls's MRO.
    names = []
    for klass in cls.__mro__:
        slots = klass.__dict__.get('__slots__')
        if slots is None:
            continue
        if isinstance(slots, str):
            slots = (slots,)
        for name in slots:
            if name not in ('__dict__', '__weakref__') and name not in names:
                names.append(name)
    return names


def copy(x):
    """Shallow copy operation on arbitrary Python objects."""
    cls = type(x)
    if cls in _atomic or cls is tuple or cls is frozenset:
        return x
    if cls is list:
        return x[:]
    if cls is dict:
        return x.copy()
    if cls is set:
        return x.copy()
    copier = getattr(cls, '__copy__', None)
    if copier is not None:
        return copier(x)
    if isinstance(x, BaseException):
        raise Error('un(shallow)copyable object of type %s' % cls)
    y = _blank(cls)
    if isinstance(x, list):
        y.extend(x)
    elif isinstance(x, dict):
        dict.update(y, x)
    _copy_state(x, y, None)
    return y


def _blank(cls):
    # CPython makes the copy with cls.__new__(cls), which stitch lacks: an
    # instance without __copy__ / __deepcopy__ cannot be copied here.
    raise TypeError('stitch: unsupported: copying an instance of %s without '
                    '__copy__/__deepcopy__' % cls.__name__)


def _copy_state(x, y, memo):
    try:
        state = x.__dict__
    except AttributeError:
        state = None
    if state:
        for k, v in state.items():
            setattr(y, k, v if memo is None else deepcopy(v, memo))
    for name in _slot_names(type(x)):
        try:
            v = getattr(x, name)
        except AttributeError:
            continue
        setattr(y, name, v if memo is None else deepcopy(v, memo))


def deepcopy(x, memo=None, _nil=[]):
    """Deep copy operation on arbitrary Python objects."""
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if cls in _atomic:
        return x
    if cls is list:
        y = []
        memo[d] = y
        _keep_alive(x, memo)
        append = y.append
        for a in x:
            append(deepcopy(a, memo))
        return y
    if cls is tuple:
        y = [deepcopy(a, memo) for a in x]
        # A tuple that contains itself through a list was copied meanwhile.
        try:
            return memo[d]
        except KeyError:
            pass
        for k, j in zip(x, y):
            if k is not j:
                y = tuple(y)
                break
        else:
            y = x
        memo[d] = y
        _keep_alive(x, memo)
        return y
    if cls is dict:
        y = {}
        memo[d] = y
        _keep_alive(x, memo)
        for key, value in x.items():
            y[deepcopy(key, memo)] = deepcopy(value, memo)
        return y
    if cls is set or cls is frozenset:
        y = cls([deepcopy(a, memo) for a in x])
        memo[d] = y
        _keep_alive(x, memo)
        return y
    copier = getattr(cls, '__deepcopy__', None)
    if copier is not None:
        y = copier(x, memo)
    else:
        if isinstance(x, BaseException):
            raise Error('un(deep)copyable object of type %s' % cls)
        y = _blank(cls)
        memo[d] = y
        _keep_alive(x, memo)
        if isinstance(x, list):
            for a in x:
                y.append(deepcopy(a, memo))
        elif isinstance(x, dict):
            for key, value in x.items():
                dict.__setitem__(y, deepcopy(key, memo), deepcopy(value, memo))
        _copy_state(x, y, memo)
        return y
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y


def _keep_alive(x, memo):
    # Keep x alive while the memo lives, so its id is not reused.
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]
