# End-to-end: the data directory. Only import makes a roster: every other
# command on a directory without one exits 2 and creates nothing; a store
# gone from beside its index is an error, never an empty roster; a store or
# an index of another roster is refused at open, and reindex is the remedy;
# a reader without write access (a read-only directory, another user's)
# still answers; a directory others may write is tightened or refused; an
# option value that is an option is a usage error; forget is all or nothing.
. tests/e2e/lib.sh

# roster_in DIR CMD...: run roster on the data directory DIR.
roster_in() { dir=$1; shift; ROSTER_DB="$dir" roster "$@"; }
# files_in DIR: every name under DIR, sorted (nothing when DIR is absent).
files_in() { [ -d "$1" ] && (cd "$1" && find . | sort); }

# ---- no roster: exit 2, nothing created ----
id=EXP-0001
for cmd in "search pension" "show $id" "export $id" "forget $id" "stats" "verify" "reindex" \
           "report" "match $FIX/tors/haiti.json" "check $FIX/tors/haiti.json $id"; do
    set -- $cmd
    out=$(roster_in "$TMP/typo" "$@" 2>&1); rc=$?
    expect_eq "$rc" 2 "$1 on a missing directory exits 2"
    expect_match "^roster: no roster at $TMP/typo — import first, or give --db / \\\$ROSTER_DB$" \
        "$1 on a missing directory says there is no roster" "$out"
    expect_eq "$(files_in "$TMP/typo")" "" "$1 on a missing directory creates nothing"
done
mkdir "$TMP/empty"
for cmd in search stats verify reindex "forget $id"; do
    set -- $cmd
    expect_status 2 "$1 on an empty directory exits 2" -- roster_in "$TMP/empty" "$@"
    expect_eq "$(files_in "$TMP/empty")" "." "$1 on an empty directory leaves it empty"
done
out=$(cd "$TMP" && "$ROOT/$ROSTER" search pension --db typo 2>&1); rc=$?
expect_eq "$rc" 2 "a mistyped --db exits 2"
expect_match "no roster at typo — import first" "a mistyped --db names the directory" "$out"
expect_status 0 "import makes a roster" -- roster_in "$TMP/new" import "$FIX/experts.jsonl"
expect_eq "$(stat -c %a "$TMP/new")" 700 "the directory import makes is owner-only"

# ---- an option value that looks like an option ----
out=$(cd "$TMP" && "$ROOT/$ROSTER" forget --db --db "$TMP/new" "$id" 2>&1); rc=$?
expect_eq "$rc" 2 "forget --db --db DIR exits 2"
expect_match "option '--db' needs a value, not the option '--db'" "and says why" "$out"
expect_eq "$(files_in "$TMP/--db")" "" "and makes no directory named --db"
expect_status 0 "and forgets no one" -- roster_in "$TMP/new" show "$id"
expect_status 2 "search --limit --json exits 2" -- roster_in "$TMP/new" search pension --limit --json

# ---- forget is all or nothing ----
out=$(roster_in "$TMP/new" forget "$id" EXP-9999 EXP-9998 2>&1); rc=$?
expect_eq "$rc" 2 "forget with an unknown id exits 2"
expect_match "no expert with id 'EXP-9999'" "forget names the first unknown id" "$out"
expect_match "no expert with id 'EXP-9998'" "forget names the second unknown id" "$out"
expect_match "nothing forgotten" "forget says nothing was forgotten" "$out"
expect_no_match "no expert with id '$id'" "forget does not call the known id unknown" "$out"
expect_status 0 "the known expert is still there" -- roster_in "$TMP/new" show "$id"
expect_eq "$(roster_in "$TMP/new" search "id:$id" --json --limit 0 | sed -n 's/^{"total":\([0-9]*\).*/\1/p')" \
    1 "and still found by a search"
expect_status 0 "the same id twice is forgotten once" -- roster_in "$TMP/new" forget "$id" "$id"
expect_status 2 "then it is unknown" -- roster_in "$TMP/new" show "$id"

