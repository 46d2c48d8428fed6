/*
 * The diversity report: the two store visitors it reads, exact shares of a
 * small roster (by first nationality, gender, sector, language at B2 or
 * above), mission days and mobilised experts over a period, concentration
 * (top 2, Herfindahl), over-represented nationalities and their thresholds,
 * an empty roster, a roster without missions, a damaged store, JSON, text,
 * and the SVG chart (bars, "other", escaping). Each test works in its own
 * mkdtemp directory.
 */
#define _GNU_SOURCE /* nftw */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>
#include <sqlite3.h>

#include "core/date.h"
#include "core/diag.h"
#include "core/record.h"
#include "core/store.h"
#include "report/report.h"
#include "tests/unit/scratch.h"

/* ---- fixture: a scratch directory with an open store ---- */

typedef struct {
    char dir[64];
    char file[128]; /* dir/roster.sqlite */
    rs_store *store;
} scratch;

static int setup(void **state)
{
    scratch *s = calloc(1, sizeof *s);
    if (!s) return -1;
    strcpy(s->dir, "/tmp/rs-report-XXXXXX");
    if (!mkdtemp(s->dir)) { free(s); return -1; }
    snprintf(s->file, sizeof s->file, "%s/%s", s->dir, RS_STORE_FILE);
    char *err = NULL;
    if (rs_store_open(s->dir, &s->store, &err) != RS_OK) {
        fprintf(stderr, "open: %s\n", err ? err : "?");
        free(err);
        free(s);
        return -1;
    }
    *state = s;
    return 0;
}

static int teardown(void **state)
{
    scratch *s = *state;
    rs_store_close(s->store);
    int rc = rs_test_remove_tree(s->dir);
    free(s);
    return rc;
}

/* Put experts given as JSON lines, in one transaction. */
static void put_all(scratch *s, const char *const *lines, size_t n)
{
    assert_int_equal(rs_store_begin(s->store), RS_OK);
    for (size_t i = 0; i < n; i++) {
        rs_expert e;
        rs_diag d;
        rs_diag_init(&d);
        int rc = rs_expert_from_json_text(lines[i], strlen(lines[i]), "test", (long)i + 1, &e, &d);
        if (rc) rs_diag_print(&d, stderr);
        rs_diag_free(&d);
        assert_int_equal(rc, 0);
        assert_int_equal(rs_store_put(s->store, &e), RS_OK);
        rs_expert_free(&e);
    }
    assert_int_equal(rs_store_commit(s->store), RS_OK);
}

/* Run SQL on the file through a second connection, without foreign keys,
 * to make the damage a report must survive. */
static void sql(const scratch *s, const char *text)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(s->file, &db), SQLITE_OK);
    char *msg = NULL;
    int rc = sqlite3_exec(db, text, NULL, NULL, &msg);
    if (rc) fprintf(stderr, "%s: %s\n", text, msg);
    sqlite3_free(msg);
    sqlite3_close(db);
    assert_int_equal(rc, SQLITE_OK);
}

static int32_t day(const char *date)
{
    int32_t d;
    assert_int_equal(rs_date_parse(date, 0, &d), 0);
    return d;
}

/* The row of table t with key, failing the test when absent. */
static const rs_report_row *row(const rs_report_table *t, const char *key)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->rows[i].key, key) == 0) return &t->rows[i];
    fail_msg("no row '%s'", key);
    return NULL;
}

static void compute(scratch *s, int32_t since, rs_report *r)
{
    char err[256];
    rs_status e = rs_report_compute(s->store, since, r, err, sizeof err);
    if (e) fprintf(stderr, "report: %s\n", err);
    assert_int_equal(e, RS_OK);
}

/* Text written by fn into a malloc'd string. */
static char *capture(const rs_report *r, const char *title, int svg)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    int rc = svg ? rs_report_svg(r, title, f) : rs_report_print(r, f);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(rc, 0);
    return text;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle)) n++;
    return n;
}

/*
 * The small roster. All time: 6 missions, 105 days by 5 mobilised experts;
 * FR 60 days (2 experts), ES 40 (2: A3 is ES first, then FR), IT 5; DE, PT,
 * BE none. Since 2024-01-01: 4 missions, 80 days: FR 50, ES 25, IT 5.
 */
