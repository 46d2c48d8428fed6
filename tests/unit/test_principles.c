/*
 * The facility's principles as the ToR's defaults (formats.md section 2):
 * the partner country's own nationals excluded, at least one EU national
 * per team (min_eu_members), and working languages inferred from the
 * description's language and the country's official languages when the
 * ToR gives none. Also the pieces they rest on: telling a text's language
 * and the official-languages table.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

#include "core/officiallang.h"
#include "core/taxonomy.h"
#include "core/textlang.h"
#include "matcher/check.h"
#include "matcher/match.h"
#include "matcher/worklang.h"
#include "matcher_fixture.h"

#define TODAY "2027-01-10"
#define ES_TEXT "El Ministerio de Trabajo quiere mejorar la inspección del trabajo y los " \
                "servicios de empleo para los jóvenes de las regiones."
#define EN_TEXT "The Ministry wants to improve the labour inspection and the employment " \
                "services for young people in the regions."
#define FR_TEXT "Le ministère veut améliorer l'inspection du travail et les services de " \
                "l'emploi pour les jeunes dans les régions."
#define PT_TEXT "O Ministério quer melhorar a inspeção do trabalho e os serviços de emprego " \
                "para os jovens das regiões, com uma nova estratégia."

/* ---- the language of a text ---- */

static void assert_language(const char *text, const char *want)
{
    char got[3];
    int rc = rs_text_language(text, strlen(text), got);
    assert_int_equal(rc, *want ? 1 : 0);
    assert_string_equal(got, want);
}

static void test_text_language(void **state)
{
    (void)state;
    assert_language(ES_TEXT, "es");
    assert_language(EN_TEXT, "en");
    assert_language(FR_TEXT, "fr");
    assert_language(PT_TEXT, "pt");
    /* Too little to tell, or two languages as much as each other. */
    assert_language("Labour inspection manual", "");
    assert_language("", "");
    assert_language("The ministry and the unions. Le ministère et les syndicats.", "");
    /* Invalid UTF-8 is not a text. */
    char got[3];
    assert_int_equal(rs_text_language("the and the \xff", 15, got), -1);
    assert_string_equal(got, "");
}

/* ---- official languages ---- */

static void test_official_languages_cover_partners_and_eu(void **state)
{
    (void)state;
    const rs_taxonomy *t = rs_taxonomy_get();
    for (size_t i = 0; i < rs_taxonomy_n_partners(t); i++) {
        const char *iso2 = rs_taxonomy_partner_at(t, i)->iso2;
        if (!rs_official_languages(iso2))
            fail_msg("no official languages for partner %s", iso2);
    }
    static const char *const eu[] = {"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES",
                                     "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU",
                                     "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"};
    for (size_t i = 0; i < sizeof eu / sizeof *eu; i++)
        assert_non_null(rs_official_languages(eu[i]));
    assert_string_equal(rs_official_languages("PE"), "es,qu,ay");
    assert_string_equal(rs_official_languages("SN"), "fr");
    assert_null(rs_official_languages("US"));
    assert_null(rs_official_languages(NULL));
}

/* ---- ToR defaults ---- */

static rs_tor tor_with(const char *country, const char *description, const char *extra)
{
    char json[2048];
    snprintf(json, sizeof json,
             "{\"action\":\"T-1\",\"title\":\"Apoyo\",\"country\":\"%s\","
             "\"description\":\"%s\"%s}",
             country, description, extra);
    return fx_tor(json);
}

static void assert_inferred(const char *country, const char *description, const char *code,
                            rs_languages_basis basis)
{
    rs_tor t = tor_with(country, description, "");
    assert_int_equal(t.languages_basis, basis);
    assert_int_equal(t.n_languages, 1);
    assert_string_equal(t.languages[0].code, code);
    assert_int_equal(t.languages[0].level, RS_CEFR_B2);
    rs_tor_free(&t);
}

