/*
 * Reading ToRs: the defaults of formats.md section 2, every validation
 * problem with its file, line and field, the line numbers of pretty-printed
 * files, and the JSON Lines batch reader.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "matcher/tor.h"

/* Problems printed as "file:line: field: message", one per line. */
static char *problems(const rs_diag *d)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    rs_diag_print(d, f);
    fclose(f);
    return text;
}

/* Read `json`; expect it to fail (or pass, when want_ok) with `expect` among
 * the problems ("": with no problem at all). */
static void expect_problem(const char *json, int want_ok, const char *expect)
{
    rs_diag d;
    rs_diag_init(&d);
    rs_tor t;
    int rc = rs_tor_from_json_text(json, strlen(json), "tor.json", 1, &t, &d);
    char *text = problems(&d);
    int found = expect && (*expect ? strstr(text, expect) != NULL : *text == '\0');
    if ((rc == 0) != want_ok || (expect && !found))
        fprintf(stderr, "input: %s\nwanted: %s\ngot:\n%s", json, expect ? expect : "-", text);
    assert_int_equal(rc == 0, want_ok);
    if (expect)
        assert_true(found);
    if (!want_ok) { /* nothing is left to free */
        assert_null(t.action);
        assert_null(t.fields);
    }
    free(text);
    rs_tor_free(&t);
    rs_diag_free(&d);
}

#define OK 1
#define BAD 0
#define BASE "\"action\":\"2019-27\",\"title\":\"Disability benefits\",\"country\":\"SN\""
#define WITH(x) "{" BASE "," x "}"
#define RULE(x) "{" BASE ",\"rules\":{" x "}}"

static void test_defaults(void **state)
{
    (void)state;
    rs_diag d;
    rs_diag_init(&d);
    rs_tor t;
    const char *json = "{" BASE ",\"languages\":[{\"code\":\"fr\"},\"en\"]}";
    assert_int_equal(rs_tor_from_json_text(json, strlen(json), "tor.json", 7, &t, &d), 0);
    assert_int_equal(d.n, 0);
    assert_string_equal(t.action, "2019-27");
    assert_string_equal(t.title, "Disability benefits");
    assert_string_equal(t.country, "SN");
    assert_null(t.partner_institution);
    assert_null(t.assistance_type);
    assert_null(t.description);
    assert_int_equal(t.n_fields, 0);
    assert_int_equal(t.n_languages, 2);
    assert_string_equal(t.languages[0].code, "fr");
    assert_int_equal(t.languages[0].level, RS_CEFR_B2);
    assert_string_equal(t.languages[1].code, "en");
    assert_int_equal(t.languages[1].level, RS_CEFR_B2);
    assert_int_equal(t.team_size, 2);
    assert_int_equal(t.has_window, 0);
    assert_int_equal(t.line, 7);
    const rs_rules *r = &t.rules;
    assert_int_equal(r->min_nationalities, 2);
    assert_int_equal(r->max_same_nationality, 1);
    assert_true(r->languages_covered && r->available && r->prefer_public && r->gender_balance &&
                r->portfolio_balance);
    assert_false(r->triangular);
    assert_int_equal(r->max_load_days, -1);
    assert_int_equal(r->n_exclude + r->n_require, 0);
    assert_int_equal(r->n_exclude_nationalities, 1); /* the partner's own nationals */
    assert_string_equal(r->exclude_nationalities[0], "SN");
    assert_int_equal(r->min_eu_members, 1);
    assert_int_equal(t.languages_basis, RS_LANGUAGES_GIVEN);
    assert_int_equal(rs_tor_reference_day(&t, 12345), 12345);
    rs_tor_free(&t);
    rs_tor_free(NULL);

    json = "{" BASE ",\"team_size\":1}";
    assert_int_equal(rs_tor_from_json_text(json, strlen(json), "tor.json", 1, &t, &d), 0);
    assert_int_equal(t.rules.min_nationalities, 1); /* a team of one has one nationality */
    rs_tor_free(&t);
    rs_diag_free(&d);
}

