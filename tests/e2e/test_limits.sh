# End-to-end: hostile input gets a clear error in bounded time and memory.
# Enormous lines, deep nesting, huge arrays, invalid UTF-8, NUL bytes,
# floods of bad records, huge and pathological queries and ToRs. Every
# command runs under `timeout` (exit 124 would mean it hung) and a 512 MB
# address-space limit where the build allows it (not under ASan).
. tests/e2e/lib.sh

case $(nm "$ROOT/$ROSTER" 2>/dev/null | grep -c __asan_init) in
0) limit_memory() { ulimit -v 524288; } ;;
*) limit_memory() { :; } ;;
esac

# bounded WHAT WANT_STATUS PATTERN -- roster ARGS...: roster exits
# WANT_STATUS within 20 s and its output matches PATTERN.
bounded() {
    what=$1 want=$2 pattern=$3
    shift 5 # CMD is `roster ...`: the function cannot run under timeout
    out=$( (limit_memory; timeout 20 "$ROOT/$ROSTER" "$@") 2>&1 ); got=$?
    if [ "$got" -ne "$want" ]; then
        not_ok "$what" "exit $got, wanted $want" "$(printf '%s\n' "$out" | head -5)"
    elif ! printf '%s\n' "$out" | grep -Eq -- "$pattern"; then
        not_ok "$what" "no /$pattern/ in:" "$(printf '%s\n' "$out" | head -5)"
    else
        ok "$what"
    fi
}

valid='{"id":"OK-1","name":"Ana Lopes","nationalities":["PT"]}'
expect_status 0 "import one expert" -- roster import "$FIX/experts.jsonl"

# A line of 30 MB (a summary), then a valid record.
awk 'BEGIN { s = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    printf "{\"id\":\"L-1\",\"name\":\"x\",\"nationalities\":[\"PT\"],\"summary\":\""
    for (i = 0; i < 300000; i++) printf "%s", s
    print "\"}" }' > "$TMP/long.jsonl"
echo "$valid" >> "$TMP/long.jsonl"
bounded "a 30 MB line is refused" 2 '^.*long\.jsonl:1: line longer than 1 MiB$' -- \
    roster import "$TMP/long.jsonl"
bounded "and the next record still goes in with --skip-bad" 2 '^imported 1 expert in' -- \
    roster import --skip-bad "$TMP/long.jsonl"

# JSON nested 100,000 deep.
awk 'BEGIN { printf "{\"id\":\"D-1\",\"name\":\"x\",\"nationalities\":[\"PT\"],\"x\":"
    for (i = 0; i < 100000; i++) printf "["
    for (i = 0; i < 100000; i++) printf "]"
    print "}" }' > "$TMP/deep.jsonl"
bounded "deeply nested JSON is refused" 2 'deep\.jsonl:1: invalid JSON at column [0-9]+: maximum parsing depth' -- \
    roster import "$TMP/deep.jsonl"

# Languages without end: a million on one line, and a thousand and one.
awk 'BEGIN { printf "{\"id\":\"M-1\",\"name\":\"x\",\"nationalities\":[\"PT\"],\"languages\":["
    for (i = 0; i < 1000000; i++) printf "{\"code\":\"fr\"},"
    print "{\"code\":\"en\"}]}"
    printf "{\"id\":\"M-2\",\"name\":\"x\",\"nationalities\":[\"PT\"],\"languages\":["
    for (i = 0; i < 1000; i++) printf "\"fr\","
    print "\"en\"]}" }' > "$TMP/langs.jsonl"
bounded "a million languages: the line is refused" 2 'langs\.jsonl:1: line longer than 1 MiB' -- \
    roster import "$TMP/langs.jsonl"
bounded "1,001 languages: the array is refused" 2 'langs\.jsonl:2: languages: more than 1000 items' -- \
    roster import "$TMP/langs.jsonl"

# Invalid UTF-8 and NUL bytes, in JSON Lines and CSV.
printf '{"id":"U-1","name":"bad \377 byte","nationalities":["PT"]}\n{"id":"U-2","name":"nul \000 byte","nationalities":["PT"]}\n{"id":"U-3","name":"esc \\u0000","nationalities":["PT"]}\n' > "$TMP/bytes.jsonl"
bounded "invalid UTF-8 is refused with its line and column" 2 'bytes\.jsonl:1: invalid UTF-8 at column 25' -- \
    roster import "$TMP/bytes.jsonl"