static void test_bare_tor_defaults(void **state)
{
    (void)state;
    rs_tor t = tor_with("PE", ES_TEXT, "");
    assert_int_equal(t.rules.n_exclude_nationalities, 1);
    assert_string_equal(t.rules.exclude_nationalities[0], "PE");
    assert_int_equal(t.rules.min_eu_members, 1);
    assert_string_equal(t.text_language, "es");
    char basis[256];
    rs_tor_languages_basis_text(&t, basis, sizeof basis);
    assert_string_equal(basis, "the description is in es, a language of PE");
    rs_tor_free(&t);

    /* [] allows the partner's nationals; 0 EU members may be asked. */
    t = tor_with("PE", ES_TEXT, ",\"rules\":{\"exclude_nationalities\":[],\"min_eu_members\":0}");
    assert_int_equal(t.rules.n_exclude_nationalities, 0);
    assert_int_equal(t.rules.min_eu_members, 0);
    rs_tor_free(&t);
    /* A list replaces the default: the partner's nationals are then allowed. */
    t = tor_with("PE", ES_TEXT, ",\"rules\":{\"exclude_nationalities\":[\"BO\"]}");
    assert_int_equal(t.rules.n_exclude_nationalities, 1);
    assert_string_equal(t.rules.exclude_nationalities[0], "BO");
    rs_tor_free(&t);
    /* Given languages are kept, an empty list too. */
    t = tor_with("PE", ES_TEXT, ",\"languages\":[\"en\"]");
    assert_int_equal(t.languages_basis, RS_LANGUAGES_GIVEN);
    assert_int_equal(t.n_languages, 1);
    assert_string_equal(t.languages[0].code, "en");
    rs_tor_free(&t);
    t = tor_with("PE", ES_TEXT, ",\"languages\":[]");
    assert_int_equal(t.languages_basis, RS_LANGUAGES_GIVEN);
    assert_int_equal(t.n_languages, 0);
    rs_tor_free(&t);
}

static void test_languages_inferred(void **state)
{
    (void)state;
    /* The description's language when the country speaks it. */
    assert_inferred("PE", ES_TEXT, "es", RS_LANGUAGES_FROM_TEXT);
    assert_inferred("SN", FR_TEXT, "fr", RS_LANGUAGES_FROM_TEXT);
    assert_inferred("CV", PT_TEXT, "pt", RS_LANGUAGES_FROM_TEXT);
    assert_inferred("TZ", EN_TEXT, "en", RS_LANGUAGES_FROM_TEXT);
    /* French is Mauritania's working language beside Arabic. */
    assert_inferred("MR", FR_TEXT, "fr", RS_LANGUAGES_FROM_TEXT);
    /* Otherwise the partner's working language: the team must speak with
     * the partner whatever language the request was drafted in. */
    assert_inferred("PE", EN_TEXT, "es", RS_LANGUAGES_FROM_COUNTRY);
    assert_inferred("SN", EN_TEXT, "fr", RS_LANGUAGES_FROM_COUNTRY);
    assert_inferred("BR", FR_TEXT, "pt", RS_LANGUAGES_FROM_COUNTRY);
    assert_inferred("TJ", EN_TEXT, "ru", RS_LANGUAGES_FROM_COUNTRY);
    assert_inferred("KE", FR_TEXT, "en", RS_LANGUAGES_FROM_COUNTRY);
    assert_inferred("PE", "Apoyo", "es", RS_LANGUAGES_FROM_COUNTRY);
    /* A country without known languages: the description's. */
    assert_inferred("US", FR_TEXT, "fr", RS_LANGUAGES_TEXT_ONLY);
    rs_tor t = tor_with("US", "Apoyo", "");
    assert_int_equal(t.languages_basis, RS_LANGUAGES_UNKNOWN);
    assert_int_equal(t.n_languages, 0);
    char basis[256];
    rs_tor_languages_basis_text(&t, basis, sizeof basis);
    assert_string_equal(basis, "no clear language in the description and none known for US");
    rs_tor_free(&t);
    /* What each basis says. */
    t = tor_with("SN", EN_TEXT, "");
    rs_tor_languages_basis_text(&t, basis, sizeof basis);
    assert_string_equal(basis, "the working language of SN; the description is in en");
    rs_tor_free(&t);
    t = tor_with("US", FR_TEXT, "");
    rs_tor_languages_basis_text(&t, basis, sizeof basis);
    assert_string_equal(basis, "the description is in fr; no languages known for US");
    rs_tor_free(&t);
    /* a draft's ToR may have no country: the sentence says so */
    t = tor_with("US", FR_TEXT, "");
    t.country[0] = '\0';
    rs_tor_languages_basis_text(&t, basis, sizeof basis);
    assert_string_equal(basis, "the description is in fr; no partner country found");
    rs_tor_free(&t);
    t = tor_with("US", "Apoyo", "");
    t.country[0] = '\0';
    rs_tor_languages_basis_text(&t, basis, sizeof basis);
    assert_string_equal(basis, "no clear language in the description and no partner country "
                               "found");
    rs_tor_free(&t);
}

