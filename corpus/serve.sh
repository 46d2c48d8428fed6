#!/bin/sh
# make serve: the web service on the demo roster. Makes the demo data when
# absent (1,000 generated experts in demo-data/db, as `make demo` does), a
# demo editor account when absent, prints a one-time sign-in link, then runs
# `roster serve` until Ctrl-C. It first says which binary, data directory and
# date it uses, and ends with how to reach the same roster and date by hand.
# Usage: corpus/serve.sh BUILD [HOST:PORT]   (default 127.0.0.1:8080)
set -e
build=${1:?usage: corpus/serve.sh BUILD [HOST:PORT]}
listen=${2:-127.0.0.1:8080}
roster="$build/roster"
export ROSTER_DB=demo-data/db
export ROSTER_TODAY=2026-11-25
# The binaries' directory as the user would put it on PATH.
case $build in /*) bindir=$build ;; *) bindir="\$PWD/$build" ;; esac

printf '\n\033[1m== %s\033[0m\n' "The web service: $roster serve on the roster in $ROSTER_DB"
echo "Today is fixed at $ROSTER_TODAY by ROSTER_TODAY, as in make demo. What you change"
echo "stays in $ROSTER_DB until the next make demo, which starts it afresh."
if [ ! -f "$ROSTER_DB/roster.sqlite" ]; then
    echo "making the demo roster (1,000 generated experts) in $ROSTER_DB"
    mkdir -p demo-data
    "$build/roster-gen" --experts 1000 --seed 42 > demo-data/roster.jsonl
    "$roster" import demo-data/roster.jsonl
fi
if ! "$roster" user list | grep -q '^demo '; then
    # The token is not needed: the demo signs in with a one-time link.
    "$roster" user add demo --role editor > /dev/null 2>&1
    echo "made the account 'demo' (an editor)"
fi
host=${listen%:*}
[ "$host" = "0.0.0.0" ] && host=127.0.0.1
base="http://$host:${listen##*:}"
more=""
[ "$listen" = "127.0.0.1:8080" ] || more=" --base $base"
echo
echo "Open this link in a browser within 5 minutes to sign in as 'demo' (an editor):"
"$roster" login-link demo --base "$base" 2> /dev/null
echo "A new link: $roster login-link demo --db $ROSTER_DB$more"
echo "An account for scripts: $roster user add NAME --role viewer --db $ROSTER_DB"
echo "Commands by hand on this roster and date, from this directory:"
echo "  export PATH=\"$bindir:\$PATH\" ROSTER_DB=\"\$PWD/$ROSTER_DB\""
echo "  export ROSTER_TODAY=$ROSTER_TODAY   # else the real date: report and availability may differ"
echo
exec "$roster" serve --listen "$listen"
