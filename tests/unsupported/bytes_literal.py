# expect: SyntaxError: stitch: unsupported: bytes literals
data = b"\x00\x01"
print(len(data))