static void expect_basis(const char *country, const char *text, const char *want)
{
    rs_tor t = tor_with(country, text, "");
    char basis[256];
    rs_tor_languages_basis_text(&t, basis, sizeof basis);
    assert_string_equal(basis, want);
    rs_tor_free(&t);
}

/* The facility works with the Maghreb in French though Arabic is official;
 * Arabic or Russian only where the country uses none of en/fr/es/pt. The
 * basis says "a language of" only of an official language. */
static void test_languages_inferred_facility_first(void **state)
{
    (void)state;
    assert_inferred("MA", EN_TEXT, "fr", RS_LANGUAGES_FROM_COUNTRY);
    assert_inferred("TN", EN_TEXT, "fr", RS_LANGUAGES_FROM_COUNTRY);
    assert_inferred("DZ", EN_TEXT, "fr", RS_LANGUAGES_FROM_COUNTRY);
    assert_inferred("MR", EN_TEXT, "fr", RS_LANGUAGES_FROM_COUNTRY);
    assert_inferred("MA", FR_TEXT, "fr", RS_LANGUAGES_FROM_TEXT);
    assert_inferred("MD", EN_TEXT, "ru", RS_LANGUAGES_FROM_COUNTRY);
    assert_inferred("YE", EN_TEXT, "ar", RS_LANGUAGES_FROM_COUNTRY);
    assert_inferred("UA", EN_TEXT, "en", RS_LANGUAGES_FROM_TEXT);
    expect_basis("UA", EN_TEXT, "the description is in en, a working language with UA");
    expect_basis("MA", FR_TEXT, "the description is in fr, a working language with MA");
    expect_basis("MA", EN_TEXT, "the working language with MA; the description is in en");
    expect_basis("TZ", EN_TEXT, "the description is in en, a language of TZ");
}

static void test_min_eu_members_read(void **state)
{
    (void)state;
    const char *bad[] = {
        "{\"action\":\"A\",\"title\":\"T\",\"country\":\"SN\",\"rules\":{\"min_eu_members\":3}}",
        "{\"action\":\"A\",\"title\":\"T\",\"country\":\"SN\",\"rules\":{\"min_eu_members\":-1}}",
        "{\"action\":\"A\",\"title\":\"T\",\"country\":\"SN\",\"rules\":{\"min_eu_members\":\"1\"}}",
    };
    const char *why[] = {"3 is more than team_size (2)", "must be between 0 and 6, not -1",
                         "must be an integer"};
    for (size_t i = 0; i < 3; i++) {
        rs_diag d;
        rs_diag_init(&d);
        rs_tor t;
        assert_int_equal(rs_tor_from_json_text(bad[i], strlen(bad[i]), "tor.json", 1, &t, &d), -1);
        assert_true(d.n_errors >= 1);
        assert_string_equal(d.items[0].field, "rules.min_eu_members");
        assert_string_equal(d.items[0].message, why[i]);
        rs_diag_free(&d);
    }
}

