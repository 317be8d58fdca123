#!/usr/bin/env python3
"""Random program generator for stitch's differential fuzzer.

    gen.py SEED        print one program (deterministic for SEED)

Each program is valid Python 3.11 inside stitch's subset (docs/language.md),
terminates quickly (well under 0.2 s on CPython), and prints checksums of its
state often, so that any divergence between CPython and stitch shows in
stdout. The programs aim at what a trace JIT gets wrong: hot loops, ints
crossing the 48-bit small-int boundary, variables changing type after
warm-up, globals/methods/attributes rebound inside hot loops, calls,
exceptions raised and caught inside loops, containers. See README.md.

One statement per line, 4-space indentation, no multi-line expressions:
run.py's reducer works on lines and indented blocks.
"""
import random
import sys

# Moduli keep accumulators bounded while crossing the small-int boundary
# (stitch's inline ints are 48-bit signed: |x| < 2**47) and the 64-bit one.
MODULI = ['2**47', '2**47 - 1', '2**47 + 1', '2**48', '2**31 - 1',
          '2**61 - 1', '2**63', '2**64 + 13', '1000000007', '1000', '97',
          '-(2**47)', '-(2**63) - 1', '-1000003', '140737488355328',
          '18446744073709551629', '2**50 + 3', '-(2**48) + 5']
BOUNDARY = ['0', '1', '-1', '7', '2**47 - 3', '-(2**47) + 2', '2**47 - 1',
            '-(2**47)', '140737488355325', '2**62', '2**63 - 1', '-(2**63)',
            '2**64 + 7', '10**18', '12345', '-99', '2**46', '-(2**46) - 1']
SMALL = ['0', '1', '2', '3', '5', '7', '-1', '-3', '10', '13', '100', '255']
NONZERO = ['3', '-7', '2', '-2', '10', '2**47', '2**47 - 1', '-(2**47)',
           '2**64 + 1', '1000003', '-65537', '2**33']
FLOATS = ['0.0', '0.5', '1.5', '-2.25', '1e10', '0.1', '3.14159', '-0.0',
          '1e-3', '2.5e15', '-7.75', '1e300']
CMPS = ['<', '<=', '>', '>=', '==', '!=']
# Variable kinds never printed (their repr is the default one, with an address).
NOPRINT = ('obj', 'kobj')
MIXED = ["1", "2.5", "'ab'", "None", "2**60", "(1, 2)", "True", "-0.0",
         "''", "[3]", "-(2**47)", "0", "'7'", "False", "1e16"]


