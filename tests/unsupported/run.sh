#!/usr/bin/env bash
# Run one program that uses a feature outside stitch's subset: it must fail
# with exit status 1 and a clear error naming the feature, the last line of
# stderr being exactly what the program's first line says after "# expect: ".
# (CPython runs these programs, so it cannot be the oracle here.)
#   run.sh STITCH PROGRAM.py
set -u
stitch=$1 prog=$2
want=$(sed -n '1s/^# expect: //p' "$prog")
[ -n "$want" ] || { echo "$prog: first line must be '# expect: <last stderr line>'"; exit 2; }
err=$(cd "$(dirname "$prog")" && "$stitch" "$(basename "$prog")" 2>&1 >/dev/null </dev/null)
status=$?
got=$(printf '%s\n' "$err" | sed '/^$/d' | tail -n 1)
ok=1
[ "$status" -eq 1 ] || { echo "exit status $status, want 1"; ok=0; }
[ "$got" = "$want" ] || { printf 'last stderr line:\n  got:  %s\n  want: %s\n' "$got" "$want"; ok=0; }
[ $ok -eq 1 ] || { printf 'stderr:\n%s\n' "$err"; exit 1; }
