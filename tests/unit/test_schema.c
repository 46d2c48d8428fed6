/*
 * The field table: the terms each property gives an expert, each query
 * builder's accepted and rejected values (with their messages), facet
 * values, and finding a prefix by name or by nearness.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/date.h"
#include "core/diag.h"
#include "core/record.h"
#include "core/schema.h"

/* ---- helpers ---- */

static void expert(const char *json, rs_expert *e)
{
    rs_diag d;
    rs_diag_init(&d);
    int rc = rs_expert_from_json_text(json, strlen(json), "test", 1, e, &d);
    if (rc) rs_diag_print(&d, stderr);
    rs_diag_free(&d);
    assert_int_equal(rc, 0);
}

static const rs_field *field(const char *name)
{
    const rs_field *f = rs_field_find(name, strlen(name));
    assert_non_null(f);
    return f;
}

/* The index-only entry (no query prefix). */
static const rs_field *unnamed_field(void)
{
    for (size_t i = 0; i < rs_n_fields; i++)
        if (!rs_fields[i].name) return &rs_fields[i];
    fail();
    return NULL;
}

/* Terms emitted, joined by spaces. */
typedef struct { char text[16384]; size_t n; int count; int fail_after; } terms;

static int add_term(const char *term, void *arg)
{
    terms *t = arg;
    if (t->fail_after >= 0 && t->count == t->fail_after) return 1;
    t->n += (size_t)snprintf(t->text + t->n, sizeof t->text - t->n, "%s%s", t->n ? " " : "", term);
    t->count++;
    return 0;
}

static void assert_terms(const rs_field *f, const rs_expert *e, const char *want)
{
    terms t = {.fail_after = -1};
    assert_int_equal(f->terms(e, add_term, &t), 0);
    assert_string_equal(t.text, want);
}

/* A failing emit stops the property at once with a failure. */
static void assert_emit_failure_stops(const rs_field *f, const rs_expert *e, int after)
{
    terms t = {.fail_after = after};
    assert_int_not_equal(f->terms(e, add_term, &t), 0);
    assert_int_equal(t.count, after);
}

/* Xapian's description of prefix:value, or the builder's message. */
static void assert_query(const char *prefix, const char *value, const char *want)
{
    char err[256] = "";
    xc_query *q = field(prefix)->query(value, err, sizeof err);
    if (!q) {
        fprintf(stderr, "%s:%s: %s\n", prefix, value, err);
        fail();
    }
    char *d = xc_query_describe(q);
    assert_string_equal(d, want);
    free(d);
    xc_query_free(q);
}

static void assert_rejected(const char *prefix, const char *value, const char *want)
{
    char err[256] = "";
    xc_query *q = field(prefix)->query(value, err, sizeof err);
    assert_null(q);
    assert_string_equal(err, want);
}

static void assert_facet(const char *prefix, const rs_expert *e, const char *want)
{
    char buf[256];
    memset(buf, 'x', sizeof buf);
    field(prefix)->facet_value(e, buf, sizeof buf);
    assert_string_equal(buf, want);
}

static const char FULL[] =
    "{\"id\":\"EXP-00042\",\"name\":\"Ana\",\"gender\":\"F\",\"nationalities\":[\"PT\",\"ES\"],"
    "\"status\":\"retired_public\","
    "\"languages\":[{\"code\":\"fr\",\"level\":\"B1\"},{\"code\":\"en\",\"level\":\"native\"}],"
    "\"fields\":[\"E.10.01\",\"B\",\"E.20\"],\"competences\":[\"2.1\",\"X\"],"
    "\"experience\":[{\"from\":\"2010-01\",\"country\":\"MA\"},{\"from\":\"2011-01\"}],"
    "\"missions\":[{\"country\":\"SN\",\"from\":\"2026-01-10\",\"days\":10},"
    "{\"country\":\"CV\",\"from\":\"2026-06-02\",\"days\":5},{\"from\":\"2026-06-20\"}],"
    "\"unavailable\":[{\"from\":\"2027-03-30\",\"to\":\"2027-04-02\"}]}";

static const char BARE[] = "{\"id\":\"b\",\"name\":\"Bare\",\"nationalities\":[\"FR\"]}";

/* ---- terms ---- */