static void test_full_tor(void **state)
{
    (void)state;
    const char *json =
        "{" BASE ",\"partner_institution\":\"Ministère\",\"assistance_type\":\"A.01\","
        "\"fields\":[\"E.10\",\"E.10.01\"],\"competences\":[\"2\",\"2.1\"],"
        "\"languages\":[{\"code\":\"fr\",\"level\":\"c1\"}],\"team_size\":3,"
        "\"from\":\"2027-03\",\"to\":\"2027-04\",\"description\":\"Cafe\\u0301\","
        "\"rules\":{\"min_nationalities\":3,\"max_same_nationality\":2,\"languages_covered\":false,"
        "\"available\":false,\"exclude\":[\"EXP-1\"],\"require\":[\"EXP-2\",\"EXP-3\"],"
        "\"exclude_nationalities\":[\"SN\",\"XK\"],\"prefer_public\":false,\"gender_balance\":false,"
        "\"triangular\":true,\"portfolio_balance\":false,\"max_load_days\":30}}";
    rs_diag d;
    rs_diag_init(&d);
    rs_tor t;
    assert_int_equal(rs_tor_from_json_text(json, strlen(json), "tor.json", 1, &t, &d), 0);
    assert_int_equal(d.n, 0);
    assert_string_equal(t.partner_institution, "Ministère");
    assert_string_equal(t.assistance_type, "A.01");
    assert_int_equal(t.n_fields, 2);
    assert_string_equal(t.fields[1], "E.10.01");
    assert_int_equal(t.n_competences, 2);
    assert_int_equal(t.languages[0].level, RS_CEFR_C1);
    assert_int_equal(t.team_size, 3);
    int32_t from, to;
    rs_date_parse("2027-03-01", 0, &from);
    rs_date_parse("2027-04-30", 0, &to);
    assert_int_equal(t.has_window, 1);
    assert_int_equal(t.from, from);
    assert_int_equal(t.to, to); /* a month as "to" runs to its last day */
    assert_int_equal(rs_tor_reference_day(&t, 0), from);
    assert_string_equal(t.description, "Caf\xc3\xa9"); /* NFC */
    const rs_rules *r = &t.rules;
    assert_int_equal(r->min_nationalities, 3);
    assert_int_equal(r->max_same_nationality, 2);
    assert_false(r->languages_covered || r->available || r->prefer_public ||
                 r->gender_balance || r->portfolio_balance);
    assert_true(r->triangular);
    assert_int_equal(r->n_exclude, 1);
    assert_int_equal(r->n_require, 2);
    assert_string_equal(r->require[1], "EXP-3");
    assert_int_equal(r->n_exclude_nationalities, 2);
    assert_string_equal(r->exclude_nationalities[1], "XK");
    assert_int_equal(r->max_load_days, 30);
    rs_tor_free(&t);

    json = RULE("\"max_load_days\":null");
    assert_int_equal(rs_tor_from_json_text(json, strlen(json), "tor.json", 1, &t, &d), 0);
    assert_int_equal(t.rules.max_load_days, -1);
    rs_tor_free(&t);
    rs_diag_free(&d);
}

static void test_not_an_object(void **state)
{
    (void)state;
    expect_problem("{\"action\": ", BAD, "tor.json:1: not valid JSON:");
    expect_problem("[1,2]", BAD, "tor.json:1: a ToR must be a JSON object");
    expect_problem("{\"action\":\"a\",\"action\":\"b\"}", BAD, "duplicate object key");
    expect_problem("", BAD, "not valid JSON");
}

static void test_required_and_text(void **state)
{
    (void)state;
    expect_problem("{\"title\":\"t\",\"country\":\"SN\"}", BAD, "tor.json:1: action: required");
    expect_problem("{\"action\":\"a\",\"country\":\"SN\"}", BAD, "tor.json:1: title: required");
    expect_problem("{\"action\":\"a\",\"title\":\"t\"}", BAD, "tor.json:1: country: required");
    expect_problem("{\"action\":null,\"title\":\"t\",\"country\":\"SN\"}", BAD, "action: required");
    expect_problem("{\"action\":1,\"title\":\"t\",\"country\":\"SN\"}", BAD,
                   "action: must be a string");
    expect_problem("{\"action\":\"  \",\"title\":\"t\",\"country\":\"SN\"}", BAD,
                   "action: must not be empty");
    expect_problem("{\"action\":\"a\\u0000b\",\"title\":\"t\",\"country\":\"SN\"}", BAD,
                   "tor.json:1: not valid JSON: NUL character (\\u0000) not allowed in text");
    expect_problem(WITH("\"partner_institution\":[]"), BAD,
                   "partner_institution: must be a string");
    expect_problem(WITH("\"description\":false"), BAD, "description: must be a string");
    expect_problem(WITH("\"description\":\"  \""), OK, NULL); /* optional and blank: absent */

    size_t big = 70 * 1024;
    char *json = malloc(big + 100);
    int n = snprintf(json, 100, "{" "\"action\":\"a\",\"title\":\"t\",\"country\":\"SN\",\"description\":\"");
    memset(json + n, 'x', big);
    strcpy(json + n + big, "\"}");
    expect_problem(json, BAD, "description: too long (71680 bytes, at most 65536)");
    free(json);
}

