# End-to-end: what a first-time user meets. Files that cannot be read are
# told as such (no record count), library words never reach the user, a
# CSV piped to stdin gets a hint, forget names the id it will not guess,
# the import tells new from updated experts, show leaves out empty fields,
# option errors name their command, a mistyped command gets a suggestion,
# invisible characters are refused in names, and the demo says first where
# its binary and roster are, how to use them by hand, and that it starts afresh.
. tests/e2e/lib.sh
cd "$TMP" || exit 1

run() { out=$(roster "$@" 2>&1); rc=$?; }

# 1. File-level problems: said plainly, exit 2, nothing imported.
run import nofile.csv
expect_eq "$rc" 2 "a missing file: exit 2"
expect_match '^nofile\.csv: cannot open: No such file or directory$' "a missing file is named" "$out"
expect_no_match 'records? rejected|of 0' "a missing file counts no records" "$out"
: > roster.xlsx
run import roster.xlsx
expect_eq "$rc" 2 "a spreadsheet: exit 2"
expect_match '^roster\.xlsx: not a file roster reads \(\.jsonl, \.ndjson, \.json, \.csv, \.xml\): save the sheet as "CSV UTF-8"$' \
    "a spreadsheet is told how to become a CSV" "$out"
expect_no_match 'records? rejected' "a spreadsheet counts no records" "$out"
mkdir dir.csv
run import dir.csv
expect_eq "$rc" 2 "a directory: exit 2"
expect_match '^dir\.csv: cannot open: Is a directory$' "a directory is named" "$out"
printf 'id,nmae,nationalities\nFX-1,Ann,ES\n' > typo.csv
printf '{"id":"FX-2","name":"Bo","nationalities":["FR"]}\n' > good.jsonl
run import good.jsonl typo.csv --skip-bad
expect_eq "$rc" 2 "a misspelt header with --skip-bad: exit 2"
expect_match "^typo\.csv:1: CSV header: unknown column 'nmae' \(did you mean 'name'\?\)$" \
    "the misspelt column is named" "$out"
expect_match 'rejected whole \(--skip-bad skips bad records, not bad files\)' \
    "the file is rejected whole, even with --skip-bad" "$out"
expect_no_match 'skipped|records? rejected' "no record is counted for a bad header" "$out"
expect_status 2 "nothing was imported" -- roster show FX-2

# 2. A NUL escape is told in the user's words.
printf '{"id":"FX-3","name":"Cy","nationalities":["IT"],"summary":"x\\u0000y"}\n' > nul.jsonl
run import nul.jsonl
expect_match '^nul\.jsonl:1: invalid JSON at column [0-9]+: NUL character \(\\u0000\) not allowed in text$' \
    "a NUL escape is told in plain words" "$out"
expect_no_match 'JSON_ALLOW_NUL' "no library flag in the message" "$out"

# 3. A CSV on standard input gets a hint.
printf 'id,name,nationalities\nFX-4,Di,ES\n' > fix.csv
out=$(roster import - < fix.csv 2>&1)
expect_match "^<stdin>:1: invalid JSON at column 2: invalid token near 'id'; - reads JSON Lines; to import CSV give the file's name \(FILE\.csv\)$" \
    "a CSV on stdin is told to be given by name" "$out"

# 5. The summary tells new from updated experts.
printf 'id,name,nationalities\nNEW-001,Ann,ES;FR\nNEW-002,Bea,FR\n' > first.csv
run import first.csv
expect_match '^imported 2 experts in [0-9.]+ s$' "a first import: all new, said shortly" "$out"
printf 'id,name\nNEW-001,Anne\nNEW-002,Beatrix\n' > up.csv
run import up.csv
expect_match '^imported 2 experts \(2 updated\) in [0-9.]+ s$' "an update says so" "$out"
printf 'id,name,nationalities\nNEW-001,Annie,\nNEW-003,Cy,IT\n' > mixed.csv
run import mixed.csv
expect_match '^imported 2 experts \(1 new, 1 updated\) in [0-9.]+ s$' "new and updated counted apart" "$out"

