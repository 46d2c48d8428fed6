/*
 * The match pipeline: admission, shortlist, pool, teams with verdicts,
 * alternates, every infeasibility path with its remedies, and the JSON and
 * text outputs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>

#include "matcher/match.h"
#include "matcher_fixture.h"

#define TODAY "2027-01-10"

typedef struct {
    rs_expert e[16];
    const rs_expert *p[16];
    double text[16];
    size_t n;
} roster;

static rs_expert *add(roster *r, rs_expert e)
{
    r->e[r->n] = e;
    r->text[r->n] = 0.0;
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

static rs_match_options options(void)
{
    rs_match_options o;
    rs_match_options_default(&o);
    o.today = fx_day(TODAY);
    return o;
}

static void match(const rs_tor *t, roster *r, rs_match_result *out)
{
    rs_match_options o = options();
    assert_int_equal(rs_match(t, r->p, r->text, r->n, &o, out), 0);
}

static int has_remedy(const rs_match_result *m, const char *text)
{
    for (size_t i = 0; m->infeasible && i < m->infeasible->n_remedies; i++)
        if (strcmp(m->infeasible->remedies[i], text) == 0)
            return 1;
    return 0;
}

static void print_remedies(const rs_match_result *m)
{
    if (!m->infeasible)
        return;
    fprintf(stderr, "rule %s: %s\n", m->infeasible->rule, m->infeasible->detail);
    for (size_t i = 0; i < m->infeasible->n_remedies; i++)
        fprintf(stderr, "  - %s\n", m->infeasible->remedies[i]);
}

#define BASE "\"action\":\"2027-01\",\"title\":\"Pensions\",\"country\":\"BR\""

/* ---- a feasible match ---- */

