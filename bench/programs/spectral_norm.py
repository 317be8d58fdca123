# spectral_norm: power method for the spectral norm of an infinite matrix
# (benchmarks game).
# Stresses: function calls in tight loops, int->float mixing, float division,
# list indexing.
def eval_a(i, j):
    ij = i + j
    return 1.0 / (ij * (ij + 1) // 2 + i + 1)

def mul_av(v, n):
    out = []
    for i in range(n):
        s = 0.0
        for j in range(n):
            s += eval_a(i, j) * v[j]
        out.append(s)
    return out

def mul_atv(v, n):
    out = []
    for i in range(n):
        s = 0.0
        for j in range(n):
            s += eval_a(j, i) * v[j]
        out.append(s)
    return out

def mul_atav(v, n):
    return mul_atv(mul_av(v, n), n)

def main(n):
    u = [1.0] * n
    v = u
    for k in range(10):
        v = mul_atav(u, n)
        u = mul_atav(v, n)
    vbv = 0.0
    vv = 0.0
    for i in range(n):
        vbv += u[i] * v[i]
        vv += v[i] * v[i]
    return (vbv / vv) ** 0.5

print(main(500))
