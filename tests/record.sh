#!/usr/bin/env bash
# Re-record the expected results of program tests by running real CPython.
#
#   tests/record.sh                 # every tests/programs/**/*.py but _*.py
#   tests/record.sh a.py b.py ...   # only these programs
#
# For each NAME.py (run from its own directory, stdin from /dev/null) writes:
#   NAME.out  exact stdout
#   NAME.err  only when CPython exits non-zero:
#               line 1: exit status
#               line 2: last non-empty line of stderr (e.g. "KeyError: 'x'")
#               line 3: line number from the last 'File "...", line N' line,
#                       only for SyntaxError / IndentationError / TabError
# The interpreter is $PYTHON if set, else the real binary behind `python3`
# (asked via sys.executable, which skips pyenv's slow shim on later runs).
# Exits 1 if any program misbehaved (stderr output with exit status 0,
# timeout, or death by signal); such programs need fixing, not recording.
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
progdir="$here/programs"

PY=${PYTHON:-}
if [ -z "$PY" ]; then
    PY=$(python3 -c 'import sys; print(sys.executable)') || {
        echo "record.sh: cannot find python3 (set PYTHON=...)" >&2
        exit 2
    }
fi
echo "record.sh: using $PY ($("$PY" -c 'import sys; print(sys.version.split()[0])'))" >&2

if [ $# -gt 0 ]; then
    files=("$@")
else
    # Files starting with '_' are helper modules the programs import.
    mapfile -t files < <(find "$progdir" -name '*.py' ! -name '_*' -type f | LC_ALL=C sort)
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

status=0
count=0
for f in "${files[@]}"; do
    if [ ! -f "$f" ]; then
        echo "record.sh: no such file: $f" >&2
        status=1
        continue
    fi
    dir=$(cd "$(dirname "$f")" && pwd)
    base=$(basename "$f")
    stem="${base%.py}"

    start=$(date +%s%N)
    # -E -s: ignore PYTHON* environment variables and user site-packages
    # (not -I, which also drops the script's directory from sys.path, where
    # the programs' helper modules live).
    (cd "$dir" && exec timeout -k 5 60 "$PY" -E -s -B "$base" </dev/null >"$tmp/out" 2>"$tmp/err")
    rc=$?
    ms=$(( ($(date +%s%N) - start) / 1000000 ))

    if [ "$rc" -eq 124 ] || [ "$rc" -gt 128 ]; then
        echo "record.sh: $f: timed out or killed (status $rc); not recorded" >&2
        status=1
        continue
    fi

    cp "$tmp/out" "$dir/$stem.out"
    if [ "$rc" -eq 0 ]; then
        rm -f "$dir/$stem.err"
        if [ -s "$tmp/err" ]; then
            echo "record.sh: $f: exit 0 but wrote to stderr (tests require empty stderr):" >&2
            sed 's/^/    /' "$tmp/err" >&2
            status=1
        fi
    else
        last=$(grep -v '^[[:space:]]*$' "$tmp/err" | tail -n 1)
        {
            echo "$rc"
            echo "$last"
            case "$last" in
                SyntaxError:* | SyntaxError | IndentationError:* | TabError:*)
                    grep -E '^ *File ".*", line [0-9]+' "$tmp/err" | tail -n 1 |
                        sed -E 's/.*, line ([0-9]+).*/\1/'
                    ;;
            esac
        } >"$dir/$stem.err"
    fi
    if [ "$ms" -gt 500 ]; then
        echo "record.sh: warning: $f took ${ms} ms (programs should run < 0.5 s)" >&2
    fi
    count=$((count + 1))
done

echo "record.sh: recorded $count program(s)" >&2
exit $status
