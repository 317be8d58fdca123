# dicts: dict-heavy work: word-frequency counting over generated string keys,
# int-keyed tables with get/set/pop/in, and iteration over items().
# Stresses: string hashing and equality, dict lookup/insert/delete/resize,
# str concatenation, str(int).
def gen_words(n, seed):
    syllables = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi", "be", "qu"]
    words = []
    x = seed
    for i in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        w = syllables[x % 10] + syllables[(x // 10) % 10]
        if x % 3 == 0:
            w = w + syllables[(x // 100) % 10]
        words.append(w + str(x % 37))
    return words

def count(words):
    freq = {}
    for w in words:
        freq[w] = freq.get(w, 0) + 1
    return freq

def int_table(n):
    t = {}
    for i in range(n):
        t[(i * 7919) % 1000003] = i
    hits = 0
    for i in range(n):
        if i in t:
            hits += t[i]
    for i in range(0, n, 2):
        k = (i * 7919) % 1000003
        if k in t:
            t.pop(k)
    return hits, len(t)

words = gen_words(200000, 7)
for rep in range(24):
    freq = count(words)
best = ""
best_n = 0
total = 0
for w, c in freq.items():
    total += c
    if c > best_n or (c == best_n and w < best):
        best = w
        best_n = c
print(len(freq), total, best, best_n)
print(int_table(600000))
