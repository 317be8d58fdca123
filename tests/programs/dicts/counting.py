# word frequency counting with a dict and manual sorting of the result
text = "the quick brown fox jumps over the lazy dog the fox barks"
freq = {}
for w in text.split():
    if w in freq:
        freq[w] += 1
    else:
        freq[w] = 1
print(freq)
items = list(freq.items())
# insertion sort by (-count, word)
for i in range(1, len(items)):
    j = i
    while j > 0 and (-items[j][1], items[j][0]) < (-items[j - 1][1], items[j - 1][0]):
        items[j], items[j - 1] = items[j - 1], items[j]
        j -= 1
for w, c in items[:4]:
    print(w, c)