/* A ToR names its country and excluded nationalities by code (any case; EL
 * and UK as EU documents write them) or by name in English, French, Spanish
 * or Portuguese; they are kept as ISO codes. A name of two countries is
 * refused. */
static void expect_country(const char *json, const char *country, const char *excluded)
{
    rs_diag d;
    rs_diag_init(&d);
    rs_tor t;
    int rc = rs_tor_from_json_text(json, strlen(json), "tor.json", 1, &t, &d);
    if (rc != 0) {
        char *text = problems(&d);
        fprintf(stderr, "input: %s\ngot:\n%s", json, text);
        free(text);
    }
    assert_int_equal(rc, 0);
    assert_string_equal(t.country, country);
    if (excluded) {
        assert_int_equal(t.rules.n_exclude_nationalities, 1);
        assert_string_equal(t.rules.exclude_nationalities[0], excluded);
    }
    rs_tor_free(&t);
    rs_diag_free(&d);
}

#define TOR_IN(c) "{\"action\":\"a\",\"title\":\"t\",\"country\":\"" c "\"}"
#define TOR_EXCLUDING(c, n) \
    "{\"action\":\"a\",\"title\":\"t\",\"country\":\"" c \
    "\",\"rules\":{\"exclude_nationalities\":[\"" n "\"]}}"

static void test_country_codes_and_names(void **state)
{
    (void)state;
    expect_country(TOR_IN("Espagne"), "ES", NULL);
    expect_country(TOR_IN("Royaume-Uni"), "GB", NULL);
    expect_country(TOR_IN("Perú"), "PE", NULL);
    expect_country(TOR_IN("Costa do Marfim"), "CI", NULL);
    expect_country(TOR_IN("costa de marfil"), "CI", NULL);
    expect_country(TOR_IN("EL"), "GR", NULL);
    expect_country(TOR_IN("UK"), "GB", NULL);
    expect_country(TOR_IN("pe"), "PE", NULL);
    expect_country(TOR_EXCLUDING("PE", "EL"), "PE", "GR");
    expect_country(TOR_EXCLUDING("PE", "UK"), "PE", "GB");
    expect_country(TOR_EXCLUDING("PE", "Grèce"), "PE", "GR");
    expect_country(TOR_EXCLUDING("PE", "sn"), "PE", "SN");
    expect_problem(TOR_IN("Corée"), BAD,
                   "country: 'Corée' names more than one country: KR (Korea, Republic of) or "
                   "KP (Korea, Democratic People's Republic of); give the code");
    expect_problem(TOR_EXCLUDING("PE", "Islas Vírgenes"), BAD,
                   "rules.exclude_nationalities[0]: 'Islas Vírgenes' names more than one country");
}

/* A list given replaces the default; one without the partner country lets
 * its nationals in, which the reader says (an empty list is the way to
 * allow them, said nothing about). */
static void test_exclude_list_without_partner_warns(void **state)
{
    (void)state;
    expect_problem(TOR_EXCLUDING("Pérou", "Espagne"), OK,
                   "tor.json:1: rules.exclude_nationalities: warning: PE (the partner country) "
                   "is not in the list, so its nationals may be proposed; add \"PE\" to keep "
                   "them out");
    const char *quiet[] = {
        TOR_EXCLUDING("PE", "pe"),
        "{\"action\":\"a\",\"title\":\"t\",\"country\":\"PE\",\"rules\":{\"exclude_nationalities\":[]}}",
        "{\"action\":\"a\",\"title\":\"t\",\"country\":\"PE\",\"rules\":{\"exclude_nationalities\":[\"ES\",\"PE\"]}}",
        TOR_IN("PE")};
    for (size_t i = 0; i < sizeof quiet / sizeof *quiet; i++) {
        rs_diag d;
        rs_diag_init(&d);
        rs_tor t;
        assert_int_equal(rs_tor_from_json_text(quiet[i], strlen(quiet[i]), "tor.json", 1, &t, &d), 0);
        assert_int_equal(d.n_warnings, 0);
        rs_tor_free(&t);
        rs_diag_free(&d);
    }
}

