"""The helper module's docstring."""
X = 1
