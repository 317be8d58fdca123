# expect: NameError: stitch: unsupported: builtin 'eval'
print(eval("1 + 2"))
