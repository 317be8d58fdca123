# Many hot loops and a code memory of one page (STITCH_JIT_MEMORY=4096):
# the first traces fit, then stitching fails for want of memory and the JIT
# stops compiling. Every loop must still compute the right values, the
# later ones in tier 1 only.
def loop_add(n):
    t = 0
    for i in range(n):
        t = t + i
    return t


def loop_mul(n):
    t = 1
    for i in range(1, n):
        t = (t * i) % 1000003
    return t


def loop_str(n):
    s = ""
    for i in range(n):
        s = s + str(i % 10)
    return len(s), s[-10:]


def loop_list(n):
    out = []
    for i in range(n):
        out.append(i * i)
    return sum(out)


def loop_while(n):
    i = 0
    t = 0
    while i < n:
        if i % 3 == 0:
            t = t + i
        else:
            t = t - 1
        i += 1
    return t


def loop_float(n):
    x = 0.0
    for i in range(n):
        x = x + i * 0.5
    return x


def loop_nested(n):
    t = 0
    for i in range(n):
        for j in range(n):
            t = t + (i ^ j)
    return t


def loop_dict(n):
    d = {}
    for i in range(n):
        d[i % 17] = d.get(i % 17, 0) + i
    return sorted(d.items())[:3]


for rep in range(3):
    print(loop_add(300), loop_mul(300), loop_str(300), loop_list(300))
    print(loop_while(300), loop_float(300), loop_nested(30), loop_dict(300))
