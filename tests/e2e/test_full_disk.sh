# End-to-end: a full disk. An import or a forget that the store commits but
# the index cannot follow says so and exits 4; readers keep answering from
# the last index committed and say on stderr that it is behind; once there
# is room the next command brings the index up to date.
#
# The disk is a small tmpfs mounted in a private mount namespace (as root,
# where mounting is allowed), filled up to a given room; elsewhere a file
# size limit (ulimit -f), under which writes fail with EFBIG as they fail
# with ENOSPC on a full disk. Each sweep tries a range of rooms, so the disk
# fills at every stage of the command (store, index, compaction), and
# checks at each that the roster is whole.
if [ -z "${FULL_DISK_NS:-}" ] && [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then
    FULL_DISK_NS=1 exec unshare -m sh "$0" "$@"
fi
. tests/e2e/lib.sh

DISK=$TMP/disk
mkdir -p "$DISK"
MODE=fsize
if [ -n "${FULL_DISK_NS:-}" ] && mount -t tmpfs -o size=16m,mode=700 tmpfs "$DISK" 2>/dev/null; then
    MODE=tmpfs
    trap 'umount "$DISK"; rm -rf "$TMP"' EXIT
fi
echo "# a full disk is simulated by: $MODE"
export ROSTER_DB="$DISK/db"

out=$(roster --help)
expect_match "4 stored but the index is behind" "roster --help documents exit status 4" "$out"

# A roster of 300 experts; 100 more to import.
roster_gen --experts 400 --seed 3 > "$TMP/all.jsonl"
head -n 300 "$TMP/all.jsonl" > "$TMP/base.jsonl"
tail -n 100 "$TMP/all.jsonl" > "$TMP/more.jsonl"
OLD=EXP-00007 NEW=EXP-00350
NAME=$(grep "\"$OLD\"" "$TMP/base.jsonl" | sed 's/.*"name": *"\([^"]*\)".*/\1/')
expect_status 0 "the base roster imports" -- env ROSTER_DB="$TMP/orig" "$ROOT/$ROSTER" import "$TMP/base.jsonl"

# restore ROOM: the base roster on the disk, with ROOM KiB of room.
restore() {
    ROOM=$1
    rm -rf "$DISK/db" "$DISK/filler"
    cp -a "$TMP/orig" "$DISK/db"
    if [ "$MODE" = tmpfs ]; then
        avail=$(df -B1 --output=avail "$DISK" | tail -n 1)
        head -c $((avail - ROOM * 1024)) /dev/zero > "$DISK/filler" 2>/dev/null
    fi
}
# limited CMD...: roster CMD on a disk with ROOM KiB of room.
limited() {
    if [ "$MODE" = tmpfs ]; then
        roster "$@"
    else
        (trap '' XFSZ; ulimit -f $((ROOM * 2)); exec "$ROOT/$ROSTER" "$@")
    fi
}
# Room again (the filler removed).
make_room() { rm -f "$DISK/filler"; }

# found ID: how many experts `roster search id:ID` finds (no limit).
found() { roster search "id:$1" 2>/dev/null | sed -n 's/^\([0-9]*\) experts*$/\1/p'; }

# A reader on the full disk after a command stored what the index lacks:
# it answers from the last index and says it is behind.
check_reader() {
    what=$1
    out=$(limited search "id:$OLD" 2>"$TMP/err"); rc=$?
    expect_eq "$rc" 0 "$what: search on the full disk exits 0"
    expect_match "warning: the (index is behind the store|last forget is not finished)" \
        "$what: search says the index is behind" "$(cat "$TMP/err")"
    expect_match "^1 expert$" "$what: search answers from the last index" "$out"
    out=$(limited match "$ROOT/corpus/tors/2018-07-peru.json" 2>&1); rc=$?
    if [ "$rc" -eq 0 ] || [ "$rc" -eq 3 ]; then ok "$what: match on the full disk answers"
    else not_ok "$what: match on the full disk answers" "exit $rc" "$out"; fi
}

# ---- import: the store commits, the index cannot follow ----
behind=0
for room in 64 192 320 448 576 704 832 960 1088 1216 1472 1728 2048; do
    restore "$room"
    out=$(limited import "$TMP/more.jsonl" 2>&1); rc=$?
    case $rc in
    0) expect_eq "$(found "$NEW")" 1 "import with ${room}K of room: went through" ;;
    1) make_room
       expect_eq "$(found "$NEW")" 0 "import with ${room}K of room: failed, stored nothing" ;;
    4) behind=$((behind + 1))
       expect_match "^imported 100 experts into the store$" \
           "import with ${room}K of room: says what was stored" "$out"
       expect_match "the index could not be updated: .*(No space left on device|File too large)" \
           "import with ${room}K of room: says why the index is behind" "$out"
       expect_no_match "nothing imported|changes nothing" \
           "import with ${room}K of room: does not say nothing changed" "$out"
       # A read of a person's record is recorded first: on a disk too full
       # for that line, show refuses rather than read unrecorded.
       out=$(limited show "$NEW" 2>&1); rc=$?
       if [ "$rc" -eq 0 ]; then
           expect_match "^$NEW  " "import with ${room}K of room: show reads the stored expert" "$out"
       else
           expect_match "refused: this show cannot be recorded in the audit trail" \
               "import with ${room}K of room: show refuses a read it cannot record" "$out"
       fi
       check_reader "import with ${room}K of room"
       make_room
       expect_match "^$NEW  " "import with ${room}K of room: with room, show reads the stored expert" \
           "$(roster show "$NEW" 2>&1)"
       expect_eq "$(found "$NEW")" 1 "import with ${room}K of room: the next command catches up" ;;
    *) not_ok "import with ${room}K of room: exit 0, 1 or 4" "exit $rc" "$out" ;;
    esac
    make_room
    expect_status 0 "import with ${room}K of room: verify afterwards" -- roster verify
