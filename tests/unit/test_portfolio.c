/*
 * One definition of over-representation: on a roster and missions built
 * here, the nationalities the test finds over-represented by its own
 * arithmetic are exactly those `roster report` lists, those whose members
 * the team score penalises, and those whose members the team check warns
 * about. The fixture covers a nationality at its fair share, one truly
 * over-represented, one over the ratio on too few days, missions on both
 * edges of the recent window, and a dual national. Also the recent window
 * itself and the rounding that never shows -0.
 */
#define _GNU_SOURCE /* nftw */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "core/jsonbuild.h"
#include "core/record.h"
#include "core/store.h"
#include "matcher/check.h"
#include "matcher/portfolio.h"
#include "report/report.h"
#include "matcher/weights.h"
#include "matcher_fixture.h"
#include "tests/unit/scratch.h"

#define TODAY "2026-11-25"
/* The recent window seen from TODAY, written out by hand: the twelve
 * calendar months before November 2026. */
#define WINDOW_FIRST "2025-11-01"
#define WINDOW_LAST "2026-10-31"

/* ---- the roster: experts by nationalities, with their missions ---- */

typedef struct {
    const char *start; /* NULL ends the list */
    int days;
} mission;

typedef struct {
    const char *id;
    const char *nationalities; /* "DE,IT" */
    mission missions[4];
} person;

/*
 * 16 experts; 100 days in the window. ES 30 days (30%) for 4 experts (25%):
 * ratio 1.2, at its fair share. IT 30 days for 2 experts (12.5%): ratio
 * 2.4, over. MA 16 days for 1: ratio 2.56, over. PL 9 days for 1: ratio
 * 1.44, but under the 10-day floor. DE 10 days for 2: 0.8. The missions
 * just outside the window (2025-10-31, 2026-11-01) would make SN over if
 * they counted; ES1's mission of 2024 would make ES over.
 */
static const person roster[] = {
    {"ES1", "ES", {{"2026-01-10", 10}, {"2024-01-10", 200}}},
    {"ES2", "ES", {{"2026-05-02", 10}}},
    {"ES3", "ES,FR", {{"2025-11-01", 10}}}, /* first day of the window */
    {"ES4", "ES", {{NULL, 0}}},
    {"FR1", "FR", {{"2026-03-01", 5}}},
    {"FR2", "FR", {{NULL, 0}}},
    {"FR3", "FR", {{NULL, 0}}},
    {"FR4", "FR", {{NULL, 0}}},
    {"IT1", "IT", {{"2026-10-31", 15}}}, /* last day of the window */
    {"IT2", "IT", {{"2026-06-15", 15}}},
    {"DE1", "DE,IT", {{"2026-02-01", 10}}}, /* a dual national, DE first */
    {"DE2", "DE", {{NULL, 0}}},
    {"PL1", "PL", {{"2026-04-01", 9}}},
    {"SN1", "SN", {{"2025-10-31", 300}}},  /* the day before the window */
    {"SN2", "SN", {{"2026-11-01", 300}}},  /* this month: not yet recent */
    {"MA1", "MA", {{"2026-07-01", 16}}},
};
#define N_ROSTER (sizeof roster / sizeof roster[0])

/* The record of a person as a JSON line. */
static void record_of(const person *p, char *buf, size_t size)
{
    char nats[64] = "";
    char list[16];
    for (size_t i = 0; i < fx_count(p->nationalities); i++)
        snprintf(nats + strlen(nats), sizeof nats - strlen(nats), "%s\"%s\"", i ? "," : "",
                 fx_item(p->nationalities, i, list, sizeof list));
    int n = snprintf(buf, size, "{\"id\":\"%s\",\"name\":\"Expert %s\",\"nationalities\":[%s],"
                     "\"languages\":[{\"code\":\"en\",\"level\":\"C1\"}],\"missions\":[",
                     p->id, p->id, nats);
    for (size_t m = 0; p->missions[m].start; m++)
        n += snprintf(buf + n, size - (size_t)n, "%s{\"country\":\"SN\",\"from\":\"%s\","
                      "\"to\":\"%s\",\"days\":%d}", m ? "," : "", p->missions[m].start,
                      p->missions[m].start, p->missions[m].days);
    snprintf(buf + n, size - (size_t)n, "]}");
}

