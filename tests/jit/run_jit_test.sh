#!/usr/bin/env bash
# Run one JIT path test:  tests/jit/run_jit_test.sh STITCH_BINARY TEST.expect
#
# TEST.expect is NAME.expect or NAME.VARIANT.expect; the program is NAME.py
# beside it, its expected stdout NAME.out (and NAME.err when CPython exits
# non-zero), both recorded from CPython by tests/record.sh given the files
# (tests/record.sh tests/jit/*.py). A NAME.py may
# be given instead of NAME.expect. The format of .expect files is in
# tests/jit/README.md:
#
#   line 1            environment for the run (VAR=value ...), may be empty
#   stats: REGEX      must match some line of the STITCH_STATS output
#   stats N: REGEX    must match at least N lines of it
#   nostats: REGEX    must match no line of it
#   dump: REGEX       must match some line of the STITCH_JIT_DUMP file
#   dump N: REGEX     must match at least N lines of it
#   nodump: REGEX     must match no line of it
#   # ...             comment (blank lines are ignored too)
#
# REGEX is a Perl-compatible regular expression (grep -P), unanchored.
#
# The program runs from its own directory (stdin /dev/null) with every
# STITCH_* variable of the caller's environment removed, then line 1's
# variables, STITCH_STATS=1 and STITCH_JIT_DUMP=<temporary file> set. Checks
# 1-4 are tests/check_run.sh's, shared with tests/run_program.sh:
#  1. stdout equals NAME.out byte for byte;
#  2. the exit status equals line 1 of NAME.err, or 0 without NAME.err;
#  3. with NAME.err: the last non-empty stderr line before the statistics
#     (which start at the first line beginning `jit: ` or `stitch stats:`)
#     equals line 2 of NAME.err; without it, nothing precedes the statistics;
#  4. no death by signal, no timeout ($STITCH_TEST_TIMEOUT s, default 60), no
#     sanitizer report;
#  5. every stats:/dump: pattern matches a line (N lines), no
#     nostats:/nodump: pattern matches any.
# Exit 0 = pass, 1 = fail (every reason on stderr), 2 = usage error or
# missing/malformed expected files.
set -u

