# End-to-end: searches that would quietly find nothing or everything (codes
# outside the taxonomy, lower-case operators, ids in another case, values
# in another case, empty phrases), show of several experts, counts in the
# singular, and the alignment of the search table.
. tests/e2e/lib.sh

rec() { # id name nationality languages fields
    printf '{"id":"%s","name":"%s","gender":"F","status":"public","nationalities":["%s"],"languages":[%s],"fields":[%s],"summary":"pension reform and social dialogue","cv_lang":"en"}\n' "$@"
}
rec EXP-00042 "Ana Lopez" ES '{"code":"es","level":"native"}' '"E.10"' > "$TMP/one.jsonl"
out=$(roster import "$TMP/one.jsonl" 2>&1)
expect_match '^imported 1 expert in ' "one expert imported: singular" "$out"
out=$(roster reindex 2>&1)
expect_eq "$out" "reindexed 1 expert" "one expert reindexed: singular"

many='{"code":"es","level":"native"},{"code":"en","level":"C2"},{"code":"fr","level":"C1"},{"code":"pt","level":"B2"},{"code":"it","level":"B1"},{"code":"de","level":"A2"},{"code":"nl","level":"A1"}'
{
    rec Ab.1 "Bea Long Name Of Many Words Indeed" PT '{"code":"pt","level":"native"}' '"E.10"'
    rec aB.1 "Carla" FR "$many" '"E.10","A.35"'
    rec a-very-long-expert-id-2 "Dora" IT '{"code":"it","level":"C1"}' '"E.10.01"'
} > "$TMP/more.jsonl"
out=$(roster import "$TMP/more.jsonl" 2>&1)
expect_match '^imported 3 experts in ' "three experts imported: plural" "$out"

# Well-formed codes not in the taxonomy: a warning like the ToR reader's, exit 0.
for q in field:E.11 comp:3.9; do
    out=$(roster search "$q" 2>"$TMP/err"); rc=$?
    expect_eq "$rc" 0 "$q runs (exit 0)"
    expect_match "^roster search: warning: $q: unknown (field|competence) code '$q' \(not in the taxonomy\)$" \
        "$q warns on stderr" "$(sed "s/'[^']*'/'$q'/" "$TMP/err")"
    expect_eq "$out" "0 experts" "$q: the results on stdout, as before"
done
out=$(roster search 'field:E.11' --json 2>/dev/null)
expect_eq "$out" '{"total":0,"results":[],"warnings":["field:E.11: unknown field code '"'"'E.11'"'"' (not in the taxonomy)"]}' \
    "--json carries the warnings"
out=$(roster search 'field:E.10' --json --limit 0 2>&1)
expect_eq "$out" '{"total":4,"results":[]}' "no warnings, no warnings member"

# Lower-case operators: searched as words, with a hint.
out=$(roster search 'pension or nothingatall' --json --limit 0 2>"$TMP/err"); rc=$?
expect_eq "$rc" 0 "'or' between words still runs"
expect_match '^\{"total":0,' "'or' is still a word (AND of three words)" "$out"
expect_match "^roster search: warning: 'or' is searched as a word; did you mean OR\?" \
    "'or' between words gets a hint" "$(cat "$TMP/err")"
roster search 'not pension' --limit 0 >/dev/null 2>"$TMP/err"
expect_match "did you mean NOT\?" "'not' before a word gets a hint" "$(cat "$TMP/err")"
roster search 'pension OR dialogue' --limit 0 >/dev/null 2>"$TMP/err"
expect_eq "$(cat "$TMP/err")" "" "OR in capitals: no hint"
roster search 'pension or' --limit 0 >/dev/null 2>"$TMP/err"
expect_eq "$(cat "$TMP/err")" "" "'or' not between terms: no hint"