class Ctx:
    """One segment: its variables (name -> kind) and their initializations."""

    def __init__(self, seg, infunc):
        self.seg = seg
        self.infunc = infunc
        self.vars = {}
        self.inits = []
        self.globals = set()
        self.pre = []        # lines run once before the loop (after inits)
        self.counter = 0

    def names(self, kind):
        return [n for n, k in self.vars.items() if k == kind]


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.seed = seed
        self.header = []
        self.helpers = {}
        self.nhelp = 0
        self.uses_math = False
        self.module_vars = []   # (name) of module-level results to print at end

    # ------------------------------------------------------------ helpers
    def chance(self, p):
        return self.r.random() < p

    def pick(self, seq):
        return self.r.choice(seq)

    def fresh(self, base):
        self.nhelp += 1
        return '%s%d' % (base, self.nhelp)

    def helper(self, kind, reuse=0.6):
        """A module-level helper of KIND: reuse one or define a new one."""
        have = self.helpers.setdefault(kind, [])
        if have and (self.chance(reuse) or len(have) >= 3):
            return self.pick(have)
        h = getattr(self, 'make_' + kind)()
        have.append(h)
        return h

    def make_ifunc(self):
        r = self.r
        name = self.fresh('h')
        c = self.pick(SMALL)
        m = self.pick(MODULI)
        form = r.randrange(5)
        if form == 0:
            self.header += ['def %s(a, b=%s):' % (name, c),
                            '    return (a * 3 + b) %% (%s)' % m]
            calls = ['{n}({a})', '{n}({a}, {b})', '{n}({a}, b={b})',
                     '{n}(b={b}, a={a})']
        elif form == 1:
            self.header += ['def %s(a, *, scale=2, off=%s):' % (name, c),
                            '    return a * scale - off']
            calls = ['{n}({a})', '{n}({a}, scale={b})', '{n}({a}, off={b}, scale=3)']
        elif form == 2:
            self.header += ['def %s(*args):' % name,
                            '    t = 0',
                            '    for x in args:',
                            '        t = (t * 31 + x) %% (%s)' % m,
                            '    return t']
            calls = ['{n}({a})', '{n}({a}, {b})', '{n}({a}, {b}, {a})', '{n}()']
        elif form == 3:
            self.header += ['def %s(a, **kw):' % name,
                            '    return a + len(kw) + kw.get("z", %s)' % c]
            calls = ['{n}({a})', '{n}({a}, z={b})', '{n}({a}, y=1, z={b})']
        else:
            self.header += ['def %s(a, b=%s):' % (name, c),
                            '    if a > b:',
                            '        return a - b',
                            '    return b - a + 1']
            calls = ['{n}({a})', '{n}({a}, {b})', '{n}(a={a}, b={b})']
        return {'name': name, 'calls': calls}

    def make_swap(self):
        """Two functions and a global bound to the first (rebound in loops)."""
        fa, fb, cur = self.fresh('fa'), self.fresh('fb'), self.fresh('fcur')
        ca, cb = self.pick(SMALL), self.pick(BOUNDARY)
        self.header += ['def %s(x):' % fa, '    return x + %s' % ca,
                        'def %s(x):' % fb, '    return x * 2 - (%s)' % cb,
                        '%s = %s' % (cur, fa)]
        return {'a': fa, 'b': fb, 'cur': cur}

    def make_cls(self):
        cn = self.fresh('C')
        k = self.pick(SMALL)
        m = self.pick(MODULI)
        alt = self.fresh('alt')
        h = ['class %s:' % cn,
             '    k = %s' % k,
             '    def __init__(self, x):',
             '        self.x = x',
             '        self.y = %s' % self.pick(BOUNDARY),
             '    def m(self, v):',
             '        return (self.x + v * self.k) %% (%s)' % m,
             '    def get(self):',
             '        return self.x']
        sub = None
        if self.chance(0.5):
            sub = self.fresh('D')
            h += ['class %s(%s):' % (sub, cn),
                  '    def m(self, v):',
                  '        return super().m(v) + 1',
                  '    def get(self):',
                  '        return self.x - self.k']
        h += ['def %s(self, v):' % alt,
              '    return self.x - v + %s' % self.pick(SMALL)]
        self.header += h
        return {'name': cn, 'sub': sub, 'alt': alt}

    def make_rec(self):
        name = self.fresh('rec')
        form = self.r.randrange(3)
        if form == 0:
            self.header += ['def %s(n, acc=0):' % name,
                            '    if n <= 0:',
                            '        return acc',
                            '    return %s(n - 1, acc + n * n)' % name]
            return {'name': name, 'lim': 45}
        if form == 1:
            self.header += ['def %s(n):' % name,
                            '    if n < 2:',
                            '        return n',
                            '    return %s(n - 1) + %s(n - 2)' % (name, name)]
            return {'name': name, 'lim': 9}
        self.header += ['def %s(n):' % name,
                        '    if n == 0:',
                        '        return 1',
                        '    return n * %s(n - 1) %% (%s)' % (name, self.pick(MODULI))]
        return {'name': name, 'lim': 40}

    def make_clos(self):
        name = self.fresh('mk')
        form = self.r.randrange(2)
        if form == 0:
            self.header += ['def %s(c):' % name,
                            '    def inner(x):',
                            '        return x * c + 1',
                            '    return inner']
        else:
            self.header += ['def %s(c):' % name,
                            '    total = 0',
                            '    def inner(x):',
                            '        nonlocal total',
                            '        total = total + x + c',
                            '        return total',
                            '    return inner']
        return {'name': name}

    def make_chk(self):
        name = self.fresh('chk')
        p = self.r.randint(3, 11)
        rr = self.r.randrange(p)
        exc = self.pick(['ValueError', 'KeyError', 'IndexError', 'RuntimeError'])
        if self.chance(0.3):
            exc = self.helper('exc')['name']
        self.header += ['def %s(x):' % name,
                        '    if x %% %d == %d:' % (p, rr),
                        '        raise %s("bad " + str(x))' % exc,
                        '    return x + 1']
        return {'name': name, 'exc': exc}

    def make_exc(self):
        name = self.fresh('Err')
        self.header += ['class %s(Exception):' % name, '    pass']
        return {'name': name}

    def make_gen(self):
        name = self.fresh('gen')
        self.header += ['def %s(n):' % name,
                        '    for q in range(n):',
                        '        if q %% %d == 1:' % self.r.randint(2, 6),
                        '            continue',
                        '        yield q * %s' % self.pick(['3', '-2', '2**46', '1']),
                        ]
        return {'name': name}

    def make_dunder(self):
        name = self.fresh('V')
        self.header += ['class %s:' % name,
                        '    def __init__(self, v):',
                        '        self.v = v',
                        '    def __add__(self, o):',
                        '        return %s(self.v + (o.v if isinstance(o, %s) else o))' % (name, name),
                        '    def __radd__(self, o):',
                        '        return %s(o + self.v)' % name,
                        '    def __eq__(self, o):',
                        '        return isinstance(o, %s) and self.v == o.v' % name,
                        '    def __lt__(self, o):',
                        '        return self.v < (o.v if isinstance(o, %s) else o)' % name,
                        '    def __repr__(self):',
                        '        return "%s(%%r)" %% (self.v,)' % name,
                        '    @property',
                        '    def dbl(self):',
                        '        return self.v * 2']
        return {'name': name}

    def make_pfunc(self):
        name = self.fresh('pf')
        self.header += ['def %s(a, b):' % name,
                        '    return %s' % self.pick(['a + b * 2', 'b * 2 + a', '(a + b) * 3', 'a + a + b'])]
        return {'name': name}

    def make_glob(self):
        name = self.fresh('gc')
        fn = self.fresh('bump')
        self.header += ['%s = 0' % name,
                        'def %s(d):' % fn,
                        '    global %s' % name,
                        '    %s = (%s + d) %% (%s)' % (name, name, self.pick(MODULI)),
                        '    return %s' % name]
        self.module_vars.append(name)
        return {'name': name, 'fn': fn}

    def make_plain(self):
        name = self.fresh('P')
        self.header += ['class %s:' % name, '    pass']
        return {'name': name}

    def make_shadow(self):
        name = self.fresh('myabs')
        self.header += ['_saved_abs = abs',
                        'def %s(x):' % name,
                        '    return (-x if x < 0 else x) + 1']
        return {'name': name}

    # --------------------------------------------------------- expressions
    def ileaf(self, ctx, idx):
        r = self.r.random()
        ints = ctx.names('int')
        if r < 0.35 and idx:
            return self.pick(idx)
        if r < 0.65 and ints:
            return self.pick(ints)
        if r < 0.8:
            return self.pick(SMALL)
        if r < 0.9:
            b = self.pick(BOUNDARY)
            return '(%s)' % b if ' ' in b or b.startswith('-') else b
        lists = ctx.names('list')
        if lists:
            return 'len(%s)' % self.pick(lists)
        return self.pick(SMALL)

    def nonzero(self, ctx, idx, depth):
        c = self.r.randrange(4)
        if c == 0:
            return '(%s | 1)' % self.iexpr(ctx, idx, depth)
        if c == 1:
            return '(%s %% 7 + 1)' % self.iexpr(ctx, idx, depth)
        return '(%s)' % self.pick(NONZERO)

    def cond(self, ctx, idx, depth=1):
        c = self.r.random()
        a = self.iexpr(ctx, idx, depth)
        if c < 0.5:
            return '%s %s %s' % (a, self.pick(CMPS), self.iexpr(ctx, idx, depth))
        if c < 0.65:
            return '%s < %s <= %s' % (self.ileaf(ctx, idx), a, self.ileaf(ctx, idx))
        if c < 0.8 and ctx.names('flt'):
            return '%s %s %s' % (self.pick(ctx.names('flt')), self.pick(CMPS), a)
        if c < 0.9:
            return '%s %% %d == %d' % (a, self.r.randint(2, 5), self.r.randint(0, 1))
        return '(%s and %s) or not %s' % (self.iexpr(ctx, idx, 0) + ' > 0', a + ' != 3',
                                          self.ileaf(ctx, idx))

    def iexpr(self, ctx, idx, depth):
        r = self.r
        if depth <= 0 or r.random() < 0.3:
            return self.ileaf(ctx, idx)
        c = r.random()
        a = self.iexpr(ctx, idx, depth - 1)
        if c < 0.45:
            op = self.pick(['+', '-', '*', '+', '-', '*', '&', '|', '^'])
            return '(%s %s %s)' % (a, op, self.iexpr(ctx, idx, depth - 1))
        if c < 0.58:
            return '(%s %s %s)' % (a, self.pick(['//', '%']), self.nonzero(ctx, idx, depth - 1))
        if c < 0.64:
            return '(%s << %d)' % (a, r.choice([1, 2, 5, 16, 20, 33, 40]))
        if c < 0.70:
            return '(%s >> %d)' % (a, r.choice([1, 3, 17, 46, 47, 48, 63, 64, 70]))
        if c < 0.76:
            return self.pick(['abs(%s)', '(-%s)', '(~%s)', '(%s ** 2)', 'int(%s)']) % a
        if c < 0.82:
            return '%s(%s, %s)' % (self.pick(['min', 'max']), a, self.iexpr(ctx, idx, depth - 1))
        if c < 0.88:
            return '(%s if %s else %s)' % (a, self.cond(ctx, idx, 0), self.iexpr(ctx, idx, depth - 1))
        if c < 0.92:
            return 'len(str(%s))' % a
        # a call of a small helper function
        h = self.helper('ifunc')
        return self.pick(h['calls']).format(n=h['name'], a=a, b=self.ileaf(ctx, idx))

    def fexpr(self, ctx, idx, depth):
        r = self.r
        flts = ctx.names('flt')
        if depth <= 0 or r.random() < 0.3:
            c = r.random()
            if c < 0.45 and flts:
                return self.pick(flts)
            if c < 0.7:
                return self.pick(FLOATS[:-1])
            return self.ileaf(ctx, idx)
        a = self.fexpr(ctx, idx, depth - 1)
        c = r.random()
        if c < 0.5:
            return '(%s %s %s)' % (a, self.pick(['+', '-', '*', '+']), self.fexpr(ctx, idx, depth - 1))
        if c < 0.65:
            return '(%s / %s)' % (a, self.pick(['3', '-0.5', '(abs(%s) + 1.5)' % self.fexpr(ctx, idx, 0), '7.25', '(2**40)']))
        if c < 0.75:
            return '(%s %s %s)' % (a, self.pick(['%', '//']), self.pick(['2.5', '-3', '0.75', '7']))
        if c < 0.85:
            self.uses_math = True
            return self.pick(['math.sqrt(abs(%s))', 'math.floor(%s)', 'abs(%s)', 'float(%s)',
                              'round(%s, 3)', 'math.fabs(%s)']) % a
        if c < 0.93:
            return '(%s / %s)' % (self.iexpr(ctx, idx, 1), self.nonzero(ctx, idx, 0))
        return 'float(%s)' % self.iexpr(ctx, idx, 1)

    # ---------------------------------------------------------- variables
    def var(self, ctx, kind, newp=0.35):
        have = ctx.names(kind)
        if have and not self.chance(newp if len(have) < 3 else 0):
            return self.pick(have)
        ctx.counter += 1
        name = '%s%d_%d' % ({'int': 'a', 'flt': 'f', 'str': 's', 'list': 'L',
                             'dict': 'd', 'poly': 'p', 'obj': 'o', 'cnt': 'n',
                             'mix': 'X', 'tup': 't', 'set': 'S', 'dun': 'w', 'kobj': 'ko',
                             'oval': 'ov'}[kind], ctx.seg, ctx.counter)
        ctx.vars[name] = kind
        if kind == 'int':
            init = self.pick(BOUNDARY)
        elif kind == 'flt':
            init = self.pick(FLOATS[:-1])
        elif kind == 'str':
            init = self.pick(["''", "'abc'", "'x1y2'", "'hello world'", "'12345'"])
        elif kind == 'list':
            init = self.pick(['[]', '[1, 2, 3]', '[2**47 - 1, -5, 0]', 'list(range(%d))' % self.r.randint(1, 8)])
        elif kind == 'dict':
            init = self.pick(['{}', '{0: 1, 1: 2}', "{'a': 1}", '{i: i * i for i in range(4)}'])
        elif kind == 'poly':
            init = self.pick(['0', '1', '2**47 - 5', '-3']) if not ctx.infunc or self.chance(0.5) else 'base'
        elif kind == 'cnt':
            init = '0'
        elif kind == 'mix':
            items = self.r.sample(MIXED, self.r.randint(3, 7))
            init = '[%s]' % ', '.join(items)
        elif kind == 'dun':
            init = self.pick(['0', '1', '2**47 - 2', '-5'])
        elif kind == 'set':
            init = self.pick(['set()', '{1, 2, 3}', '{2**47, -1, 0}', 'set(range(5))'])
        elif kind == 'tup':
            init = '(%s, %s)' % (self.pick(SMALL), self.pick(BOUNDARY))
        elif kind == 'kobj':
            kc = self.helper('kwcls')
            init = '%s(%s, z=%s)' % (kc['name'], self.pick(BOUNDARY), self.pick(SMALL))
        elif kind == 'oval':
            oc = self.helper('opcls', reuse=0.8)
            ctx.__dict__.setdefault('ovcls', {})[name] = oc
            init = '%s(%s)' % (oc['name'], self.pick(SMALL))
        elif kind == 'obj':
            cls = self.helper('cls')
            ctx.vars[name] = 'obj'
            ctx.__dict__.setdefault('objcls', {})[name] = cls
            init = '%s(%s)' % (cls['name'], self.pick(BOUNDARY))
        ctx.inits.append('%s = %s' % (name, init))
        return name

    def modded(self, e):
        return '(%s) %% (%s)' % (e, self.pick(MODULI))

    # --------------------------------------------------------- statements
    def event(self, n):
        """A condition true once, after warm-up."""
        k = self.r.randint(1, max(1, n - 1))
        return k

    def stmt(self, ctx, idx, n, depth):
        """A list of lines (relative indentation) for one random statement."""
        r = self.r
        kind = r.choices(['int', 'int2', 'bound', 'flt', 'poly', 'mix', 'str', 'list',
                          'dict', 'tup', 'obj', 'rebind', 'call', 'exc', 'ctrl', 'print',
                          'dunder', 'pfunc', 'glob', 'shape', 'set', 'fmt', 'iter', 'unbound',
                          'kwcall', 'opdunder', 'gen2'],
                         [14, 6, 5, 6, 6, 3, 4, 6, 5, 3, 6, 6, 7, 8, 4, 3,
                          3, 3, 3, 3, 3, 3, 3, 2,
                          8, 8, 8])[0]
        return getattr(self, 's_' + kind)(ctx, idx, n, depth)

    def s_int(self, ctx, idx, n, depth):
        v = self.var(ctx, 'int')
        e = self.iexpr(ctx, idx, self.r.randint(1, 3))
        c = self.r.randrange(5)
        if c == 0:
            return ['%s = %s' % (v, self.modded(e))]
        if c == 1:
            return ['%s = %s' % (v, self.modded('%s + %s' % (v, e)))]
        if c == 2:
            return ['%s = %s' % (v, self.modded('%s * %s + %s' % (v, self.pick(['3', '31', '2**20', '-5', '1000003']), e)))]
        if c == 3:
            return ['%s %s= %s' % (v, self.pick(['+', '-', '^', '|', '*']), e),
                    '%s %%= %s' % (v, self.pick(MODULI))]
        w = self.var(ctx, 'int')
        return ['%s, %s = %s, %s' % (v, w, self.modded('%s + %s' % (w, e)), v)]

    def s_int2(self, ctx, idx, n, depth):
        # big int multiplications and shifts that grow, then shrink back
        v = self.var(ctx, 'int')
        c = self.r.randrange(4)
        if c == 0:
            return ['%s = %s * %s' % (v, v, self.pick(['2**20', '3', '2**40', '-(2**33)'])),
                    'if abs(%s) > %s:' % (v, self.pick(['2**47', '2**63', '2**80', '2**130'])),
                    '    %s = %s // %s' % (v, v, self.pick(['(2**45 + 7)', '2**61', '(1000003 * 2**30)', '-(2**50)']))]
        if c == 1:
            s = self.r.choice([3, 16, 30, 47, 60])
            return ['%s = (%s << %d) >> %d' % (v, v, s, s - self.r.choice([0, 1, 2])),
                    '%s %%= %s' % (v, self.pick(MODULI))]
        if c == 2:
            return ['%s = pow(%s, %s, %s)' % (v, self.ileaf(ctx, idx), self.pick(['2', '3', '65537', '2**40 + 1']),
                                               self.pick(['2**61 - 1', '2**47 + 5', '1000000007', '2**64 + 13']))]
        return ['%s = %s' % (v, self.pick(['-%s', '~%s', '%s // -3', '%s %% 2**48 - 2**47', 'int(%s / 3)',
                                           'divmod(%s, 1000003)[0]', 'hash(%s)']) % v)]

    def s_bound(self, ctx, idx, n, depth):
        # a walk across the small-int boundary and back
        v = self.var(ctx, 'int')
        lo, hi = self.pick([('2**47 - 4', '2**47 + 2'), ('-(2**47) - 2', '-(2**47) + 4'),
                            ('2**63 - 3', '2**63 + 2'), ('-(2**63) - 1', '-(2**63) + 3')])
        step = self.pick(['1', '2', '3', '1', '-1'])
        if step.startswith('-'):
            return ['%s += %s' % (v, step), 'if %s < %s:' % (v, lo), '    %s = %s' % (v, hi)]
        return ['%s += %s' % (v, step), 'if %s > %s:' % (v, hi), '    %s = %s' % (v, lo)]

    def s_flt(self, ctx, idx, n, depth):
        f = self.var(ctx, 'flt')
        c = self.r.randrange(5)
        if c < 3:
            return ['%s = %s' % (f, self.fexpr(ctx, idx, self.r.randint(1, 3))),
                    'if not abs(%s) <= 1e12:' % f,
                    '    %s = 1e12 / %s if %s == %s else 0.5' % (f, f, f, f)]
        if c == 3:
            v = self.var(ctx, 'int')
            return ['if %s %s %s:' % (f, self.pick(CMPS), v),
                    '    %s = %s + 0.25' % (f, f),
                    'else:',
                    '    %s = %s' % (v, self.modded('%s + int(%s)' % (v, f)))]
        return ['%s += %s' % (f, self.pick(['0.1', '1', '-0.5', 'i' if 'i' in idx else '2'])),
                '%s = %s %% %s' % (f, f, self.pick(['1000.5', '7', '-3.5', '2**50']))]

    def s_poly(self, ctx, idx, n, depth):
        # a variable that is an int while warm, then changes type
        p = self.var(ctx, 'poly')
        k = self.event(n)
        i = idx[0] if idx else '0'
        c = self.r.randrange(7)
        if c == 0:
            return ['%s = %s + (0.5 if %s > %d else 1)' % (p, p, i, k)]
        if c == 1:
            return ['if %s == %d:' % (i, k),
                    '    %s = %s' % (p, self.pick(['%s * 2**50', 'float(%s)', '%s + 0.5', '-%s - 2**60', '%s + True'])) % (p, )]
        if c == 2:
            return ['%s = %s * %s %% (%s)' % (p, p, self.pick(['3', '-2', '2**20']), self.pick(MODULI))]
        if c == 3:
            return ['%s = %s %s %s' % (p, p, self.pick(['+', '-', '//', '+']), self.pick(['1', '3', '2.0', '-7']))]
        if c == 4:
            n2 = self.var(ctx, 'cnt')
            return ['if %s %s %s:' % (p, self.pick(CMPS), self.iexpr(ctx, idx, 1)),
                    '    %s += 1' % n2]
        if c == 5:
            s = self.var(ctx, 'str')
            return ['%s = (%s + str(%s))[-12:]' % (s, s, p)]
        return ['%s = abs(%s) %% (%s)' % (p, p, self.pick(MODULI))]

    def s_mix(self, ctx, idx, n, depth):
        # list items of mixed types, seen by type-specialized operations
        X = self.var(ctx, 'mix')
        cnt = self.var(ctx, 'cnt')
        i = idx[0] if idx else '0'
        x = 'x%d' % ctx.seg
        get = '%s = %s[%s %% len(%s)]' % (x, X, i, X)
        c = self.r.randrange(6)
        if c == 0:
            body = ['try:',
                    '    %s = %s + %s' % (x, x, self.pick(['1', x, '2.5', 'True'])),
                    'except TypeError as e:',
                    '    %s += 1' % cnt]
            if self.chance(0.3):
                body += ['    if %s < 3:' % cnt, '        print("TypeError", e)']
        elif c == 1:
            body = ['%s += len(repr(%s)) + (%s == 1) + (%s is None)' % (cnt, x, x, x)]
        elif c == 2:
            body = ['if isinstance(%s, int):' % x, '    %s += %s %% 5' % (cnt, x),
                    'elif isinstance(%s, float):' % x, '    %s += int(%s) %% 3' % (cnt, x),
                    'elif %s:' % x, '    %s += 1' % cnt]
        elif c == 3:
            body = ['%s += len(str(%s)) + len(type(%s).__name__)' % (cnt, x, x)]
        elif c == 4:
            body = ['if %s == %d:' % (i, self.event(n)),
                    '    %s[0] = %s' % (X, self.pick(MIXED)),
                    '%s = %s[0]' % (x, X),
                    '%s += 1 if %s else 2' % (cnt, x)]
            return body
        else:
            body = ['try:',
                    '    %s += %s * 2 == %s + %s' % (cnt, x, x, x),
                    'except TypeError:',
                    '    %s -= 1' % cnt]
        return [get] + body

    def s_str(self, ctx, idx, n, depth):
        s = self.var(ctx, 'str')
        e = self.iexpr(ctx, idx, 1)
        c = self.r.randrange(7)
        if c == 0:
            return ['%s = (%s + str(%s %% 10))[-15:]' % (s, s, e)]
        if c == 1:
            return ['%s = %s[1:] + %s[:1]' % (s, s, s)]
        if c == 2:
            return ['%s = (%s + "-" + str(%s))[%s:%s]' % (s, s, e, self.pick(['1', '-20', '', '2']), self.pick(['', '18', '-1']))]
        if c == 3:
            v = self.var(ctx, 'int')
            return ['if %s:' % s, '    %s = %s' % (v, self.modded('%s + ord(%s[%s %% len(%s)])' % (v, s, e, s)))]
        if c == 4:
            return ['%s = %s.replace("1", "ab")[:14]' % (s, s) if self.chance(0.5) else
                    '%s = "-".join(%s.split("2"))[::-1][:16]' % (s, s)]
        if c == 5:
            v = self.var(ctx, 'int')
            return ['%s = %s' % (v, self.modded('%s + %s.count("1") + %s.find("3") + len(%s)' % (v, s, s, s)))]
        return ['%s = f"{%s %% 100}:{%s[:3]}"' % (s, e, s)]

    def s_list(self, ctx, idx, n, depth):
        L = self.var(ctx, 'list')
        e = self.iexpr(ctx, idx, self.r.randint(0, 2))
        c = self.r.randrange(9)
        if c == 0:
            return ['%s.append(%s)' % (L, e), 'if len(%s) > %d:' % (L, self.r.randint(4, 15)),
                    '    %s.pop(%s)' % (L, self.pick(['0', '', '-2']))]
        if c == 1:
            v = self.var(ctx, 'int')
            return ['if %s:' % L, '    %s = %s' % (v, self.modded('%s + %s[%s %% len(%s)]' % (v, L, e, L)))]
        if c == 2:
            return ['if %s:' % L, '    %s[%s %% len(%s)] = %s' % (L, e, L, self.iexpr(ctx, idx, 1))]
        if c == 3:
            v = self.var(ctx, 'int')
            return ['%s = %s' % (v, self.modded('%s + sum(%s) + len(%s)' % (v, L, L)))]
        if c == 4:
            return ['%s.sort()' % L if self.chance(0.5) else '%s.reverse()' % L]
        if c == 5:
            return ['%s = [%s for y in %s if y %% %d != 0][:10]' % (L, self.pick(['y + 1', 'y * 2', '-y', 'y // 2']), L,
                                                              self.r.randint(2, 5))]
        if c == 6:
            v = self.var(ctx, 'int')
            return ['if len(%s) >= 2:' % L,
                    '    first, *rest = %s' % L,
                    '    %s = %s' % (v, self.modded('%s + first - len(rest) + max(%s) - min(%s)' % (v, L, L)))]
        if c == 7:
            return ['%s.insert(%s %% (len(%s) + 1), %s)' % (L, e, L, self.ileaf(ctx, idx)),
                    'while len(%s) > 10:' % L, '    del %s[0]' % L]
        v = self.var(ctx, 'int')
        return ['if %s in %s:' % (e, L), '    %s = %s' % (v, self.modded('%s + %s.index(%s)' % (v, L, e))),
                'else:', '    %s.append(%s)' % (L, e), '    %s = %s[-8:]' % (L, L)]

    def s_dict(self, ctx, idx, n, depth):
        d = self.var(ctx, 'dict')
        e = self.iexpr(ctx, idx, 1)
        key = self.pick(['%s %% %d' % (e, self.r.randint(3, 9)), '"k" + str(%s %% 5)' % e])
        c = self.r.randrange(5)
        if c == 0:
            return ['%s[%s] = %s' % (d, key, self.modded('%s.get(%s, 0) + %s' % (d, key, self.ileaf(ctx, idx))))]
        if c == 1:
            return ['if %s in %s:' % (key, d), '    del %s[%s]' % (d, key)]
        if c == 2:
            v = self.var(ctx, 'int')
            return ['for kk in %s:' % d, '    %s = %s' % (v, self.modded('%s + %s[kk] + len(str(kk))' % (v, d)))]
        if c == 3:
            v = self.var(ctx, 'int')
            return ['%s = %s' % (v, self.modded('%s + %s.pop(%s, 7) + len(%s)' % (v, d, key, d)))]
        return ['%s.setdefault(%s, %s)' % (d, key, self.ileaf(ctx, idx))]

    def s_tup(self, ctx, idx, n, depth):
        t = self.var(ctx, 'tup')
        v = self.var(ctx, 'int')
        c = self.r.randrange(3)
        if c == 0:
            return ['%s = (%s[1], %s)' % (t, t, self.modded('%s[0] + %s' % (t, self.iexpr(ctx, idx, 1))))]
        if c == 1:
            return ['q0, q1 = divmod(%s, %s)' % (self.iexpr(ctx, idx, 1), self.pick(NONZERO)),
                    '%s = %s' % (v, self.modded('%s + q0 - q1' % v))]
        return ['(u0, u1), u2 = %s, %s' % (t, self.ileaf(ctx, idx)),
                '%s = %s' % (v, self.modded('%s + u0 * u1 + u2' % v))]

    def s_obj(self, ctx, idx, n, depth):
        o = self.var(ctx, 'obj')
        cls = ctx.objcls[o]
        e = self.iexpr(ctx, idx, 1)
        c = self.r.randrange(6)
        if c == 0:
            return ['%s.x = %s' % (o, self.modded('%s.x + %s' % (o, e)))]
        v = self.var(ctx, 'int')
        if c == 1:
            return ['%s = %s' % (v, self.modded('%s + %s.m(%s)' % (v, o, e)))]
        if c == 2:
            return ['%s = %s' % (v, self.modded('%s + %s.get() + %s.k + int(%s.y)' % (v, o, o, o)))]
        if c == 3:
            return ['%s = %s' % (v, self.modded('%s + getattr(%s, "extra", -1)' % (v, o)))]
        if c == 4 and cls['sub']:
            # the same call site sees a second class after warm-up
            i = idx[0] if idx else '0'
            return ['if %s == %d:' % (i, self.event(n)),
                    '    %s = %s(%s.x)' % (o, self.pick([cls['sub'], cls['name']]), o)]
        return ['%s.y = %s' % (o, self.modded('%s.y * 3 + %s' % (o, e)))]

    def s_rebind(self, ctx, idx, n, depth):
        i = idx[0] if idx else '0'
        k = self.event(n)
        c = self.r.randrange(7)
        if c <= 1:
            sw = self.helper('swap')
            v = self.var(ctx, 'int')
            ctx.globals.add(sw['cur'])
            return ['if %s == %d:' % (i, k),
                    '    %s = %s' % (sw['cur'], self.pick([sw['b'], sw['a']])),
                    '%s = %s' % (v, self.modded('%s + %s(%s)' % (v, sw['cur'], self.iexpr(ctx, idx, 1))))]
        if c == 2:
            o = self.var(ctx, 'obj')
            cls = ctx.objcls[o]
            v = self.var(ctx, 'int')
            return ['if %s == %d:' % (i, k),
                    '    %s.m = %s' % (self.pick([cls['name'], cls['sub'] or cls['name']]), cls['alt']),
                    '%s = %s' % (v, self.modded('%s + %s.m(%s)' % (v, o, self.ileaf(ctx, idx))))]
        if c == 3:
            o = self.var(ctx, 'obj')
            k2 = self.r.randint(k, n + 3)
            return ['if %s == %d:' % (i, k),
                    '    %s.extra = %s' % (o, self.ileaf(ctx, idx)),
                    'if %s == %d and hasattr(%s, "extra"):' % (i, k2, o),
                    '    del %s.extra' % o]
        if c == 4:
            o = self.var(ctx, 'obj')
            cls = ctx.objcls[o]
            return ['if %s == %d:' % (i, k),
                    '    %s.k = %s' % (self.pick([cls['name'], o]), self.pick(BOUNDARY))]
        if c == 5:
            o = self.var(ctx, 'obj')
            v = self.var(ctx, 'int')
            return ['if %s == %d:' % (i, k),
                    '    %s.y = %s' % (o, self.pick(['1.5', 'True', '2**70', '-1'])),
                    '%s = %s' % (v, self.modded('%s + int(%s.y)' % (v, o)))]
        # a builtin shadowed by a global mid-loop, then restored
        sh = self.helper('shadow')
        ctx.globals.add('abs')
        v = self.var(ctx, 'int')
        k2 = self.r.randint(k, n + 3)
        return ['if %s == %d:' % (i, k),
                '    abs = %s' % sh['name'],
                'if %s == %d:' % (i, k2),
                '    abs = _saved_abs',
                '%s = %s' % (v, self.modded('%s + abs(%s)' % (v, self.iexpr(ctx, idx, 1))))]

    def s_call(self, ctx, idx, n, depth):
        v = self.var(ctx, 'int')
        e = self.iexpr(ctx, idx, 1)
        c = self.r.randrange(6)
        if c <= 1:
            h = self.helper('ifunc')
            call = self.pick(h['calls']).format(n=h['name'], a=e, b=self.ileaf(ctx, idx))
            return ['%s = %s' % (v, self.modded('%s + %s' % (v, call)))]
        if c == 2:
            h = self.helper('rec')
            return ['%s = %s' % (v, self.modded('%s + %s(%s %% %d)' % (v, h['name'], e, h['lim'])))]
        if c == 3:
            h = self.helper('clos')
            fn = 'cl%d_%d' % (ctx.seg, len(ctx.pre))
            ctx.pre.append('%s = %s(%s)' % (fn, h['name'], self.pick(SMALL)))
            return ['%s = %s' % (v, self.modded('%s + %s(%s)' % (v, fn, e)))]
        if c == 4:
            h = self.helper('gen')
            return ['for g in %s(%s %% 9):' % (h['name'], e),
                    '    %s = %s' % (v, self.modded('%s + g' % v))]
        lam = 'lam%d_%d' % (ctx.seg, len(ctx.pre))
        ctx.pre.append('%s = lambda z, w=%s: z * w - 1' % (lam, self.pick(SMALL)))
        return ['%s = %s' % (v, self.modded('%s + %s(%s)' % (v, lam, e)))]

    def s_exc(self, ctx, idx, n, depth):
        v = self.var(ctx, 'int')
        cnt = self.var(ctx, 'cnt')
        e = self.iexpr(ctx, idx, 1)
        c = self.r.randrange(8)
        show = self.chance(0.4)
        if c == 6:
            return ['try:',
                    '    try:',
                    '        %s = %s' % (v, self.modded('%s + 5 // (%s %% 3)' % (v, e))),
                    '    except ZeroDivisionError as e0:',
                    '        raise KeyError(%s) from e0' % self.ileaf(ctx, idx),
                    'except KeyError as e:',
                    '    %s += 1 + (e.__cause__ is not None)' % cnt]
        if c == 7:
            fn = 'fin%d_%d' % (ctx.seg, len(ctx.pre))
            ctx.pre += ['def %s(x):' % fn,
                        '    try:',
                        '        if x % 4 == 1:',
                        '            return x // 0',
                        '        return x',
                        '    finally:',
                        '        if x % 4 != 3:',
                        '            return -x']
            return ['try:',
                    '    %s = %s' % (v, self.modded('%s + %s(%s)' % (v, fn, e))),
                    'except ZeroDivisionError:',
                    '    %s += 1' % cnt]
        if c == 0:
            body = ['try:',
                    '    %s = %s' % (v, self.modded('%s + %s // (%s %% %d)' % (v, self.pick(BOUNDARY), e, self.r.randint(2, 9)))),
                    'except ZeroDivisionError as e:',
                    '    %s += 1' % cnt]
            if show:
                body += ['    if %s < 2:' % cnt, '        print("caught", e)']
            return body
        if c == 1:
            L = self.var(ctx, 'list')
            return ['try:',
                    '    %s = %s' % (v, self.modded('%s + %s[%s %% (len(%s) + 2)]' % (v, L, e, L))),
                    'except IndexError as e:',
                    '    %s += 1' % cnt] + (['    print("idx", %s, e)' % cnt] if show else [])
        if c == 2:
            d = self.var(ctx, 'dict')
            return ['try:',
                    '    %s = %s' % (v, self.modded('%s + %s[%s %% 6]' % (v, d, e))),
                    'except KeyError as e:',
                    '    %s += 1' % cnt,
                    '    if %s %% 5 == 1:' % cnt,
                    '        print("key", e, repr(e))' if show else '        %s -= 1' % v,
                    'else:',
                    '    %s += 2' % cnt]
        if c == 3:
            h = self.helper('chk')
            return ['try:',
                    '    %s = %s' % (v, self.modded('%s + %s(%s)' % (v, h['name'], e))),
                    'except %s as e:' % self.pick([h['exc'], 'Exception', '(%s, TypeError)' % h['exc']]),
                    '    %s += 1' % cnt] + (['    print("chk", e.args)'] if show else []) + [
                    'finally:',
                    '    %s = %s + 1' % (v, v)]
        if c == 4:
            ex = self.helper('exc')['name']
            i = idx[0] if idx else '0'
            return ['try:',
                    '    if %s %% %d == %d:' % (i, self.r.randint(2, 7), self.r.randint(0, 1)),
                    '        raise %s(%s)' % (ex, e),
                    '    %s = %s' % (v, self.modded('%s + %s' % (v, self.ileaf(ctx, idx)))),
                    'except %s as e:' % ex,
                    '    %s += 1' % cnt,
                    '    %s = %s' % (v, self.modded('%s + e.args[0]' % v))]
        # nested try/finally with an inner handler that re-raises
        return ['try:',
                '    try:',
                '        %s = %s' % (v, self.modded('%s + int("12" if %s else "x")' % (v, self.cond(ctx, idx, 0)))),
                '    except ValueError:',
                '        %s += 1' % cnt,
                '        raise',
                '    finally:',
                '        %s += 10' % cnt,
                'except ValueError as e:',
                '    %s = %s' % (v, self.modded('%s + len(str(e))' % v))]

    def s_ctrl(self, ctx, idx, n, depth):
        # an inner loop, or a branch
        if depth < 2 and self.chance(0.5):
            j = 'j%d' % depth
            m = self.r.randint(2, 12)
            body = []
            for _ in range(self.r.randint(1, 3)):
                body += self.stmt(ctx, [j] + idx, m, depth + 1)
            head = self.pick(['for %s in range(%d):' % (j, m),
                              'for %s in range(%d, -1, -%d):' % (j, m, self.r.randint(1, 3))])
            out = [head] + ['    ' + l for l in body]
            if self.chance(0.3):
                out.insert(1, '    if %s == %d:' % (j, self.r.randint(0, m)))
                out.insert(2, '        %s' % self.pick(['break', 'continue']))
            return out
        cnd = self.cond(ctx, idx, 1)
        a = self.stmt(ctx, idx, n, depth + 1)
        out = ['if %s:' % cnd] + ['    ' + l for l in a]
        if self.chance(0.5):
            b = self.stmt(ctx, idx, n, depth + 1)
            out += ['else:'] + ['    ' + l for l in b]
        return out

    def s_dunder(self, ctx, idx, n, depth):
        # an accumulator that turns into an instance with __add__ after warm-up
        V = self.helper('dunder', reuse=1.0)['name']
        w = self.var(ctx, 'dun')
        i = idx[0] if idx else '0'
        c = self.r.randrange(3)
        out = ['if %s == %d and not isinstance(%s, %s):' % (i, self.event(n), w, V), '    %s = %s(%s)' % (w, V, w)]
        if c == 0:
            return out + ['%s = %s + %s' % (w, w, self.pick(['1', i, '0.5']))]
        if c == 1:
            return out + ['%s = %s + %s' % (w, self.pick(['2', i]), w),
                          'if %s < %s:' % (w, self.pick(['0', '100', '2**47'])),
                          '    %s = %s + 1' % (w, w)]
        cnt = self.var(ctx, 'cnt')
        return out + ['%s += (%s == %s) + (%s == 3)' % (cnt, w, w, w),
                      'if isinstance(%s, %s):' % (w, V),
                      '    %s += %s.dbl %% 7' % (cnt, w)]

    # ------------------------------------------- keyword calls (CALL_KW_*)
    def make_kwfn(self):
        """Two functions with different parameter names and defaults, and a
        global bound to the first (rebound at hot keyword sites)."""
        kf, kg, cur = self.fresh('kf'), self.fresh('kg'), self.fresh('kcur')
        m = self.pick(MODULI)
        self.header += ['def %s(a, b=%s, c=%s):' % (kf, self.pick(SMALL), self.pick(BOUNDARY)),
                        '    return (a * 3 + b * 5 - c) %% (%s)' % m,
                        'def %s(a, c=%s, d=%s):' % (kg, self.pick(SMALL), self.pick(SMALL)),
                        '    return (a - c * 2 + d) %% (%s)' % m,
                        '%s = %s' % (cur, kf)]
        return {'f': kf, 'g': kg, 'cur': cur}

    def make_kwcls(self):
        """A class whose __init__ and method take keywords, a subclass, and
        plain functions to put in the method's place."""
        cn, alt, meth2 = self.fresh('K'), self.fresh('kalt'), self.fresh('kmeth')
        m = self.pick(MODULI)
        h = ['class %s:' % cn,
             '    def __init__(self, x, y=%s, *, z=%s):' % (self.pick(SMALL), self.pick(SMALL)),
             '        self.x = x',
             '        self.y = y',
             '        self.z = z',
             '    def km(self, v, w=%s, s=1):' % self.pick(SMALL),
             '        return (self.x * s + v * w + self.y - self.z) %% (%s)' % m]
        sub = None
        if self.chance(0.5):
            sub = self.fresh('KS')
            h += ['class %s(%s):' % (sub, cn),
                  '    def __init__(self, x, y=1, z=2, extra=3):',
                  '        super().__init__(x + extra, y, z=z)',
                  '    def km(self, v, s=2, w=0):',
                  '        return super().km(v, s=s, w=w + 1) + 1']
        h += ['def %s(v, w=0, s=2):' % alt,
              '    return v * s - w',
              'def %s(self, v, s=3, w=%s):' % (meth2, self.pick(SMALL)),
              '    return (self.y + v - w * s) %% (%s)' % m]
        self.header += h
        return {'name': cn, 'sub': sub, 'alt': alt, 'meth2': meth2}

    def s_kwcall(self, ctx, idx, n, depth):
        v = self.var(ctx, 'int')
        cnt = self.var(ctx, 'cnt')
        e = self.iexpr(ctx, idx, 1)
        b = self.ileaf(ctx, idx)
        i = idx[0] if idx else '0'
        k = self.event(n)
        show = self.chance(0.3)
        c = self.r.randrange(8)
        if c <= 1:
            # one site, keywords out of order and defaults filled; the global
            # callee rebound to a function with other names (TypeError then)
            kw = self.helper('kwfn')
            ctx.globals.add(kw['cur'])
            call = self.pick(['{f}({e}, c={b}, b=2)', '{f}({e}, c={b})', '{f}(a={e})',
                              '{f}(c={b}, a={e})', '{f}({e}, b={b})'])
            call = call.format(f=kw['cur'], e=e, b=b)
            out = ['if %s == %d:' % (i, k),
                   '    %s = %s' % (kw['cur'], self.pick([kw['g'], kw['g'], kw['f']]))]
            if self.chance(0.4):
                out += ['if %s == %d:' % (i, self.r.randint(k, n + 3)), '    %s = %s' % (kw['cur'], kw['f'])]
            return out + ['try:',
                          '    %s = %s' % (v, self.modded('%s + %s' % (v, call))),
                          'except TypeError as e:',
                          '    %s += 1' % cnt] + (['    if %s < 3:' % cnt, '        print("kw", e)'] if show else [])
        if c == 2:
            # keyword errors at a hot site: unexpected, multiple values, missing
            kw = self.helper('kwfn')
            p = self.r.randint(3, 9)
            bad = self.pick(['{f}({e}, zz={b})', '{f}({e}, a={b})', '{f}(b={b})', '{f}({e}, 1, 2, c=3)',
                             '{g}({e}, b={b})']).format(f=kw['f'], g=kw['g'], e=e, b=b)
            good = self.pick(['{f}({e}, c={b})', '{g}(c={b}, a={e})', '{g}({e}, d={b})']).format(
                f=kw['f'], g=kw['g'], e=e, b=b)
            return ['try:',
                    '    if %s %% %d == %d:' % (i, p, self.r.randrange(p)),
                    '        %s = %s' % (v, self.modded('%s + %s' % (v, bad))),
                    '    %s = %s' % (v, self.modded('%s + %s' % (v, good))),
                    'except TypeError as e:',
                    '    %s += 1' % cnt] + (['    if %s < 3:' % cnt, '        print("kwerr", e)'] if show else [])
        if c == 3:
            # a method called with keywords; the instance's method replaced by
            # a plain function, or the class's by another def, after warm-up
            kc = self.helper('kwcls')
            o = self.var(ctx, 'kobj')
            call = self.pick(['%s.km(v=%s, s=2)', '%s.km(%s, w=3)', '%s.km(%s, s=%s, w=1)' % ('%s', '%s', b),
                              '%s.km(s=1, v=%s)']) % (o, e)
            out = []
            r = self.r.randrange(3)
            if r == 0:
                out = ['if %s == %d:' % (i, k), '    %s.km = %s' % (o, kc['alt'])]
            elif r == 1:
                out = ['if %s == %d:' % (i, k), '    %s.km = %s' % (kc['name'], kc['meth2'])]
            return out + ['%s = %s' % (v, self.modded('%s + %s' % (v, call)))]
        if c == 4:
            # a bound method object called with keywords (CALL_KW_BOUND_METHOD)
            kc = self.helper('kwcls')
            o = self.var(ctx, 'kobj')
            bm = 'bm%d_%d' % (ctx.seg, len(ctx.pre))
            ctx.pre.append('%s = %s.km' % (bm, o))
            out = []
            if self.chance(0.5):
                out = ['if %s == %d:' % (i, k), '    %s = %s' % (bm, self.pick([kc['alt'], '%s.km' % o]))]
            return out + ['%s = %s' % (v, self.modded('%s + %s(%s, s=%s)' % (v, bm, e, self.pick(SMALL))))]
        if c == 5:
            # constructing with keywords (CALL_KW_ALLOC_AND_ENTER_INIT); a
            # subclass at the same site after warm-up
            kc = self.helper('kwcls')
            cls = kc['name']
            if kc['sub'] and self.chance(0.5):
                cls = '(%s if %s < %d else %s)' % (kc['name'], i, k, kc['sub'])
            call = self.pick(['%s(x=%s, y=%s)', '%s(%s, z=%s)', '%s(y=%s, x=%s)', '%s(%s, %s, z=1)']) % (cls, e, b)
            return ['q = %s' % call,
                    '%s = %s' % (v, self.modded('%s + q.x + q.y * 3 + q.z' % v))]
        # builtins with keywords (CALL_KW_BUILTIN / _BUILTIN_CLASS)
        L = self.var(ctx, 'list')
        key = self.pick(['abs', 'str', 'lambda y: y %% %d' % self.r.randint(2, 9), 'lambda y: (y % 3, -y)',
                         'None', self.helper('kwfn')['f']])
        r = self.r.randrange(5)
        if r == 0:
            return ['%s = sorted(%s, key=%s, reverse=%s)[:12]' % (L, L, key, self.pick(['True', 'False', '%s %% 2 == 0' % i]))]
        if r == 1:
            return ['%s = %s' % (v, self.modded('%s + %s(%s, key=%s, default=%s)' % (
                v, self.pick(['min', 'max']), L, key if key != 'None' else 'abs', self.pick(SMALL))))]
        if r == 2:
            d = self.var(ctx, 'dict')
            return ['dd = dict(%s, k%d=%s)' % (d, self.r.randrange(5), e),
                    '%s = %s' % (v, self.modded('%s + len(dd) + sum(dd.values())' % v))]
        if r == 3:
            return ['%s = %s' % (v, self.modded('%s + sum(j * y for j, y in enumerate(%s, start=%s))' % (v, L, b)))]
        return ['if %s %% %d == 0:' % (i, self.r.randint(5, 40)),
                '    print(%s, %s, sep="%s", end="%s")' % (i, v, self.pick([':', '', ' | ']), self.pick(['\\n', ';\\n']))]

    # ---------------------------------------------- operators on instances
    def make_opcls(self):
        """A class with Python dunders for operators, subscripts and `in`; a
        subclass overriding the reflected `+`; another `__add__` to put on
        the class mid-loop."""
        cn, sub, alt = self.fresh('O'), self.fresh('OS'), self.fresh('oadd')
        m = self.pick(MODULI)
        p = self.r.randint(5, 13)
        h = ['class %s:' % cn,
             '    def __init__(self, v):',
             '        self.v = v',
             '    def __add__(self, o):',
             '        if isinstance(o, %s):' % cn,
             '            return %s((self.v + o.v) %% (%s))' % (cn, m),
             '        if isinstance(o, int):',
             '            return %s((self.v + o) %% (%s))' % (cn, m),
             '        return NotImplemented',
             '    def __radd__(self, o):',
             '        if isinstance(o, int):',
             '            return %s((o * 2 - self.v) %% (%s))' % (cn, m),
             '        return NotImplemented',
             '    def __mul__(self, o):',
             '        if not isinstance(o, int):',
             '            return NotImplemented',
             '        if o %% %d == %d:' % (p, self.r.randrange(p)),
             '            raise ValueError("mul " + str(o))',
             '        return %s(self.v * o %% (%s))' % (cn, m)]
        if self.chance(0.5):
            h += ['    def __iadd__(self, o):',
                  '        self.v = (self.v + 2 * (o.v if isinstance(o, %s) else o)) %% (%s)' % (cn, m),
                  '        return self']
        h += ['    def __lt__(self, o):',
              '        return self.v < (o.v if isinstance(o, %s) else o)' % cn,
              '    def __eq__(self, o):',
              '        if isinstance(o, %s):' % cn,
              '            return self.v % 5 == o.v % 5',
              '        return NotImplemented',
              '    def __getitem__(self, k):',
              '        if isinstance(k, tuple):',
              '            return self.v * k[0] + k[1]',
              '        if k < 0:',
              '            raise IndexError("neg " + str(k))',
              '        return self.v + k',
              '    def __setitem__(self, k, x):',
              '        self.v = (self.v + x * (k[0] - k[1] if isinstance(k, tuple) else k)) %% (%s)' % m,
              '    def __contains__(self, x):',
              '        return x %% %d == self.v %% %d' % (3, 3),
              '    def __repr__(self):',
              '        return "%s(" + str(self.v) + ")"' % cn,
              'class %s(%s):' % (sub, cn),
              '    def __radd__(self, o):',
              '        return %s((self.v * 3 + (o.v if isinstance(o, %s) else o)) %% (%s))' % (sub, cn, m),
              'def %s(self, o):' % alt,
              '    return %s((self.v - (o.v if isinstance(o, %s) else o)) %% (%s))' % (cn, cn, m),
              '_add_%s = %s.__add__' % (cn, cn)]
        self.header += h
        return {'name': cn, 'sub': sub, 'alt': alt, 'orig': '_add_%s' % cn}

    def s_opdunder(self, ctx, idx, n, depth):
        x = self.var(ctx, 'oval')
        oc = ctx.ovcls[x]
        C, S = oc['name'], oc['sub']
        cnt = self.var(ctx, 'cnt')
        i = idx[0] if idx else '0'
        e = self.iexpr(ctx, idx, 1)
        k = self.event(n)
        show = self.chance(0.3)
        c = self.r.randrange(9)
        if c <= 1:
            # one `+` site: the right operand an int, the class, the subclass
            # (its __radd__ first), or a str (NotImplemented both ways)
            y = self.pick(['%s(%s)' % (C, e), e, '%s(%s)' % (S, e)])
            p = self.r.randint(2, 7)
            alts = self.pick(['%s(%s)' % (C, i), '"s"', i, '%s(%s)' % (S, i), '2.5'])
            expr = self.pick(['%s + yy', 'yy + %s', '%s + yy + 1', '1 + %s + yy']) % x
            return ['yy = %s if %s %% %d else %s' % (y, i, p, alts),
                    'try:',
                    '    %s = %s' % (x, expr),
                    'except TypeError as e:',
                    '    %s += 1' % cnt] + (['    if %s < 3:' % cnt, '        print("op", e)'] if show else [])
        if c == 2:
            # a dunder reassigned on the class mid-loop, maybe restored later
            out = ['if %s == %d:' % (i, k), '    %s.__add__ = %s' % (oc['name'], oc['alt'])]
            if self.chance(0.5):
                out += ['if %s == %d:' % (i, self.r.randint(k, n + 3)),
                        '    %s.__add__ = %s' % (oc['name'], oc['orig'])]
            return out + ['%s = %s + %s' % (x, x, self.pick([e, '%s(%s)' % (C, e)]))]
        if c == 3:
            # in place: __iadd__ when the class has one, else __add__
            return ['%s += %s' % (x, self.pick([e, '%s(%s)' % (C, e), '%s(%s)' % (S, e)]))]
        if c == 4:
            # __mul__ raising inside, NotImplemented for the reflected order
            return ['try:',
                    '    %s = %s' % (x, self.pick(['%s * (%s)' % (x, e), '%s * %s' % (x, i),
                                                  '(%s) * %s if %s %% 9 == 0 else %s * 3' % (e, x, i, x)])),
                    'except (ValueError, TypeError) as e:',
                    '    %s += 1' % cnt] + (['    if %s < 3:' % cnt, '        print("mul", e)'] if show else [])
        if c == 5:
            # comparisons: __lt__, __eq__ (NotImplemented for ints: identity),
            # != derived from __eq__, the reflected order for >
            y = self.pick(['%s(%s)' % (C, e), e, '%s(%s)' % (S, e), x])
            op = self.pick(['<', '==', '!=', '>', '<', '=='])
            return ['yy = %s' % y,
                    'try:',
                    '    if %s %s yy:' % (x, op),
                    '        %s += 1' % cnt,
                    'except TypeError as e:',
                    '    %s += 5' % cnt]
        if c == 6:
            # __getitem__ with tuple and int keys, IndexError raised inside
            v = self.var(ctx, 'int')
            key = self.pick(['%s %% 7, %s' % (i, self.pick(SMALL)), '%s %% 9 - 2' % i, '(%s) %% 4' % e, '1, -1'])
            return ['try:',
                    '    %s = %s' % (v, self.modded('%s + %s[%s]' % (v, x, key))),
                    'except IndexError as e:',
                    '    %s += 1' % cnt] + (['    if %s < 3:' % cnt, '        print("gi", e)'] if show else [])
        if c == 7:
            key = self.pick(['%s %% 5, 2' % i, '(%s) %% 6' % e, '%s %% 3' % i])
            return ['%s[%s] = %s' % (x, key, self.pick(SMALL))]
        return ['if %s in %s:' % (e, x), '    %s += 1' % cnt,
                'if %s not in %s:' % (self.pick(SMALL), x), '    %s += 2' % cnt]

    # ---------------------------------------------------------- generators
    def make_gens(self):
        """Generator functions: several yields, a `yield from` chain three
        deep returning values, one raising, and a coroutine fed by send()."""
        g = self.fresh('gy')
        names = {'multi': 'gm' + g[2:], 'sub': 'gs' + g[2:], 'mid': 'gd' + g[2:], 'top': 'gt' + g[2:],
                 'raise': 'gr' + g[2:], 'co': 'co' + g[2:], 'codel': 'cd' + g[2:]}
        m = self.pick(MODULI)
        rq = self.r.randint(1, 6)
        self.header += ['def %s(n):' % names['multi'],
                        '    yield n',
                        '    for q in range(n %% %d):' % self.r.randint(3, 6),
                        '        yield q * %s' % self.pick(['3', '-2', '2**46', '7']),
                        '    yield -n',
                        'def %s(n):' % names['sub'],
                        '    t = 0',
                        '    for q in range(n):',
                        '        t += q + 1',
                        '        yield q',
                        '    return t',
                        'def %s(n):' % names['mid'],
                        '    r = yield from %s(n)' % names['sub'],
                        '    yield r * 10',
                        '    return r + 1',
                        'def %s(n):' % names['top'],
                        '    r = yield from %s(n)' % names['mid'],
                        '    r2 = yield from %s(r %% 4)' % names['sub'],
                        '    yield r + r2',
                        'def %s(n):' % names['raise'],
                        '    for q in range(n):',
                        '        if q == %d:' % rq,
                        '            raise ValueError("gen " + str(q))',
                        '        yield q',
                        'def %s(k):' % names['co'],
                        '    tot = k',
                        '    while True:',
                        '        x = yield tot',
                        '        if x is None:',
                        '            x = -1',
                        '        tot = (tot * 3 + x) %% (%s)' % m,
                        'def %s(k):' % names['codel'],
                        '    r = yield from %s(k)' % names['co'],
                        '    return r']
        return names

    def s_gen2(self, ctx, idx, n, depth):
        G = self.helper('gens', reuse=1.0)
        v = self.var(ctx, 'int')
        i = idx[0] if idx else '0'
        e = self.iexpr(ctx, idx, 1)
        c = self.r.randrange(9)
        if c == 0:
            return ['for g in %s((%s) %% 7):' % (G['multi'], e),
                    '    %s = %s' % (v, self.modded('%s + g' % v))]
        if c == 1:
            # FOR_ITER_GEN into a `yield from` chain (SEND_GEN inside)
            return ['for g in %s((%s) %% %d):' % (self.pick([G['top'], G['mid']]), e, self.r.randint(3, 6)),
                    '    %s = %s' % (v, self.modded('%s * 3 + g' % v))]
        if c == 2:
            # send() into a coroutine, directly or through `yield from`
            co = 'co%d_%d' % (ctx.seg, len(ctx.pre))
            ctx.pre += ['%s = %s(%s)' % (co, self.pick([G['co'], G['codel']]), self.pick(SMALL)),
                        'next(%s)' % co]
            return ['%s = %s' % (v, self.modded('%s + %s.send(%s)' % (v, co, self.pick([e, e, 'None']))))]
        if c == 3:
            # a generator raising inside the loop, caught outside it
            cnt = self.var(ctx, 'cnt')
            return ['try:',
                    '    for g in %s((%s) %% 8):' % (G['raise'], e),
                    '        %s = %s' % (v, self.modded('%s + g * 2' % v)),
                    'except ValueError as e:',
                    '    %s += 1' % cnt] + (['    if %s < 2:' % cnt, '        print("gen", e)'] if self.chance(0.3) else [])
        if c == 4:
            # a break out of a generator loop (the generator abandoned:
            # none of these has a finally, see docs/language.md)
            return ['for g in %s(%s):' % (self.pick([G['sub'], G['top'], G['multi']]), self.r.randint(4, 9)),
                    '    if g > (%s) %% 5:' % e,
                    '        break',
                    '    %s = %s' % (v, self.modded('%s + g' % v))]
        if c == 5:
            # one loop site: a generator while warm, then a list or a range
            k = self.event(n)
            other = self.pick(['[1, 2, 3]', 'range(4)', '(5, -1)', '[2**47 - 1, 2**47]'])
            return ['src = %s(%s %% 5) if %s < %d else %s' % (self.pick([G['multi'], G['mid']]), i, i, k, other),
                    'for g in src:',
                    '    %s = %s' % (v, self.modded('%s + g' % v))]
        if c == 6:
            # next() by hand to the end, StopIteration carrying the return value
            it = 'it%d' % ctx.seg
            return ['%s = %s((%s) %% 4)' % (it, self.pick([G['mid'], G['sub']]), e),
                    'while True:',
                    '    try:',
                    '        %s = %s' % (v, self.modded('%s + next(%s)' % (v, it))),
                    '    except StopIteration as e:',
                    '        %s = %s' % (v, self.modded('%s + (e.value or 0) * 7' % v)),
                    '        break']
        if c == 7:
            agg = self.pick(['sum(y * 2 for y in %s((%s) %% 6))' % (G['sub'], e),
                             'sum(%s((%s) %% 5))' % (G['top'], e),
                             'len(list(%s(%s %% 6)))' % (G['multi'], i),
                             'max(%s(%s %% 5), default=-1)' % (G['mid'], i)])
            return ['%s = %s' % (v, self.modded('%s + %s' % (v, agg)))]
        # a generator of generators: nested generator loops
        return ['for g in %s(%s %% 3 + 1):' % (G['sub'], i),
                '    for h in %s(g + 1):' % G['mid'],
                '        %s = %s' % (v, self.modded('%s + g * h' % v))]

    def s_pfunc(self, ctx, idx, n, depth):
        # one call site, arguments of a new type every few iterations
        pf = self.helper('pfunc')['name']
        cnt = self.var(ctx, 'cnt')
        i = idx[0] if idx else '0'
        pairs = self.r.sample(['(1, 2)', '(1.5, 2)', '("a", "b")', '([1], [2])', '(2**60, 3)',
                               '(True, False)', '((1,), (2,))', '(2**47 - 1, 1)', '(-0.5, 0.25)'],
                              self.r.randint(2, 5))
        k = self.r.randint(1, n)
        return ['aa, bb = %s if %s < %d else %s' % (pairs[0], i, k, pairs[1 + (k % (len(pairs) - 1))]),
                'rr = %s(aa, bb)' % pf,
                '%s = (%s + len(str(rr))) %% 1000' % (cnt, cnt)]

    def s_glob(self, ctx, idx, n, depth):
        g = self.helper('glob')
        v = self.var(ctx, 'int')
        return ['%s = %s' % (v, self.modded('%s + %s(%s)' % (v, g['fn'], self.iexpr(ctx, idx, 1))))]

    def s_shape(self, ctx, idx, n, depth):
        # instances whose attributes come in different orders (different shapes)
        P = self.helper('plain')['name']
        v = self.var(ctx, 'int')
        i = idx[0] if idx else '0'
        c = self.r.randrange(2)
        if c == 0:
            return ['q = %s()' % P,
                    'if %s %% %d == 0:' % (i, self.r.randint(2, 4)),
                    '    q.a = %s' % i,
                    '    q.b = 2',
                    'else:',
                    '    q.b = 3',
                    '    q.a = %s' % self.ileaf(ctx, idx),
                    '%s = %s' % (v, self.modded('%s + q.a * q.b' % v))]
        return ['q = %s()' % P,
                'for nm in %s:' % self.pick(['("x", "y")', '("y", "x", "z")', '["a%d" % (' + i + ' % 3)]']),
                '    setattr(q, nm, %s)' % self.ileaf(ctx, idx),
                '%s = %s' % (v, self.modded('%s + getattr(q, "x", 5) + getattr(q, "y", 7)' % v))]

    def s_set(self, ctx, idx, n, depth):
        S = self.var(ctx, 'set')
        e = self.iexpr(ctx, idx, 1)
        c = self.r.randrange(4)
        if c == 0:
            return ['%s.add(%s %% %d)' % (S, e, self.r.randint(5, 40))]
        if c == 1:
            return ['%s.discard(%s %% %d)' % (S, e, self.r.randint(5, 40))]
        v = self.var(ctx, 'int')
        if c == 2:
            return ['if %s in %s:' % (e, S), '    %s = %s' % (v, self.modded('%s + len(%s)' % (v, S)))]
        return ['%s = %s' % (v, self.modded('%s + sum(%s) + len(%s | {1, 2}) - len(%s & {3})' % (v, S, S, S)))]

    def s_fmt(self, ctx, idx, n, depth):
        s = self.var(ctx, 'str')
        e = self.iexpr(ctx, idx, 1)
        c = self.r.randrange(4)
        if c == 0:
            return ['%s = "%%5d|%%-4s|%%x|%%o" %% (%s %% 1000, str(%s)[:3], abs(%s) %% 4096, abs(%s) %% 512)' % (s, e, e, e, e)]
        if c == 1:
            return ['%s = f"{%s:>8}|{%s %% 97:03d}|{%s:,}"' % (s, e, e, e)]
        if c == 2:
            f = self.var(ctx, 'flt')
            return ['%s = "{:+.3e}|{:.2f}|{:g}".format(%s, %s, %s)' % (s, f, f, f)]
        f = self.var(ctx, 'flt')
        return ['%s = f"{%s:.1f}" + "%%.4f" %% %s + str(round(%s, 2))' % (s, f, f, f)]

    def s_iter(self, ctx, idx, n, depth):
        v = self.var(ctx, 'int')
        c = self.r.randrange(5)
        if c == 0:
            L = self.var(ctx, 'list')
            return ['for ix, y in enumerate(%s):' % L, '    %s = %s' % (v, self.modded('%s + ix * y' % v))]
        if c == 1:
            L = self.var(ctx, 'list')
            s = self.var(ctx, 'str')
            return ['for y, ch in zip(%s, %s):' % (L, s), '    %s = %s' % (v, self.modded('%s + y + ord(ch)' % v))]
        if c == 2:
            d = self.var(ctx, 'dict')
            return ['for kk, y in %s.items():' % d, '    %s = %s' % (v, self.modded('%s + y' % v))]
        if c == 3:
            L = self.var(ctx, 'list')
            return ['for y in reversed(%s):' % L,
                    '    if y % 3 == 0:', '        break',
                    '    %s = %s' % (v, self.modded('%s * 7 + y' % v))]
        s = self.var(ctx, 'str')
        return ['for ch in %s:' % s, '    if ch.isdigit():', '        %s = %s' % (v, self.modded('%s + int(ch)' % v)),
                '    else:', '        continue']

    def s_unbound(self, ctx, idx, n, depth):
        cnt = self.var(ctx, 'cnt')
        i = idx[0] if idx else '0'
        tmp = 'tmp%d' % ctx.seg
        return ['%s = %s' % (tmp, i),
                'if %s %% %d == 0:' % (i, self.r.randint(2, 5)),
                '    del %s' % tmp,
                'try:',
                '    %s += %s %% 3' % (cnt, tmp),
                'except NameError as e:',
                '    %s += 10' % cnt] + (['    print(type(e).__name__, e)'] if self.chance(0.2) else [])

    def s_print(self, ctx, idx, n, depth):
        i = idx[0] if idx else '0'
        names = [v for v, k in ctx.vars.items() if k not in NOPRINT] or [i]
        vs = self.r.sample(names, min(len(names), self.r.randint(1, 4)))
        if self.chance(0.3) and ctx.names('flt'):
            f = self.pick(ctx.names('flt'))
            return ['if %s %% %d == 0:' % (i, self.r.randint(3, 40)),
                    '    print(f"{%s:.4f} {%s:e} %%.3g" %% %s, %s)' % (f, f, f, ', '.join(vs))]
        return ['if %s %% %d == %d:' % (i, self.r.randint(3, 40), self.r.randint(0, 2)),
                '    print(%s, %s)' % (i, ', '.join(vs))]

    # ----------------------------------------------------------- segments
    def segment(self, seg):
        """One hot loop (possibly nested), in a function or at module level."""
        r = self.r
        infunc = self.chance(0.55)
        ctx = Ctx(seg, infunc)
        n = r.choice([r.randint(20, 60), r.randint(20, 150), r.randint(50, 300)])
        loop = r.randrange(5)
        i = 'i'
        body = []
        for _ in range(r.randint(2, 7)):
            body += self.stmt(ctx, [i], n, 0)
        body += self.s_print(ctx, [i], n, 0)
        # break / continue, sometimes
        if self.chance(0.35):
            pos = r.randint(0, len(body))
            while pos < len(body) and (body[pos].startswith(' ') or
                                       body[pos].startswith(('except', 'else', 'elif', 'finally'))):
                pos += 1
            body[pos:pos] = ['if %s == %d:' % (i, r.randint(1, n + 5)), '    ' + self.pick(['break', 'continue'])]
        if self.chance(0.2):
            body[0:0] = ['if %s %% %d == %d:' % (i, r.randint(3, 9), r.randint(0, 2)), '    continue']
        out = []
        if loop <= 2:
            out.append(self.pick(['for i in range(%d):' % n, 'for i in range(%d):' % n,
                                  'for i in range(-3, %d, 2):' % (2 * n)]))
            out += ['    ' + l for l in body]
        elif loop == 3:
            out.append('i = -1')
            out.append('while i < %d:' % (n - 1))
            out.append('    i += 1')
            out += ['    ' + l for l in body]
        else:
            out.append('i = 0')
            out.append('while True:')
            out.append('    i += 1')
            out.append('    if i > %d:' % n)
            out.append('        break')
            out += ['    ' + l for l in body]
        if self.chance(0.3):
            out += ['else:', '    print("loop done", i)']
        names = [v for v, k in ctx.vars.items() if k not in NOPRINT]
        objs = [v for v, k in ctx.vars.items() if k == 'obj']
        final = 'print("seg%d", %s)' % (seg, ', '.join(names + ['%s.x, %s.y, %s.k' % (o, o, o) for o in objs] + ['i']))
        lines = []
        if infunc:
            fname = 'seg%d' % seg
            lines.append('def %s(base):' % fname)
            inner = []
            if ctx.globals:
                inner.append('global ' + ', '.join(sorted(ctx.globals)))
            inner += ctx.inits + ctx.pre + out + [final]
            if names and self.chance(0.5):
                inner.append('return %s' % self.pick(names))
            lines += ['    ' + l for l in inner]
            calls = [self.pick(['0', '1', '2**47 - 2'])]
            if 'base' in ''.join(ctx.inits) and self.chance(0.6):
                calls.append(self.pick(['0.5', '2**64', '-7', '1.25']))
            for a in calls:
                res = 'r%d' % seg
                lines.append('%s = %s(%s)' % (res, fname, a))
                lines.append('print("ret", %s)' % res)
        else:
            lines += ctx.inits + ctx.pre + out + [final]
        return lines

    def ending(self):
        """Sometimes end in an uncaught exception."""
        c = self.r.randrange(8)
        if c == 0:
            return ['print({"a": 1}["zz"])']
        if c == 1:
            return ['print([1, 2, 3][%d])' % self.r.randint(3, 9)]
        if c == 2:
            return ['print(%s // 0)' % self.pick(BOUNDARY)]
        if c == 3:
            return ['raise ValueError("final " + str(%d))' % self.r.randint(0, 99)]
        if c == 4:
            return ['print(int("4x2"))']
        if c == 5:
            h = self.helper('chk')
            return ['for i in range(50):', '    print(%s(i))' % h['name']]
        if c == 6:
            return ['t = None', 'print(t + 1)']
        return ['x = 2.5', 'print(x / (x - 2.5))']

    def program(self):
        body = []
        target = self.r.randint(30, 130)
        seg = 0
        while True:
            seg += 1
            save = (list(self.header), {k: list(v) for k, v in self.helpers.items()}, self.nhelp, self.uses_math,
                    list(self.module_vars))
            s = self.segment(seg)
            total = len(self.header) + len(body) + len(s) + 3
            if total > 150 and seg > 1:
                self.header, self.helpers, self.nhelp, self.uses_math, self.module_vars = save
                break
            body += s
            if total >= target:
                break
        if self.module_vars:
            body.append('print(%s)' % ', '.join(self.module_vars))
        if self.chance(0.12):
            body += self.ending()
        head = ['# stitch fuzz program, seed %d' % self.seed]
        if self.uses_math:
            head.append('import math')
        return '\n'.join(head + self.header + body) + '\n'


def generate(seed):
    return Gen(seed).program()


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.stderr.write('usage: gen.py SEED\n')
        sys.exit(2)
    sys.stdout.write(generate(int(sys.argv[1])))
