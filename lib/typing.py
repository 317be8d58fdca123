"""Just enough of CPython's typing for programs that import names for their
annotations (stitch never evaluates annotations): each name is an object
that can be subscripted (List[int], Dict[str, int], Optional[T],
Callable[[int], str]) and printed like CPython's; there is no type
checking behind it. TypeVar, NamedTuple (functional form), cast,
TYPE_CHECKING and overload are here too."""

TYPE_CHECKING = False


class _Special:
    # typing.List, typing.Optional, ...: subscripting gives an alias.
    __slots__ = ('_name',)

    def __init__(self, name):
        self._name = name

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        return _Alias(self, params)

    def __repr__(self):
        return 'typing.' + self._name

    def __call__(self, *args, **kwargs):
        raise TypeError('Cannot instantiate typing.%s' % self._name)


def _type_repr(obj):
    if isinstance(obj, type):
        if obj.__module__ == 'builtins':
            return obj.__qualname__
        return '%s.%s' % (obj.__module__, obj.__qualname__)
    if obj is None or obj is type(None):
        return 'None'
    if isinstance(obj, list):
        return '[' + ', '.join([_type_repr(t) for t in obj]) + ']'
    return repr(obj)


class _Alias:
    __slots__ = ('_origin', '_params')

    def __init__(self, origin, params):
        self._origin = origin
        self._params = params

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        return _Alias(self, params)

    def __repr__(self):
        name = self._origin._name if isinstance(self._origin, _Special) else None
        if name == 'Optional':
            return 'typing.Optional[%s]' % _type_repr(self._params[0])
        return '%r[%s]' % (self._origin, ', '.join([_type_repr(p) for p in self._params]))

    def __call__(self, *args, **kwargs):
        return self._origin(*args, **kwargs)


Any = _Special('Any')
Union = _Special('Union')
Optional = _Special('Optional')
List = _Special('List')
Dict = _Special('Dict')
Set = _Special('Set')
FrozenSet = _Special('FrozenSet')
Tuple = _Special('Tuple')
Type = _Special('Type')
Callable = _Special('Callable')
Iterator = _Special('Iterator')
Iterable = _Special('Iterable')
Generator = _Special('Generator')
Sequence = _Special('Sequence')
MutableSequence = _Special('MutableSequence')
Mapping = _Special('Mapping')
MutableMapping = _Special('MutableMapping')
AbstractSet = _Special('AbstractSet')
MutableSet = _Special('MutableSet')
Collection = _Special('Collection')
Container = _Special('Container')
Hashable = _Special('Hashable')
Sized = _Special('Sized')
Reversible = _Special('Reversible')
Deque = _Special('Deque')
DefaultDict = _Special('DefaultDict')
OrderedDict = _Special('OrderedDict')
Counter = _Special('Counter')
ChainMap = _Special('ChainMap')
Literal = _Special('Literal')
Final = _Special('Final')
ClassVar = _Special('ClassVar')
Annotated = _Special('Annotated')
NoReturn = _Special('NoReturn')
Never = _Special('Never')
Self = _Special('Self')
Generic = _Special('Generic')
Protocol = _Special('Protocol')
SupportsInt = _Special('SupportsInt')
SupportsFloat = _Special('SupportsFloat')
SupportsAbs = _Special('SupportsAbs')
SupportsIndex = _Special('SupportsIndex')
Text = str
AnyStr = _Special('AnyStr')


class TypeVar:
    """A type variable: T = TypeVar('T')."""

    def __init__(self, name, *constraints, bound=None, covariant=False,
                 contravariant=False):
        self.__name__ = name
        self.__constraints__ = constraints
        self.__bound__ = bound
        self.__covariant__ = covariant
        self.__contravariant__ = contravariant

    def __repr__(self):
        prefix = '+' if self.__covariant__ else '-' if self.__contravariant__ else '~'
        return prefix + self.__name__


def cast(typ, val):
    """Return val unchanged (cast only informs a type checker)."""
    return val


def overload(func):
    return func


def final(f):
    return f


def no_type_check(arg):
    return arg


def get_type_hints(obj, globalns=None, localns=None):
    return {}


def NewType(name, tp):
    def new_type(x):
        return x
    new_type.__name__ = name
    new_type.__supertype__ = tp
    return new_type


def NamedTuple(typename, fields=None, **kwargs):
    """NamedTuple('P', [('x', int), ('y', int)]): a namedtuple class (the
    class-statement form needs metaclasses stitch does not have)."""
    from collections import namedtuple
    if fields is None:
        fields = kwargs.items()
    return namedtuple(typename, [name for name, tp in fields])
