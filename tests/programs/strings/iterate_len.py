# iterating over a string, len, and building strings char by char
word = "stitch"
for ch in word:
    print(ch, end=".")
print()
print(len(word), len(""), len(" "))
count = 0
for ch in "mississippi":
    if ch == "s":
        count += 1
print(count)
rev = ""
for ch in word:
    rev = ch + rev
print(rev)
print(list("abc"), tuple("xy"))