if [ $# -ne 2 ]; then
    echo "usage: $0 STITCH_BINARY TEST.expect|NAME.py" >&2
    exit 2
fi
bin=$1
arg=$2

case "$bin" in
    */*)
        if [ ! -x "$bin" ]; then
            echo "run_jit_test.sh: stitch binary not found or not executable: $bin" >&2
            exit 2
        fi
        bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
        ;;
esac

if [ ! -f "$arg" ]; then
    echo "run_jit_test.sh: no such file: $arg" >&2
    exit 2
fi
dir=$(cd "$(dirname "$arg")" && pwd)
file=$(basename "$arg")
case "$file" in
    *.expect) expect="$dir/$file"; name=${file%.expect}; stem=${name%%.*} ;;
    *.py) stem=${file%.py}; name=$stem; expect="$dir/$stem.expect" ;;
    *) echo "run_jit_test.sh: expected a .expect or .py file: $arg" >&2; exit 2 ;;
esac
prog="$dir/$stem.py"
exp_out="$dir/$stem.out"
exp_err="$dir/$stem.err"
for f in "$expect" "$prog" "$exp_out"; do
    if [ ! -f "$f" ]; then
        echo "run_jit_test.sh: missing $f" >&2
        [ "$f" = "$exp_out" ] && echo "  (record it: tests/record.sh tests/jit/$stem.py)" >&2
        exit 2
    fi
done

# ---- the .expect file ---------------------------------------------------------
envline=$(sed -n 1p "$expect")
read -r -a envwords <<<"$envline"
for w in "${envwords[@]}"; do
    if ! [[ "$w" =~ ^[A-Za-z_][A-Za-z0-9_]*= ]]; then
        echo "run_jit_test.sh: $expect:1: not a VAR=value assignment: '$w'" >&2
        exit 2
    fi
done
kinds=()
counts=()
patterns=()
lineno=1
while IFS= read -r line || [ -n "$line" ]; do
    lineno=$((lineno + 1))
    line=${line%$'\r'}
    case "$line" in
        '' | '#'*) continue ;;
    esac
    if ! [[ "$line" =~ ^(stats|nostats|dump|nodump)(\ ([0-9]+))?:\ ?(.*)$ ]]; then
        echo "run_jit_test.sh: $expect:$lineno: not a 'stats:', 'stats N:', 'nostats:', 'dump:', 'dump N:', 'nodump:' or '#' line: $line" >&2
        exit 2
    fi
    kind=${BASH_REMATCH[1]}
    count=${BASH_REMATCH[3]:-1}
    pat=${BASH_REMATCH[4]}
    if [ -z "$pat" ]; then
        echo "run_jit_test.sh: $expect:$lineno: empty pattern" >&2
        exit 2
    fi
    if [ -n "${BASH_REMATCH[3]}" ] && [[ "$kind" == no* ]]; then
        echo "run_jit_test.sh: $expect:$lineno: a count makes no sense with $kind" >&2
        exit 2
    fi
    # A malformed regex is a usage error, not a failed test.
    printf '' | grep -qP -e "$pat" 2>/dev/null
    if [ $? -eq 2 ]; then
        echo "run_jit_test.sh: $expect:$lineno: bad regular expression: $pat" >&2
        exit 2
    fi
    kinds+=("$kind")
    counts+=("$count")
    patterns+=("$pat")
done < <(tail -n +2 "$expect")

# ---- the run --------------------------------------------------------------------
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

unset_args=()
while IFS= read -r v; do
    unset_args+=(-u "$v")
done < <(env | sed -n 's/^\(STITCH_[A-Za-z0-9_]*\)=.*/\1/p')

timeout=${STITCH_TEST_TIMEOUT:-60}
(cd "$dir" && exec env "${unset_args[@]}" "${envwords[@]}" STITCH_STATS=1 STITCH_JIT_DUMP="$tmp/dump" \
    timeout -k 5 "$timeout" "$bin" "$stem.py" </dev/null >"$tmp/out" 2>"$tmp/err")
rc=$?

# stderr = the program's own part, then the statistics.
awk -v pre="$tmp/pre" -v stats="$tmp/stats" '
    !in_stats && (/^jit: / || /^stitch stats:/) { in_stats = 1 }
    { print > (in_stats ? stats : pre) }
' "$tmp/err"
touch "$tmp/pre" "$tmp/stats" "$tmp/dump"

failures=()
fail() { failures+=("$1"); }
source "$(dirname "$0")/../check_run.sh"
check_run "$rc" "$tmp/err" "$tmp/pre" "$tmp/out" "$exp_out" "$exp_err" "$stem.py:"
if [ ! -s "$tmp/stats" ]; then
    fail "no statistics on stderr (no line starting 'jit: ' or 'stitch stats:')"
fi

for i in "${!patterns[@]}"; do
    kind=${kinds[$i]}
    want=${counts[$i]}
    pat=${patterns[$i]}
    case "$kind" in
        stats | nostats) src="$tmp/stats"; what="the stats" ;;
        *) src="$tmp/dump"; what="the dump" ;;
    esac
    found=$(grep -cP -e "$pat" "$src")
    case "$kind" in
        stats | dump)
            if [ "$found" -lt "$want" ]; then
                if [ "$want" -eq 1 ]; then
                    fail "$kind: no line of $what matches: $pat"
                else
                    fail "$kind $want: $found line(s) of $what match, expected at least $want: $pat"
                fi
            fi
            ;;
        *)
            if [ "$found" -gt 0 ]; then
                fail "$kind: $found line(s) of $what match: $pat
  first match: $(grep -m1 -P -e "$pat" "$src")"
            fi
            ;;
    esac
done

if [ ${#failures[@]} -eq 0 ]; then
    exit 0
fi
{
    echo "FAIL: $name ($stem.py with: ${envline:-<no variables>})"
    for m in "${failures[@]}"; do
        echo "- $m"
    done
    if [ -s "$tmp/pre" ]; then
        echo "--- stderr before the statistics (last 15 lines) ---"
        tail -n 15 "$tmp/pre"
    fi
    if grep -q '^jit: ' "$tmp/stats"; then
        echo "--- jit statistics ---"
        grep '^jit: ' "$tmp/stats"
    fi
    if [ -s "$tmp/dump" ]; then
        echo "--- dump: trace headers ---"
        grep '^== trace' "$tmp/dump" | head -n 20
    else
        echo "--- dump: empty (no trace compiled) ---"
    fi
} >&2
exit 1
