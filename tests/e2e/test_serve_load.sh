# End-to-end: `roster serve` under load and misuse. Eight keep-alive clients
# searching while an import runs through the API (no read fails or waits for
# the writer; the import's experts appear all at once); SIGTERM with requests
# in flight (they complete, the server exits 0); a client trickling its body
# byte by byte (dropped after the timeout, without holding up the others).
. tests/e2e/lib.sh
. tests/e2e/serve_lib.sh

CLIENTS=8
EACH=1000
marker=quabbit
roster_gen --experts 1900 --seed 41 > "$TMP/all.jsonl"
head -n 300 "$TMP/all.jsonl" > "$TMP/base.jsonl"
tail -n 1600 "$TMP/all.jsonl" | sed "s/\"summary\":\"/\"summary\":\"$marker /" > "$TMP/marked.jsonl"
roster import "$TMP/base.jsonl" > /dev/null 2>&1
ED=$(roster user add edna --role editor | tail -n 1)
VI=$(roster user add victor --role viewer | tail -n 1)

start_server --timeout 2

# client N: searches for the marker on one keep-alive connection per batch
# of 250, at least EACH of them and until the import is over ($TMP/done)
# and one batch more; one line per answer: "STATUS TOTAL".
client() {
    {
        echo "header = \"Authorization: Bearer $VI\""
        printf '%s\n' 'write-out = "\n%{http_code}\n"'
        i=0
        while [ $i -lt 250 ]; do
            echo "url = \"${URL}api/search?q=$marker&limit=0\""
            i=$((i + 1))
        done
    } > "$TMP/client$1.cfg"
    done_seen=0 sent=0
    while [ $sent -lt $EACH ] || [ $done_seen -eq 0 ]; do
        [ -f "$TMP/done" ] && done_seen=1
        curl -s -K "$TMP/client$1.cfg" |
            awk '/^\{"total":/ { sub(/^\{"total":/, ""); sub(/,.*/, ""); t = $0; next }
                 /^[0-9]+$/ { print $0, t; t = "-" }' >> "$TMP/client$1.out"
        sent=$((sent + 250))
    done
}

n=1 clients=""
while [ $n -le $CLIENTS ]; do
    client $n &
    clients="$clients $!"
    n=$((n + 1))
done
# The import starts with the clients and commits while they search.
sleep 0.1
call POST /api/import -H "Authorization: Bearer $ED" --data-binary "@$TMP/marked.jsonl"
expect_code 200 "an import through the API while $CLIENTS clients search"
touch "$TMP/done"
wait $clients
cat "$TMP"/client*.out > "$TMP/seen"
answers=$(grep -c . "$TMP/seen")
if [ "$answers" -ge $((CLIENTS * EACH)) ]; then ok "$CLIENTS clients made $answers searches, all answered"
else not_ok "$CLIENTS clients x $EACH searches all answered" "only $answers answers"; fi
failed=$(grep -vc '^200 ' "$TMP/seen")
expect_eq "$failed" 0 "no search failed during the import"
partial=$(grep -v -e '^200 0$' -e '^200 1600$' "$TMP/seen" | sort | uniq -c | head -3)
expect_eq "$partial" "" "the import's experts appear all at once ($(cut -d' ' -f2 "$TMP/seen" | sort | uniq -c | tr -s ' \n' ' '))"
# The searches span the commit: some before it, some after.
before=$(grep -c '^200 0$' "$TMP/seen")
after=$(grep -c '^200 1600$' "$TMP/seen")
if [ "$before" -gt 0 ] && [ "$after" -gt 0 ]; then ok "searches saw the roster before ($before) and after ($after) the import"
else not_ok "the searches did not span the import's commit" "before: $before, after: $after"; fi
call GET "/api/search?q=$marker&limit=0" -H "Authorization: Bearer $VI"
expect_eq "$(total_of "$BODY")" 1600 "after the import every new expert is found"

# A client trickling a body: dropped after the timeout (2 s), while others
# are answered at once.
head -c 400 "$FIX/tors/haiti.json" > "$TMP/slow.json"
start=$(date +%s)
curl -s -o /dev/null --limit-rate 1 -X POST -H "Authorization: Bearer $VI" \
    --data-binary "@$TMP/slow.json" "${URL}api/match" &
slow=$!
sleep 0.5
fast_start=$(date +%s%N)
ok_fast=0
for _ in $(seq 20); do
    call GET "/api/search?q=pension&limit=1" -H "Authorization: Bearer $VI"
    [ "$CODE" = 200 ] && ok_fast=$((ok_fast + 1))
done
fast_ms=$(( ($(date +%s%N) - fast_start) / 1000000 ))
expect_eq "$ok_fast" 20 "searches answered while a client trickles its body"
if [ "$fast_ms" -lt 1500 ]; then ok "20 searches took ${fast_ms} ms beside the slow client"
else not_ok "20 searches took ${fast_ms} ms beside the slow client (held up?)"; fi
wait $slow
slow_rc=$?
took=$(( $(date +%s) - start ))
if [ "$slow_rc" -ne 0 ] && [ "$took" -le 6 ]; then ok "the trickling client is dropped after ${took} s (curl exit $slow_rc)"
else not_ok "the trickling client is dropped after the timeout" "curl exit $slow_rc after $took s"; fi

# SIGTERM while a request is in flight (an import whose body is still
# arriving): the request completes, then the server exits 0.
roster_gen --experts 2200 --seed 42 | tail -n 300 | sed 's/"id":"EXP-/"id":"LATE-/' > "$TMP/late.jsonl"
size=$(wc -c < "$TMP/late.jsonl")
rate=$size
curl -s -o "$TMP/late.out" -w '%{http_code}' --limit-rate "$rate" -X POST \
    -H "Authorization: Bearer $ED" --data-binary "@$TMP/late.jsonl" "${URL}api/import" > "$TMP/late.code" &
inflight=$!
sleep 0.3
stop_at=$(date +%s%N)
stop_server
stopped_ms=$(( ($(date +%s%N) - stop_at) / 1000000 ))
wait $inflight
expect_eq "$STOPPED" 0 "SIGTERM with a request in flight: the server exits 0"
expect_eq "$(cat "$TMP/late.code")" 200 "the request in flight completes"
expect_match '"imported":300' "and its import is whole" "$(cat "$TMP/late.out")"
if [ "$stopped_ms" -ge 300 ]; then ok "the server waited ${stopped_ms} ms for it"
else not_ok "the server waited only ${stopped_ms} ms: was the request in flight?"; fi
code=$(curl -s -o /dev/null -w '%{http_code}' "${URL}" )
expect_eq "$code" 000 "nothing answers after the stop"
expect_eq "$(roster search 'id:LATE-01901' --json --limit 0 | sed -n 's/^{"total":\([0-9]*\).*/\1/p')" 1 \
    "the import finished during the stop is stored"