static void test_country(void **state)
{
    (void)state;
    expect_problem("{\"action\":\"a\",\"title\":\"t\",\"country\":\"Senegal\"}", OK, NULL);
    expect_problem("{\"action\":\"a\",\"title\":\"t\",\"country\":\"Senegall\"}", BAD,
                   "country: 'Senegall' is not an ISO 3166-1 alpha-2 code or a country name "
                   "(did you mean 'SN', Senegal?)");
    expect_problem("{\"action\":\"a\",\"title\":\"t\",\"country\":\"ZZ\"}", BAD,
                   "country: 'ZZ' is not an ISO 3166-1 alpha-2 code");
    expect_problem("{\"action\":\"a\",\"title\":\"t\",\"country\":7}", BAD,
                   "country: must be a string");
    expect_problem("{\"action\":\"a\",\"title\":\"t\",\"country\":\"XK\"}", OK, NULL);
    /* Long values are quoted cut short, on a character boundary. */
    expect_problem("{\"action\":\"a\",\"title\":\"t\",\"country\":\"a"
                   "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"
                   "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\"}",
                   BAD, "country: 'a\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
                        "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
                        "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9...' is not");
}

static void test_unknown_keys(void **state)
{
    (void)state;
    expect_problem(WITH("\"team_sise\":3"), BAD,
                   "tor.json:1: team_sise: unknown key (did you mean 'team_size'?)");
    expect_problem(WITH("\"notes\":\"x\""), OK, "notes: warning: unknown key, ignored");
    expect_problem(RULE("\"max_same_nationalty\":2"), BAD,
                   "rules.max_same_nationalty: unknown rule (did you mean 'max_same_nationality'?)");
    expect_problem(RULE("\"whatever\":2"), BAD, "rules.whatever: unknown rule");
    expect_problem(WITH("\"rules\":[]"), BAD, "rules: must be an object");
}

static void test_assistance_type(void **state)
{
    (void)state;
    expect_problem(WITH("\"assistance_type\":1"), BAD, "assistance_type: must be a string");
    expect_problem(WITH("\"assistance_type\":\"A\""), BAD,
                   "assistance_type: 'A' is not an assistance type code (like A.01)");
    expect_problem(WITH("\"assistance_type\":\"a.01\""), BAD, "is not an assistance type code");
    expect_problem(WITH("\"assistance_type\":\"Z.99\""), OK,
                   "assistance_type: warning: unknown assistance type 'Z.99' (not in the taxonomy)");
}

static void test_codes(void **state)
{
    (void)state;
    expect_problem(WITH("\"fields\":\"E.10\""), BAD, "fields: must be an array");
    expect_problem(WITH("\"fields\":[1]"), BAD, "fields[0]: must be a string");
    expect_problem(WITH("\"fields\":[\"E.10\",\"E.1\"]"), BAD,
                   "fields[1]: 'E.1' is not a field code (like E, E.10 or E.10.01)");
    expect_problem(WITH("\"fields\":[\"E.99\"]"), OK,
                   "fields[0]: warning: unknown field code 'E.99' (not in the taxonomy)");
    /* Ancestors the sources do not name are codes all the same. */
    expect_problem(WITH("\"fields\":[\"O\",\"O.30\",\"P.20\"]"), OK, "");
    expect_problem(WITH("\"fields\":[\"E.10\",\"E.10\"]"), OK,
                   "fields[1]: warning: 'E.10' is listed twice");
    expect_problem(WITH("\"competences\":[\"22\"]"), BAD,
                   "competences[0]: '22' is not a competence code (like 2, 2.1 or X)");
    expect_problem(WITH("\"competences\":[\"9.9\"]"), OK,
                   "competences[0]: warning: unknown competence code '9.9' (not in the taxonomy)");

    char json[16384] = "{" BASE ",\"fields\":[";
    for (int i = 0; i < 65; i++)
        strcat(json, i ? ",\"E\"" : "\"E\"");
    strcat(json, "]}");
    expect_problem(json, BAD, "fields: too many items (65, at most 64)");
}

