# End-to-end: the team sent for a request is not held busy by the request
# itself. After `roster assign`, matching the stored request (or its ToR
# file, of the same action) answers as before the team was sent, and
# `check` passes the team on `available`; a request of another action
# whose window overlaps still finds those experts unavailable, cannot be
# given them too, and a mission of another action still counts against the
# request itself.
. tests/e2e/lib.sh

roster_gen --experts 1000 --seed 4 > "$TMP/roster.jsonl"
expect_status 0 "import 1,000 generated experts" -- roster import "$TMP/roster.jsonl"
HAITI=corpus/tors/2019-27-haiti.json  # 2019-27, HT, 2027-02-08..2027-02-26, team of 2
expect_status 0 "store the Haiti request" -- roster request add "$HAITI"

before=$(roster match 2019-27 --json)
set -- $(printf '%s' "$before" | grep -o '"members":\["[^"]*","[^"]*"\]' | head -1 |
         grep -o 'EXP-[0-9]*') none none
A=$1 B=$2
expect_match '^EXP-[0-9]+ EXP-[0-9]+$' "the best team of 2019-27 is two experts" "$A $B"
expect_status 0 "assign that team to 2019-27" -- roster assign 2019-27 "$A" "$B"
expect_no_match "$A|$B" "the team is busy over the window for anyone else" \
    "$(roster search 'avail:2027-02-08..2027-02-26' --json --limit 1000)"

# ---- the request itself ----
after=$(roster match 2019-27 --json)
expect_eq "$after" "$before" "match 2019-27 after the assignment answers as before it"
expect_match "^  1\. score [0-9.]+: $A .*, $B " "the team sent is still the best team" \
    "$(roster match 2019-27 --teams 1)"
expect_eq "$(roster match "$HAITI" --json)" "$after" "the ToR file of the same action too"
out=$(roster check "$HAITI" "$A" "$B"); rc=$?
expect_match '^pass  available +all available 2027-02-08\.\.2027-02-26$' \
    "check: the team sent passes available" "$out"
expect_eq "$([ "$rc" -le 1 ] && echo pass)" "pass" "check: no hard rule fails (exit $rc)"

# ---- another request over the same days ----
sed -e 's/"2019-27"/"2027-98"/' -e 's/"2027-02-08"/"2027-02-22"/' -e 's/"2027-02-26"/"2027-03-05"/' \
    "$HAITI" > "$TMP/other.json"
out=$(roster check "$TMP/other.json" "$A" "$B"); rc=$?
expect_eq "$rc" 3 "check against another action over the same days: a hard rule fails"
expect_match "fail  available +$A unavailable 2027-02-08\.\.2027-02-26; $B unavailable" \
    "and it is available, naming the mission's days" "$out"
expect_no_match "$A|$B" "the other request does not shortlist them" \
    "$(roster match "$TMP/other.json" --json --shortlist 400)"
sed "s/\"rules\": {/\"rules\": {\"require\": [\"$A\"], /" "$TMP/other.json" > "$TMP/require.json"
out=$(roster match "$TMP/require.json"); rc=$?
expect_eq "$rc" 3 "the other request requiring $A: no team"
expect_match 'considered, [0-9]+ admitted, .*[0-9]+ turned away by available' \
    "$A is counted as turned away by available" "$out"

# ---- no expert on two missions at once ----
expect_status 0 "store the other request" -- roster request add "$TMP/other.json"
out=$(roster assign 2027-98 "$A" 2>&1); rc=$?
expect_eq "$rc" 2 "assign $A to it as well: refused, $A is on 2019-27 over those days"
expect_match "$A is already assigned to request 2019-27 on 2027-02-22\.\.2027-02-26.*roster unassign 2019-27 $A.*nothing assigned" \
    "the refusal names the other request, the days and the way on" "$out"
expect_no_match "status: assigned" "and nothing was assigned to 2027-98" "$(roster request show 2027-98)"

# ---- a mission of another action still counts against the request ----
# $A taken off 2019-27 and sent to 2027-98, whose days overlap 2019-27's.
expect_status 0 "take $A off 2019-27" -- roster unassign 2019-27 "$A"
expect_status 0 "assign $A to 2027-98" -- roster assign 2027-98 "$A"
json=$(roster match 2019-27 --json --shortlist 400)
expect_no_match "\"id\":\"$A\"" "2019-27 no longer shortlists $A, busy with 2027-98" "$json"
expect_match "\"id\":\"$B\"" "but still shortlists $B, its own team" "$json"
out=$(roster check "$HAITI" "$A" "$B"); rc=$?
expect_eq "$rc" 3 "check of the team first sent now fails"
expect_match "fail  available +$A unavailable 2027-02-22\.\.2027-03-05$" \
    "on $A's mission of 2027-98 alone" "$out"
expect_status 0 "take $A off 2027-98" -- roster unassign 2027-98 "$A"
expect_status 0 "send the team to 2019-27 again" -- roster assign 2019-27 "$A" "$B"

# A member of the request's own team busy otherwise (their CV now says so)
# is judged, not left out by the index: counted as turned away.
grep "\"id\":\"$A\"" "$TMP/roster.jsonl" > "$TMP/a.jsonl"
if grep -q '"unavailable":\[' "$TMP/a.jsonl"; then
    sed -i 's/"unavailable":\[/"unavailable":[{"from":"2027-02-22","to":"2027-03-05"},/' "$TMP/a.jsonl"
else
    sed -i 's/}$/,"unavailable":[{"from":"2027-02-22","to":"2027-03-05"}]}/' "$TMP/a.jsonl"
fi
expect_status 0 "$A's CV says unavailable 2027-02-22..2027-03-05" -- roster import "$TMP/a.jsonl"
out=$(roster match 2019-27)
expect_match 'turned away by available' "2019-27 counts $A as turned away, not dropped unseen" "$out"
out=$(roster check "$HAITI" "$A" "$B"); rc=$?
expect_eq "$rc" 3 "and the check of its team fails on available"

# $B on a mission of another action after 2019-27's days: 10 working days.
sed -e 's/"2019-27"/"2027-99"/' -e 's/"2027-02-08"/"2027-03-08"/' -e 's/"2027-02-26"/"2027-03-19"/' \
    "$HAITI" > "$TMP/after.json"
expect_status 0 "store a request of other days" -- roster request add "$TMP/after.json"
expect_status 0 "assign $B to it" -- roster assign 2027-99 "$B"

# ---- its own mission is no load either ----
# The request stored again a year later, with a load limit its own
# mission of 15 days would break: that mission is still not counted.
sed -e 's/"2027-02-08"/"2028-01-10"/' -e 's/"2027-02-26"/"2028-01-14"/' \
    -e 's/"rules": {/"rules": {"max_load_days": 5, /' "$HAITI" > "$TMP/later.json"
expect_status 0 "store 2019-27 again, later, with max_load_days 5" -- \
    roster request add "$TMP/later.json"
json=$(roster match 2019-27 --json --shortlist 400)
expect_match "\"id\":\"$A\"" "$A's 15 days of 2019-27 do not count against 2019-27" "$json"
expect_no_match "\"id\":\"$B\"" "$B's 10 days of 2027-99 do (max_load_days 5)" "$json"
out=$(roster check "$TMP/later.json" "$A")
expect_match "pass  max_load_days +all at or under 5 mission days \(highest 0\)" \
    "check: $A's load for 2019-27 leaves out its own mission" "$out"
