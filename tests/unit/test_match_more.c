/*
 * rs_match with experts fetched for the hard rules (rs_more_fn): a team
 * made of experts the candidates given lack, remedies checked with the
 * experts each relaxed ToR would fetch, and an answer that says when the
 * fetch could not cover the roster.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

#include "matcher/admit.h"
#include "matcher/match.h"
#include "matcher_fixture.h"

#define TODAY "2027-01-10"
#define BASE "\"action\":\"2027-02\",\"title\":\"Social assistance\",\"country\":\"SN\""
#define MAX 8

/* A roster beyond the candidates: `more` hands out those of its experts
 * the ToR's per-expert rules admit, as an index would. */
typedef struct {
    rs_expert e[MAX];
    size_t n;
    const rs_expert *out[MAX];
    double text[MAX];
    int complete;
    int calls;
    int32_t today;
} roster;

static int more(const rs_tor *t, void *ctx, const rs_expert *const **experts,
                const double **text, size_t *n, int *complete)
{
    roster *r = ctx;
    r->calls++;
    *n = 0;
    for (size_t i = 0; i < r->n; i++)
        if (rs_admit_expert(t, &r->e[i], rs_tor_reference_day(t, r->today)) == RS_ADMIT_OK) {
            r->out[*n] = &r->e[i];
            r->text[(*n)++] = 0.0;
        }
    *experts = r->out;
    *text = r->text;
    *complete = r->complete;
    return 0;
}

static void roster_free(roster *r)
{
    for (size_t i = 0; i < r->n; i++)
        rs_expert_free(&r->e[i]);
}

typedef struct {
    rs_expert e[MAX];
    const rs_expert *p[MAX];
    double text[MAX];
    size_t n;
} given;

static void give(given *g, rs_expert e)
{
    g->e[g->n] = e;
    g->p[g->n] = &g->e[g->n];
    g->text[g->n++] = 0.9;
}

static void given_free(given *g)
{
    for (size_t i = 0; i < g->n; i++)
        rs_expert_free(&g->e[i]);
}

static void match(const rs_tor *t, given *g, roster *r, rs_match_result *out)
{
    rs_match_options o;
    rs_match_options_default(&o);
    o.today = fx_day(TODAY);
    o.more = more;
    o.more_ctx = r;
    r->today = o.today;
    assert_int_equal(rs_match(t, g->p, g->text, g->n, &o, out), 0);
}

static int has_remedy(const rs_match_result *m, const char *text)
{
    for (size_t i = 0; m->infeasible && i < m->infeasible->n_remedies; i++)
        if (strcmp(m->infeasible->remedies[i], text) == 0)
            return 1;
    return 0;
}

static int is_member(const rs_match_result *m, size_t k, const char *id)
{
    for (size_t i = 0; i < m->teams[k].team.n; i++)
        if (strcmp(m->candidates[m->teams[k].team.members[i]].expert->id, id) == 0)
            return 1;
    return 0;
}

/* The candidates hold no sw speaker; the roster does. */
static void test_team_from_the_roster(void **state)
{
    (void)state;
    given g = {0};
    give(&g, fx_expert("A", "FR", "fr:native,en:C1", 'F', RS_SECTOR_PUBLIC, "E.05", ""));
    give(&g, fx_expert("B", "BE", "fr:C1", 'M', RS_SECTOR_PUBLIC, "E.05", ""));
    roster r = {.complete = 1};
    r.e[r.n++] = fx_expert("S", "KE", "sw:C2", 'M', RS_SECTOR_PRIVATE, "S.05", "");
    r.e[r.n++] = fx_expert("A", "FR", "fr:native,en:C1", 'F', RS_SECTOR_PUBLIC, "E.05", "");
    rs_tor t = fx_tor("{" BASE ",\"fields\":[\"E.05\"],"
                      "\"languages\":[{\"code\":\"sw\",\"level\":\"C2\"}]}");
    rs_match_result m;
    match(&t, &g, &r, &m);
    assert_int_equal(rs_match_outcome(&m), RS_OUTCOME_DONE);
    assert_int_equal(r.calls, 1);
    /* A, B and S: A given and fetched counts once. */
    assert_int_equal(m.considered, 3);
    assert_true(m.n_teams >= 1);
    for (size_t k = 0; k < m.n_teams; k++)
        assert_true(is_member(&m, k, "S"));
    for (size_t i = 0; i < m.n_candidates; i++)
        assert_int_equal(m.candidates[i].by_rule, strcmp(m.candidates[i].expert->id, "S") == 0);
    json_t *j = rs_match_to_json(&m);
    assert_int_equal(json_integer_value(json_object_get(j, "candidates_considered")), 3);
    json_decref(j);
    rs_match_result_free(&m);
    rs_tor_free(&t);
    roster_free(&r);
    given_free(&g);
}

