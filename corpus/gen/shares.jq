# Calibration shares of a generated roster, in percent, for corpus/README.md:
#   roster-gen --experts 1000 --seed 1 | jq -s -f corpus/gen/shares.jq
def eu: ["AT","BE","BG","HR","CY","CZ","DK","EE","FI","FR","DE","GR","HU","IE","IT",
         "LV","LT","LU","MT","NL","PL","PT","RO","SK","SI","ES","SE"];
def is_eu: . as $c | eu | index($c) != null;
def pct(f): (map(select(f)) | length) * 1000 / length | round / 10;
def shares(key): length as $n | group_by(key)
    | map({(.[0] | key | tostring): (length * 1000 / $n | round / 10)}) | add;
{
  experts: length,
  eu_nationality: pct(any(.nationalities[]; is_eu)),
  french_or_spanish: pct(any(.nationalities[]; . == "FR" or . == "ES")),
  eu_nationalities: ([.[].nationalities[] | select(is_eu)] | unique | length),
  partner_nationalities: ([.[].nationalities[] | select(is_eu | not)] | unique | length),
  dual_nationals: pct(.nationalities | length > 1),
  gender: shares(.gender),
  public_sector: pct(.status | IN("public", "retired_public", "mandated_body")),
  status: shares(.status),
  cv_lang: shares(.cv_lang),
  english_b2_or_better: pct(any(.languages[]; .code == "en" and (.level | IN("B2", "C1", "C2", "native")))),
  main_field_letter: shares(.fields[0][0:1]),
  fields_per_expert: ((map(.fields | length) | add) * 100 / length | round / 100),
  competences_per_expert: ((map(.competences | length) | add) * 100 / length | round / 100),
  with_missions: pct(.missions | length > 0),
  missions_per_expert: ((map(.missions | length) | add) * 100 / length | round / 100)
}
