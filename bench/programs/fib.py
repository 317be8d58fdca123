# fib: naive doubly-recursive Fibonacci.
# Stresses: function call/return overhead, small-int add/compare, global lookup.
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

print(fib(35))
