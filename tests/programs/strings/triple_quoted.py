# triple-quoted strings keep newlines and quotes; backslash-newline joins lines
s = """first line
second line
  indented "quotes" and 'single'"""
print(s)
t = '''single-quote triple
with a trailing newline
'''
print(t, end="")
u = """joined \
here"""
print(u)
print(len("""a
b"""))
print("""""")
