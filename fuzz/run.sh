#!/bin/sh
# Run each libFuzzer target for a bounded time and report executions and
# crashes. Usage: fuzz/run.sh FUZZ_BUILD SECONDS TARGET...
#
# The working corpus of each target (FUZZ_BUILD/corpus/TARGET) is kept
# between runs and seeded each time from the fixtures, the sample ToRs, a few
# generated experts and fuzz/seeds. Inputs that crash, leak or hang land in
# FUZZ_BUILD/crashes/TARGET/; once fixed, copy them to
# tests/fuzz-regressions/TARGET/ so `make test` replays them.
# Exit status 1 when any target found a crash.
set -u
build=${1:?usage: fuzz/run.sh FUZZ_BUILD SECONDS TARGET...}
secs=${2:?}
shift 2
gen=build/release/roster-gen
failed=0

# seed TARGET DIR: fill DIR with the starting inputs of TARGET.
seed() {
    case $1 in
    jsonl)
        cp tests/fixtures/experts.jsonl tests/fixtures/bad.jsonl "$2/"
        split -l 1 -a 3 tests/fixtures/experts.jsonl "$2/fixture-"
        if [ -x "$gen" ]; then
            "$gen" --experts 12 --seed 5 | split -l 1 -a 3 - "$2/gen-"
        fi
        ;;
    csv)
        cp tests/fixtures/experts.csv fuzz/seeds/csv/*.csv "$2/"
        ;;
    tor)
        cp tests/fixtures/tors/*.json corpus/tors/*.json "$2/"
        split -l 1 -a 3 tests/fixtures/tors/batch.jsonl "$2/batch-"
        ;;
    query)
        cp fuzz/seeds/query/* "$2/"
        ;;
    http)
        cp fuzz/seeds/http/* "$2/"
        ;;
    docx | odt)
        cp tests/fixtures/documents/*."$1" fuzz/seeds/"$1"/* "$2/"
        ;;
    pdf)
        cp tests/fixtures/documents/*.pdf "$2/"
        ;;
    europass)
        cp tests/fixtures/cv/*.xml tests/fixtures/cv/*.json tests/fixtures/cv/bad/* \
            fuzz/seeds/europass/* "$2/"
        ;;
    esac
}

for t in "$@"; do
    bin=$build/fuzz/fuzz_$t
    corpus=$build/corpus/$t
    crashes=$build/crashes/$t
    seeds=$(mktemp -d)
    mkdir -p "$corpus" "$crashes"
    seed "$t" "$seeds"
    case $t in
    query) opts="-dict=fuzz/query.dict -max_len=9000" ;;
    docx | odt) opts="-dict=fuzz/office.dict -max_len=16384" ;;
    pdf) opts="-max_len=16384" ;;
    europass) opts="-dict=fuzz/europass.dict -max_len=16384" ;;
    *) opts="-dict=fuzz/json.dict -max_len=16384" ;;
    esac
    log=$build/fuzz-$t.log
    before=$(ls "$crashes" | wc -l)
    # -timeout: one input taking 10 s is a finding (unbounded time).
    # -rss_limit_mb: so is growing past 2 GB.
    "$bin" $opts -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$crashes/" "$corpus" "$seeds" >"$log" 2>&1
    rc=$?
    rm -rf "$seeds"
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    found=$(( $(ls "$crashes" | wc -l) - before ))
    printf 'fuzz %-6s %10s executions in %s s, corpus %5s inputs, %s new crashes (log %s)\n' \
        "$t" "${runs:-?}" "$secs" "$(ls "$corpus" | wc -l)" "$found" "$log"
    if [ "$rc" -ne 0 ] || [ "$found" -ne 0 ]; then
        failed=1
        grep -E '^(==[0-9]+==ERROR|SUMMARY|fuzz: property)|runtime error' "$log" | head -5 | sed 's/^/    /'
    fi
done
exit $failed
