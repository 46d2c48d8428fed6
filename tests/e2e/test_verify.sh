# End-to-end: roster verify finds a tampered store or index, names the
# problem and exits 1; a rebuild (or the untouched copy) makes it exit 0.
. tests/e2e/lib.sh

# roster_in DIR CMD...: run roster on the data directory DIR.
roster_in() { dir=$1; shift; ROSTER_DB="$dir" roster "$@"; }

# Two copies of one roster (one store identity: a store or an index of
# another roster is refused at open, tests/e2e/test_datadir.sh) at the same
# change number that differ in one expert, and a third that lacks one.
sed 's/es:native;en:C1;fr:B2/es:native;en:A2;fr:B2/' "$FIX/experts.csv" > "$TMP/changed.csv"
head -n 4 "$FIX/experts.csv" > "$TMP/fewer.csv" # header and two records
expect_eq "$(grep -c 'en:A2' "$TMP/changed.csv")" 1 "the changed copy differs in one language level"
roster_in "$TMP/base" import "$FIX/experts.jsonl" > /dev/null 2>&1
for pair in "a $FIX/experts.csv" "b $TMP/changed.csv" "c $TMP/fewer.csv"; do
    set -- $pair
    cp -a "$TMP/base" "$TMP/$1"
    expect_status 0 "roster $1: second import" -- roster_in "$TMP/$1" import "$2"
done
expect_status 0 "untouched roster verifies" -- roster_in "$TMP/a" verify
cp -a "$TMP/a" "$TMP/a.orig"
restore() { rm -rf "$TMP/a"; cp -a "$TMP/a.orig" "$TMP/a"; }
# The live index directory of roster $1.
index_of() { echo "$TMP/$1/$(cat "$TMP/$1/index.current")"; }
# put_index FROM: roster a's index replaced by roster FROM's.
put_index() { rm -rf "$(index_of a)"; cp -a "$(index_of "$1")" "$(index_of a)"; }

# expect_verify WHAT PATTERN: verify exits 1 and its output matches PATTERN.
expect_verify() {
    out=$(roster_in "$TMP/a" verify 2>&1); rc=$?
    expect_eq "$rc" 1 "$1: verify exits 1"
    expect_match "$2" "$1: verify names the problem" "$out"
}

# The store replaced by one holding a different record for EXP-0101.
rm -f "$TMP/a/roster.sqlite-wal" "$TMP/a/roster.sqlite-shm"
cp "$TMP/b/roster.sqlite" "$TMP/a/roster.sqlite"
expect_verify "store tampered" "^problem: expert 'EXP-0101' has a different profile in the index$"
expect_status 0 "reindex after store tampering" -- roster_in "$TMP/a" reindex
expect_status 0 "verify after the rebuild" -- roster_in "$TMP/a" verify

# The index replaced by one holding a different profile.
restore
put_index b
expect_verify "index tampered" "^problem: expert 'EXP-0101' has a different profile in the index$"
expect_status 0 "reindex after index tampering" -- roster_in "$TMP/a" reindex
expect_status 0 "verify after the rebuild" -- roster_in "$TMP/a" verify

# The index replaced by one lacking an expert.
restore
put_index c
expect_verify "expert missing from the index" \
    "^problem: expert 'EXP-0103' is in the store but not in the index$"
out=$(roster_in "$TMP/a" verify 2>&1)
expect_match "^problem: the index holds 7 experts, the store 8$" "verify counts both" "$out"

# An index file truncated.
restore
f=$(ls "$(index_of a)"/postlist.*)
head -c 100 "$f" > "$TMP/cut" && cat "$TMP/cut" > "$f"
expect_verify "index file truncated" "^problem: .*index-[0-9]+: Database"

# index.current naming no index.
restore
echo garbage > "$TMP/a/index.current"
expect_verify "index.current damaged" "^problem: .*index.current: does not name an index directory$"
restore
echo index-999 > "$TMP/a/index.current"
expect_verify "index.current names a missing directory" "^problem: .*index-999: "

# The store's schema version (SQLite user_version, bytes 60-63) changed.
restore
printf '\000\000\000\143' | dd of="$TMP/a/roster.sqlite" bs=1 seek=60 conv=notrunc 2>/dev/null
out=$(roster_in "$TMP/a" verify 2>&1); rc=$?
expect_eq "$rc" 1 "schema version changed: verify exits 1"
expect_match "schema version 99, this roster reads versions [0-9]+ to [0-9]+$" \
    "schema version changed: verify names it" "$out"

restore
expect_status 0 "the untouched copy still verifies" -- roster_in "$TMP/a" verify