static void test_code_terms(void **state)
{
    (void)state;
    rs_expert e;
    expert(FULL, &e);
    /* Every level of each code, so a parent code finds its children. */
    assert_terms(field("field"), &e, "XFE XFE.10 XFE.10.01 XFB XFE XFE.20");
    assert_terms(field("comp"), &e, "XC2 XC2.1 XCX");
    assert_emit_failure_stops(field("field"), &e, 2);
    assert_emit_failure_stops(field("comp"), &e, 0);
    rs_expert_free(&e);
    expert(BARE, &e);
    assert_terms(field("field"), &e, "");
    assert_terms(field("comp"), &e, "");
    rs_expert_free(&e);
}

static void test_language_terms(void **state)
{
    (void)state;
    rs_expert e;
    expert(FULL, &e);
    /* The expert's level only: lang:fr>=A2 ORs the levels from A2 up. */
    assert_terms(field("lang"), &e, "Lfr XLfr:B1 Len XLen:native");
    assert_emit_failure_stops(field("lang"), &e, 0);
    assert_emit_failure_stops(field("lang"), &e, 1);
    assert_emit_failure_stops(field("lang"), &e, 2);
    rs_expert_free(&e);
}

static void test_people_terms(void **state)
{
    (void)state;
    rs_expert e;
    expert(FULL, &e);
    assert_terms(field("nat"), &e, "NPT NES");
    /* Countries of missions, then of experience; items without one add nothing. */
    assert_terms(field("country"), &e, "KSN KCV KMA");
    assert_terms(field("sector"), &e, "Sretired_public");
    assert_terms(field("gender"), &e, "GF");
    assert_terms(field("id"), &e, "QEXP-00042");
    assert_emit_failure_stops(field("nat"), &e, 1);
    assert_emit_failure_stops(field("country"), &e, 0);
    assert_emit_failure_stops(field("country"), &e, 2);
    assert_emit_failure_stops(field("sector"), &e, 0);
    assert_emit_failure_stops(field("gender"), &e, 0);
    assert_emit_failure_stops(field("id"), &e, 0);
    rs_expert_free(&e);
    expert(BARE, &e);
    assert_terms(field("country"), &e, "");
    assert_terms(field("sector"), &e, "");
    assert_terms(field("gender"), &e, "");
    rs_expert_free(&e);
}

static void test_availability_terms(void **state)
{
    (void)state;
    rs_expert e;
    expert(FULL, &e);
    assert_terms(field("avail"), &e,
                 "XUM2027-03 XUD2027-03-30 XUD2027-03-31 XUM2027-04 XUD2027-04-01 XUD2027-04-02");
    assert_emit_failure_stops(field("avail"), &e, 0);
    assert_emit_failure_stops(field("avail"), &e, 1);
    assert_emit_failure_stops(field("avail"), &e, 3);
    rs_expert_free(&e);

    /* Months wholly inside a period get XUF instead of their days. */
    expert("{\"id\":\"p\",\"name\":\"P\",\"nationalities\":[\"FR\"],\"unavailable\":["
           "{\"from\":\"2027-01-30\",\"to\":\"2027-03-02\"},"
           "{\"from\":\"2028-02\",\"to\":\"2028-02\"}]}", &e);
    assert_terms(field("avail"), &e,
                 "XUM2027-01 XUD2027-01-30 XUD2027-01-31 XUM2027-02 XUF2027-02 "
                 "XUM2027-03 XUD2027-03-01 XUD2027-03-02 XUM2028-02 XUF2028-02");
    assert_emit_failure_stops(field("avail"), &e, 4);
    rs_expert_free(&e);

    /* A period of years is indexed to its end, two terms a month. */
    expert("{\"id\":\"l\",\"name\":\"L\",\"nationalities\":[\"FR\"],"
           "\"unavailable\":[{\"from\":\"2027-01-01\",\"to\":\"2035-12-31\"}]}", &e);
    terms t = {.fail_after = -1};
    assert_int_equal(field("avail")->terms(&e, add_term, &t), 0);
    assert_int_equal(t.count, 9 * 12 * 2);
    assert_non_null(strstr(t.text, "XUM2027-01 XUF2027-01 XUM2027-02 "));
    assert_non_null(strstr(t.text, " XUM2035-12 XUF2035-12"));
    assert_null(strstr(t.text, "XUD"));
    rs_expert_free(&e);
}

