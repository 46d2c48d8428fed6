# End-to-end: readers while a writer works, and two writers at once.
# Searches and matches running during an import, a forget or a reindex get
# the roster before or after the change, never half of it, and never fail;
# a second writer waits for the first, or with ROSTER_LOCK_WAIT_MS=0 gets a
# clear "busy" error and changes nothing.
. tests/e2e/lib.sh

marker=zorblax
roster_gen --experts 1300 --seed 23 > "$TMP/all.jsonl"
head -n 300 "$TMP/all.jsonl" > "$TMP/base.jsonl"
# 1,000 experts carrying a marker word, imported in one transaction.
tail -n 1000 "$TMP/all.jsonl" | sed "s/\"summary\":\"/\"summary\":\"$marker /" > "$TMP/marked.jsonl"
marked=$(grep -c "$marker" "$TMP/marked.jsonl")
expect_eq "$marked" 1000 "1,000 experts carry the marker"
expect_status 0 "import the base roster" -- roster import "$TMP/base.jsonl"

total() { printf '%s' "$1" | sed -n 's/^{"total":\([0-9]*\).*/\1/p'; }

# watch_while PID WANT...: search the marker until PID ends (and once more);
# prints each total, or "error: ..." for a failed search.
watch_while() {
    pid=$1
    while :; do
        alive=0
        kill -0 "$pid" 2>/dev/null && alive=1
        out=$(roster search "$marker" --json --limit 0 2>&1) || echo "error: $out"
        total "$out"
        echo
        [ "$alive" -eq 1 ] || break
    done
}

# check_totals WHAT WANT...: every line of $TMP/seen is one of WANT.
check_totals() {
    what=$1
    shift
    n=$(grep -c . "$TMP/seen")
    bad=$(grep . "$TMP/seen" | grep -vxF "$(printf '%s\n' "$@")" | sort | uniq -c | head -5)
    if [ -z "$bad" ] && [ "$n" -gt 1 ]; then
        ok "$what: $n searches, each saw $(printf '%s ' "$@")— $(sort "$TMP/seen" | uniq -c | tr -s ' \n' ' ')"
    else
        not_ok "$what" "$n searches; unexpected:" "$bad"
    fi
}

# match_while PID: run matches until PID ends (at least one); prints one
# line per match, "ok" or the failure.
match_while() {
    while :; do
        out=$(roster match "$FIX/tors/haiti.json" --json 2>&1)
        rc=$?
        if [ "$rc" -eq 0 ] || [ "$rc" -eq 3 ]; then echo ok; else echo "exit $rc: $out" | head -3; fi
        kill -0 "$1" 2>/dev/null || break
    done
}

roster import "$TMP/marked.jsonl" > "$TMP/import.out" 2>&1 &
pid=$!
match_while $pid > "$TMP/matches" &
watch_while $pid > "$TMP/seen"
wait $pid
expect_eq "$?" 0 "import while searching and matching succeeds"
wait
check_totals "searches during an import" 0 1000
n=$(grep -c . "$TMP/matches")
bad=$(grep -v '^ok$' "$TMP/matches" | head -3)
expect_eq "$bad" "" "$n matches during the import all succeed"

# Matches while the roster is rebuilt: every match succeeds (or finds no team).
roster reindex > /dev/null 2>&1 &
pid=$!
match_while $pid > "$TMP/matches"
wait $pid
expect_eq "$?" 0 "reindex while matching succeeds"
n=$(grep -c . "$TMP/matches")
bad=$(grep -v '^ok$' "$TMP/matches" | head -3)
expect_eq "$bad" "" "$n matches during a reindex all succeed"

# Searches while the index is rebuilt several times (directories switch and
# old ones are removed under the readers).
(for i in 1 2 3 4 5; do roster reindex > /dev/null 2>&1 || exit 1; done) &
pid=$!
watch_while $pid > "$TMP/seen"
wait $pid
expect_eq "$?" 0 "five reindexes while searching succeed"
check_totals "searches during reindexes" 1000

# Searches while the marked experts are forgotten (compaction, switch).
roster forget $(sed 's/^{"id":"\([^"]*\)".*/\1/' "$TMP/marked.jsonl") > /dev/null 2>&1 &
pid=$!
watch_while $pid > "$TMP/seen"
wait $pid
expect_eq "$?" 0 "forget while searching succeeds"
check_totals "searches during a forget" 1000 0

# Two writers. Wait until the first holds the write lock, then start the
# second: without waiting it is refused as busy, with waiting it follows.
lock_held() { ! flock -n "$ROSTER_DB/write.lock" true; }
roster import "$TMP/marked.jsonl" > /dev/null 2>&1 &
pid=$!
while ! lock_held && kill -0 $pid 2>/dev/null; do sleep 0.01; done
out=$(ROSTER_LOCK_WAIT_MS=0 roster import "$FIX/experts.jsonl" 2>&1); rc=$?
expect_eq "$rc" 1 "a second writer that will not wait exits 1"
expect_match 'busy: another roster process is writing; try again' "and says the roster is busy" "$out"
out=$(roster import "$FIX/experts.csv" 2>&1); rc=$?
expect_eq "$rc" 0 "a second writer that waits gets through"
wait $pid
expect_eq "$?" 0 "the first writer finishes"
n=$(roster stats --json | sed 's/.*"experts":\([0-9]*\).*/\1/')
expect_eq "$n" $((300 + 1000 + 3)) "both waiting writers' experts are in, the refused one's not"
expect_status 0 "verify after concurrent writers" -- roster verify
