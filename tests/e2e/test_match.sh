# End-to-end: roster match (shortlist, teams, infeasible, batch) and roster check.
. tests/e2e/lib.sh
T="$FIX/tors"

roster_gen --experts 500 --seed 5 > "$TMP/roster.jsonl"
roster import "$TMP/roster.jsonl" >/dev/null 2>&1
# An expert who would fit the Haitian ToR but is away during its window.
cat > "$TMP/away.jsonl" <<'JSON'
{"id":"AWAY-1","name":"Odile Absente","gender":"F","nationalities":["BE"],"status":"public","languages":[{"code":"fr","level":"native"}],"fields":["E.10","E.05"],"competences":["1.2"],"summary":"Politique nationale de protection sociale, pensions d'invalidité, assistance sociale, transferts monétaires","cv_lang":"fr","unavailable":[{"from":"2027-03-10","to":"2027-04-10"}]}
JSON
roster import "$TMP/away.jsonl" >/dev/null 2>&1

json=$(roster match "$T/haiti.json" --json); rc=$?
expect_eq "$rc" 0 "feasible ToR exits 0"
expect_match '"action":"2019-27"' "answer names the action" "$json"
expect_match '"infeasible":null' "feasible ToR has no infeasible" "$json"
n=$(printf '%s' "$json" | grep -o '"parts":' | wc -l)
expect_eq "$n" 20 "shortlist of 20 by default"
teams=$(printf '%s' "$json" | grep -o '"members":\[[^]]*\]' | wc -l)
expect_eq "$teams" 3 "three teams by default"
expect_match '"why":\["[^"]+' "candidates come with reasons" "$json"
expect_no_match '"id":"AWAY-1"' "an expert unavailable in the window is not proposed" "$json"

json=$(roster match "$T/haiti.json" --json --teams 1 --shortlist 5)
n=$(printf '%s' "$json" | grep -o '"parts":' | wc -l)
expect_eq "$n" 5 "--shortlist 5"
teams=$(printf '%s' "$json" | grep -o '"members":\[[^]]*\]' | wc -l)
expect_eq "$teams" 1 "--teams 1"

# Each team has two nationalities.
team=$(printf '%s' "$json" | grep -o '"members":\["[^"]*","[^"]*"\]' | head -1 | grep -o 'EXP-[0-9]*\|AWAY-1' | tr '\n' ' ')
set -- $team
expect_status 0 "check of the proposed team passes or warns" -- sh -c "'$ROOT/$ROSTER' check '$T/haiti.json' $1 $2; [ \$? -le 1 ]"
out=$(roster check "$T/haiti.json" $1 $2)
expect_match 'pass +min_nationalities' "check reports min_nationalities" "$out"

# Two experts of one nationality break max_same_nationality.
fr=$(roster search 'nat:FR lang:fr>=B2' --json --limit 2 | grep -o '"id":"[^"]*"' | cut -d'"' -f4 | tr '\n' ' ')
out=$(roster check "$T/haiti.json" $fr); rc=$?
expect_eq "$rc" 3 "a team of two French experts fails (exit 3)"
expect_match 'fail +max_same_nationality' "the failing rule is named" "$out"
out=$(roster check "$T/haiti.json" $fr --json)
expect_match '"rule":"max_same_nationality","status":"fail"' "check --json gives the rules array" "$out"
expect_status 2 "check with an unknown id exits 2" -- roster check "$T/haiti.json" NOPE-1 NOPE-2
expect_status 2 "check without ids exits 2" -- roster check "$T/haiti.json"

# Infeasible: nobody speaks Icelandic.
out=$(roster match "$T/icelandic.json"); rc=$?
expect_eq "$rc" 3 "infeasible ToR exits 3"
json=$(roster match "$T/icelandic.json" --json)
expect_match '"infeasible":\{"rule":"languages_covered"' "the binding rule is languages_covered" "$json"
expect_match '"remedies":\["[^"]+' "remedies are proposed" "$json"

# A field the facility's table lacks (O, above O.30.01) is a code of the
# ToR like any other: no warning, and it scores the experts under it.
sed 's/"fields": \[[^]]*\]/"fields": ["O"]/' "$T/haiti.json" > "$TMP/field-o.json"
json=$(roster match "$TMP/field-o.json" --json 2>"$TMP/err"); rc=$?
expect_eq "$rc" 0 "a ToR with field O is matched"
expect_eq "$(cat "$TMP/err")" "" "with no warning on field O"
expect_match '"why":\["O matches O\.30' "an expert under O is credited for it" "$json"

# A ToR without codes gets codes inferred from its words.
json=$(roster match "$T/no-codes.json" --json)
expect_match '"inferred":\{"fields":\[[^]]*"N.10.01"' "labour inspection inferred from Spanish text" "$json"

# Bad input.
out=$(roster match "$T/bad.json" 2>&1); rc=$?
expect_eq "$rc" 2 "bad ToR exits 2"
expect_match 'bad\.json:[0-9]+: (title|country|team_size): ' "bad ToR names file:line: field" "$out"
expect_status 2 "missing ToR file" -- roster match "$TMP/none.json"
expect_status 2 "bad --teams" -- roster match "$T/haiti.json" --teams 0

# Batch: one JSON line per ToR, the bad one with its errors.
out=$(roster match --batch "$T/batch.jsonl" 2>/dev/null); rc=$?
lines=$(printf '%s\n' "$out" | wc -l)
expect_eq "$lines" 3 "--batch answers one line per ToR"
expect_match '^\{"action":"B-1"' "first batch line is B-1" "$(printf '%s\n' "$out" | sed -n 1p)"
expect_match '"errors":\[' "bad batch line answers with its errors" "$(printf '%s\n' "$out" | sed -n 3p)"
expect_eq "$rc" 2 "--batch with a bad line exits 2"

# Hard-rule filters: excluded nationality and excluded id.
top=$(roster match "$T/haiti.json" --json | grep -o '"shortlist":\[{"id":"[^"]*"' | cut -d'"' -f6)
sed "s/\"team_size\": 2,/\"team_size\": 2, \"rules\": {\"exclude\": [\"$top\"], \"exclude_nationalities\": [\"FR\"]},/" \
    "$T/haiti.json" > "$TMP/excl.json"
json=$(roster match "$TMP/excl.json" --json)
expect_no_match "\"id\":\"$top\"" "an excluded id is never proposed" "$json"
frs=$(roster search 'nat:FR' --json --limit 1000 | grep -o '"id":"[^"]*"' | cut -d'"' -f4)
leak=""; for id in $frs; do printf '%s' "$json" | grep -q "\"id\":\"$id\"" && leak="$leak $id"; done
expect_eq "$leak" "" "no expert of an excluded nationality is proposed"

# max_load_days: the index's filter and the matcher's rule agree.
sed 's/"team_size": 2,/"team_size": 2, "rules": {"max_load_days": 10},/' "$T/haiti.json" > "$TMP/load.json"
json=$(roster match "$TMP/load.json" --json --shortlist 100)
over=$(printf '%s' "$json" | grep -oE '"(1[1-9]|[2-9][0-9]|[1-9][0-9][0-9]+) mission days in last 12 months"' | head -3)
expect_eq "$over" "" "no candidate above max_load_days is proposed"
expect_match '"([1-9]|10) mission days? in last 12 months"' "candidates at or under the limit remain" "$json"
