#!/bin/sh
# Crash safety at scale (make crash): roster import killed with SIGKILL at
# TRIALS random points of its run, forget and reindex at TRIALS/3 each; every
# crash must leave the store all-or-nothing, the index in agreement after
# the next command, and no command failing. See tests/crash/lib.sh.
# Usage: tests/crash/crash.sh BUILD [TRIALS]   (TRIALS default 300)
#   CRASH_BASE experts already in the roster (default 500), CRASH_MORE
#   experts imported, then forgotten (default 1000: a file as large as the
#   facility's whole roster); CRASH_SEED=N replays the same kill points.
# Each trial restores the roster, so time grows with TRIALS x CRASH_MORE:
# the defaults take about 5 minutes on two cores.
build=${1:?usage: tests/crash/crash.sh BUILD [TRIALS]}
trials=${2:-300}
base=${CRASH_BASE:-500} more=${CRASH_MORE:-1000}
ROSTER="$build/roster" ROSTER_GEN="$build/roster-gen"
. tests/e2e/lib.sh
. tests/crash/lib.sh
log=$TMP/log

crash_setup "$base" "$more" || { echo "crash: setup failed"; exit 1; }
echo "crash: $base experts, $more more imported then forgotten; seed $CRASH_SEED"
failed=0
for run in "import $trials" "forget $(( (trials + 2) / 3 ))" "reindex $(( (trials + 2) / 3 ))"; do
    start=$(date +%s)
    crash_trials $run | tee "$log"
    echo "    ($(( $(date +%s) - start )) s)"
    grep -q '^not ok' "$log" && failed=1
done
exit $failed
