# roster report end to end: an empty roster, a generated one (text, JSON
# keys, the recent window by default, --all, --since in both date forms, bad
# dates), the SVG chart, and usage errors. Exact shares and thresholds:
# tests/unit/test_report.c.
. tests/e2e/lib.sh

# The top-level counts of a --json report: experts mobilised missions days.
counts() {
    sed -n 's/^{"period":{[^}]*},"experts":\([0-9]*\),"mobilised":\([0-9]*\),"missions":\([0-9]*\),"days":\([0-9]*\),.*/\1 \2 \3 \4/p'
}

: > "$TMP/empty.jsonl"
expect_status 0 "an import of nothing makes an empty roster" -- roster import "$TMP/empty.jsonl"
expect_status 0 "report on an empty roster" -- roster report
out=$(roster report)
expect_match '^Roster: 0 experts' "an empty roster says so" "$out"
expect_match 'no mission days in the period' "an empty roster has no concentration" "$out"
expect_eq "$(roster report --json | counts)" "0 0 0 0" "empty roster: zero counts in JSON"

roster_gen --experts 300 --seed 3 >"$TMP/roster.jsonl"
expect_status 0 "import the generated roster" -- roster import "$TMP/roster.jsonl"

expect_status 0 "report exits 0" -- roster report
out=$(roster report)
expect_match '^Roster: 300 experts' "text counts the roster" "$out"
expect_match '^Nationality \(first listed\) +experts +% roster \| +mobilised +missions +days +% days \| +days/roster$' \
    "nationality table header: each column named once, in groups" "$out"
expect_eq "$(printf '%s\n' "$out" | grep ' experts .* mobilised ' | grep -c 'share')" 0 \
    "no column called share (which share?)"
row=$(printf '%s\n' "$out" | grep -E '^[A-Z]{2} ' | head -1)
hdr=$(printf '%s\n' "$out" | grep '^Nationality (first listed)')
expect_eq "$(printf '%s' "$row" | awk '{ print index($0, "|") }')" \
    "$(printf '%s' "$hdr" | awk '{ print index($0, "|") }')" "rows keep the header's column groups"
expect_match '^(Gender|Sector|Language \(B2 or above\)) ' "gender, sector and language tables" "$out"
expect_match '^FR  France +[0-9]+ +[0-9]+\.[0-9]%' "rows give percentages with one decimal" "$out"
expect_match 'Herfindahl index: 0\.[0-9]{3} \([0-9,]+ of 10,000\)' "text gives the Herfindahl index" "$out"
expect_match 'top 2: +[0-9]+\.[0-9]% \([A-Z]{2} ' "text gives the top-2 share" "$out"
expect_match '^Over-represented nationalities' "text lists over-represented nationalities" "$out"
expect_match 'counts under the first one listed' "text says how dual nationals count" "$out"

json=$(roster report --json)
expect_status 0 "report --json exits 0" -- roster report --json
for key in period experts mobilised missions days nationality gender sector language \
    concentration top2 top2_share hhi hhi_10000 over_represented ratio_above min_days \
    notes experts_share mobilised_share days_share days_to_roster; do
    expect_match "\"$key\":" "JSON has \"$key\"" "$json"
done
expect_match '"period":\{"since":"2025-11-01","until":"2026-10-31"\}' \
    "no --since: the recent window, the 12 calendar months before this month" "$json"
expect_match '^Missions from 2025-11-01 to 2026-10-31 and assigned after: ' "text names the recent window" \
    "$(roster report)"
set -- $(printf '%s\n' "$json" | counts)
recent_days=${4:-0}
json=$(roster report --json --all)
expect_match '"period":\{"since":null,"until":null\}' "--all: every mission counts" "$json"
expect_match '^Missions \(all on record\): ' "text says all missions" "$(roster report --all)"
expect_status 2 "--since and --all together exit 2" -- roster report --all --since 2024-01-01
set -- $(printf '%s\n' "$json" | counts)
expect_eq "$1" 300 "JSON counts 300 experts"
if [ "$recent_days" -gt 0 ] && [ "$recent_days" -lt "${4:-0}" ]; then
    ok "the recent window counts some of the days"
