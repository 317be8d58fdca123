# uncaught NameError for a name with no close match (no "Did you mean" hint)
print("start")
print(qqzzxx_undefined)
