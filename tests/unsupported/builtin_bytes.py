# expect: NameError: stitch: unsupported: builtin 'bytes'
def encode(s):
    return bytes(s, "utf-8")

print(encode("x"))