static void test_match_shortlist_teams_alternates(void **state)
{
    (void)state;
    roster r = {0};
    rs_expert *a = add(&r, fx_expert("A", "PT", "pt:native,en:C1", 'F', RS_SECTOR_PUBLIC,
                                     "E.10.01", "2"));
    fx_mission(a, "BR", "2026-05-01", "2026-05-10", 8);
    add(&r, fx_expert("B", "ES", "pt:B2,es:native", 'M', RS_SECTOR_RETIRED_PUBLIC, "E.10", "1"));
    add(&r, fx_expert("C", "FR", "fr:native,pt:A2", 'M', RS_SECTOR_PRIVATE, "A.20", ""));
    add(&r, fx_expert("D", "PT", "pt:C1", 'M', RS_SECTOR_PUBLIC, "E.10", "2"));
    add(&r, fx_expert("X", "IT", "pt:C2", 'F', RS_SECTOR_PUBLIC, "E.10", "2")); /* excluded */
    add(&r, fx_expert("A", "DE", "", 'F', 0, "", "")); /* same id again: ignored */
    r.text[0] = 0.8;
    r.text[1] = 0.6;
    rs_tor t = fx_tor("{" BASE ",\"fields\":[\"E.10\"],\"competences\":[\"2\"],"
                      "\"languages\":[{\"code\":\"pt\"}],\"from\":\"2027-03-01\",\"to\":\"2027-03-20\","
                      "\"rules\":{\"exclude\":[\"X\"]}}");
    rs_match_result m;
    match(&t, &r, &m);
    /* Experts judged: a repeated id counts once. */
    assert_int_equal(m.considered, 5);
    assert_int_equal(m.n_candidates, 5);
    assert_int_equal(m.n_admitted, 4);
    assert_int_equal(m.n_shortlist, 4);
    assert_string_equal(m.candidates[0].expert->id, "A");
    assert_string_equal(m.candidates[4].expert->id, "X");
    assert_int_equal(m.candidates[4].admit, RS_ADMIT_EXCLUDED);
    for (size_t i = 1; i < m.n_admitted; i++)
        assert_true(m.candidates[i - 1].score.total >= m.candidates[i].score.total);
    assert_int_equal(rs_match_outcome(&m), RS_OUTCOME_DONE);
    assert_null(m.infeasible);
    assert_true(m.n_teams >= 1 && m.n_teams <= 3);
    /* A and D are both Portuguese: never together with max_same 1. */
    for (size_t k = 0; k < m.n_teams; k++) {
        const rs_team *team = &m.teams[k].team;
        assert_int_equal(team->n, 2);
        assert_string_not_equal(team->nationalities[0], team->nationalities[1]);
        assert_int_equal(rs_verdicts_outcome(&m.teams[k].rules) == RS_OUTCOME_FAILED, 0);
    }
    const rs_team *best = &m.teams[0].team;
    assert_string_equal(m.candidates[best->members[0]].expert->id, "A");
    assert_string_equal(m.candidates[best->members[1]].expert->id, "B");
    assert_int_equal(m.n_alternates, 2);
    /* A's best stand-in keeps a woman-free but valid team; B's cannot be D (PT). */
    assert_true(m.alternates[1] != RS_TEAM_NONE);
    assert_string_not_equal(m.candidates[m.alternates[1]].expert->id, "D");

    json_t *j = rs_match_to_json(&m);
    assert_non_null(j);
    assert_string_equal(json_string_value(json_object_get(j, "action")), "2027-01");
    assert_int_equal(json_integer_value(json_object_get(j, "candidates_considered")), 5);
    json_t *first = json_array_get(json_object_get(j, "shortlist"), 0);
    assert_string_equal(json_string_value(json_object_get(first, "id")), "A");
    assert_non_null(json_object_get(json_object_get(first, "parts"), "region"));
    assert_true(json_array_size(json_object_get(first, "why")) > 0);
    json_t *team = json_array_get(json_object_get(j, "teams"), 0);
    assert_string_equal(json_string_value(json_array_get(json_object_get(team, "members"), 0)), "A");
    assert_string_equal(
        json_string_value(json_array_get(json_object_get(json_object_get(team, "coverage"), "fields"), 0)),
        "E.10");
    assert_int_equal(json_array_size(json_object_get(json_object_get(team, "coverage"), "missing")), 0);
    assert_string_equal(json_string_value(json_array_get(json_object_get(team, "nationalities"), 0)), "PT");
    assert_int_equal(json_array_size(json_object_get(team, "rules")), 14);
    assert_int_equal(json_array_size(json_object_get(j, "alternates")), 2);
    assert_true(json_is_null(json_object_get(j, "infeasible")));
    json_decref(j);

    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    rs_match_print(f, &m);
    fclose(f);
    assert_non_null(strstr(text, "2027-01: Pensions (BR), team of 2"));
    assert_non_null(strstr(text, "1 turned away by exclude"));
    assert_non_null(strstr(text, "Shortlist"));
    assert_non_null(strstr(text, "1 mission in Brazil"));
    assert_non_null(strstr(text, "Teams"));
    assert_non_null(strstr(text, "fields covered: E.10; none missing"));
    assert_non_null(strstr(text, "Alternates for team 1"));
    free(text);

    rs_match_result_free(&m);
    rs_tor_free(&t);
    roster_free(&r);
}

