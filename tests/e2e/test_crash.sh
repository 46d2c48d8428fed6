# End-to-end: crash safety, in short (make crash runs hundreds of trials).
# roster import, forget and reindex killed with SIGKILL at random points:
# the store keeps all or none of the change, the next command repairs the
# index (verify exits 0), nothing fails. See tests/crash/lib.sh.
. tests/e2e/lib.sh
. tests/crash/lib.sh

if crash_setup 200 600; then ok "crash setup"; else not_ok "crash setup"; exit 1; fi
crash_trials import 10
crash_trials forget 5
crash_trials reindex 5