bounded "a NUL byte is refused with its line and column" 2 'bytes\.jsonl:2: NUL byte at column 25' -- \
    roster import "$TMP/bytes.jsonl"
bounded "an escaped NUL is refused" 2 'bytes\.jsonl:3: invalid JSON at column [0-9]+: NUL character \(\\u0000\) not allowed in text' -- \
    roster import "$TMP/bytes.jsonl"
printf 'id,name,nationalities\nC-1,"nul \000",PT\nC-2,bad \377,PT\n' > "$TMP/bytes.csv"
bounded "CSV: NUL byte refused" 2 'bytes\.csv:2: NUL byte at column 10' -- roster import "$TMP/bytes.csv"
bounded "CSV: invalid UTF-8 refused" 2 'bytes\.csv:3: invalid UTF-8 at column 9' -- roster import "$TMP/bytes.csv"

# A flood of bad records: problems past the first 10,000 are counted only.
awk 'BEGIN { for (i = 0; i < 6000; i++) printf "{\"id\":\"B-%d\"}\n", i }' > "$TMP/flood.jsonl"
bounded "12,000 problems: 10,000 shown, the rest counted" 2 '^\.\.\. and 2000 more errors and 0 more warnings, not shown$' -- \
    roster import "$TMP/flood.jsonl"
n=$(roster import "$TMP/flood.jsonl" 2>&1 | grep -c 'flood\.jsonl:')
expect_eq "$n" 10000 "exactly 10,000 problems printed"

n=$(roster stats --json | sed 's/.*"experts":\([0-9]*\).*/\1/')
expect_eq "$n" 6 "only the good records went in (5 fixtures and the one with --skip-bad)"

# Queries: 100 KB (an argument can hold at most 128 KB; the parser's own
# test feeds it 1 MB), nesting, term count, invalid UTF-8, the widest avail:.
q=$(awk 'BEGIN { for (i = 0; i < 20000; i++) printf "word "; }')
bounded "a 100 KB query is refused" 2 '^roster search: query longer than 8192 bytes$' -- roster search "$q"
q=$(awk 'BEGIN { for (i = 0; i < 40; i++) printf "("; printf "a"; for (i = 0; i < 40; i++) printf ")" }')
bounded "parentheses 40 deep are refused" 2 'query nests deeper than 32 parentheses' -- roster search "$q"
q=$(awk 'BEGIN { for (i = 0; i < 1100; i++) printf "w%d OR ", i % 50; printf "x" }')
bounded "1,100 terms are refused" 2 'query has more than 1024 terms' -- roster search "$q"
bounded "an invalid UTF-8 query is refused" 2 'query is not valid UTF-8' -- roster search "$(printf 'pension \377')"
q=$(awk 'BEGIN { for (i = 0; i < 260; i++) printf "avail:2027-%02d-%02d..2028-12-31 ", int(i / 28) % 12 + 1, i % 28 + 1 }')
bounded "260 two-year avail: ranges run" 0 'experts?' -- roster search "$q" --facets
q=$(awk 'BEGIN { for (i = 0; i < 31; i++) printf "(a OR NOT b "; printf "c"; for (i = 0; i < 31; i++) printf ")" }')
bounded "31 nested OR/NOT groups run" 0 'experts?' -- roster search "$q" --facets

# ToRs: too large, deeply nested.
awk 'BEGIN { printf "{\"action\":\"A-1\",\"title\":\"t\",\"country\":\"SN\",\"description\":\""
    for (i = 0; i < 2200000; i++) printf "a"
    print "\"}" }' > "$TMP/big-tor.json"
bounded "a ToR over 1 MiB is refused" 2 'big-tor\.json: file too large for a ToR' -- \
    roster match "$TMP/big-tor.json"
awk 'BEGIN { printf "{\"action\":\"A-1\",\"title\":\"t\",\"country\":\"SN\",\"rules\":"
    for (i = 0; i < 50000; i++) printf "["
    for (i = 0; i < 50000; i++) printf "]"
    print "}" }' > "$TMP/deep-tor.json"
bounded "a deeply nested ToR is refused" 2 'deep-tor\.json:1: .*maximum parsing depth' -- \
    roster match "$TMP/deep-tor.json"
expect_status 0 "verify after all of it" -- roster verify
