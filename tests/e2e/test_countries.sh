# End-to-end: countries as EU documents write them (EL, UK) and by name in
# English, French, Spanish and Portuguese, in import, search and ToRs.
. tests/e2e/lib.sh

cat > "$TMP/eu.jsonl" <<'J'
{"id":"EU-1","name":"Eleni Karagianni","nationalities":["EL"],"residence":"UK","languages":[{"code":"es","level":"C1"},{"code":"en","level":"C1"}],"fields":["E.10"],"summary":"pensiones","missions":[{"action":"2019-27","country":"UK","from":"2019-03-04","to":"2019-03-15","days":10}],"experience":[{"from":"2010-01","country":"EL","text":"social insurance"}]}
{"id":"EU-2","name":"Oliver Brampton","nationalities":["UK"],"languages":[{"code":"es","level":"C1"},{"code":"en","level":"native"}],"fields":["E.10"],"summary":"pensiones"}
J
expect_status 0 "JSONL with EL and UK imports" -- roster import "$TMP/eu.jsonl"
out=$(roster show EU-1 --json)
expect_match '"nationalities":\["GR"\],"residence":"GB"' "EL and UK are stored as GR and GB" "$out"
expect_match '"country":"GB".*"country":"GR"' "mission and experience countries stored as ISO codes" "$out"
expect_no_match '"(EL|UK)"' "no EU code left in the record" "$out"

for q in nat:EL nat:el nat:GR nat:Grèce nat:Grecia nat:Grécia; do
    out=$(roster search "$q" --json)
    expect_match '"total": ?1.*"EU-1"' "search $q finds the Greek expert" "$out"
done
for q in nat:UK 'nat:"Royaume-Uni"' nat:Royaume-Uni 'nat:"Reino Unido"' 'nat:"united kingdom"'; do
    out=$(roster search "$q" --json)
    expect_match '"total": ?1.*"EU-2"' "search $q finds the British expert" "$out"
done
for q in country:UK country:EL 'country:"Reino Unido"'; do
    out=$(roster search "$q" --json)
    expect_match '"total": ?1.*"EU-1"' "search $q finds missions and work there" "$out"
done
out=$(roster search 'nat:Corée' 2>&1); rc=$?
expect_eq "$rc" 2 "an ambiguous country name in a search exits 2"
expect_match "'Corée' names more than one country: KR .* or KP " "and names the countries it may mean" "$out"

printf '%s\n' '{"id":"EU-3","name":"Ana","nationalities":["Spain"]}' > "$TMP/name.jsonl"
out=$(roster import "$TMP/name.jsonl" 2>&1); rc=$?
expect_eq "$rc" 2 "a country name in JSON Lines is refused"
expect_match "name\.jsonl:1: nationalities\[0\]: 'Spain' is a country name; JSON Lines takes its code 'ES'" \
    "with the code to write" "$out"

cat > "$TMP/names.csv" <<'C'
id,name,nationalities,residence
CSV-1,Inés Calvo,Espagne;Perú,Royaume-Uni
CSV-2,Koffi Yao,Costa do Marfim,costa de marfil
CSV-3,Nikos Dimou,EL,uk
C
expect_status 0 "CSV with names in four languages and EU codes imports" -- roster import "$TMP/names.csv"
out=$(roster show CSV-1 --json)
expect_match '"nationalities":\["ES","PE"\],"residence":"GB"' "French and Spanish names become codes" "$out"
out=$(roster show CSV-2 --json)
expect_match '"nationalities":\["CI"\],"residence":"CI"' "Portuguese and Spanish names become codes" "$out"
out=$(roster show CSV-3 --json)
expect_match '"nationalities":\["GR"\],"residence":"GB"' "EL and uk in CSV become GR and GB" "$out"
printf 'id,name,nationalities\nCSV-4,Min,Corea\n' > "$TMP/korea.csv"
out=$(roster import "$TMP/korea.csv" 2>&1); rc=$?
expect_eq "$rc" 2 "an ambiguous country name in CSV is refused"
expect_match "korea\.csv:2: nationalities\[0\]: 'Corea' names more than one country" "naming row and field" "$out"

# A ToR names its country and excluded nationalities in any of the four
# languages or by EU code.
cat > "$TMP/tor.json" <<'T'
{"action":"T-1","title":"Pensiones","country":"Perú","fields":["E.10"],"languages":[{"code":"es","level":"B2"}],"team_size":2,"description":"pensiones","rules":{"exclude_nationalities":["EL"]}}
T
out=$(roster check "$TMP/tor.json" EU-1 EU-2 2>&1); rc=$?
expect_eq "$rc" 3 "excluding EL rules out the Greek expert"
expect_match 'fail +exclude_nationalities +EU-1 holds GR' "the exclusion names GR" "$out"
sed 's/"Perú"/"Royaume-Uni"/; s/"EL"/"Grèce"/' "$TMP/tor.json" > "$TMP/tor-gb.json"
out=$(roster check "$TMP/tor-gb.json" EU-1 EU-2 2>&1); rc=$?
expect_eq "$rc" 3 "a ToR for Royaume-Uni excluding Grèce reads"
expect_match 'fail +exclude_nationalities +EU-1 holds GR' "Grèce excludes the Greek expert" "$out"
sed 's/"Perú"/"Costa do Marfim"/; s/"EL"/"UK"/' "$TMP/tor.json" > "$TMP/tor-ci.json"
out=$(roster match "$TMP/tor-ci.json" 2>&1); rc=$?
expect_match '^T-1: Pensiones \(CI\)' "a ToR for Costa do Marfim reads as CI" "$out"
expect_match 'pass +exclude_nationalities +no member holds GB' "UK in exclude_nationalities excludes GB" "$out"
sed 's/"Perú"/"Corée"/' "$TMP/tor.json" > "$TMP/tor-kr.json"
out=$(roster match "$TMP/tor-kr.json" 2>&1); rc=$?
expect_eq "$rc" 2 "a ToR for an ambiguous country name exits 2"
expect_match "country: 'Corée' names more than one country" "and says why" "$out"
expect_status 0 "verify after the imports" -- roster verify
