/*
 * Candidate scoring: each part with its reasons, the weighted total, the
 * load count, and the per-expert hard rules (admit.h), which leave out the
 * missions of the ToR's own action.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>

#include "matcher/admit.h"
#include "matcher/score.h"
#include "matcher/weights.h"
#include "matcher_fixture.h"

#define W rs_weights_table
#define EPS 1e-12
#define BASE "\"action\":\"A\",\"title\":\"T\",\"country\":\"SN\""

static int has_why(const rs_score *s, const char *why)
{
    for (size_t i = 0; i < s->n_why; i++)
        if (strcmp(s->why[i], why) == 0)
            return 1;
    fprintf(stderr, "no reason \"%s\" among:\n", why);
    for (size_t i = 0; i < s->n_why; i++)
        fprintf(stderr, "  %s\n", s->why[i]);
    return 0;
}

/* Score e against a ToR given as JSON, at reference day `ref`. */
static rs_score score(const char *tor_json, const rs_expert *e, double text, int32_t ref)
{
    rs_tor t = fx_tor(tor_json);
    rs_score s;
    assert_int_equal(rs_score_expert(&t, e, text, ref, 1, &s), 0);
    rs_tor_free(&t);
    return s;
}

static void test_code_similarity(void **state)
{
    (void)state;
    assert_true(rs_field_similarity("E.10", "E.10") == W.field_exact);
    assert_true(rs_field_similarity("E.10", "E.10.01") == W.field_one_level);
    assert_true(rs_field_similarity("E.10.01", "E.10") == W.field_one_level);
    assert_true(rs_field_similarity("E", "E.10.01") == W.field_two_levels);
    assert_true(rs_field_similarity("E.10.01", "E") == W.field_two_levels);
    assert_true(rs_field_similarity("E.10", "E.20") == W.field_same_letter);
    assert_true(rs_field_similarity("E.10.01", "E.20.01") == W.field_same_letter);
    assert_true(rs_field_similarity("E.10", "A.10") == 0.0);
    assert_true(rs_competence_similarity("2", "2") == W.competence_exact);
    assert_true(rs_competence_similarity("2", "2.1") == W.competence_one_level);
    assert_true(rs_competence_similarity("2.1", "2") == W.competence_one_level);
    assert_true(rs_competence_similarity("2.1", "2.3") == 0.0);
    assert_true(rs_competence_similarity("X", "2") == 0.0);
    /* Order: exact > parent/child > two levels > same letter. */
    assert_true(W.field_exact > W.field_one_level && W.field_one_level > W.field_two_levels &&
                W.field_two_levels > W.field_same_letter && W.field_same_letter > 0);

    rs_expert e = fx_expert("e", "FR", "", 'F', 0, "E.20,E.10.01", "");
    const char *held;
    assert_true(rs_best_field("E.10", &e, &held) == W.field_one_level);
    assert_string_equal(held, "E.10.01");
    assert_true(rs_best_field("A.20", &e, &held) == 0.0);
    assert_null(held);
    assert_true(rs_best_competence("2", &e, NULL) == 0.0);
    rs_expert_free(&e);
}

/* "near" names the nearest common ancestor of the two codes, not their
 * letter: F.15.05 and F.15.04 share F.15. */
static void test_near_names_common_ancestor(void **state)
{
    (void)state;
    rs_expert e = fx_expert("e", "FR", "", 'F', 0, "F.15.04", "");
    rs_score s = score("{" BASE ",\"fields\":[\"F.15.05\",\"F.20\"]}", &e, 0, 0);
    assert_true(has_why(&s, "F.15.05 near F.15.04 (same F.15)"));
    assert_true(has_why(&s, "F.20 near F.15.04 (same F)"));
    rs_score_free(&s);
    rs_expert_free(&e);
}

