# f-strings: conversions, format specs, nested specs, self-documenting =.
x = 3.14159
n = 42
name = "bob"
items = [1, "two", 3.0]
print(f"{name!r} has {x:.2f} and {x} and {n:>5}|{n:<5}|{n:^7}|")
print(f"{name=} {{literal braces}} {x * 2:8.3f}")
print(f"{n:05d} {n:x} {n:#x} {n:b} {-n:+d} {n:,}")
print(f"{items} {items[1]!s} {len(items)}")
width = 10
print(f"[{name:>{width}}]")
print(f"{1e20:.3e} {0.000123:g} {12345.678:,.1f} {0.5:%}")
print(f"{'nested'} {f'{n}'}")
print(f"{True} {None} {n > 40}")
