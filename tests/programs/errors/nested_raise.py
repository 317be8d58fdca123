# exception raised several frames deep is not caught by handlers for other types
def parse(s):
    return int(s)

def load(values):
    out = []
    for v in values:
        out.append(parse(v))
    return out

def main():
    try:
        print(load(["1", "2"]))
        print(load(["3", "x4"]))
    except KeyError:
        print("wrong handler")
    finally:
        print("cleanup")

main()