done
if [ "$behind" -gt 0 ]; then ok "$behind imports stored what the index could not take"
else not_ok "some import stored what the index could not take" "no exit 4 in the sweep"; fi

# ---- forget: the store erases, the index cannot follow ----
behind=0
for room in 64 192 320 448 576 704 832 960 1088 1216 1472 1728 2048; do
    restore "$room"
    out=$(limited forget "$OLD" 2>&1); rc=$?
    case $rc in
    0) expect_eq "$(found "$OLD")" 0 "forget with ${room}K of room: went through" ;;
    1) make_room
       expect_eq "$(found "$OLD")" 1 "forget with ${room}K of room: failed, erased nothing" ;;
    4) behind=$((behind + 1))
       expect_match "^forgot $OLD in the store$" "forget with ${room}K of room: says what was done" "$out"
       expect_match "until the next roster command finishes the forget" \
           "forget with ${room}K of room: says what is left" "$out"
       out=$(limited search "id:$NEW" 2>"$TMP/err"); rc=$?
       expect_eq "$rc" 0 "forget with ${room}K of room: search on the full disk exits 0"
       expect_match "warning: the (index is behind the store|last forget is not finished)" \
           "forget with ${room}K of room: search says the index is behind" "$(cat "$TMP/err")"
       make_room
       expect_eq "$(found "$OLD")" 0 "forget with ${room}K of room: the next command finishes it"
       if grep -rlaF "$NAME" "$DISK/db" > /dev/null; then
           not_ok "forget with ${room}K of room: no trace left" "$(grep -rlaF "$NAME" "$DISK/db")"
       else ok "forget with ${room}K of room: no trace left"; fi ;;
    *) not_ok "forget with ${room}K of room: exit 0, 1 or 4" "exit $rc" "$out" ;;
    esac
    make_room
    expect_status 0 "forget with ${room}K of room: verify afterwards" -- roster verify
done
if [ "$behind" -gt 0 ]; then ok "$behind forgets erased what the index could not follow"
else not_ok "some forget erased what the index could not follow" "no exit 4 in the sweep"; fi