static void test_fields_part(void **state)
{
    (void)state;
    rs_expert e = fx_expert("e", "FR", "", 'F', 0, "E.10.01,E.20,A", "");
    rs_score s = score("{" BASE ",\"fields\":[\"E.10\",\"U\",\"E.20\",\"E.30\",\"A.20.15\"]}", &e, 0, 0);
    double want = (W.field_one_level + 0 + W.field_exact + W.field_same_letter +
                   W.field_two_levels) / 5;
    assert_true(fabs(s.parts[RS_PART_FIELDS] - want) < EPS);
    assert_true(has_why(&s, "E.10 matches E.10.01"));
    assert_true(has_why(&s, "E.20 exact match"));
    assert_true(has_why(&s, "E.30 near E.10.01 (same E)"));
    assert_true(has_why(&s, "A.20.15 matches A"));
    assert_true(s.applicable & 1u << RS_PART_FIELDS);
    rs_score_free(&s);

    s = score("{" BASE "}", &e, 0, 0); /* no fields asked: the part is left out */
    assert_true(s.parts[RS_PART_FIELDS] == 0.0);
    assert_false(s.applicable & 1u << RS_PART_FIELDS);
    rs_score_free(&s);
    rs_expert_free(&e);
}

static void test_competences_part(void **state)
{
    (void)state;
    rs_expert e = fx_expert("e", "FR", "", 'F', 0, "", "2.1,8");
    rs_score s = score("{" BASE ",\"competences\":[\"2\",\"8\",\"5\"]}", &e, 0, 0);
    assert_true(fabs(s.parts[RS_PART_COMPETENCES] - (W.competence_one_level + 1.0) / 3) < EPS);
    assert_true(has_why(&s, "competence 2 matches 2.1"));
    assert_true(has_why(&s, "competence 8 exact match"));
    rs_score_free(&s);
    rs_expert_free(&e);
}

static void test_language_part(void **state)
{
    (void)state;
    assert_true(rs_language_credit(RS_CEFR_B2, RS_CEFR_C1) == 1.0);
    assert_true(rs_language_credit(RS_CEFR_B2, RS_CEFR_B2) == 1.0);
    assert_true(rs_language_credit(RS_CEFR_B2, RS_CEFR_B1) == W.language_one_below);
    assert_true(rs_language_credit(RS_CEFR_B2, RS_CEFR_A2) == W.language_two_below);
    assert_true(rs_language_credit(RS_CEFR_B2, RS_CEFR_A1) == 0.0);
    assert_true(rs_language_credit(RS_CEFR_A1, RS_CEFR_NONE) == 0.0);
    assert_true(rs_language_credit(RS_CEFR_C2, RS_CEFR_NATIVE) == 1.0);

    rs_expert e = fx_expert("e", "FR", "fr:C1,pt:B1,es:A2,ar:native,pt:A1", 'F', 0, "", "");
    assert_int_equal(rs_expert_level(&e, "pt"), RS_CEFR_B1); /* the best of two entries */
    assert_int_equal(rs_expert_level(&e, "de"), RS_CEFR_NONE);
    rs_score s = score("{" BASE ",\"languages\":[\"fr\",\"pt\",\"es\",\"de\","
                       "{\"code\":\"ar\",\"level\":\"C2\"}]}", &e, 0, 0);
    double want = (1.0 + W.language_one_below + W.language_two_below + 0 + 1.0) / 5;
    assert_true(fabs(s.parts[RS_PART_LANGUAGE] - want) < EPS);
    assert_true(has_why(&s, "fr C1 \u2265 B2"));
    assert_true(has_why(&s, "pt B1 < B2"));
    assert_true(has_why(&s, "es A2 < B2"));
    assert_true(has_why(&s, "no de (B2 asked)"));
    assert_true(has_why(&s, "ar native \u2265 C2"));
    rs_score_free(&s);
    rs_expert_free(&e);
}

