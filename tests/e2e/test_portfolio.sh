# Over-representation end to end, one definition for report, match and
# check: on a generated roster the best team of every sample ToR is warned
# only about nationalities `roster report` lists as over-represented, so a
# Spanish or French member at their fair share passes and `check` of the
# best team exits 0; once missions make Spain truly over-represented, the
# report lists it and the same team is warned (exit 1). No output shows -0.
# Exact thresholds and the agreement on a built roster: tests/unit/test_portfolio.c.
. tests/e2e/lib.sh

TORS="$ROOT/corpus/tors"
COLOMBIA="$TORS/2020-18-colombia.json"

roster_gen --experts 1000 --seed 42 >"$TMP/roster.jsonl"
expect_status 0 "import the generated roster" -- roster import "$TMP/roster.jsonl"

# The keys the report lists as over-represented, space-separated.
over_represented() {
    roster report --json | sed 's/.*"over_represented"://; s/,"notes":.*//' |
        grep -o '"key":"[A-Z]*"' | cut -d'"' -f4 | tr '\n' ' '
}

# The members of the best team of a ToR, space-separated.
best_team() {
    roster match "$1" --json --teams 1 |
        sed -n 's/.*"teams":\[{"members":\[\([^]]*\)\].*/\1/p' | tr -d '"' | tr ',' ' '
}

# Every sample ToR's best team: the nationalities its portfolio_balance
# verdict names must all be in the report's list. Prints the offenders.
warned_outside_report() {
    over=" $1 "
    roster match --batch "$TORS/all.jsonl" --teams 1 --json 2>/dev/null |
        sed -n 's/.*"rule":"portfolio_balance","status":"warn","detail":"\([^"]*\)".*/\1/p' |
        grep -o ': [A-Z][A-Z] ' | cut -d' ' -f2 | sort -u |
        while read -r nat; do
            case "$over" in *" $nat "*) ;; *) printf '%s ' "$nat" ;; esac
        done
}

over=$(over_represented)
expect_no_match '(^| )(ES|FR)( |$)' "the report finds Spain and France at their fair share" "$over"
expect_eq "$(warned_outside_report "$over")" "" \
    "no best team is warned about a nationality the report does not list"

team=$(best_team "$COLOMBIA")
expect_match '^EXP-[0-9]+ EXP-[0-9]+$' "Colombia has a best team of two" "$team"
spanish_member=$(roster match "$COLOMBIA" --teams 1 | grep -o 'EXP-[0-9]* [^(,]*(ES)' |
    head -n 1 | cut -d' ' -f1)
expect_match '^EXP-[0-9]+$' "the best team for Colombia has a Spanish member" "$spanish_member"
# shellcheck disable=SC2086 # the ids are words
expect_status 0 "check of that team exits 0: no one is over-represented" -- \
    roster check "$COLOMBIA" $team
# shellcheck disable=SC2086
expect_match '^pass  portfolio_balance +no member.s nationality over-represented' \
    "its portfolio verdict passes" "$(roster check "$COLOMBIA" $team)"

# Now make Spain truly over-represented: 270 recent days for one Spanish
# expert outside the team (the recent window is 2025-11-01..2026-10-31).
spanish=$(grep '"nationalities":\["ES"\]' "$TMP/roster.jsonl" | grep '"missions":\[\]' |
    grep -v -e "\"id\":\"${team% *}\"" -e "\"id\":\"${team#* }\"" | head -n 1)
missions='"missions":[{"country":"PE","from":"2026-02-01","to":"2026-06-30","days":150},{"country":"BO","from":"2026-07-01","to":"2026-10-30","days":120}]'
printf '%s\n' "$spanish" | sed "s/\"missions\":\[\]/$missions/" >"$TMP/busy.jsonl"
expect_status 0 "re-import a Spanish expert with 270 recent mission days" -- \
    roster import "$TMP/busy.jsonl"
over=$(over_represented)
expect_match '(^| )ES( |$)' "the report now lists Spain as over-represented" "$over"
# shellcheck disable=SC2086
expect_status 1 "check of the same team now exits 1 (a warning)" -- roster check "$COLOMBIA" $team
# shellcheck disable=SC2086
expect_match "^warn  portfolio_balance +$spanish_member: ES over-represented, [0-9.]+% of recent mission days for [0-9.]+% of the roster \\(ratio [0-9.]+\\)" \
    "the warning names the Spanish member and the report's ratio" "$(roster check "$COLOMBIA" $team)"
expect_eq "$(warned_outside_report "$over")" "" \
    "best teams are still warned only about what the report lists"

# No negative zero in any number shown, text or JSON.
text=$(for t in "$TORS"/*.json; do roster match "$t" --teams 3; done 2>&1)
expect_match 'portfolio (0\.000|-0\.[0-9]*[1-9])' "the portfolio part of a team score is shown" "$text"
expect_no_match '(^|[^0-9])-0\.0*([^0-9]|$)' "match text never shows -0" "$text"
json=$(roster match --batch "$TORS/all.jsonl" --json 2>&1; roster report --json)
expect_no_match '(^|[^0-9])-0(\.0*)?([^0-9.]|$)' "match and report JSON never show -0" "$json"