static const char *const roster[] = {
    "{\"id\":\"A1\",\"name\":\"Anne Un\",\"gender\":\"F\",\"nationalities\":[\"FR\"],"
    "\"status\":\"public\",\"languages\":[{\"code\":\"fr\",\"level\":\"native\"},"
    "{\"code\":\"en\",\"level\":\"C1\"}],\"missions\":["
    "{\"country\":\"SN\",\"from\":\"2024-03-01\",\"to\":\"2024-03-31\",\"days\":20},"
    "{\"country\":\"CI\",\"from\":\"2022-06-01\",\"to\":\"2022-06-30\",\"days\":10}]}",
    "{\"id\":\"A2\",\"name\":\"Bruno Deux\",\"gender\":\"M\",\"nationalities\":[\"FR\"],"
    "\"status\":\"private\",\"languages\":[{\"code\":\"fr\",\"level\":\"native\"},"
    "{\"code\":\"en\",\"level\":\"B1\"}],\"missions\":["
    "{\"country\":\"MA\",\"from\":\"2024-05-01\",\"to\":\"2024-06-30\",\"days\":30}]}",
    "{\"id\":\"A3\",\"name\":\"Carmen Tres\",\"gender\":\"F\",\"nationalities\":[\"ES\",\"FR\"],"
    "\"status\":\"academic\",\"languages\":[{\"code\":\"es\",\"level\":\"native\"},"
    "{\"code\":\"fr\",\"level\":\"B2\"},{\"code\":\"en\",\"level\":\"B2\"}],\"missions\":["
    "{\"country\":\"PE\",\"from\":\"2024-04-01\",\"to\":\"2024-04-30\",\"days\":25}]}",
    "{\"id\":\"A4\",\"name\":\"Diego Cuatro\",\"gender\":\"M\",\"nationalities\":[\"ES\"],"
    "\"status\":\"public\",\"languages\":[{\"code\":\"es\",\"level\":\"C2\"}],\"missions\":["
    "{\"country\":\"BO\",\"from\":\"2021-01-01\",\"to\":\"2021-01-31\",\"days\":15}]}",
    "{\"id\":\"A5\",\"name\":\"Eike Fünf\",\"gender\":\"X\",\"nationalities\":[\"DE\"],"
    "\"status\":\"social_partner\",\"languages\":[{\"code\":\"de\",\"level\":\"native\"},"
    "{\"code\":\"en\",\"level\":\"C1\"}]}",
    "{\"id\":\"A6\",\"name\":\"Fabio Sei\",\"nationalities\":[\"IT\"],"
    "\"languages\":[{\"code\":\"it\",\"level\":\"native\"}],\"missions\":["
    "{\"country\":\"TN\",\"from\":\"2024-07-01\",\"to\":\"2024-07-05\",\"days\":5}]}",
    "{\"id\":\"A7\",\"name\":\"Graça Sete\",\"gender\":\"F\",\"nationalities\":[\"PT\"],"
    "\"status\":\"public\",\"languages\":[{\"code\":\"pt\",\"level\":\"native\"},"
    "{\"code\":\"es\",\"level\":\"B2\"}]}",
    "{\"id\":\"A8\",\"name\":\"Hugo Acht\",\"gender\":\"M\",\"nationalities\":[\"BE\"],"
    "\"status\":\"mandated_body\",\"languages\":[{\"code\":\"nl\",\"level\":\"native\"},"
    "{\"code\":\"fr\",\"level\":\"C1\"}]}",
};
#define N_ROSTER (sizeof roster / sizeof roster[0])

static void put_roster(scratch *s)
{
    put_all(s, roster, N_ROSTER);
}

/* ---- the store visitors ---- */

typedef struct {
    int n, stop_at;
    char ids[16][8];
    char genders[16];
    char status[16][24], nationalities[16][16], languages[16][48];
    int32_t starts[16];
    int days[16];
} visited;

static rs_status on_summary(const rs_store_summary *r, void *ctx)
{
    visited *v = ctx;
    if (v->n == v->stop_at) return RS_ERR_INPUT;
    snprintf(v->ids[v->n], sizeof v->ids[0], "%s", r->id);
    v->genders[v->n] = r->gender;
    snprintf(v->status[v->n], sizeof v->status[0], "%s", r->status);
    snprintf(v->nationalities[v->n], sizeof v->nationalities[0], "%s", r->nationalities);
    snprintf(v->languages[v->n], sizeof v->languages[0], "%s", r->languages);
    v->n++;
    return RS_OK;
}

static void each_summary_gives_columns(void **state)
{
    scratch *s = *state;
    put_roster(s);
    visited v = {.stop_at = -1};
    assert_int_equal(rs_store_each_summary(s->store, on_summary, &v), RS_OK);
    assert_int_equal(v.n, 8);
    assert_string_equal(v.ids[0], "A1");
    assert_string_equal(v.ids[7], "A8");
    assert_int_equal(v.genders[0], 'F');
    assert_int_equal(v.genders[4], 'X');
    assert_int_equal(v.genders[5], 0); /* not given */
    assert_string_equal(v.status[0], "public");
    assert_string_equal(v.status[5], "");
    assert_string_equal(v.nationalities[2], "ES FR"); /* the record's order */
    assert_string_equal(v.languages[2], "es:native fr:B2 en:B2");
}

static void each_summary_stops_on_error(void **state)
{
    scratch *s = *state;
    put_roster(s);
    visited v = {.stop_at = 3};
    assert_int_equal(rs_store_each_summary(s->store, on_summary, &v), RS_ERR_INPUT);
    assert_int_equal(v.n, 3);
}

static rs_status on_mission_row(const char *id, const char *country, int32_t start, int days,
                             void *ctx)
{
    visited *v = ctx;
    if (v->n == v->stop_at) return RS_ERR_INPUT;
    snprintf(v->ids[v->n], sizeof v->ids[0], "%s", id);
    snprintf(v->nationalities[v->n], sizeof v->nationalities[0], "%s", country);
    v->starts[v->n] = start;
    v->days[v->n] = days;
    v->n++;
    return RS_OK;
}

