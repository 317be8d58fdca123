# dict get keys values items pop
d = {"a": 1, "b": 2, "c": 3}
print(d.get("a"), d.get("z"), d.get("z", 0), d.get("b", 99))
print(list(d.keys()))
print(list(d.values()))
print(list(d.items()))
print(d.pop("b"), d)
print(d.pop("zz", "default"), d)
print(d.pop("a", None), d)
for k in d.keys():
    print("key", k)
for v in d.values():
    print("value", v)
for k, v in d.items():
    print("item", k, v)
print(len(d.keys()), "c" in d.keys())
