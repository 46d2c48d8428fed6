#!/bin/sh
# sh bench/shards.sh BUILD N
#
# The index in shards (docs/shards.md): N experts (seed 1) as one local
# index, as 4 local shards, and as those 4 shards behind xapian-tcpsrv on
# loopback; for each, the search mix and the sample ToRs' matches, warm p50
# and p99 on one handle, then answers a second with 4 clients at once
# (roster-bench --shards). The roster is made once in BUILD/bench-data/N-shards
# and kept for the next run (`make clean` removes it).
set -eu

usage="usage: sh bench/shards.sh BUILD N"
. "$(dirname "$0")/args.sh"
command -v xapian-tcpsrv > /dev/null || { echo "bench: xapian-tcpsrv missing (apt-get install xapian-tools)" >&2; exit 1; }
export ROSTER_TODAY=2026-11-25

work=$build/bench-data/$n-shards
one=$work/one
four=$work/four
if [ ! -f "$work/done" ]; then
  rm -rf "$work"
  mkdir -p "$work"
  echo "generating and importing $n experts (seed 1) ..."
  "$build/roster-gen" --experts "$n" --seed 1 > "$work/experts.jsonl"
  "$build/roster" import --db "$one" "$work/experts.jsonl"
  cp -a "$one" "$four"
  echo "4 shards ..."
  "$build/roster" reindex --db "$four" --shards 4
  rm "$work/experts.jsonl"
  touch "$work/done"
fi

# One xapian-tcpsrv a shard, each in its own process group (it signals its
# whole group when it stops), on loopback ports from 27000.
pids=""
trap 'for p in $pids; do kill "$p" 2> /dev/null; done' EXIT
stub=$work/remote.stub
: > "$stub"
port=27000
for d in $("$build/roster" stats --db "$four" --json | sed 's/.*"shards":\[//; s/\].*//; s/[",]/ /g'); do
  while :; do
    port=$((port + 1))
    setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port" "$d" > /dev/null 2>&1 &
    pid=$!
    sleep 0.3
    kill -0 "$pid" 2> /dev/null && break
  done
  pids="$pids $pid"
  echo "remote 127.0.0.1:$port" >> "$stub"
done

tors=$(dirname "$0")/../corpus/tors/all.jsonl
echo "$n experts; search mix and $(grep -c . "$tors") matches on each:"
printf '  %-22s %s\n' "one index" "$("$build/roster-bench" --shards "$one" "$tors")"
printf '  %-22s %s\n' "4 local shards" "$("$build/roster-bench" --shards "$four" "$tors")"
printf '  %-22s %s\n' "4 remote shards" "$("$build/roster-bench" --shards "$four" --index "$stub" "$tors")"