static void each_mission_in_range(void **state)
{
    scratch *s = *state;
    put_roster(s);
    visited v = {.stop_at = -1};
    /* [2022-06-01, 2024-04-01]: both ends included. */
    assert_int_equal(rs_store_each_mission(s->store, day("2022-06-01"), day("2024-04-01"),
                                           on_mission_row, &v),
                     RS_OK);
    assert_int_equal(v.n, 3);
    /* By expert, then start. */
    assert_string_equal(v.ids[0], "A1");
    assert_string_equal(v.nationalities[0], "CI");
    assert_int_equal(v.starts[0], day("2022-06-01"));
    assert_int_equal(v.days[0], 10);
    assert_string_equal(v.ids[1], "A1");
    assert_int_equal(v.starts[1], day("2024-03-01"));
    assert_string_equal(v.ids[2], "A3");
    assert_int_equal(v.days[2], 25);

    visited all = {.stop_at = -1};
    assert_int_equal(rs_store_each_mission(s->store, INT32_MIN, INT32_MAX, on_mission_row, &all),
                     RS_OK);
    assert_int_equal(all.n, 6);
}

static void each_mission_country_absent_and_stop(void **state)
{
    scratch *s = *state;
    put_roster(s);
    sql(s, "UPDATE missions SET country=NULL WHERE expert_id='A4'");
    visited v = {.stop_at = -1};
    assert_int_equal(rs_store_each_mission(s->store, INT32_MIN, day("2021-12-31"),
                                           on_mission_row, &v),
                     RS_OK);
    assert_int_equal(v.n, 1);
    assert_string_equal(v.ids[0], "A4");
    assert_string_equal(v.nationalities[0], "");

    visited stop = {.stop_at = 2};
    assert_int_equal(rs_store_each_mission(s->store, INT32_MIN, INT32_MAX, on_mission_row, &stop),
                     RS_ERR_INPUT);
    assert_int_equal(stop.n, 2);
}

/* ---- the report ---- */

static void shares_all_time(void **state)
{
    scratch *s = *state;
    put_roster(s);
    rs_report r;
    compute(s, RS_REPORT_ALL_TIME, &r);
    assert_int_equal(r.experts, 8);
    assert_int_equal(r.missions, 6);
    assert_int_equal(r.days, 105);
    assert_int_equal(r.mobilised, 5);

    /* Nationality, by days then experts then key; A3 counts as ES only. */
    const rs_report_table *t = &r.nationality;
    assert_int_equal(t->n, 6);
    const char *order[] = {"FR", "ES", "IT", "BE", "DE", "PT"};
    for (size_t i = 0; i < 6; i++) assert_string_equal(t->rows[i].key, order[i]);
    const rs_report_row *fr = row(t, "FR");
    assert_string_equal(fr->label, "France");
    assert_int_equal(fr->experts, 2);
    assert_int_equal(fr->mobilised, 2);
    assert_int_equal(fr->missions, 3);
    assert_int_equal(fr->days, 60);
    assert_float_equal(fr->experts_share, 0.25, 1e-12);
    assert_float_equal(fr->mobilised_share, 0.4, 1e-12);
    assert_float_equal(fr->days_share, 60.0 / 105, 1e-12);
    assert_float_equal(fr->ratio, (60.0 / 105) / 0.25, 1e-12);
    const rs_report_row *es = row(t, "ES");
    assert_int_equal(es->experts, 2);
    assert_int_equal(es->days, 40);
    assert_int_equal(es->missions, 2);
    const rs_report_row *de = row(t, "DE");
    assert_int_equal(de->experts, 1);
    assert_int_equal(de->mobilised, 0);
    assert_int_equal(de->days, 0);
    assert_float_equal(de->experts_share, 0.125, 1e-12);
    assert_float_equal(de->days_share, 0, 0);
    assert_float_equal(de->ratio, 0, 0);

    /* Concentration: (60² + 40² + 5²) / 105². */
    assert_float_equal(r.top2_share, 100.0 / 105, 1e-12);
    assert_float_equal(r.hhi, 5225.0 / 11025, 1e-12);

    /* Over-represented: FR 2.29, ES 1.52; IT below 1. */
    assert_int_equal(r.over_min_days, RS_PORTFOLIO_OVER_MIN_DAYS);
    assert_int_equal(r.n_over, 2);
    assert_string_equal(t->rows[r.over[0]].key, "FR");
    assert_string_equal(t->rows[r.over[1]].key, "ES");
    rs_report_free(&r);
}