static void test_load_terms(void **state)
{
    (void)state;
    rs_expert e;
    expert(FULL, &e);
    /* Days of missions started in the 12 months ending with each month:
     * January's 10 days count through December, June's 5 (and the one day
     * of an open mission without a count) through next May. */
    assert_terms(unnamed_field(), &e,
                 "XLD2026-01:010 XLD2026-02:010 XLD2026-03:010 XLD2026-04:010 XLD2026-05:010 "
                 "XLD2026-06:016 XLD2026-07:016 XLD2026-08:016 XLD2026-09:016 XLD2026-10:016 "
                 "XLD2026-11:016 XLD2026-12:016 "
                 "XLD2027-01:006 XLD2027-02:006 XLD2027-03:006 XLD2027-04:006 XLD2027-05:006");
    assert_emit_failure_stops(unnamed_field(), &e, 3);
    rs_expert_free(&e);
    expert(BARE, &e);
    assert_terms(unnamed_field(), &e, "");
    rs_expert_free(&e);

    /* Loads above 999 days are capped to keep three digits. */
    expert("{\"id\":\"h\",\"name\":\"H\",\"nationalities\":[\"FR\"],\"missions\":["
           "{\"from\":\"2020-01-01\",\"days\":366},{\"from\":\"2020-02-01\",\"days\":366},"
           "{\"from\":\"2020-03-01\",\"days\":366}]}", &e);
    terms t = {.fail_after = -1};
    assert_int_equal(unnamed_field()->terms(&e, add_term, &t), 0);
    assert_non_null(strstr(t.text, "XLD2020-01:366 XLD2020-02:732 XLD2020-03:999 "));
    assert_non_null(strstr(t.text, " XLD2021-02:366"));
    assert_int_equal(t.count, 14);
    rs_expert_free(&e);
}

/* The load terms, made once per stretch between missions' months, are the
 * ones rs_load_days gives month by month, on random mission histories
 * (missions in the same month, a year apart, years apart). */
static void test_load_terms_month_by_month(void **state)
{
    (void)state;
    srand(7);
    int32_t base;
    assert_int_equal(rs_date_parse("2018-01-01", 0, &base), 0);
    for (int round = 0; round < 300; round++) {
        rs_expert e = {0};
        e.n_missions = (size_t)(1 + rand() % 6);
        e.missions = calloc(e.n_missions, sizeof *e.missions);
        assert_non_null(e.missions);
        int spread = round % 3 == 0 ? 60 : round % 3 == 1 ? 800 : 4000; /* days */
        for (size_t i = 0; i < e.n_missions; i++) {
            e.missions[i].when.from = base + rand() % spread;
            e.missions[i].when.to = e.missions[i].when.from + rand() % 20;
            e.missions[i].days = rand() % 4 ? rand() % 30 : 0;
        }
        terms want = {.fail_after = -1}, got = {.fail_after = -1};
        for (int32_t day = base - 31; day < base + spread + 400; day++) {
            char date[11];
            rs_date_format(day, date);
            if (strcmp(date + 8, "01") != 0) continue;
            int load = rs_load_days(&e, day);
            if (load <= 0) continue;
            int32_t before = day - 1; /* the month the term is named after */
            char month[11], term[32];
            rs_date_format(before, month);
            snprintf(term, sizeof term, "XLD%.7s:%03d", month, load > 999 ? 999 : load);
            add_term(term, &want);
        }
        assert_int_equal(unnamed_field()->terms(&e, add_term, &got), 0);
        assert_string_equal(got.text, want.text);
        rs_expert_free(&e);
    }
}

/* ---- queries ---- */

static void test_field_queries(void **state)
{
    (void)state;
    assert_query("field", "E", "Query(XFE)");
    assert_query("field", "e.10", "Query(XFE.10)");
    assert_query("field", "E.10.01", "Query(XFE.10.01)");
    assert_rejected("field", "E.1", "malformed field code 'E.1' (e.g. E, E.10, E.10.01)");
    assert_rejected("field", "", "malformed field code '' (e.g. E, E.10, E.10.01)");
    assert_rejected("field", "EE", "malformed field code 'EE' (e.g. E, E.10, E.10.01)");
    assert_rejected("field", "E.10.01.02.03.04", "malformed field code 'E.10.01.02.03.04'");
    assert_query("comp", "2", "Query(XC2)");
    assert_query("comp", "2.1", "Query(XC2.1)");
    assert_query("comp", "x", "Query(XCX)");
    assert_rejected("comp", "0", "malformed competence code '0' (e.g. 2, 2.1, X)");
    assert_rejected("comp", "2.", "malformed competence code '2.' (e.g. 2, 2.1, X)");
    assert_rejected("comp", "2.1.1.1.1.1.1.1.1", "malformed competence code '2.1.1.1.1.1.1.1.1'");
}