static void test_languages(void **state)
{
    (void)state;
    expect_problem(WITH("\"languages\":{}"), BAD, "languages: must be an array");
    expect_problem(WITH("\"languages\":[3]"), BAD,
                   "languages[0]: must be an object {\"code\", \"level\"} or a language code");
    expect_problem(WITH("\"languages\":[{\"level\":\"B2\"}]"), BAD, "languages[0].code: required");
    expect_problem(WITH("\"languages\":[{\"code\":5}]"), BAD, "languages[0].code: must be a string");
    expect_problem(WITH("\"languages\":[\"FR\"]"), BAD,
                   "languages[0]: 'FR' is not an ISO 639-1 language code (two lower-case letters)");
    expect_problem(WITH("\"languages\":[{\"code\":\"zz\"}]"), BAD,
                   "languages[0].code: 'zz' is not an ISO 639-1 language code");
    expect_problem(WITH("\"languages\":[{\"code\":\"fr\",\"level\":\"B3\"}]"), BAD,
                   "languages[0].level: must be a CEFR level A1, A2, B1, B2, C1, C2 or native");
    expect_problem(WITH("\"languages\":[{\"code\":\"fr\",\"level\":2}]"), BAD,
                   "languages[0].level: must be a CEFR level");
    expect_problem(WITH("\"languages\":[\"fr\",{\"code\":\"fr\",\"level\":\"C1\"}]"), BAD,
                   "languages[1]: language 'fr' is listed twice");
    expect_problem(WITH("\"languages\":[{\"code\":\"fr\",\"levle\":\"C1\"}]"), BAD,
                   "languages[0].levle: unknown key (did you mean 'level'?)");
    char json[4096] = "{" BASE ",\"languages\":[";
    for (int i = 0; i < 33; i++)
        strcat(json, i ? ",\"fr\"" : "\"fr\"");
    strcat(json, "]}");
    expect_problem(json, BAD, "languages: too many items (33, at most 32)");
}

static void test_team_size_and_window(void **state)
{
    (void)state;
    expect_problem(WITH("\"team_size\":\"2\""), BAD, "team_size: must be an integer");
    expect_problem(WITH("\"team_size\":2.0"), BAD, "team_size: must be an integer");
    expect_problem(WITH("\"team_size\":0"), BAD, "team_size: must be between 1 and 6, not 0");
    expect_problem(WITH("\"team_size\":7"), BAD, "team_size: must be between 1 and 6, not 7");
    expect_problem(WITH("\"from\":\"2027-03-01\""), BAD,
                   "to: required with 'from': the window needs both ends");
    expect_problem(WITH("\"to\":\"2027-03-01\""), BAD,
                   "from: required with 'to': the window needs both ends");
    expect_problem(WITH("\"from\":\"2027-02-30\",\"to\":\"2027-03-01\""), BAD,
                   "from: '2027-02-30' is not a date (expected YYYY-MM-DD or YYYY-MM)");
    expect_problem(WITH("\"from\":\"2027-03-01\",\"to\":20270301"), BAD,
                   "to: must be a date string (expected YYYY-MM-DD or YYYY-MM)");
    expect_problem(WITH("\"from\":\"2027-03-10\",\"to\":\"2027-03-01\""), BAD,
                   "to: ends before 'from'");
}

static void test_rules(void **state)
{
    (void)state;
    expect_problem(RULE("\"min_nationalities\":0"), BAD,
                   "rules.min_nationalities: must be between 1 and 6, not 0");
    expect_problem(RULE("\"min_nationalities\":3"), BAD,
                   "rules.min_nationalities: 3 is more than team_size (2)");
    expect_problem(RULE("\"max_same_nationality\":\"1\""), BAD,
                   "rules.max_same_nationality: must be an integer");
    expect_problem(RULE("\"max_same_nationality\":9"), BAD,
                   "rules.max_same_nationality: must be between 1 and 6, not 9");
    expect_problem(RULE("\"available\":\"yes\""), BAD, "rules.available: must be true or false");
    expect_problem(RULE("\"triangular\":1"), BAD, "rules.triangular: must be true or false");
    expect_problem(RULE("\"exclude\":\"EXP-1\""), BAD, "rules.exclude: must be an array");
    expect_problem(RULE("\"exclude\":[\"bad id\"]"), BAD,
                   "rules.exclude[0]: 'bad id' is not an expert id (1-64 of A-Z a-z 0-9 . _ -)");
    expect_problem(RULE("\"require\":[7]"), BAD, "rules.require[0]: '?' is not an expert id");
    expect_problem(RULE("\"exclude\":[\"A\",\"A\"]"), OK,
                   "rules.exclude[1]: warning: 'A' is listed twice");
    expect_problem(RULE("\"require\":[\"A\",\"B\",\"C\"]"), BAD,
                   "rules.require: 3 experts required but team_size is 2");
    expect_problem(RULE("\"require\":[\"A\"],\"exclude\":[\"A\"]"), BAD,
                   "rules.require[0]: 'A' is also in rules.exclude");
    expect_problem(RULE("\"exclude_nationalities\":\"SN\""), BAD,
                   "rules.exclude_nationalities: must be an array");
    expect_problem(RULE("\"exclude_nationalities\":[\"Narnia\"]"), BAD,
                   "rules.exclude_nationalities[0]: 'Narnia' is not an ISO 3166-1 alpha-2 code");
    expect_problem(RULE("\"exclude_nationalities\":[\"SN\",\"SN\"]"), OK,
                   "rules.exclude_nationalities[1]: warning: 'SN' is listed twice");
    expect_problem(RULE("\"max_load_days\":-1"), BAD,
                   "rules.max_load_days: must be between 0 and 366, not -1");
    expect_problem(RULE("\"max_load_days\":400"), BAD,
                   "rules.max_load_days: must be between 0 and 366, not 400");
    char id[100] = "\"";
    memset(id + 1, 'a', 65);
    strcpy(id + 66, "\"");
    char json[256];
    snprintf(json, sizeof json, RULE("\"require\":[%s]"), id);
    expect_problem(json, BAD, "is not an expert id");
}

