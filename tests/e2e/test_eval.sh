# make eval end to end, small: a roster with its truth, sample and generated
# ToRs, roster match --batch, the report with baselines and the oracle.
# The metrics themselves: tests/unit/test_eval.c.
. tests/e2e/lib.sh
EVAL="$(dirname "$ROSTER")/roster-eval"

expect_status 0 "roster-eval --help" -- "$ROOT/$EVAL" --help
expect_status 2 "roster-eval without a command" -- "$ROOT/$EVAL"
expect_status 2 "roster-eval score without its files" -- "$ROOT/$EVAL" score --experts x
expect_match "--truth is required" "the missing option is named" \
    "$("$ROOT/$EVAL" score --experts x 2>&1)"
expect_status 2 "roster-eval tors with a bad count" -- "$ROOT/$EVAL" tors --samples x --count -1 \
    --out "$TMP/t" --topics "$TMP/p"

out=$(EVAL_KEEP="$TMP/eval" sh eval/run.sh "$(dirname "$ROSTER")" 300 12 2>&1)
status=$?
real=$(wc -l <eval/real/requests.jsonl | tr -d ' ')
expect_eq "$status" 0 "eval/run.sh runs"
expect_match "^Matching quality: 300 experts, $((40 + real)) ToRs \\(28 sample, 12 generated: .*; $real real requests\\)" \
    "the report counts experts and ToRs" "$out"
expect_match "^real requests .*: $real ToRs" "the real requests are scored apart" "$out"
expect_match "^  real +$real +[0-9.]+ +[0-9.]+ +[0-9.]+$" "a row of fields inferred for them" \
    "$(printf '%s\n' "$out" | sed -n '/^fields inferred/,$p')"
expect_match '^tuning: [0-9]+ ToRs' "a tuning split" "$out"
expect_match '^held-out \(never used for tuning\): [0-9]+ ToRs' "a held-out split" "$out"
expect_match 'oracle \(truth\) +1\.000' "the oracle scores nDCG@10 = 1" "$out"
for sys in 'roster match' 'FTS5 BM25' 'codes only' random; do
    expect_match "^  $sys +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9]+/[0-9]+ " "a row for $sys" "$out"
done
expect_eq "$(wc -l <"$TMP/eval/truth.jsonl" | tr -d ' ')" 300 "the truth stays beside the roster"
expect_eq "$(wc -l <"$TMP/eval/per-tor.tsv" | tr -d ' ')" $((40 + real)) "one per-ToR line each"
# The engine never reads the truth: no file it is given holds its words.
expect_no_match '"shares"|truth' "the ToRs carry no truth" "$(cat "$TMP/eval/tors.jsonl")"
