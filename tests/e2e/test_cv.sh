# End-to-end: roster import of CVs (Europass v3 and 2020 XML, JSON Resume): the
# records shown, warnings on stderr, --id, ids from file names, refusals with
# file:line: field, all or nothing across files, exit codes; and the same through
# POST /api/import. Fictional people.
. tests/e2e/lib.sh
. tests/e2e/serve_lib.sh
CV="$FIX/cv"

change() { roster stats --json | sed 's/.*"change":\([0-9]*\).*/\1/'; }

# ---- Europass v3 ----
out=$(roster import "$CV/benedita-lobo.xml" 2>&1); rc=$?
expect_eq "$rc" 0 "Europass v3 CV imports"
expect_match '^imported 1 expert: benedita-lobo \(Benedita Lobo\) in [0-9.]+ s, 4 warnings$' \
    "the summary names the CV's expert, id from the file's name, and counts the warnings" "$out"
expect_no_match 'already holds the name' "a CV's first import is no duplicate" "$out"
expect_match 'fields: warning: a CV gives no field or competence codes' \
    "a CV's expert is said to have no codes until they are added" "$out"
expect_match 'benedita-lobo\.xml:[0-9]+: warning: Skills/Computer: not kept' \
    "what is not kept is a warning naming file and line" "$out"
expect_match 'benedita-lobo\.xml:[0-9]+: warning: Identification/Demographics/Birthdate: not kept' \
    "the birth date is said not kept" "$out"
rec=$(roster show benedita-lobo --json)
expect_match '"id":"benedita-lobo"' "the id is the file's name" "$rec"
expect_match '"name":"Benedita Lobo"' "name from FirstName and Surname" "$rec"
expect_match '"gender":"F"' "gender" "$rec"
expect_match '"nationalities":\["PT"\]' "nationality from its code" "$rec"
expect_match '"residence":"PT"' "residence from the address" "$rec"
expect_match '\{"code":"pt","level":"native"\}' "the mother tongue is native" "$rec"
expect_match '\{"code":"fr","level":"B2"\}' "a foreign language takes its lowest sub-skill" "$rec"
expect_match '"cv_lang":"pt"' "the CV's locale is cv_lang" "$rec"
expect_match '"from":"2015-03","employer":"Autoridade para as Condições do Trabalho","role":"Inspectora superior","country":"PT"' \
    "a current job: no end" "$rec"
expect_match '"text":"Inspecção das condições de trabalho & segurança social\.\\n\\n- Formação de inspectores\\n- Cooperação com a OIT"' \
    "Activities: HTML made plain text" "$rec"
expect_match '"from":"2004-09-01","to":"2015-02"' "a past job's period" "$rec"
expect_match '"year":1994,"degree":"Licenciatura em Direito","field":"Direito","institution":"Universidade de Coimbra"' \
    "education" "$rec"
out=$(roster search 'inspectores nat:PT lang:fr>=B2' --json)
expect_match '"id":"benedita-lobo"' "the CV's expert is found by its words and codes" "$out"

# ---- labels, EU codes, what cannot be mapped ----
out=$(roster import "$CV/dimitra-kallergi.xml" 2>&1); rc=$?
expect_eq "$rc" 0 "a CV with unmappable parts still imports"
expect_match "dimitra-kallergi\.xml:[0-9]+: Nationality: warning: 'Citizen of the world' is no country roster knows: not kept" \
    "a nationality that is no country is a warning" "$out"
expect_match "ForeignLanguage: warning: 'it': no CEFR level, not kept" \
    "a foreign language without levels is a warning" "$out"
expect_match "ForeignLanguage: warning: 'grc' is no language roster knows" \
    "a language without an ISO 639-1 code is a warning" "$out"
expect_match "WorkExperience: warning: Volunteer: no start date, so not kept" \
    "a job without a start is a warning" "$out"
