#!/usr/bin/env bash
# Run one program test:  tests/run_program.sh STITCH_BINARY PROGRAM.py
#
# Runs `STITCH_BINARY NAME.py` from the program's directory (stdin /dev/null,
# environment passed through, so STITCH_JIT=1, STITCH_GC_STRESS=1 etc. work)
# under a timeout, and compares against NAME.out / NAME.err recorded from
# CPython by tests/record.sh. Exit 0 = pass, 1 = fail (reasons on stderr),
# 2 = usage error / missing expected files.
#
# Checks (tests/check_run.sh, shared with tests/jit/run_jit_test.sh):
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
source "$(dirname "$0")/check_run.sh"
check_run "$rc" "$tmp/err" "$tmp/err" "$tmp/out" "$exp_out" "$exp_err" "$base: $prog: $dir/$base:"

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
