from __future__ import annotations
import copy
from typing import List, Dict, Optional, Tuple, Any, Callable, Iterator, Union, Set
import typing
a = [1, [2, 3], {'k': (4, [5])}]
b = copy.copy(a); c = copy.deepcopy(a)
a[1].append(9); a[2]['k'][1].append(6)
print(a, b, c, b[1] is a[1], c[1] is a[1])
shared = [0]; s = [shared, shared]; d = copy.deepcopy(s); print(d[0] is d[1], d[0] is shared)
cyc = [1]; cyc.append(cyc); e = copy.deepcopy(cyc); print(e[1] is e, e is cyc)
t = (1, 2); print(copy.deepcopy(t) is t, copy.copy({1, 2}), copy.deepcopy({'a': {1}}))
class W:
    def __init__(self, v): self.v = v
    def __copy__(self): return W(self.v)
    def __deepcopy__(self, memo): return W(copy.deepcopy(self.v, memo))
w = W([1]); print(copy.copy(w).v is w.v, copy.deepcopy(w).v == w.v, copy.deepcopy(w).v is w.v)
Vec = List[float]
print(List[int], Dict[str, List[int]], Optional[int], Callable[[int], str], Tuple[int, str], Any, Vec)
def f(x: List[int], y: Optional[Dict[str, int]] = None) -> Iterator[int]:
    yield from x
print(list(f([1, 2])), typing.cast(int, 'x'))
T = typing.TypeVar('T'); print(T)
import string
print(string.ascii_letters, string.ascii_lowercase, string.ascii_uppercase, string.digits, string.hexdigits, string.octdigits)
print(repr(string.punctuation), repr(string.whitespace), repr(string.printable), string.capwords(' hello   world '))
# Hot: deep copies of a nested board.
board = [[(r, c) for c in range(8)] for r in range(8)]
total = 0
for i in range(60):
    b2 = copy.deepcopy(board)
    b2[i % 8][i % 7] = None
    total += sum(1 for row in b2 for cell in row if cell is None)
print(total, board[0][0], copy.deepcopy({'a': [board[0]]})['a'][0][:2])