# ---- the store gone from beside its index ----
roster_in "$TMP/lost" import "$FIX/experts.jsonl" > /dev/null
rm -f "$TMP/lost"/roster.sqlite*
before=$(files_in "$TMP/lost")
for cmd in "search pension" stats verify reindex "import $FIX/experts.csv" "forget EXP-0002"; do
    set -- $cmd
    out=$(roster_in "$TMP/lost" "$@" 2>&1); rc=$?
    expect_eq "$rc" 1 "$1 with the store gone exits 1"
    expect_match "the store roster.sqlite is missing but the index \(index.current\) is there: restore roster.sqlite from a backup" \
        "$1 with the store gone says what is wrong and what to do" "$out"
    expect_eq "$(files_in "$TMP/lost")" "$before" "$1 with the store gone leaves the index alone"
done

# ---- a store or an index of another roster ----
roster_in "$TMP/a" import "$FIX/experts.jsonl" > /dev/null
roster_gen --experts 5 --seed 9 > "$TMP/other.jsonl"
roster_in "$TMP/b" import "$TMP/other.jsonl" > /dev/null
# Both at change 1, so the change numbers alone would agree.
store_id() { roster_in "$1" stats --json | sed -n 's/.*"store_id":"\([0-9a-f]*\)".*/\1/p'; }
ida=$(store_id "$TMP/a") idb=$(store_id "$TMP/b")
expect_match '^[0-9a-f]{16}$' "a store has an identity" "$ida"
[ "$ida" != "$idb" ] && ok "two stores have different identities" || not_ok "same identity" "$ida"
expect_match "^store id: +$ida$" "stats shows it" "$(roster_in "$TMP/a" stats)"
cp -a "$TMP/a" "$TMP/a.orig"
rm -f "$TMP/a"/roster.sqlite-*
cp "$TMP/b/roster.sqlite" "$TMP/a/roster.sqlite"
for cmd in "search pension" "show EXP-0001" verify "forget EXP-0001" "import $FIX/experts.csv"; do
    set -- $cmd
    out=$(roster_in "$TMP/a" "$@" 2>&1); rc=$?
    expect_eq "$rc" 1 "$1 with a store of another roster exits 1"
    expect_match "store and the index are of different rosters: store $idb, index .*index-[0-9]+ built from store $ida; .roster reindex. rebuilds" \
        "$1 with a store of another roster names both identities" "$out"
done
expect_status 0 "reindex rebuilds from the store" -- roster_in "$TMP/a" reindex
expect_status 0 "and then verify agrees" -- roster_in "$TMP/a" verify
expect_eq "$(roster_in "$TMP/a" search '' --json --limit 0 | sed -n 's/^{"total":\([0-9]*\).*/\1/p')" 5 \
    "and the search answers from the store now there"
# The index of another roster put in.
rm -rf "$TMP/a"; cp -a "$TMP/a.orig" "$TMP/a"
live=$(cat "$TMP/a/index.current")
rm -rf "$TMP/a/$live"; cp -a "$TMP/b/$(cat "$TMP/b/index.current")" "$TMP/a/$live"
out=$(roster_in "$TMP/a" search pension 2>&1); rc=$?
expect_eq "$rc" 1 "search with an index of another roster exits 1"
expect_match "store $ida, index .*$live built from store $idb" "and names both identities" "$out"
expect_status 0 "reindex is the remedy" -- roster_in "$TMP/a" reindex
expect_status 0 "search then works" -- roster_in "$TMP/a" search pension

# ---- a directory others may write ----
roster_in "$TMP/open" import "$FIX/experts.jsonl" > /dev/null
chmod 777 "$TMP/open"
out=$(roster_in "$TMP/open" search pension 2>&1); rc=$?
expect_eq "$rc" 0 "a search in a directory others may write runs"
expect_match "^roster: note: .*open: other users could write it \(mode 777\): now 700, owner only$" \
    "and says it tightened the directory" "$out"
expect_eq "$(stat -c %a "$TMP/open")" 700 "the directory is owner-only again"
chmod 1777 "$TMP/open"
out=$(roster_in "$TMP/open" search pension 2>&1); rc=$?
expect_eq "$rc" 1 "a shared (sticky) directory is refused"
expect_match "a shared directory \(mode 1777\): a roster needs a directory of its own" "and says why" "$out"
chmod 700 "$TMP/open"

