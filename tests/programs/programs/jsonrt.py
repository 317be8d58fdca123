# The jsonrt benchmark (bench/programs/jsonrt.py, linked as _jsonrt.py), scaled down.
import _jsonrt

_jsonrt.main(25)
