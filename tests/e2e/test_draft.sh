# End-to-end: roster draft (a request document → a draft ToR to review) and
# roster match on a document, with and without a roster.
. tests/e2e/lib.sh
R="$FIX/requests"
# draft --json is indented, to edit by hand; the checks read it on one line.
flat() { tr '\n' '\r' | sed 's/\r *//g; s/": /":/g'; }

# No roster yet: the draft is made, its codes missing with the reason.
out=$(roster draft "$R/cote-divoire.txt" 2>&1); rc=$?
expect_eq "$rc" 0 "draft without a roster exits 0"
expect_match 'country +CI' "the partner country is read from the letterhead" "$out"
expect_match 'codes: no roster' "without a roster, the codes are missing and why" "$out"
json=$(roster draft "$R/cote-divoire.txt" --json | flat)
lines=$(roster draft "$R/cote-divoire.txt" --json | wc -l)
expect_eq "$([ "$lines" -gt 20 ] && echo indented)" indented "draft --json is indented, to edit by hand"
expect_match '"team_size":2' "deux experts: a team of two" "$json"
expect_match '"from":"2027-02-08","to":"2027-02-26"' "the window du 8 au 26 février 2027" "$json"
expect_match '"action":"2027-04"' "the action number" "$json"
expect_match '"partner_institution":"Ministère de l.Emploi et de la Protection Sociale \(MEPS\)"' \
    "the partner institution" "$json"
expect_match '"languages":\[\{"code":"fr","level":"B2"\}\]' "French, the document's and CI's language" "$json"
expect_match '"evidence":\{[^}]*"country":"[^"]*CÔTE D.IVOIRE' "the country's evidence quotes the text" "$json"
expect_match '"country":"[^"]*CÔTE D.IVOIRE[^"]*: names Côte d.Ivoire\)"' "and says why it tells the country" "$json"
expect_match '"missing":\[[^]]*"fields"' "fields missing without a roster" "$json"

roster_gen --experts 400 --seed 3 > "$TMP/roster.jsonl"
roster import "$TMP/roster.jsonl" >/dev/null 2>&1

for f in cote-divoire.txt peru.md cabo-verde.txt ghana.md; do
    json=$(roster draft "$R/$f" --json); rc=$?
    json=$(printf '%s' "$json" | flat)
    expect_eq "$rc" 0 "draft $f exits 0"
    expect_match '"fields":\["[A-Z]' "draft $f proposes fields learned from the roster" "$json"
done
json=$(roster draft "$R/peru.md" --json | flat)
expect_match '"country":"PE"' "Perú in a Markdown request" "$json"
expect_match '"team_size":3' "un equipo de tres" "$json"
expect_match '"from":"2027-05-03","to":"2027-05-14"' "del 3 al 14 de mayo de 2027" "$json"
json=$(roster draft "$R/cabo-verde.txt" --json | flat)
expect_match '"country":"CV"' "Cabo Verde" "$json"
expect_match '"title":"Sistema de informação para a proteção social não contributiva"' \
    "a title under its label" "$json"
expect_match '"team_size":2' "dois peritos" "$json"
json=$(roster draft "$R/ghana.md" --json | flat)
expect_match '"country":"GH"' "Ghana" "$json"
expect_match '"action":"2026-31"' "Action 2026-31" "$json"
expect_match '"from":"2027-03-01","to":"2027-03-12"' "from 1 March 2027 to 12 March 2027" "$json"

