# str methods with the argument forms real programs use.
s = "hello world, hello python"
print(s.startswith(("he", "xx")), s.startswith(("xx", "yy")), s.startswith("world", 6))
print(s.startswith("wor", 6, 8), s.startswith("wo", 6, 8), s.startswith("", 100), s.startswith("", 5, 2))
print(s.endswith(("on", "zz")), s.endswith("world", 0, 11), s.endswith(("x", "d"), None, 11))
print(s.startswith("h", -5), s.endswith("hello", -100, -13), s.startswith(()))
print(s.split(), s.split(None, 1), s.split(",", 1), s.split(" ", -1), s.split(maxsplit=2))
print(s.split(sep="l", maxsplit=3), "  a  b  ".split(), "  a  b  ".split(" "), "".split(), "".split(","))
print(s.rsplit(None, 1), s.rsplit("l", 2), "  a  b  ".rsplit(maxsplit=1), "a,b,,c".rsplit(",", maxsplit=1))
print("a\nb\r\nc\rd\n".splitlines(), "a\nb\n".splitlines(True), "x\n\ny".splitlines(keepends=True), "".splitlines())
print(repr("xxhixx".strip("x")), repr("  hi\t\n".strip()), "abcba".strip("ab"), "abc".lstrip("ba"), "abc".rstrip("cb"))
print(repr("  x ".lstrip()), repr("  x ".rstrip()), "www.example.com".strip("cmowz."), repr("x".strip(None)))
print(s.replace("hello", "bye"), s.replace("hello", "bye", 1), s.replace("l", "L", 0), s.replace("", "-", 3))
print("aaa".replace("a", "b", -1), "abc".replace("", "."), s.replace("o", "0", 2))
print(s.find("o"), s.find("o", 5), s.find("o", 5, 7), s.find("zz"), s.find(""), s.find("", 100), s.find("", 25))
print(s.rfind("o"), s.rfind("o", 0, 10), s.rfind("hello", 1), s.rfind("", 3), s.find("o", -6), s.rfind("l", -100, -10))
print(s.index("world"), s.index("l", 5), s.rindex("l"), s.rindex("o", 0, 20))
print(s.count("l"), s.count("l", 5), s.count("l", 5, 15), s.count(""), s.count("", 3, 5), "aaaa".count("aa"))
print("hello World 3x".title(), "they're bill's".title(), "hELLO wORLD".capitalize(), "ÉCOLE".capitalize())
print("MiXeD 123".swapcase(), "ABC def".upper(), "ABC def".lower())
print("123".isdigit(), "12a".isdigit(), "".isdigit(), "abc".isalpha(), "ab1".isalpha(), "ab1".isalnum(), "a b".isalnum())
print(" \t\n".isspace(), "".isspace(), "ABC1".isupper(), "abc1".islower(), "123".isupper(), "Abc".islower())
print(repr("ab".ljust(5)), repr("ab".ljust(5, "*")), repr("ab".rjust(5, "0")), repr("ab".center(7, "-")), repr("abc".center(6)))
print(repr("ab".center(5)), repr("abc".center(2)), repr("x".ljust(-1)))
print("42".zfill(5), "-42".zfill(5), "+42".zfill(6), "abc".zfill(2), "".zfill(3), "-".zfill(3))
print("a=b=c".partition("="), "abc".partition("x"), "a=b=c".rpartition("="), "abc".rpartition("x"))
print(",".join(["a", "b"]), "".join(x for x in "xyz"), "-".join(("1",)), ", ".join({"k": 1, "j": 2}), "-".join(""))
print(s.find("o", 10**30), s.find("o", -10**30), s.count("l", -10**20, 10**20), s.startswith("h", -10**40))
for bad in [lambda: s.startswith(1), lambda: s.startswith(("a", 1)), lambda: s.index("zz"),
            lambda: s.rindex("zz"), lambda: s.split(""), lambda: s.rsplit(""), lambda: "a".partition(""),
            lambda: "a".rpartition(""), lambda: ",".join([1, 2]), lambda: "x".center(5, "ab"),
            lambda: "x".ljust(3, ""), lambda: "x".replace("a"), lambda: "x".strip(1), lambda: "x".find(1),
            lambda: "x".count(), lambda: "x".split(1), lambda: "x".endswith(["x"]), lambda: ",".join(5),
            lambda: "x".zfill("3"), lambda: "x".find("x", "1"), lambda: "x".count("x", None, 1.5), lambda: "x".endswith("x", 0.0), lambda: "x".split(maxsplit="2"),
            lambda: "x".replace("x", "y", "1"), lambda: "x".splitlines(1, 2)]:
    try:
        print(bad())
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
