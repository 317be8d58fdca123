import sys
import time
print(len(sys.argv), sys.argv[0].endswith("sys_time.py"))
print(sys.maxsize, sys.maxsize == 2 ** 63 - 1, sys.version_info[0], sys.version_info >= (3, 8))
print(sys.getrecursionlimit())
sys.setrecursionlimit(3000)
print(sys.getrecursionlimit())
def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
print(depth(2500))
n = sys.stdout.write("written\n")
print(n, sys.stdout.write(""), "sys" in sys.modules, sys.modules["sys"] is sys)
sys.stdout.flush()
sys.stderr.write("")
t0 = time.time()
p0 = time.perf_counter()
c0 = time.process_time()
m0 = time.monotonic()
time.sleep(0.01)
print(time.time() >= t0, time.perf_counter() - p0 >= 0.005, time.process_time() >= c0, time.monotonic() >= m0)
print(t0 > 1.6e9, type(time.time()).__name__)
try:
    sys.setrecursionlimit(0)
except ValueError as e:
    print(e)
try:
    sys.exit("custom message")
except SystemExit as e:
    print("caught", e.args)
print("via file", 42, file=sys.stdout, sep="-")
