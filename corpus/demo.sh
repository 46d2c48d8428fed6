#!/bin/sh
# make demo: a sample roster of 1,000 generated experts, imported and searched.
# Usage: corpus/demo.sh BUILD   (the data goes to demo-data/, rebuilt each run)
# It first says which binary and data directory it uses, and how to run its
# commands by hand with the same answers; it says so when it wipes the
# demo-data/ of an earlier run.
set -e
build=${1:?usage: corpus/demo.sh BUILD}
roster="$build/roster"
export ROSTER_DB=demo-data/db
export ROSTER_TODAY=2026-11-25
# The binaries' directory as the user would put it on PATH.
case $build in /*) bindir=$build ;; *) bindir="\$PWD/$build" ;; esac

step() { printf '\n\033[1m== %s\033[0m\n$ %s\n' "$1" "$2"; }

# How to run the demo's commands by hand, on its roster and date.
yourself() {
    echo "  export PATH=\"$bindir:\$PATH\" ROSTER_DB=\"\$PWD/$ROSTER_DB\""
    echo "  export ROSTER_TODAY=$ROSTER_TODAY   # else the real date: report and availability may differ"
}

printf '\n\033[1m== %s\033[0m\n' "The demo: $roster on a sample roster in $ROSTER_DB"
echo "Today is fixed at $ROSTER_TODAY by ROSTER_TODAY. Its commands by hand, in this directory:"
yourself
if [ -e demo-data ]; then
    echo "demo-data/ reset: the demo starts from a fresh roster each time (what you added to"
    echo "the last one is gone); keep a roster of your own elsewhere (--db DIR or ROSTER_DB)."
fi

rm -rf demo-data
mkdir -p demo-data
step "Generate a sample roster of 1,000 experts" "roster-gen --experts 1000 --seed 42 > demo-data/roster.jsonl"
"$build/roster-gen" --experts 1000 --seed 42 > demo-data/roster.jsonl
wc -l < demo-data/roster.jsonl | sed 's/^/lines: /'

step "Import it (validated, stored in SQLite, indexed with Xapian)" "roster import demo-data/roster.jsonl"
"$roster" import demo-data/roster.jsonl
"$roster" stats

step "Search by competence code: social security (E.10) and its sub-codes" "roster search 'field:E.10' --limit 8"
"$roster" search 'field:E.10' --limit 8

step "French at C1 or above, Spanish or Portuguese nationals, with facets" \
     "roster search 'lang:fr>=C1 nat:ES nat:PT' --facets --limit 8"
"$roster" search 'lang:fr>=C1 nat:ES nat:PT' --facets --limit 8

step "Free text in French (stemmed, accents folded), public sector only" \
     "roster search \"pensions d'invalidité sector:public\" --limit 8"
"$roster" search "pensions d'invalidité sector:public" --limit 8

step "Shortlist and best teams for a French-speaking action in Haiti" \
     "roster match corpus/tors/2019-27-haiti.json --shortlist 8 --teams 2"
"$roster" match corpus/tors/2019-27-haiti.json --shortlist 8 --teams 2

step "The same for a Spanish-speaking action in Colombia" \
     "roster match corpus/tors/2020-18-colombia.json --shortlist 8 --teams 2"
"$roster" match corpus/tors/2020-18-colombia.json --shortlist 8 --teams 2

step "A request as a partner sent it (Word): drafted for review, then matched" \
     "roster draft corpus/requests/2027-04-cote-divoire.docx"
"$roster" draft corpus/requests/2027-04-cote-divoire.docx
"$roster" match corpus/requests/2027-04-cote-divoire.docx --shortlist 5 --teams 1

# A team composed by hand: the two best French experts of the Haitian shortlist.
pair=$("$roster" search 'nat:FR lang:fr>=C1 field:E' --json --limit 2 |
       grep -o '"id":"[^"]*"' | cut -d'"' -f4 | tr '\n' ' ')
step "Check a team composed by hand (two French experts: one nationality too many)" \
     "roster check corpus/tors/2019-27-haiti.json $pair"
"$roster" check corpus/tors/2019-27-haiti.json $pair || echo "(exit status $?: a hard rule fails)"

step "Diversity of the roster and of mission days (first rows), with a chart" \
     "roster report --svg demo-data/days-by-nationality.svg | head -22"
"$roster" report --svg demo-data/days-by-nationality.svg | head -22
echo "chart written to demo-data/days-by-nationality.svg"

step "One expert as stored" "roster show EXP-00001"
"$roster" show EXP-00001

step "Store and index agree" "roster verify"
"$roster" verify

step "The web service on this roster" "make serve"
echo "make serve starts the HTTP API on http://127.0.0.1:8080/ over demo-data/db, adds an"
echo "editor account 'demo' and prints a one-time link to open in a browser to sign in;"
echo "scripts use a token: roster user add NAME --role viewer (docs/service.md)."

printf '\n\033[1m== %s\033[0m\n' "Your turn, on this roster and date (in this directory)"
yourself
echo "  roster --help                    # the commands; roster COMMAND --help for one"
