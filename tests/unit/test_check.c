/*
 * Team verdicts: each hard rule failing and passing, each soft preference
 * warning and passing, rules turned off, the exit code, JSON and text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

#include "matcher/check.h"
#include "matcher_fixture.h"

#define BASE "\"action\":\"A\",\"title\":\"T\",\"country\":\"SN\""

typedef struct {
    rs_verdicts v;
    rs_tor t;
} checked;

/* Check members against a ToR in JSON; today is 2027-01-10. */
static checked check(const char *tor_json, const rs_expert *const *m, size_t n,
                     const rs_portfolio *pf)
{
    checked c;
    c.t = fx_tor(tor_json);
    assert_int_equal(rs_check_team(&c.t, m, n, pf, fx_day("2027-01-10"), &c.v), 0);
    return c;
}

static void done(checked *c)
{
    rs_verdicts_free(&c->v);
    rs_tor_free(&c->t);
}

static const rs_verdict *rule(const checked *c, const char *name)
{
    for (size_t i = 0; i < c->v.n; i++)
        if (strcmp(c->v.items[i].rule, name) == 0)
            return &c->v.items[i];
    fail_msg("no verdict for %s", name);
    return NULL;
}

static void expect(const checked *c, const char *name, rs_verdict_status status,
                   const char *detail)
{
    const rs_verdict *v = rule(c, name);
    if (v->status != status || strcmp(v->detail, detail) != 0)
        fprintf(stderr, "%s: got %s \"%s\"\n", name, rs_verdict_status_name(v->status),
                v->detail);
    assert_int_equal(v->status, status);
    assert_string_equal(v->detail, detail);
}

static void test_all_pass(void **state)
{
    (void)state;
    rs_expert a = fx_expert("a", "FR", "fr:C1", 'F', RS_SECTOR_PUBLIC, "E.10", "");
    rs_expert b = fx_expert("b", "SN", "fr:native", 'M', RS_SECTOR_PRIVATE, "", "");
    const rs_expert *m[] = {&a, &b};
    checked c = check("{" BASE ",\"languages\":[\"fr\"],\"from\":\"2027-03-01\",\"to\":\"2027-03-10\","
                      "\"rules\":{\"triangular\":true,\"require\":[\"a\"],\"exclude\":[\"z\"],"
                      "\"exclude_nationalities\":[\"ML\"],\"max_load_days\":20}}",
                      m, 2, NULL);
    static const char *const order[] = {
        "team_size", "exclude", "require", "available", "exclude_nationalities",
        "max_load_days", "languages_covered", "min_nationalities", "max_same_nationality",
        "min_eu_members", "prefer_public", "gender_balance", "triangular", "portfolio_balance"};
    assert_int_equal(c.v.n, 14);
    for (size_t i = 0; i < 14; i++) {
        assert_string_equal(c.v.items[i].rule, order[i]);
        assert_int_equal(c.v.items[i].status, RS_PASS);
    }
    expect(&c, "team_size", RS_PASS, "2 members");
    expect(&c, "exclude", RS_PASS, "no excluded expert");
    expect(&c, "require", RS_PASS, "a in the team");
    expect(&c, "available", RS_PASS, "all available 2027-03-01..2027-03-10");
    expect(&c, "exclude_nationalities", RS_PASS, "no member holds ML");
    expect(&c, "max_load_days", RS_PASS, "all at or under 20 mission days (highest 0)");
    expect(&c, "languages_covered", RS_PASS, "fr native by b");
    expect(&c, "min_nationalities", RS_PASS, "2 nationalities (FR, SN), 2 needed");
    expect(&c, "max_same_nationality", RS_PASS, "at most 1 member per nationality");
    expect(&c, "min_eu_members", RS_PASS, "a (FR): 1 EU national, 1 needed");
    expect(&c, "prefer_public", RS_PASS, "a public sector");
    expect(&c, "gender_balance", RS_PASS, "1 F, 1 M");
    expect(&c, "triangular", RS_PASS, "b (SN) from outside the EU");
    expect(&c, "portfolio_balance", RS_PASS, "no recent mission days to compare");
    assert_int_equal(rs_verdicts_outcome(&c.v), RS_OUTCOME_DONE);

    json_t *j = rs_verdicts_to_json(&c.v);
    assert_int_equal(json_array_size(j), 14);
    json_t *first = json_array_get(j, 0);
    assert_string_equal(json_string_value(json_object_get(first, "rule")), "team_size");
    assert_string_equal(json_string_value(json_object_get(first, "status")), "pass");
    assert_string_equal(json_string_value(json_object_get(first, "detail")), "2 members");
    json_decref(j);

    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    rs_verdicts_print(f, &c.v, "  ");
    fclose(f);
    assert_non_null(strstr(text, "  pass  team_size              2 members\n"));
    free(text);
    done(&c);
    rs_expert_free(&a);
    rs_expert_free(&b);
}

