# End-to-end: "no team" over the whole roster with dual nationals. Every
# holder of a nationality counts for max_same_nationality, so the fetch of
# each nationality's holders must reach holders of that nationality alone:
# here the French holders ranked first are all French-German, who share DE
# with everyone else, and the only team seats a French national ranked far
# below the pool.
. tests/e2e/lib.sh

i=0
while [ $i -lt 450 ]; do
    printf '{"id":"DE-%03d","name":"Expert %d","gender":"M","nationalities":["DE"],"status":"public","languages":[{"code":"de","level":"native"}],"fields":["E.05"],"competences":[],"summary":"Cash transfers and social assistance targeting for poor households.","cv_lang":"en"}\n' $i $i
    i=$((i + 1))
done > "$TMP/roster.jsonl"
for k in 1 2 3; do
    printf '{"id":"FRDE-%d","name":"Dual %d","gender":"F","nationalities":["FR","DE"],"status":"public","languages":[{"code":"fr","level":"native"}],"fields":["E.05"],"competences":[],"summary":"Cash transfers and social assistance targeting for poor households.","cv_lang":"en"}\n' $k $k
done >> "$TMP/roster.jsonl"
echo '{"id":"FR-ONLY","name":"Anne Morel","gender":"F","nationalities":["FR"],"status":"private","languages":[{"code":"fr","level":"native"}],"fields":["S.05"],"competences":[],"summary":"Marine biology and coral reefs.","cv_lang":"en"}' >> "$TMP/roster.jsonl"
roster import "$TMP/roster.jsonl" >/dev/null 2>&1

cat > "$TMP/tor.json" <<'JSON'
{"action": "D-1", "title": "Social assistance reform", "country": "SN", "fields": ["E.05"],
 "description": "Cash transfers and social assistance targeting for poor households.",
 "languages": [], "team_size": 2}
JSON
json=$(roster match "$TMP/tor.json" --json --shortlist 0 --teams 1); rc=$?
expect_eq "$rc" 0 "a team is found beyond the pool"
expect_match '"members":\["DE-[0-9]*","FR-ONLY"\]' "it seats the French national with a German one" "$json"
team=$(printf '%s' "$json" | grep -o '"members":\["[^"]*","[^"]*"\]' | grep -o 'DE-[0-9]*\|FR-ONLY' | tr '\n' ' ')
expect_status 0 "roster check finds no hard rule broken" -- \
    sh -c "'$ROOT/$ROSTER' check '$TMP/tor.json' $team >/dev/null; [ \$? -le 1 ]"