static void test_match_text_details(void **state)
{
    (void)state;
    roster r = {0};
    rs_expert *a = add(&r, fx_expert("A", "FR", "", 'F', RS_SECTOR_PUBLIC, "E.10", ""));
    free(a->name);
    a->name = fx_strdup("Maria da Concei\xc3\xa7\xc3\xa3o \xc3\x89vora de Figueiredo");
    add(&r, fx_expert("B", "ES", "", 'M', RS_SECTOR_PUBLIC, "", ""));
    rs_tor t = fx_tor("{" BASE ",\"languages\":[]" ",\"fields\":[\"E.10\",\"U\"],\"rules\":{\"require\":[\"A\"]}}");
    rs_match_result m;
    match(&t, &r, &m);
    assert_int_equal(m.n_teams, 1);
    assert_int_equal(m.alternates[0], RS_TEAM_NONE); /* A is required */
    assert_int_equal(m.alternates[1], RS_TEAM_NONE); /* nobody else */
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    rs_match_print(f, &m);
    fclose(f);
    /* Cut to 24 columns on a character boundary, with an ellipsis. */
    assert_non_null(strstr(text, "Maria da Concei\xc3\xa7\xc3\xa3o \xc3\x89vor\xe2\x80\xa6"));
    assert_non_null(strstr(text, "fields covered: E.10; missing: U"));
    assert_non_null(strstr(text, "A -> none that keeps the rules"));
    free(text);
    json_t *j = rs_match_to_json(&m);
    assert_true(json_is_null(json_array_get(json_object_get(j, "alternates"), 0)));
    json_decref(j);
    rs_match_result_free(&m);
    rs_tor_free(&t);
    roster_free(&r);
}

static void test_match_shortlist_limit_and_no_text(void **state)
{
    (void)state;
    roster r = {0};
    add(&r, fx_expert("A", "FR", "", 'F', 0, "", ""));
    add(&r, fx_expert("B", "ES", "", 'M', 0, "", ""));
    add(&r, fx_expert("C", "PT", "", 'M', 0, "", ""));
    rs_tor t = fx_tor("{" BASE ",\"languages\":[]" "}");
    rs_match_options o = options();
    o.shortlist = 2;
    o.teams = 5;
    rs_match_result m;
    assert_int_equal(rs_match(&t, r.p, NULL, r.n, &o, &m), 0);
    assert_int_equal(m.n_shortlist, 2);
    assert_int_equal(m.n_teams, 3); /* only three pairs exist */
    rs_match_result_free(&m);
    o.teams = 0; /* a shortlist alone: no teams, and that is not infeasible */
    assert_int_equal(rs_match(&t, r.p, NULL, r.n, &o, &m), 0);
    assert_int_equal(m.n_teams, 0);
    assert_null(m.infeasible);
    assert_int_equal(rs_match_outcome(&m), RS_OUTCOME_DONE);
    rs_match_result_free(&m);
    rs_match_result_free(NULL);
    rs_tor_free(&t);
    roster_free(&r);
}

/* The pool keeps the one speaker of a rare language even when it holds
 * only the best `pool` candidates by score. */
static void test_pool_keeps_rare_language_and_nationality(void **state)
{
    (void)state;
    roster r = {0};
    for (int i = 0; i < 10; i++) {
        char id[16];
        snprintf(id, sizeof id, "F%d", i);
        add(&r, fx_expert(id, i % 2 ? "FR" : "ES", "fr:C2", 'M', RS_SECTOR_PUBLIC, "E.10", ""));
        r.text[r.n - 1] = 0.9;
    }
    add(&r, fx_expert("P", "SN", "pt:C1", 'F', RS_SECTOR_PRIVATE, "", ""));
    add(&r, fx_expert("M", "MA", "", 'F', RS_SECTOR_PRIVATE, "", "")); /* the only MA */
    rs_tor t = fx_tor("{" BASE ",\"fields\":[\"E.10\"],\"languages\":[{\"code\":\"pt\"}],"
                      "\"team_size\":3}");
    rs_match_options o = options();
    o.pool = 2;
    rs_match_result m;
    assert_int_equal(rs_match(&t, r.p, r.text, r.n, &o, &m), 0);
    assert_true(m.n_teams > 0);
    assert_int_equal(m.pool_size, 4); /* best two, the speaker (also SN), the best MA */
    int has_p = 0;
    for (size_t i = 0; i < m.teams[0].team.n; i++)
        has_p |= strcmp(m.candidates[m.teams[0].team.members[i]].expert->id, "P") == 0;
    assert_true(has_p);
    rs_match_result_free(&m);
    rs_tor_free(&t);
    roster_free(&r);
}