static void test_language_queries(void **state)
{
    (void)state;
    assert_query("lang", "fr", "Query(Lfr)");
    assert_query("lang", "FR", "Query(Lfr)");
    assert_query("lang", "fr>=C1", "Query((XLfr:C1 OR XLfr:C2 OR XLfr:native))");
    assert_query("lang", "fr>=b2", "Query((XLfr:B2 OR XLfr:C1 OR XLfr:C2 OR XLfr:native))");
    assert_query("lang", "en>=A1",
                 "Query((XLen:A1 OR XLen:A2 OR XLen:B1 OR XLen:B2 OR XLen:C1 OR XLen:C2 OR "
                 "XLen:native))");
    assert_query("lang", "en>=native", "Query(XLen:native)");
    /* Names in the four languages, as nat: takes country names. */
    assert_query("lang", "french", "Query(Lfr)");
    assert_query("lang", "Français>=C1", "Query((XLfr:C1 OR XLfr:C2 OR XLfr:native))");
    assert_query("lang", "Spanish", "Query(Les)");
    assert_query("lang", "espanol", "Query(Les)");
    assert_query("lang", "Haitian Creole", "Query(Lht)");
    assert_rejected("lang", "Frnch>=C1", "unknown language 'Frnch' (did you mean fr, French?)");
    assert_rejected("lang", "Klingon", "unknown language 'Klingon' (ISO 639-1 code or name, "
                                       "e.g. fr, French or français)");
    assert_rejected("lang", "French>C1", "bad language 'French>C1': a level is asked as at or "
                                         "above it, with >= (e.g. fr>=C1)");
    assert_rejected("lang", "fr>C1",
                    "bad language 'fr>C1': a level is asked as at or above it, with >= (e.g. fr>=C1)");
    assert_rejected("lang", "fr=C1",
                    "bad language 'fr=C1': a level is asked as at or above it, with >= (e.g. fr>=C1)");
    assert_rejected("lang", ">=C1", "bad language '>=C1' (ISO 639-1 code or name, e.g. fr, "
                                    "French or fr>=C1)");
    assert_rejected("lang", "xx", "unknown language code 'xx'");
    assert_rejected("lang", "fr>=D1", "bad CEFR level 'D1' (A1..C2 or native)");
    assert_rejected("lang", "fr>=", "bad CEFR level '' (A1..C2 or native)");
}

static void test_country_queries(void **state)
{
    (void)state;
    assert_query("nat", "ES", "Query(NES)");
    assert_query("nat", "es", "Query(NES)");
    assert_query("nat", "Spain", "Query(NES)");
    assert_query("nat", "XK", "Query(NXK)");
    assert_query("country", "sn", "Query(KSN)");
    assert_query("country", "Senegal", "Query(KSN)");
    assert_rejected("nat", "Spian", "unknown country 'Spian' (did you mean ES, Spain?)");
    assert_rejected("country", "Narnia", "unknown country 'Narnia'");
    assert_rejected("nat", "", "unknown country ''");
}

/* Well-formed codes outside the taxonomy are searched, with a warning. */
static void test_unknown_codes(void **state)
{
    (void)state;
    char msg[128] = "";
    assert_int_equal(field("field")->unknown("e.11", msg, sizeof msg), 1);
    assert_string_equal(msg, "unknown field code 'E.11' (not in the taxonomy)");
    assert_int_equal(field("comp")->unknown("3.9", msg, sizeof msg), 1);
    assert_string_equal(msg, "unknown competence code '3.9' (not in the taxonomy)");
    assert_int_equal(field("field")->unknown("E.10.01", msg, sizeof msg), 0);
    assert_int_equal(field("field")->unknown("e", msg, sizeof msg), 0);
    assert_int_equal(field("field")->unknown("O", msg, sizeof msg), 0); /* above O.30.01 */
    assert_int_equal(field("comp")->unknown("x", msg, sizeof msg), 0);
    for (size_t i = 0; i < rs_n_fields; i++)
        if (rs_fields[i].name && strcmp(rs_fields[i].name, "field") != 0 &&
            strcmp(rs_fields[i].name, "comp") != 0)
            assert_null(rs_fields[i].unknown);
}

