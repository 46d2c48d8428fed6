# End-to-end: personal data stays the owner's, and a person can have theirs.
#   - every directory and file roster creates is owner-only, whatever the
#     umask: the store, its WAL and shared memory, the index files, the lock;
#   - roster export ID gives the stored record, the missions table's rows
#     and what the index holds (profile, terms) as JSON.
. tests/e2e/lib.sh

umask 022
roster_gen --experts 1500 --seed 31 > "$TMP/roster.jsonl"

# loose_files: files and directories under the data directory that group
# or others may read, write or enter.
loose_files() { find "$ROSTER_DB" -perm /077; }

# While an import writes, the WAL and shared-memory files exist.
roster import "$FIX/experts.jsonl" > /dev/null 2>&1
roster import "$TMP/roster.jsonl" > /dev/null 2>&1 &
pid=$!
while [ ! -e "$ROSTER_DB/roster.sqlite-wal" ] && kill -0 $pid 2>/dev/null; do sleep 0.01; done
loose_during=$(loose_files)
wal=$(ls "$ROSTER_DB" | grep -c -e '-wal$' -e '-shm$')
wait $pid
expect_eq "$wal" 2 "WAL and shared memory seen during an import"
expect_eq "$loose_during" "" "every file is owner-only during an import"

roster search 'pension' > /dev/null
roster reindex > /dev/null
roster forget EXP-00001 > /dev/null
roster export EXP-0001 > /dev/null
roster report --svg "$ROSTER_DB/../chart.svg" > /dev/null
n=$(find "$ROSTER_DB" | wc -l)
expect_eq "$(loose_files)" "" "all $n files and directories are owner-only after search, reindex, forget"
perm=$(stat -c %a "$ROSTER_DB")
expect_eq "$perm" 700 "the data directory is 700"
perm=$(stat -c %a "$(ls -d "$ROSTER_DB"/index-* | head -n 1)")
expect_eq "$perm" 700 "the index directory is 700"
perm=$(stat -c %a "$ROSTER_DB/roster.sqlite")
expect_eq "$perm" 600 "the store is 600"
perm=$(stat -c %a "$TMP/chart.svg")
expect_eq "$perm" 600 "a report written by roster is 600"

# Subject access: everything about EXP-0001 (fixture with two missions).
out=$(roster export EXP-0001); rc=$?
expect_eq "$rc" 0 "export exits 0"
expect_match '^  "id": "EXP-0001",$' "export names the expert" "$out"
expect_match '^    "name": "Marie-Claire Dubois",$' "export holds the stored record" "$out"
record=$(roster show EXP-0001 --json)
expect_match '"summary":"Actuaire et cheffe de projet' "show --json is that record" "$record"
expect_match '"summary": "Actuaire et cheffe de projet' "export holds the same summary" "$out"
missions=$(printf '%s\n' "$out" | sed -n '/^  "missions": \[/,/^  \]/p' | grep -c '"from":')
expect_eq "$missions" 2 "export lists the expert's two missions"
expect_match '"country": "SN",' "a mission's country" "$out"
expect_match '^    "profile": ".*EXP-0001' "export holds the index profile" "$out"
expect_match '^      "QEXP-0001",?$' "export lists the index terms (the id term)" "$out"
expect_match '^      "actuaire",?$' "export lists the index terms (a CV word)" "$out"
expect_match '^    "directory": "index-[0-9]+",$' "export names the index directory" "$out"

out=$(roster export NOPE-1 2>&1); rc=$?
expect_eq "$rc" 2 "export of an unknown id exits 2"
expect_match "^roster export: no expert with id 'NOPE-1'$" "and says so" "$out"
expect_status 2 "export without an id" -- roster export
expect_status 2 "export of two ids" -- roster export EXP-0001 EXP-0002
expect_status 0 "export --help" -- roster export --help