/* ---- the team: match and check ---- */

typedef struct {
    rs_expert e[16];
    const rs_expert *p[16];
    double text[16];
    size_t n;
} roster;

static rs_expert *add(roster *r, rs_expert e, double text)
{
    r->e[r->n] = e;
    r->text[r->n] = text;
    r->n++;
    for (size_t i = 0; i < r->n; i++)
        r->p[i] = &r->e[i];
    return &r->e[r->n - 1];
}

static void roster_free(roster *r)
{
    for (size_t i = 0; i < r->n; i++)
        rs_expert_free(&r->e[i]);
}

static void match(const rs_tor *t, roster *r, rs_match_result *out)
{
    rs_match_options o;
    rs_match_options_default(&o);
    o.today = fx_day(TODAY);
    assert_int_equal(rs_match(t, r->p, r->text, r->n, &o, out), 0);
}

static const char *member_id(const rs_match_result *m, size_t team, size_t seat)
{
    return m->candidates[m->teams[team].team.members[seat]].expert->id;
}

static int team_has(const rs_match_result *m, size_t team, const char *id)
{
    for (size_t s = 0; s < m->teams[team].team.n; s++)
        if (strcmp(member_id(m, team, s), id) == 0)
            return 1;
    return 0;
}

static int has_remedy(const rs_match_result *m, const char *text)
{
    for (size_t i = 0; m->infeasible && i < m->infeasible->n_remedies; i++)
        if (strcmp(m->infeasible->remedies[i], text) == 0)
            return 1;
    return 0;
}

/* A bare ToR for Peru in Spanish: the best candidates by far are a
 * Peruvian official and a Greek expert who speaks only Greek and English.
 * No team seats the Peruvian; every team has a Spanish speaker and an EU
 * national; a team of one is a Spanish-speaking EU national. */
static void test_bare_peru_request(void **state)
{
    (void)state;
    roster r = {0};
    add(&r, fx_expert("PE1", "PE", "es:native", 'F', RS_SECTOR_PUBLIC, "A.20", ""), 1.0);
    add(&r, fx_expert("GR1", "GR", "el:native,en:C1", 'M', RS_SECTOR_PUBLIC, "A.20", ""), 1.0);
    add(&r, fx_expert("CL1", "CL", "es:native", 'M', RS_SECTOR_PUBLIC, "A.20", ""), 0.9);
    add(&r, fx_expert("AR1", "AR", "es:native", 'F', RS_SECTOR_PUBLIC, "A.20", ""), 0.9);
    add(&r, fx_expert("IT1", "IT", "it:native,en:B2", 'F', RS_SECTOR_PUBLIC, "A.20", ""), 0.3);
    add(&r, fx_expert("ES1", "ES", "es:native", 'M', RS_SECTOR_PRIVATE, "", ""), 0.1);
    rs_tor t = tor_with("PE", ES_TEXT, "");
    rs_match_result m;
    match(&t, &r, &m);
    assert_int_equal(rs_match_outcome(&m), RS_OUTCOME_DONE);
    assert_true(m.n_teams > 0);
    for (size_t k = 0; k < m.n_teams; k++) {
        assert_false(team_has(&m, k, "PE1"));
        int spanish = 0, eu = 0;
        for (size_t s = 0; s < m.teams[k].team.n; s++) {
            const rs_expert *e = m.candidates[m.teams[k].team.members[s]].expert;
            spanish |= rs_expert_level(e, "es") >= RS_CEFR_B2;
            eu |= rs_country_is_eu(e->nationalities[0]);
        }
        assert_true(spanish);
        assert_true(eu);
        assert_int_equal(rs_verdicts_outcome(&m.teams[k].rules) == RS_OUTCOME_FAILED, 0);
    }
    /* The Peruvian is turned away by the default exclude_nationalities. */
    assert_int_equal(m.candidates[m.n_candidates - 1].admit, RS_ADMIT_NATIONALITY);
    rs_match_result_free(&m);
    rs_tor_free(&t);

    t = tor_with("PE", ES_TEXT, ",\"team_size\":1");
    match(&t, &r, &m);
    assert_true(m.n_teams > 0);
    for (size_t k = 0; k < m.n_teams; k++)
        assert_string_equal(member_id(&m, k, 0), "ES1");
    rs_match_result_free(&m);
    rs_tor_free(&t);
    roster_free(&r);
}