static void gender_sector_language(void **state)
{
    scratch *s = *state;
    put_roster(s);
    rs_report r;
    compute(s, RS_REPORT_ALL_TIME, &r);

    const rs_report_table *g = &r.gender;
    assert_int_equal(g->n, 4);
    assert_string_equal(g->rows[0].key, "F");
    assert_string_equal(g->rows[0].label, "women");
    assert_int_equal(g->rows[0].experts, 3);
    assert_int_equal(g->rows[0].mobilised, 2);
    assert_int_equal(g->rows[0].days, 55);
    assert_float_equal(g->rows[0].experts_share, 3.0 / 8, 1e-12);
    assert_float_equal(g->rows[0].days_share, 55.0 / 105, 1e-12);
    assert_string_equal(g->rows[1].key, "M");
    assert_int_equal(g->rows[1].days, 45);
    assert_string_equal(g->rows[2].key, "unknown"); /* A6 gave none */
    assert_string_equal(g->rows[2].label, "not given");
    assert_int_equal(g->rows[2].days, 5);
    assert_float_equal(g->rows[2].mobilised_share, 0.2, 1e-12);
    assert_string_equal(g->rows[3].key, "X");
    assert_string_equal(g->rows[3].label, "not stated");

    const rs_report_table *sec = &r.sector;
    const char *sectors[] = {"public", "private", "academic", "unknown", "mandated_body",
                             "social_partner"};
    assert_int_equal(sec->n, 6);
    for (size_t i = 0; i < 6; i++) assert_string_equal(sec->rows[i].key, sectors[i]);
    assert_int_equal(row(sec, "public")->experts, 3);
    assert_int_equal(row(sec, "public")->days, 45);
    assert_string_equal(row(sec, "public")->label, "public administration");
    assert_string_equal(row(sec, "social_partner")->label, "social partners");
    assert_string_equal(row(sec, "unknown")->label, "not given");

    /* Languages at B2 or above: A2's English (B1) does not count. */
    const rs_report_table *l = &r.language;
    const char *langs[] = {"fr", "en", "es", "it", "de", "nl", "pt"};
    assert_int_equal(l->n, 7);
    for (size_t i = 0; i < 7; i++) assert_string_equal(l->rows[i].key, langs[i]);
    const rs_report_row *fr = row(l, "fr");
    assert_string_equal(fr->label, "French");
    assert_int_equal(fr->experts, 4);
    assert_float_equal(fr->experts_share, 0.5, 1e-12);
    assert_int_equal(fr->mobilised, 3);
    assert_int_equal(fr->days, 85);
    const rs_report_row *en = row(l, "en");
    assert_int_equal(en->experts, 3);
    assert_int_equal(en->mobilised, 2);
    assert_int_equal(en->days, 55);
    assert_int_equal(row(l, "es")->days, 40);
    rs_report_free(&r);
}

static void since_filters_missions(void **state)
{
    scratch *s = *state;
    put_roster(s);
    rs_report r;
    compute(s, day("2024-01-01"), &r);
    assert_int_equal(r.since, day("2024-01-01"));
    assert_int_equal(r.experts, 8); /* the roster is whole */
    assert_int_equal(r.missions, 4);
    assert_int_equal(r.days, 80);
    assert_int_equal(r.mobilised, 4); /* A4's only mission is older */
    assert_int_equal(row(&r.nationality, "FR")->days, 50);
    assert_int_equal(row(&r.nationality, "ES")->days, 25);
    assert_int_equal(row(&r.nationality, "ES")->mobilised, 1);
    assert_int_equal(row(&r.gender, "M")->days, 30);
    assert_float_equal(r.top2_share, 75.0 / 80, 1e-12);
    assert_float_equal(r.hhi, 3150.0 / 6400, 1e-12);
    /* ES holds 31.25% of days for 25% of the roster: exactly 1.25, not above. */
    assert_float_equal(row(&r.nationality, "ES")->ratio, 1.25, 1e-12);
    assert_int_equal(r.n_over, 1);
    assert_string_equal(r.nationality.rows[r.over[0]].key, "FR");
    rs_report_free(&r);

    /* A day after the last mission: nothing. */
    compute(s, day("2024-07-02"), &r);
    assert_int_equal(r.missions, 0);
    assert_int_equal(r.days, 0);
    assert_int_equal(r.mobilised, 0);
    assert_int_equal(r.n_over, 0);
    rs_report_free(&r);
}

static void empty_roster(void **state)
{
    scratch *s = *state;
    rs_report r;
    compute(s, RS_REPORT_ALL_TIME, &r);
    assert_int_equal(r.experts, 0);
    assert_int_equal(r.days, 0);
    assert_int_equal(r.nationality.n, 0);
    assert_int_equal(r.gender.n, 0);
    assert_int_equal(r.language.n, 0);
    assert_float_equal(r.hhi, 0, 0);
    assert_float_equal(r.top2_share, 0, 0);
    assert_int_equal(r.n_over, 0);
    assert_null(r.over);

    json_t *j = rs_report_json(&r);
    assert_non_null(j);
    assert_int_equal(json_integer_value(json_object_get(j, "experts")), 0);
    assert_int_equal(json_array_size(json_object_get(j, "nationality")), 0);
    assert_true(json_is_null(json_object_get(json_object_get(j, "period"), "since")));
    json_decref(j);

    char *text = capture(&r, "Empty", 0);
    assert_non_null(strstr(text, "Roster: 0 experts"));
    assert_non_null(strstr(text, "no mission days in the period"));
    free(text);
    char *svg = capture(&r, "Empty", 1);
    assert_int_equal(count(svg, "<rect"), 0);
    assert_non_null(strstr(svg, "No mission days"));
    assert_non_null(strstr(svg, "</svg>"));
    free(svg);
    rs_report_free(&r);
}