typedef struct {
    char dir[64];
    rs_store *store;
    rs_expert experts[N_ROSTER];
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f) return -1;
    strcpy(f->dir, "/tmp/rs-portfolio-XXXXXX");
    char *err = NULL;
    if (!mkdtemp(f->dir) || rs_store_open(f->dir, &f->store, &err) != RS_OK) {
        free(err);
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    for (size_t i = 0; i < N_ROSTER; i++)
        rs_expert_free(&f->experts[i]);
    rs_store_close(f->store);
    int rc = rs_test_remove_tree(f->dir);
    free(f);
    return rc;
}

/* Store the roster; keep each expert as read, for the score and the check. */
static void put_roster(fixture *f)
{
    assert_int_equal(rs_store_begin(f->store), RS_OK);
    for (size_t i = 0; i < N_ROSTER; i++) {
        char line[1024];
        record_of(&roster[i], line, sizeof line);
        rs_diag d;
        rs_diag_init(&d);
        int rc = rs_expert_from_json_text(line, strlen(line), "test", (long)i + 1,
                                          &f->experts[i], &d);
        if (rc) rs_diag_print(&d, stderr);
        rs_diag_free(&d);
        assert_int_equal(rc, 0);
        assert_int_equal(rs_store_put(f->store, &f->experts[i]), RS_OK);
    }
    assert_int_equal(rs_store_commit(f->store), RS_OK);
}

/* ---- the test's own arithmetic ---- */

#define MAX_NATS 16

typedef struct {
    char nat[MAX_NATS][3];
    double days[MAX_NATS];
    double experts[MAX_NATS];
    double ratio[MAX_NATS];
    int over[MAX_NATS];
    size_t n;
    double total_days, roster;
} tally;

static size_t slot(tally *t, const char *nat)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->nat[i], nat) == 0) return i;
    assert_true(t->n < MAX_NATS);
    snprintf(t->nat[t->n], 3, "%s", nat);
    return t->n++;
}

/* Over-represented, counted from the table above: each expert and each
 * day of a mission starting in the window under the first nationality;
 * share of days over 1.25 times share of roster (the ratio read to 2
 * decimals), on at least 10 days and 2% of all days. */
static void by_hand(tally *t)
{
    memset(t, 0, sizeof *t);
    int32_t first = fx_day(WINDOW_FIRST), last = fx_day(WINDOW_LAST);
    for (size_t i = 0; i < N_ROSTER; i++) {
        char nat[16];
        size_t k = slot(t, fx_item(roster[i].nationalities, 0, nat, sizeof nat));
        t->experts[k] += 1;
        t->roster += 1;
        for (size_t m = 0; roster[i].missions[m].start; m++) {
            int32_t start = fx_day(roster[i].missions[m].start);
            if (start >= first && start <= last) {
                t->days[k] += roster[i].missions[m].days;
                t->total_days += roster[i].missions[m].days;
            }
        }
    }
    double min_days = fmax(10, ceil(0.02 * t->total_days));
    for (size_t k = 0; k < t->n; k++) {
        t->ratio[k] = (t->days[k] / t->total_days) / (t->experts[k] / t->roster);
        /* Judged on the ratio as shown, to 2 decimals (half up). */
        t->over[k] = floor(t->ratio[k] * 100 + 0.5) / 100 > 1.25 && t->days[k] >= min_days;
    }
}

static int over_by_hand(const tally *t, const char *nat)
{
    for (size_t k = 0; k < t->n; k++)
        if (strcmp(t->nat[k], nat) == 0) return t->over[k];
    return 0;
}

/* A member is flagged when every nationality held is over-represented. */
static int member_over_by_hand(const tally *t, const person *p)
{
    char nat[16];
    for (size_t i = 0; i < fx_count(p->nationalities); i++)
        if (!over_by_hand(t, fx_item(p->nationalities, i, nat, sizeof nat))) return 0;
    return 1;
}

/* The portfolio_balance verdict of a check. */
static const rs_verdict *portfolio_verdict(const rs_verdicts *v)
{
    for (size_t j = 0; j < v->n; j++)
        if (strcmp(v->items[j].rule, "portfolio_balance") == 0) return &v->items[j];
    fail_msg("no portfolio_balance verdict");
    return NULL;
}

/* ---- the tests ---- */