/* ---- infeasibility, one path each ---- */

static void test_infeasible_language_level(void **state)
{
    (void)state;
    roster r = {0};
    add(&r, fx_expert("A", "FR", "pt:B1,fr:C1", 'F', 0, "", ""));
    add(&r, fx_expert("B", "ES", "pt:A2", 'M', 0, "", ""));
    rs_tor t = fx_tor("{" BASE ",\"languages\":[{\"code\":\"pt\",\"level\":\"B2\"}]}");
    rs_match_result m;
    match(&t, &r, &m);
    print_remedies(&m);
    assert_int_equal(rs_match_outcome(&m), RS_OUTCOME_NO_TEAM);
    assert_int_equal(m.n_teams, 0);
    assert_string_equal(m.infeasible->rule, "languages_covered");
    assert_string_equal(m.infeasible->detail, "no candidate has pt at B2 or above");
    assert_true(has_remedy(&m, "lower pt to B1"));
    assert_int_equal(m.infeasible->n_remedies, 1);

    json_t *j = rs_match_to_json(&m);
    json_t *inf = json_object_get(j, "infeasible");
    assert_string_equal(json_string_value(json_object_get(inf, "rule")), "languages_covered");
    assert_string_equal(json_string_value(json_array_get(json_object_get(inf, "remedies"), 0)),
                        "lower pt to B1");
    assert_int_equal(json_array_size(json_object_get(j, "teams")), 0);
    json_decref(j);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    rs_match_print(f, &m);
    fclose(f);
    assert_non_null(strstr(text, "No team meets the hard rules."));
    assert_non_null(strstr(text, "    - lower pt to B1"));
    free(text);
    rs_match_result_free(&m);
    rs_tor_free(&t);
    roster_free(&r);
}

static void test_infeasible_language_speakers_cannot_team(void **state)
{
    (void)state;
    roster r = {0};
    add(&r, fx_expert("A", "FR", "pt:B2", 'F', 0, "", ""));
    add(&r, fx_expert("B", "FR", "fr:C1,pt:B1", 'M', 0, "", ""));
    add(&r, fx_expert("C", "ES", "", 'M', 0, "", ""));
    rs_tor t = fx_tor("{" BASE ",\"languages\":[\"pt\",{\"code\":\"fr\",\"level\":\"C1\"}]}");
    rs_match_result m;
    match(&t, &r, &m);
    print_remedies(&m);
    assert_string_equal(m.infeasible->rule, "languages_covered");
    assert_string_equal(m.infeasible->detail,
                        "the 1 candidate with pt at B2 cannot form a team under the other rules");
    assert_true(has_remedy(&m, "lower pt to B1"));
    rs_match_result_free(&m);
    rs_tor_free(&t);
    roster_free(&r);
}

static void test_infeasible_language_missing(void **state)
{
    (void)state;
    roster r = {0};
    add(&r, fx_expert("A", "FR", "fr:C1", 'F', 0, "", ""));
    add(&r, fx_expert("B", "ES", "es:C1", 'M', 0, "", ""));
    add(&r, fx_expert("C", "SN", "pt:C2", 'M', 0, "", "")); /* excluded by nationality */
    rs_tor t = fx_tor("{" BASE ",\"languages\":[{\"code\":\"pt\"}],"
                      "\"rules\":{\"exclude_nationalities\":[\"SN\"]}}");
    rs_match_result m;
    match(&t, &r, &m);
    print_remedies(&m);
    assert_string_equal(m.infeasible->rule, "languages_covered");
    assert_string_equal(m.infeasible->detail,
                        "no candidate has pt at B2 or above among those the per-expert rules "
                        "admit (1 more is turned away)");
    assert_true(has_remedy(&m, "drop the pt requirement"));
    assert_true(has_remedy(&m, "allow nationals of SN"));
    rs_match_result_free(&m);
    rs_tor_free(&t);
    roster_free(&r);
}