static void test_other_queries(void **state)
{
    (void)state;
    assert_query("sector", "public", "Query(Spublic)");
    assert_query("sector", "international_org", "Query(Sinternational_org)");
    assert_query("sector", "Public", "Query(Spublic)"); /* any case, as gender: */
    assert_query("sector", "RETIRED_PUBLIC", "Query(Sretired_public)");
    assert_rejected("sector", "Publik",
                    "unknown sector 'Publik' (public, retired_public, mandated_body, "
                    "social_partner, academic, private, international_org)");
    assert_rejected("sector", "international_organisation_public_x",
                    "unknown sector 'international_organisation_public_x' (public, "
                    "retired_public, mandated_body, social_partner, academic, private, "
                    "international_org)");
    assert_query("gender", "F", "Query(GF)");
    assert_query("gender", "m", "Query(GM)");
    assert_query("gender", "X", "Query(GX)");
    assert_rejected("gender", "W", "bad gender 'W' (F, M or X)");
    assert_rejected("gender", "FM", "bad gender 'FM' (F, M or X)");
    assert_rejected("gender", "", "bad gender '' (F, M or X)");
    assert_query("id", "EXP-00042", "Query(QEXP-00042)");
    assert_query("id", "a.b_c-9", "Query(Qa.b_c-9)");
    assert_rejected("id", "a b", "bad expert id 'a b'");
    assert_rejected("id", "", "bad expert id ''");
    char longid[RS_ID_MAX + 2];
    memset(longid, 'a', RS_ID_MAX + 1);
    longid[RS_ID_MAX + 1] = 0;
    char want[128];
    snprintf(want, sizeof want, "bad expert id '%s'", longid);
    assert_rejected("id", longid, want);
    longid[RS_ID_MAX] = 0;
    char term[RS_ID_MAX + 16];
    snprintf(term, sizeof term, "Query(Q%s)", longid);
    assert_query("id", longid, term);
}

static void test_avail_queries(void **state)
{
    (void)state;
    /* Whole months by their month term, the rest day by day. */
    assert_query("avail", "2027-03-30..2027-05-02",
                 "Query((<alldocuments> AND_NOT (XUF2027-03 OR XUD2027-03-30 OR XUD2027-03-31 OR "
                 "XUM2027-04 OR XUF2027-05 OR XUD2027-05-01 OR XUD2027-05-02)))");
    assert_query("avail", "2027-03..2027-04",
                 "Query((<alldocuments> AND_NOT (XUM2027-03 OR XUM2027-04)))");
    assert_query("avail", "2027-03-05..2027-03-05",
                 "Query((<alldocuments> AND_NOT (XUF2027-03 OR XUD2027-03-05)))");
    /* One day, or a whole month, as the ranges of that day or month. */
    assert_query("avail", "2027-03-05",
                 "Query((<alldocuments> AND_NOT (XUF2027-03 OR XUD2027-03-05)))");
    assert_query("avail", "2027-03", "Query((<alldocuments> AND_NOT XUM2027-03))");
    assert_rejected("avail", "2027-02-30",
                    "bad date '2027-02-30' (expected YYYY-MM-DD or YYYY-MM, or FROM..TO)");
    assert_rejected("avail", "soon", "bad date 'soon' (expected YYYY-MM-DD or YYYY-MM, or FROM..TO)");
    assert_rejected("avail", "2027-03-01-2027-03-20-and-more..x",
                    "bad range '2027-03-01-2027-03-20-and-more..x' (FROM..TO, e.g. "
                    "2027-03-01..2027-03-20)");
    assert_rejected("avail", "2027-03-01..2027-03-20-and-more",
                    "bad range '2027-03-01..2027-03-20-and-more' (FROM..TO, e.g. "
                    "2027-03-01..2027-03-20)");
    assert_rejected("avail", "..2027-03-20", "bad date '' (expected YYYY-MM-DD or YYYY-MM)");
    assert_rejected("avail", "2027-02-30..2027-03-01", "bad date '2027-02-30' (expected YYYY-MM-DD or YYYY-MM)");
    assert_rejected("avail", "2027-03-01..soon", "bad date 'soon' (expected YYYY-MM-DD or YYYY-MM)");
    assert_rejected("avail", "2027-03-20..2027-03-01",
                    "range '2027-03-20..2027-03-01' ends before it starts");
    assert_rejected("avail", "2027-01-01..2029-12-31",
                    "range '2027-01-01..2029-12-31' is longer than two years");
    /* Two years exactly is still accepted. */
    char err[128];
    xc_query *q = field("avail")->query("2027-01-01..2029-01-02", err, sizeof err);
    assert_non_null(q);
    xc_query_free(q);

    int32_t from, to;
    assert_int_equal(rs_date_parse("2028-02-28", 0, &from), 0);
    assert_int_equal(rs_date_parse("2028-03-01", 0, &to), 0);
    q = rs_avail_query(from, to); /* a leap day in between */
    char *d = xc_query_describe(q);
    assert_string_equal(d, "Query((<alldocuments> AND_NOT (XUF2028-02 OR XUD2028-02-28 OR "
                           "XUD2028-02-29 OR XUF2028-03 OR XUD2028-03-01)))");
    free(d);
    xc_query_free(q);
    /* The complement, for the matcher: experts with an unavailable day. */
    q = rs_unavailable_query(from, to);
    d = xc_query_describe(q);
    assert_string_equal(d, "Query((XUF2028-02 OR XUD2028-02-28 OR XUD2028-02-29 OR XUF2028-03 OR "
                           "XUD2028-03-01))");
    free(d);
    xc_query_free(q);
}