static void the_fixture_has_every_case(void **state)
{
    (void)state;
    tally t;
    by_hand(&t);
    assert_float_equal(t.total_days, 100, 0);
    assert_false(over_by_hand(&t, "ES")); /* ratio 1.2: at its fair share */
    assert_false(over_by_hand(&t, "FR"));
    assert_true(over_by_hand(&t, "IT"));  /* ratio 2.4 */
    assert_true(over_by_hand(&t, "MA"));  /* ratio 2.56 */
    assert_false(over_by_hand(&t, "PL")); /* ratio 1.44 on 9 days */
    assert_false(over_by_hand(&t, "SN")); /* its 600 days are outside the window */
    assert_false(over_by_hand(&t, "DE"));
    assert_false(member_over_by_hand(&t, &roster[10])); /* DE,IT */
}

static void recent_window_is_the_load_window(void **state)
{
    (void)state;
    int32_t first, last;
    rs_recent_window(fx_day(TODAY), &first, &last);
    assert_int_equal(first, fx_day(WINDOW_FIRST));
    assert_int_equal(last, fx_day(WINDOW_LAST));
    rs_recent_window(fx_day("2024-03-01"), &first, &last);
    assert_int_equal(first, fx_day("2023-03-01"));
    assert_int_equal(last, fx_day("2024-02-29"));
    assert_int_equal(rs_date_month_start(fx_day("2026-01-31"), -1), fx_day("2025-12-01"));
    assert_int_equal(rs_date_month_start(fx_day("2026-12-31"), 1), fx_day("2027-01-01"));

    /* An expert's load counts the same missions. */
    rs_expert e = fx_expert("x", "SN", "", 'M', 0, "", "");
    fx_mission(&e, "SN", "2025-10-31", "2025-10-31", 300);
    fx_mission(&e, "SN", WINDOW_FIRST, WINDOW_FIRST, 5);
    fx_mission(&e, "SN", WINDOW_LAST, WINDOW_LAST, 7);
    fx_mission(&e, "SN", "2026-11-01", "2026-11-01", 300);
    assert_int_equal(rs_load_days(&e, fx_day(TODAY)), 12);
    rs_expert_free(&e);
}

/* The report, the score and the check against the test's own count. */
static void report_score_and_check_agree(void **state)
{
    fixture *f = *state;
    put_roster(f);
    tally t;
    by_hand(&t);
    int32_t today = fx_day(TODAY), first, last;
    rs_recent_window(today, &first, &last);

    /* The report over the recent window. */
    rs_report r;
    char err[256];
    assert_int_equal(rs_report_compute_period(f->store, first, last, &r, err, sizeof err), RS_OK);
    assert_int_equal(r.days, 100);
    for (size_t k = 0; k < t.n; k++) {
        int listed = 0;
        for (size_t i = 0; i < r.n_over; i++)
            listed |= strcmp(r.nationality.rows[r.over[i]].key, t.nat[k]) == 0;
        assert_int_equal(listed, t.over[k]);
    }

    /* The portfolio the matcher loads for today. */
    rs_portfolio pf;
    assert_int_equal(rs_portfolio_load(f->store, today, &pf), RS_OK);
    assert_int_equal(pf.from, first);
    assert_int_equal(pf.to, last);

    rs_tor tor = fx_tor("{\"action\":\"A\",\"title\":\"T\",\"country\":\"SN\",\"team_size\":1}");
    for (size_t i = 0; i < N_ROSTER; i++) {
        const rs_expert *e = &f->experts[i];
        int over = member_over_by_hand(&t, &roster[i]);

        /* The score: a penalty exactly for the over-represented. */
        const char *nat;
        double penalty = rs_portfolio_penalty(&pf, e, &nat);
        if (over) {
            char first_nat[16];
            size_t k = slot(&t, fx_item(roster[i].nationalities, 0, first_nat, sizeof first_nat));
            assert_float_equal(penalty, rs_weights_table.portfolio * (1 - 1 / t.ratio[k]), 1e-9);
        } else {
            assert_float_equal(penalty, 0, 0);
        }

        /* The check: a warning exactly for the over-represented. */
        rs_verdicts v;
        const rs_expert *team[] = {e};
        assert_int_equal(rs_check_team(&tor, team, 1, &pf, today, &v), 0);
        const rs_verdict *pv = portfolio_verdict(&v);
        if (pv->status != (over ? RS_WARN : RS_PASS))
            fail_msg("%s: portfolio_balance %s: %s", e->id, rs_verdict_status_name(pv->status),
                     pv->detail);
        if (over) assert_non_null(strstr(pv->detail, e->id));
        rs_verdicts_free(&v);
    }
    rs_tor_free(&tor);
    rs_portfolio_free(&pf);
    rs_report_free(&r);
}