/* Every error is reported, not only the first. */
static void test_all_problems_reported(void **state)
{
    (void)state;
    rs_diag d;
    rs_diag_init(&d);
    rs_tor t;
    const char *json = "{\"title\":1,\"country\":\"ZZ\",\"team_size\":9,\"rules\":{\"x\":1}}";
    assert_int_equal(rs_tor_from_json_text(json, strlen(json), "f", 1, &t, &d), -1);
    assert_int_equal(d.n_errors, 5);
    rs_diag_free(&d);
}

/* A pretty-printed file: each problem on the line of its value. */
static void test_line_numbers(void **state)
{
    (void)state;
    const char *json = "{\n"
                       "  \"action\": \"2019-27\",\n"
                       "  \"title\": \"Pensions\",\n"
                       "  \"country\": \"SN\",\n"
                       "  \"languages\": [\n"
                       "    {\"code\": \"fr\"},\n"
                       "    {\"code\": \"pt\",\n"
                       "     \"level\": \"B7\"}\n"
                       "  ],\n"
                       "  \"rules\": {\n"
                       "    \"exclude\": [\"ok\",\n"
                       "                \"not ok\"],\n"
                       "    \"available\": 3\n"
                       "  },\n"
                       "  \"team_size\": 0\n"
                       "}\n";
    FILE *f = tmpfile();
    fputs(json, f);
    rewind(f);
    rs_diag d;
    rs_diag_init(&d);
    rs_tor t;
    assert_int_equal(rs_tor_read_file(f, "tor.json", &t, &d), -1);
    fclose(f);
    char *text = problems(&d);
    assert_non_null(strstr(text, "tor.json:8: languages[1].level: must be a CEFR level"));
    assert_non_null(strstr(text, "tor.json:12: rules.exclude[1]: 'not ok' is not an expert id"));
    assert_non_null(strstr(text, "tor.json:13: rules.available: must be true or false"));
    assert_non_null(strstr(text, "tor.json:15: team_size: must be between 1 and 6"));
    free(text);
    rs_diag_free(&d);

    /* Deep values, long keys and escapes are skipped with their lines counted. */
    char deep[2048];
    char longkey[300];
    memset(longkey, 'k', 299);
    longkey[299] = '\0';
    snprintf(deep, sizeof deep,
             "{\"notes\": {\"a\": {\"b\": {\"c\": [1,\n {\"d\": [2,\n3]}, \"x\\\"y\"]}}},\n"
             " \"%s\": {\"inner\": [1,\n 2]},\n"
             " \"action\": \"a\", \"title\": \"t\",\n"
             " \"country\": \"ZZ\"}",
             longkey);
    rs_diag_init(&d);
    assert_int_equal(rs_tor_from_json_text(deep, strlen(deep), "deep.json", 1, &t, &d), -1);
    text = problems(&d);
    assert_non_null(strstr(text, "deep.json:7: country: 'ZZ'"));
    assert_non_null(strstr(text, "deep.json:1: notes: warning: unknown key"));
    free(text);
    rs_diag_free(&d);

    /* A missing key is reported on the line of its enclosing object. */
    const char *missing = "\n\n{\"action\": \"a\",\n \"title\": \"t\"}";
    rs_diag_init(&d);
    assert_int_equal(rs_tor_from_json_text(missing, strlen(missing), "m.json", 1, &t, &d), -1);
    text = problems(&d);
    assert_non_null(strstr(text, "m.json:1: country: required"));
    free(text);
    rs_diag_free(&d);
}