/* ---- facet values ---- */

static void test_facet_values(void **state)
{
    (void)state;
    rs_expert e;
    expert(FULL, &e);
    assert_facet("nat", &e, "ES PT");             /* sorted */
    assert_facet("lang", &e, "en fr");
    assert_facet("field", &e, "B E");             /* letters, once each */
    assert_facet("sector", &e, "retired_public");
    assert_facet("gender", &e, "F");
    /* A buffer too small keeps whole values only (the first that fit). */
    char small[4];
    field("nat")->facet_value(&e, small, sizeof small);
    assert_string_equal(small, "PT");
    field("field")->facet_value(&e, small, sizeof small);
    assert_string_equal(small, "B E");
    /* All facets in the one slot, each value after its facet's key. */
    char slot[RS_FACETS_VALUE_MAX];
    rs_facet_tokens(&e, NULL, slot, sizeof slot);
    assert_string_equal(slot, "fB fE len lfr nES nPT sretired_public gF");
    char cut[12]; /* whole tokens only */
    rs_facet_tokens(&e, NULL, cut, sizeof cut);
    assert_string_equal(cut, "fB fE len");
    /* One facet's alone, for its own slot. */
    rs_facet_tokens(&e, field("lang"), slot, sizeof slot);
    assert_string_equal(slot, "len lfr");
    rs_facet_tokens(&e, field("nat"), slot, sizeof slot);
    assert_string_equal(slot, "nES nPT");
    rs_expert_free(&e);

    expert("{\"id\":\"d\",\"name\":\"D\",\"nationalities\":[\"FR\",\"DE\",\"AT\"],"
           "\"languages\":[{\"code\":\"fr\",\"level\":\"A1\"},{\"code\":\"de\",\"level\":\"B1\"}]}",
           &e);
    assert_facet("nat", &e, "AT DE FR");
    assert_facet("lang", &e, "de fr");
    rs_expert_free(&e);

    expert(BARE, &e);
    rs_facet_tokens(&e, field("lang"), slot, sizeof slot);
    assert_string_equal(slot, "");
    assert_facet("lang", &e, "");
    assert_facet("field", &e, "");
    assert_facet("sector", &e, "");
    assert_facet("gender", &e, "");
    rs_facet_tokens(&e, NULL, slot, sizeof slot);
    assert_string_equal(slot, "nFR");
    rs_expert_free(&e);
}

/* ---- the table ---- */

