#!/bin/sh
# sh bench/run.sh BUILD N
#
# Generates N experts (seed 1) and runs roster-bench on them: import through
# the CLI, the SQLite FTS5 peer, warm and one-shot searches (one-shot also
# through the sqlite3 program); then matches the
# sample ToRs (corpus/tors) and variants of them against a roster of 1,000
# experts and the roster of N, beside greedy team picks; then the web
# service on both (bench/http.sh). The data stays
# in BUILD/bench-data/N until the next run (or `make clean`); set
# BENCH_VERBOSE=1 to list every query with both engines' totals.
set -eu

usage="usage: sh bench/run.sh BUILD N"
. "$(dirname "$0")/args.sh"

work=$build/bench-data/$n
rm -rf "$work"
mkdir -p "$work"
jsonl=$work/experts.jsonl

echo "generating $n experts (seed 1) ..."
start=$(date +%s.%N)
"$build/roster-gen" --experts "$n" --seed 1 > "$jsonl"
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v n="$n" \
  'BEGIN { printf "generated %d experts in %.1f s\n", n, e - s }'

small=$work/experts-1000.jsonl
"$build/roster-gen" --experts 1000 --seed 1 > "$small"

# The sqlite3 program, when installed (make bench installs it), is timed one
# process per query beside roster search.
sqlite3=$(command -v sqlite3 || true)
"$build/roster-bench" "$build/roster" "$jsonl" "$work" ${BENCH_VERBOSE:+--verbose} \
  --tors "$(dirname "$0")/../corpus/tors" --small "$small" ${sqlite3:+--sqlite3 "$sqlite3"}

# The web service on the small roster and on the roster of N.
echo
sh "$(dirname "$0")/http.sh" "$build" 1000 "$small"
echo
sh "$(dirname "$0")/http.sh" "$build" "$n" "$jsonl"
