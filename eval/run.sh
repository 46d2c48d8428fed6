#!/bin/sh
# make eval: matching quality of `roster match --batch` against a hidden
# ground truth, beside baselines (docs/measurements.md, "Matching quality").
#
#   eval/run.sh BUILD [EXPERTS [GENERATED_TORS]]     defaults 3000 and 150
#
# EVAL_SEED picks the roster and the generated ToRs (default 1); EVAL_KEEP=DIR
# keeps the roster, truth, ToRs, answers and a per-ToR table there.
set -eu
build=${1:?usage: eval/run.sh BUILD [EXPERTS [GENERATED_TORS]]}
experts=${2:-3000}
generated=${3:-150}
seed=${EVAL_SEED:-1}
if [ -n "${EVAL_KEEP:-}" ]; then
    dir=$EVAL_KEEP
    mkdir -p "$dir"
    rm -rf "$dir/db"
else
    dir=$(mktemp -d)
    trap 'rm -rf "$dir"' EXIT
fi
export ROSTER_DB="$dir/db" ROSTER_TODAY=2026-11-25

"$build/roster-gen" --experts "$experts" --seed "$seed" --truth "$dir/truth.jsonl" \
    >"$dir/experts.jsonl"
"$build/roster-eval" tors --samples corpus/tors/all.jsonl --count "$generated" --seed "$seed" \
    --real eval/real/requests.jsonl \
    --out "$dir/tors.jsonl" --topics "$dir/topics.jsonl"
"$build/roster" import "$dir/experts.jsonl" >/dev/null
# Exit 3 only says some ToR has no team; the scoring counts those.
status=0
"$build/roster" match --batch "$dir/tors.jsonl" --shortlist 50 --json >"$dir/answers.jsonl" ||
    status=$?
if [ "$status" -ne 0 ] && [ "$status" -ne 3 ]; then
    echo "eval: roster match failed (exit $status)" >&2
    exit 1
fi
"$build/roster-eval" score --experts "$dir/experts.jsonl" --truth "$dir/truth.jsonl" \
    --tors "$dir/tors.jsonl" --topics "$dir/topics.jsonl" --answers "$dir/answers.jsonl" \
    --seed "$seed" --per-tor "$dir/per-tor.tsv"