else
    not_ok "the recent window counts some of the days" "$recent_days recent, ${4:-0} in all"
fi
all_days=${4:-0}
if [ "${2:-0}" -gt 0 ] && [ "$2" -le 300 ] && [ "$all_days" -gt 0 ]; then
    ok "some experts mobilised, with days"
else
    not_ok "some experts mobilised, with days" "counts: $*"
fi

json=$(roster report --json --since 2024-01-01)
expect_match '"since":"2024-01-01"' "--since YYYY-MM-DD" "$json"
set -- $(printf '%s\n' "$json" | counts)
expect_eq "$1" 300 "--since keeps the whole roster"
if [ "${4:-0}" -lt "$all_days" ]; then ok "--since counts fewer days"; else
    not_ok "--since counts fewer days" "$4 days since 2024, $all_days in all"; fi
expect_match '"since":"2024-06-01"' "--since YYYY-MM is the month's first day" \
    "$(roster report --json --since 2024-06)"
expect_match '^Missions since 2024-06-01: ' "text names the period" "$(roster report --since=2024-06)"
expect_eq "$(roster report --json --since 2100-01-01 | counts | cut -d' ' -f2-)" "0 0 0" \
    "--since after every mission: nothing counted"

for bad in 2024-13-01 2024-02-30 yesterday 24-01-01 ""; do
    expect_status 2 "bad --since '$bad' exits 2" -- roster report --since "$bad"
done
expect_match "--since: expected a date YYYY-MM-DD or YYYY-MM, got 'yesterday'" \
    "bad --since is named with its value" "$(roster report --since yesterday 2>&1)"
expect_status 2 "--since without a value" -- roster report --since

expect_status 0 "--svg writes a chart" -- roster report --svg "$TMP/chart.svg"
if [ -s "$TMP/chart.svg" ]; then ok "the chart file is not empty"; else not_ok "the chart file is not empty"; fi
svg=$(cat "$TMP/chart.svg" 2>/dev/null)
expect_match '^<\?xml version="1.0" encoding="UTF-8"\?>' "the chart is an XML document" "$svg"
expect_match '<svg xmlns="http://www.w3.org/2000/svg" width="[0-9]+" height="[0-9]+" viewBox="0 0 [0-9]+ [0-9]+"' \
    "the chart has width, height and viewBox" "$svg"
expect_match '</svg>$' "the chart is closed" "$svg"
bars=$(printf '%s\n' "$svg" | grep -c '<rect')
if [ "$bars" -ge 2 ] && [ "$bars" -le 16 ]; then ok "15 bars at most, plus other ($bars)"; else
    not_ok "15 bars at most, plus other" "$bars bars"; fi
expect_match '>France \(FR\)</text>' "bars are labelled by nationality" "$svg"
expect_match '>Share of mission days</text>' "the axis is labelled" "$svg"
expect_match 'Chart of days by nationality written to ' "text says where the chart went" \
    "$(roster report --svg "$TMP/chart2.svg")"

out=$(roster report --json --svg "$TMP/chart3.svg")
expect_match '^\{"period":' "--json with --svg prints JSON only" "$out"
if [ -s "$TMP/chart3.svg" ]; then ok "--json with --svg writes the chart"; else
    not_ok "--json with --svg writes the chart"; fi
roster report --since 2100-01 --svg "$TMP/empty.svg" >/dev/null
expect_match 'No mission days in the period' "a chart with no days says so" "$(cat "$TMP/empty.svg")"

expect_status 1 "--svg into a missing directory exits 1" -- roster report --svg "$TMP/none/chart.svg"
expect_match "cannot write '$TMP/none/chart.svg'" "the unwritable file is named" \
    "$(roster report --svg "$TMP/none/chart.svg" 2>&1)"
expect_status 2 "--svg with an empty name" -- roster report --svg ""

expect_status 2 "report takes no arguments" -- roster report extra
expect_status 2 "unknown option" -- roster report --frobnicate
expect_status 0 "report --help" -- roster report --help
expect_match 'first one listed' "--help says how dual nationals count" "$(roster report --help)"