static void roster_without_missions(void **state)
{
    scratch *s = *state;
    put_all(s, &roster[4], 1); /* A5: no missions */
    put_all(s, &roster[6], 2); /* A7, A8: none either */
    rs_report r;
    compute(s, RS_REPORT_ALL_TIME, &r);
    assert_int_equal(r.experts, 3);
    assert_int_equal(r.mobilised, 0);
    assert_int_equal(r.days, 0);
    assert_int_equal(r.nationality.n, 3);
    for (size_t i = 0; i < r.nationality.n; i++) {
        assert_int_equal(r.nationality.rows[i].days, 0);
        assert_float_equal(r.nationality.rows[i].experts_share, 1.0 / 3, 1e-12);
        assert_float_equal(r.nationality.rows[i].mobilised_share, 0, 0);
        assert_float_equal(r.nationality.rows[i].ratio, 0, 0);
    }
    assert_float_equal(r.hhi, 0, 0);
    assert_int_equal(r.n_over, 0);
    char *svg = capture(&r, "None", 1);
    assert_int_equal(count(svg, "<rect"), 0);
    free(svg);
    rs_report_free(&r);
}

/* n experts of nationality FR (the first mobilised for `fr_days` in 2024,
 * in missions of at most 250 days) and one of LU with the given missions. */
static void put_many(scratch *s, int n, int fr_days, const char *lu_missions)
{
    char **lines = calloc((size_t)n + 1, sizeof *lines);
    assert_non_null(lines);
    for (int i = 0; i < n; i++) {
        char missions[512] = "";
        size_t len = 0;
        for (int left = i == 0 ? fr_days : 0; left > 0; left -= 250)
            len += (size_t)snprintf(missions + len, sizeof missions - len,
                                    "%s{\"from\":\"2024-02-01\",\"to\":\"2024-12-31\",\"days\":%d}",
                                    len ? "," : ",\"missions\":[", left < 250 ? left : 250);
        if (len)
            snprintf(missions + len, sizeof missions - len, "]");
        assert_true(asprintf(&lines[i], "{\"id\":\"F%03d\",\"name\":\"Expert %d\","
                                        "\"nationalities\":[\"FR\"]%s}", i, i, missions) > 0);
    }
    assert_true(asprintf(&lines[n], "{\"id\":\"L001\",\"name\":\"Lux\",\"nationalities\":[\"LU\"],"
                                    "\"missions\":[%s]}", lu_missions) > 0);
    put_all(s, (const char *const *)lines, (size_t)n + 1);
    for (int i = 0; i <= n; i++) free(lines[i]);
    free(lines);
}

/* A high ratio on few days is no concentration: the floor of days. */
static void over_needs_min_days(void **state)
{
    scratch *s = *state;
    put_many(s, 99, 100, "{\"from\":\"2024-01-01\",\"to\":\"2024-01-08\",\"days\":8}");
    rs_report r;
    compute(s, RS_REPORT_ALL_TIME, &r);
    assert_int_equal(r.days, 108);
    assert_int_equal(r.over_min_days, 10);
    const rs_report_row *lu = row(&r.nationality, "LU");
    assert_float_equal(lu->ratio, (8.0 / 108) / 0.01, 1e-9);
    assert_true(lu->ratio > RS_PORTFOLIO_OVER_RATIO);
    assert_int_equal(r.n_over, 0);
    rs_report_free(&r);
}

/* ... and the floor rises with the portfolio: 2% of all days. */
static void over_needs_min_share(void **state)
{
    scratch *s = *state;
    put_many(s, 99, 1000,
             "{\"from\":\"2020-01-01\",\"to\":\"2020-01-10\",\"days\":10},"
             "{\"from\":\"2024-01-01\",\"to\":\"2024-01-15\",\"days\":15}");
    rs_report r;
    compute(s, day("2024-01-01"), &r);
    assert_int_equal(r.days, 1015);
    assert_int_equal(r.over_min_days, 21); /* ceil(20.3) */
    assert_true(row(&r.nationality, "LU")->ratio > RS_PORTFOLIO_OVER_RATIO);
    assert_int_equal(r.n_over, 0);
    rs_report_free(&r);

    compute(s, RS_REPORT_ALL_TIME, &r);
    assert_int_equal(r.days, 1025);
    assert_int_equal(r.over_min_days, 21); /* ceil(20.5) */
    assert_int_equal(r.n_over, 1);
    const rs_report_row *lu = &r.nationality.rows[r.over[0]];
    assert_string_equal(lu->key, "LU");
    assert_int_equal(lu->days, 25);
    assert_float_equal(lu->ratio, (25.0 / 1025) / 0.01, 1e-9);
    rs_report_free(&r);
}