# Ids in another case: the one id equal ignoring case.
out=$(roster search 'id:exp-00042' --json --limit 1 2>&1)
expect_match '^\{"total":1,"results":\[\{"id":"EXP-00042"' "id:exp-00042 finds EXP-00042" "$out"
out=$(roster search 'id:AB.1' 2>&1); rc=$?
expect_eq "$rc" 2 "id: equal to several ids ignoring case exits 2"
expect_match "names several experts when case is ignored: Ab.1, aB.1" "the ambiguous ids are named" "$out"
out=$(roster search 'id:Ab.1' --json --limit 0 2>&1)
expect_eq "$out" '{"total":1,"results":[]}' "an exact id is taken as it is"
out=$(roster search 'id:nobody' 2>&1 >/dev/null)
expect_match "warning: id:nobody: no expert has this id" "an unknown id warns" "$out"
out=$(roster show exp-00042)
expect_match '^EXP-00042  Ana Lopez$' "show exp-00042 shows EXP-00042" "$out"
out=$(roster show ab.1 2>&1); rc=$?
expect_eq "$rc" 2 "show of an ambiguous id exits 2"
expect_match "roster show: 'ab.1' names several experts when case is ignored: Ab.1, aB.1 \(give the exact id\)" \
    "show names the ambiguous ids" "$out"

# Values of closed sets in any case.
a=$(roster search 'sector:public' --json --limit 0); b=$(roster search 'sector:Public' --json --limit 0)
expect_eq "$b" "$a" "sector:Public works like sector:public"
expect_eq "$(roster search 'gender:f' --json --limit 0)" "$a" "gender:f too"

# Nothing to search for: an error, not every expert.
for q in '""' '-' '"-"' 'NOT ,' '(-)' '- OR -'; do
    out=$(roster search -- "$q" 2>&1); rc=$?
    expect_eq "$rc" 2 "query $q exits 2"
    expect_match "^roster search: (empty phrase|phrase|nothing to search for)" "query $q says why" "$out"
done
expect_eq "$(roster search '' --json --limit 0)" '{"total":4,"results":[]}' "the empty query still lists everyone"

# Show several: text one after another, JSON an array; all or nothing.
out=$(roster show EXP-00042 aB.1)
expect_eq "$(printf '%s\n' "$out" | grep -c '^[^ ].*  ')" 2 "show A B prints both"
out=$(roster show --json EXP-00042)
expect_match '^\{"id":"EXP-00042"' "show --json of one id: one object" "$out"
out=$(roster show --json EXP-00042 aB.1)
expect_match '^\[\{"id":"EXP-00042".*\},\{"id":"aB.1".*\}\]$' "show --json of two ids: an array" "$out"
out=$(roster show EXP-00042 nobody 2>"$TMP/err"); rc=$?
expect_eq "$rc" 2 "show with an unknown id exits 2"
expect_eq "$out" "" "and shows nothing"
expect_match "no expert with id 'nobody'" "naming the unknown id" "$(cat "$TMP/err")"

# The table: columns aligned whatever the language lists and id lengths.
out=$(roster search 'field:E' --limit 10 | tail -n +3 | sed 's/…/./g') # after the count and headings
cols=$(printf '%s\n' "$out" | awk '{ match($0, / [A-Z]\.[0-9]+[ .0-9A-Z]*$| [A-Z]\.[0-9]/); print RSTART }' | sort -u | wc -l)
expect_eq "$cols" 1 "field codes start in the same column on every row"
expect_match 'es:native en:C2 fr:C1 pt:B2\.' "a long language list is cut with an ellipsis" "$out"
expect_match 'a-very-long-expert-id-2 ' "ids are never cut" "$out"

# Many ids equal ignoring case: the first ten named, the rest marked.
for id in abcD abCd abCD aBcd aBcD aBCd aBCD Abcd AbcD AbCd AbCD ABcd; do
    rec "$id" "Eve" DE '{"code":"de","level":"native"}' '"E.10"'
done > "$TMP/case.jsonl"
roster import "$TMP/case.jsonl" >/dev/null 2>&1
out=$(roster show ABCd 2>&1); rc=$?
expect_eq "$rc" 2 "twelve ids equal ignoring case: exit 2"
expect_eq "$out" "roster show: 'ABCd' names several experts when case is ignored: ABcd, AbCD, AbCd, AbcD, Abcd, aBCD, aBCd, aBcD, aBcd, abCD, ... (give the exact id)" \
    "the first ten are named, then ..."