rec=$(roster show dimitra-kallergi --json)
expect_match '"nationalities":\["GR","GB"\]' "a label (Grèce) and EL give GR once, UK gives GB" "$rec"
expect_match '"residence":"GB"' "UK residence is GB" "$rec"
expect_match '\{"code":"en","level":"C1"\}' "a three-letter code (eng), the lowest of the sub-skills given" "$rec"
expect_match '"from":"2010-01","to":"2019-12"' "a year alone spans the year" "$rec"

# ---- Europass 2020 (Candidate) ----
expect_status 0 "Europass 2020 CV imports" -- roster import "$CV/ines-ferraz-candidate.xml"
rec=$(roster show ines-ferraz-candidate --json)
expect_match '"name":"Inês Ferraz"' "name from GivenName and FamilyName" "$rec"
expect_match '"nationalities":\["PT","MZ"\]' "NationalityCode in any case" "$rec"
expect_match '"residence":"MZ"' "residence from the address" "$rec"
expect_match '\{"code":"pt","level":"native"\},\{"code":"fr","level":"B1"\},\{"code":"en","level":"B2"\}' \
    "PrimaryLanguageCode native, CEFR dimensions' lowest, a URI's code" "$rec"
expect_match '"from":"2012-01","to":"2018-05"' "a period from FormattedDateTime" "$rec"

# ---- JSON Resume ----
out=$(roster import "$CV/tomas-arrieta.json" 2>&1); rc=$?
expect_eq "$rc" 0 "JSON Resume imports"
expect_match "languages\[2\]: warning: 'English': fluency 'Fluent' names no CEFR level" \
    "a fluency with no level is a warning, not a guess" "$out"
rec=$(roster show tomas-arrieta --json)
expect_match '"nationalities":\["ES","AR"\]' "basics.nationalities, codes and names" "$rec"
expect_match '\{"code":"es","level":"native"\},\{"code":"fr","level":"C1"\},\{"code":"eu","level":"B2"\}' \
    "language names and codes; native and CEFR fluency" "$rec"
expect_match '"summary":"Social security actuary\\n\\nActuarial valuations' "label and summary" "$rec"

# ---- the same CV under another name ----
cp "$CV/benedita-lobo.xml" "$TMP/b-lobo.xml"
audit_before=$(roster audit | grep -c ' show ')
out=$(roster import "$TMP/b-lobo.xml" 2>&1); rc=$?
expect_eq "$rc" 0 "the same CV under another file name imports (two people may share a name)"
expect_match 'b-lobo\.xml: warning: benedita-lobo already holds the name Benedita Lobo: the same person\? import with --id benedita-lobo to update that record$' \
    "and is said to be perhaps the same person as the stored expert" "$out"
expect_match '^imported 1 expert: b-lobo \(Benedita Lobo\) in [0-9.]+ s, 5 warnings$' \
    "the warning is counted" "$out"
expect_eq "$(roster audit | grep -c ' show ')" "$audit_before" "looking up the name is no show in the audit"
out=$(roster import "$CV/benedita-lobo.xml" 2>&1)
expect_match '^imported 1 expert: benedita-lobo \(Benedita Lobo\) \(1 updated\) in ' \
    "re-importing a CV says it updated" "$out"
roster forget b-lobo >/dev/null
out=$(roster import "$CV/benedita-lobo.xml" 2>&1)
expect_no_match 'already holds' "re-importing under its own id is no duplicate" "$out"
out=$(roster import "$FIX/experts.jsonl" 2>&1)
expect_match '^imported [0-9]+ experts( \([^)]*\))? in [0-9.]+ s' \
    "JSON Lines keep the summary without ids" "$out"

# ---- --id ----
expect_status 0 "--id names the expert of one CV" -- \
    roster import --id EXP-CV-1 "$CV/benedita-lobo.xml"