/* Several nationalities over: the highest ratio first. */
static void over_sorted_by_ratio(void **state)
{
    scratch *s = *state;
    const char *const lines[] = {
        "{\"id\":\"B1\",\"name\":\"b\",\"nationalities\":[\"FR\"],\"missions\":"
        "[{\"from\":\"2024-01-01\",\"to\":\"2024-01-30\",\"days\":30}]}",
        "{\"id\":\"B2\",\"name\":\"b\",\"nationalities\":[\"FR\"]}",
        "{\"id\":\"B3\",\"name\":\"b\",\"nationalities\":[\"FR\"]}",
        "{\"id\":\"B4\",\"name\":\"b\",\"nationalities\":[\"SE\"],\"missions\":"
        "[{\"from\":\"2024-01-01\",\"to\":\"2024-01-20\",\"days\":20}]}",
        "{\"id\":\"B5\",\"name\":\"b\",\"nationalities\":[\"DK\"]}",
        "{\"id\":\"B6\",\"name\":\"b\",\"nationalities\":[\"DK\"]}",
    };
    put_all(s, lines, 6);
    rs_report r;
    compute(s, RS_REPORT_ALL_TIME, &r);
    /* FR 60% of days for 50% of roster: 1.2; SE 40% for 16.7%: 2.4. */
    assert_int_equal(r.n_over, 1);
    assert_string_equal(r.nationality.rows[r.over[0]].key, "SE");
    assert_float_equal(r.nationality.rows[r.over[0]].ratio, 2.4, 1e-12);
    rs_report_free(&r);

    /* Make FR over too, with a lower ratio than SE. */
    sql(s, "UPDATE missions SET days=60 WHERE expert_id='B1';"
           "UPDATE experts SET nationalities='DK' WHERE id IN ('B2','B3')");
    compute(s, RS_REPORT_ALL_TIME, &r);
    /* FR: 75% of days, 16.7% of roster (4.5); SE: 25%, 16.7% (1.5). */
    assert_int_equal(r.n_over, 2);
    assert_string_equal(r.nationality.rows[r.over[0]].key, "FR");
    assert_string_equal(r.nationality.rows[r.over[1]].key, "SE");
    assert_float_equal(r.nationality.rows[r.over[1]].ratio, 1.5, 1e-12);
    rs_report_free(&r);
}

/* Columns as a damaged or hand-edited store may hold them. */
static void odd_columns(void **state)
{
    scratch *s = *state;
    put_roster(s);
    sql(s, "UPDATE experts SET nationalities='' WHERE id='A5';"
           "UPDATE experts SET languages='fr:C1 fr:B2 en xx: :C2 de:C2extra-long' WHERE id='A8';"
           "UPDATE experts SET status='astronaut' WHERE id='A7'");
    rs_report r;
    compute(s, RS_REPORT_ALL_TIME, &r);
    const rs_report_row *unknown = row(&r.nationality, "unknown");
    assert_int_equal(unknown->experts, 1);
    assert_string_equal(unknown->label, "not given");
    /* A8's French counts once; the malformed entries not at all. */
    assert_int_equal(row(&r.language, "fr")->experts, 4);
    for (size_t i = 0; i < r.language.n; i++) {
        assert_string_not_equal(r.language.rows[i].key, "xx");
        assert_string_not_equal(r.language.rows[i].key, "unknown");
    }
    assert_int_equal(row(&r.language, "de")->experts, 1);
    /* An unknown sector keeps its name. */
    assert_string_equal(row(&r.sector, "astronaut")->label, "astronaut");
    rs_report_free(&r);
}

static void mission_of_no_expert(void **state)
{
    scratch *s = *state;
    put_roster(s);
    sql(s, "PRAGMA foreign_keys=OFF; INSERT INTO missions(expert_id,nationality,country,start,"
           "days) VALUES('ZZ9','ES','FR',20000,5)");
    rs_report r;
    char err[256];
    assert_int_equal(rs_report_compute(s->store, RS_REPORT_ALL_TIME, &r, err, sizeof err),
                     RS_ERR_CORRUPT);
    assert_non_null(strstr(err, "'ZZ9'"));
    rs_report_free(&r);
}

static void store_failure(void **state)
{
    scratch *s = *state;
    put_roster(s);
    sql(s, "DROP TABLE missions");
    rs_report r;
    char err[256];
    assert_int_equal(rs_report_compute(s->store, RS_REPORT_ALL_TIME, &r, err, sizeof err),
                     RS_ERR_IO);
    assert_non_null(strstr(err, "read missions"));
    assert_non_null(strstr(err, "missions"));
    rs_report_free(&r);

    sql(s, "DROP TABLE experts");
    assert_int_equal(rs_report_compute(s->store, RS_REPORT_ALL_TIME, &r, err, sizeof err),
                     RS_ERR_IO);
    assert_non_null(strstr(err, "read experts"));
    rs_report_free(&r);
}

static double real_at(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    assert_true(json_is_number(v));
    return json_number_value(v);
}