static void test_hard_rules_fail(void **state)
{
    (void)state;
    rs_expert a = fx_expert("a", "FR", "pt:B1", 'F', 0, "", "");
    rs_expert b = fx_expert("b", "FR,SN", "", 'F', 0, "", "");
    fx_unavailable(&a, "2027-03-05", "2027-03-06");
    fx_mission(&b, "SN", "2026-06-01", "2026-06-30", 25);
    const rs_expert *m[] = {&a, &b, &a};
    checked c = check("{" BASE ",\"languages\":[\"pt\",\"es\"],\"from\":\"2027-03-01\","
                      "\"to\":\"2027-03-10\",\"rules\":{\"require\":[\"r\"],\"exclude\":[\"b\"],"
                      "\"exclude_nationalities\":[\"SN\"],\"max_load_days\":20}}",
                      m, 3, NULL);
    expect(&c, "team_size", RS_FAIL, "a named twice");
    expect(&c, "exclude", RS_FAIL, "b is excluded");
    expect(&c, "require", RS_FAIL, "r is required but not in the team");
    expect(&c, "available", RS_FAIL,
           "a unavailable 2027-03-05..2027-03-06; a unavailable 2027-03-05..2027-03-06");
    expect(&c, "exclude_nationalities", RS_FAIL, "b holds SN");
    expect(&c, "max_load_days", RS_FAIL,
           "b has 25 mission days in last 12 months (max 20)");
    expect(&c, "languages_covered", RS_FAIL,
           "pt B2 not met (best: a B1); es B2 not met (no member speaks it)");
    assert_int_equal(rs_verdicts_outcome(&c.v), RS_OUTCOME_FAILED);
    done(&c);

    /* Nationalities: two French (one of them dual) and one more French. */
    rs_expert d = fx_expert("d", "FR", "", 'M', 0, "", "");
    const rs_expert *three[] = {&a, &d};
    c = check("{" BASE "}", three, 2, NULL);
    expect(&c, "min_nationalities", RS_FAIL, "1 nationality (FR), 2 needed");
    expect(&c, "max_same_nationality", RS_FAIL, "2 members hold FR (a, d); at most 1 per nationality");
    done(&c);
    const rs_expert *dual[] = {&a, &b};
    c = check("{" BASE "}", dual, 2, NULL);
    /* The dual national counts for SN in min_nationalities, yet both hold
     * FR: two members share it (max_same_nationality counts holders). */
    expect(&c, "min_nationalities", RS_PASS, "2 nationalities (FR, SN), 2 needed");
    expect(&c, "max_same_nationality", RS_FAIL,
           "2 members hold FR (a, b); at most 1 per nationality");
    done(&c);
    const rs_expert *all[] = {&a, &b, &d};
    c = check("{" BASE ",\"team_size\":3,\"rules\":{\"max_same_nationality\":2}}", all, 3, NULL);
    expect(&c, "min_nationalities", RS_PASS, "2 nationalities (FR, SN), 2 needed");
    expect(&c, "max_same_nationality", RS_FAIL,
           "3 members hold FR (a, b, d); at most 2 per nationality");
    done(&c);
    c = check("{" BASE ",\"team_size\":3,\"rules\":{\"max_same_nationality\":3}}", all, 3, NULL);
    expect(&c, "max_same_nationality", RS_PASS, "at most 3 members per nationality");
    done(&c);
    rs_expert_free(&a);
    rs_expert_free(&b);
    rs_expert_free(&d);
}

static void test_rules_off_and_edge_cases(void **state)
{
    (void)state;
    rs_expert a = fx_expert("a", "FR", "", 'X', RS_SECTOR_PRIVATE, "", "");
    fx_unavailable(&a, "2027-03-05", "2027-03-06");
    const rs_expert *m[] = {&a};
    checked c = check("{" BASE ",\"languages\":[\"pt\"],\"from\":\"2027-03-01\",\"to\":\"2027-03-10\","
                      "\"rules\":{\"available\":false,\"languages_covered\":false,"
                      "\"prefer_public\":false,\"gender_balance\":false,"
                      "\"portfolio_balance\":false,\"exclude_nationalities\":[]}}",
                      m, 1, NULL);
    expect(&c, "team_size", RS_WARN, "1 member, the ToR asks for 2");
    expect(&c, "require", RS_PASS, "none required");
    expect(&c, "available", RS_PASS, "not asked");
    expect(&c, "exclude_nationalities", RS_PASS, "none excluded");
    expect(&c, "max_load_days", RS_PASS, "no limit");
    expect(&c, "languages_covered", RS_PASS, "not asked");
    expect(&c, "min_nationalities", RS_FAIL, "1 nationality (FR), 2 needed");
    expect(&c, "prefer_public", RS_PASS, "not asked");
    expect(&c, "gender_balance", RS_PASS, "not asked");
    expect(&c, "triangular", RS_PASS, "not asked");
    expect(&c, "portfolio_balance", RS_PASS, "not asked");
    done(&c);

    c = check("{" BASE ",\"team_size\":1,\"languages\":[]}", m, 1, NULL);
    expect(&c, "available", RS_PASS, "no mission window given");
    expect(&c, "languages_covered", RS_PASS, "no language asked");
    expect(&c, "gender_balance", RS_PASS, "team of one");
    expect(&c, "min_nationalities", RS_PASS, "1 nationality (FR), 1 needed");
    done(&c);
    rs_expert_free(&a);
}