out=$(roster show EXP-CV-1 --json)
expect_match '"id":"EXP-CV-1","name":"Benedita Lobo"' "the CV stored under --id" "$out"
out=$(roster import --id X "$CV/benedita-lobo.xml" "$CV/tomas-arrieta.json" 2>&1); rc=$?
expect_eq "$rc" 2 "--id with two files is a usage error"
expect_match 'exactly one file' "--id with two files says why" "$out"
out=$(roster import --id X "$FIX/experts.jsonl" 2>&1); rc=$?
expect_eq "$rc" 2 "--id with JSON Lines is refused"
expect_match 'an id is given for a CV .* and this file is JSON Lines' "--id with JSON Lines says why" "$out"
cp "$CV/benedita-lobo.xml" "$TMP/Benedita Lobo.xml"
out=$(roster import "$TMP/Benedita Lobo.xml" 2>&1); rc=$?
expect_eq "$rc" 2 "a file's name that is no id is refused"
expect_match "Benedita Lobo\.xml: id: the file's name 'Benedita Lobo' is not an expert id .*--id ID" \
    "the refusal suggests --id" "$out"
expect_status 0 "--id rescues that file" -- roster import --id benedita-2 "$TMP/Benedita Lobo.xml"

# ---- a JSON Lines .json is still JSON Lines ----
cp "$FIX/experts.jsonl" "$TMP/experts.json"
expect_status 0 "a .json of JSON Lines is read as JSON Lines" -- roster import "$TMP/experts.json"

# ---- refusals ----
before=$(change)
out=$(roster import "$CV/bad/not-xml.xml" 2>&1); rc=$?
expect_eq "$rc" 2 "not XML exits 2"
expect_match "not-xml\\.xml:1: not XML: no element \\(an XML CV starts with '<'\\)" "not XML is said" "$out"
sed '/<\/Identification>/d' "$CV/benedita-lobo.xml" > "$TMP/cut.xml"
out=$(roster import "$TMP/cut.xml" 2>&1); rc=$?
expect_eq "$rc" 2 "damaged XML exits 2"
expect_match 'cut\.xml:[0-9]+: damaged XML: <Identification>, opened on line [0-9]+, is closed by </LearnerInfo>' \
    "damaged XML is said at its line, in words" "$out"
out=$(roster import "$CV/bad/wrong-root.xml" 2>&1)
expect_match 'wrong-root\.xml:2: not a Europass CV \(root element resume' "another root is said" "$out"
out=$(roster import "$CV/bad/no-name.xml" 2>&1); rc=$?
expect_eq "$rc" 2 "no name exits 2"
expect_match 'no-name\.xml:[0-9]+: name: required' "no name: file:line: field: problem" "$out"
out=$(roster import "$CV/bad/no-nationality.json" 2>&1)
expect_match 'no-nationality\.json:1: nationalities: required: .*"nationalities": \["PT"\]' \
    "JSON Resume without nationality says how to add one" "$out"
out=$(roster import "$CV/bad/no-nationality.xml" 2>&1)
expect_match 'no-nationality\.xml:[0-9]+: nationalities: required' "Europass without nationality" "$out"
out=$(roster import "$CV/bad/bad-cefr.xml" 2>&1)
expect_match "bad-cefr\.xml:[0-9]+: ForeignLanguage/ProficiencyLevel/Listening: bad CEFR level 'D1'" \
    "a bad CEFR sub-skill is an error" "$out"
out=$(roster import "$CV/bad/billion-laughs.xml" 2>&1); rc=$?
expect_eq "$rc" 2 "entity expansion is refused"
expect_match 'DOCTYPE is refused' "entity expansion: why" "$out"
out=$(roster import "$CV/bad/external-entity.xml" 2>&1); rc=$?
expect_eq "$rc" 2 "an external entity is refused"
expect_no_match 'root:' "no file is read through an entity" "$out"
head -c 8388609 /dev/zero | tr '\0' ' ' > "$TMP/huge.xml"
out=$(roster import "$TMP/huge.xml" 2>&1)
expect_match 'huge\.xml: larger than 8 MiB' "a CV over 8 MiB is refused unread" "$out"
expect_eq "$(change)" "$before" "refused CVs change nothing"

