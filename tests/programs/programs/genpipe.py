# The genpipe benchmark (bench/programs/genpipe.py, linked as _genpipe.py), scaled down.
import _genpipe

_genpipe.main(3, 100)