static void test_soft_preferences_warn(void **state)
{
    (void)state;
    rs_expert a = fx_expert("a", "FR", "", 'M', RS_SECTOR_PRIVATE, "", "");
    rs_expert b = fx_expert("b", "ES", "", 'X', RS_SECTOR_ACADEMIC, "", "");
    const rs_expert *m[] = {&a, &b};
    /* Roster of 10 (FR 2, ES 2, SN 6), 100 days: FR and ES hold 2.5 and
     * 2 times their share of the roster, SN a sixth. */
    rs_portfolio pf = {0};
    assert_int_equal(rs_portfolio_add(&pf, "FR", 50, 2), 0);
    assert_int_equal(rs_portfolio_add(&pf, "ES", 40, 2), 0);
    assert_int_equal(rs_portfolio_add(&pf, "SN", 10, 6), 0);
    rs_portfolio_finish(&pf);
    checked c = check("{" BASE ",\"languages\":[],\"rules\":{\"triangular\":true}}", m, 2, &pf);
    expect(&c, "prefer_public", RS_WARN, "no member from the public sector or a mandated body");
    expect(&c, "gender_balance", RS_WARN, "0 F, 1 M, 1 not stated");
    expect(&c, "triangular", RS_WARN, "no member from outside the EU");
    expect(&c, "portfolio_balance", RS_WARN,
           "a: FR over-represented, 50.0% of recent mission days for 20.0% of the roster "
           "(ratio 2.50); b: ES over-represented, 40.0% of recent mission days for 20.0% of "
           "the roster (ratio 2.00)");
    assert_int_equal(rs_verdicts_outcome(&c.v), RS_OUTCOME_WARNINGS);
    done(&c);

    rs_expert s = fx_expert("s", "SN", "", 'F', RS_SECTOR_PUBLIC, "", "");
    const rs_expert *ok[] = {&s};
    c = check("{" BASE ",\"team_size\":1,\"languages\":[],"
              "\"rules\":{\"exclude_nationalities\":[],\"min_eu_members\":0}}", ok, 1, &pf);
    expect(&c, "portfolio_balance", RS_PASS,
           "no member's nationality over-represented in recent mission days (share of days "
           "above 1.25 times share of the roster, at least 10 days)");
    assert_int_equal(rs_verdicts_outcome(&c.v), RS_OUTCOME_DONE);
    done(&c);
    rs_portfolio_free(&pf);
    rs_expert_free(&a);
    rs_expert_free(&b);
    rs_expert_free(&s);
}

/* A mandated body counts as public expertise (formats.md); the detail says
 * so rather than leave the reader to wonder why prefer_public passes. */
static void test_prefer_public_mandated_body(void **state)
{
    (void)state;
    rs_expert a = fx_expert("a", "FR", "", 'F', RS_SECTOR_MANDATED_BODY, "", "");
    rs_expert b = fx_expert("b", "ES", "", 'M', RS_SECTOR_PRIVATE, "", "");
    const rs_expert *m[] = {&a, &b};
    checked c = check("{" BASE "}", m, 2, NULL);
    expect(&c, "prefer_public", RS_PASS, "a mandated body (counts as public expertise)");
    done(&c);
    rs_expert_free(&a);
    rs_expert_free(&b);
}

static void test_outcomes_and_names(void **state)
{
    (void)state;
    rs_verdict items[] = {{"a", RS_PASS, "x"}, {"b", RS_WARN, "y"}, {"c", RS_FAIL, "z"}};
    rs_verdicts v = {items, 1};
    assert_int_equal(rs_verdicts_outcome(&v), RS_OUTCOME_DONE);
    v.n = 2;
    assert_int_equal(rs_verdicts_outcome(&v), RS_OUTCOME_WARNINGS);
    v.n = 3;
    assert_int_equal(rs_verdicts_outcome(&v), RS_OUTCOME_FAILED);
    v.items = &items[2];
    v.n = 1;
    assert_int_equal(rs_verdicts_outcome(&v), RS_OUTCOME_FAILED);
    assert_string_equal(rs_verdict_status_name(RS_PASS), "pass");
    assert_string_equal(rs_verdict_status_name(RS_WARN), "warn");
    assert_string_equal(rs_verdict_status_name(RS_FAIL), "fail");
    rs_verdicts_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_all_pass),
        cmocka_unit_test(test_hard_rules_fail),
        cmocka_unit_test(test_rules_off_and_edge_cases),
        cmocka_unit_test(test_soft_preferences_warn),
        cmocka_unit_test(test_outcomes_and_names),
        cmocka_unit_test(test_prefer_public_mandated_body),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
