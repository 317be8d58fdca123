# expect: NameError: stitch: unsupported: builtin 'open'
print("before")
with open("data.txt") as f:
    print(f.read())