# 4. forget takes ids exactly, and names the one it will not guess.
run forget new-001
expect_eq "$rc" 2 "forget with the wrong case: exit 2"
expect_match "^roster forget: no expert with id 'new-001' \(did you mean 'NEW-001'\? forget takes ids exactly as stored\)$" \
    "forget names the id it will not guess" "$out"
expect_status 0 "the expert is still there" -- roster show NEW-001
run forget nobody-9
expect_match "^roster forget: no expert with id 'nobody-9'$" "an unknown id gets no guess" "$out"

# 6. show: nationalities, no empty labels, registered.
out=$(roster show NEW-001)
expect_match '^  nationalities: ES \(Spain\) FR \(France\)$' "several nationalities: plural label" "$out"
expect_no_match ' $' "no line ends in spaces" "$out"
expect_no_match 'languages:|fields:|competences:' "empty fields are left out" "$out"
out=$(roster show NEW-003)
expect_match '^  nationality: +IT \(Italy\)$' "one nationality: singular label" "$out"
roster import "$FIX/experts.jsonl" >/dev/null 2>&1
out=$(roster show EXP-0001)
expect_match '^  registered: +2017-03-15$' "the registration date is shown" "$out"
expect_match '^  status: +retired public servant$' \
    "the status in the words facets and match reasons use" "$(roster show EXP-0002)"
expect_match '"status":"social_partner"' "--json keeps the value" "$(roster show EXP-0005 --json)"

# 7. Option errors name their command; a mistyped command gets a suggestion.
run search pension --limit=abc
expect_match "^roster search: --limit: expected a number from 0 to 100000, got 'abc'$" \
    "search's option error names search" "$out"
run match "$FIX/tors/haiti.json" --pool 1
expect_match "^roster match: --pool: " "match's option error names match" "$out"
run serch pension
expect_eq "$rc" 2 "an unknown command: exit 2"
expect_match "^roster: unknown command 'serch' \(did you mean 'search'\?\)$" "serch suggests search" "$out"
run xyzzy
expect_match "^roster: unknown command 'xyzzy'$" "no suggestion for what is near nothing" "$out"

# 8. Invisible characters are refused in a name, CSV and JSON Lines alike.
printf 'id,name,nationalities\nFX-5,Ana\342\200\213Lopes,ES\n' > zw.csv
run import zw.csv
expect_eq "$rc" 2 "a zero-width space in a CSV name: exit 2"
expect_match '^zw\.csv:2: name: invisible character U\+200B at character 4 \(not allowed here\)$' \
    "the zero-width space is named" "$out"
printf '{"id":"FX-6","name":"Ana\\u00adLopes","nationalities":["ES"]}\n' > shy.jsonl
run import shy.jsonl
expect_match '^shy\.jsonl:1: name: invisible character U\+00AD at character 4 \(not allowed here\)$' \
    "a soft hyphen in a JSON Lines name is refused" "$out"

# 9. The demo's first lines: its binary, its roster, how to run its commands
#    by hand on the same roster and date; a second run says it starts afresh.
#    (Only the first lines are read: the demo stops when the pipe closes.)
bin=$(dirname "$ROOT/$ROSTER")
demo_top() { sh "$ROOT/corpus/demo.sh" "$bin" 2>&1 | head -8; }
out=$(demo_top)
expect_match "== The demo: $bin/roster on a sample roster in demo-data/db" \
    "the demo names its binary and its roster first" "$out"
expect_match '^Today is fixed at 2026-11-25 by ROSTER_TODAY' "the demo says it fixes today" "$out"
expect_match '^  export ROSTER_TODAY=2026-11-25 ' "the demo tells how to fix today as it does" "$out"
expect_no_match 'reset' "a first demo resets nothing" "$out"
exports=$(printf '%s\n' "$out" | grep '^  export ')
got=$(cd "$TMP" && sh -c 'eval "$1"; command -v roster; echo "$ROSTER_DB $ROSTER_TODAY"' _ "$exports")
expect_eq "$got" "$bin/roster
$TMP/demo-data/db 2026-11-25" "the demo's export lines give its binary, roster and date"
out=$(demo_top)
expect_match '^demo-data/ reset: the demo starts from a fresh roster each time' \
    "a second demo says it wiped the first one's roster" "$out"
