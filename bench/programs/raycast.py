# raycast: a ray caster distinct from raytrace.py: vectors are plain tuples
# handled by module-level functions, the scene mixes spheres and triangles
# (Moller-Trumbore intersection), shaders are closures built by factory
# functions, and ambient occlusion uses a seeded random stream.
# Stresses: tuple building and unpacking, calls of module-level functions,
# closures, float math (math.sqrt, floor), seeded random, dict of materials.
import math
import random


def add(a, b):
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def sub(a, b):
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def mul(a, k):
    return (a[0] * k, a[1] * k, a[2] * k)


def dot(a, b):
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def cross(a, b):
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def norm(a):
    n = math.sqrt(dot(a, a))
    return (a[0] / n, a[1] / n, a[2] / n)


EPS = 1e-7


def sphere(center, radius, material):
    r2 = radius * radius

    def hit(orig, d):
        oc = sub(orig, center)
        b = dot(oc, d)
        c = dot(oc, oc) - r2
        disc = b * b - c
        if disc < 0:
            return None
        s = math.sqrt(disc)
        t = -b - s
        if t < 1e-4:
            t = -b + s
            if t < 1e-4:
                return None
        p = add(orig, mul(d, t))
        return (t, p, mul(sub(p, center), 1.0 / radius), material)

    return hit


def triangle(v0, v1, v2, material):
    e1 = sub(v1, v0)
    e2 = sub(v2, v0)
    normal = norm(cross(e1, e2))

    def hit(orig, d):
        pv = cross(d, e2)
        det = dot(e1, pv)
        if -EPS < det < EPS:
            return None
        inv = 1.0 / det
        tv = sub(orig, v0)
        u = dot(tv, pv) * inv
        if u < 0.0 or u > 1.0:
            return None
        qv = cross(tv, e1)
        v = dot(d, qv) * inv
        if v < 0.0 or u + v > 1.0:
            return None
        t = dot(e2, qv) * inv
        if t < 1e-4:
            return None
        n = normal if dot(normal, d) < 0 else mul(normal, -1.0)
        return (t, add(orig, mul(d, t)), n, material)

    return hit


def flat(color):
    def shade(p):
        return color
    return shade


def checker(c1, c2, size):
    def shade(p):
        k = math.floor(p[0] / size) + math.floor(p[2] / size)
        return c1 if k % 2 == 0 else c2
    return shade


def stripes(c1, c2, freq):
    def shade(p):
        return c1 if int(abs(p[1]) * freq) % 2 == 0 else c2
    return shade


MATERIALS = {
    "floor": checker((0.9, 0.9, 0.9), (0.2, 0.2, 0.25), 1.0),
    "red": flat((0.9, 0.2, 0.2)),
    "blue": stripes((0.2, 0.3, 0.9), (0.9, 0.9, 0.3), 6.0),
    "green": flat((0.2, 0.8, 0.3)),
}


def build_scene():
    objs = [
        sphere((0.0, 1.0, 5.0), 1.0, "red"),
        sphere((-2.1, 0.7, 6.0), 0.7, "blue"),
        sphere((1.9, 0.5, 4.2), 0.5, "green"),
    ]
    # Floor: two big triangles. A pyramid: four triangles.
    a, b, c, d = (-8.0, 0.0, 0.0), (8.0, 0.0, 0.0), (8.0, 0.0, 16.0), (-8.0, 0.0, 16.0)
    objs.append(triangle(a, b, c, "floor"))
    objs.append(triangle(a, c, d, "floor"))
    apex = (2.6, 1.6, 7.5)
    base = [(1.8, 0.0, 6.7), (3.4, 0.0, 6.7), (3.4, 0.0, 8.3), (1.8, 0.0, 8.3)]
    for i in range(4):
        objs.append(triangle(base[i], base[(i + 1) % 4], apex, "green"))
    return objs


def closest(objs, orig, d):
    best = None
    for hit in objs:
        h = hit(orig, d)
        if h is not None and (best is None or h[0] < best[0]):
            best = h
    return best


def occluded(objs, orig, d, maxt):
    for hit in objs:
        h = hit(orig, d)
        if h is not None and h[0] < maxt:
            return True
    return False


LIGHT = (-4.0, 7.0, 1.0)


def shade(objs, orig, d, rng, samples):
    h = closest(objs, orig, d)
    if h is None:
        return (0.5 + 0.3 * d[1], 0.7 + 0.2 * d[1], 1.0)
    t, p, n, mat = h
    base = MATERIALS[mat](p)
    to_light = sub(LIGHT, p)
    dist = math.sqrt(dot(to_light, to_light))
    l = mul(to_light, 1.0 / dist)
    diffuse = max(0.0, dot(n, l))
    if diffuse > 0 and occluded(objs, add(p, mul(n, 1e-3)), l, dist):
        diffuse *= 0.25
    # Ambient occlusion: random directions in the hemisphere around n.
    open_count = 0
    for _ in range(samples):
        while True:
            r = (rng.uniform(-1, 1), rng.uniform(-1, 1), rng.uniform(-1, 1))
            if 0.01 < dot(r, r) <= 1.0:
                break
        if dot(r, n) < 0:
            r = mul(r, -1.0)
        if not occluded(objs, add(p, mul(n, 1e-3)), norm(r), 1.5):
            open_count += 1
    ambient = 0.2 + 0.3 * open_count / samples
    k = ambient + 0.7 * diffuse
    return (base[0] * k, base[1] * k, base[2] * k)


def render(width, height, samples):
    random.seed(7)
    rng = random
    objs = build_scene()
    eye = (0.0, 1.5, -1.0)
    histogram = {}
    total = 0
    for y in range(height):
        for x in range(width):
            dx = (x + 0.5) / width * 2.0 - 1.0
            dy = 1.0 - (y + 0.5) / height * 2.0
            d = norm((dx * width / height, dy - 0.1, 1.6))
            col = shade(objs, eye, d, rng, samples)
            px = tuple([min(255, int(c * 255.0)) for c in col])
            total = (total * 17 + px[0] * 65536 + px[1] * 256 + px[2]) % 1000000007
            key = (px[0] // 64, px[1] // 64, px[2] // 64)
            histogram[key] = histogram.get(key, 0) + 1
    return total, histogram


def main():
    total, hist = render(140, 105, 6)
    print("checksum", total)
    top = sorted(hist.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    for key, count in top:
        print("bucket %s: %d" % (key, count))


main()
