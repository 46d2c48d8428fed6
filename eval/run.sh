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

# roster draft on the real requests written out as documents (the partner
# institution's name, then the text): first on the text alone, then as the
# facility meets them, each drafted with the earlier ones stored as its
# records (their institutions name their countries).
mkdir -p "$dir/documents"
n=$("$build/roster-eval" documents --requests eval/real/requests.jsonl --dir "$dir/documents")
: >"$dir/drafts-alone.jsonl"
: >"$dir/drafts-records.jsonl"
# One draft a line: draft --json prints it indented, and no string in it
# holds a line break (JSON escapes them), so dropping them keeps the JSON.
draft_line() {
    json=$("$build/roster" draft "$1" --json) # a failed draft stops the run (set -e)
    printf '%s' "$json" | tr -d '\n'
    echo
}
i=1
while [ "$i" -le "$n" ]; do
    doc=$(printf '%s/documents/%03d' "$dir" "$i")
    draft_line "$doc.txt" >>"$dir/drafts-alone.jsonl"
    i=$((i + 1))
done
i=1
while [ "$i" -le "$n" ]; do
    doc=$(printf '%s/documents/%03d' "$dir" "$i")
    draft_line "$doc.txt" >>"$dir/drafts-records.jsonl"
    "$build/roster" request add "$doc.json" >/dev/null
    i=$((i + 1))
done
echo
echo "roster draft on the real requests (partner country; a true field letter among its 3 fields):"
"$build/roster-eval" drafts --requests eval/real/requests.jsonl \
    --drafts "$dir/drafts-alone.jsonl" --label "the document alone"
"$build/roster-eval" drafts --requests eval/real/requests.jsonl \
    --drafts "$dir/drafts-records.jsonl" --label "with the earlier requests on record"
