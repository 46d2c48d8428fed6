# End-to-end: what a facility officer meets first in match and check — dual
# nationals and max_same_nationality, ids as show reads them, the partner
# country's own nationals, the order and summary of the output.
. tests/e2e/lib.sh
T="$FIX/tors"

roster_gen --experts 300 --seed 5 > "$TMP/roster.jsonl"
roster import "$TMP/roster.jsonl" >/dev/null 2>&1
# Two French nationals, one of them also Algerian, who fit a French ToR best.
cat > "$TMP/dual.jsonl" <<'JSON'
{"id":"DUAL-FR","name":"Juliette Garcia","gender":"F","nationalities":["FR"],"status":"public","languages":[{"code":"fr","level":"native"}],"fields":["E.10","E.05"],"competences":["1.2"],"summary":"Politique nationale de protection sociale, pensions d'invalidité, assistance sociale, transferts monétaires","cv_lang":"fr"}
{"id":"DUAL-FRDZ","name":"Jean-François Benali","gender":"M","nationalities":["FR","DZ"],"status":"public","languages":[{"code":"fr","level":"native"}],"fields":["E.10","E.05"],"competences":["1.2"],"summary":"Politique nationale de protection sociale, pensions d'invalidité, assistance sociale, transferts monétaires","cv_lang":"fr"}
JSON
roster import "$TMP/dual.jsonl" >/dev/null 2>&1

# 1. Two holders of FR share it: no team has both, check says so.
out=$(roster match "$T/haiti.json" --teams 3)
teams=$(printf '%s\n' "$out" | grep 'score [0-9.]*: ')
expect_match 'DUAL-FR ' "the French national is in a team" "$teams"
expect_match 'DUAL-FRDZ ' "the French-Algerian is in a team" "$teams"
expect_no_match 'DUAL-FR .*DUAL-FRDZ|DUAL-FRDZ .*DUAL-FR ' "no proposed team holds both French nationals" "$teams"
expect_match 'DUAL-FRDZ Jean-François Benali \(FR/DZ\)' "team header shows every nationality held" "$out"
out=$(roster check "$T/haiti.json" DUAL-FR DUAL-FRDZ); rc=$?
expect_eq "$rc" 3 "check of FR + FR/DZ fails (exit 3)"
expect_match 'fail +max_same_nationality +2 members hold FR \(DUAL-FR, DUAL-FRDZ\)' "max_same_nationality names both holders" "$out"

# 2. A list of excluded nationalities without the partner country: warned.
cat > "$TMP/peru.json" <<'JSON'
{"action":"P-1","title":"Pensiones","country":"Perú","fields":["E.10"],"languages":[{"code":"es","level":"B2"}],"team_size":2,"description":"pensiones","rules":{"exclude_nationalities":["Espagne"]}}
JSON
want='rules.exclude_nationalities: warning: PE \(the partner country\) is not in the list, so its nationals may be proposed; add "PE" to keep them out'
out=$(roster match "$TMP/peru.json" 2>&1 >/dev/null)
expect_match "$want" "match warns when the list leaves the partner's nationals in" "$out"
out=$(roster match "$TMP/peru.json" --json 2>&1 >/dev/null)
expect_match "$want" "match --json warns too" "$out"
out=$(roster check "$TMP/peru.json" DUAL-FR EXP-00001 2>&1 >/dev/null)
expect_match "$want" "check warns too" "$out"

# 3. check resolves ids as show does; an id named twice is bad input.
low=$(echo EXP-00007 | tr 'A-Z' 'a-z')
out=$(roster check "$T/haiti.json" DUAL-FR "$low" 2>&1); rc=$?
expect_no_match 'no expert' "check accepts a lower-case id ($low)" "$out"
expect_match 'EXP-00007' "the member is shown under its stored id" "$out"
out=$(roster check "$T/haiti.json" DUAL-FR DUAL-FR 2>&1); rc=$?
expect_eq "$rc" 2 "an id named twice is bad input (exit 2)"
expect_match '^roster check: DUAL-FR named twice$' "it says which id" "$out"
out=$(roster check "$T/haiti.json" DUAL-FR dual-fr 2>&1); rc=$?
expect_eq "$rc" 2 "the same expert in two spellings is named twice (exit 2)"
out=$(roster check "$T/haiti.json" DUAL-FR NOPE-1 2>&1); rc=$?
expect_eq "$rc" 2 "an unknown id is bad input (exit 2)"