static void test_read_file_errors(void **state)
{
    (void)state;
    rs_diag d;
    rs_diag_init(&d);
    rs_tor t;
    FILE *f = fopen("/dev/null", "w"); /* reading a write-only stream fails */
    assert_int_equal(rs_tor_read_file(f, "w.json", &t, &d), -1);
    fclose(f);
    char *text = problems(&d);
    assert_non_null(strstr(text, "w.json: read error"));
    free(text);
    rs_diag_free(&d);

    rs_diag_init(&d);
    f = tmpfile();
    for (int i = 0; i < (1 << 20) / 8 + 10; i++)
        fputs("        ", f);
    rewind(f);
    assert_int_equal(rs_tor_read_file(f, "big.json", &t, &d), -1);
    fclose(f);
    text = problems(&d);
    assert_non_null(strstr(text, "big.json: file too large for a ToR (over 1048576 bytes)"));
    free(text);
    rs_diag_free(&d);
}

static void test_batch_reader(void **state)
{
    (void)state;
    FILE *f = tmpfile();
    fputs("{" BASE "}\n"
          "\n"
          "   \n"
          "{\"action\":\"b\",\"title\":\"t\",\"country\":\"ZZ\"}\n"
          "{\"action\":\"c\",\"title\":\"t\",\"country\":\"BR\",\"team_size\":3}",
          f);
    rewind(f);
    rs_tor_reader *r = rs_tor_reader_new(f, "batch.jsonl");
    rs_diag d;
    rs_diag_init(&d);
    rs_tor t;
    assert_int_equal(rs_tor_reader_next(r, &t, &d), 1);
    assert_string_equal(t.action, "2019-27");
    assert_int_equal(t.line, 1);
    rs_tor_free(&t);
    assert_int_equal(rs_tor_reader_next(r, &t, &d), -1);
    char *text = problems(&d);
    assert_non_null(strstr(text, "batch.jsonl:4: country: 'ZZ' is not an ISO 3166-1"));
    free(text);
    assert_int_equal(rs_tor_reader_next(r, &t, &d), 1);
    assert_string_equal(t.action, "c");
    assert_int_equal(t.line, 5);
    assert_int_equal(t.team_size, 3);
    rs_tor_free(&t);
    assert_int_equal(rs_tor_reader_next(r, &t, &d), 0);
    assert_int_equal(rs_tor_reader_next(r, &t, &d), 0);
    rs_tor_reader_free(r);
    rs_tor_reader_free(NULL);
    fclose(f);
    rs_diag_free(&d);
}

/* A ToR pretty-printed over lines: every line is bad, and the first says
 * why, once. */
static void test_batch_reader_pretty(void **state)
{
    (void)state;
    FILE *f = tmpfile();
    fputs("{\n  \"action\": \"a\",\n  \"title\": \"t\"\n}\n  {  \n", f);
    rewind(f);
    rs_tor_reader *r = rs_tor_reader_new(f, "pretty.jsonl");
    rs_diag d;
    rs_diag_init(&d);
    rs_tor t;
    for (int line = 1; line <= 5; line++)
        assert_int_equal(rs_tor_reader_next(r, &t, &d), -1);
    assert_int_equal(rs_tor_reader_next(r, &t, &d), 0);
    char *text = problems(&d);
    const char *hint = "pretty.jsonl:1: each line must hold a whole ToR (JSON Lines), and this "
                       "one spreads a ToR over lines";
    assert_non_null(strstr(text, hint));
    size_t told = 0; /* once, not at line 5 again */
    for (const char *p = text; (p = strstr(p, "each line must hold")) != NULL; p++) told++;
    assert_int_equal(told, 1);
    assert_non_null(strstr(text, "pretty.jsonl:1: not valid JSON")); /* not :2: */
    assert_non_null(strstr(text, "pretty.jsonl:4: not valid JSON"));
    assert_null(strstr(text, "pretty.jsonl:6:"));
    free(text);
    rs_tor_reader_free(r);
    fclose(f);
    rs_diag_free(&d);
}

static void test_batch_reader_errors(void **state)
{
    (void)state;
    FILE *f = tmpfile();
    for (int i = 0; i < (1 << 20) / 8 + 10; i++)
        fputs("        ", f);
    fputs("\n{" BASE "}\n", f);
    rewind(f);
    rs_tor_reader *r = rs_tor_reader_new(f, "long.jsonl");
    rs_diag d;
    rs_diag_init(&d);
    rs_tor t;
    assert_int_equal(rs_tor_reader_next(r, &t, &d), -1);
    char *text = problems(&d);
    assert_non_null(strstr(text, "long.jsonl:1: line too long (over 1048576 bytes)"));
    free(text);
    assert_int_equal(rs_tor_reader_next(r, &t, &d), 1); /* and reading goes on */
    assert_int_equal(t.line, 2);
    rs_tor_free(&t);
    rs_tor_reader_free(r);
    fclose(f);
    rs_diag_free(&d);

    rs_diag_init(&d);
    f = fopen("/dev/null", "w");
    r = rs_tor_reader_new(f, NULL);
    assert_int_equal(rs_tor_reader_next(r, &t, &d), 0);
    text = problems(&d);
    assert_non_null(strstr(text, "<stdin>:1: read error"));
    free(text);
    rs_tor_reader_free(r);
    fclose(f);
    rs_diag_free(&d);
}

