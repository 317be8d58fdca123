print("start")
try:
    x = [0] * (10**11)
except MemoryError:
    print("caught")
