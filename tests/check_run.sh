# check_run.sh: the checks every test runner makes of one stitch run against
# what CPython printed (sourced by tests/run_program.sh and
# tests/jit/run_jit_test.sh; not run on its own).
#
#   check_run RC ALL_ERR PROG_ERR OUT EXP_OUT EXP_ERR LOCATIONS
#
# RC the exit status (124: timeout), ALL_ERR the whole stderr (searched for
# sanitizer reports), PROG_ERR the program's own part of it (stderr without
# the statistics a JIT test asks for), OUT its stdout; EXP_OUT and EXP_ERR
# the recorded NAME.out and NAME.err (EXP_ERR need not exist); LOCATIONS
# the spellings of "file:" a syntax error may be reported with
# (space-separated, e.g. "prog.py: dir/prog.py:"). Each problem is passed
# to the caller's `fail` function; STITCH_TEST_TIMEOUT is the timeout.
#
# What passes (the program tests' README has the reasons):
#  - no timeout, no death by signal (status > 128), no sanitizer report;
#  - stdout equals NAME.out byte for byte;
#  - the exit status equals line 1 of NAME.err, or 0 without NAME.err;
#  - with NAME.err, the last non-empty line of PROG_ERR equals line 2; for
#    a SyntaxError or IndentationError (NAME.err has a line 3, the line
#    number) it starts with the same exception name and the stderr names
#    FILE:LINE: (the message text is not compared);
#  - without NAME.err, PROG_ERR is empty.
check_run() {
    local rc=$1 all_err=$2 prog_err=$3 out=$4 exp_out=$5 exp_err=$6 locations=$7
    local stem exp_rc=0 exp_last="" exp_line="" last name loc found
    stem=$(basename "$exp_out" .out)
    if [ "$rc" -eq 124 ]; then
        fail "timed out after ${STITCH_TEST_TIMEOUT:-60} s"
    elif [ "$rc" -gt 128 ]; then
        fail "killed by signal $((rc - 128)) (exit status $rc)"
    fi
    if grep -qE 'AddressSanitizer|UndefinedBehaviorSanitizer|LeakSanitizer|MemorySanitizer|ThreadSanitizer|runtime error:' "$all_err"; then
        fail "sanitizer report in stderr"
    fi
    if ! cmp -s "$exp_out" "$out"; then
        fail "stdout differs from $stem.out:
$(diff -u --label "expected ($stem.out)" --label "actual stdout" "$exp_out" "$out" | head -n 80)"
    fi
    if [ -f "$exp_err" ]; then
        exp_rc=$(sed -n 1p "$exp_err")
        exp_last=$(sed -n 2p "$exp_err")
        exp_line=$(sed -n 3p "$exp_err")
    fi
    if [ "$rc" != "$exp_rc" ]; then
        fail "exit status $rc, expected $exp_rc"
    fi
    if [ ! -f "$exp_err" ]; then
        if [ -s "$prog_err" ]; then
            fail "unexpected output on stderr (expected none):
$(head -n 20 "$prog_err")"
        fi
        return
    fi
    last=$(grep -v '^[[:space:]]*$' "$prog_err" | tail -n 1)
    if [ -z "$exp_line" ]; then
        if [ "$last" != "$exp_last" ]; then
            fail "last stderr line differs
  expected: $exp_last
  actual:   $last"
        fi
        return
    fi
    name=${exp_last%%:*}
    case "$last" in
        "$name:"*) ;;
        *) fail "last stderr line should start with '$name:'
  expected like: $exp_last
  actual:        $last" ;;
    esac
    found=0
    for loc in $locations; do
        grep -qF -e "$loc$exp_line:" "$prog_err" && found=1
    done
    if [ "$found" -eq 0 ]; then
        fail "stderr does not report the syntax error location '${locations%% *}$exp_line:'"
    fi
}
