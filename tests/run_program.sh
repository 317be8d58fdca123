#!/usr/bin/env bash
# Run one program test:  tests/run_program.sh STITCH_BINARY PROGRAM.py
#
# Runs `STITCH_BINARY NAME.py` from the program's directory (stdin /dev/null,
# environment passed through, so STITCH_JIT=1, STITCH_GC_STRESS=1 etc. work)
# under a timeout, and compares against NAME.out / NAME.err recorded from
# CPython by tests/record.sh. Exit 0 = pass, 1 = fail (reasons on stderr),
# 2 = usage error / missing expected files.
#
# Checks:
#  1. stdout equals NAME.out byte for byte.
#  2. exit status equals line 1 of NAME.err, or 0 when there is no NAME.err.
#  3. with NAME.err:
#     - runtime errors: the last non-empty stderr line equals line 2 exactly.
#       Only the last line is compared: stitch prints a Python-style
#       traceback, but CPython 3.11's traceback layout (caret lines, column
#       ranges, "Did you mean" hints) is not something stitch reproduces.
#     - SyntaxError/IndentationError (NAME.err has a line 3): the last stderr
#       line starts with the same exception name ("SyntaxError:"), and stderr
#       contains "FILE:LINE:" (stitch reports syntax errors as
#       file:line:col: ...), FILE being the basename or the path, LINE
#       being line 3. The message text itself is not compared.
#  4. without NAME.err: stderr is empty.
#  5. death by signal (status > 128), a timeout, or a sanitizer report in
#     stderr always fails.
# Timeout: $STITCH_TEST_TIMEOUT seconds (default 60).
set -u

if [ $# -ne 2 ]; then
    echo "usage: $0 STITCH_BINARY PROGRAM.py" >&2
    exit 2
fi
bin=$1
prog=$2

if [ ! -f "$prog" ]; then
    echo "run_program.sh: no such program: $prog" >&2
    exit 2
fi
# The program runs from its own directory, so make a binary path absolute
# (a bare command name without '/' is left for PATH lookup).
case "$bin" in
    */*)
        if [ ! -x "$bin" ]; then
            echo "run_program.sh: stitch binary not found or not executable: $bin" >&2
            exit 2
        fi
        bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
        ;;
esac

dir=$(cd "$(dirname "$prog")" && pwd)
base=$(basename "$prog")
stem="${base%.py}"
exp_out="$dir/$stem.out"
exp_err="$dir/$stem.err"
if [ ! -f "$exp_out" ]; then
    echo "run_program.sh: missing $exp_out (run tests/record.sh)" >&2
    exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

(cd "$dir" && exec timeout -k 5 "${STITCH_TEST_TIMEOUT:-60}" "$bin" "$base" \
    </dev/null >"$tmp/out" 2>"$tmp/err")
rc=$?

failures=()
fail() { failures+=("$1"); }

# (5) crashes, timeouts, sanitizers
if [ "$rc" -eq 124 ]; then
    fail "timed out after ${STITCH_TEST_TIMEOUT:-60} s"
elif [ "$rc" -gt 128 ]; then
    fail "killed by signal $((rc - 128)) (exit status $rc)"
fi
if grep -qE 'AddressSanitizer|UndefinedBehaviorSanitizer|LeakSanitizer|MemorySanitizer|ThreadSanitizer|runtime error:' "$tmp/err"; then
    fail "sanitizer report in stderr"
fi

# (1) stdout
if ! cmp -s "$exp_out" "$tmp/out"; then
    fail "stdout differs from $stem.out:
$(diff -u --label "expected ($stem.out)" --label "actual stdout" "$exp_out" "$tmp/out" | head -n 80)"
fi

# (2)-(4) exit status and stderr
if [ -f "$exp_err" ]; then
    exp_rc=$(sed -n 1p "$exp_err")
    exp_last=$(sed -n 2p "$exp_err")
    exp_line=$(sed -n 3p "$exp_err")
else
    exp_rc=0
fi
if [ "$rc" != "$exp_rc" ]; then
    fail "exit status $rc, expected $exp_rc"
fi

if [ -f "$exp_err" ]; then
    last=$(grep -v '^[[:space:]]*$' "$tmp/err" | tail -n 1)
    if [ -n "$exp_line" ]; then
        name=${exp_last%%:*}
        case "$last" in
            "$name:"*) ;;
            *) fail "last stderr line should start with '$name:'
  expected like: $exp_last
  actual:        $last" ;;
        esac
        if ! grep -qF -e "$base:$exp_line:" -e "$prog:$exp_line:" -e "$dir/$base:$exp_line:" "$tmp/err"; then
            fail "stderr does not report the syntax error location '$base:$exp_line:'"
        fi
    elif [ "$last" != "$exp_last" ]; then
        fail "last stderr line differs
  expected: $exp_last
  actual:   $last"
    fi
elif [ -s "$tmp/err" ]; then
    fail "unexpected output on stderr (expected none)"
fi

if [ ${#failures[@]} -eq 0 ]; then
    exit 0
fi
{
    echo "FAIL: $prog"
    for m in "${failures[@]}"; do
        echo "- $m"
    done
    if [ -s "$tmp/err" ]; then
        echo "--- stitch stderr (last 20 lines) ---"
        tail -n 20 "$tmp/err"
    fi
} >&2
exit 1