static void test_infeasible_nationalities(void **state)
{
    (void)state;
    roster r = {0};
    add(&r, fx_expert("A", "FR", "", 'F', 0, "", ""));
    add(&r, fx_expert("B", "FR", "", 'M', 0, "", ""));
    rs_tor t = fx_tor("{" BASE ",\"languages\":[]" "}");
    rs_match_result m;
    match(&t, &r, &m);
    print_remedies(&m);
    assert_string_equal(m.infeasible->rule, "min_nationalities");
    assert_string_equal(m.infeasible->detail, "the candidates hold 1 nationality (FR), 2 needed");
    assert_true(has_remedy(&m, "relax min_nationalities to 1 and relax max_same_nationality to 2"));
    assert_true(has_remedy(&m, "reduce team_size to 1"));
    rs_match_result_free(&m);
    rs_tor_free(&t);

    /* A team of three: two of one nationality are enough. */
    add(&r, fx_expert("C", "ES", "", 'M', 0, "", ""));
    t = fx_tor("{" BASE ",\"languages\":[]" ",\"team_size\":3}");
    match(&t, &r, &m);
    print_remedies(&m);
    assert_string_equal(m.infeasible->rule, "max_same_nationality");
    assert_string_equal(m.infeasible->detail,
                        "no team of 3 with at most 1 member per nationality meets the other rules");
    assert_true(has_remedy(&m, "relax max_same_nationality to 2"));
    rs_match_result_free(&m);
    rs_tor_free(&t);

    /* min_nationalities alone binds: the candidates hold too few. */
    t = fx_tor("{" BASE ",\"languages\":[]" ",\"team_size\":3,\"rules\":{\"min_nationalities\":3,"
               "\"max_same_nationality\":2}}");
    match(&t, &r, &m);
    print_remedies(&m);
    assert_string_equal(m.infeasible->rule, "min_nationalities");
    assert_string_equal(m.infeasible->detail, "the candidates hold 2 nationalities (ES, FR), 3 needed");
    assert_true(has_remedy(&m, "relax min_nationalities to 2"));
    rs_match_result_free(&m);
    rs_tor_free(&t);

    /* Three French for a team of three, at most two alike: only one
     * nationality with three alike works. */
    rs_tor three = fx_tor("{" BASE ",\"languages\":[]" ",\"team_size\":3,\"rules\":{\"min_nationalities\":3,"
                          "\"max_same_nationality\":2}}");
    roster fr = {0};
    add(&fr, fx_expert("A", "FR", "", 'F', 0, "", ""));
    add(&fr, fx_expert("B", "FR", "", 'M', 0, "", ""));
    add(&fr, fx_expert("C", "FR", "", 'M', 0, "", ""));
    match(&three, &fr, &m);
    print_remedies(&m);
    assert_true(has_remedy(&m, "relax min_nationalities to 1 and relax max_same_nationality to 3"));
    rs_match_result_free(&m);
    rs_tor_free(&three);
    /* Languages not a hard rule: no language remedy is offered. */
    three = fx_tor("{" BASE ",\"languages\":[\"pt\"],\"rules\":{\"languages_covered\":false}}");
    match(&three, &fr, &m);
    print_remedies(&m);
    assert_false(has_remedy(&m, "drop the pt requirement"));
    assert_true(has_remedy(&m, "relax min_nationalities to 1 and relax max_same_nationality to 2"));
    rs_match_result_free(&m);
    rs_tor_free(&three);
    roster_free(&fr);

    /* ... or enough are held, but the other rules keep them apart. */
    add(&r, fx_expert("D", "PT", "", 'M', 0, "", ""));
    t = fx_tor("{" BASE ",\"languages\":[]" ",\"team_size\":3,\"rules\":{\"min_nationalities\":3,"
               "\"max_same_nationality\":2,\"require\":[\"A\",\"B\"]}}");
    match(&t, &r, &m);
    print_remedies(&m);
    assert_string_equal(m.infeasible->rule, "min_nationalities");
    assert_string_equal(m.infeasible->detail,
                        "no team of 3 with 3 different nationalities meets the other rules");
    assert_true(has_remedy(&m, "relax min_nationalities to 2"));
    assert_true(has_remedy(&m, "drop required A"));
    rs_match_result_free(&m);
    rs_tor_free(&t);
    roster_free(&r);
}