static void json_output(void **state)
{
    scratch *s = *state;
    put_roster(s);
    rs_report r;
    compute(s, day("2024-01-01"), &r);
    json_t *j = rs_report_json(&r);
    assert_non_null(j);
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "period"), "since")),
                        "2024-01-01");
    assert_int_equal(json_integer_value(json_object_get(j, "experts")), 8);
    assert_int_equal(json_integer_value(json_object_get(j, "mobilised")), 4);
    assert_int_equal(json_integer_value(json_object_get(j, "missions")), 4);
    assert_int_equal(json_integer_value(json_object_get(j, "days")), 80);

    json_t *nat = json_object_get(j, "nationality");
    assert_int_equal(json_array_size(nat), 6);
    json_t *fr = json_array_get(nat, 0);
    assert_string_equal(json_string_value(json_object_get(fr, "key")), "FR");
    assert_string_equal(json_string_value(json_object_get(fr, "label")), "France");
    assert_int_equal(json_integer_value(json_object_get(fr, "experts")), 2);
    assert_int_equal(json_integer_value(json_object_get(fr, "days")), 50);
    assert_float_equal(real_at(fr, "experts_share"), 0.25, 1e-12);
    assert_float_equal(real_at(fr, "days_share"), 0.625, 1e-12);
    assert_float_equal(real_at(fr, "mobilised_share"), 0.5, 1e-12);
    assert_float_equal(real_at(fr, "days_to_roster"), 2.5, 1e-12);
    assert_int_equal(json_integer_value(json_object_get(fr, "missions")), 2);
    assert_int_equal(json_array_size(json_object_get(j, "gender")), 4);
    assert_int_equal(json_array_size(json_object_get(j, "sector")), 6);
    assert_int_equal(json_array_size(json_object_get(j, "language")), 7);

    json_t *c = json_object_get(j, "concentration");
    json_t *top = json_object_get(c, "top2");
    assert_int_equal(json_array_size(top), 2);
    assert_string_equal(json_string_value(json_array_get(top, 0)), "FR");
    assert_string_equal(json_string_value(json_array_get(top, 1)), "ES");
    assert_float_equal(real_at(c, "top2_share"), 0.9375, 1e-12);
    assert_float_equal(real_at(c, "hhi"), 0.4922, 1e-12); /* 0.4921875, 4 decimals */
    assert_int_equal(json_integer_value(json_object_get(c, "hhi_10000")), 4922);

    json_t *o = json_object_get(j, "over_represented");
    assert_float_equal(real_at(o, "ratio_above"), 1.25, 0);
    assert_int_equal(json_integer_value(json_object_get(o, "min_days")), 10);
    json_t *list = json_object_get(o, "nationalities");
    assert_int_equal(json_array_size(list), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(list, 0), "key")), "FR");
    assert_float_equal(real_at(json_array_get(list, 0), "ratio"), 2.5, 1e-12);

    json_t *notes = json_object_get(j, "notes");
    assert_true(json_array_size(notes) >= 1);
    assert_non_null(strstr(json_string_value(json_array_get(notes, 0)), "first one listed"));
    json_decref(j);
    rs_report_free(&r);
}

static void text_output(void **state)
{
    scratch *s = *state;
    put_roster(s);
    rs_report r;
    compute(s, RS_REPORT_ALL_TIME, &r);
    char *text = capture(&r, NULL, 0);
    assert_non_null(strstr(text, "Roster: 8 experts"));
    assert_non_null(strstr(text, "Missions (all on record): 6 missions, 105 days, 5 experts "
                                 "mobilised (62.5% of the roster)"));
    /* FR: 2 experts, 25.0% | 2 mobilised, 3 missions, 60 days, 57.1% | 2.29 (the share of
     * mobilised experts, 40%, only in JSON). */
    assert_non_null(strstr(text, "FR  France"));
    assert_non_null(strstr(text, "      2    25.0% |         2        3        60   57.1% |"
                                 "        2.29\n"));
    assert_non_null(strstr(text, " experts % roster | mobilised missions      days  % days |"
                                 " days/roster\n"));
    assert_non_null(strstr(text, "top 2:            95.2% (FR 57.1%, ES 38.1%)"));
    assert_non_null(strstr(text, "Herfindahl index: 0.474 (4,739 of 10,000)"));
    assert_non_null(strstr(text, "FR  France"));
    assert_non_null(strstr(text, "57.1% of days,  25.0% of roster: ratio 2.29"));
    assert_non_null(strstr(text, "counts under the first one listed"));
    /* Every table row is aligned: the numbers start in the same column. */
    const char *a = strstr(text, "\nFR  France"), *b = strstr(text, "\nwomen");
    assert_non_null(a);
    assert_non_null(b);
    assert_int_equal(strchr(a + 1, '\n') - a, strchr(b + 1, '\n') - b);
    free(text);
    rs_report_free(&r);
}

static void text_since_and_long_names(void **state)
{
    scratch *s = *state;
    const char *const lines[] = {
        "{\"id\":\"C1\",\"name\":\"c\",\"nationalities\":[\"CD\"],\"missions\":["
        "{\"from\":\"2024-01-01\",\"days\":300},{\"from\":\"2024-02-01\",\"days\":300},"
        "{\"from\":\"2024-03-01\",\"days\":300},{\"from\":\"2024-04-01\",\"days\":300}]}",
        "{\"id\":\"C2\",\"name\":\"c\",\"nationalities\":[\"CI\"]}",
    };
    put_all(s, lines, 2);
    rs_report r;
    compute(s, day("2023-05-01"), &r);
    char *text = capture(&r, NULL, 0);
    assert_non_null(strstr(text, "Missions since 2023-05-01: 4 missions, 1,200 days, 1 expert mobilised"));
    /* 30 columns at most, cut with an ellipsis; accents count as one column. */
    assert_non_null(strstr(text, "CD  Congo, The Democratic Rep\u2026 "));
    assert_non_null(strstr(text, "CI  C\u00f4te d'Ivoire" "             " /* to 30 columns */
                                 "       1"));
    free(text);
    rs_report_free(&r);
}

/* ---- SVG ---- */

