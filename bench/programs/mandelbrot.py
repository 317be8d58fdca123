# mandelbrot: escape-time iteration over a grid of complex points, done with
# separate real/imaginary floats; prints checksums instead of the image.
# Stresses: float multiply/add/compare in a tight while loop, int counters.
def mandel(width, height, max_iter):
    inside = 0
    total_iter = 0
    weighted = 0
    for py in range(height):
        ci = py * 2.0 / height - 1.0
        for px in range(width):
            cr = px * 3.0 / width - 2.0
            zr = 0.0
            zi = 0.0
            it = 0
            while it < max_iter:
                zr2 = zr * zr
                zi2 = zi * zi
                if zr2 + zi2 > 4.0:
                    break
                zi = 2.0 * zr * zi + ci
                zr = zr2 - zi2 + cr
                it += 1
            if it == max_iter:
                inside += 1
            total_iter += it
            weighted = (weighted * 31 + it) % 1000000007
    return inside, total_iter, weighted

print(mandel(480, 360, 300))
