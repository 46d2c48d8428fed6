# roster-gen end to end: usage and errors, determinism, runs that are
# prefixes of longer runs, the shape of the output, and `roster import`
# taking it whole. Field-level validity and calibration: tests/unit/test_gen.c.
. tests/e2e/lib.sh

expect_status 0 "--help exits 0" -- roster_gen --help
expect_match "--experts N" "--help describes --experts" "$(roster_gen --help)"

expect_status 2 "no arguments is a usage error" -- roster_gen
expect_match "--experts N is required" "missing --experts is named" "$(roster_gen 2>&1)"
expect_status 2 "a count that is not a number" -- roster_gen --experts 12x
expect_match "not '12x'" "the bad count is quoted" "$(roster_gen --experts 12x 2>&1)"
expect_status 2 "a negative count" -- roster_gen --experts -3
expect_status 2 "a count above the maximum" -- roster_gen --experts 100000001
expect_status 2 "--experts without a value" -- roster_gen --experts
expect_status 2 "--experts twice" -- roster_gen --experts 1 --experts 2
expect_status 2 "a seed beyond 64 bits" -- roster_gen --experts 1 --seed 18446744073709551616
expect_status 2 "an unknown option" -- roster_gen --experts 1 --sed 3
expect_match "unknown argument '--sed'" "the unknown option is named" \
    "$(roster_gen --experts 1 --sed 3 2>&1)"

expect_eq "$(roster_gen --experts 0 | wc -c | tr -d ' ')" 0 "--experts 0 prints nothing"
expect_eq "$(roster_gen --experts=2 --seed=18446744073709551615 | wc -l | tr -d ' ')" 2 \
    "--name=value forms and the largest seed"

roster_gen --experts 300 --seed 11 >"$TMP/a.jsonl"
roster_gen --experts 300 --seed 11 >"$TMP/b.jsonl"
roster_gen --experts 1000 --seed 11 | head -n 300 >"$TMP/prefix.jsonl"
roster_gen --experts 300 --seed 12 >"$TMP/other.jsonl"
expect_eq "$(wc -l <"$TMP/a.jsonl" | tr -d ' ')" 300 "300 experts, one per line"
if cmp -s "$TMP/a.jsonl" "$TMP/b.jsonl"; then ok "same seed, same bytes"; else not_ok "same seed, same bytes"; fi
if cmp -s "$TMP/a.jsonl" "$TMP/prefix.jsonl"; then ok "a run is the prefix of a longer run"
else not_ok "a run is the prefix of a longer run"; fi
if cmp -s "$TMP/a.jsonl" "$TMP/other.jsonl"; then not_ok "another seed, another roster"
else ok "another seed, another roster"; fi

expect_match '^\{"id":"EXP-00001","name":"' "ids start at EXP-00001" "$(head -n 1 "$TMP/a.jsonl")"
expect_match '^\{"id":"EXP-00300",' "the last id is EXP-00300" "$(tail -n 1 "$TMP/a.jsonl")"
expect_eq "$(grep -c '"summary":"[^"]' "$TMP/a.jsonl")" 300 "every expert has a summary"
expect_eq "$(grep -c '"cv_lang":"\(en\|fr\|es\|pt\)"' "$TMP/a.jsonl")" 300 "CV languages en/fr/es/pt"
expect_match 'é' "text is UTF-8 with its accents, not \\u escapes" "$(cat "$TMP/a.jsonl")"
expect_no_match '\\u00' "no escaped accents" "$(cat "$TMP/a.jsonl")"
bytes=$(wc -c <"$TMP/a.jsonl" | tr -d ' ')
per=$((bytes / 300))
if [ "$per" -ge 1300 ] && [ "$per" -le 2100 ]; then ok "about 1.5-2 KB per expert ($per)"
else not_ok "about 1.5-2 KB per expert" "$per bytes"; fi

if [ -w /dev/full ]; then
    expect_status 1 "a write error exits 1" -- sh -c "'$ROOT/$ROSTER_GEN' --experts 50 >/dev/full"
fi

expect_status 0 "roster import takes a generated roster whole" -- roster import "$TMP/a.jsonl"

# --truth: one line of hidden truth per expert, the roster's bytes unchanged.
roster_gen --experts 40 --seed 11 --truth "$TMP/truth.jsonl" >"$TMP/with-truth.jsonl"
if head -n 40 "$TMP/a.jsonl" | cmp -s - "$TMP/with-truth.jsonl"; then
    ok "--truth leaves the roster as it was"
else
    not_ok "--truth leaves the roster as it was"
fi
expect_eq "$(wc -l <"$TMP/truth.jsonl" | tr -d ' ')" 40 "one truth line per expert"
expect_match '^\{"id":"EXP-00001","fields":\{"[A-Z][.0-9]*":[0-9]+' "truth: id, then field shares" \
    "$(head -n 1 "$TMP/truth.jsonl")"
expect_match '"languages":\{"[a-z][a-z]":"(native|[ABC][12])"' "truth: true language levels" \
    "$(head -n 1 "$TMP/truth.jsonl")"
expect_status 2 "--truth without a file" -- roster_gen --experts 1 --truth
expect_status 2 "--truth twice" -- roster_gen --experts 1 --truth a --truth b
expect_status 1 "--truth into a missing directory" -- roster_gen --experts 1 --truth "$TMP/no/such"