# ---- readers without write access ----
# As root, permissions are only meaningful for another user: the commands
# run as nobody (setpriv, util-linux). As anyone else, a chmod suffices.
if [ "$(id -u)" -ne 0 ]; then
    as_other() { "$@"; }
elif command -v setpriv > /dev/null && id nobody > /dev/null 2>&1; then
    as_other() { setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups "$@"; }
else
    as_other=""
fi
if command -v as_other > /dev/null; then
    chmod 755 "$TMP"
    mkdir "$TMP/ro"
    [ "$(id -u)" -eq 0 ] && chown nobody "$TMP/ro"
    ro() { as_other env ROSTER_DB="$TMP/ro/db" "$ROOT/$ROSTER" "$@"; }
    expect_status 0 "an import by the directory's owner" -- ro import "$FIX/experts.jsonl"
    chmod 555 "$TMP/ro/db"
    before=$(files_in "$TMP/ro/db")
    for cmd in "search pension" "show EXP-0002" stats verify "match $FIX/tors/haiti.json" report; do
        set -- $cmd
        out=$(ro "$@" 2>&1); rc=$?
        [ "$1" = match ] && [ "$rc" -eq 3 ] && rc=0 # no team is an answer too
        expect_eq "$rc" 0 "$1 in a read-only directory answers"
    done
    out=$(ro search pension --json --limit 0 2>&1)
    expect_match '^\{"total":[1-9]' "a search in a read-only directory finds experts" "$out"
    expect_eq "$(files_in "$TMP/ro/db")" "$before" "readers of a read-only directory create nothing"
    # The index gone: the reader cannot rebuild it and says so.
    chmod 755 "$TMP/ro/db"
    as_other mv "$TMP/ro/db/index.current" "$TMP/ro/index.current"
    chmod 555 "$TMP/ro/db"
    out=$(ro search pension 2>&1); rc=$?
    expect_eq "$rc" 1 "a search in a read-only directory without its index fails"
    expect_match "^roster: note: the index is missing or damaged, and this user may not write the data directory to rebuild it" \
        "and says why" "$out"
    chmod 755 "$TMP/ro/db"
    as_other mv "$TMP/ro/index.current" "$TMP/ro/db/index.current"
    chmod 555 "$TMP/ro/db"
    out=$(ro forget EXP-0002 2>&1); rc=$?
    expect_eq "$rc" 1 "a writer in a read-only directory fails"
    expect_match "this user may not write it .*: changes need write access" "and says why" "$out"
    chmod 755 "$TMP/ro/db"

    # Another user's roster, readable by everyone.
    if [ "$(id -u)" -eq 0 ]; then
        roster_in "$TMP/shared" import "$FIX/experts.jsonl" > /dev/null
        chmod -R a+rX "$TMP/shared"
        before=$(files_in "$TMP/shared")
        sh_ro() { as_other env ROSTER_DB="$TMP/shared" "$ROOT/$ROSTER" "$@"; }
        expect_status 0 "search in another user's roster answers" -- sh_ro search pension
        expect_status 0 "verify in another user's roster answers" -- sh_ro verify
        expect_match "tables were not read through" \
            "verify without write access says the index tables went unchecked" "$(sh_ro verify 2>&1)"
        expect_status 0 "show in another user's roster answers" -- sh_ro show EXP-0002
        expect_eq "$(files_in "$TMP/shared")" "$before" "readers of another user's roster create nothing"
        # Open to all writers and not ours: refused.
        chmod 777 "$TMP/shared"
        out=$(sh_ro search pension 2>&1); rc=$?
        expect_eq "$rc" 1 "another user's directory open to all is refused"
        expect_match "other users may write it \(mode 777\) and it is not yours" "and says why" "$out"
        expect_eq "$(stat -c %a "$TMP/shared")" 777 "and left as it is"
        chmod 700 "$TMP/shared"
    fi
else
    echo "# skipped: readers without write access (running as root without setpriv or user nobody)"
fi