/* Nothing recent: nothing is over-represented, and the check says why. */
static void no_recent_days(void **state)
{
    fixture *f = *state;
    put_roster(f);
    rs_portfolio pf;
    assert_int_equal(rs_portfolio_load(f->store, fx_day("2030-01-15"), &pf), RS_OK);
    assert_float_equal(pf.total_days, 0, 0);
    assert_null(rs_portfolio_member_over(&pf, &f->experts[8]));
    rs_tor tor = fx_tor("{\"action\":\"A\",\"title\":\"T\",\"country\":\"SN\",\"team_size\":1}");
    const rs_expert *team[] = {&f->experts[8]};
    rs_verdicts v;
    assert_int_equal(rs_check_team(&tor, team, 1, &pf, fx_day("2030-01-15"), &v), 0);
    assert_string_equal(portfolio_verdict(&v)->detail, "no recent mission days to compare");
    rs_verdicts_free(&v);
    rs_tor_free(&tor);
    rs_portfolio_free(&pf);
}

/* At the boundary the ratio decides as it reads: 1.2504 is shown 1.25, not
 * above 1.25, so the portfolio, the penalty and the check leave it alone;
 * 1.2552 is shown 1.26 and is over everywhere. 10,000 experts (IT a
 * quarter), 10,000 days: IT's days / 2,500 are the ratio. */
static void ratio_decided_as_shown(void **state)
{
    (void)state;
    static const struct { double days; int over; const char *shown; } cases[] = {
        {3125, 0, "1.25"}, {3126, 0, "1.25"}, {3137, 0, "1.25"},
        {3138, 1, "1.26"}, {3150, 1, "1.26"}, {3000, 0, "1.20"},
    };
    rs_tor tor = fx_tor("{\"action\":\"A\",\"title\":\"T\",\"country\":\"SN\",\"team_size\":1}");
    rs_expert it = fx_expert("it1", "IT", "", 'M', 0, "", "");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double days = cases[i].days;
        assert_int_equal(rs_portfolio_is_over(days, 10000, 2500, 10000), cases[i].over);
        rs_portfolio pf = {0};
        assert_int_equal(rs_portfolio_add(&pf, "IT", days, 2500), 0);
        assert_int_equal(rs_portfolio_add(&pf, "FR", 10000 - days, 7500), 0);
        rs_portfolio_finish(&pf);
        const rs_portfolio_entry *e = rs_portfolio_find(&pf, "IT");
        char shown[16];
        snprintf(shown, sizeof shown, "%.2f", e->ratio);
        assert_string_equal(shown, cases[i].shown);
        assert_int_equal(e->over, cases[i].over);
        double penalty = rs_portfolio_penalty(&pf, &it, NULL);
        assert_true(cases[i].over ? penalty > 0 : penalty == 0);
        rs_verdicts v;
        const rs_expert *team[] = {&it};
        assert_int_equal(rs_check_team(&tor, team, 1, &pf, fx_day(TODAY), &v), 0);
        const rs_verdict *pv = portfolio_verdict(&v);
        assert_int_equal(pv->status, cases[i].over ? RS_WARN : RS_PASS);
        if (cases[i].over) {
            char want[32];
            snprintf(want, sizeof want, "(ratio %s)", cases[i].shown);
            assert_non_null(strstr(pv->detail, want));
        }
        rs_verdicts_free(&v);
        rs_portfolio_free(&pf);
    }
    rs_expert_free(&it);
    rs_tor_free(&tor);
}

static void shown_numbers_are_never_negative_zero(void **state)
{
    (void)state;
    const double zeros[] = {-0.0, -1e-12, -0.00004, 0.0};
    for (size_t i = 0; i < sizeof zeros / sizeof zeros[0]; i++) {
        double x = rs_round_shown(zeros[i], 4);
        assert_false(signbit(x));
        char buf[32];
        snprintf(buf, sizeof buf, "%.3f", rs_round_shown(zeros[i], 3));
        assert_string_equal(buf, "0.000");
    }
    assert_float_equal(rs_round_shown(-0.03125, 3), -0.031, 1e-12);
    assert_float_equal(rs_round_shown(0.12345, 4), 0.1235, 1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_fixture_has_every_case),
        cmocka_unit_test(recent_window_is_the_load_window),
        cmocka_unit_test_setup_teardown(report_score_and_check_agree, setup, teardown),
        cmocka_unit_test_setup_teardown(no_recent_days, setup, teardown),
        cmocka_unit_test(ratio_decided_as_shown),
        cmocka_unit_test(shown_numbers_are_never_negative_zero),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
