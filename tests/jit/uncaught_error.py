# An exception nobody catches, raised inside a trace by a uop of an inlined
# call (int() in conv, called from the hot loop): the trace leaves through
# its error exit, tier 1 unwinds both frames, and the traceback's last line
# and the exit status must be CPython's. Output printed before must appear.
def conv(w):
    return int(w) * 2


def total(words):
    acc = 0
    for w in words:
        acc = acc + conv(w)
    return acc


words = [str(i) for i in range(500)]
print("first", total(words))
words[450] = "oops"
print("started")
print("second", total(words))
print("not reached")
