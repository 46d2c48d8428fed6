# End-to-end: "no feasible team" is said of the whole roster, not of the
# candidates ranked by text. The only experts who meet the ToR's languages
# share no word or code with it, so text retrieval never reaches them.
. tests/e2e/lib.sh

# 2,000 generated experts without any Swahili, nor Portuguese at C2.
roster_gen --experts 2000 --seed 9 |
    grep -v '"code":"sw"' |
    sed 's/"code":"pt","level":"\(C2\|native\)"/"code":"pt","level":"C1"/' > "$TMP/roster.jsonl"
cat > "$TMP/rare.jsonl" <<'JSON'
{"id":"RARE-SW1","name":"Amani Mwakilema","gender":"F","nationalities":["TZ"],"status":"private","languages":[{"code":"sw","level":"C2"},{"code":"en","level":"B1"}],"fields":["S.05"],"competences":[],"summary":"Telecommunications engineer, fibre networks and radio spectrum.","cv_lang":"en"}
{"id":"RARE-SW2","name":"Juma Otieno","gender":"M","nationalities":["KE"],"status":"private","languages":[{"code":"sw","level":"C2"}],"fields":["S.05"],"competences":[],"summary":"Satellite ground stations, antenna maintenance.","cv_lang":"en"}
{"id":"RARE-PT1","name":"Inês Valadares","gender":"F","nationalities":["PT"],"status":"private","languages":[{"code":"pt","level":"C2"}],"fields":["S.05"],"competences":[],"summary":"Fibre networks, radio spectrum planning.","cv_lang":"en"}
JSON
roster import "$TMP/roster.jsonl" "$TMP/rare.jsonl" >/dev/null 2>&1

tor() { # tor NAME RULES LANGUAGES [TEAM_SIZE]: a ToR asking E.05, team of 2
    cat > "$TMP/$1.json" <<JSON
{"action": "$1", "title": "Social assistance reform", "country": "SN", "fields": ["E.05"],
 "description": "Cash transfers and social assistance targeting for poor households.",
 "languages": [$3], "team_size": ${4:-2}, "rules": {$2}}
JSON
}
LANGS='{"code": "sw", "level": "C2"}, {"code": "pt", "level": "C2"}'

# The qualifying experts exist, but far below the pool of 400.
out=$(roster search 'lang:sw>=C2')
expect_match '^2 experts' "two experts speak sw at C2" "$out"
json=$(roster search 'social assistance cash transfers households' --json --limit 400)
expect_no_match 'RARE-' "no qualifying expert is among the 400 best by text" "$json"

tor rare '' "$LANGS"
text=$(roster match "$TMP/rare.json"); rc=$?
expect_eq "$rc" 0 "a team is found though no pool candidate speaks sw or pt at C2"
json=$(roster match "$TMP/rare.json" --json --teams 1)
team=$(printf '%s' "$json" | grep -o '"members":\["[^"]*","[^"]*"\]' | head -1 |
       grep -o 'RARE-[A-Z0-9]*\|EXP-[0-9]*' | tr '\n' ' ')
expect_match 'RARE-PT1' "the team seats the only pt C2 speaker" "$team"
expect_match 'RARE-SW[12]' "the team seats a sw C2 speaker" "$team"
set -- $team none none
expect_status 0 "roster check passes the team (no rule fails)" -- \
    sh -c "'$ROOT/$ROSTER' check '$TMP/rare.json' $1 $2; [ \$? -le 1 ]"

# "candidates considered" is one number, in text and JSON alike.
n_text=$(printf '%s\n' "$text" | sed -n 's/^\([0-9]*\) candidates considered.*/\1/p')
n_json=$(printf '%s' "$json" | grep -o '"candidates_considered":[0-9]*' | cut -d: -f2)
expect_eq "$n_text" "$n_json" "text and JSON report the same candidates considered"
expect_match '^[0-9]+$' "candidates considered is a number" "$n_text"

# No team anywhere: the sw speakers are all Kenyan or Tanzanian.
tor none '"exclude_nationalities": ["KE", "TZ"]' "$LANGS"
out=$(roster match "$TMP/none.json"); rc=$?
expect_eq "$rc" 3 "no team in the whole roster still exits 3"
expect_match 'No team meets the hard rules' "the text says there is no team" "$out"
json=$(roster match "$TMP/none.json" --json)
expect_match '"whole_roster":true' "the answer holds for the whole roster" "$json"
expect_match '"remedies":\["drop the sw requirement","allow nationals of KE","allow nationals of TZ"\]' \
    "the remedies reach experts outside the pool" "$json"
# Each remedy gives a team when applied.
tor drop_sw '"exclude_nationalities": ["KE", "TZ"]' '{"code": "pt", "level": "C2"}'
expect_status 0 "remedy: drop the sw requirement" -- roster match "$TMP/drop_sw.json"
tor allow_ke '"exclude_nationalities": ["TZ"]' "$LANGS"
expect_status 0 "remedy: allow nationals of KE" -- roster match "$TMP/allow_ke.json"
tor allow_tz '"exclude_nationalities": ["KE"]' "$LANGS"
expect_status 0 "remedy: allow nationals of TZ" -- roster match "$TMP/allow_tz.json"

# Remedies are checked over the roster too: with Portugal's nationals
# excluded, the smallest step is pt at C1, and the team it gives still
# needs a sw speaker from outside the pool.
tor pt_out '"exclude_nationalities": ["PT"]' "$LANGS"
json=$(roster match "$TMP/pt_out.json" --json); rc=$?
expect_eq "$rc" 3 "without the only pt C2 speaker there is no team"
expect_match '"remedies":\["lower pt to C1"' "the smallest pt step uses the roster's C1 speakers" "$json"
tor pt_c1 '"exclude_nationalities": ["PT"]' '{"code": "sw", "level": "C2"}, {"code": "pt", "level": "C1"}'
expect_status 0 "remedy: lower pt to C1" -- roster match "$TMP/pt_c1.json"

# Five asked languages that over 200 experts speak each are more than the
# fetch covers: no one expert meets them all and sw C2, but the answer does
# not claim the roster holds nobody who does.
WIDE='{"code": "en", "level": "A1"}, {"code": "fr", "level": "A1"}, {"code": "es", "level": "A1"}, {"code": "de", "level": "A1"}, {"code": "it", "level": "A1"}'
tor wide '' "$WIDE, {\"code\": \"sw\", \"level\": \"C2\"}" 1
out=$(roster match "$TMP/wide.json"); rc=$?
expect_eq "$rc" 3 "no team found among the candidates exits 3"
expect_match 'No team found among the candidates considered; too many' \
    "the text says the roster was not searched in full" "$out"
json=$(roster match "$TMP/wide.json" --json)
expect_match '"whole_roster":false' "the JSON says so too" "$json"

# A language nobody admitted speaks settles it at once, whatever the others.
tor unmet '"exclude_nationalities": ["KE", "TZ"]' "$WIDE, {\"code\": \"sw\", \"level\": \"C2\"}"
json=$(roster match "$TMP/unmet.json" --json); rc=$?
expect_eq "$rc" 3 "no admitted sw speaker: no team"
expect_match '"whole_roster":true' "that holds for the whole roster" "$json"
