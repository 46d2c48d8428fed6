# End-to-end: text that could act on a terminal, misspelt keys, and CSV as
# spreadsheets save it (semicolons, day/month dates, Latin-1, byte order mark).
. tests/e2e/lib.sh

ESC=$(printf '\033')
RLO=$(printf '\342\200\256') # U+202E, right-to-left override

changes() { roster stats --json 2>/dev/null | sed 's/.*"change":\([0-9]*\).*/\1/'; }

roster import "$FIX/experts.jsonl" >/dev/null 2>&1
before=$(changes)

# ---- control characters refused at import ----
printf '%s\n' '{"id":"H-1","name":"Ana Lopes","nationalities":["PT"],"summary":"Pensions \u001b]0;owned\u0007 and more"}' > "$TMP/esc.jsonl"
out=$(roster import "$TMP/esc.jsonl" 2>&1); rc=$?
expect_eq "$rc" 2 "escape sequence in a summary: exit 2"
expect_match 'esc\.jsonl:1: summary: control character U\+001B at character 10' \
    "the problem names file, line, field and character" "$out"
expect_eq "$(changes)" "$before" "nothing imported"

printf 'id,name,nationalities,employer\nH-2,Bea,ES,"INSS\033[2J"\n' > "$TMP/esc.csv"
out=$(roster import "$TMP/esc.csv" 2>&1); rc=$?
expect_eq "$rc" 2 "escape sequence in a CSV cell: exit 2"
expect_match 'esc\.csv:2: employer: control character U\+001B' "CSV problem names the row" "$out"

printf '%s\n' '{"id":"H-3","name":"Ana \u202eLopes","nationalities":["PT"]}' > "$TMP/bidi.jsonl"
out=$(roster import "$TMP/bidi.jsonl" 2>&1); rc=$?
expect_eq "$rc" 2 "bidirectional override in a name: exit 2"
expect_match 'bidi\.jsonl:1: name: bidirectional control U\+202E' "the override is named" "$out"

# Problems quoting hostile input are escaped on stderr too.
sed 's/"team_size"/"team\\u001b]0;x\\u0007size"/' "$FIX/tors/haiti.json" > "$TMP/key.json"
out=$(roster match "$TMP/key.json" 2>&1)
expect_match 'team\\x1b\]0;x\\x07size: warning: unknown key' "a hostile key is shown escaped" "$out"
case "$out" in *"$ESC"*) not_ok "no raw escape on stderr" "$out" ;; *) ok "no raw escape on stderr" ;; esac

# ---- stored text is escaped on output ----
# Free text may hold bidirectional controls (right-to-left quotes); show
# prints them as escapes, and keeps paragraphs.
printf '%s\n' '{"id":"H-5","name":"Sara Cohen","nationalities":["FR"],"summary":"First line\nsecond \u202equote\u202c end"}' > "$TMP/rtl.jsonl"
expect_status 0 "bidi controls in a summary are accepted" -- roster import "$TMP/rtl.jsonl"
out=$(roster show H-5)
expect_match 'second \\u202equote\\u202c end' "show escapes them" "$out"
expect_match '^ +second' "show keeps the summary's line break, indented" "$out"
case "$out" in *"$RLO"*) not_ok "no raw override in show" "$out" ;; *) ok "no raw override in show" ;; esac
json=$(roster show H-5 --json)
expect_match '"summary":"First line\\nsecond' "show --json stays JSON" "$json"

# ---- misspelt keys ----
printf '%s\n' '{"id":"H-6","name":"Ana","nationalities":["PT"],"langauges":[{"code":"fr","level":"C1"}]}' > "$TMP/typo.jsonl"
out=$(roster import "$TMP/typo.jsonl" 2>&1); rc=$?
expect_eq "$rc" 2 "a misspelt key: exit 2"
expect_match "typo\.jsonl:1: langauges: unknown key \(did you mean 'languages'\?\)" \
    "the key meant is suggested" "$out"
printf '%s\n' '{"id":"H-7","name":"Ana","nationalities":["PT"],"notes":"met in Lisbon"}' > "$TMP/notes.jsonl"
expect_status 0 "an unrelated unknown key is kept" -- roster import "$TMP/notes.jsonl"
printf 'id,name,nationalities,feilds\nH-8,Ana,PT,E.10\n' > "$TMP/typo.csv"
out=$(roster import "$TMP/typo.csv" 2>&1); rc=$?
expect_eq "$rc" 2 "a misspelt CSV column: exit 2"
expect_match "unknown column 'feilds' \(did you mean 'fields'\?\)" "the column meant is suggested" "$out"

sed 's/"team_size": 2/"teamsize": 2/' "$FIX/tors/haiti.json" > "$TMP/teamsize.json"
out=$(roster match "$TMP/teamsize.json" 2>&1); rc=$?
expect_eq "$rc" 2 "a ToR with teamsize: exit 2"
expect_match "teamsize.json:[0-9]+: teamsize: unknown key \(did you mean 'team_size'\?\)" \
    "the ToR key meant is suggested" "$out"
sed "s/\"title\": \"/\"title\": \"\\\\u001b]0;x\\\\u0007/" "$FIX/tors/haiti.json" > "$TMP/title.json"
out=$(roster match "$TMP/title.json" 2>&1); rc=$?
expect_eq "$rc" 2 "a ToR title with an escape sequence: exit 2"
expect_match "title: control character U\+001B" "the ToR problem names the field" "$out"

# ---- CSV as spreadsheets save it ----
printf '\357\273\277id;name;nationalities;languages;employer\r\nS-1;Jos\303\251 P\303\251rez;ES|FR;es:native|fr:C1;"Ministerio; INSS"\r\n' > "$TMP/excel.csv"
expect_status 0 "semicolon CSV with a byte order mark imports" -- roster import "$TMP/excel.csv"
out=$(roster show S-1)
expect_match 'nationalities: ES .* FR ' "multi-valued cells split at |" "$out"
expect_match 'languages: +es:native fr:C1' "languages split at |" "$out"
expect_match 'employer: +Ministerio; INSS' "a quoted ';' stays in its cell" "$out"

printf 'id;name;nationalities;registered\nS-2;Ana;ES;15/03/2019\n' > "$TMP/date.csv"
out=$(roster import "$TMP/date.csv" 2>&1); rc=$?
expect_eq "$rc" 2 "a day/month/year date: exit 2"
expect_match "date\.csv:2: registered: bad date '15/03/2019' \(expected YYYY-MM-DD or YYYY-MM\)" \
    "the expected format is named" "$out"

printf 'id,name,nationalities,employer\nS-3,Ana,ES,Espa\361a\n' > "$TMP/latin1.csv"
out=$(roster import "$TMP/latin1.csv" 2>&1); rc=$?
expect_eq "$rc" 2 "a Latin-1 CSV: exit 2"
expect_match 'latin1\.csv:2: invalid UTF-8 at column 16 .*save it .* as "CSV UTF-8"' \
    "the hint says how to save it" "$out"
# Its rows without an accent are not stored either, even with --skip-bad: the
# file is in another encoding, right only by luck where it has no accent.
printf 'id,name,nationalities,employer\nS-4,Ana,ES,Espa\361a\nS-5,Rui,PT,ISS\n' > "$TMP/latin1b.csv"
out=$(roster import "$TMP/latin1b.csv" --skip-bad 2>&1); rc=$?
expect_eq "$rc" 2 "a Latin-1 CSV with --skip-bad: exit 2"
expect_match 'nothing imported' "nothing imported" "$out"
expect_status 2 "its ASCII row is not stored" -- roster show S-5
