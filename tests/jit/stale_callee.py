# PENDING (tests/jit/README.md): the callee inlined into a loop's trace is
# replaced mid-loop, and the loop keeps leaving its trace on every
# iteration from then on. The output is right; the JIT path is not.
#
# run_method: A.f is replaced on the class. The class version changes, the
# trace is invalidated and the loop compiled again, but the new trace still
# inlines the old A.f: the CALL's cache names the callee's code by id and
# tier 1 never rewrites it (CALL_BOUND_METHOD_EXACT_ARGS checks only the
# argument count), so the new trace's _CHECK_FUNCTION_CODE always fails.
#
# run_global: a global function is rebound (a value store: the globals'
# keys do not change, nothing is invalidated). The trace's code check fails
# on every iteration; the exit's count is reset every 16 exits (the deopt
# waits for tier 1 to respecialize, which it never does: the opcode stays
# CALL_PY_EXACT_ARGS), so no side trace and no new trace ever come.
class A:
    def f(self, x):
        return x + 1


def g(self, x):
    return x + 2


def run_method(n):
    a = A()
    t = 0
    for i in range(n):
        if i == 100:
            A.f = g
        t += a.f(i)
    return t


def double(x):
    return x * 2


def triple(x):
    return x * 3


def run_global(n):
    global double
    t = 0
    for i in range(n):
        if i == 100:
            double = triple
        t = t + double(i)
    return t


print(run_method(1000))
print(run_global(1000))
