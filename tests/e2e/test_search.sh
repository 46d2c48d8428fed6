# End-to-end: the query language, facets, errors.
. tests/e2e/lib.sh

roster_gen --experts 400 --seed 11 > "$TMP/roster.jsonl"
roster import "$TMP/roster.jsonl" >/dev/null 2>&1
expect_status 0 "import fixtures" -- roster import "$FIX/experts.jsonl"

total() { roster search "$@" --json --limit 0 | sed 's/^{"total":\([0-9]*\).*/\1/'; }

all=$(total '')
expect_eq "$all" 405 "empty query matches everyone"

# Hierarchical codes: a parent finds its children; counts add up.
e=$(total 'field:E'); e10=$(total 'field:E.10'); e1001=$(total 'field:E.10.01')
[ "$e" -ge "$e10" ] && [ "$e10" -ge "$e1001" ] && [ "$e1001" -gt 0 ] &&
    ok "field:E >= field:E.10 >= field:E.10.01 > 0 ($e, $e10, $e1001)" ||
    not_ok "hierarchical field counts" "$e $e10 $e1001"

# Letters and codes the facility's table lacks (O, O.30 above O.30.01) are
# codes all the same: no warning, and they find the experts under them.
held_o=$(cat "$TMP/roster.jsonl" "$FIX/experts.jsonl" | grep -c '"fields":\[[^]]*"O[."]')
out=$(roster search 'field:O' --json --limit 0 2>"$TMP/err")
expect_eq "$(cat "$TMP/err")" "" "field:O: no warning"
expect_match "^\{\"total\":$held_o," "field:O finds every expert under O ($held_o)" "$out"
[ "$held_o" -gt 0 ] && ok "the sample roster has experts under O" ||
    not_ok "no expert under O: the check above proves nothing"
expect_eq "$(total 'field:O.30' 2>&1)" "$held_o" "field:O.30: the same experts, no warning"
out=$(roster search '' --facets --limit 0)
expect_match "O \(unnamed: O\.30\.01 Vulnerable Groups\) [0-9]+" \
    "the field facet labels O by what is under it" "$out"
expect_match "P \(unnamed: P\.20\.09 People living with disabilities \(PwD\)\) [0-9]+" \
    "and P" "$out"

# Same prefix = OR, different prefixes = AND.
es=$(total 'nat:ES'); fr=$(total 'nat:FR'); both=$(total 'nat:ES nat:FR')
esfr=$(total 'nat:ES AND nat:FR')
expect_eq "$both" $((es + fr - esfr)) "nat:ES nat:FR is ES or FR"
names=$(total 'nat:Spain')
expect_eq "$names" "$es" "nat: accepts an English country name"

# Levels: at or above.
b2=$(total 'lang:fr>=B2'); c1=$(total 'lang:fr>=C1'); any=$(total 'lang:fr')
[ "$any" -ge "$b2" ] && [ "$b2" -ge "$c1" ] && [ "$c1" -gt 0 ] &&
    ok "lang:fr >= lang:fr>=B2 >= lang:fr>=C1 > 0" || not_ok "language levels" "$any $b2 $c1"

# NOT and parentheses.
notes=$(total 'NOT nat:ES')
expect_eq "$notes" $((all - es)) "NOT nat:ES is the complement"
paren=$(total '(nat:ES OR nat:FR) gender:F')
esf=$(total 'nat:ES gender:F'); frf=$(total 'nat:FR gender:F'); esfrf=$(total 'nat:ES AND nat:FR AND gender:F')
expect_eq "$paren" $((esf + frf - esfrf)) "parentheses group OR under AND"

# Free text, stemming across languages, accents folded.
out=$(roster search 'invalidité' --json)
expect_no_match '"total":0,' "a French word finds CVs" "$out"
a=$(total 'securite sociale'); b=$(total 'sécurité sociale')
expect_eq "$a" "$b" "accents are folded in queries"
expect_status 0 "phrase query" -- roster search '"social security"'

# Facets: drill-sideways counts.
out=$(roster search 'nat:ES' --facets --json --limit 0)
fr_side=$(printf '%s' "$out" | sed 's/.*"nationality":{[^}]*"FR":\([0-9]*\).*/\1/')
expect_eq "$fr_side" "$fr" "nationality facet counts as if nat: were lifted"
g=$(printf '%s' "$out" | grep -o '"gender":{[^}]*}' | grep -o '[0-9]\+' | paste -sd+ | bc)
expect_eq "$g" "$es" "other facets count within the result"

# Errors.
out=$(roster search 'feild:E.10' 2>&1); rc=$?
expect_eq "$rc" 2 "unknown prefix exits 2"
expect_match "did you mean 'field:'" "unknown prefix suggests the nearest" "$out"
expect_status 2 "bad CEFR level" -- roster search 'lang:fr>=D1'
expect_eq "$(total 'lang:french>=C1')" "$c1" "lang: takes an English name, as nat: does"
expect_eq "$(total 'lang:français>=c1')" "$c1" "and a French one"
expect_match "unknown language 'Frnch' \(did you mean fr, French\?\)" \
    "a misspelt language name: the nearest, as nat: says" "$(roster search 'lang:Frnch' 2>&1)"
expect_status 2 "bad field code" -- roster search 'field:E.1'
expect_status 2 "unknown country" -- roster search 'nat:Narnia'
expect_status 2 "unbalanced parenthesis" -- roster search '(nat:ES'
expect_status 2 "unterminated quote" -- roster search '"social'
expect_status 2 "avail range backwards" -- roster search 'avail:2027-03-20..2027-03-01'
expect_status 0 "avail range" -- roster search 'avail:2027-03-01..2027-03-20'
big=$(head -c 20000 /dev/zero | tr '\0' 'a')
expect_status 2 "overlong query" -- roster search "$big"
expect_status 0 "search --help" -- roster search --help
out=$(roster search --help)
expect_match 'lang:fr>=C1' "help lists prefixes from the field table" "$out"
