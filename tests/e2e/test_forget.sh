# End-to-end: forget erases an expert from store and index, leaving no trace
# of their name or text in any file of the data directory.
. tests/e2e/lib.sh

roster_gen --experts 300 --seed 7 > "$TMP/roster.jsonl"
expect_status 0 "import 300 generated experts" -- roster import "$TMP/roster.jsonl"
cat > "$TMP/secret.jsonl" <<'JSON'
{"id":"SECRET-1","name":"Zebulon Quixotrix","nationalities":["BE"],"gender":"M","status":"public","languages":[{"code":"fr","level":"C2"}],"fields":["E.10.01"],"summary":"Spécialiste des pensions d'invalidité et du marqueurunique xylophonique","cv_lang":"fr","experience":[{"from":"2010-01","employer":"Office national xylophonique","role":"directeur","text":"gestion xylophonique des prestations"}]}
JSON
expect_status 0 "import the expert to forget" -- roster import "$TMP/secret.jsonl"
out=$(roster search 'quixotrix' --json)
expect_match '"total":1' "name is searchable before forget" "$out"
out=$(roster search 'xylophonique' --json)
expect_match '"id":"SECRET-1"' "text is searchable before forget" "$out"
before=$(roster stats --json | sed 's/.*"experts":\([0-9]*\).*/\1/')

expect_status 0 "forget the expert" -- roster forget SECRET-1
out=$(roster search 'quixotrix' --json)
expect_match '"total":0' "name no longer found by search" "$out"
expect_status 2 "show after forget exits 2" -- roster show SECRET-1
after=$(roster stats --json | sed 's/.*"experts":\([0-9]*\).*/\1/')
expect_eq "$after" $((before - 1)) "one expert fewer"

hits=$(grep -rla -e Quixotrix -e quixotrix -e xylophonique -e marqueurunique "$ROSTER_DB" 2>/dev/null)
expect_eq "$hits" "" "no file under the data directory holds the name or text"
expect_status 0 "verify after forget" -- roster verify
expect_status 2 "forget of unknown id exits 2" -- roster forget NOPE-9
expect_status 2 "forget without id" -- roster forget