static void test_infeasible_require(void **state)
{
    (void)state;
    roster r = {0};
    add(&r, fx_expert("A", "FR", "", 'F', 0, "", ""));
    add(&r, fx_expert("B", "ES", "", 'M', 0, "", ""));
    rs_expert *c = add(&r, fx_expert("C", "PT", "", 'M', 0, "", ""));
    fx_unavailable(c, "2027-03-01", "2027-03-31");
    rs_tor t = fx_tor("{" BASE ",\"languages\":[]" ",\"from\":\"2027-03-10\",\"to\":\"2027-03-20\","
                      "\"rules\":{\"require\":[\"C\"]}}");
    rs_match_result m;
    match(&t, &r, &m);
    print_remedies(&m);
    assert_string_equal(m.infeasible->rule, "require");
    assert_string_equal(m.infeasible->detail, "required C breaks rule available");
    assert_true(has_remedy(&m, "drop required C"));
    /* C is away all March: three weeks earlier is the nearest free window. */
    assert_true(has_remedy(&m, "move the window 3 weeks earlier, to 2027-02-17..2027-02-27"));
    rs_match_result_free(&m);
    rs_tor_free(&t);

    t = fx_tor("{" BASE ",\"languages\":[]" ",\"rules\":{\"require\":[\"nobody\"]}}");
    match(&t, &r, &m);
    assert_string_equal(m.infeasible->detail, "required nobody is not among the candidates");
    assert_true(has_remedy(&m, "drop required nobody"));
    rs_match_result_free(&m);
    rs_tor_free(&t);

    /* Required, admitted, but no team with both works and nothing else helps. */
    roster two = {0};
    add(&two, fx_expert("A", "FR", "", 'F', 0, "", ""));
    add(&two, fx_expert("B", "FR", "", 'M', 0, "", ""));
    add(&two, fx_expert("C", "ES", "pt:C1", 'M', 0, "", ""));
    t = fx_tor("{" BASE ",\"languages\":[\"pt\"],\"rules\":{\"require\":[\"A\",\"B\"]}}");
    match(&t, &two, &m);
    print_remedies(&m);
    assert_string_equal(m.infeasible->rule, "require");
    assert_string_equal(m.infeasible->detail,
                        "required A fits in no team that meets the other rules");
    assert_true(has_remedy(&m, "drop required A"));
    assert_true(has_remedy(&m, "drop required B"));
    rs_match_result_free(&m);
    rs_tor_free(&t);
    roster_free(&two);

    /* Required and admitted, but it cannot fit: both required are French. */
    add(&r, fx_expert("D", "FR", "", 'M', 0, "", ""));
    t = fx_tor("{" BASE ",\"languages\":[]" ",\"rules\":{\"require\":[\"A\",\"D\"]}}");
    match(&t, &r, &m);
    print_remedies(&m);
    assert_string_equal(m.infeasible->rule, "min_nationalities");
    assert_true(has_remedy(&m, "drop required A"));
    assert_true(has_remedy(&m, "drop required D"));
    rs_match_result_free(&m);
    rs_tor_free(&t);
    roster_free(&r);
}

