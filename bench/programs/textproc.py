# textproc: generate pseudo-English text from a seeded Markov-ish grammar,
# then tokenize it, count words and bigrams, build an index, wrap and
# justify paragraphs, and do a Caesar/rot round-trip.
# Stresses: str methods (split, strip, lower, upper, title, replace, join,
# startswith, endswith, find, isalpha, ljust, center), string building,
# dict counting, sets, sorted with key=, % formatting, ord/chr.
import random

SUBJECTS = ["the cat", "a dog", "my neighbour", "the old sailor", "every child",
            "the committee", "a quiet engineer", "the river"]
VERBS = ["sees", "builds", "remembers", "carries", "paints", "questions",
         "follows", "forgets", "measures", "admires"]
OBJECTS = ["a red balloon", "the northern lights", "an empty bottle", "the map",
           "seven stones", "the last train", "a paper boat", "the clock tower"]
ADVERBS = ["slowly", "quietly", "again", "today", "without reason", "at dawn"]
PUNCT = [".", ".", ".", "!", "?"]


def sentence(rng):
    words = [rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS)]
    if rng.random() < 0.5:
        words.append(rng.choice(ADVERBS))
    if rng.random() < 0.3:
        words.append("and " + rng.choice(VERBS) + " " + rng.choice(OBJECTS))
    s = " ".join(words)
    return s[0].upper() + s[1:] + rng.choice(PUNCT)


def generate(rng, paragraphs):
    out = []
    for _ in range(paragraphs):
        n = rng.randint(3, 8)
        out.append("  " + " ".join([sentence(rng) for _ in range(n)]) + "  ")
    return "\n\n".join(out)


def tokenize(text):
    tokens = []
    word = []
    for ch in text:
        if ch.isalpha() or ch == "'":
            word.append(ch.lower())
        else:
            if word:
                tokens.append("".join(word))
                word = []
            if ch in ".!?":
                tokens.append(ch)
    if word:
        tokens.append("".join(word))
    return tokens


def count_words(tokens):
    counts = {}
    bigrams = {}
    prev = None
    for t in tokens:
        if not t.isalpha():
            prev = None
            continue
        counts[t] = counts.get(t, 0) + 1
        if prev is not None:
            key = (prev, t)
            bigrams[key] = bigrams.get(key, 0) + 1
        prev = t
    return counts, bigrams


def build_index(paragraphs):
    index = {}
    for i, para in enumerate(paragraphs):
        for w in set(tokenize(para)):
            if w.isalpha() and len(w) > 3:
                index.setdefault(w, []).append(i)
    return index


def wrap(text, width):
    lines = []
    line = ""
    for w in text.split():
        if not line:
            line = w
        elif len(line) + 1 + len(w) <= width:
            line += " " + w
        else:
            lines.append(line)
            line = w
    if line:
        lines.append(line)
    return lines


def justify(line, width):
    words = line.split(" ")
    if len(words) == 1:
        return line.ljust(width)
    gaps = len(words) - 1
    spaces = width - sum([len(w) for w in words])
    out = ""
    for i, w in enumerate(words[:-1]):
        n = spaces // gaps + (1 if i < spaces % gaps else 0)
        out += w + " " * n
    return out + words[-1]


def rot(text, k):
    res = []
    for ch in text:
        if "a" <= ch <= "z":
            res.append(chr((ord(ch) - 97 + k) % 26 + 97))
        elif "A" <= ch <= "Z":
            res.append(chr((ord(ch) - 65 + k) % 26 + 65))
        else:
            res.append(ch)
    return "".join(res)


def checksum(s):
    h = 0
    for ch in s:
        h = (h * 31 + ord(ch)) & 0xFFFFFFFF
    return h


def main():
    random.seed(42)
    text = generate(random, 1800)
    paragraphs = [p.strip() for p in text.split("\n\n")]
    tokens = tokenize(text)
    counts, bigrams = count_words(tokens)
    print("chars", len(text), "tokens", len(tokens), "distinct", len(counts))
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:6]
    print("top words", ", ".join(["%s=%d" % kv for kv in top]))
    topb = sorted(bigrams.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    print("top bigrams", ["%s %s:%d" % (a, b, n) for (a, b), n in topb])
    index = build_index(paragraphs)
    rare = sorted([w for w in index if len(index[w]) < 800])
    print("index words", len(index), "rare", rare[:5])
    total = 0
    justified = 0
    for para in paragraphs:
        for line in wrap(para, 48):
            j = justify(line, 48)
            assert len(j) == 48 or " " not in line
            total = (total + checksum(j)) % 1000000007
            justified += 1
    print("justified lines", justified, "checksum", total)
    secret = rot(text, 13)
    assert rot(secret, 13) == text
    print("rot13 sample", secret[2:40].replace(" ", "_"))
    titles = [p[:30].title().center(34, "*") for p in paragraphs[:3]]
    for t in titles:
        print(t)
    questions = [p for p in paragraphs if p.endswith("?")]
    marks = sum([p.count("!") for p in paragraphs])
    print("paragraphs ending in ?", len(questions), "exclamations", marks,
          "first 'map' at", text.find("the map"))


main()
