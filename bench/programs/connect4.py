# connect4: alpha-beta minimax for Connect Four on a 6x7 board stored as a
# flat list, with a transposition table keyed by a tuple of the board, move
# ordering from the centre out, and a static evaluator that scans windows.
# Also solves tic-tac-toe completely with plain minimax and memoisation.
# Stresses: recursion, list indexing and mutation, tuples as dict keys,
# nested loops, small-int arithmetic, functions passed as arguments.

ROWS, COLS = 6, 7
EMPTY, ME, YOU = 0, 1, 2
ORDER = [3, 2, 4, 1, 5, 0, 6]
WIN = 1000000


def make_windows():
    wins = []
    for r in range(ROWS):
        for c in range(COLS):
            for dr, dc in ((0, 1), (1, 0), (1, 1), (1, -1)):
                cells = []
                for k in range(4):
                    rr, cc = r + dr * k, c + dc * k
                    if 0 <= rr < ROWS and 0 <= cc < COLS:
                        cells.append(rr * COLS + cc)
                if len(cells) == 4:
                    wins.append(tuple(cells))
    return wins


WINDOWS = make_windows()
CELL_WINDOWS = [[w for w in WINDOWS if i in w] for i in range(ROWS * COLS)]
SCORES = {0: 0, 1: 1, 2: 8, 3: 40, 4: WIN}


class Board:
    def __init__(self):
        self.cells = [EMPTY] * (ROWS * COLS)
        self.heights = [0] * COLS
        self.moves = 0

    def can_play(self, c):
        return self.heights[c] < ROWS

    def play(self, c, who):
        i = self.heights[c] * COLS + c
        self.cells[i] = who
        self.heights[c] += 1
        self.moves += 1
        return i

    def undo(self, c):
        self.heights[c] -= 1
        self.cells[self.heights[c] * COLS + c] = EMPTY
        self.moves -= 1

    def wins_at(self, i, who):
        cells = self.cells
        for w in CELL_WINDOWS[i]:
            if cells[w[0]] == who and cells[w[1]] == who and cells[w[2]] == who and cells[w[3]] == who:
                return True
        return False

    def evaluate(self, who):
        other = 3 - who
        cells = self.cells
        score = 0
        for w in WINDOWS:
            mine = theirs = 0
            for i in w:
                v = cells[i]
                if v == who:
                    mine += 1
                elif v == other:
                    theirs += 1
            if theirs == 0:
                score += SCORES[mine]
            elif mine == 0:
                score -= SCORES[theirs]
        return score

    def key(self):
        return tuple(self.cells)


class Searcher:
    def __init__(self):
        self.nodes = 0
        self.table = {}
        self.hits = 0

    def negamax(self, board, depth, alpha, beta, who):
        self.nodes += 1
        key = (board.key(), who, depth)
        hit = self.table.get(key)
        if hit is not None:
            self.hits += 1
            return hit
        if depth == 0 or board.moves == ROWS * COLS:
            return board.evaluate(who)
        best = -WIN * 10
        for c in ORDER:
            if not board.can_play(c):
                continue
            i = board.play(c, who)
            if board.wins_at(i, who):
                score = WIN + depth
            else:
                score = -self.negamax(board, depth - 1, -beta, -alpha, 3 - who)
            board.undo(c)
            if score > best:
                best = score
            if best > alpha:
                alpha = best
            if alpha >= beta:
                break
        if len(self.table) < 200000:
            self.table[key] = best
        return best

    def best_move(self, board, depth, who):
        best_c, best_s = -1, -WIN * 10
        for c in ORDER:
            if board.can_play(c):
                board.play(c, who)
                s = -self.negamax(board, depth - 1, -WIN * 10, WIN * 10, 3 - who)
                board.undo(c)
                if s > best_s:
                    best_c, best_s = c, s
        return best_c, best_s


def play_game(depth_me, depth_you, max_moves):
    board = Board()
    searcher = Searcher()
    who = ME
    history = []
    for _ in range(max_moves):
        depth = depth_me if who == ME else depth_you
        c, s = searcher.best_move(board, depth, who)
        if c < 0:
            break
        i = board.play(c, who)
        history.append(c)
        if board.wins_at(i, who):
            return history, who, searcher
        searcher.table.clear()
        who = 3 - who
    return history, 0, searcher


# Tic-tac-toe, solved exhaustively.
LINES = [(0, 1, 2), (3, 4, 5), (6, 7, 8), (0, 3, 6), (1, 4, 7), (2, 5, 8), (0, 4, 8), (2, 4, 6)]


def ttt_winner(b):
    for a, c, d in LINES:
        if b[a] != "." and b[a] == b[c] == b[d]:
            return b[a]
    return None


def ttt_solve(b, turn, memo, counter):
    if b in memo:
        return memo[b]
    counter[0] += 1
    w = ttt_winner(b)
    if w is not None:
        result = 1 if w == "X" else -1
    elif "." not in b:
        result = 0
    else:
        pick = max if turn == "X" else min
        nxt = "O" if turn == "X" else "X"
        result = pick([ttt_solve(b[:i] + turn + b[i + 1:], nxt, memo, counter)
                       for i in range(9) if b[i] == "."])
    memo[b] = result
    return result


def main():
    history, winner, searcher = play_game(6, 5, 42)
    print("moves", "".join([str(c) for c in history]))
    print("winner", winner, "nodes", searcher.nodes, "hits", searcher.hits)
    memo = {}
    counter = [0]
    value = ttt_solve("." * 9, "X", memo, counter)
    print("tic-tac-toe value", value, "positions", len(memo), "visited", counter[0])


main()
