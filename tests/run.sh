#!/bin/sh
# Run one build's tests: every cmocka binary in BUILD/tests, then every
# end-to-end script in tests/e2e. Prints each failure and a closing count.
# Usage: tests/run.sh BUILD
build=${1:?usage: tests/run.sh BUILD}
name=$(basename "$build")
passed=0 failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

for t in "$build"/tests/test_*; do
    [ -x "$t" ] || continue
    case "$t" in *.o|*.d) continue ;; esac
    "$t" >"$log" 2>&1
    rc=$?
    p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log")
    f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log")
    passed=$((passed + ${p:-0}))
    if [ $rc -ne 0 ] || [ -n "$f" ]; then
        failed=$((failed + ${f:-1}))
        echo "FAIL $(basename "$t")"; sed 's/^/    /' "$log" | tail -40
    else
        echo "ok   $(basename "$t") (${p:-0})"
    fi
done

for t in tests/e2e/test_*.sh; do
    [ -f "$t" ] || continue
    ROSTER="$build/roster" ROSTER_GEN="$build/roster-gen" sh "$t" >"$log" 2>&1
    rc=$?
    p=$(grep -c '^ok ' "$log")
    f=$(grep -c '^not ok ' "$log")
    passed=$((passed + p))
    if [ $rc -ne 0 ] || [ "$f" -ne 0 ]; then
        [ "$f" -eq 0 ] && f=1
        failed=$((failed + f))
        echo "FAIL $(basename "$t")"; grep -v '^ok ' "$log" | sed 's/^/    /' | tail -40
    else
        echo "ok   $(basename "$t") ($p)"
    fi
done

echo "$name: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