# A request in each format (tests/fixtures/documents/make.py wrote them):
# drafted, then matched directly.
D="$FIX/documents"
for f in request-fr.docx:CI request-es.odt:PE request-pt.pdf:CV request-en.md:GH; do
    doc=${f%%:*} want=${f##*:}
    json=$(roster draft "$D/$doc" --json); rc=$?
    json=$(printf '%s' "$json" | flat)
    expect_eq "$rc" 0 "draft $doc exits 0"
    expect_match "\"country\":\"$want\"" "draft $doc reads the partner country $want" "$json"
    expect_match '"format":"(DOCX|ODT|PDF|Markdown)"' "draft $doc says its format" "$json"
    out=$(roster match "$D/$doc" --json 2>/dev/null); rc=$?
    expect_match '"teams":\[' "match $doc answers with teams (exit $rc)" "$out"
done
out=$(roster draft "$D/scanned.pdf" 2>&1); rc=$?
expect_eq "$rc" 2 "a scanned PDF is bad input"
expect_match 'scanned.pdf: the PDF has no text layer' "and the error says why" "$out"
out=$(roster draft "$D/encrypted.pdf" 2>&1); rc=$?
expect_eq "$rc" 2 "an encrypted PDF is bad input"
expect_match 'password' "and the error says a password is needed" "$out"
out=$(roster match "$D/liar.docx" 2>&1); rc=$?
expect_eq "$rc" 2 "match on a hostile DOCX is bad input"

# Text on stdin.
json=$(printf 'Objet : Appui au Togo\nDeux experts du 2 au 6 mars 2027.\n' | roster draft - --json | flat)
expect_match '"country":"TG"' "a draft of text on stdin" "$json"
# A request forwarded by mail: the subject's prefixes are no part of the title.
json=$(printf 'Objet : TR: RE : Appui au Togo\nDeux experts.\n' | roster draft - --json | flat)
expect_match '"title":"Appui au Togo"' "a mail's RE: and TR: are left out of the title" "$json"

# A forwarded mail: the newest subject is the title, and the mail's
# headers, greetings and signatures give no evidence words.
cat > "$TMP/mail.txt" <<'EOF'
RE: TR: Solicitud de asistencia técnica - inspección laboral

Buenos días,

Les reenvío la solicitud del Ministerio de Trabajo del Paraguay sobre la inspección laboral.

Saludos,
María González
Directora General de Cooperación
Tel. +595 21 30 30 30

De: Juan Pérez
Enviado el: lunes, 30 de noviembre de 2026 10:15
Para: María González
Asunto: TR: Solicitud

Estimada María:

El Ministerio solicita dos expertos para la inspección del trabajo y la seguridad y salud en el trabajo.

Atentamente,
Juan Pérez
Director General
EOF
json=$(roster draft "$TMP/mail.txt" --json | flat)
expect_match '"title":"Solicitud de asistencia técnica - inspección laboral"' \
    "a forwarded mail's title is its newest subject" "$json"
words=$(printf '%s' "$json" | sed 's/.*"evidence":{//; s/"confidence".*//')
expect_no_match '"(fields|competences)":\{[^}]*(":"|, )(perez|juan|maria|gonzalez|saludos|buenos|director|general|[0-9]+)(,|")' \
    "no names, greetings, roles or numbers among the codes' evidence words" "$words"

# A reviewed draft is a ToR: stored without a warning about its notes.
roster draft "$R/peru.md" --json | sed 's/^{/{"action":"2027-11",/' > "$TMP/peru.json"
out=$(roster request add "$TMP/peru.json" 2>&1); rc=$?
expect_eq "$rc" 0 "a completed draft is stored as a request"
expect_no_match 'unknown key' "a draft's notes are no unknown keys" "$out"
stored=$(roster request show 2027-11 --json)
expect_no_match '"evidence"|"confidence"|"missing"' "and they are not stored with it" "$stored"

# The facility's records name institutions: a later request that names
# only the institution (or its acronym) is known by its country.
printf 'Objet : formation des conseillers du MTPE\nDeux experts.\n' > "$TMP/mtpe.txt"
json=$(roster draft "$TMP/mtpe.txt" --json | flat)
expect_match '"country":"PE"' "a stored request's institution tells the country" "$json"
expect_match '"evidence":\{[^}]*"country":"[^"]*MTPE' "with the acronym as evidence" "$json"

# match takes the document itself, saying so.
out=$(roster match "$R/cote-divoire.txt" --shortlist 3 2>&1 >/dev/null); rc=$?
expect_match 'is a document: matching the ToR drafted from it' "match says it drafted first" "$out"
printf 'Ministry of Labour. Support for pensions in Colombia or Peru.\n' > "$TMP/vague.txt"
out=$(roster match "$TMP/vague.txt" --shortlist 1 2>&1 >/dev/null)
expect_match 'guessed: country CO \(confidence 0\.[0-4]' "match names a value guessed with low confidence" "$out"
expect_match 'not in the document, so: .*team_size \(2\)' "and what stands in for what is missing" "$out"
json=$(roster match "$R/cote-divoire.txt" --json 2>/dev/null)
expect_match '"action":"2027-04"' "match on a document answers for the drafted action" "$json"
json=$(roster match "$R/peru.md" --json 2>/dev/null); rc=$?
expect_match '"teams":\[\{' "a document matched gives teams" "$json"

# Bad input: clear errors, exit 2.
expect_status 2 "draft with no file" -- roster draft
expect_status 2 "draft of a missing file" -- roster draft "$TMP/none.txt"
mkdir "$TMP/requests"
out=$(roster draft "$TMP/requests/" 2>&1); rc=$?
expect_eq "$rc" 2 "draft of a directory is bad input"
expect_match 'roster draft: .*requests/: a directory, not a file' "and the error says it is a directory" "$out"
out=$(roster match "$TMP/requests" 2>&1)
expect_match 'requests: a directory, not a file' "match on a directory says so too" "$out"
out=$(roster match --batch "$TMP/requests" 2>&1); rc=$?
expect_eq "$rc" 2 "match --batch of a directory is bad input"
expect_match 'roster match: .*requests: a directory, not a file' "and says it is a directory" "$out"
printf '\211PNG\r\n\032\n\0\0\0\rIHDR' > "$TMP/scan.pdf"
out=$(roster draft "$TMP/scan.pdf" 2>&1); rc=$?
expect_eq "$rc" 2 "a picture named .pdf is bad input"
expect_match 'scan.pdf: this is a PNG image, not a PDF: no text is read from an image' \
    "and the error names the file and what it is" "$out"
{ printf '\320\317\021\340\241\261\032\341'; printf 'W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0'; } > "$TMP/old.doc"
out=$(roster draft "$TMP/old.doc" 2>&1)
expect_match 'old.doc: this is a Word 97.2003 .doc file: save it as .docx or PDF' \
    "an old Word file is named, with what to do" "$out"
printf 'caf\351 au Togo\n' > "$TMP/latin1.txt"
out=$(roster draft "$TMP/latin1.txt" 2>&1); rc=$?
expect_eq "$rc" 2 "a document that is not UTF-8 is bad input"
expect_match 'latin1.txt: .*UTF-8' "the error names the file and the encoding" "$out"
: > "$TMP/empty.txt"
out=$(roster draft "$TMP/empty.txt" 2>&1); rc=$?
expect_eq "$rc" 2 "an empty document is bad input"
printf 'Nothing here names a country.\n' > "$TMP/nothing.txt"
out=$(roster match "$TMP/nothing.txt" 2>&1); rc=$?
expect_eq "$rc" 2 "match on a document without a country is bad input"
expect_match 'nothing.txt names no partner country, and a match needs one' \
    "and says the country is missing" "$out"
expect_match 'roster draft .*nothing.txt --json > tor.json.*"country".*roster match tor.json' \
    "and how to go on" "$out"
expect_eq "$(printf '%s\n' "$out" | wc -l)" 1 "in one message"

# A working language the text states wins over the document's and the
# country's, at the level written beside it; an asset is named in the
# evidence, not required.
json=$(printf 'Solicitud del Ministerio de Trabajo del Perú.\nEl idioma de trabajo es el inglés (C1); el francés sería una ventaja.\n' |
    roster draft - --json | flat)
expect_match '"languages":\[\{"code":"en","level":"C1"\}\]' \
    "el idioma de trabajo es el inglés (C1): English at C1, not Spanish" "$json"
expect_match '"languages":"[^"]*idioma de trabajo es el inglés[^"]*stated in the text' \
    "the evidence quotes the statement" "$json"
expect_match '"languages":"[^"]*fr an asset, not required: [^"]*francés sería una ventaja' \
    "French, an asset, is named in the evidence" "$json"
expect_match '"languages":0.9[},]' "a stated language is sure" "$json"
json=$(printf 'Ministère du Travail du Sénégal.\nLes experts devront maîtriser le français et l'"'"'espagnol.\n' |
    roster draft - --json | flat)
expect_match '"languages":\[\{"code":"fr","level":"B2"\},\{"code":"es","level":"B2"\}\]' \
    "maîtriser le français et l'espagnol: both, at B2" "$json"
# A language named in another sense is no working language.
json=$(printf 'Ministry of Labour of Ghana.\nThe Spanish ministry supports it. English version attached.\n' |
    roster draft - --json | flat)
expect_match '"languages":"the description is in en' \
    "the Spanish ministry, an English version: the default's reason" "$json"
out=$(printf 'Ministère du Travail du Sénégal.\nLangue de travail : français. L'"'"'anglais serait un atout.\n' |
    roster draft - 2>&1)
expect_match 'languages +fr B2' "the text form shows the stated language" "$out"
expect_match 'en an asset, not required' "and the asset" "$out"
