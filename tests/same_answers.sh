#!/bin/sh
# Two builds answer alike: `roster match`, `check` and `report` (JSON and
# text, exit statuses and error output) for every sample ToR on one
# generated roster, and `match --batch` over them all with a bad line among
# them. For refactors: the answers of the build before must be the answers
# of the build after, byte for byte.
#
#   tests/same_answers.sh BEFORE_BINDIR AFTER_BINDIR [EXPERTS]
#
# Each BINDIR holds roster and roster-gen. Prints the first difference and
# exits 1, or says how many outputs were compared and exits 0.
set -eu
before=${1:?usage: tests/same_answers.sh BEFORE_BINDIR AFTER_BINDIR [EXPERTS]}
after=${2:?usage: tests/same_answers.sh BEFORE_BINDIR AFTER_BINDIR [EXPERTS]}
experts=${3:-3000}
tors=corpus/tors
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export ROSTER_TODAY=2026-11-25

"$before/roster-gen" --experts "$experts" --seed 7 >"$dir/experts.jsonl"
# A batch with every sample, a line that is not JSON and one with a bad field.
cat "$tors/all.jsonl" >"$dir/batch.jsonl"
printf '%s\n' '{"action": "x"' '{"action":"b","title":"t","country":"ZZ","team_size":9}' \
    >>"$dir/batch.jsonl"
printf '%s\n' '{"action":"bad","title":"t","country":"FR","fields":["nope"]}' >"$dir/bad.json"
# The rules the samples leave at their defaults: excluded and required ids,
# excluded nationalities, a load limit, and a language nobody speaks.
mkdir "$dir/rules"
jq '.rules = {"exclude": ["EXP-00001", "EXP-00002"], "require": ["EXP-00003"],
              "exclude_nationalities": ["FR", "ES", "EL"], "max_load_days": 10,
              "triangular": true}' "$tors/2019-27-haiti.json" >"$dir/rules/haiti-rules.json"
jq '.team_size = 3 | .languages = [{"code": "ja", "level": "B2"}] | del(.fields)' \
    "$tors/2020-18-colombia.json" >"$dir/rules/colombia-none.json"

# run SIDE NAME CMD...: stdout, stderr and exit status of one command.
run() {
    out="$dir/$1/$2"
    shift 2
    status=0
    "$@" >"$out.out" 2>"$out.err" || status=$?
    echo "$status" >"$out.status"
}

for side in before after; do
    bin=$before
    [ "$side" = after ] && bin=$after
    mkdir -p "$dir/$side"
    export ROSTER_DB="$dir/$side.db"
    "$bin/roster" import "$dir/experts.jsonl" >/dev/null
    for t in "$tors"/*.json "$dir"/rules/*.json; do
        name=$(basename "$t" .json)
        run "$side" "$name.match.json" "$bin/roster" match "$t" --json
        run "$side" "$name.match.txt" "$bin/roster" match "$t"
        run "$side" "$name.match.small" "$bin/roster" match "$t" --json --teams 1 \
            --shortlist 0 --pool 10
        # The team to check: the first team the build before proposed, else
        # the first two of its shortlist (a team that may break rules).
        ids=$(jq -r '(.teams[0].members // [.shortlist[0].id, .shortlist[1].id]) | .[]' \
            "$dir/before/$name.match.json.out" | tr '\n' ' ')
        run "$side" "$name.check.json" "$bin/roster" check "$t" $ids --json
        run "$side" "$name.check.txt" "$bin/roster" check "$t" $ids
    done
    run "$side" batch "$bin/roster" match --batch "$dir/batch.jsonl" --shortlist 50 --json
    run "$side" bad.match "$bin/roster" match "$dir/bad.json"
    run "$side" bad.check "$bin/roster" check "$dir/bad.json" EXP-00001
    run "$side" unknown.check "$bin/roster" check "$tors/2019-27-haiti.json" NOPE-1 EXP-00001 NOPE-2
    run "$side" twice.check "$bin/roster" check "$tors/2019-27-haiti.json" EXP-00001 exp-00001
    run "$side" report.json "$bin/roster" report --json
    run "$side" report.txt "$bin/roster" report
    run "$side" report.all "$bin/roster" report --all --json
    run "$side" report.since "$bin/roster" report --since 2024-06
    run "$side" report.badsince "$bin/roster" report --since yesterday
    run "$side" report.sinceall "$bin/roster" report --since all
    run "$side" report.svg "$bin/roster" report --svg "$dir/$side/chart.svg"
    run "$side" report.help "$bin/roster" report --help
done
sed -i "s|$dir/before|SIDE|g" "$dir"/before/*
sed -i "s|$dir/after|SIDE|g" "$dir"/after/*
if ! diff -r "$dir/before" "$dir/after" >"$dir/diff"; then
    head -40 "$dir/diff"
    echo "same_answers: the builds answer differently" >&2
    exit 1
fi
echo "same answers: $(ls "$dir/after" | wc -l) outputs (stdout, stderr, status, chart) alike"