/* The pool giving a team, nothing is fetched. */
static void test_no_fetch_when_the_pool_suffices(void **state)
{
    (void)state;
    given g = {0};
    give(&g, fx_expert("A", "FR", "fr:native", 'F', RS_SECTOR_PUBLIC, "E.05", ""));
    give(&g, fx_expert("B", "BE", "fr:C1", 'M', RS_SECTOR_PUBLIC, "E.05", ""));
    roster r = {.complete = 1};
    rs_tor t = fx_tor("{" BASE ",\"languages\":[{\"code\":\"fr\",\"level\":\"C1\"}]}");
    rs_match_result m;
    match(&t, &g, &r, &m);
    assert_int_equal(rs_match_outcome(&m), RS_OUTCOME_DONE);
    assert_int_equal(r.calls, 0);
    assert_int_equal(m.considered, 2);
    rs_match_result_free(&m);
    rs_tor_free(&t);
    given_free(&g);
}

/* No team in the roster: the remedy that lets Kenyans in is found though
 * no Kenyan is among the candidates; it is checked with the experts the
 * relaxed ToR fetches. */
static void test_remedy_from_the_roster(void **state)
{
    (void)state;
    given g = {0};
    give(&g, fx_expert("A", "FR", "fr:native", 'F', RS_SECTOR_PUBLIC, "E.05", ""));
    give(&g, fx_expert("B", "BE", "fr:C1", 'M', RS_SECTOR_PUBLIC, "E.05", ""));
    roster r = {.complete = 1};
    r.e[r.n++] = fx_expert("S", "KE", "sw:C2", 'M', RS_SECTOR_PRIVATE, "S.05", "");
    rs_tor t = fx_tor("{" BASE ",\"languages\":[{\"code\":\"sw\",\"level\":\"C2\"}],"
                      "\"rules\":{\"exclude_nationalities\":[\"KE\"]}}");
    rs_match_result m;
    match(&t, &g, &r, &m);
    assert_int_equal(rs_match_outcome(&m), RS_OUTCOME_NO_TEAM);
    assert_int_equal(m.partial, 0);
    assert_true(has_remedy(&m, "allow nationals of KE"));
    assert_true(has_remedy(&m, "drop the sw requirement"));
    assert_int_equal(m.infeasible->n_remedies, 2);
    json_t *j = rs_match_to_json(&m);
    assert_true(json_is_true(json_object_get(json_object_get(j, "infeasible"), "whole_roster")));
    json_decref(j);
    rs_match_result_free(&m);
    rs_tor_free(&t);
    roster_free(&r);
    given_free(&g);
}

/* A fetch that could not cover the roster: no team is not a proof. */
static void test_partial_fetch_says_so(void **state)
{
    (void)state;
    given g = {0};
    give(&g, fx_expert("A", "FR", "fr:native", 'F', RS_SECTOR_PUBLIC, "E.05", ""));
    roster r = {.complete = 0};
    rs_tor t = fx_tor("{" BASE ",\"languages\":[{\"code\":\"sw\",\"level\":\"C2\"}]}");
    rs_match_result m;
    match(&t, &g, &r, &m);
    assert_int_equal(rs_match_outcome(&m), RS_OUTCOME_NO_TEAM);
    assert_int_equal(m.partial, 1);
    json_t *j = rs_match_to_json(&m);
    assert_true(json_is_false(json_object_get(json_object_get(j, "infeasible"), "whole_roster")));
    json_decref(j);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    rs_match_print(f, &m);
    fclose(f);
    assert_non_null(strstr(text, "No team found among the candidates considered"));
    free(text);
    rs_match_result_free(&m);
    rs_tor_free(&t);
    given_free(&g);
}

int main(void)
{
    setenv("ROSTER_TODAY", TODAY, 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_team_from_the_roster),
        cmocka_unit_test(test_no_fetch_when_the_pool_suffices),
        cmocka_unit_test(test_remedy_from_the_roster),
        cmocka_unit_test(test_partial_fetch_says_so),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