static void svg_chart(void **state)
{
    scratch *s = *state;
    put_roster(s);
    rs_report r;
    compute(s, RS_REPORT_ALL_TIME, &r);
    char *svg = capture(&r, "Days & <nationalities>", 1);
    assert_non_null(strstr(svg, "<?xml"));
    assert_non_null(strstr(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"860\""));
    assert_non_null(strstr(svg, "viewBox=\"0 0 860 "));
    assert_non_null(strstr(svg, "</svg>\n"));
    /* FR, ES, IT with days, then "other" for BE, DE, PT. */
    assert_int_equal(count(svg, "<rect"), 4);
    assert_non_null(strstr(svg, "France (FR)"));
    assert_non_null(strstr(svg, "other (3 nationalities)"));
    assert_non_null(strstr(svg, "60 days (57.1%)"));
    assert_non_null(strstr(svg, "Days &amp; &lt;nationalities&gt;"));
    assert_null(strstr(svg, "<nationalities>"));
    assert_null(strstr(svg, "& "));
    /* Every element opened is closed. */
    assert_int_equal(count(svg, "<text"), count(svg, "</text>"));
    assert_int_equal(count(svg, "<title>"), 1);
    free(svg);

    /* Labels are escaped too (a label from a future table may hold them). */
    r.nationality.rows[0].label = "A&B <x> \"q\" 'a'";
    svg = capture(&r, "t", 1);
    assert_non_null(strstr(svg, "A&amp;B &lt;x&gt; &quot;q&quot; &#39;a&#39; (FR)"));
    free(svg);
    rs_report_free(&r);
}

/* More nationalities than bars: the top RS_REPORT_SVG_BARS, then "other". */
static void svg_top_and_other(void **state)
{
    scratch *s = *state;
    static const char *const codes[] = {"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES",
                                        "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU"};
    const size_t n = sizeof codes / sizeof codes[0];
    char *lines[sizeof codes / sizeof codes[0]];
    for (size_t i = 0; i < n; i++)
        assert_true(asprintf(&lines[i], "{\"id\":\"D%02zu\",\"name\":\"d\",\"nationalities\":"
                                        "[\"%s\"],\"missions\":[{\"from\":\"2024-01-01\","
                                        "\"to\":\"2024-03-01\",\"days\":%zu}]}",
                             i, codes[i], 10 + i) > 0);
    put_all(s, (const char *const *)lines, n);
    for (size_t i = 0; i < n; i++) free(lines[i]);
    rs_report r;
    compute(s, RS_REPORT_ALL_TIME, &r);
    char *svg = capture(&r, "t", 1);
    assert_int_equal(count(svg, "<rect"), RS_REPORT_SVG_BARS + 1);
    /* The three smallest (AT 10, BE 11, BG 12 days) make "other": 33 days. */
    assert_non_null(strstr(svg, "other (3 nationalities)"));
    assert_non_null(strstr(svg, ">33 days ("));
    assert_null(strstr(svg, "(AT)"));
    assert_non_null(strstr(svg, "Luxembourg (LU)"));
    free(svg);
    rs_report_free(&r);
}

static void write_errors(void **state)
{
    scratch *s = *state;
    put_roster(s);
    rs_report r;
    compute(s, RS_REPORT_ALL_TIME, &r);
    FILE *f = fopen("/dev/null", "r"); /* every write fails */
    assert_non_null(f);
    assert_int_equal(rs_report_print(&r, f), -1);
    clearerr(f);
    assert_int_equal(rs_report_svg(&r, "t", f), -1);
    fclose(f);
    rs_report_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(each_summary_gives_columns, setup, teardown),
        cmocka_unit_test_setup_teardown(each_summary_stops_on_error, setup, teardown),
        cmocka_unit_test_setup_teardown(each_mission_in_range, setup, teardown),
        cmocka_unit_test_setup_teardown(each_mission_country_absent_and_stop, setup, teardown),
        cmocka_unit_test_setup_teardown(shares_all_time, setup, teardown),
        cmocka_unit_test_setup_teardown(gender_sector_language, setup, teardown),
        cmocka_unit_test_setup_teardown(since_filters_missions, setup, teardown),
        cmocka_unit_test_setup_teardown(empty_roster, setup, teardown),
        cmocka_unit_test_setup_teardown(roster_without_missions, setup, teardown),
        cmocka_unit_test_setup_teardown(over_needs_min_days, setup, teardown),
        cmocka_unit_test_setup_teardown(over_needs_min_share, setup, teardown),
        cmocka_unit_test_setup_teardown(over_sorted_by_ratio, setup, teardown),
        cmocka_unit_test_setup_teardown(odd_columns, setup, teardown),
        cmocka_unit_test_setup_teardown(mission_of_no_expert, setup, teardown),
        cmocka_unit_test_setup_teardown(store_failure, setup, teardown),
        cmocka_unit_test_setup_teardown(json_output, setup, teardown),
        cmocka_unit_test_setup_teardown(text_output, setup, teardown),
        cmocka_unit_test_setup_teardown(text_since_and_long_names, setup, teardown),
        cmocka_unit_test_setup_teardown(svg_chart, setup, teardown),
        cmocka_unit_test_setup_teardown(svg_top_and_other, setup, teardown),
        cmocka_unit_test_setup_teardown(write_errors, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
