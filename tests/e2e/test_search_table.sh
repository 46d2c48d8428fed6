# End-to-end: what the search table and facets show a reader (column
# headings over aligned columns, a score column only when the query ranks,
# matching field codes at or under the one asked, facet values with their
# names) and -term exclusions from the command line.
. tests/e2e/lib.sh

rec() { # id name nationality status fields summary
    printf '{"id":"%s","name":"%s","gender":"F","status":"%s","nationalities":["%s"],"languages":[{"code":"es","level":"native"},{"code":"en","level":"C1"}],"fields":[%s],"summary":"%s","cv_lang":"en"}\n' \
        "$1" "$2" "$4" "$3" "$5" "$6"
}
{
    rec EXP-1 "Ana Lopez" ES public '"E","E.10.01"' "pension reform"
    rec EXP-2 "Bea Costa" PT retired_public '"E"' "pension schemes"
    rec EXP-3 "Carla Rossi" IT academic '"E.10","A.35"' "social dialogue"
    rec EXP-4 "Dora Weiss" DE private '"A.35"' "pension reform and social dialogue"
} > "$TMP/t.jsonl"
roster import "$TMP/t.jsonl" >/dev/null 2>&1

# Headings: one row, over the columns, scores only when words rank.
out=$(roster search 'pension')
header=$(printf '%s\n' "$out" | sed -n 2p)
expect_match '^  #  id +name +nationality +languages +score  fields$' "a heading row names the columns" "$header"
row=$(printf '%s\n' "$out" | sed -n 3p)
expect_match '^  1  EXP-[0-9] ' "rows follow the heading" "$row"
col() { printf '%s\n' "$1" | awk -v w="$2" '{ print index($0, w) }'; }
expect_eq "$(col "$row" 'es:native')" "$(col "$header" 'languages')" "languages start under their heading"
codes=$(printf '%s\n' "$row" | cut -c"$(col "$header" 'fields')"-)
expect_match '^[A-E](\.[0-9]+)*( |$)' "field codes start under their heading" "$codes"
expect_match '^  1  EXP-[0-9] .* [0-9]\.[0-9][0-9]  [A-E]' "each row has its score before the codes" "$row"
out=$(roster search 'nat:ES nat:PT')
expect_no_match 'score' "filters alone do not rank: no score column" "$out"
expect_match '^  #  id +name +nationality +languages +fields$' "and the heading says so" "$out"
out=$(roster search 'zzzz')
expect_eq "$out" "0 experts" "no heading without rows"

# field:E.10: codes at or under E.10, the parent E only when nothing under it.
out=$(roster search 'field:E.10 OR pension')
expect_match '^  #  id .*score  fields matched$' "with field: the heading says only matched codes show" "$out"
expect_match 'EXP-1 .*  E\.10\.01$' "an expert with E and E.10.01: only E.10.01 shown" "$out"
expect_match 'EXP-2 .*  E \(broader\)$' "an expert with only E: E, marked broader" "$out"
expect_match 'EXP-3 .*  E\.10$' "an expert with E.10: E.10" "$out"
expect_match 'EXP-4 .*[0-9]  $' "an expert matched by words only: no code" "$out"
json=$(roster search 'field:E.10 OR pension' --json | sed 's/{"id"/\n{"id"/g')
expect_match '"id":"EXP-1".*"matching_fields":\["E\.10\.01"\]' "JSON: the same codes" "$json"
expect_match '"id":"EXP-2".*"matching_fields":\["E"\]' "JSON: the broader code alone" "$json"

# Facets in text: values with their names; JSON keeps the bare values.
out=$(roster search '' --facets --limit 0)
expect_match '^field +E Social Protection 3, A Work 2$' "field letters with their label" "$out"
expect_match '^language +en English 4, es Spanish 4$' "languages with their name" "$out"
expect_match '^nationality +DE Germany 1, ES Spain 1, IT Italy 1, PT Portugal 1$' \
    "nationalities with the country's name" "$out"
expect_match '^sector +academic 1, private sector 1, public sector 1, retired public servant 1$' \
    "sectors in the words show and match reasons use" "$out"
json=$(roster search '' --facets --limit 0 --json)
expect_match '"field":\{"E":3,"A":2\}' "JSON facets unchanged: bare letters" "$json"
expect_match '"sector":\{[^}]*"retired_public":1' "JSON facets unchanged: sector values" "$json"

# -term excludes, as NOT does; exclusions only: everyone but those.
total() { roster search --json --limit 0 -- "$@" | sed 's/^{"total":\([0-9]*\).*/\1/'; }
expect_eq "$(total 'pension reform')" 2 "pension reform: both words"
expect_eq "$(total 'pension -reform')" 1 "pension -reform: pension without reform"
expect_eq "$(total '-nat:ES')" 3 "-nat:ES: everyone but the Spanish expert"
expect_eq "$(total 'pension -"pension reform"')" 1 "-\"phrase\" excludes the phrase"
expect_eq "$(total 'socio-economic')" 0 "a hyphen inside a word is text"
out=$(roster search -nat:ES 2>&1); rc=$?
expect_eq "$rc" 2 "a query starting with - before -- is taken for an option"
expect_match "goes after '--': roster search -- '-nat:ES'" "the error says how to write it" "$out"
out=$(roster search -- '-' 2>&1); rc=$?
expect_eq "$rc" 2 "a bare - is still an error"
out=$(roster search --facets --limit 0 -- '-nat:ES')
expect_match '^nationality +DE Germany 1, IT Italy 1, PT Portugal 1$' \
    "an exclusion narrows its own facet, as NOT does" "$out"
