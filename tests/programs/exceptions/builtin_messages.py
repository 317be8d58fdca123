# str(e) of exceptions raised by the runtime itself
def show(fn):
    try:
        fn()
    except Exception as e:
        print(str(e))

show(lambda: 1 // 0)
show(lambda: 1 % 0)
show(lambda: 1 / 0)
show(lambda: 1.0 / 0)
show(lambda: [1][3])
show(lambda: (1,)[3])
show(lambda: "s"[3])
show(lambda: {"a": 1}["b"])
show(lambda: {}[5])
show(lambda: int("12x"))
show(lambda: float("nope"))
show(lambda: 1 + "a")
show(lambda: "a" + 1)
show(lambda: [].pop())
show(lambda: [1, 2].index(5))
show(lambda: float(2 ** 2000))
show(lambda: int(float("inf")))
show(lambda: 0 ** -1)
show(lambda: missing_global_qq)
