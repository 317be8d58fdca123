# uncaught user-defined exception with a message
class QuotaExceeded(Exception):
    pass

def use(n):
    if n > 3:
        raise QuotaExceeded("quota of 3 exceeded: " + str(n))
    print("used", n)

for i in range(10):
    use(i)
