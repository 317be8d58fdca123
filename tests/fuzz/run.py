#!/usr/bin/env python3
"""Differential fuzzer: random programs (gen.py) run by CPython and by stitch.

    run.py --stitch PATH [--seeds A:B | --count N --seed S] [--python PYTHON]
           [--jobs J] [--keep DIR] [--timeout SECONDS] [--no-reduce]
           [--reduce-max N] [--configs NAME,...] [--verbose]

For each seed, the program gen.py prints for it is run once by CPython (the
oracle) and by stitch in each configuration (CONFIGS below; the GC-stress one
only for every 10th seed). A configuration fails when its stdout differs
from CPython's, its exit status differs, the last non-empty stderr line
differs (only when CPython failed: stitch's traceback layout is its own), it
writes to stderr although CPython exited 0, it dies by a signal, reports a
sanitizer error, or times out. A failing program is reduced (lines and
indented blocks removed while CPython still runs it the same way and the
configuration still fails the same way) and printed with its seed.
Exit status: 0 if no failures, 1 otherwise, 2 on usage errors.
"""
import argparse
import concurrent.futures
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True   # no __pycache__ in the source tree
import gen  # noqa: E402

# name, environment, which seeds (predicate)
CONFIGS = [
    ('interp', {}, lambda seed: True),
    ('jit', {'STITCH_JIT': '1', 'STITCH_JIT_THRESHOLD': '1'}, lambda seed: True),
    ('uops', {'STITCH_JIT': 'uops', 'STITCH_JIT_THRESHOLD': '1'}, lambda seed: True),
    ('jit-gcstress', {'STITCH_JIT': '1', 'STITCH_JIT_THRESHOLD': '1', 'STITCH_GC_STRESS': '1'},
     lambda seed: seed % 10 == 0),
]
# Variables the runner controls: removed from the inherited environment.
CONTROLLED = ('STITCH_JIT', 'STITCH_JIT_THRESHOLD', 'STITCH_GC_STRESS',
              'STITCH_JIT_DUMP', 'STITCH_STATS', 'STITCH_SPECIALIZE', 'STITCH_JIT_PERF')
SANITIZER = re.compile(r'AddressSanitizer|UndefinedBehaviorSanitizer|LeakSanitizer|'
                       r'MemorySanitizer|ThreadSanitizer|runtime error:')


class Result:
    def __init__(self, rc, out, err, timed_out, secs):
        self.rc, self.out, self.err, self.timed_out, self.secs = rc, out, err, timed_out, secs

    def last_err(self):
        lines = [l for l in self.err.decode('utf-8', 'replace').splitlines() if l.strip()]
        return lines[-1] if lines else ''


def run(cmd, path, env, timeout):
    t0 = time.monotonic()
    try:
        p = subprocess.run(cmd + [os.path.basename(path)], cwd=os.path.dirname(path), env=env,
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=timeout)
        return Result(p.returncode, p.stdout, p.stderr, False, time.monotonic() - t0)
    except subprocess.TimeoutExpired as e:
        return Result(None, e.stdout or b'', e.stderr or b'', True, time.monotonic() - t0)


def compare(ref, got):
    """None if GOT (stitch) agrees with REF (CPython), else the kind of difference."""
    if got.timed_out:
        return 'timeout'
    if got.rc is not None and got.rc < 0:
        return 'signal %d' % -got.rc
    if got.rc is not None and got.rc > 128:
        return 'exit status %d (signal?)' % got.rc
    if SANITIZER.search(got.err.decode('utf-8', 'replace')):
        return 'sanitizer'
    if got.out != ref.out:
        return 'stdout'
    if got.rc != ref.rc:
        return 'exit status'
    if ref.rc != 0:
        if got.last_err() != ref.last_err():
            return 'stderr'
    elif got.err:
        return 'stderr not empty'
    return None


def diff_text(ref, got, limit=40):
    import difflib
    a = ref.out.decode('utf-8', 'replace').splitlines()
    b = got.out.decode('utf-8', 'replace').splitlines()
    d = list(difflib.unified_diff(a, b, 'cpython', 'stitch', lineterm='', n=1))
    s = '\n'.join(d[:limit]) + ('\n...' if len(d) > limit else '')
    if ref.rc != got.rc or ref.last_err() != got.last_err():
        s += '\nexit: cpython %s, stitch %s' % (ref.rc, 'timeout' if got.timed_out else got.rc)
        s += '\nstderr: cpython %r\n        stitch  %r' % (ref.last_err(), got.last_err())
    return s