static void test_text_part(void **state)
{
    (void)state;
    rs_expert e = fx_expert("e", "FR", "", 'F', 0, "", "");
    rs_score s = score("{" BASE "}", &e, 0.8, 0);
    assert_true(s.parts[RS_PART_TEXT] == 0.8);
    assert_true(has_why(&s, "CV text matches the ToR (0.80)"));
    rs_score_free(&s);
    s = score("{" BASE "}", &e, 1.5, 0);
    assert_true(s.parts[RS_PART_TEXT] == 1.0);
    rs_score_free(&s);
    s = score("{" BASE "}", &e, -0.5, 0);
    assert_true(s.parts[RS_PART_TEXT] == 0.0);
    rs_score_free(&s);
    s = score("{" BASE "}", &e, NAN, 0);
    assert_true(s.parts[RS_PART_TEXT] == 0.0);
    for (size_t i = 0; i < s.n_why; i++) /* no text reason at 0 */
        assert_null(strstr(s.why[i], "CV text"));
    rs_score_free(&s);
    rs_expert_free(&e);
}

static void test_sector_part(void **state)
{
    (void)state;
    static const struct {
        rs_sector status;
        const char *why;
    } cases[] = {
        {RS_SECTOR_PUBLIC, "public sector"},
        {RS_SECTOR_RETIRED_PUBLIC, "retired public servant"},
        {RS_SECTOR_MANDATED_BODY, "mandated body"},
        {RS_SECTOR_SOCIAL_PARTNER, "social partner"},
        {RS_SECTOR_ACADEMIC, "academic"},
        {RS_SECTOR_PRIVATE, "private sector"},
        {RS_SECTOR_INTERNATIONAL_ORG, "international organisation"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        rs_expert e = fx_expert("e", "FR", "", 'F', cases[i].status, "", "");
        rs_score s = score("{" BASE "}", &e, 0, 0);
        assert_true(s.parts[RS_PART_SECTOR] == W.sector[cases[i].status]);
        assert_true(has_why(&s, cases[i].why));
        rs_score_free(&s);
        rs_expert_free(&e);
    }
    assert_true(W.sector[RS_SECTOR_PUBLIC] > W.sector[RS_SECTOR_PRIVATE]);
    assert_true(rs_status_is_public(RS_SECTOR_MANDATED_BODY));
    assert_false(rs_status_is_public(RS_SECTOR_ACADEMIC));

    rs_expert none = fx_expert("e", "FR", "", 'F', RS_SECTOR_NONE, "", "");
    rs_score s = score("{" BASE "}", &none, 0, 0);
    assert_true(s.parts[RS_PART_SECTOR] == 0.0);
    rs_score_free(&s);
    none.status = (rs_sector)99; /* not a status: no credit, no crash */
    s = score("{" BASE "}", &none, 0, 0);
    assert_true(s.parts[RS_PART_SECTOR] == 0.0);
    rs_score_free(&s);
    /* prefer_public off: the part is not counted and says nothing. */
    rs_expert pub = fx_expert("e", "FR", "", 'F', RS_SECTOR_PUBLIC, "", "");
    s = score("{" BASE ",\"rules\":{\"prefer_public\":false}}", &pub, 0, 0);
    assert_true(s.parts[RS_PART_SECTOR] == 0.0);
    assert_false(s.applicable & 1u << RS_PART_SECTOR);
    for (size_t i = 0; i < s.n_why; i++)
        assert_null(strstr(s.why[i], "public"));
    rs_score_free(&s);
    rs_expert_free(&none);
    rs_expert_free(&pub);
}

static void test_region_part(void **state)
{
    (void)state;
    assert_string_equal(rs_language_area("SN"), "fr");
    assert_string_equal(rs_language_area("BR"), "pt");
    assert_string_equal(rs_language_area("RW"), "en"); /* rw,en,fr: the first lingua franca */
    assert_string_equal(rs_language_area("MA"), "ar");
    assert_null(rs_language_area("FR"));              /* not a partner country */

    rs_expert e = fx_expert("e", "FR", "", 'F', 0, "", "");
    rs_score s = score("{" BASE "}", &e, 0, 0);
    assert_true(s.parts[RS_PART_REGION] == 0.0);
    rs_score_free(&s);

    fx_mission(&e, "HT", "2020-01-01", "2020-01-10", 5); /* fr area, Caribbean */
    s = score("{" BASE "}", &e, 0, 0);
    assert_true(s.parts[RS_PART_REGION] == W.region_language);
    assert_true(has_why(&s, "1 mission in the same language area (fr)"));
    rs_score_free(&s);

    fx_mission(&e, "ML", "2020-02-01", "2020-02-10", 5); /* Africa */
    fx_mission(&e, "AO", "2020-03-01", "2020-03-10", 5); /* Africa */
    s = score("{" BASE "}", &e, 0, 0);
    assert_true(s.parts[RS_PART_REGION] == W.region_region);
    assert_true(has_why(&s, "2 missions in the same region (Africa)"));
    rs_score_free(&s);

    fx_mission(&e, "SN", "2020-04-01", "2020-04-10", 5);
    fx_mission(&e, "SN", "2021-04-01", "2021-04-10", 5);
    s = score("{" BASE "}", &e, 0, 0);
    assert_true(s.parts[RS_PART_REGION] == W.region_country);
    assert_true(has_why(&s, "2 missions in Senegal"));
    rs_score_free(&s);

    /* A ToR country outside the partner list: only the same country counts. */
    s = score("{\"action\":\"A\",\"title\":\"T\",\"country\":\"FR\"}", &e, 0, 0);
    assert_true(s.parts[RS_PART_REGION] == 0.0);
    rs_score_free(&s);
    e.missions[0].country[0] = '\0'; /* a mission without a country is skipped */
    s = score("{\"action\":\"A\",\"title\":\"T\",\"country\":\"ML\"}", &e, 0, 0);
    assert_true(has_why(&s, "1 mission in Mali"));
    rs_score_free(&s);
    rs_expert_free(&e);
}

static void test_load(void **state)
{
    (void)state;
    int32_t ref = fx_day("2027-01-01");
    rs_expert e = fx_expert("e", "FR", "", 'F', 0, "", "");
    assert_int_equal(rs_load_days(&e, ref), 0);
    rs_score s = score("{" BASE "}", &e, 0, ref);
    assert_true(s.parts[RS_PART_LOAD] == 1.0);
    assert_true(has_why(&s, "no mission days in last 12 months"));
    rs_score_free(&s);

    /* Missions that started in the 12 calendar months before January 2027. */
    fx_mission(&e, "SN", "2026-06-01", "2026-06-10", 8);     /* inside: 8 */
    assert_int_equal(rs_load_days(&e, ref), 8);
    fx_mission(&e, "SN", "2025-12-22", "2026-01-10", 10);    /* started before: out */
    assert_int_equal(rs_load_days(&e, ref), 8);
    fx_mission(&e, "SN", "2026-01-01", "2026-01-12", 10);    /* first month of the window */
    assert_int_equal(rs_load_days(&e, ref), 18);
    fx_mission(&e, "SN", "2026-03-01", "2026-03-07", 0);     /* no count: 7 calendar days */
    assert_int_equal(rs_load_days(&e, ref), 25);
    fx_mission(&e, "SN", "2024-01-01", "2024-01-31", 20);    /* before the window */
    fx_mission(&e, "SN", "2027-01-01", "2027-01-31", 20);    /* in the reference month */
    assert_int_equal(rs_load_days(&e, ref), 25);
    fx_mission(&e, "SN", "2026-12-31", "2026-12-20", 0);     /* reversed: one day */
    assert_int_equal(rs_load_days(&e, ref), 26);
    fx_mission(&e, "SN", "2026-12-01", "2026-12-01", 0);
    e.missions[e.n_missions - 1].when.to = RS_DATE_OPEN;     /* open, no count: one day */
    assert_int_equal(rs_load_days(&e, ref), 27);
    fx_mission(&e, "SN", "2026-12-02", "2026-12-30", 25);
    assert_int_equal(rs_load_days(&e, fx_day("2027-01-31")), 52); /* any day of the month */
    assert_int_equal(rs_load_days(&e, ref), 52);
    s = score("{" BASE "}", &e, 0, ref);
    assert_true(fabs(s.parts[RS_PART_LOAD] - 1.0 / (1.0 + 52 / W.load_half_days)) < EPS);
    assert_int_equal(s.load_days, 52);
    assert_true(has_why(&s, "52 mission days in last 12 months"));
    rs_score_free(&s);
    rs_expert_free(&e);

    rs_expert one = fx_expert("e", "FR", "", 'F', 0, "", "");
    fx_mission(&one, "SN", "2026-06-01", "2026-06-01", 1);
    s = score("{" BASE "}", &one, 0, ref);
    assert_true(has_why(&s, "1 mission day in last 12 months"));
    rs_score_free(&s);
    rs_expert_free(&one);
}

static void test_total(void **state)
{
    (void)state;
    rs_expert e = fx_expert("e", "SN", "fr:C1", 'F', RS_SECTOR_PUBLIC, "E.10", "2");
    rs_score s = score("{" BASE ",\"fields\":[\"E.10\"],\"competences\":[\"2\"],"
                       "\"languages\":[\"fr\"]}", &e, 0.5, 0);
    double sum = W.part[RS_PART_FIELDS] + W.part[RS_PART_COMPETENCES] +
                 W.part[RS_PART_TEXT] * 0.5 + W.part[RS_PART_LANGUAGE] +
                 W.part[RS_PART_SECTOR] + W.part[RS_PART_LOAD];
    double weight = 0;
    for (int p = 0; p < RS_N_PARTS; p++)
        weight += W.part[p];
    assert_true(fabs(weight - 1.0) < EPS); /* the table's weights add up to one */
    assert_true(fabs(s.total - sum / weight) < EPS);
    rs_score_free(&s);

    /* Only text, region and load apply: their weighted mean. */
    s = score("{" BASE ",\"languages\":[],\"rules\":{\"prefer_public\":false}}", &e, 0.5, 0);
    double w = W.part[RS_PART_TEXT] + W.part[RS_PART_REGION] + W.part[RS_PART_LOAD];
    assert_true(fabs(s.total - (W.part[RS_PART_TEXT] * 0.5 + W.part[RS_PART_LOAD]) / w) < EPS);
    rs_score_free(&s);

    /* Without reasons. */
    rs_tor t = fx_tor("{" BASE ",\"fields\":[\"E.10\"]}");
    assert_int_equal(rs_score_expert(&t, &e, 0.5, 0, 0, &s), 0);
    assert_int_equal(s.n_why, 0);
    assert_null(s.why);
    rs_score_free(&s);
    rs_score_free(NULL);
    rs_tor_free(&t);
    rs_expert_free(&e);
    for (int p = 0; p < RS_N_PARTS; p++)
        assert_non_null(rs_part_names[p]);
    assert_string_equal(rs_part_names[RS_PART_REGION], "region");
}

/* A score made for a ToR and made again for a relaxation of it (other
 * languages, window or rules) is the relaxed ToR's own score, to the bit. */
static void test_relaxed(void **state)
{
    (void)state;
    static const char *const base =
        "{" BASE ",\"fields\":[\"E.10\",\"F\"],\"competences\":[\"2\"],\"text\":\"pensions\","
        "\"languages\":[";
#define FR_EN "{\"code\":\"fr\",\"level\":\"C1\"},{\"code\":\"en\",\"level\":\"B2\"}]"
    static const char *const relaxations[] = {
        FR_EN "}",
        "{\"code\":\"fr\",\"level\":\"B1\"},{\"code\":\"en\",\"level\":\"B2\"}]}",
        "{\"code\":\"en\",\"level\":\"B2\"}]}",
        "]}",
        FR_EN ",\"rules\":{\"max_same_nationality\":2,\"min_nationalities\":1,"
        "\"max_load_days\":90,\"available\":false,\"min_eu_members\":0}}",
        FR_EN ",\"team_size\":1}",
    };
    rs_expert experts[3] = {
        fx_expert("a", "SN", "fr:C2,en:B1", 'F', RS_SECTOR_PUBLIC, "E.10.01", "2.1"),
        fx_expert("b", "FR,BE", "en:A2", 'M', RS_SECTOR_PRIVATE, "F", ""),
        fx_expert("c", "PT", "", 'F', RS_SECTOR_NONE, "", "2"),
    };
    fx_mission(&experts[0], "SN", "2026-06-01", "2026-06-20", 15);
    fx_mission(&experts[1], "ML", "2026-11-02", "2026-11-30", 20);
    fx_mission(&experts[2], "BR", "2026-12-01", "2027-01-15", 0);
    int32_t ref = fx_day("2027-01-01"), refs[] = {ref, fx_day("2026-12-04"), fx_day("2027-03-01")};
    char json[1024];
    snprintf(json, sizeof json, "%s%s", base, relaxations[0]);
    rs_tor t = fx_tor(json);
    for (size_t x = 0; x < sizeof relaxations / sizeof *relaxations; x++) {
        snprintf(json, sizeof json, "%s%s", base, relaxations[x]);
        rs_tor relaxed = fx_tor(json);
        for (size_t k = 0; k < sizeof experts / sizeof *experts; k++)
            for (size_t d = 0; d < sizeof refs / sizeof *refs; d++) {
                rs_score want, got;
                assert_int_equal(rs_score_expert(&relaxed, &experts[k], 0.3, refs[d], 0, &want), 0);
                assert_int_equal(rs_score_expert(&t, &experts[k], 0.3, ref, 0, &got), 0);
                rs_score_relaxed(&relaxed, &experts[k], refs[d], &got);
                assert_memory_equal(got.parts, want.parts, sizeof want.parts);
                assert_memory_equal(&got.total, &want.total, sizeof want.total);
                assert_int_equal(got.applicable, want.applicable);
                assert_int_equal(got.load_days, want.load_days);
                assert_int_equal(got.n_why, 0);
            }
        rs_tor_free(&relaxed);
    }
    rs_tor_free(&t);
    for (size_t k = 0; k < sizeof experts / sizeof *experts; k++)
        rs_expert_free(&experts[k]);
#undef FR_EN
}

/* ---- per-expert hard rules ---- */

static void test_admit(void **state)
{
    (void)state;
    rs_tor t = fx_tor("{" BASE ",\"from\":\"2027-03-10\",\"to\":\"2027-03-20\","
                      "\"rules\":{\"exclude\":[\"x\"],\"exclude_nationalities\":[\"SN\"],"
                      "\"max_load_days\":10}}");
    int32_t ref = rs_tor_reference_day(&t, 0);
    rs_expert ok = fx_expert("ok", "FR", "", 'F', 0, "", "");
    fx_unavailable(&ok, "2027-03-01", "2027-03-09"); /* ends the day before */
    fx_unavailable(&ok, "2027-03-21", "2027-03-30"); /* starts the day after */
    assert_int_equal(rs_admit_expert(&t, &ok, ref), RS_ADMIT_OK);
    assert_true(rs_expert_available(&ok, t.from, t.to));

    rs_expert x = fx_expert("x", "SN", "", 'F', 0, "", "");
    assert_int_equal(rs_admit_expert(&t, &x, ref), RS_ADMIT_EXCLUDED); /* exclude comes first */
    rs_expert dual = fx_expert("d", "FR,SN", "", 'F', 0, "", "");
    assert_int_equal(rs_admit_expert(&t, &dual, ref), RS_ADMIT_NATIONALITY);
    assert_string_equal(rs_expert_excluded_nationality(&t.rules, &dual), "SN");
    assert_null(rs_expert_excluded_nationality(&t.rules, &ok));
    rs_expert away = fx_expert("a", "FR", "", 'F', 0, "", "");
    fx_unavailable(&away, "2027-03-20", "2027-03-20"); /* the last day is enough */
    assert_int_equal(rs_admit_expert(&t, &away, ref), RS_ADMIT_UNAVAILABLE);
    rs_expert busy = fx_expert("b", "FR", "", 'F', 0, "", "");
    fx_mission(&busy, "SN", "2027-01-01", "2027-01-11", 11);
    assert_int_equal(rs_admit_expert(&t, &busy, ref), RS_ADMIT_LOAD);
    busy.missions[0].days = 10; /* at the limit is allowed */
    assert_int_equal(rs_admit_expert(&t, &busy, ref), RS_ADMIT_OK);

    assert_string_equal(rs_admit_rule(RS_ADMIT_OK), "");
    assert_string_equal(rs_admit_rule(RS_ADMIT_EXCLUDED), "exclude");
    assert_string_equal(rs_admit_rule(RS_ADMIT_NATIONALITY), "exclude_nationalities");
    assert_string_equal(rs_admit_rule(RS_ADMIT_UNAVAILABLE), "available");
    assert_string_equal(rs_admit_rule(RS_ADMIT_LOAD), "max_load_days");
    assert_string_equal(rs_admit_rule(RS_N_ADMIT), "");
    rs_tor_free(&t);

    /* Rules off: availability without a window or with available false. */
    t = fx_tor("{" BASE ",\"from\":\"2027-03-10\",\"to\":\"2027-03-20\","
               "\"rules\":{\"available\":false}}");
    assert_int_equal(rs_admit_expert(&t, &away, ref), RS_ADMIT_OK);
    rs_tor_free(&t);
    t = fx_tor("{" BASE "}");
    assert_int_equal(rs_admit_expert(&t, &away, ref), RS_ADMIT_OK);
    assert_int_equal(rs_admit_expert(&t, &busy, ref), RS_ADMIT_OK); /* no load limit */
    rs_tor_free(&t);

    char *ids[] = {"a", "b"};
    assert_true(rs_id_listed(ids, 2, "b"));
    assert_false(rs_id_listed(ids, 2, "c"));
    assert_false(rs_id_listed(NULL, 0, "c"));
    rs_expert_free(&ok);
    rs_expert_free(&x);
    rs_expert_free(&dual);
    rs_expert_free(&away);
    rs_expert_free(&busy);
}

/* The team sent for a request: its missions of the ToR's own action are
 * taken out of the experts the ToR judges, one equal mission and one equal
 * period each, and nothing else. */
static void test_own_missions(void **state)
{
    (void)state;
    rs_tor t = fx_tor("{" BASE ",\"from\":\"2027-03-10\",\"to\":\"2027-03-20\","
                      "\"rules\":{\"max_load_days\":5}}");
    int32_t ref = rs_tor_reference_day(&t, 0);
    rs_period window = {t.from, t.to};
    char id[] = "sent";
    assert_int_equal(rs_tor_add_own(&t, id, "SN", window, 9), 0);
    id[0] = 'X'; /* the ToR keeps its own copy */
    assert_int_equal(t.n_own, 1);
    assert_string_equal(t.own[0].expert_id, "sent");

    /* As the store merges it: a mission and the period of its window. */
    rs_expert sent = fx_expert("sent", "FR", "", 'F', 0, "", "");
    fx_mission(&sent, "SN", "2026-06-01", "2026-06-03", 3);  /* another action's */
    fx_mission(&sent, "SN", "2027-03-10", "2027-03-20", 9);
    fx_unavailable(&sent, "2027-03-10", "2027-03-20");
    assert_int_equal(rs_admit_expert(&t, &sent, ref), RS_ADMIT_UNAVAILABLE);
    rs_expert_drop_own(&sent, &t);
    assert_int_equal(sent.n_missions, 1);
    assert_int_equal(sent.missions[0].days, 3);
    assert_int_equal(sent.n_unavailable, 0);
    assert_int_equal(rs_admit_expert(&t, &sent, ref), RS_ADMIT_OK);
    rs_expert_drop_own(&sent, &t); /* nothing more to take */
    assert_int_equal(sent.n_missions, 1);

    /* The CV's own period over the same days stays: one copy goes. */
    rs_expert twice = fx_expert("sent", "FR", "", 'F', 0, "", "");
    fx_unavailable(&twice, "2027-03-10", "2027-03-20");
    fx_mission(&twice, "SN", "2027-03-10", "2027-03-20", 9);
    fx_unavailable(&twice, "2027-03-10", "2027-03-20");
    rs_expert_drop_own(&twice, &t);
    assert_int_equal(twice.n_missions, 0);
    assert_int_equal(twice.n_unavailable, 1);
    assert_int_equal(rs_admit_expert(&t, &twice, ref), RS_ADMIT_UNAVAILABLE);

    /* No equal mission (a lead's, other days, an index behind the store):
     * nothing goes, not even a period over the window. */
    rs_expert other = fx_expert("sent", "FR", "", 'F', 0, "", "");
    fx_mission(&other, "SN", "2027-03-10", "2027-03-20", 9);
    other.missions[0].lead = 1;
    fx_mission(&other, "SN", "2027-03-10", "2027-03-20", 8);
    fx_mission(&other, "ML", "2027-03-10", "2027-03-20", 9);
    fx_unavailable(&other, "2027-03-10", "2027-03-20");
    rs_expert_drop_own(&other, &t);
    assert_int_equal(other.n_missions, 3);
    assert_int_equal(other.n_unavailable, 1);

    /* Another expert on the same mission is not of the team. */
    rs_expert stranger = fx_expert("stranger", "FR", "", 'F', 0, "", "");
    fx_mission(&stranger, "SN", "2027-03-10", "2027-03-20", 9);
    fx_unavailable(&stranger, "2027-03-10", "2027-03-20");
    rs_expert_drop_own(&stranger, &t);
    assert_int_equal(stranger.n_missions, 1);
    assert_int_equal(rs_admit_expert(&t, &stranger, ref), RS_ADMIT_UNAVAILABLE);

    /* Its load either: a mission of the action in the load window (the
     * request stored again later) no longer counts. */
    rs_expert loaded = fx_expert("sent", "FR", "", 'F', 0, "", "");
    fx_mission(&loaded, "SN", "2027-02-01", "2027-02-09", 9);
    rs_tor later = fx_tor("{" BASE ",\"from\":\"2027-03-10\",\"to\":\"2027-03-20\","
                          "\"rules\":{\"max_load_days\":5}}");
    assert_int_equal(rs_admit_expert(&later, &loaded, ref), RS_ADMIT_LOAD);
    assert_int_equal(rs_tor_add_own(&later, "sent", "SN",
                                     (rs_period){fx_day("2027-02-01"), fx_day("2027-02-09")}, 9),
                     0);
    rs_expert_drop_own(&loaded, &later);
    assert_int_equal(rs_load_days(&loaded, ref), 0);
    assert_int_equal(rs_admit_expert(&later, &loaded, ref), RS_ADMIT_OK);

    rs_tor_free(&later);
    rs_tor_free(&t);
    assert_int_equal(t.n_own, 0);
    rs_expert_free(&sent);
    rs_expert_free(&twice);
    rs_expert_free(&other);
    rs_expert_free(&stranger);
    rs_expert_free(&loaded);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_code_similarity),
        cmocka_unit_test(test_fields_part),
        cmocka_unit_test(test_near_names_common_ancestor),
        cmocka_unit_test(test_competences_part),
        cmocka_unit_test(test_language_part),
        cmocka_unit_test(test_text_part),
        cmocka_unit_test(test_sector_part),
        cmocka_unit_test(test_region_part),
        cmocka_unit_test(test_load),
        cmocka_unit_test(test_total),
        cmocka_unit_test(test_relaxed),
        cmocka_unit_test(test_admit),
        cmocka_unit_test(test_own_missions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
