# Accounts of the web service from the command line: a token printed once
# and never stored, one-time sign-in links and what --next may be, removal,
# the audit of every account change, and the access file kept owner-only.
. tests/e2e/lib.sh

expect_status 2 "user list before any roster: exit 2" -- roster user list
expect_match "unknown subcommand 'remvoe' \(did you mean 'remove'\?\)" \
    "user: a misspelt subcommand gets the nearest one" "$(roster user remvoe bo 2>&1)"
expect_status 0 "import the fixture roster" -- roster import "$FIX/experts.jsonl"

token=$(roster user add ana --role editor 2>"$TMP/err"); rc=$?
expect_eq "$rc" 0 "user add: exit 0"
expect_match '^[A-Za-z0-9_-]{43}$' "user add prints the token alone on stdout (256 bits)" "$token"
expect_match "shown only now" "and says on stderr it is shown once" "$(cat "$TMP/err")"
if grep -rqF -- "$token" "$ROSTER_DB"; then not_ok "the token is in no file of the roster"
else ok "the token is in no file of the roster"; fi
expect_eq "$(stat -c %a "$ROSTER_DB/access.sqlite")" 600 "the access file is owner-only"

expect_status 2 "the same name again: exit 2" -- roster user add ana --role viewer
expect_status 2 "no --role: exit 2" -- roster user add bo
expect_status 2 "a role that is none: exit 2" -- roster user add bo --role admin
expect_status 2 "a name with a space: exit 2" -- roster user add "b o" --role viewer
expect_status 0 "a viewer" -- roster user add bo --role viewer
out=$(roster user list)
expect_match '^ana +editor +created 20[-0-9T:.Z]*  0 open sessions$' "user list: name, role, created, open sessions" "$out"
expect_match '^bo +viewer' "user list: the viewer too" "$out"
expect_match '^\[\{"name":"ana","role":"editor","created":"[^"]*","sessions":0\},\{"name":"bo",' \
    "user list --json" "$(roster user list --json)"
expect_no_match "$token" "user list shows no token" "$(roster user list --json)"

link=$(roster login-link ana --next /requests/2019-27 2>/dev/null)
expect_match '^http://127\.0\.0\.1:8080/login\?once=[A-Za-z0-9_-]{43}&next=/requests/2019-27$' \
    "login-link prints a one-time link" "$link"
code=$(printf '%s' "$link" | sed 's/.*once=\([^&]*\)&.*/\1/')
if grep -rqF -- "$code" "$ROSTER_DB"; then not_ok "the code is in no file of the roster"
else ok "the code is in no file of the roster"; fi
expect_match '^https://roster\.example\.org/login\?once=[^&]*&next=/$' \
    "--base sets the address; next defaults to /" \
    "$(roster login-link bo --base https://roster.example.org/ 2>/dev/null)"
expect_match '&next=/search%3Fq%3Dpension%26limit%3D5$' "--next is encoded as a query value" \
    "$(roster login-link bo --next '/search?q=pension&limit=5' 2>/dev/null)"
expect_status 2 "--next to another site (//host): exit 2" -- roster login-link ana --next //evil.example/
expect_status 2 "--next not a path: exit 2" -- roster login-link ana --next requests
expect_status 2 "--next as an address: exit 2" -- roster login-link ana --next https://evil.example/
expect_status 2 "--base that is no address: exit 2" -- roster login-link ana --base ftp://x
expect_status 2 "login-link for no account: exit 2" -- roster login-link ghost
expect_match "valid once, for 5 minutes" "login-link says how long its link lasts" \
    "$(roster login-link ana 2>&1 > /dev/null)"
expect_match "valid once, for 2 seconds" "and says the shorter life \$ROSTER_LINK_SECONDS gives" \
    "$(ROSTER_LINK_SECONDS=2 roster login-link ana 2>&1 > /dev/null)"
out=$(ROSTER_LINK_SECONDS=abc roster login-link ana 2>&1); rc=$?
expect_eq "$rc" 2 "a \$ROSTER_LINK_SECONDS that is no lifetime: exit 2"
expect_match "ROSTER_LINK_SECONDS 'abc': expected 1 to 300 seconds" "and says why" "$out"

expect_status 0 "user remove" -- roster user remove bo
expect_status 2 "user remove again: exit 2" -- roster user remove bo
expect_no_match '^bo ' "bo is gone" "$(roster user list)"
roster_gen --experts 12 --seed 3 > "$TMP/twelve.jsonl"
expect_status 0 "import twelve more experts" -- roster import "$TMP/twelve.jsonl"

out=$(roster audit)
me=$(id -un)
expect_match " $me user-add:editor ana$" "audit: the account made" "$out"
expect_match " $me login-link ana$" "audit: the sign-in link" "$out"
expect_match " $me user-remove bo$" "audit: the account removed" "$out"
expect_no_match "$token" "the audit holds no token" "$out"
expect_match " import EXP-00001 EXP-00002 EXP-00003 EXP-00004 EXP-00005 EXP-00006 and 6 more \(--json lists them\)$" \
    "audit: a long list of ids is cut for people" "$out"
expect_match '"action":"import","ids":\["EXP-00001",.*"EXP-00012"\]' "and listed whole in JSON" \
    "$(roster audit --json)"