class Runner:
    def __init__(self, args):
        self.stitch = args.stitch
        self.python = args.python
        self.timeout = args.timeout
        self.reduce = not args.no_reduce
        self.reduce_max = args.reduce_max
        self.keep = args.keep
        self.configs = [c for c in CONFIGS if not args.configs or c[0] in args.configs]
        base = {k: v for k, v in os.environ.items() if k not in CONTROLLED}
        self.envs = {}
        for name, extra, _ in self.configs:
            e = dict(base)
            e.update(extra)
            self.envs[name] = e
        self.pyenv = dict(base)
        self.pyenv.pop('PYTHONSTARTUP', None)

    def may_reduce(self):
        if _reduced is None:
            return True
        with _reduced.get_lock():
            _reduced.value += 1
            return _reduced.value <= self.reduce_max

    def py(self, path):
        return run([self.python, '-E', '-s'], path, self.pyenv, 10)

    def st(self, path, cfg):
        t = self.timeout * (4 if 'gcstress' in cfg else 1)
        return run([self.stitch], path, self.envs[cfg], t)

    def one(self, seed):
        """Run one seed; returns (seed, list of failure reports, notes)."""
        src = gen.generate(seed)
        d = tempfile.mkdtemp(prefix='stitchfuzz')
        try:
            path = os.path.join(d, 'prog.py')
            with open(path, 'w') as f:
                f.write(src)
            ref = self.py(path)
            if ref.timed_out or ref.rc not in (0, 1) or b'SyntaxError' in ref.err:
                return seed, [], ['generator: CPython %s on seed %d: %s' % (
                    'timed out' if ref.timed_out else 'exit %s' % ref.rc, seed, ref.last_err())], 0
            fails = []
            ran = 0
            seen = {}   # (stdout, status, last stderr line) -> an earlier failing report
            for name, _, pred in self.configs:
                if not pred(seed):
                    continue
                ran += 1
                got = self.st(path, name)
                kind = compare(ref, got)
                if kind is None:
                    continue
                report = {'seed': seed, 'config': name, 'kind': kind, 'diff': diff_text(ref, got),
                          'program': src, 'reduced': None, 'same_as': None}
                sig = (got.out, got.rc, got.last_err(), kind)
                if sig in seen:
                    # the same wrong result as an earlier configuration: reduce once
                    report['same_as'] = seen[sig]['config']
                    report['reduced'] = seen[sig]['reduced']
                    report['reduced_diff'] = seen[sig].get('reduced_diff')
                elif self.reduce and self.may_reduce():
                    red = self.reduce_prog(src, ref, name, kind, d)
                    report['reduced'] = red
                    rp = os.path.join(d, 'red.py')
                    with open(rp, 'w') as f:
                        f.write(red)
                    report['reduced_diff'] = diff_text(self.py(rp), self.st(rp, name))
                if self.keep:
                    os.makedirs(self.keep, exist_ok=True)
                    stem = os.path.join(self.keep, 'seed%d-%s' % (seed, name))
                    with open(stem + '.py', 'w') as f:
                        f.write(src)
                    if report['reduced']:
                        with open(stem + '.min.py', 'w') as f:
                            f.write(report['reduced'])
                    with open(stem + '.txt', 'w') as f:
                        f.write(report['diff'] + '\n')
                fails.append(report)
                seen.setdefault(sig, report)
            return seed, fails, [], ran
        finally:
            shutil.rmtree(d, ignore_errors=True)

    # ------------------------------------------------------------ reducer
    def still_fails(self, lines, ref0, cfg, kind, d, cache):
        src = '\n'.join(lines) + '\n'
        if src in cache:
            return cache[src]
        path = os.path.join(d, 'cand.py')
        with open(path, 'w') as f:
            f.write(src)
        ref = self.py(path)
        ok = False
        # CPython must run it the way it ran the original: same exit status,
        # same exception type when it failed.
        if not ref.timed_out and ref.rc == ref0.rc and \
                ref.last_err().split(':')[0] == ref0.last_err().split(':')[0]:
            got = self.st(path, cfg)
            k = compare(ref, got)
            ok = k is not None and (k == kind or (k.startswith('signal') and kind.startswith('signal')))
        cache[src] = ok
        return ok

    def reduce_prog(self, src, ref0, cfg, kind, d):
        lines = src.rstrip('\n').split('\n')
        cache = {}
        deadline = time.monotonic() + 120

        def indent(l):
            return len(l) - len(l.lstrip(' '))

        def block_end(ls, i):
            j = i + 1
            while j < len(ls) and (indent(ls[j]) > indent(ls[i]) or not ls[j].strip()):
                j += 1
            return j

        def stmt_end(ls, i):
            # a statement with its block and, unless it is itself a clause,
            # the clauses that continue it (elif/else/except/finally)
            j = block_end(ls, i)
            if ls[i].lstrip().startswith(CLAUSES):
                return j
            while j < len(ls) and indent(ls[j]) == indent(ls[i]) and ls[j].lstrip().startswith(CLAUSES):
                j = block_end(ls, j)
            return j

        def needs_pass(ls, i, j):
            # removing ls[i:j] leaves the enclosing block empty?
            if i == 0 or not ls[i - 1].rstrip().endswith(':'):
                return False
            if indent(ls[i - 1]) >= indent(ls[i]):
                return False
            return j >= len(ls) or indent(ls[j]) < indent(ls[i])

        def remove(ls, i, j):
            new = ls[:i] + ls[j:]
            if needs_pass(ls, i, j):
                new.insert(i, ' ' * indent(ls[i]) + 'pass')
            return new

        changed = True
        while changed and time.monotonic() < deadline:
            changed = False
            # 1. chunks of consecutive top-level statements, halving the size
            tops = [i for i, l in enumerate(lines) if l.strip() and indent(l) == 0]
            size = max(1, len(tops) // 2)
            while size >= 1 and time.monotonic() < deadline:
                k = 0
                while k < len(tops):
                    i = tops[k]
                    j = tops[k + size] if k + size < len(tops) else len(lines)
                    cand = lines[:i] + lines[j:]
                    if cand and self.still_fails(cand, ref0, cfg, kind, d, cache):
                        lines = cand
                        tops = [t for t, l in enumerate(lines) if l.strip() and indent(l) == 0]
                        changed = True
                    else:
                        k += size
                size //= 2
            # 2. every statement (line + its block), last first
            i = len(lines) - 1
            while i >= 0 and time.monotonic() < deadline:
                if i < len(lines) and lines[i].strip() and lines[i].strip() != 'pass':
                    j = stmt_end(lines, i)
                    cand = remove(lines, i, j)
                    if self.still_fails(cand, ref0, cfg, kind, d, cache):
                        lines = cand
                        changed = True
                i -= 1
            # 3. unwrap compound statements: the body replaces the header
            i = 0
            while i < len(lines) and time.monotonic() < deadline:
                l = lines[i]
                if l.rstrip().endswith(':') and not l.lstrip().startswith(('def ', 'class ') + CLAUSES):
                    j = stmt_end(lines, i)
                    body = [b[4:] if b.startswith(' ' * (indent(l) + 4)) else b for b in lines[i + 1:j]]
                    cand = lines[:i] + body + lines[j:]
                    if body and self.still_fails(cand, ref0, cfg, kind, d, cache):
                        lines = cand
                        changed = True
                        continue
                i += 1
            # 4. arguments of print calls, one at a time
            for i in range(len(lines)):
                m = re.match(r'^(\s*print\()(.*)\)$', lines[i])
                if not m:
                    continue
                args = split_args(m.group(2))
                k = 0
                while len(args) > 1 and k < len(args) and time.monotonic() < deadline:
                    rest = args[:k] + args[k + 1:]
                    cand = lines[:i] + [m.group(1) + ', '.join(rest) + ')'] + lines[i + 1:]
                    if self.still_fails(cand, ref0, cfg, kind, d, cache):
                        lines, args = cand, rest
                        changed = True
                    else:
                        k += 1
        return '\n'.join(lines) + '\n'


CLAUSES = ('elif ', 'else:', 'except', 'finally:')


def split_args(s):
    """Split S at the commas outside brackets and string literals."""
    out, depth, quote, cur = [], 0, None, ''
    for ch in s:
        if quote:
            quote = None if ch == quote else quote
        elif ch in '\'"':
            quote = ch
        elif ch in '([{':
            depth += 1
        elif ch in ')]}':
            depth -= 1
        elif ch == ',' and depth == 0:
            out.append(cur.strip())
            cur = ''
            continue
        cur += ch
    out.append(cur.strip())
    return out


def resolve_python(name):
    try:
        out = subprocess.run([name, '-c', 'import sys; print(sys.executable)'],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=60)
        exe = out.stdout.decode().strip()
        if out.returncode == 0 and exe:
            return exe
    except (OSError, subprocess.TimeoutExpired):
        pass
    return None


_runner = None
_reduced = None


def _init(args, reduced):
    global _runner, _reduced
    _runner = Runner(args)
    _reduced = reduced


def _one(seed):
    return _runner.one(seed)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--stitch', required=True, help='the stitch binary')
    ap.add_argument('--seeds', help='A:B, the seeds A..B-1')
    ap.add_argument('--count', type=int, default=100)
    ap.add_argument('--seed', type=int, default=1, help='first seed (with --count)')
    ap.add_argument('--python', help='the CPython 3.11 oracle (default: the real python3 on PATH)')
    ap.add_argument('--jobs', type=int, default=2)
    ap.add_argument('--keep', help='write failing programs (full and reduced) to this directory')
    ap.add_argument('--timeout', type=float, default=20, help='per run of stitch, seconds')
    ap.add_argument('--no-reduce', action='store_true', help='report failures without reducing them')
    ap.add_argument('--reduce-max', type=int, default=5,
                    help='reduce at most this many failures (default 5); the rest are reported unreduced')
    ap.add_argument('--configs', help='comma-separated subset of: ' + ','.join(c[0] for c in CONFIGS))
    ap.add_argument('--verbose', action='store_true', help='print a line per seed')
    args = ap.parse_args()
    if args.configs:
        args.configs = args.configs.split(',')
        bad = [c for c in args.configs if c not in [x[0] for x in CONFIGS]]
        if bad:
            ap.error('unknown configuration(s): %s' % ', '.join(bad))
    if not os.access(args.stitch, os.X_OK):
        ap.error('not an executable: %s' % args.stitch)
    args.stitch = os.path.abspath(args.stitch)
    py = resolve_python(args.python or 'python3') or (None if args.python else sys.executable)
    if not py:
        ap.error('cannot run the Python oracle %s' % args.python)
    args.python = py
    v = subprocess.run([py, '-c', 'import sys; print("%d.%d" % sys.version_info[:2])'],
                       stdout=subprocess.PIPE).stdout.decode().strip()
    if v != '3.11':
        print('fuzz: warning: the oracle %s is Python %s, not 3.11' % (py, v), file=sys.stderr)
    if args.seeds:
        a, b = args.seeds.split(':')
        seeds = list(range(int(a), int(b)))
    else:
        seeds = list(range(args.seed, args.seed + args.count))
    nconf = len([c for c in CONFIGS if not args.configs or c[0] in args.configs])

    t0 = time.monotonic()
    failures = []
    notes = []
    runs = 0
    done = 0
    interrupted = False
    ex = concurrent.futures.ProcessPoolExecutor(max_workers=max(1, args.jobs), initializer=_init,
                                                initargs=(args, multiprocessing.Value('i', 0)))
    try:
        for seed, fails, nts, ran in ex.map(_one, seeds, chunksize=4):
            done += 1
            if len(seeds) >= 1000 and done % 500 == 0:
                print('fuzz: %d/%d programs, %d failures, %.0f s' % (done, len(seeds), len(failures),
                                                                     time.monotonic() - t0),
                      file=sys.stderr, flush=True)
            runs += ran
            notes += nts
            for n in nts:
                print('fuzz: ' + n, file=sys.stderr)
            for f in fails:
                failures.append(f)
                print('=' * 72)
                print('FAIL seed %d, configuration %s (%s)' % (f['seed'], f['config'], f['kind']))
                print('reproduce: tests/fuzz/gen.py %d > /tmp/p.py && %s %s /tmp/p.py' % (
                    f['seed'], ' '.join('%s=%s' % kv for kv in next(
                        c[1] for c in CONFIGS if c[0] == f['config']).items()), args.stitch))
                if f['same_as']:
                    print('(same output as configuration %s: reduced program above)' % f['same_as'])
                    continue
                print(f['diff'])
                if f['reduced'] is not None:
                    print('--- reduced program (%d lines) ---' % f['reduced'].count('\n'))
                    print(f['reduced'], end='')
                    print('--- reduced difference ---')
                    print(f['reduced_diff'])
                sys.stdout.flush()
            if args.verbose:
                print('seed %d: %s' % (seed, 'FAIL' if fails else 'ok'), flush=True)
    except KeyboardInterrupt:
        interrupted = True
        ex.shutdown(wait=False, cancel_futures=True)
    else:
        ex.shutdown()
    secs = time.monotonic() - t0
    print('fuzz: %d programs, %d configurations each, %d failures (%d stitch runs, %.1f s)%s%s' % (
        done, nconf, len(failures), runs, secs,
        ', %d generator problems' % len(notes) if notes else '',
        ', interrupted' if interrupted else ''))
    if interrupted:
        return 130
    return 1 if failures or notes else 0


if __name__ == '__main__':
    sys.exit(main())