static void test_infeasible_availability(void **state)
{
    (void)state;
    roster r = {0};
    add(&r, fx_expert("A", "FR", "", 'F', 0, "", ""));
    rs_expert *b = add(&r, fx_expert("B", "ES", "", 'M', 0, "", ""));
    fx_unavailable(b, "2027-01-01", "2027-12-31");
    rs_tor t = fx_tor("{" BASE ",\"languages\":[]" ",\"from\":\"2027-03-10\",\"to\":\"2027-03-20\"}");
    rs_match_result m;
    match(&t, &r, &m);
    print_remedies(&m);
    assert_string_equal(m.infeasible->rule, "available");
    assert_string_equal(m.infeasible->detail,
                        "1 of 2 candidates is unavailable between 2027-03-10 and 2027-03-20");
    assert_true(has_remedy(&m, "ignore availability"));
    assert_true(has_remedy(&m, "reduce team_size to 1"));
    rs_match_result_free(&m);
    rs_tor_free(&t);

    /* Away only until 25 March: moving the window is the smaller change. */
    r.e[1].unavailable[0].to = fx_day("2027-03-25");
    t = fx_tor("{" BASE ",\"languages\":[]" ",\"from\":\"2027-03-10\",\"to\":\"2027-03-20\"}");
    match(&t, &r, &m);
    print_remedies(&m);
    assert_true(has_remedy(&m, "move the window 3 weeks later, to 2027-03-31..2027-04-10"));
    assert_false(has_remedy(&m, "ignore availability"));
    rs_match_result_free(&m);
    rs_tor_free(&t);
    roster_free(&r);
}

static void test_infeasible_load(void **state)
{
    (void)state;
    roster r = {0};
    rs_expert *a = add(&r, fx_expert("A", "FR", "", 'F', 0, "", ""));
    rs_expert *b = add(&r, fx_expert("B", "ES", "", 'M', 0, "", ""));
    rs_expert *c = add(&r, fx_expert("C", "PT", "", 'M', 0, "", ""));
    fx_mission(a, "SN", "2026-06-01", "2026-06-30", 20);
    fx_mission(b, "SN", "2026-06-01", "2026-06-30", 40);
    fx_mission(c, "SN", "2026-06-01", "2026-06-30", 30);
    rs_tor t = fx_tor("{" BASE ",\"languages\":[]" ",\"rules\":{\"max_load_days\":10}}");
    rs_match_result m;
    match(&t, &r, &m);
    print_remedies(&m);
    assert_string_equal(m.infeasible->rule, "max_load_days");
    assert_string_equal(m.infeasible->detail,
                        "3 candidates have more than 10 mission days in the last 12 months");
    assert_true(has_remedy(&m, "relax max_load_days to 30")); /* the least that admits two */
    rs_match_result_free(&m);
    rs_tor_free(&t);
    roster_free(&r);
}

static void test_infeasible_exclude_nationalities(void **state)
{
    (void)state;
    roster r = {0};
    add(&r, fx_expert("A", "FR", "", 'F', 0, "", ""));
    add(&r, fx_expert("B", "ES,BR", "", 'M', 0, "", ""));
    rs_tor t = fx_tor("{" BASE ",\"languages\":[]" ",\"rules\":{\"exclude_nationalities\":[\"BR\"]}}");
    rs_match_result m;
    match(&t, &r, &m);
    print_remedies(&m);
    assert_string_equal(m.infeasible->rule, "exclude_nationalities");
    assert_string_equal(m.infeasible->detail, "1 candidate holds an excluded nationality");
    assert_true(has_remedy(&m, "allow nationals of BR"));
    assert_int_equal(m.candidates[1].admit, RS_ADMIT_NATIONALITY);
    rs_match_result_free(&m);
    rs_tor_free(&t);
    roster_free(&r);
}

