# End-to-end: import (JSONL, CSV, stdin), all-or-nothing, --skip-bad, show, stats.
. tests/e2e/lib.sh

expect_status 0 "import JSONL fixture" -- roster import "$FIX/experts.jsonl"
out=$(roster stats --json)
expect_match '"experts":5' "stats counts 5 experts" "$out"
expect_match '"indexed":5' "index holds 5 experts" "$out"

expect_status 0 "import CSV fixture" -- roster import "$FIX/experts.csv"
n=$(roster stats --json | sed 's/.*"experts":\([0-9]*\).*/\1/')
expect_eq "$n" 8 "CSV experts added"

before=$(roster stats --json | sed 's/.*"change":\([0-9]*\).*/\1/')
out=$(roster import "$FIX/bad.jsonl" 2>&1); rc=$?
expect_eq "$rc" 2 "bad file exits 2"
expect_match 'bad\.jsonl:[0-9]+: [][a-z_0-9.]+: ' "problem names file:line: field" "$out"
expect_match '^roster import: [0-9]+ of [0-9]+ records rejected; nothing imported: fix the problems above, or use --skip-bad$' \
    "the refusal gives the command line's advice" "$out"
after=$(roster stats --json | sed 's/.*"change":\([0-9]*\).*/\1/')
expect_eq "$after" "$before" "bad file changes nothing"

out=$(roster import --skip-bad "$FIX/bad.jsonl" 2>&1); rc=$?
expect_eq "$rc" 2 "--skip-bad still reports bad input"
expect_match 'imported [1-9]' "--skip-bad imports the good records" "$out"

printf '%s\n' '{"id":"STDIN-1","name":"Zoé Stdin","nationalities":["FR"],"summary":"protection sociale"}' |
    roster import - >/dev/null 2>&1
expect_status 0 "stdin import shows" -- roster show STDIN-1
out=$(roster show STDIN-1 --json)
expect_match '"name":"Zoé Stdin"' "show --json gives the record" "$out"
expect_status 2 "show of unknown id exits 2" -- roster show NOPE-1
out=$(roster show NOPE-1 2>&1)
expect_match "no expert with id 'NOPE-1'" "show unknown id says so" "$out"

expect_status 2 "unknown file type" -- roster import "$FIX/../run.sh"
expect_status 2 "missing file" -- roster import "$TMP/none.jsonl"
expect_status 2 "no file" -- roster import
expect_status 2 "unknown option" -- roster import --frobnicate x.jsonl
expect_status 0 "import --help" -- roster import --help
expect_status 2 "unknown command" -- roster frobnicate
expect_status 0 "verify after imports" -- roster verify

perm=$(stat -c %a "$ROSTER_DB")
expect_eq "$perm" 700 "data directory is owner-only"
perm=$(stat -c %a "$ROSTER_DB/roster.sqlite")
expect_eq "$perm" 600 "store file is owner-only"
