# A recursive function inlined into a loop's trace several frames deep,
# calling itself from two sites: side traces started inside the inlined
# frames return into them, and must return to the call site they were
# made for (found by the fuzzer: an exit shared by both sites did not).
def rec4(n):
    if n < 2:
        return n
    return rec4(n - 1) + rec4(n - 2)


a = 2**64 + 7
b = 7
i = 0
while True:
    i += 1
    if i > 129:
        break
    a = (a + (a | -3)) % (2**64 + 13)
    b = (b + rec4((0 if a % 5 == 1 else i) % 9)) % (-(2**48) + 5)
    b = (b + rec4((a + i) % 9)) % (-(2**47))
    if i % 16 == 0:
        print(i, b)
print(b)
