# End-to-end: re-importing an expert never drops what the input cannot
# express. A CSV row updates the columns it gives a value; a JSON Lines record
# replaces the expert but keeps the facility's missions unless it gives its own.
. tests/e2e/lib.sh

cat > "$TMP/one.jsonl" <<'J'
{"id":"RE-1","name":"Marta Quintela","nationalities":["PT"],"employer":"Instituto da Segurança Social","languages":[{"code":"pt","level":"native"},{"code":"fr","level":"B1"}],"fields":["E.10"],"summary":"Reforma das pensões e proteção social","experience":[{"from":"2012-01","employer":"ISS","country":"PT","text":"gestão de prestações"}],"missions":[{"action":"2019-27","country":"SN","from":"2019-03-04","to":"2019-03-15","days":10,"role":"lead"}],"unavailable":[{"from":"2027-03-01","to":"2027-03-31"}]}
J
expect_status 0 "import an expert with a history" -- roster import "$TMP/one.jsonl"

# An officer fixes a language level with a spreadsheet row.
printf 'id,languages,employer\nRE-1,pt:native;fr:C1,\n' > "$TMP/fix.csv"
out=$(roster import "$TMP/fix.csv" 2>&1); rc=$?
expect_eq "$rc" 0 "a CSV row for a stored id imports"
out=$(roster show RE-1 --json)
expect_match '"code":"fr","level":"C1"' "the language level changed" "$out"
expect_match '"name":"Marta Quintela"' "the name (no column) is kept" "$out"
expect_match '"employer":"Instituto da Segurança Social"' "an empty cell keeps the stored value" "$out"
expect_match '"missions":\[\{"action":"2019-27"' "missions are kept" "$out"
expect_match '"experience":\[\{"from":"2012-01"' "experience is kept" "$out"
expect_match '"summary":"Reforma das pensões' "the summary is kept" "$out"
expect_match '"unavailable":\[\{"from":"2027-03-01"' "unavailability is kept" "$out"
out=$(roster search 'lang:fr>=C1' --json)
expect_match '"RE-1"' "the index has the new level" "$out"
out=$(roster search 'country:SN pensões' --json)
expect_match '"RE-1"' "the index still has missions and summary" "$out"
out=$(roster search 'id:RE-1 avail:2027-03-10..2027-03-12' --json)
expect_match '"total": ?0' "the index still has the unavailability" "$out"
expect_status 0 "verify: store and index agree after the update" -- roster verify

# A cell with a value replaces that field; countries may be names.
printf 'id,nationalities,summary\nRE-1,Portugal;Espagne,Pensões e emprego\n' > "$TMP/fix2.csv"
expect_status 0 "a second CSV update" -- roster import "$TMP/fix2.csv"
out=$(roster show RE-1 --json)
expect_match '"nationalities":\["PT","ES"\]' "nationalities replaced" "$out"
expect_match '"summary":"Pensões e emprego"' "summary replaced" "$out"
expect_match '"missions":\[\{"action":"2019-27"' "missions still kept" "$out"

# A bad value in the row is reported with the row; nothing changes.
printf 'id,languages\nRE-1,fr:D1\n' > "$TMP/bad.csv"
out=$(roster import "$TMP/bad.csv" 2>&1); rc=$?
expect_eq "$rc" 2 "a bad update exits 2"
expect_match "bad\.csv:2: languages\[0\]\.level: bad CEFR level 'D1'" "naming row and field" "$out"
out=$(roster show RE-1 --json)
expect_match '"code":"fr","level":"C1"' "and changes nothing" "$out"

# A new id in CSV stands alone and needs a name.
printf 'id,nationalities\nRE-2,ES\n' > "$TMP/new.csv"
out=$(roster import "$TMP/new.csv" 2>&1); rc=$?
expect_eq "$rc" 2 "a new expert without a name is refused"
expect_match "new\.csv:2: name: required" "with the field" "$out"

# JSON Lines replaces the record, keeping missions it does not mention.
printf '%s\n' '{"id":"RE-1","name":"Marta Quintela","nationalities":["PT"],"languages":[{"code":"pt","level":"native"}]}' > "$TMP/re.jsonl"
expect_status 0 "JSONL re-import without missions" -- roster import "$TMP/re.jsonl"
out=$(roster show RE-1 --json)
expect_no_match '"summary"|"experience"|"unavailable"|"employer"' "the rest of the record is replaced" "$out"
expect_match '"missions":\[\{"action":"2019-27"' "the facility's missions are kept" "$out"
out=$(roster search 'country:SN' --json)
expect_match '"RE-1"' "and still indexed" "$out"
printf '%s\n' '{"id":"RE-1","name":"Marta Quintela","nationalities":["PT"],"missions":[]}' > "$TMP/clear.jsonl"
expect_status 0 "JSONL re-import with missions: []" -- roster import "$TMP/clear.jsonl"
out=$(roster show RE-1 --json)
expect_match '"missions":\[\]' "clears the missions" "$out"
out=$(roster search 'country:SN' --json)
expect_match '"total": ?0' "and the index forgets them" "$out"
expect_status 0 "verify at the end" -- roster verify