# ---- all or nothing across files ----
out=$(roster import "$CV/benedita-lobo.xml" "$CV/bad/no-nationality.xml" 2>&1); rc=$?
expect_eq "$rc" 2 "a good CV with a bad one exits 2"
expect_match '1 of 2 records rejected; nothing imported' "the refusal counts the CVs" "$out"
expect_eq "$(change)" "$before" "a good CV with a bad one changes nothing"
out=$(roster import "$CV/tomas-arrieta.json" "$CV/bad/not-xml.xml" 2>&1); rc=$?
expect_eq "$rc" 2 "a good CV with an unreadable one exits 2"
expect_match 'rejected whole' "an unreadable CV rejects the import" "$out"
out=$(roster import --skip-bad "$CV/benedita-lobo.xml" "$CV/bad/no-name.xml" 2>&1); rc=$?
expect_eq "$rc" 2 "--skip-bad still exits 2 on a bad CV"
expect_match 'imported 1 expert' "--skip-bad imports the good CV" "$out"
expect_status 0 "verify after CV imports" -- roster verify

# ---- through the HTTP API ----
ED=$(roster user add cvedna --role editor 2>/dev/null | tail -n 1)
AE="Authorization: Bearer $ED"
start_server
call POST "/api/import?id=web-cv-1" -H "$AE" -H "Content-Type: application/xml" \
    --data-binary "@$CV/benedita-lobo.xml"
expect_code 200 "a Europass CV posted as application/xml with ?id="
expect_match '"imported":1' "the CV is imported" "$BODY"
expect_match '"problem":"Skills/Computer: not kept","severity":"warning"' \
    "its warnings are in the answer's problems" "$BODY"
expect_match '"id":"web-cv-1","name":"Benedita Lobo"' "stored under the id asked" \
    "$(roster show web-cv-1 --json)"
call POST "/api/import?id=web-cv-2" -H "$AE" -H "Content-Type: application/json" \
    --data-binary "@$CV/tomas-arrieta.json"
expect_code 200 "a JSON Resume posted as application/json with ?id="
expect_match '"name":"Tomás Arrieta"' "the JSON Resume is stored" "$(roster show web-cv-2 --json)"
call POST /api/import -H "$AE" -H "Content-Type: application/xml" --data-binary "@$CV/benedita-lobo.xml"
expect_code 400 "a CV without ?id= is 400"
expect_match 'give its id' "and says to give the id" "$BODY"
call POST "/api/import?id=web-cv-3" -H "$AE" --data-binary "@$FIX/experts.jsonl"
expect_code 400 "?id= with JSON Lines is 400"
call POST "/api/import?id=web-cv-4" -H "$AE" -H "Content-Type: application/xml" \
    --data-binary "@$CV/bad/no-nationality.xml"
expect_code 422 "a CV without nationality is 422"
expect_match '"field":"nationalities"' "its problem names the field" "$BODY"
call POST "/api/import?id=web-cv-5" -H "$AE" -H "Content-Type: application/xml" \
    --data-binary "@$CV/bad/external-entity.xml"
expect_code 422 "a CV with a DOCTYPE is 422"
expect_match 'rejected whole' "and is rejected whole" "$BODY"
stop_server

# A CV re-imported over an expert keeps what a CV has no place for.
printf '%s\n' '{"id":"kept-1","name":"Ana Keep","nationalities":["PT"],"status":"public","fields":["E.10"],"competences":["2.1"],"unavailable":[{"from":"2027-05-01","to":"2027-05-10"}]}' > "$TMP/kept.jsonl"
roster import "$TMP/kept.jsonl" >/dev/null 2>&1
out=$(roster import --id kept-1 "$FIX/cv/benedita-lobo.xml" 2>&1)
expect_match "id: warning: 'kept-1' was Ana Keep and is now Benedita Lobo" \
    "a CV that replaces another person's name says so" "$out"
shown=$(roster show kept-1 --json)
expect_match '"name":"Benedita Lobo"' "the CV replaces what it gives" "$shown"
expect_match '"status":"public"' "and keeps the stored sector" "$shown"
expect_match '"fields":\["E.10"\]' "the stored field codes" "$shown"
expect_match '"competences":\["2.1"\]' "the stored competences" "$shown"
expect_match '"unavailable":\[\{"from":"2027-05-01"' "and the stored unavailability" "$shown"
