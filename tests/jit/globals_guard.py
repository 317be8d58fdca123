# The optimizer drops a second _GUARD_GLOBALS_KEYS that checks the same
# keys version as an earlier one in the same pass, unless a uop that may
# call out runs in between (it could add or delete a global).

A = 3
B = 4


def adjacent(n):
    t = 0
    for i in range(n):
        t += A * i
        t += B
    return t


def add_global(i):
    global late
    if i == 300:
        late = i


def call_between(n):
    t = 0
    for i in range(n):
        t += A
        add_global(i)
        t += B
    return t


print(adjacent(500))
print(call_between(500))
print(late)
