#!/bin/sh
# Every unit test binary of a build, then a few roster commands, under
# valgrind memcheck: any memory error or definite/indirect leak fails.
# Usage: tests/valgrind.sh BUILD (make valgrind uses build/release).
build=${1:?usage: tests/valgrind.sh BUILD}
VG="valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect
    --errors-for-leak-kinds=definite,indirect --error-exitcode=99
    --suppressions=tests/valgrind.supp"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
log=$tmp/log
passed=0 failed=0

# check WHAT CMD...: run CMD under valgrind. A memory error or leak (status
# 99) or a crash (a signal) fails; the command's own status is judged by
# make check, not here.
check() {
    what=$1
    shift
    $VG --log-file="$log" "$@" > "$tmp/out" 2>&1
    rc=$?
    if [ "$rc" -eq 99 ] || [ "$rc" -ge 128 ]; then
        failed=$((failed + 1))
        echo "FAIL $what"
        sed 's/^/    /' "$log" | head -40
    else
        passed=$((passed + 1))
        echo "ok   $what"
    fi
}

for t in "$build"/tests/test_*; do
    [ -x "$t" ] || continue
    case "$t" in *.o|*.d) continue ;; esac
    check "$(basename "$t")" "$t"
done

export ROSTER_DB="$tmp/db" ROSTER_TODAY=2026-11-25
roster=$build/roster
"$build/roster-gen" --experts 300 --seed 3 > "$tmp/roster.jsonl"
check "roster import (JSONL)" "$roster" import "$tmp/roster.jsonl"
check "roster import (CSV)" "$roster" import tests/fixtures/experts.csv
check "roster import (bad records)" "$roster" import tests/fixtures/bad.jsonl
check "roster search --facets" "$roster" search 'pension lang:fr>=B2 NOT nat:FR' --facets --json
check "roster search (bad query)" "$roster" search 'feild:E.10'
check "roster show" "$roster" show EXP-00001
check "roster export" "$roster" export EXP-00002
check "roster match" "$roster" match tests/fixtures/tors/haiti.json --json
check "roster match --batch" "$roster" match --batch tests/fixtures/tors/batch.jsonl
check "roster check" "$roster" check tests/fixtures/tors/haiti.json EXP-00001 EXP-00002
check "roster report" "$roster" report --json
check "roster forget" "$roster" forget EXP-00003
check "roster reindex" "$roster" reindex
check "roster stats" "$roster" stats
check "roster verify" "$roster" verify

echo "valgrind: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