static void test_misspelt_keys_are_errors(void **state)
{
    (void)state;
    expect_problem(WITH("\"langauges\":[\"fr\"]"), BAD,
                   "tor.json:1: langauges: unknown key (did you mean 'languages'?)");
    expect_problem(WITH("\"teamsize\":3"), BAD, "teamsize: unknown key (did you mean 'team_size'?)");
    expect_problem(WITH("\"team size\":3"), BAD,
                   "team size: unknown key (did you mean 'team_size'?)");
    expect_problem(WITH("\"teamSize\":3"), BAD, "teamSize: unknown key (did you mean 'team_size'?)");
    expect_problem(WITH("\"Team-Size\":3"), BAD,
                   "Team-Size: unknown key (did you mean 'team_size'?)");
    expect_problem(WITH("\"feilds\":[\"E.10\"]"), BAD,
                   "feilds: unknown key (did you mean 'fields'?)");
    expect_problem(WITH("\"descripton\":\"x\""), BAD,
                   "descripton: unknown key (did you mean 'description'?)");
    expect_problem(RULE("\"maxSameNationality\":2"), BAD,
                   "rules.maxSameNationality: unknown rule (did you mean 'max_same_nationality'?)");
    expect_problem(WITH("\"languages\":[{\"code\":\"fr\",\"Level\":\"C1\"}]"), BAD,
                   "languages[0].Level: unknown key (did you mean 'level'?)");
    /* A key unlike any known one stays a warning: a ToR may carry notes. */
    expect_problem(WITH("\"budget\":1200"), OK, "budget: warning: unknown key, ignored");
}

static void test_control_characters_in_text(void **state)
{
    (void)state;
    expect_problem("{\"action\":\"2019-27\",\"title\":\"Pensions\\u001b]0;x\\u0007\","
                   "\"country\":\"SN\"}",
                   BAD, "title: control character U+001B at character 9 (not allowed in text)");
    expect_problem("{\"action\":\"2019\\n27\",\"title\":\"T\",\"country\":\"SN\"}", BAD,
                   "action: line break at character 5 (must be one line)");
    expect_problem(WITH("\"partner_institution\":\"Minist\\u202ery\""), BAD,
                   "partner_institution: bidirectional control U+202E at character 7");
    expect_problem(WITH("\"description\":\"Aims.\\n\\tResults.\\r\\nActivities.\""), OK, NULL);
    expect_problem(WITH("\"description\":\"Aims\\u009b2J\""), BAD,
                   "description: control character U+009B at character 5 (not allowed in text)");
}

static void test_dates_name_the_format(void **state)
{
    (void)state;
    expect_problem(WITH("\"from\":\"15/03/2027\",\"to\":\"2027-03-30\""), BAD,
                   "from: '15/03/2027' is not a date (expected YYYY-MM-DD or YYYY-MM)");
}

static void test_byte_order_mark(void **state)
{
    (void)state;
    expect_problem("\xEF\xBB\xBF{" BASE "}", OK, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_full_tor),
        cmocka_unit_test(test_not_an_object),
        cmocka_unit_test(test_required_and_text),
        cmocka_unit_test(test_country),
        cmocka_unit_test(test_exclude_list_without_partner_warns),
        cmocka_unit_test(test_country_codes_and_names),
        cmocka_unit_test(test_unknown_keys),
        cmocka_unit_test(test_assistance_type),
        cmocka_unit_test(test_codes),
        cmocka_unit_test(test_languages),
        cmocka_unit_test(test_team_size_and_window),
        cmocka_unit_test(test_rules),
        cmocka_unit_test(test_all_problems_reported),
        cmocka_unit_test(test_line_numbers),
        cmocka_unit_test(test_read_file_errors),
        cmocka_unit_test(test_batch_reader),
        cmocka_unit_test(test_batch_reader_pretty),
        cmocka_unit_test(test_batch_reader_errors),
        cmocka_unit_test(test_misspelt_keys_are_errors),
        cmocka_unit_test(test_control_characters_in_text),
        cmocka_unit_test(test_dates_name_the_format),
        cmocka_unit_test(test_byte_order_mark),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