static void test_infeasible_needs_two_changes(void **state)
{
    (void)state;
    roster r = {0};
    add(&r, fx_expert("A", "FR", "pt:B1", 'F', 0, "", ""));
    add(&r, fx_expert("B", "FR", "fr:C1", 'M', 0, "", ""));
    rs_tor t = fx_tor("{" BASE ",\"languages\":[{\"code\":\"pt\"}]}");
    rs_match_result m;
    match(&t, &r, &m);
    print_remedies(&m);
    assert_string_equal(m.infeasible->rule, "languages_covered");
    assert_string_equal(m.infeasible->detail,
                        "no candidate has pt at B2 or above; no single change is enough, two "
                        "together are");
    assert_true(has_remedy(&m, "lower pt to B1 and reduce team_size to 1"));
    rs_match_result_free(&m);
    rs_tor_free(&t);

    /* With every rule in play, the pairs try each; still only one works. */
    t = fx_tor("{" BASE ",\"languages\":[\"pt\"],\"from\":\"2027-03-01\",\"to\":\"2027-03-05\","
               "\"rules\":{\"require\":[\"A\"],\"max_load_days\":100,"
               "\"exclude_nationalities\":[\"ZA\"]}}");
    match(&t, &r, &m);
    print_remedies(&m);
    assert_int_equal(m.infeasible->n_remedies, 1);
    assert_true(has_remedy(&m, "lower pt to B1 and reduce team_size to 1"));
    rs_match_result_free(&m);
    rs_tor_free(&t);
    roster_free(&r);
}

static void test_infeasible_nothing_helps(void **state)
{
    (void)state;
    roster r = {0};
    rs_tor t = fx_tor("{" BASE ",\"languages\":[]" ",\"team_size\":3}");
    rs_match_result m;
    match(&t, &r, &m);
    print_remedies(&m);
    assert_string_equal(m.infeasible->rule, "team_size");
    assert_string_equal(m.infeasible->detail,
                        "only 0 candidates pass the per-expert rules; no team of 3 meets the "
                        "rules even with two of them relaxed");
    assert_int_equal(m.infeasible->n_remedies, 0);
    json_t *j = rs_match_to_json(&m);
    assert_int_equal(json_array_size(json_object_get(json_object_get(j, "infeasible"), "remedies")), 0);
    assert_int_equal(json_array_size(json_object_get(j, "shortlist")), 0);
    json_decref(j);
    rs_match_result_free(&m);
    rs_tor_free(&t);
}

static void test_infeasible_team_size(void **state)
{
    (void)state;
    roster r = {0};
    add(&r, fx_expert("A", "FR", "", 'F', 0, "", ""));
    rs_tor t = fx_tor("{" BASE ",\"languages\":[]" ",\"team_size\":2}");
    rs_match_result m;
    match(&t, &r, &m);
    print_remedies(&m);
    assert_string_equal(m.infeasible->rule, "team_size");
    assert_string_equal(m.infeasible->detail,
                        "only 1 candidate passes the per-expert rules; no team of 2 meets the rules");
    assert_true(has_remedy(&m, "reduce team_size to 1"));
    rs_match_result_free(&m);
    rs_tor_free(&t);
    roster_free(&r);
}

int main(void)
{
    setenv("ROSTER_TODAY", TODAY, 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_match_shortlist_teams_alternates),
        cmocka_unit_test(test_match_text_details),
        cmocka_unit_test(test_match_shortlist_limit_and_no_text),
        cmocka_unit_test(test_pool_keeps_rare_language_and_nationality),
        cmocka_unit_test(test_infeasible_language_level),
        cmocka_unit_test(test_infeasible_language_speakers_cannot_team),
        cmocka_unit_test(test_infeasible_language_missing),
        cmocka_unit_test(test_infeasible_nationalities),
        cmocka_unit_test(test_infeasible_require),
        cmocka_unit_test(test_infeasible_availability),
        cmocka_unit_test(test_infeasible_load),
        cmocka_unit_test(test_infeasible_exclude_nationalities),
        cmocka_unit_test(test_infeasible_needs_two_changes),
        cmocka_unit_test(test_infeasible_nothing_helps),
        cmocka_unit_test(test_infeasible_team_size),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
