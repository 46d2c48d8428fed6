#!/bin/sh
# The index in shards (formats.md section 10): one index, the same index as
# 3 local shards, and those shards served by xapian-tcpsrv on loopback give
# the same answers, byte for byte: searches of every kind with facets, show,
# check, report, the 28 sample matches and a batch of them; after an import
# and a forget written to the shards in place too. A shard that is down, or
# too slow, is an error naming it; --allow-partial answers from the others
# and says which answered. Writers refuse --index.
. tests/e2e/lib.sh
command -v xapian-tcpsrv > /dev/null || { not_ok "xapian-tcpsrv is needed (make installs xapian-tools)"; exit 1; }

ONE="$TMP/one" THREE="$TMP/three" STUB="$TMP/shards.stub"
SERVERS=""
trap 'for p in $SERVERS; do kill -CONT "$p" 2> /dev/null; kill "$p" 2> /dev/null; done; rm -rf "$TMP"' EXIT

roster_gen --experts 1200 --seed 11 > "$TMP/experts.jsonl"
roster import --db "$ONE" "$TMP/experts.jsonl" > /dev/null
cp -a "$ONE" "$THREE"
out=$(roster reindex --db "$THREE" --shards 3 2>&1)
expect_eq "$out" "reindexed 1200 experts in 3 shards" "reindex --shards 3 says so"
shards=$(roster stats --db "$THREE" --json | jq -r '.shards[]')
n=0 absolute=1
for d in $shards; do
    n=$((n + 1))
    case "$d" in /*) [ -f "$d/iamglass" ] || absolute=0 ;; *) absolute=0 ;; esac
done
expect_eq "$n $absolute" "3 1" "stats --json lists 3 shard directories, absolute, each a Xapian database"
expect_eq "$(roster stats --db "$ONE" --json | jq '.shards | length')" 1 "one index is one shard"
expect_status 2 "--shards 0 is refused" -- roster reindex --db "$THREE" --shards 0

# serve_shards: one xapian-tcpsrv a shard of $THREE on a free loopback port;
# writes $STUB and sets SERVERS (their pids) and PORTS.
serve_shards() {
    for p in $SERVERS; do kill "$p" 2> /dev/null; done
    SERVERS="" PORTS=""
    : > "$STUB"
    base=$((20000 + ($$ * 7 + $(od -An -N2 -tu2 /dev/urandom)) % 30000))
    for d in $(roster stats --db "$THREE" --json | jq -r '.shards[]'); do
        for try in 1 2 3 4 5 6 7 8; do
            port=$((base + try * 101))
            # its own process group: xapian-tcpsrv signals its whole group when it stops
            setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port" "$d" > /dev/null 2>&1 &
            pid=$!
            sleep 0.2
            kill -0 "$pid" 2> /dev/null && break
        done
        base=$((port + 1))
        SERVERS="$SERVERS $pid" PORTS="$PORTS $port"
        echo "remote 127.0.0.1:$port" >> "$STUB"
    done
}
serve_shards

# same NAME COMMAND ARGS...: `roster COMMAND ARGS`' stdout, stderr and
# status alike on one index, on local shards and on remote shards.
compared=0 differ=""
same() {
    name=$1 cmd=$2
    shift 2
    roster "$cmd" --db "$ONE" "$@" > "$TMP/a" 2>&1; echo "exit $?" >> "$TMP/a"
    roster "$cmd" --db "$THREE" "$@" > "$TMP/b" 2>&1; echo "exit $?" >> "$TMP/b"
    roster "$cmd" --db "$THREE" --index "$STUB" "$@" > "$TMP/c" 2>&1; echo "exit $?" >> "$TMP/c"
    compared=$((compared + 1))
    if ! cmp -s "$TMP/a" "$TMP/b" || ! cmp -s "$TMP/a" "$TMP/c"; then
        differ="$differ $name"
        [ -n "${SHOWN:-}" ] || { SHOWN=1; diff "$TMP/a" "$TMP/b" | head -5; diff "$TMP/a" "$TMP/c" | head -5; }
    fi
}

# Every kind of query: words, phrases, stems in four languages, codes and
# their sub-codes, languages with levels, nationality names, availability,
# exclusions, OR and parentheses, filters alone, nothing matching, all.
QUERIES='pension
social protection reform
"labour inspection"
"social security" nat:FR
protección social
emploi des jeunes
field:E
field:E.10 comp:2.1
lang:fr>=C1
lang:en lang:es
nat:ES nat:PT
nat:France
sector:public gender:F
avail:2027-03-01..2027-03-20
country:SN
employment -youth
(pension OR pensions) AND NOT nat:FR
zzzznotaword
'
printf '%s' "$QUERIES" > "$TMP/queries"
echo "" >> "$TMP/queries" # every expert
i=0
while IFS= read -r q; do
    i=$((i + 1))
    same "search-$i" search --json --facets --limit 50 -- "$q"
    same "search-text-$i" search --limit 20 -- "$q"
done < "$TMP/queries"
same show show EXP-00007 EXP-00500 --json
same report report --json
same check check corpus/tors/2018-07-peru.json EXP-00001 EXP-00002 EXP-00003 --json
for t in corpus/tors/*.json; do same "match-$(basename "$t")" match --json "$t"; done
same batch match --batch corpus/tors/all.jsonl
expect_eq "$differ" "" "$compared answers alike from one index, 3 local shards and 3 remote shards"

# Writes reach the shards in place: an import (a changed expert, a new one)
# and a forget (the index compacted into a new directory), on both rosters.
head -3 "$TMP/experts.jsonl" | sed 's/"name": *"[^"]*"/"name": "Ada Changed"/' > "$TMP/more.jsonl"
roster_gen --experts 1203 --seed 11 | tail -3 >> "$TMP/more.jsonl"
for db in "$ONE" "$THREE"; do
    roster import --db "$db" "$TMP/more.jsonl" > /dev/null
    roster forget --db "$db" EXP-00010 EXP-00600 > /dev/null
done
expect_eq "$(roster verify --db "$THREE")" "ok: store and index agree" "verify reads every shard"
serve_shards # the forget moved the shards to a new directory
compared=0 differ="" SHOWN=""
while IFS= read -r q; do same "after-$q" search --json --facets -- "$q"; done < "$TMP/queries"
for t in corpus/tors/*.json; do same "after-match-$(basename "$t")" match --json "$t"; done
expect_eq "$differ" "" "$compared answers still alike after an import and a forget"

out=$(ROSTER_INDEX="$STUB" roster search --db "$THREE" --json pension 2>&1)
expect_eq "$out" "$(roster search --db "$ONE" --json pension)" "\$ROSTER_INDEX names the stub"
expect_status 2 "an import refuses --index" -- roster import --db "$THREE" --index "$STUB" "$TMP/more.jsonl"
# A stub that leaves a shard out or names one twice would change every total.
head -2 "$STUB" > "$TMP/two.stub"
out=$(roster search --db "$THREE" --index "$TMP/two.stub" pension 2>&1); rc=$?
expect_eq "$rc" 2 "a stub naming 2 of 3 shards is refused"
expect_match "names 2 of the index's 3 shards" "and says so" "$out"
{ cat "$STUB"; head -1 "$STUB"; } > "$TMP/twice.stub"
out=$(roster search --db "$THREE" --index "$TMP/twice.stub" pension 2>&1)
expect_match "shard [0-9] of 3 is named twice" "a shard named twice is refused" "$out"
out=$(roster search --db "$THREE" --index "$THREE" pension 2>&1)
expect_match "this is a data directory: give it as --db" "a data directory given as --index is told apart" "$out"
printf 'remote nohost\n' > "$TMP/bad.stub"
out=$(roster search --db "$THREE" --index "$TMP/bad.stub" pension 2>&1)
expect_match "shard 1 of 1 \(remote nohost\).*remote HOST:PORT" "a stub line roster cannot read is named" "$out"
# A stub over another roster's shards is refused, as its own index would be.
roster import --db "$TMP/other" "$TMP/more.jsonl" > /dev/null
out=$(roster search --db "$TMP/other" --index "$STUB" pension 2>&1)
expect_match "built from another roster.s store" "shards of another roster are refused" "$out"
# Shards that do not record their place (as an older roster made them)
# cannot be checked for coverage: refused with what to do.
: > "$TMP/old.stub"
k=0
for d in $(roster stats --db "$THREE" --json | jq -r '.shards[]'); do
    k=$((k + 1))
    cp -a "$d" "$TMP/old-$k"
    xapian-metadata set "$TMP/old-$k" shard ""
    echo "auto old-$k" >> "$TMP/old.stub"
done
out=$(roster search --db "$THREE" --index "$TMP/old.stub" pension 2>&1); rc=$?
expect_eq "$rc" 1 "shards that do not record their place are refused"
expect_match "old-1 does not record which shard it is .*roster reindex" "and told to be rebuilt" "$out"
# Shards of another index version: refused, not answered from with a note.
k=0
for d in $(roster stats --db "$THREE" --json | jq -r '.shards[]'); do
    k=$((k + 1))
    rm -rf "$TMP/old-$k"
    cp -a "$d" "$TMP/old-$k"
    xapian-metadata set "$TMP/old-$k" index_version 3
done
out=$(roster search --db "$THREE" --index "$TMP/old.stub" pension 2>&1); rc=$?
expect_eq "$rc" 1 "shards of another index version are refused"
expect_match "old-1 was built by another version of roster \(index version 3, this one reads [0-9]*\): rebuild" \
    "and told to be rebuilt" "$out"

# A shard that is down: an error naming it, or partial answers when asked.
set -- $SERVERS
kill "$2"
port2=$(echo $PORTS | cut -d' ' -f2)
out=$(roster search --db "$THREE" --index "$STUB" pension 2>&1); rc=$?
expect_eq "$rc" 1 "a search with a shard down fails"
expect_match "remote 127.0.0.1:$port2" "and names the shard" "$out"
out=$(roster search --db "$THREE" --index "$STUB" --allow-partial --json pension 2> "$TMP/err"); rc=$?
expect_eq "$rc" 0 "--allow-partial answers"
expect_match "partial answers from 2 of 3 shards: .* answered; remote 127.0.0.1:$port2 did not" \
    "and says which shards answered" "$(cat "$TMP/err")"
expect_match '"total":' "with the experts of the others" "$out"

# A shard that stops answering: an error naming it once the timeout passes.
kill -STOP "$1"
port1=$(echo $PORTS | cut -d' ' -f1)
start=$(date +%s)
out=$(ROSTER_SHARD_TIMEOUT_MS=1000 roster search --db "$THREE" --index "$STUB" --allow-partial pension 2>&1); rc=$?
took=$(($(date +%s) - start))
kill -CONT "$1"
expect_match "remote 127.0.0.1:$port1" "a stalled shard is named" "$out"
if [ "$took" -le 5 ]; then ok "within the timeout (${took}s)"; else not_ok "within the timeout" "${took}s"; fi

# Killed in the middle of a batch of matches: the batch stops with the
# shard named, never a silently partial answer.
serve_shards
for _ in 1 2 3 4 5 6 7 8; do cat corpus/tors/all.jsonl; done > "$TMP/long.jsonl"
roster match --db "$THREE" --index "$STUB" --batch "$TMP/long.jsonl" > "$TMP/batch.out" 2> "$TMP/batch.err" &
bpid=$!
sleep 1
set -- $SERVERS
kill "$3"
wait "$bpid"; rc=$?
port3=$(echo $PORTS | cut -d' ' -f3)
if [ "$rc" -ne 0 ]; then ok "a batch whose shard dies fails (exit $rc)"; else not_ok "a batch whose shard dies fails" "exit 0"; fi
expect_match "127.0.0.1:$port3" "and names the shard" "$(cat "$TMP/batch.err" "$TMP/batch.out")"
