# except (A, B): and multiple except clauses checked in order
def risky(n):
    if n == 0:
        return 1 // 0
    if n == 1:
        return [][0]
    if n == 2:
        return {}["x"]
    if n == 3:
        raise ValueError("three")
    return "ok"

for n in range(5):
    try:
        print(risky(n))
    except (ZeroDivisionError, IndexError) as e:
        print(n, "arith-or-index", e)
    except KeyError:
        print(n, "key")
    except Exception as e:
        print(n, "other", e)