static void test_table(void **state)
{
    (void)state;
    int facets = 0, unnamed = 0;
    for (size_t i = 0; i < rs_n_fields; i++) {
        const rs_field *f = &rs_fields[i];
        assert_non_null(f->terms);
        assert_non_null(f->help);
        if (!f->name) {
            unnamed++;
            assert_null(f->query);
            continue;
        }
        assert_non_null(f->query);
        assert_non_null(f->example);
        /* The help's example is accepted by its own field. */
        size_t n = strlen(f->name);
        assert_memory_equal(f->example, f->name, n);
        assert_int_equal(f->example[n], ':');
        char err[256] = "";
        xc_query *q = f->query(f->example + n + 1, err, sizeof err);
        assert_non_null(q);
        xc_query_free(q);
        assert_ptr_equal(rs_field_find(f->name, n), f);
        if (f->facet) {
            facets++;
            assert_non_null(f->facet_value);
            assert_non_null(f->facet_prefix);
            assert_true(f->facet_key >= 'a' && f->facet_key <= 'z');
            /* A slot of its own: not the slot of them all, nor another's. */
            assert_int_not_equal(f->facet_slot, RS_SLOT_FACETS);
            for (const rs_field *g = rs_fields; g < f; g++) {
                assert_true(!g->facet || g->facet_key != f->facet_key); /* keys differ */
                assert_true(!g->facet || g->facet_slot != f->facet_slot);
            }
        } else {
            assert_null(f->facet_value);
            assert_null(f->facet_prefix);
            assert_int_equal(f->facet_key, 0);
            assert_int_equal(f->facet_slot, 0);
        }
    }
    assert_int_equal(unnamed, 1);
    assert_int_equal(facets, 5); /* the spec's facets */
    assert_string_equal(field("nat")->facet, "nationality");
    assert_string_equal(field("lang")->facet, "language");
    assert_string_equal(field("field")->facet, "field");
    assert_string_equal(field("sector")->facet, "sector");
    assert_string_equal(field("gender")->facet, "gender");
    /* Codes weigh in ranking (the matcher ORs them); the rest are boolean. */
    for (size_t i = 0; i < rs_n_fields; i++) {
        const char *n = rs_fields[i].name;
        int codes = n && (strcmp(n, "field") == 0 || strcmp(n, "comp") == 0);
        assert_int_equal(rs_fields[i].weighted, codes);
    }
}

static void test_find(void **state)
{
    (void)state;
    assert_string_equal(rs_field_find("field", 5)->name, "field");
    assert_string_equal(rs_field_find("FIELD", 5)->name, "field");
    assert_string_equal(rs_field_find("Nat", 3)->name, "nat");
    /* The length bounds the name: "natural" read as its first 3 bytes. */
    assert_string_equal(rs_field_find("natural", 3)->name, "nat");
    assert_null(rs_field_find("natural", 7));
    assert_null(rs_field_find("fiel", 4));
    assert_null(rs_field_find("", 0));
}

static void test_nearest(void **state)
{
    (void)state;
    assert_string_equal(rs_field_nearest("feild", 5)->name, "field");
    assert_string_equal(rs_field_nearest("FIELDS", 6)->name, "field");
    assert_string_equal(rs_field_nearest("lnag", 4)->name, "lang");
    assert_string_equal(rs_field_nearest("contry", 6)->name, "country");
    assert_string_equal(rs_field_nearest("sectr", 5)->name, "sector");
    assert_string_equal(rs_field_nearest("gendre", 6)->name, "gender");
    assert_string_equal(rs_field_nearest("avai", 4)->name, "avail");
    assert_string_equal(rs_field_nearest("nati", 4)->name, "nat");
    /* Farther than two edits: no suggestion. */
    assert_null(rs_field_nearest("xyzzy", 5));
    assert_null(rs_field_nearest("nationality", 11));
    /* A very long name is cut, not overrun. */
    char longname[300];
    memset(longname, 'q', sizeof longname);
    assert_null(rs_field_nearest(longname, sizeof longname));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_code_terms),
        cmocka_unit_test(test_language_terms),
        cmocka_unit_test(test_people_terms),
        cmocka_unit_test(test_availability_terms),
        cmocka_unit_test(test_load_terms),
        cmocka_unit_test(test_load_terms_month_by_month),
        cmocka_unit_test(test_field_queries),
        cmocka_unit_test(test_language_queries),
        cmocka_unit_test(test_country_queries),
        cmocka_unit_test(test_unknown_codes),
        cmocka_unit_test(test_other_queries),
        cmocka_unit_test(test_avail_queries),
        cmocka_unit_test(test_facet_values),
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_find),
        cmocka_unit_test(test_nearest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
