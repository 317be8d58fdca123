# recursion: factorial, fibonacci, mutual recursion, gcd, hanoi
def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)

def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

def is_even(n):
    return True if n == 0 else is_odd(n - 1)

def is_odd(n):
    return False if n == 0 else is_even(n - 1)

def gcd(a, b):
    return a if b == 0 else gcd(b, a % b)

moves = []
def hanoi(n, src, dst, via):
    if n == 0:
        return
    hanoi(n - 1, src, via, dst)
    moves.append((src, dst))
    hanoi(n - 1, via, dst, src)

print(fact(10), fact(25))
print([fib(i) for i in range(15)])
print(is_even(10), is_odd(7), is_even(7))
print(gcd(1071, 462), gcd(2 ** 40, 6 ** 20))
hanoi(4, "A", "C", "B")
print(len(moves), moves[:3])

def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))
print(ackermann(2, 3))