# 7. check shows the team and ends with the outcome.
out=$(roster check "$T/haiti.json" DUAL-FR DUAL-FRDZ)
expect_match '^  DUAL-FRDZ  Jean-François Benali \(FR/DZ\)$' "check lists the members with their nationalities" "$out"
expect_eq "$(printf '%s\n' "$out" | tail -1)" "hard rule failed: max_same_nationality" "check ends with the hard rule that failed"

# 7. What was inferred is said under the title line; --shortlist 0 gives
# teams only; match --help lists the ToR's keys.
cat > "$TMP/inferred.json" <<'JSON'
{"action":"I-1","title":"Protection sociale","country":"SN","team_size":2,"description":"Appui à la politique nationale de protection sociale et aux pensions d'invalidité"}
JSON
out=$(roster match "$TMP/inferred.json")
expect_match '^I-1: Protection sociale \(SN\), team of 2$' "the title line comes first" "$(printf '%s\n' "$out" | head -1)"
expect_match '^languages inferred: fr B2' "languages inferred under it" "$(printf '%s\n' "$out" | sed -n '2,3p')"
out=$(roster match "$T/haiti.json" --shortlist 0); rc=$?
expect_eq "$rc" 0 "--shortlist 0 is accepted"
expect_no_match '^Shortlist' "--shortlist 0 prints no shortlist" "$out"
expect_match '^Teams' "--shortlist 0 still prints the teams" "$out"
json=$(roster match "$T/haiti.json" --shortlist 0 --json)
expect_match '"shortlist":\[\]' "--shortlist 0 --json has an empty shortlist" "$json"
out=$(roster match --help)
expect_match 'max_same_nationality' "match --help lists the rules" "$out"
expect_match 'docs/matching.md' "match --help points to the ToR's documentation" "$out"

# 6. Each sample ToR without its languages still asks its author's first one.
want=$(grep -o '"languages":\[{"code":"[a-z]*"' "$ROOT/corpus/tors/all.jsonl" | cut -d'"' -f6)
sed 's/"languages":\[[^]]*\],//' "$ROOT/corpus/tors/all.jsonl" > "$TMP/bare.jsonl"
got=$(roster match --batch "$TMP/bare.jsonl" --shortlist 0 --teams 1 --json 2>/dev/null |
      grep -o '"inferred":{"fields":\[[^]]*\],"languages":\[{"code":"[a-z]*"' | cut -d'"' -f10)
expect_eq "$(printf '%s\n' "$got" | wc -l)" 28 "every sample ToR without languages gets one inferred"
expect_eq "$got" "$want" "each infers its author's first language"

# 8. Alternates of a team of four are four different experts.
sed 's/"team_size": *2/"team_size": 4/' "$T/haiti.json" > "$TMP/four.json"
json=$(roster match "$TMP/four.json" --json --shortlist 0)
alts=$(printf '%s' "$json" | grep -o '"alternates":\[[^]]*\]' | grep -o '"[A-Z0-9-]*"' | grep -v alternates)
expect_eq "$(printf '%s\n' "$alts" | wc -l)" 4 "a team of four has four alternates"
expect_eq "$(printf '%s\n' "$alts" | sort -u | wc -l)" 4 "the alternates are four different experts"
out=$(roster match "$TMP/four.json" --shortlist 0)
expect_eq "$(printf '%s\n' "$out" | sed -n '/^Alternates/,$p' | grep -c ' -> ')" 4 "one line per seat in text"
