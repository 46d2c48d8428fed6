# Helpers for the end-to-end tests of `roster serve` (tests/e2e/test_serve*.sh),
# sourced after lib.sh: start the real server on a free loopback port, make
# requests with curl, stop it.
command -v curl > /dev/null || { echo "not ok - curl is needed (make installs it)"; exit 1; }
# A test that stops half-way leaves no server behind.
SPID=""
trap '[ -n "$SPID" ] && kill "$SPID" 2> /dev/null; rm -rf "$TMP"' EXIT

# start_server [ARGS...]: start `roster serve` on a free port; sets SPID, URL
# (http://127.0.0.1:PORT/) and HOSTPORT; the server's stdout and stderr go
# to $TMP/serve.out and $TMP/serve.err.
start_server() {
    # Emptied here, not by the child's redirection, which may come after the
    # first look below and leave the previous server's address to be read.
    : > "$TMP/serve.out"
    "$ROOT/$ROSTER" serve --listen 127.0.0.1:0 "$@" > "$TMP/serve.out" 2>> "$TMP/serve.err" &
    SPID=$!
    URL=""
    for _ in $(seq 100); do
        URL=$(sed -n 's/^serving \(http:.*\)$/\1/p' "$TMP/serve.out")
        [ -n "$URL" ] && break
        kill -0 "$SPID" 2> /dev/null || break
        sleep 0.1
    done
    if [ -z "$URL" ]; then
        not_ok "the server starts" "$(cat "$TMP/serve.err")"
        exit 1
    fi
    HOSTPORT=${URL#http://}
    HOSTPORT=${HOSTPORT%/}
}

# stop_server: SIGTERM, then its exit status in STOPPED.
stop_server() {
    kill -TERM "$SPID" 2> /dev/null
    wait "$SPID"
    STOPPED=$?
    SPID=""
}

# call METHOD PATH [CURL ARGS...]: sets CODE (HTTP status, 000 when the
# connection failed) and BODY; headers in $TMP/headers.
call() {
    m=$1 p=$2
    shift 2
    CODE=$(curl -s -o "$TMP/body" -D "$TMP/headers" -w '%{http_code}' -X "$m" "$URL${p#/}" "$@")
    BODY=$(cat "$TMP/body")
}
# header NAME: the value of a response header of the last call.
header() { sed -n "s/^$1: *//Ip" "$TMP/headers" | tr -d '\r' | head -1; }

# expect_code WANT WHAT: the last call answered WANT.
expect_code() {
    if [ "$CODE" = "$1" ]; then ok "$2"; else not_ok "$2" "HTTP $CODE, wanted $1" "$BODY"; fi
}

# The experts a search for WORD finds (as the server answers it).
total_of() { printf '%s' "$1" | sed -n 's/^{"total":\([0-9]*\).*/\1/p'; }
