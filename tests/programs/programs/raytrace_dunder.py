# bench/programs/raytrace.py with its Vec arithmetic written as operators
# (__add__, __sub__, __mul__, __matmul__ for the dot product): the dunder
# specializations (BINARY_OP_PY_DUNDER) in a real workload, under the JIT
# too. Small by default; `stitch raytrace_dunder.py 160 120` to measure.
import sys
class Vec:
    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def add(self, o):
        return Vec(self.x + o.x, self.y + o.y, self.z + o.z)

    def sub(self, o):
        return Vec(self.x - o.x, self.y - o.y, self.z - o.z)

    def scale(self, k):
        return Vec(self.x * k, self.y * k, self.z * k)

    __add__ = add
    __sub__ = sub
    __mul__ = scale

    def __matmul__(self, o):
        return self.x * o.x + self.y * o.y + self.z * o.z

    def dot(self, o):
        return self.x * o.x + self.y * o.y + self.z * o.z

    def norm(self):
        return self * (1.0 / ((self @ self) ** 0.5))

class Ray:
    def __init__(self, origin, direction):
        self.origin = origin
        self.direction = direction

class Thing:
    def __init__(self, color, reflect):
        self.color = color
        self.reflect = reflect

    def intersect(self, ray):
        return -1.0

    def normal_at(self, p):
        return Vec(0.0, 1.0, 0.0)

class Sphere(Thing):
    def __init__(self, center, radius, color, reflect):
        super().__init__(color, reflect)
        self.center = center
        self.r2 = radius * radius

    def intersect(self, ray):
        oc = ray.origin - self.center
        b = oc @ ray.direction
        c = oc @ oc - self.r2
        disc = b * b - c
        if disc < 0.0:
            return -1.0
        sq = disc ** 0.5
        t = -b - sq
        if t > 1e-6:
            return t
        t = -b + sq
        if t > 1e-6:
            return t
        return -1.0

    def normal_at(self, p):
        return (p - self.center).norm()

class Plane(Thing):
    def __init__(self, height, color, reflect):
        super().__init__(color, reflect)
        self.height = height

    def intersect(self, ray):
        dy = ray.direction.y
        if -1e-9 < dy < 1e-9:
            return -1.0
        t = (self.height - ray.origin.y) / dy
        return t if t > 1e-6 else -1.0

    def color_at(self, p):
        cx = int(p.x + 1000.0)
        cz = int(p.z + 1000.0)
        if (cx + cz) % 2 == 0:
            return self.color
        return self.color * 0.4

class Scene:
    def __init__(self):
        self.things = [
            Sphere(Vec(0.0, 1.0, 5.0), 1.0, Vec(0.9, 0.2, 0.2), 0.3),
            Sphere(Vec(-2.0, 0.7, 6.0), 0.7, Vec(0.2, 0.9, 0.2), 0.1),
            Sphere(Vec(2.0, 1.5, 7.0), 1.5, Vec(0.2, 0.3, 0.9), 0.5),
            Plane(0.0, Vec(0.9, 0.9, 0.9), 0.2),
        ]
        self.light = Vec(-5.0, 8.0, -2.0)

    def closest(self, ray):
        best_t = 1e30
        best = None
        for th in self.things:
            t = th.intersect(ray)
            if t > 0.0 and t < best_t:
                best_t = t
                best = th
        return best, best_t

    def shadowed(self, p, to_light, dist):
        ray = Ray(p, to_light)
        for th in self.things:
            t = th.intersect(ray)
            if t > 0.0 and t < dist:
                return True
        return False

    def trace(self, ray, depth):
        th, t = self.closest(ray)
        if th is None:
            return Vec(0.1, 0.1, 0.15)
        p = ray.origin + ray.direction * t
        n = th.normal_at(p)
        if isinstance(th, Plane):
            base = th.color_at(p)
        else:
            base = th.color
        lv = self.light - p
        dist = (lv @ lv) ** 0.5
        ldir = lv * (1.0 / dist)
        diffuse = n @ ldir
        if diffuse < 0.0 or self.shadowed(p, ldir, dist):
            diffuse = 0.0
        col = base * (0.1 + 0.9 * diffuse)
        if depth > 0 and th.reflect > 0.0:
            d = ray.direction
            refl = d - n * (2.0 * (d @ n))
            rc = self.trace(Ray(p, refl), depth - 1)
            col = col * (1.0 - th.reflect) + rc * th.reflect
        return col

def render(scene, width, height):
    eye = Vec(0.0, 1.5, -1.0)
    checksum = 0
    lit = 0
    for j in range(height):
        for i in range(width):
            x = (i - width / 2) / width * 1.6
            y = (height / 2 - j) / height * 1.2
            d = Vec(x, y, 1.0).norm()
            c = scene.trace(Ray(eye, d), 1)
            r = int(min(c.x, 1.0) * 255)
            g = int(min(c.y, 1.0) * 255)
            b = int(min(c.z, 1.0) * 255)
            checksum = (checksum * 31 + r * 65536 + g * 256 + b) % 1000000007
            if r + g + b > 300:
                lit += 1
    return checksum, lit

size = [int(a) for a in sys.argv[1:3]] or [48, 36]
print(render(Scene(), size[0], size[1]))
