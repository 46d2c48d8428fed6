# End-to-end: damage that opening the index does not see. A table of the
# index cut short (term lists, positions) is found by `roster verify`;
# forget, reindex and the next command rebuild the index from the store
# whatever state the old one is in. A record damaged in the store is an
# error for `show --json`, never invalid JSON with exit 0, and JSON that
# cannot be written whole fails the command.
. tests/e2e/lib.sh

roster_gen --experts 300 --seed 3 > "$TMP/experts.jsonl"
expect_status 0 "the roster imports" -- roster import "$TMP/experts.jsonl"
cp -a "$ROSTER_DB" "$TMP/orig"
restore() { rm -rf "$ROSTER_DB"; cp -a "$TMP/orig" "$ROSTER_DB"; }
index_dir() { echo "$ROSTER_DB/$(cat "$ROSTER_DB/index.current")"; }
# halve TABLE: cut the live index's TABLE.glass to half its length.
halve() {
    f="$(index_dir)/$1.glass"
    truncate -s $(($(stat -c %s "$f") / 2)) "$f"
}
found() { roster search "id:$1" 2>/dev/null | sed -n 's/^\([0-9]*\) experts*$/\1/p'; }
PHRASE='"social protection"'

for table in termlist position; do
    restore
    halve "$table"
    out=$(roster verify 2>&1); rc=$?
    expect_eq "$rc" 1 "$table cut short: verify exits 1"
    expect_match "^problem: the index is damaged: .*index-[0-9]+: .*\(run roster reindex\)$" \
        "$table cut short: verify names the damage" "$out"
    out=$(roster forget EXP-00007 2>&1); rc=$?
    expect_eq "$rc" 0 "$table cut short: forget goes through"
    expect_match "^forgot EXP-00007$" "$table cut short: forget says so" "$out"
    expect_eq "$(found EXP-00007)" 0 "$table cut short: the forgotten expert is gone"
    expect_status 0 "$table cut short: phrase search after the forget" -- roster search "$PHRASE"
    expect_status 0 "$table cut short: verify after the forget" -- roster verify
done

# reindex rebuilds from the store whatever the old index holds.
restore
halve position
expect_status 0 "positions cut short: reindex" -- roster reindex
expect_status 0 "positions cut short: phrase search after reindex" -- roster search "$PHRASE"
expect_status 0 "positions cut short: verify after reindex" -- roster verify
restore
f="$(index_dir)/termlist.glass"
head -c 8192 /dev/urandom | dd of="$f" bs=8192 seek=3 conv=notrunc 2>/dev/null
out=$(roster verify 2>&1)
expect_match "^problem: the index is damaged: " "a term list block overwritten: verify names it" "$out"
expect_status 0 "a term list block overwritten: reindex" -- roster reindex
expect_status 0 "a term list block overwritten: verify after reindex" -- roster verify

# A forget left unfinished (here by a file size limit: the store erased the
# expert, the index could not follow), then the index damaged: every
# command used to fail, reindex included, until the index was removed by
# hand.
NAME=$(grep '"EXP-00011"' "$TMP/experts.jsonl" | sed 's/.*"name":"\([^"]*\)".*/\1/')
restore
out=$( (trap '' XFSZ; ulimit -f 512; exec "$ROOT/$ROSTER" forget EXP-00011) 2>&1); rc=$?
expect_eq "$rc" 4 "forget under a file size limit: stored, index behind (exit 4)"
expect_match "^forgot EXP-00011 in the store$" "forget under a file size limit: says so" "$out"
out=$(roster verify 2>&1)
expect_match "^problem: .*forgotten experts not yet purged|^problem: index reflects store change" \
    "the unfinished forget shows in verify" "$out"
halve termlist
expect_status 0 "unfinished forget, damaged index: reindex" -- roster reindex
expect_status 0 "unfinished forget, damaged index: verify after reindex" -- roster verify
expect_eq "$(found EXP-00011)" 0 "unfinished forget, damaged index: the expert is gone"
if grep -rlaF "$NAME" "$ROSTER_DB" > /dev/null; then
    not_ok "unfinished forget, damaged index: no trace left" "$(grep -rlaF "$NAME" "$ROSTER_DB")"
else ok "unfinished forget, damaged index: no trace left"; fi
# The same state repaired by the next command, whatever it is.
restore
(trap '' XFSZ; ulimit -f 512; exec "$ROOT/$ROSTER" forget EXP-00011) > /dev/null 2>&1
halve termlist
expect_status 0 "unfinished forget, damaged index: a search repairs it" -- roster search "$PHRASE"
expect_status 0 "unfinished forget, damaged index: verify after the search" -- roster verify

# A record damaged in the store (same length, so the database stays sound).
restore
expect_status 0 "show --json of a sound record" -- roster show EXP-00042 --json
# The record is packed (core/pack.h): in the row it follows the id and the
# other text columns, and begins with its format byte (1) and its length;
# a length past any record's is damage.
perl -0777 -pi -e 's/(EXP-00042[A-Z][^\x01]{0,300})\x01..../$1\x01\xff\xff\xff\x7f/s' \
    "$ROSTER_DB/roster.sqlite"
expect_eq "$(LC_ALL=C grep -c "$(printf '\001\377\377\377\177')" "$ROSTER_DB/roster.sqlite")" 1 \
    "the record is damaged"
roster show EXP-00042 --json > "$TMP/out" 2> "$TMP/err"; rc=$?
expect_eq "$rc" 1 "show --json of a damaged record exits 1"
expect_eq "$(wc -c < "$TMP/out")" 0 "show --json of a damaged record prints nothing on stdout"
expect_match "record of 'EXP-00042' cannot be unpacked" "show --json names the damaged record" \
    "$(cat "$TMP/err")"
expect_status 1 "show of a damaged record exits 1" -- roster show EXP-00042

# Output that cannot be written whole, JSON or text, is a failure, not exit 0.
restore
for cmd in "show EXP-00042 --json" "search pension --json --facets" "stats --json" \
           "search pension" "show EXP-00042" "stats"; do
    # shellcheck disable=SC2086
    roster $cmd > /dev/full 2> "$TMP/err"; rc=$?
    expect_eq "$rc" 1 "$cmd to a full device exits 1"
    expect_match "cannot write the output" "$cmd to a full device says why" "$(cat "$TMP/err")"
done
