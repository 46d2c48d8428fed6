#!/bin/sh
# sh bench/http.sh BUILD N [EXPERTS.jsonl]
#
# The web service's speed on a roster of N experts (generated with seed 1,
# or read from EXPERTS.jsonl): requests per second, p50 and p99 latency of
# GET /api/search (eight queries in turn) and POST /api/match (the sample
# ToRs in turn) with 1, 4 and 16 concurrent keep-alive clients (curl), beside
# the command line run as one process per query; and the server's resident
# memory at start, after those rows, and over HTTP_RSS_REQUESTS (default
# 100000) more searches. The data goes to BUILD/bench-data/http-N.
# HTTP_REQUESTS (default 2000) searches and a tenth as many matches a row.
set -eu

usage="usage: sh bench/http.sh BUILD N [EXPERTS.jsonl]"
build=${1:?$usage}
n=${2:?$usage}
jsonl=${3:-}
requests=${HTTP_REQUESTS:-2000}
case $n in
  '' | *[!0-9]*) echo "$usage (N: number of experts)" >&2; exit 2 ;;
esac
command -v curl > /dev/null || { echo "bench/http: curl missing (make installs it)" >&2; exit 1; }
roster=$build/roster
tors=$(dirname "$0")/../corpus/tors

work=$build/bench-data/http-$n
rm -rf "$work"
mkdir -p "$work"
export ROSTER_DB="$work/db" ROSTER_TODAY=2026-11-25
if [ -z "$jsonl" ]; then
  jsonl=$work/experts.jsonl
  "$build/roster-gen" --experts "$n" --seed 1 > "$jsonl"
fi
"$roster" import "$jsonl" > /dev/null
token=$("$roster" user add bench --role viewer 2> /dev/null | tail -n 1)

"$roster" serve --listen 127.0.0.1:0 --quiet > "$work/serve.out" 2> "$work/serve.err" &
server=$!
trap 'kill $server 2> /dev/null' EXIT
url=""
while [ -z "$url" ]; do
  kill -0 $server 2> /dev/null || { cat "$work/serve.err" >&2; exit 1; }
  sleep 0.1
  url=$(sed -n 's/^serving //p' "$work/serve.out")
done
rss() { awk '/^VmRSS/ { print $2 / 1024 " MB" }' /proc/$server/status; }
rss_start=$(rss)

# Eight searches, one a line; sent URL-encoded.
searches='pension
field:E.10
lang:fr>=C1 nat:ES
social security
nat:FR sector:public
employment injury
field:A lang:en>=B2
inspection'

# config KIND K M: the curl config of one client, M requests of KIND
# (search, match) on one keep-alive connection from the K-th query on,
# each printing its seconds and status. Options hold until "next": each
# request gets its own.
config() {
  ls "$tors"/*.json | awk -v kind="$1" -v k="$2" -v m="$3" -v url="$url" \
      -v token="$token" -v searches="$searches" '
    { tor[n_tors++] = $0 }
    END {
      n_q = split(searches, q, "\n")
      for (i = 0; i < m; i++) {
        if (i > 0) print "next"
        printf "header = \"Authorization: Bearer %s\"\n", token
        print "write-out = \"%{time_total} %{http_code}\\n\""
        print "output = /dev/null"
        if (kind == "search") {
          s = q[(i + k) % n_q + 1]
          gsub(/ /, "+", s); gsub(/>/, "%3E", s); gsub(/=/, "%3D", s)
          printf "url = \"%sapi/search?q=%s&limit=10\"\n", url, s
        } else {
          printf "data-binary = \"@%s\"\n", tor[(i + k) % n_tors]
          printf "url = \"%sapi/match\"\n", url
        }
      }
    }' > "$work/client-$1-$2.cfg"
}

# row KIND CLIENTS TOTAL: one line of results.
row() {
  each=$(( $3 / $2 ))
  k=0
  while [ $k -lt "$2" ]; do
    config "$1" $k $each
    k=$((k + 1))
  done
  start=$(date +%s%N)
  k=0
  pids=""
  while [ $k -lt "$2" ]; do
    curl -s -K "$work/client-$1-$k.cfg" > "$work/times-$k" &
    pids="$pids $!"
    k=$((k + 1))
  done
  wait $pids
  end=$(date +%s%N)
  sort -n "$work"/times-* | awk -v ms=$(( (end - start) / 1000000 )) -v what="$1" -v c="$2" '
    { t[NR] = $1 * 1000; if ($2 != 200) bad++ }
    END {
      n = NR
      printf "http %-7s %2d clients %6d requests %8.0f req/s  p50 %7.2f ms  p99 %7.2f ms%s\n",
        what, c, n, n / (ms / 1000), t[int(n * 0.5) + 1], t[int(n * 0.99) + 1],
        bad ? "  (" bad " not 200)" : ""
    }'
  rm -f "$work"/times-* "$work"/client-*.cfg
}

echo "web service on $n experts (curl, keep-alive; $(nproc) cores)"
for c in 1 4 16; do row search $c "$requests"; done
for c in 1 4 16; do row match $c $((requests / 10)); done

# The command line, one process per query, for comparison.
start=$(date +%s%N)
for round in 1 2; do
  echo "$searches" | while read -r q; do
    "$roster" search "$q" --json --limit 10 > /dev/null
  done
done
end=$(date +%s%N)
awk -v n=16 -v ms=$(( (end - start) / 1000000 )) \
  'BEGIN { printf "cli  search   one process per query %8.0f queries/s  mean %7.2f ms\n", n / (ms / 1000), ms / n }'
echo "server RSS: $rss_start at start, $(rss) after $(( requests * 3 + requests * 3 / 10 )) requests"

# Memory over a long run: RSS after a first tenth of HTTP_RSS_REQUESTS
# searches (4 clients) and again at the end; flat means no leak per request.
long=${HTTP_RSS_REQUESTS:-100000}
row search 4 $((long / 10))
rss_tenth=$(rss)
row search 4 $((long - long / 10))
echo "server RSS over $long more searches: $rss_tenth after $((long / 10)), $(rss) after $long"
