# End-to-end: `roster serve` over loopback with curl. Every endpoint answers
# what the command line's --json prints; every error status of the spec
# (400, 401, 403, 404, 405, 413, 422, 503); roles; sign-in by token and by a
# one-time link (used twice, expired); the same-origin rule for changes made
# with the session cookie; no secret in the server's output.
. tests/e2e/lib.sh
. tests/e2e/serve_lib.sh

roster_gen --experts 300 --seed 31 > "$TMP/base.jsonl"
roster import "$TMP/base.jsonl" > /dev/null 2>&1
ED=$(roster user add edna --role editor | tail -n 1)
VI=$(roster user add victor --role viewer | tail -n 1)
expect_match '^[A-Za-z0-9_-]{20,}$' "user add prints a token" "$ED"
AE="Authorization: Bearer $ED"
AV="Authorization: Bearer $VI"

start_server
expect_match '^http://127\.0\.0\.1:[0-9]+/$' "serve prints where it serves" "$URL"
expect_no_match 'TLS' "no TLS warning on loopback" "$(cat "$TMP/serve.err")"

call GET /
expect_code 303 "GET / leads to the search page"
expect_eq "$(header Location)" "/search" "at /search"

# ---- reads answer exactly the command line's --json ----
call GET "/api/search?q=pension&limit=5" -H "$AV"
expect_code 200 "search"
expect_eq "$BODY" "$(roster search pension --limit 5 --json)" "search: the same JSON as roster search --json"
call GET "/api/search?q=field:E.10&limit=3&facets=1" -H "$AV"
expect_eq "$BODY" "$(roster search field:E.10 --limit 3 --facets --json)" "search with facets: the same JSON as the CLI"
# A page of results: the hits after `offset`, the total of the whole query.
page2=$(roster search pension --limit 4 --json | tr '{' '\n' | grep -o '"id":"[^"]*"' | sed -n 3,4p)
call GET "/api/search?q=pension&limit=2&offset=2" -H "$AV"
expect_eq "$(printf '%s' "$BODY" | tr '{' '\n' | grep -o '"id":"[^"]*"')" "$page2" "offset: the hits ranked 3 and 4"
expect_eq "$(total_of "$BODY")" "$(total_of "$(roster search pension --limit 0 --json)")" "offset: the total of the whole query"
call GET "/api/search?q=pension&offset=-1" -H "$AV"
expect_code 400 "a negative offset is 400"
call GET "/api/experts/EXP-00001" -H "$AV"
expect_code 200 "a viewer reads one expert"
expect_eq "$BODY" "$(roster show EXP-00001 --json)" "expert: the same JSON as roster show --json"
call GET "/api/experts/exp-00002" -H "$AV"
expect_match '"id":"EXP-00002"' "an id in any case finds the expert" "$BODY"
expect_eq "$BODY" "$(roster show exp-00002 --json)" "an id in any case: as roster show takes it"
call GET "/api/experts/EXP-00001/export" -H "$AE"
expect_code 200 "an editor exports an expert"
# roster export prints the same document indented for people.
expect_match '^\{"id":"EXP-00001","record":\{' "export: everything held about the expert" "$BODY"
# Someone's data is not handed out on a guess: ids exactly, as roster export.
expect_status 2 "roster export takes the id exactly" -- roster export exp-00001
call GET "/api/experts/exp-00001/export" -H "$AE"
expect_code 404 "export takes the id exactly as stored, as roster export"
expect_match "no expert with id 'exp-00001'" "and says which id is unknown" "$BODY"
expect_no_match '"record"' "and hands out nothing" "$BODY"
call GET /api/taxonomy -H "$AV"
expect_code 200 "taxonomy"
expect_match '"fr":' "taxonomy labels in French" "$BODY"
call GET /api/report -H "$AV"
expect_code 200 "report"
expect_eq "$BODY" "$(roster report --json)" "report: the same JSON as roster report --json"

# ---- matching ----
tor="$FIX/tors/haiti.json"
call POST "/api/match?teams=2&shortlist=5" -H "$AV" --data-binary "@$tor"
expect_code 200 "match"
expect_eq "$BODY" "$(roster match "$tor" --teams 2 --shortlist 5 --json)" "match: the same JSON as roster match --json"
pair=$(roster search 'lang:fr>=B2' --json --limit 2 | grep -o '"id":"[^"]*"' | cut -d'"' -f4 | tr '\n' ' ')
team=$(printf '"%s",' $pair)
call POST /api/check -H "$AV" --data-binary "{\"tor\": $(cat "$tor"), \"team\": [${team%,}]}"
expect_code 200 "check"
expect_eq "$BODY" "{\"rules\":$(roster check "$tor" $pair --json)}" "check: {\"rules\": the array of roster check --json}"
expect_match '"rule":"team_size"' "check answers rule by rule" "$BODY"
call POST /api/match -H "$AV" --data-binary '{"action": "x",'
expect_code 400 "match: a body that is not JSON is 400"
call POST /api/match -H "$AV" --data-binary '{"action": "X-1", "title": "t"}'
expect_code 422 "match: a ToR failing validation is 422"
expect_match '"problems":\[\{' "422 lists the problems" "$BODY"
expect_match '"field":"country"' "the problem names the field" "$BODY"
call POST /api/check -H "$AV" --data-binary '{"tor": {}, "team": "EXP-00001"}'
expect_code 422 "check: a team that is not an array is 422"
call POST /api/check -H "$AV" --data-binary "{\"tor\": $(cat "$tor"), \"tem\": [${team%,}]}"
expect_code 422 "check: an unknown key is 422, not ignored"
expect_match '"field":"tem"' "the problem names the unknown key" "$BODY"
expect_match "did you mean 'team'" "and the key it may mean" "$BODY"
call POST /api/check -H "$AV" --data-binary "{\"tor\": $(cat "$tor"), \"team\": [${team%,}], \"note\": 1}"
expect_code 422 "check: a key far from any known one is refused too"
expect_match '"problem":"unknown key"' "without a guess" "$BODY"

# ---- requests, missions, audit ----
call POST /api/requests -H "$AE" --data-binary "@$tor"
expect_code 201 "an editor stores a request"
expect_match '"action":"2019-27"' "201 answers the stored request" "$BODY"
call POST /api/requests -H "$AE" --data-binary "@$tor"
expect_code 200 "storing it again replaces it: 200, not 201"
expect_match '"action":"2019-27"' "and answers the stored request" "$BODY"
call GET /api/requests -H "$AV"
expect_code 200 "requests"
expect_match '"2019-27"' "the stored request is listed" "$BODY"
call GET /api/requests/2019-27 -H "$AV"
expect_code 200 "one request with its match"
call GET /api/requests/1999-99 -H "$AV"
expect_code 404 "an unknown request is 404"
expect_match 'POST /api/requests' "404 tells how to store a request over HTTP" "$BODY"
expect_no_match 'roster request add' "not with the command line's words" "$BODY"
first=$(echo $pair | cut -d' ' -f1)
call POST /api/requests/1999-99/assign -H "$AE" --data-binary "{\"team\": [\"$first\"]}"
expect_code 404 "assigning to an unknown request is 404"
expect_match 'POST /api/requests' "and tells how to store it over HTTP" "$BODY"
expect_no_match 'roster request add' "not with the command line's words" "$BODY"
expect_status 2 "roster assign --days 0 is refused" -- roster assign 2019-27 "$first" --days 0
for d in 0 -3 367 2.5 '"5"' null; do
    call POST /api/requests/2019-27/assign -H "$AE" --data-binary "{\"team\": [\"$first\"], \"days\": $d}"
    expect_code 422 "assign: days $d is refused as the command line refuses it"
    expect_match '"field":"days"' "the problem names days ($d)" "$BODY"
done
call POST /api/requests/2019-27/assign -H "$AE" --data-binary "{\"team\": [\"$first\"], \"dayz\": 5}"
expect_code 422 "assign: an unknown key is 422, not ignored"
expect_match '"field":"dayz"' "the problem names the unknown key" "$BODY"
expect_match "did you mean 'days'" "and the key it may mean" "$BODY"
call GET /api/requests/2019-27 -H "$AV"
expect_match '"status":"open"' "refused assignments recorded nothing" "$BODY"
call POST /api/requests/2019-27/assign -H "$AE" --data-binary "{\"team\": [\"$first\"], \"days\": 5}"
expect_code 200 "an editor assigns a team"
call POST /api/requests -H "$AE" --data-binary \
    '{"action": "2027-40", "title": "Overlap", "country": "SN", "from": "2027-02-22", "to": "2027-03-05"}'
expect_code 201 "a second request over days of the first"
call POST /api/requests/2027-40/assign -H "$AE" --data-binary "{\"team\": [\"$first\"]}"
expect_code 422 "the same expert over those days is refused: no double booking"
expect_match "$first is already assigned to request 2019-27 on 2027-03-01..2027-03-05" \
    "naming the expert, the other request and the days" "$BODY"
expect_match "unassign them from 2019-27 first; nothing assigned" "and how to proceed" "$BODY"
expect_no_match 'roster unassign' "not with the command line's words" "$BODY"
call POST /api/requests/2019-27/assign -H "$AE" --data-binary "{\"team\": [\"$first\"], \"days\": 5}"
expect_code 200 "the same team for the same request again stays allowed"
call POST /api/requests/2027-40/unassign -H "$AE" --data-binary "{\"team\": [\"$first\"]}"
expect_code 404 "unassigning an expert not on the team is 404"
expect_match "$first is not on the team of request 2027-40" "naming them and the request" "$BODY"
call POST /api/requests/2019-27/unassign -H "$AE" --data-binary "{\"team\": [\"$first\"]}"
expect_code 200 "an editor takes the expert off the team"
expect_match "^{\"action\":\"2019-27\",\"status\":\"open\",\"removed\":\[\"$first\"\]}" \
    "answered as roster unassign --json" "$BODY"
call POST /api/requests/2027-40/assign -H "$AE" --data-binary "{\"team\": [\"$first\"]}"
expect_code 200 "then the expert may go to the other request"
expect_status 0 "which the command line undoes" -- roster unassign 2027-40 "$first"
call POST /api/requests/2019-27/assign -H "$AE" --data-binary "{\"team\": [\"$first\"], \"days\": 5}"
expect_code 200 "and the first request has its team back"
call GET /api/audit -H "$AE"
expect_code 200 "audit"
expect_match '"action":"export"' "the audit trail has the export" "$BODY"
expect_match '"user":"edna"' "the audit trail names the account" "$BODY"

# ---- import and forget ----
roster_gen --experts 320 --seed 31 | tail -n 20 | sed 's/"id":"EXP-/"id":"WEB-/' > "$TMP/new.jsonl"
call POST /api/import -H "$AE" --data-binary "@$TMP/new.jsonl"
expect_code 200 "an editor imports JSON Lines"
expect_match '"imported":20' "the import says how many" "$BODY"
call GET "/api/search?q=id:WEB-00301&limit=0" -H "$AV"
expect_eq "$(total_of "$BODY")" 1 "the imported expert is found at once"
call POST /api/import -H "$AE" -H "Content-Type: text/csv" --data-binary "@$FIX/experts.csv"
expect_code 200 "an editor imports CSV"
call GET "/api/search?q=&limit=0" -H "$AV"
before=$(total_of "$BODY")
printf '%s\n' "$(sed -n 1p "$TMP/new.jsonl" | sed 's/"id":"WEB-/"id":"BAD-/')" \
    '{"id": "BAD-2", "name": ""}' > "$TMP/bad.jsonl"
call POST /api/import -H "$AE" --data-binary "@$TMP/bad.jsonl"
expect_code 422 "an import with a bad record is 422"
expect_match '"line":2' "its problems name the line" "$BODY"
expect_match 'skip_bad=1' "the refusal names the query argument skip_bad=1" "$BODY"
expect_no_match '--skip-bad|above' "not the command line's words" "$BODY"
call POST /api/import -H "$AE" --data-binary ''
expect_code 400 "an empty body is 400, not an import of nothing"
expect_match '"error":"the body is empty' "and says so" "$BODY"
call POST /api/import -H "$AE" --data-binary "@$FIX/experts.csv"
expect_code 422 "CSV sent without its media type is refused"
expect_match 'Content-Type: text/csv' "with a hint to send it as text/csv" "$BODY"
call POST /api/import -H "$AE" --data-binary 'not JSON at all'
expect_code 422 "a body that is not JSON Lines is 422 with problems"
expect_no_match 'text/csv' "no CSV hint for what does not look like CSV" "$BODY"
call GET "/api/search?q=&limit=0" -H "$AV"
expect_eq "$(total_of "$BODY")" "$before" "nothing of a refused import is stored"
call POST "/api/import?skip_bad=1" -H "$AE" --data-binary "@$TMP/bad.jsonl"
expect_code 200 "skip_bad=1 keeps the good records"
expect_match '"imported":1' "one record kept" "$BODY"
call DELETE /api/experts/WEB-00301 -H "$AE"
expect_code 200 "an editor forgets an expert"
call GET /api/experts/WEB-00301 -H "$AE"
expect_code 404 "a forgotten expert is 404"
call DELETE /api/experts/WEB-00301 -H "$AE"
expect_code 404 "forgetting an unknown expert is 404"
expect_match "\"error\":\"no expert with id 'WEB-00301'\"" "404 names the id, with no CLI verdict line" "$BODY"
call DELETE /api/experts/web-00302 -H "$AE"
expect_code 404 "forget takes the id exactly as stored"
expect_match "did you mean 'WEB-00302'" "and names the id it will not guess" "$BODY"

# ---- errors ----
call GET "/api/search?q=((" -H "$AV"
expect_code 400 "a bad query is 400"
expect_match '^\{"error":' "errors are JSON" "$BODY"
call GET "/api/search?q=x&limit=lots" -H "$AV"
expect_code 400 "a bad limit is 400"
call GET "/api/report?since=yesterday" -H "$AV"
expect_code 400 "a bad date is 400"
call GET "/api/audit?since=xx" -H "$AE"
expect_code 400 "audit: a bad date is 400"
expect_match '"error":"since: bad date' "and names the query argument since" "$BODY"
out=$(roster audit --since xx 2>&1)
expect_match "^roster audit: --since: bad date 'xx'" "the command line names its option --since" "$out"
call GET "/api/search?q=pension&q=xyz" -H "$AV"
expect_code 400 "a query argument given twice is 400"
expect_match '"error":"q: ' "and names it" "$BODY"
call GET "/api/search?qeury=pension&limt=5" -H "$AV"
expect_code 400 "a query argument the endpoint does not take is 400"
expect_match "limt: not a query argument here \(did you mean 'limit'\?\)|qeury: not a query argument here" \
    "and it is named" "$BODY"
call GET /api/search
expect_code 401 "no credentials: 401"
call GET /api/search -H "Authorization: Bearer not-a-token"
expect_code 401 "a wrong token: 401"
call GET /api/search -H "Authorization: Basic ZWRuYTp4"
expect_code 401 "not a bearer token: 401"
call GET /api/nowhere -H "$AV"
expect_code 404 "an unknown path is 404"
call GET /api/experts/NOBODY-1 -H "$AV"
expect_code 404 "an unknown expert is 404"
call PUT /api/search -H "$AV"
expect_code 405 "a wrong method is 405"
expect_eq "$(header Allow)" "GET, HEAD" "405 says which methods are allowed"
call DELETE /api/requests -H "$AE"
expect_eq "$(header Allow)" "GET, HEAD, POST" "Allow lists every method of the path"

# ---- roles: a viewer may read, not export or change ----
for r in "GET /api/experts/EXP-00001/export" "GET /api/audit" "DELETE /api/experts/EXP-00003" \
         "POST /api/import" "POST /api/requests" "POST /api/requests/2019-27/assign" \
         "POST /api/requests/2019-27/unassign"; do
    call $r -H "$AV" --data-binary '{}'
    expect_code 403 "a viewer may not: $r"
done
call GET /api/experts/EXP-00003 -H "$AV"
expect_code 200 "the viewer's refused forget changed nothing"

# ---- sign-in by one-time link, sessions, the same-origin rule ----
link=$(roster login-link edna --next /requests)
code=$(printf '%s' "$link" | sed -n 's/.*once=\([^&[:space:]]*\).*/\1/p' | tail -n 1)
expect_match '.' "login-link prints a link with a code" "$code"
call GET "/login?once=$code"
expect_code 303 "a one-time link signs in"
expect_eq "$(header Location)" "/requests" "and leads to its page"
cookie=$(header Set-Cookie)
expect_match '^roster_session=[^;]+;' "a session cookie is set" "$cookie"
expect_match 'HttpOnly' "the cookie is HttpOnly" "$cookie"
expect_match 'SameSite=Strict' "the cookie is SameSite=Strict" "$cookie"
expect_match 'Path=/' "the cookie is for the whole service" "$cookie"
CK="Cookie: ${cookie%%;*}"
# ---- the web app's pages and files ----
call GET "/search?q=field:E.10&page=2"
expect_code 303 "a page without a session leads to sign-in"
expect_eq "$(header Location)" "/login?next=/search%3Fq%3Dfield:E.10%26page%3D2" "carrying the address asked for"
call GET "/search?q=field:E.10" -H "$CK"
expect_code 200 "a page with the session"
expect_match 'data-account="edna"' "the page names the account" "$BODY"
expect_match 'data-role="editor"' "and its role" "$BODY"
expect_match "script-src|default-src 'self'" "pages run the service's own scripts only" "$(header Content-Security-Policy)"
for p in /experts/EXP-00001 /requests /requests/2019-27 /requests/2019-27/print /report /import; do
    call GET "$p" -H "$CK"
    expect_code 200 "page $p"
done
call GET /assets/app.js
expect_code 200 "the app's script is served without a session (the sign-in page needs the styles)"
expect_match 'text/javascript' "as JavaScript" "$(header Content-Type)"
etag=$(header ETag)
expect_match '^".+"$' "with an ETag" "$etag"
call GET /assets/app.js -H "If-None-Match: $etag"
expect_code 304 "unchanged: 304"
call GET /assets/page.html
expect_code 404 "the page's template is not a file to fetch"
call GET /assets/nothing.js
expect_code 404 "an unknown file is 404"
call GET "/login?once=$code"
expect_code 401 "the same link a second time fails"
expect_no_match 'roster_session=[^;]' "and sets no cookie" "$(header Set-Cookie)"
call GET "/api/search?q=&limit=1" -H "$CK"
expect_code 200 "the session cookie reads"
call DELETE /api/experts/EXP-00004 -H "$CK"
expect_code 403 "a cookie change without Origin or Referer is 403"
call DELETE /api/experts/EXP-00004 -H "$CK" -H "Origin: http://evil.example"
expect_code 403 "a cross-origin cookie change is 403"
call DELETE /api/experts/EXP-00004 -H "$CK" -H "Referer: http://evil.example/x"
expect_code 403 "a cross-origin Referer is 403"
call POST /api/requests/2019-27/unassign -H "$CK" -H "Origin: http://evil.example" \
    --data-binary "{\"team\": [\"$first\"]}"
expect_code 403 "a cross-origin cookie unassign is 403"
call GET /api/experts/EXP-00004 -H "$AV"
expect_code 200 "refused changes changed nothing"
call GET /api/requests/2019-27 -H "$AV"
expect_match '"status":"assigned"' "the team too" "$BODY"
call DELETE /api/experts/EXP-00004 -H "$CK" -H "Origin: http://$HOSTPORT"
expect_code 200 "a same-origin cookie change is allowed"
call DELETE /api/experts/EXP-00005 -H "$AE" -H "Origin: http://evil.example"
expect_code 200 "a bearer token is not bound to an origin"
call POST /logout -H "$CK" -H "Origin: http://$HOSTPORT"
expect_code 303 "sign out"
expect_match 'Signed out' "the sign-out page says signed out" "$BODY"
expect_no_match 'Signed in' "not signed in" "$BODY"
call GET "/api/search?q=" -H "$CK"
expect_code 401 "a session signed out is refused"
call GET "/api/search?q=" -H "Cookie: roster_session=garbage"
expect_code 401 "a garbage session cookie is 401"
expect_match 'not signed in: the session cookie is not valid' "and is told it is not valid" "$BODY"

link=$(ROSTER_LINK_SECONDS=1 roster login-link edna)
code=$(printf '%s' "$link" | sed -n 's/.*once=\([^&[:space:]]*\).*/\1/p' | tail -n 1)
sleep 2
call GET "/login?once=$code"
expect_code 401 "an expired link fails"
code=$(roster login-link edna | sed -n 's/.*once=\([^&[:space:]]*\).*/\1/p' | tail -n 1)
call GET "/login?once=$code&next=//evil.example/"
expect_eq "$(header Location)" "/" "a sign-in never redirects off the service"
call POST /login --data-urlencode "token=$VI" --data-urlencode "next=/search?q=x"
expect_code 303 "the sign-in form takes a token"
expect_eq "$(header Location)" "/search?q=x" "and leads to next"
call POST /login --data-urlencode "token=wrong"
expect_code 401 "the sign-in form refuses a wrong token"
call GET /login
expect_code 200 "the sign-in form"
call GET '/login?next=/report%3Fsince%3D%22%3E%3Cx'
expect_match '<input type="hidden" name="next" value="/report\?since=&quot;&gt;&lt;x">' \
    "the form carries where to go after it, escaped" "$BODY"
call GET '/login?next=//evil.example/'
expect_match 'name="next" value="/"' "but never a place off the service" "$BODY"

# ---- 503: a writer holds the store ----
stop_server
expect_eq "$STOPPED" 0 "SIGTERM stops the server with status 0"
ROSTER_LOCK_WAIT_MS=0 start_server
flock "$ROSTER_DB/write.lock" sleep 3 &
lock=$!
sleep 0.3
call DELETE /api/experts/EXP-00006 -H "$AE"
expect_code 503 "a change while another writer holds the store is 503"
expect_match '^[0-9]+$' "503 comes with Retry-After" "$(header Retry-After)"
expect_match '"error":"the roster is busy: another process is writing; try again"' \
    "and says so without naming the server's files" "$BODY"
call GET "/api/search?q=&limit=1" -H "$AV"
expect_code 200 "reads go on while a writer holds the store"
wait $lock
call DELETE /api/experts/EXP-00006 -H "$AE"
expect_code 200 "the change succeeds once the writer is done"
stop_server

# ---- 413: a body over the limit, nothing stored ----
start_server --max-body 1
call GET "/api/search?q=&limit=0" -H "$AV"
before=$(total_of "$BODY")
roster_gen --experts 2600 --seed 32 | sed 's/"id":"EXP-/"id":"BIG-/' > "$TMP/big.jsonl"
call POST /api/import -H "$AE" --data-binary "@$TMP/big.jsonl"
expect_code 413 "a body over the limit is 413 (Content-Length)"
expect_match 'over the limit of 1 MB' "413 states the limit" "$BODY"
call POST /api/import -H "$AE" -H "Transfer-Encoding: chunked" --data-binary "@$TMP/big.jsonl"
expect_code 413 "a chunked body over the limit is 413"
call GET "/api/search?q=&limit=0" -H "$AV"
expect_eq "$(total_of "$BODY")" "$before" "nothing of a body over the limit is stored"
stop_server

# ---- secrets stay out of the server's output ----
out=$(cat "$TMP/serve.out" "$TMP/serve.err")
for s in "$ED" "$VI" "$code" "${cookie%%;*}"; do
    if [ -z "${s#roster_session=}" ] || printf '%s' "$out" | grep -qF -- "${s#roster_session=}"; then
        not_ok "a secret appears in the server's output"
    else
        ok "no token, code or session in the server's output"
    fi
done

"$ROOT/$ROSTER" serve --listen 0.0.0.0:0 > "$TMP/any.out" 2> "$TMP/any.err" &
pid=$!
for _ in $(seq 50); do grep -q serving "$TMP/any.out" && break; sleep 0.1; done
kill -TERM $pid
wait $pid
expect_match 'TLS' "serving beyond loopback warns that there is no TLS" "$(cat "$TMP/any.err")"
expect_no_match 'no accounts' "a roster with accounts gets no note about them" "$(cat "$TMP/any.err")"
roster_gen --experts 3 --seed 2 > "$TMP/three.jsonl"
roster import "$TMP/three.jsonl" --db "$TMP/bare" > /dev/null
"$ROOT/$ROSTER" serve --db "$TMP/bare" --listen 127.0.0.1:0 > "$TMP/bare.out" 2> "$TMP/bare.err" &
pid=$!
for _ in $(seq 50); do grep -qs serving "$TMP/bare.out" && break; sleep 0.1; done
kill -TERM $pid
wait $pid
expect_match "note: no accounts yet, so nobody can sign in: roster user add NAME" \
    "serving a roster without accounts says how to make one" "$(cat "$TMP/bare.err")"
