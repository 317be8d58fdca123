# comments, blank lines, backslash continuation and implicit continuation in brackets

x = 1 + \
    2 + \
    3   # trailing comment
print(x)

total = (10 +
         20 +   # comment inside parentheses
         30)
print(total)

items = [
    1,
    2,

    3,   # trailing comma next
]
print(items)

d = {
    "a": 1,
    # a comment line inside a dict display
    "b": 2,
}
print(d)

def add(a,
        b):
    return a + \
        b

print(add(4,
          5))
if x == 6 and \
   total == 60:
    print("both")
# final comment without newline at end follows
print("done")  # the end
