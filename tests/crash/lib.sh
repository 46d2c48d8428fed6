# Crash trials: a roster command killed with SIGKILL at random points, then
# the checks every crash must pass. Sourced by tests/crash/crash.sh (make
# crash, hundreds of trials) and tests/e2e/test_crash.sh (make test, a few).
#
# Needs tests/e2e/lib.sh sourced first ($ROSTER, $ROSTER_DB, $TMP, ok, not_ok).
# After each kill:
#   - the next command (roster stats) succeeds and repairs what the crash left;
#   - the store holds all or none of the killed command's change (a count);
#   - the index holds as many experts as the store, and roster verify exits 0;
#   - a search succeeds and finds a known expert;
#   - one index directory is left;
#   - after a forget that went through, no file of the data directory holds
#     the forgotten expert's words.

SECRET_WORD=quorblefizz
CRASH_SEED=${CRASH_SEED:-$$}

# crash_setup BASE MORE: BASE experts imported into a snapshot; MORE other
# experts in $TMP/more.jsonl; their ids in $TMP/more.ids; a second snapshot
# holding both and a secret expert (for forget).
crash_setup() {
    base=$1 more=$2
    roster_gen --experts $((base + more)) --seed 17 > "$TMP/all.jsonl"
    head -n "$base" "$TMP/all.jsonl" > "$TMP/base.jsonl"
    tail -n "$more" "$TMP/all.jsonl" > "$TMP/more.jsonl"
    sed 's/^{"id":"\([^"]*\)".*/\1/' "$TMP/more.jsonl" > "$TMP/more.ids"
    printf '%s\n' '{"id":"SECRET-9","name":"Ottoline Quorblefizz","nationalities":["BE"],"summary":"quorblefizz pensions","cv_lang":"en"}' > "$TMP/secret.jsonl"
    ROSTER_DB="$TMP/snap-base" roster import "$TMP/base.jsonl" >/dev/null 2>&1 &&
        cp -a "$TMP/snap-base" "$TMP/snap-full" &&
        ROSTER_DB="$TMP/snap-full" roster import "$TMP/more.jsonl" "$TMP/secret.jsonl" >/dev/null 2>&1
}

# Become the command of operation $1 (import, forget, reindex) on
# $ROSTER_DB: exec, so that the pid of `crash_command OP &` is roster's own.
crash_command() {
    case $1 in
    import) exec "$ROOT/$ROSTER" import "$TMP/more.jsonl" ;;
    forget) exec "$ROOT/$ROSTER" forget SECRET-9 $(cat "$TMP/more.ids") ;;
    reindex) exec "$ROOT/$ROSTER" reindex ;;
    esac
}

crash_restore() {
    rm -rf "$ROSTER_DB"
    case $1 in
    import) cp -a "$TMP/snap-base" "$ROSTER_DB" ;;
    *) cp -a "$TMP/snap-full" "$ROSTER_DB" ;;
    esac
}

now() { date +%s.%N; }

# crash_trials OP TRIALS: kill OP at TRIALS random points of its run time.
crash_trials() {
    op=$1 trials=$2
    base=$(wc -l < "$TMP/base.jsonl") more=$(wc -l < "$TMP/more.jsonl")
    case $op in
    import) before=$base after=$((base + more)) ;;
    forget) before=$((base + more + 1)) after=$base ;;
    reindex) before=$((base + more + 1)) after=$before ;;
    esac
    # How long the command runs uncut: kills land in [0, 1.1 x that].
    crash_restore "$op"
    t0=$(now)
    (crash_command "$op" >/dev/null 2>&1)
    t1=$(now)
    span=$(echo "$t0 $t1" | awk '{printf "%.3f", ($2 - $1) * 1.1}')
    delays=$(awk -v n="$trials" -v span="$span" -v seed="$CRASH_SEED" \
        'BEGIN { srand(seed); for (i = 0; i < n; i++) printf "%.3f\n", rand() * span }')
    none=0 all=0 finished=0 bad=0 i=0
    # The shell's "Killed" notices go to stderr: keep them out of the report.
    exec 3>&2 2>/dev/null
    for delay in $delays; do
        i=$((i + 1))
        crash_restore "$op"
        crash_command "$op" >/dev/null 2>&1 &
        pid=$!
        sleep "$delay"
        kill -KILL "$pid" 2>/dev/null
        wait "$pid"
        [ $? -eq 0 ] && finished=$((finished + 1))
        why=$(crash_check "$before" "$after")
        case $why in
        none) none=$((none + 1)) ;;
        all) all=$((all + 1)) ;;
        *)
            bad=$((bad + 1))
            not_ok "$op trial $i (kill after $delay s, seed $CRASH_SEED)" \
                "$(printf '%s\n' "$why" | head -5)"
            ;;
        esac
    done
    exec 2>&3 3>&-
    if [ "$bad" -eq 0 ]; then
        ok "$op killed at $trials random points in ${span} s: $none left nothing, $all all ($finished had finished); verify 0 after each"
    fi
}

# crash_check BEFORE AFTER: "none" or "all" (experts in the store), or what
# went wrong.
crash_check() {
    stats=$(roster stats --json 2>&1) || { echo "stats failed: $stats"; return; }
    n=$(printf '%s' "$stats" | sed -n 's/.*"experts":\([0-9]*\).*/\1/p')
    indexed=$(printf '%s' "$stats" | sed -n 's/.*"indexed":\([0-9]*\).*/\1/p')
    out=$(roster verify 2>&1) || { echo "verify failed: $out"; return; }
    [ "$n" = "$indexed" ] || { echo "store has $n experts, index $indexed"; return; }
    out=$(roster search 'id:EXP-00001' --json --limit 1 2>&1) ||
        { echo "search failed: $out"; return; }
    case $out in *'"total":1'*) ;; *) echo "search lost EXP-00001: $out"; return ;; esac
    dirs=$(ls -d "$ROSTER_DB"/index-* | wc -l)
    [ "$dirs" -eq 1 ] || { echo "$dirs index directories left"; return; }
    if [ "$n" = "$before" ] && [ "$n" = "$after" ]; then
        echo all
    elif [ "$n" = "$before" ]; then
        echo none
    elif [ "$n" = "$after" ]; then
        if [ "$before" -gt "$after" ] && grep -rqai "$SECRET_WORD" "$ROSTER_DB"; then
            echo "forgotten expert's words still on disk: $(grep -rlai "$SECRET_WORD" "$ROSTER_DB")"
            return
        fi
        echo all
    else
        echo "store holds $n experts: neither $before nor $after"
    fi
}