/* The best team by score has no EU national; min_eu_members changes it. */
static void test_top_team_has_an_eu_national(void **state)
{
    (void)state;
    roster r = {0};
    add(&r, fx_expert("SN1", "SN", "fr:native", 'F', RS_SECTOR_PUBLIC, "E.10", ""), 1.0);
    add(&r, fx_expert("MA1", "MA", "fr:C2", 'M', RS_SECTOR_PUBLIC, "E.10", ""), 1.0);
    add(&r, fx_expert("BE1", "BE", "fr:native", 'M', RS_SECTOR_PUBLIC, "E.10", ""), 0.2);
    add(&r, fx_expert("DUAL", "TN,FR", "fr:C1", 'F', RS_SECTOR_PUBLIC, "E.10", ""), 0.1);
    rs_tor t = fx_tor("{\"action\":\"A\",\"title\":\"T\",\"country\":\"BJ\","
                      "\"fields\":[\"E.10\"],\"languages\":[\"fr\"]}");
    rs_match_result m;
    match(&t, &r, &m);
    assert_true(m.n_teams > 0);
    for (size_t k = 0; k < m.n_teams; k++)
        assert_true(team_has(&m, k, "BE1") || team_has(&m, k, "DUAL"));
    assert_false(team_has(&m, 0, "SN1") && team_has(&m, 0, "MA1"));
    rs_match_result_free(&m);
    rs_tor_free(&t);

    /* min_eu_members 0: the two non-EU experts are the best team. */
    t = fx_tor("{\"action\":\"A\",\"title\":\"T\",\"country\":\"BJ\",\"fields\":[\"E.10\"],"
               "\"languages\":[\"fr\"],\"rules\":{\"min_eu_members\":0}}");
    match(&t, &r, &m);
    assert_true(team_has(&m, 0, "SN1") && team_has(&m, 0, "MA1"));
    rs_match_result_free(&m);
    rs_tor_free(&t);

    /* Two EU members: the dual national counts through FR. */
    t = fx_tor("{\"action\":\"A\",\"title\":\"T\",\"country\":\"BJ\",\"fields\":[\"E.10\"],"
               "\"languages\":[\"fr\"],\"rules\":{\"min_eu_members\":2}}");
    match(&t, &r, &m);
    assert_int_equal(m.n_teams, 1);
    assert_true(team_has(&m, 0, "BE1") && team_has(&m, 0, "DUAL"));
    rs_match_result_free(&m);
    rs_tor_free(&t);
    roster_free(&r);
}

