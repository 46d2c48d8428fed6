# End-to-end: the facility's principles as the ToR's defaults — the partner's
# own nationals excluded, an EU national in every team (min_eu_members), and
# working languages inferred when the ToR gives none, reported in text and JSON.
. tests/e2e/lib.sh

# On this roster, four of the 28 sample ToRs used to get a top team with no
# EU national, and a bare ToR for Peru seated Peruvian nationals.
roster_gen --experts 2000 --seed 42 > "$TMP/roster.jsonl"
roster import "$TMP/roster.jsonl" >/dev/null 2>&1

answers=$(roster match --batch "$ROOT/corpus/tors/all.jsonl" --json)
expect_eq "$(printf '%s\n' "$answers" | grep -c '"infeasible":null')" 28 \
    "every sample ToR gets a team"
expect_eq "$(printf '%s\n' "$answers" | grep -o '"rule":"min_eu_members","status":"pass"' | wc -l)" \
    "$(printf '%s\n' "$answers" | grep -o '"members":' | wc -l)" \
    "every team of every sample ToR has an EU national"

# A bare ToR for Peru, in Spanish: no languages, no rules.
cat > "$TMP/peru.json" <<'JSON'
{"action":"T-1","title":"Apoyo al Ministerio de Trabajo","country":"PE","description":"El Ministerio de Trabajo y Promoción del Empleo quiere mejorar la inspección del trabajo y los servicios de empleo para los jóvenes de las regiones."}
JSON
peruvians=$(roster search 'nat:PE' --json --limit 1000 | grep -o '"id":"[^"]*"' | cut -d'"' -f4)
expect_match '.' "the roster holds Peruvian nationals" "$peruvians"
json=$(roster match "$TMP/peru.json" --json); rc=$?
expect_eq "$rc" 0 "a bare ToR for Peru gets a team"
seated=$(printf '%s' "$json" | grep -o '"members":\[[^]]*\]' | grep -o 'EXP-[0-9]*' | sort -u)
clash=""
for id in $seated; do
    printf '%s\n' "$peruvians" | grep -Fxq "$id" && clash="$clash $id"
done
expect_eq "$clash" "" "no team seats a Peruvian national"
expect_match '"rule":"exclude_nationalities","status":"pass","detail":"no member holds PE"' \
    "exclude_nationalities defaults to the partner country" "$json"
expect_match '"inferred":\{"fields":\[[^]]*\],"languages":\[\{"code":"es","level":"B2","basis":"the description is in es, a language of PE"\}\],"likely_fields":\[\{"code":"[A-Z][.0-9]*","score":[0-9.]+,"evidence":\["[^]]*\]\}' \
    "the inferred language is reported in JSON, then the likely fields" "$json"
n_teams=$(printf '%s' "$json" | grep -o '"members":' | wc -l)
n_spanish=$(printf '%s' "$json" | grep -o '"rule":"languages_covered","status":"pass","detail":"es [^"]*' | wc -l)
expect_eq "$n_spanish" "$n_teams" "every team speaks Spanish"
out=$(roster match "$TMP/peru.json")
expect_match '^languages inferred: es B2 \(the description is in es, a language of PE\)$' \
    "the inferred language is reported in text" "$out"

# A team of one is a Spanish-speaking EU national.
sed 's/"country":"PE"/"country":"PE","team_size":1/' "$TMP/peru.json" > "$TMP/peru1.json"
json=$(roster match "$TMP/peru1.json" --json --teams 3)
for id in $(printf '%s' "$json" | grep -o '"members":\["[^"]*"\]' | grep -o 'EXP-[0-9]*'); do
    hit=$(roster search "id:$id lang:es>=B2" --json | grep -o "\"id\":\"$id\"")
    expect_eq "$hit" "\"id\":\"$id\"" "team of one: $id speaks Spanish at B2"
done
expect_no_match '"rule":"min_eu_members","status":"fail"' "team of one: an EU national" "$json"

# check: a Peruvian in the team fails; [] allows the partner's nationals.
pe=$(printf '%s\n' "$peruvians" | head -1)
out=$(roster check "$TMP/peru.json" "$pe" $(printf '%s\n' "$seated" | head -1)); rc=$?
expect_eq "$rc" 3 "check: a Peruvian national fails the default exclusion"
expect_match "fail +exclude_nationalities +$pe holds PE" "check names the Peruvian" "$out"
sed 's/"country":"PE"/"country":"PE","rules":{"exclude_nationalities":[]}/' "$TMP/peru.json" \
    > "$TMP/peru-open.json"
out=$(roster check "$TMP/peru-open.json" "$pe" $(printf '%s\n' "$seated" | head -1))
expect_match 'pass +exclude_nationalities +none excluded' "exclude_nationalities [] allows them" "$out"

# Infeasible when no EU national may come: the remedy names the rule.
cat > "$TMP/no-eu.json" <<'JSON'
{"action":"T-2","title":"Empleo","country":"PE","languages":[],"rules":{"exclude_nationalities":["AT","BE","BG","CY","CZ","DE","DK","EE","ES","FI","FR","GR","HR","HU","IE","IT","LT","LU","LV","MT","NL","PL","PT","RO","SE","SI","SK"]}}
JSON
json=$(roster match "$TMP/no-eu.json" --json); rc=$?
expect_eq "$rc" 3 "no EU national allowed: no team (exit 3)"
expect_match '"infeasible":\{"rule":"min_eu_members"' "min_eu_members binds" "$json"
expect_match '"relax min_eu_members to 0"' "the remedy relaxes min_eu_members" "$json"
