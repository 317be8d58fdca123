# jsonrt: a JSON serializer and recursive-descent parser written in Python,
# round-tripping seeded random documents (nested dicts, lists, strings with
# escapes, ints, floats, booleans, None) and comparing them structurally.
# Stresses: recursion, isinstance dispatch, string building with join and
# slicing, str methods (find, isdigit), escapes with ord/chr/%04x, float
# repr, dict/list construction, exceptions for parse errors.
import random

ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\b": "\\b", "\f": "\\f"}
UNESCAPES = {'"': '"', "\\": "\\", "/": "/", "n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f"}


class ParseError(Exception):
    def __init__(self, msg, pos):
        super().__init__("%s at %d" % (msg, pos))
        self.pos = pos


def encode_str(s):
    out = ['"']
    for ch in s:
        e = ESCAPES.get(ch)
        if e is not None:
            out.append(e)
        elif ord(ch) < 0x20 or ord(ch) > 0x7E:
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def dumps(v, indent=None, level=0):
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, str):
        return encode_str(v)
    if indent is None:
        sep, pad, end = ", ", "", ""
    else:
        sep = ",\n" + " " * (indent * (level + 1))
        pad = "\n" + " " * (indent * (level + 1))
        end = "\n" + " " * (indent * level)
    if isinstance(v, list):
        if not v:
            return "[]"
        return "[" + pad + sep.join([dumps(x, indent, level + 1) for x in v]) + end + "]"
    if isinstance(v, dict):
        if not v:
            return "{}"
        items = [encode_str(k) + ": " + dumps(x, indent, level + 1) for k, x in v.items()]
        return "{" + pad + sep.join(items) + end + "}"
    raise TypeError("cannot encode %s" % type(v).__name__)


class Parser:
    def __init__(self, text):
        self.text = text
        self.pos = 0

    def skip(self):
        t = self.text
        n = len(t)
        while self.pos < n and t[self.pos] in " \t\n\r":
            self.pos += 1

    def expect(self, ch):
        if self.text[self.pos] != ch:
            raise ParseError("expected %r" % ch, self.pos)
        self.pos += 1

    def value(self):
        self.skip()
        if self.pos >= len(self.text):
            raise ParseError("unexpected end", self.pos)
        ch = self.text[self.pos]
        if ch == "{":
            return self.obj()
        if ch == "[":
            return self.arr()
        if ch == '"':
            return self.string()
        if ch == "-" or ch.isdigit():
            return self.number()
        for word, val in (("true", True), ("false", False), ("null", None)):
            if self.text.startswith(word, self.pos):
                self.pos += len(word)
                return val
        raise ParseError("unexpected %r" % ch, self.pos)

    def obj(self):
        self.expect("{")
        out = {}
        self.skip()
        if self.text[self.pos] == "}":
            self.pos += 1
            return out
        while True:
            self.skip()
            key = self.string()
            self.skip()
            self.expect(":")
            out[key] = self.value()
            self.skip()
            if self.text[self.pos] == ",":
                self.pos += 1
                continue
            self.expect("}")
            return out

    def arr(self):
        self.expect("[")
        out = []
        self.skip()
        if self.text[self.pos] == "]":
            self.pos += 1
            return out
        while True:
            out.append(self.value())
            self.skip()
            if self.text[self.pos] == ",":
                self.pos += 1
                continue
            self.expect("]")
            return out

    def string(self):
        self.expect('"')
        t = self.text
        parts = []
        start = self.pos
        while True:
            ch = t[self.pos]
            if ch == '"':
                parts.append(t[start:self.pos])
                self.pos += 1
                return "".join(parts)
            if ch == "\\":
                parts.append(t[start:self.pos])
                esc = t[self.pos + 1]
                if esc == "u":
                    parts.append(chr(int(t[self.pos + 2:self.pos + 6], 16)))
                    self.pos += 6
                else:
                    parts.append(UNESCAPES[esc])
                    self.pos += 2
                start = self.pos
            else:
                self.pos += 1

    def number(self):
        t = self.text
        start = self.pos
        if t[self.pos] == "-":
            self.pos += 1
        is_float = False
        while self.pos < len(t) and (t[self.pos].isdigit() or t[self.pos] in ".eE+-"):
            if t[self.pos] in ".eE":
                is_float = True
            self.pos += 1
        s = t[start:self.pos]
        return float(s) if is_float else int(s)


def loads(text):
    p = Parser(text)
    v = p.value()
    p.skip()
    if p.pos != len(text):
        raise ParseError("trailing data", p.pos)
    return v


ALPHABET = "abcdefghijklmnopqrstuvwxyz ABCXYZ0123456789\"\\\n\t\u00e9\u03bb\u2603"


def rand_value(depth):
    r = random.random()
    if depth <= 0 or r < 0.35:
        kind = random.randrange(6)
        if kind == 0:
            return random.randint(-10 ** 6, 10 ** 6)
        if kind == 1:
            return random.uniform(-1000, 1000)
        if kind == 2:
            return "".join([random.choice(ALPHABET) for _ in range(random.randrange(12))])
        if kind == 3:
            return random.random() < 0.5
        if kind == 4:
            return None
        return random.getrandbits(80) - (1 << 79)
    if r < 0.65:
        return [rand_value(depth - 1) for _ in range(random.randrange(6))]
    return {"k%d_%s" % (i, random.choice("xyz")): rand_value(depth - 1) for i in range(random.randrange(6))}


def count_nodes(v):
    if isinstance(v, list):
        return 1 + sum([count_nodes(x) for x in v])
    if isinstance(v, dict):
        return 1 + sum([count_nodes(x) for x in v.values()])
    return 1


N_DOCS = 560


def main(n_docs=N_DOCS):
    random.seed(2024)
    total_chars = 0
    nodes = 0
    h = 0
    for i in range(n_docs):
        doc = rand_value(6)
        compact = dumps(doc)
        pretty = dumps(doc, indent=2)
        back = loads(compact)
        assert back == doc, "round trip failed"
        assert loads(pretty) == doc
        assert dumps(back) == compact
        total_chars += len(compact) + len(pretty)
        nodes += count_nodes(doc)
        for ch in compact:
            h = (h * 33 + ord(ch)) % 4294967291
    print("documents", n_docs, "nodes", nodes, "chars", total_chars, "hash", h)
    errors = []
    for bad in ['{"a": 1,', '[1, 2', '{"a" 1}', 'nul', '[1] x', '"abc']:
        try:
            loads(bad)
            errors.append("ok")
        except ParseError as e:
            errors.append(str(e))
        except IndexError:
            errors.append("eof")
    print("errors", errors)
    sample = {"name": "stitch", "tags": ["vm", "jit"], "pi": 3.14159, "ok": True,
              "none": None, "nested": {"q": "say \"hi\"\n", "n": [1, [2, [3, {}]]]}}
    print(dumps(sample, indent=2))


if __name__ == "__main__":
    main()
