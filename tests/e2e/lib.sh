# Helpers for end-to-end tests of the roster CLI. Each check prints
# "ok - what" or "not ok - what" (with the evidence); tests/run.sh counts them.
# $ROSTER and $ROSTER_GEN name the binaries under test.
set -u
: "${ROSTER:?}" "${ROSTER_GEN:?}"
ROOT=$(pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export ROSTER_DB="$TMP/db"
export ROSTER_TODAY=2026-11-25
FIX="$ROOT/tests/fixtures"

roster() { "$ROOT/$ROSTER" "$@"; }
roster_gen() { "$ROOT/$ROSTER_GEN" "$@"; }

ok() { echo "ok - $1"; }
not_ok() { echo "not ok - $1"; shift; for l in "$@"; do echo "    $l"; done; }

# expect_status WANT WHAT -- CMD...: run CMD, check its exit status.
expect_status() {
    want=$1 what=$2; shift 3
    out=$("$@" 2>&1); got=$?
    if [ "$got" -eq "$want" ]; then ok "$what"; else not_ok "$what" "exit $got, wanted $want" "$out"; fi
}
# expect_match PATTERN WHAT TEXT: TEXT matches grep -E PATTERN.
expect_match() {
    if printf '%s\n' "$3" | grep -Eq -- "$1"; then ok "$2"; else not_ok "$2" "no /$1/ in:" "$3"; fi
}
expect_no_match() {
    if printf '%s\n' "$3" | grep -Eq -- "$1"; then not_ok "$2" "unexpected /$1/ in:" "$3"; else ok "$2"; fi
}
expect_eq() {
    if [ "$1" = "$2" ]; then ok "$3"; else not_ok "$3" "got '$1', wanted '$2'"; fi
}