static void test_check_min_eu_members(void **state)
{
    (void)state;
    rs_expert a = fx_expert("a", "SN", "fr:C1", 'F', RS_SECTOR_PUBLIC, "", "");
    rs_expert b = fx_expert("b", "MA", "fr:C1", 'M', RS_SECTOR_PUBLIC, "", "");
    rs_expert c = fx_expert("c", "TN,FR", "fr:C1", 'M', RS_SECTOR_PUBLIC, "", "");
    rs_tor t = fx_tor("{\"action\":\"A\",\"title\":\"T\",\"country\":\"BJ\"}");
    rs_verdicts v;
    const rs_expert *non_eu[] = {&a, &b};
    assert_int_equal(rs_check_team(&t, non_eu, 2, NULL, fx_day(TODAY), &v), 0);
    int seen = 0;
    for (size_t i = 0; i < v.n; i++)
        if (strcmp(v.items[i].rule, "min_eu_members") == 0) {
            seen = 1;
            assert_int_equal(v.items[i].status, RS_FAIL);
            assert_string_equal(v.items[i].detail, "0 EU nationals, 1 needed");
        } else if (strcmp(v.items[i].rule, "languages_covered") == 0) {
            assert_string_equal(v.items[i].detail,
                                "fr C1 by a; fr B2 inferred: the working language of BJ");
        }
    assert_true(seen);
    assert_int_equal(rs_verdicts_outcome(&v), RS_OUTCOME_FAILED);
    rs_verdicts_free(&v);

    const rs_expert *dual[] = {&a, &c};
    assert_int_equal(rs_check_team(&t, dual, 2, NULL, fx_day(TODAY), &v), 0);
    for (size_t i = 0; i < v.n; i++)
        if (strcmp(v.items[i].rule, "min_eu_members") == 0) {
            assert_int_equal(v.items[i].status, RS_PASS);
            assert_string_equal(v.items[i].detail, "c (FR): 1 EU national, 1 needed");
        }
    rs_verdicts_free(&v);
    rs_tor_free(&t);
    rs_expert_free(&a);
    rs_expert_free(&b);
    rs_expert_free(&c);
}

/* When min_eu_members binds, the remedies say so, with team_size. */
static void test_infeasible_min_eu_members(void **state)
{
    (void)state;
    roster r = {0};
    add(&r, fx_expert("SN1", "SN", "fr:native", 'F', RS_SECTOR_PUBLIC, "", ""), 0.5);
    add(&r, fx_expert("MA1", "MA", "fr:C2", 'M', RS_SECTOR_PUBLIC, "", ""), 0.5);
    rs_tor t = fx_tor("{\"action\":\"A\",\"title\":\"T\",\"country\":\"BJ\","
                      "\"languages\":[\"fr\"]}");
    rs_match_result m;
    match(&t, &r, &m);
    assert_int_equal(rs_match_outcome(&m), RS_OUTCOME_NO_TEAM);
    assert_string_equal(m.infeasible->rule, "min_eu_members");
    assert_string_equal(m.infeasible->detail,
                        "0 candidates the per-expert rules admit hold an EU nationality, 1 needed");
    assert_true(has_remedy(&m, "relax min_eu_members to 0"));
    rs_match_result_free(&m);
    rs_tor_free(&t);

    /* One EU national for two EU seats: fewer EU members, or a team of one. */
    add(&r, fx_expert("BE1", "BE", "fr:native", 'M', RS_SECTOR_PUBLIC, "", ""), 0.1);
    t = fx_tor("{\"action\":\"A\",\"title\":\"T\",\"country\":\"BJ\",\"languages\":[\"fr\"],"
               "\"rules\":{\"min_eu_members\":2}}");
    match(&t, &r, &m);
    assert_int_equal(rs_match_outcome(&m), RS_OUTCOME_NO_TEAM);
    assert_string_equal(m.infeasible->rule, "min_eu_members");
    assert_true(has_remedy(&m, "relax min_eu_members to 1"));
    assert_true(has_remedy(&m, "reduce team_size to 1"));
    rs_match_result_free(&m);
    rs_tor_free(&t);
    roster_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_language),
        cmocka_unit_test(test_official_languages_cover_partners_and_eu),
        cmocka_unit_test(test_bare_tor_defaults),
        cmocka_unit_test(test_languages_inferred),
        cmocka_unit_test(test_languages_inferred_facility_first),
        cmocka_unit_test(test_min_eu_members_read),
        cmocka_unit_test(test_bare_peru_request),
        cmocka_unit_test(test_top_team_has_an_eu_national),
        cmocka_unit_test(test_check_min_eu_members),
        cmocka_unit_test(test_infeasible_min_eu_members),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
