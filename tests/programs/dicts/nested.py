# dicts of lists and dicts of dicts, mutation through references
db = {"alice": {"age": 30, "langs": ["c"]}, "bob": {"age": 25, "langs": []}}
db["alice"]["langs"].append("python")
db["bob"]["age"] += 1
db["carol"] = {"age": 41, "langs": ["go", "rust"]}
print(db)
for name in db:
    print(name, db[name]["age"], len(db[name]["langs"]))
groups = {}
for n in range(10):
    key = "even" if n % 2 == 0 else "odd"
    if key not in groups:
        groups[key] = []
    groups[key].append(n)
print(groups)
print(dict([("a", 1), ("b", 2)]), dict(), dict({"x": 0}))
