# The sudoku benchmark (bench/programs/sudoku.py, linked as _sudoku.py), scaled down.
import _sudoku

_sudoku.main(1, 2, 7)
