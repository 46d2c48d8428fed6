# End-to-end: forget erases an expert from store and index, leaving no trace
# of their name, text or id in any file of the data directory (but the id in
# the audit trail's lines): the store, its WAL (kept on disk by another
# process holding the store open), the index, and any temporary file.
. tests/e2e/lib.sh

# SQLite and Xapian put temporary files under $TMPDIR: search it too.
export TMPDIR="$TMP/tmpdir"
mkdir -p "$TMPDIR"

roster_gen --experts 300 --seed 7 > "$TMP/roster.jsonl"
expect_status 0 "import 300 generated experts" -- roster import "$TMP/roster.jsonl"
cat > "$TMP/secret.jsonl" <<'JSON'
{"id":"SECRET-1","name":"Zebulon Quixotrix","nationalities":["BE"],"gender":"M","status":"public","languages":[{"code":"fr","level":"C2"}],"fields":["E.10.01"],"summary":"Spécialiste des pensions d'invalidité et du marqueurunique xylophonique","cv_lang":"fr","experience":[{"from":"2010-01","employer":"Office national xylophonique","role":"directeur","text":"gestion xylophonique des prestations"}],"missions":[{"action":"2019-27","country":"SN","from":"2019-03-04","to":"2019-03-15","days":10}]}
JSON
expect_status 0 "import the expert to forget" -- roster import "$TMP/secret.jsonl"
rm "$TMP/secret.jsonl"
out=$(roster search 'quixotrix' --json)
expect_match '"total":1' "name is searchable before forget" "$out"
out=$(roster search 'xylophonique' --json)
expect_match '"id":"SECRET-1"' "text is searchable before forget" "$out"
out=$(roster export SECRET-1)
expect_match '"name": "Zebulon Quixotrix"' "export holds the record before forget" "$out"
before=$(roster stats --json | sed 's/.*"experts":\([0-9]*\).*/\1/')

# Another process holds the store open while the expert is forgotten (a
# batch match waiting for its next ToR), so SQLite keeps the WAL on disk and
# cannot clean up at close: forget itself must leave nothing.
mkfifo "$TMP/tors"
roster match --batch "$TMP/tors" > "$TMP/match.out" 2>&1 &
reader=$!
exec 4<> "$TMP/tors" # read-write: never blocks, even if the match failed to start
head -n 1 "$FIX/tors/batch.jsonl" >&4
while [ ! -s "$TMP/match.out" ] && kill -0 $reader 2>/dev/null; do sleep 0.05; done
expect_status 0 "forget the expert" -- roster forget SECRET-1
if [ -e "$ROSTER_DB/roster.sqlite-wal" ]; then ok "the WAL is on disk"; else not_ok "the WAL is on disk"; fi
hits=$(grep -rlai -e Quixotrix -e xylophonique -e marqueurunique "$ROSTER_DB" "$TMPDIR")
expect_eq "$hits" "" "no file holds the name or text (store, WAL, index, temporary files)"
# The id stays in the audit trail alone (the store's and the access file's
# audit lines, docs/records.md): in no index file, no temporary file.
hits=$(grep -rlai -e SECRET-1 "$ROSTER_DB" "$TMPDIR" | grep -Ev '/(roster|access)\.sqlite(-wal)?$')
expect_eq "$hits" "" "no index or temporary file holds the id"
expect_match " forget SECRET-1$" "the audit trail keeps the forget, by id" "$(roster audit)"
exec 4>&-
wait $reader
expect_eq "$?" 0 "the batch match holding the store open ends well"

out=$(roster search 'quixotrix' --json)
expect_match '"total":0' "name no longer found by search" "$out"
expect_status 2 "show after forget exits 2" -- roster show SECRET-1
out=$(roster export SECRET-1 2>&1); rc=$?
expect_eq "$rc" 2 "export after forget exits 2"
expect_match "no expert with id 'SECRET-1'" "export after forget says so" "$out"
after=$(roster stats --json | sed 's/.*"experts":\([0-9]*\).*/\1/')
expect_eq "$after" $((before - 1)) "one expert fewer"

hits=$(grep -rlai -e Quixotrix -e xylophonique -e marqueurunique "$ROSTER_DB" "$TMPDIR")
expect_eq "$hits" "" "still no file holds them once every process has ended"
expect_no_match "Quixotrix" "no audit line names the forgotten expert" "$(roster audit --json)"
expect_status 0 "verify after forget" -- roster verify
expect_status 2 "forget of unknown id exits 2" -- roster forget NOPE-9
expect_status 2 "forget without id" -- roster forget
