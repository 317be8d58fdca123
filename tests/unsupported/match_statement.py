# expect: SyntaxError: stitch: unsupported: 'match' statements
def kind(x):
    match x:
        case 0:
            return 'zero'
        case _:
            return 'other'

print(kind(0))
