/*
 * Searching: exact totals, ranked hits with their profiles, exact facet
 * counts (multi-valued ones counted under each value), each facet counted
 * drill-sideways, and the order of facet values. The roster is generated
 * from formulas, and the expected counts are computed here from the same
 * formulas.
 */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/diag.h"
#include "indexer/datadir.h"
#include "query/query.h"
#include "query/search.h"
#include "tests/unit/scratch.h"

#define N_EXPERTS 60

/* ---- the generated roster ---- */

typedef struct {
    char id[16];
    const char *nat[2];  /* second NULL when single */
    const char *gender;  /* NULL: not given */
    const char *sector;
    const char *lang[2];
    const char *letters[3];
    int social;          /* summary says "social" */
} person;

static person people[N_EXPERTS];

static void make_person(int i, person *p)
{
    static const char *const nats[] = {"ES", "FR", "IT", "PT", "DE"};
    static const char *const sectors[] = {"public", "academic", "private", "social_partner"};
    memset(p, 0, sizeof *p);
    snprintf(p->id, sizeof p->id, "e%02d", i);
    p->nat[0] = nats[i % 5];
    if (i % 7 == 0) p->nat[1] = "BE";             /* dual nationality */
    p->gender = i % 6 == 5 ? NULL : i % 6 == 2 ? "X" : i % 2 ? "M" : "F";
    p->sector = sectors[i % 4];
    int nl = 0;
    if (i % 2) p->lang[nl++] = "en";
    if (i % 3 == 0) p->lang[nl++] = "fr";
    int nf = 0;
    if (i % 5 == 0) p->letters[nf++] = "B";
    if (i % 2 == 0) p->letters[nf++] = "E";
    if (i % 3 == 0) p->letters[nf++] = "A";
    p->social = i % 4 != 3;
}

static void json_of(const person *p, int i, char *buf, size_t size)
{
    size_t n = (size_t)snprintf(buf, size, "{\"id\":\"%s\",\"name\":\"Person %d\","
                                "\"nationalities\":[\"%s\"%s%s%s]", p->id, i, p->nat[0],
                                p->nat[1] ? ",\"" : "", p->nat[1] ? p->nat[1] : "",
                                p->nat[1] ? "\"" : "");
    if (p->gender) n += (size_t)snprintf(buf + n, size - n, ",\"gender\":\"%s\"", p->gender);
    n += (size_t)snprintf(buf + n, size - n, ",\"status\":\"%s\",\"languages\":[", p->sector);
    for (int k = 0; k < 2 && p->lang[k]; k++)
        n += (size_t)snprintf(buf + n, size - n, "%s{\"code\":\"%s\",\"level\":\"B2\"}",
                              k ? "," : "", p->lang[k]);
    n += (size_t)snprintf(buf + n, size - n, "],\"fields\":[");
    static const char *const code[] = {['A' - 'A'] = "A.35", ['B' - 'A'] = "B",
                                        ['E' - 'A'] = "E.10.01"};
    for (int k = 0; k < 3 && p->letters[k]; k++)
        n += (size_t)snprintf(buf + n, size - n, "%s\"%s\"", k ? "," : "",
                              code[p->letters[k][0] - 'A']);
    /* "social" once or, for every fifth, three times: ranks above the rest. */
    const char *summary = !p->social ? "Labour market policy."
                          : i % 5 == 1 ? "Social insurance, social funds, social dialogue."
                                       : "Social protection.";
    snprintf(buf + n, size - n, "],\"summary\":\"%s\"}\n", summary);
}

typedef struct {
    char dir[64];
    rs_data *roster;
    xc_db *db;
    rs_stemmers *stemmers;
} fixture;

static int setup_roster(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f) return -1;
    strcpy(f->dir, "/tmp/rs-search-XXXXXX");
    if (!mkdtemp(f->dir)) return -1;
    char input[128], data[128];
    snprintf(input, sizeof input, "%s/experts.jsonl", f->dir);
    snprintf(data, sizeof data, "%s/data", f->dir);
    FILE *fp = fopen(input, "w");
    if (!fp) return -1;
    for (int i = 0; i < N_EXPERTS; i++) {
        char line[1024];
        make_person(i, &people[i]);
        json_of(&people[i], i, line, sizeof line);
        fputs(line, fp);
    }
    fclose(fp);
    char *err = NULL, *paths[] = {input};
    if (rs_data_open(data, RS_OPEN_WRITE, &f->roster, &err)) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    rs_diag d;
    rs_import_stats st;
    rs_diag_init(&d);
    rs_status rc = rs_data_import(f->roster, paths, 1, 0, &d, &st, NULL, NULL);
    rs_diag_print(&d, stderr);
    rs_diag_free(&d);
    if (rc || st.imported != N_EXPERTS) return -1;
    f->db = rs_data_index(f->roster);
    f->stemmers = rs_stemmers_new();
    *state = f;
    return f->db && f->stemmers ? 0 : -1;
}

static int teardown_roster(void **state)
{
    fixture *f = *state;
    rs_data_close(f->roster);
    rs_stemmers_free(f->stemmers);
    int rc = rs_test_remove_tree(f->dir);
    free(f);
    return rc;
}

/* ---- expected counts ---- */

typedef int (*predicate)(const person *p);

static int has(const char *const *values, size_t n, const char *v)
{
    for (size_t i = 0; i < n; i++)
        if (values[i] && strcmp(values[i], v) == 0) return 1;
    return 0;
}

static int nat_es_fr(const person *p) { return has(p->nat, 2, "ES") || has(p->nat, 2, "FR"); }
static int female(const person *p) { return p->gender && strcmp(p->gender, "F") == 0; }
static int social(const person *p) { return p->social; }
static int everyone(const person *p) { (void)p; return 1; }
static int nat_es_fr_female(const person *p) { return nat_es_fr(p) && female(p); }
static int social_female(const person *p) { return social(p) && female(p); }
static int social_nat_es_fr(const person *p) { return social(p) && nat_es_fr(p); }
static int social_nat_es_fr_female(const person *p)
{
    return social(p) && nat_es_fr(p) && female(p);
}

static uint32_t count(predicate match)
{
    uint32_t n = 0;
    for (int i = 0; i < N_EXPERTS; i++) n += (uint32_t)match(&people[i]);
    return n;
}

/* The values of one facet of p. */
static size_t values_of(const person *p, const char *facet, const char *out[3])
{
    size_t n = 0;
    if (strcmp(facet, "nationality") == 0) {
        for (int k = 0; k < 2; k++) if (p->nat[k]) out[n++] = p->nat[k];
    } else if (strcmp(facet, "language") == 0) {
        for (int k = 0; k < 2; k++) if (p->lang[k]) out[n++] = p->lang[k];
    } else if (strcmp(facet, "field") == 0) {
        for (int k = 0; k < 3; k++) if (p->letters[k]) out[n++] = p->letters[k];
    } else if (strcmp(facet, "sector") == 0) {
        out[n++] = p->sector;
    } else if (strcmp(facet, "gender") == 0) {
        if (p->gender) out[n++] = p->gender;
    }
    return n;
}

/* How many experts matching `match` have `value` in `facet`. */
static uint32_t facet_count(predicate match, const char *facet, const char *value)
{
    uint32_t n = 0;
    for (int i = 0; i < N_EXPERTS; i++) {
        const char *v[3];
        size_t k = values_of(&people[i], facet, v);
        n += (uint32_t)(match(&people[i]) && has(v, k, value));
    }
    return n;
}

/* Distinct values of `facet` among experts matching `match`. */
static size_t facet_values(predicate match, const char *facet)
{
    const char *seen[32];
    size_t n = 0;
    for (int i = 0; i < N_EXPERTS; i++) {
        const char *v[3];
        size_t k = values_of(&people[i], facet, v);
        for (size_t j = 0; j < k && match(&people[i]); j++)
            if (!has(seen, n, v[j])) seen[n++] = v[j];
    }
    return n;
}

/* ---- helpers ---- */

static rs_results search_page(fixture *f, const char *text, size_t offset, size_t limit,
                              int facets)
{
    rs_query *q = NULL;
    char err[256] = "";
    int rc = rs_query_parse(text, f->stemmers, &q, err, sizeof err);
    if (rc) fprintf(stderr, "query '%s': %s\n", text, err);
    assert_int_equal(rc, 0);
    rs_results res;
    rc = rs_search(f->db, q, offset, limit, facets, &res, err, sizeof err);
    if (rc) fprintf(stderr, "search '%s': %s\n", text, err);
    assert_int_equal(rc, 0);
    rs_query_free(q);
    return res;
}

static rs_results search(fixture *f, const char *text, size_t limit, int facets)
{
    return search_page(f, text, 0, limit, facets);
}

static const rs_facet *facet(const rs_results *res, const char *name)
{
    for (size_t i = 0; i < res->n_facets; i++)
        if (strcmp(res->facets[i].name, name) == 0) return &res->facets[i];
    fail_msg("no facet %s", name);
    return NULL;
}

/* The facet's counts are exactly those of the experts matching `match`, in
 * order of count (descending), then value. */
static void assert_facet(const rs_results *res, const char *name, predicate match)
{
    const rs_facet *fc = facet(res, name);
    assert_int_equal(fc->n, facet_values(match, name));
    for (size_t i = 0; i < fc->n; i++) {
        uint32_t want = facet_count(match, name, fc->counts[i].value);
        if (fc->counts[i].count != want)
            fprintf(stderr, "facet %s value %s\n", name, fc->counts[i].value);
        assert_int_equal(fc->counts[i].count, want);
        assert_true(want > 0);
        if (i > 0) {
            const rs_facet_count *a = &fc->counts[i - 1], *b = &fc->counts[i];
            assert_true(a->count > b->count ||
                        (a->count == b->count && strcmp(a->value, b->value) < 0));
        }
    }
}

static uint32_t count_of(const rs_results *res, const char *name, const char *value)
{
    const rs_facet *fc = facet(res, name);
    for (size_t i = 0; i < fc->n; i++)
        if (strcmp(fc->counts[i].value, value) == 0) return fc->counts[i].count;
    return 0;
}

/* ---- tests ---- */

static void test_totals(void **state)
{
    fixture *f = *state;
    static const struct { const char *query; predicate match; } cases[] = {
        {"", everyone}, {"social", social}, {"nat:ES nat:FR", nat_es_fr},
        {"gender:F", female}, {"nat:ES nat:FR gender:F", nat_es_fr_female},
        {"social gender:F", social_female},
        {"social nat:FR nat:ES gender:F", social_nat_es_fr_female},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint32_t want = count(cases[i].match);
        for (size_t limit = 0; limit <= 100; limit += 5) {
            rs_results res = search(f, cases[i].query, limit, 0);
            assert_int_equal(res.total, want);
            assert_int_equal(res.n_hits, limit < want ? limit : want);
            assert_int_equal(res.n_facets, 0);
            for (size_t h = 0; h < res.n_hits; h++) {
                const person *p = &people[atoi(res.hits[h].profile.id + 1)];
                assert_true(cases[i].match(p));
            }
            rs_results_free(&res);
        }
    }
}

static void test_hits(void **state)
{
    fixture *f = *state;
    rs_results res = search(f, "social", 100, 0);
    assert_int_equal(res.n_hits, count(social));
    /* Ranked: the experts saying "social" three times come first. */
    for (size_t h = 0; h < res.n_hits; h++) {
        const rs_hit *hit = &res.hits[h];
        int i = atoi(hit->profile.id + 1);
        assert_true(hit->score > 0);
        if (h > 0) assert_true(res.hits[h - 1].score >= hit->score);
        assert_int_equal(h < 9, i % 5 == 1); /* 12 fifths, less the 3 that say "labour" */
        /* The profile is decoded. */
        char name[32];
        snprintf(name, sizeof name, "Person %d", i);
        assert_string_equal(hit->profile.name, name);
        assert_string_equal(hit->profile.nationalities[0], people[i].nat[0]);
        assert_int_equal(hit->profile.n_nationalities, people[i].nat[1] ? 2 : 1);
    }
    rs_results_free(&res);
    rs_results_free(&res); /* freeing twice is harmless: it was zeroed */
}

/* Pages of 7 put end to end are the whole list, for a ranked query, a
 * filter (read from the posting lists) and every expert; a page past the
 * end is empty with the total still exact. */
static void test_pages(void **state)
{
    fixture *f = *state;
    const char *queries[] = {"social", "nat:FR OR nat:ES", ""};
    for (size_t k = 0; k < sizeof queries / sizeof *queries; k++) {
        rs_results all = search(f, queries[k], N_EXPERTS, 0);
        assert_true(all.n_hits > 7);
        for (size_t offset = 0; offset < all.n_hits + 7; offset += 7) {
            rs_results page = search_page(f, queries[k], offset, 7, 0);
            assert_int_equal(page.total, all.total);
            size_t want = offset >= all.n_hits ? 0 : all.n_hits - offset < 7 ? all.n_hits - offset : 7;
            assert_int_equal(page.n_hits, want);
            for (size_t i = 0; i < page.n_hits; i++)
                assert_string_equal(page.hits[i].profile.id, all.hits[offset + i].profile.id);
            rs_results_free(&page);
        }
        /* Far past the end: no hit, the total still exact. */
        rs_results far = search_page(f, queries[k], 1000000, 7, 0);
        assert_int_equal(far.total, all.total);
        assert_int_equal(far.n_hits, 0);
        rs_results_free(&far);
        rs_results_free(&all);
    }
}

static void test_facets(void **state)
{
    fixture *f = *state;
    rs_results res = search(f, "", 0, 1);
    assert_int_equal(res.total, N_EXPERTS);
    assert_int_equal(res.n_hits, 0);
    assert_int_equal(res.n_facets, 5);
    /* In field-table order. */
    assert_string_equal(res.facets[0].name, "field");
    assert_string_equal(res.facets[1].name, "language");
    assert_string_equal(res.facets[2].name, "nationality");
    assert_string_equal(res.facets[3].name, "sector");
    assert_string_equal(res.facets[4].name, "gender");
    assert_facet(&res, "field", everyone);
    assert_facet(&res, "language", everyone);
    assert_facet(&res, "nationality", everyone);
    assert_facet(&res, "sector", everyone);
    assert_facet(&res, "gender", everyone);
    /* Dual nationals count under both: the counts add up to more than 60. */
    uint32_t sum = 0;
    for (size_t i = 0; i < res.facets[2].n; i++) sum += res.facets[2].counts[i].count;
    assert_int_equal(sum, N_EXPERTS + 9); /* i % 7 == 0: 9 of them */
    assert_int_equal(count_of(&res, "nationality", "BE"), 9);
    assert_int_equal(count_of(&res, "nationality", "ES"), 12);
    /* Experts without a gender are not counted under any. */
    sum = 0;
    for (size_t i = 0; i < res.facets[4].n; i++) sum += res.facets[4].counts[i].count;
    assert_int_equal(sum, N_EXPERTS - 10);
    /* Ordered by count, then value. */
    assert_string_equal(res.facets[4].counts[0].value, "F");
    assert_int_equal(res.facets[4].counts[0].count, 20);
    assert_string_equal(res.facets[4].counts[1].value, "M");
    assert_int_equal(res.facets[4].counts[1].count, 20);
    assert_string_equal(res.facets[4].counts[2].value, "X");
    assert_int_equal(res.facets[4].counts[2].count, 10);
    rs_results_free(&res);
}

static void test_drill_sideways(void **state)
{
    fixture *f = *state;
    rs_results res = search(f, "social nat:ES nat:FR gender:F", 3, 1);
    assert_int_equal(res.total, count(social_nat_es_fr_female));
    assert_int_equal(res.n_facets, 5);
    /* Each filtered facet counts as if its own filter were lifted... */
    assert_facet(&res, "nationality", social_female);
    assert_facet(&res, "gender", social_nat_es_fr);
    /* ...the others within the result. */
    assert_facet(&res, "field", social_nat_es_fr_female);
    assert_facet(&res, "language", social_nat_es_fr_female);
    assert_facet(&res, "sector", social_nat_es_fr_female);

    /* The nationality counts equal those of the query without nat:. */
    rs_results without = search(f, "social gender:F", 0, 1);
    const rs_facet *a = facet(&res, "nationality"), *b = facet(&without, "nationality");
    assert_int_equal(a->n, b->n);
    for (size_t i = 0; i < a->n; i++) {
        assert_string_equal(a->counts[i].value, b->counts[i].value);
        assert_int_equal(a->counts[i].count, b->counts[i].count);
    }
    /* So values outside the filter show, for widening the search. */
    assert_true(count_of(&res, "nationality", "IT") > 0);
    assert_int_equal(count_of(&res, "gender", "M"), facet_count(social_nat_es_fr, "gender", "M"));
    rs_results_free(&without);
    rs_results_free(&res);

    /* A NOT filter is not lifted: it narrows its own facet too. */
    res = search(f, "NOT nat:ES", 0, 1);
    assert_int_equal(count_of(&res, "nationality", "ES"), 0);
    assert_int_equal(count_of(&res, "nationality", "FR"), 12);
    rs_results_free(&res);
}

/* A query whose one filter is lifted counts that facet over every expert
 * (from the index's term frequencies), the others within the result; asked
 * again and again (the reader then keeps every expert's facet values in
 * memory), all counts stay exact. */
static void test_filter_facets(void **state)
{
    fixture *f = *state;
    static const char *const names[] = {"field", "language", "nationality", "sector", "gender"};
    for (int round = 0; round < 4; round++) {
        rs_results res = search(f, "gender:F", 5, 1);
        assert_int_equal(res.total, count(female));
        assert_int_equal(res.n_hits, 5);
        for (size_t i = 0; i < 5; i++)
            assert_facet(&res, names[i], strcmp(names[i], "gender") == 0 ? everyone : female);
        rs_results_free(&res);

        res = search(f, "nat:ES nat:FR", 0, 1);
        assert_int_equal(res.total, count(nat_es_fr));
        for (size_t i = 0; i < 5; i++)
            assert_facet(&res, names[i],
                         strcmp(names[i], "nationality") == 0 ? everyone : nat_es_fr);
        rs_results_free(&res);

        res = search(f, "social", 0, 1);
        for (size_t i = 0; i < 5; i++) assert_facet(&res, names[i], social);
        rs_results_free(&res);

        res = search(f, "social nat:ES nat:FR gender:F", 0, 1);
        assert_facet(&res, "nationality", social_female);
        assert_facet(&res, "gender", social_nat_es_fr);
        assert_facet(&res, "field", social_nat_es_fr_female);
        rs_results_free(&res);
    }
}

static int not_social(const person *p) { return !social(p); }
static int not_es(const person *p) { return !has(p->nat, 2, "ES"); }
static int not_es_fr(const person *p) { return !nat_es_fr(p); }
static int social_not_es_fr(const person *p) { return social(p) && not_es_fr(p); }
static int social_not_es_fr_female(const person *p) { return social_not_es_fr(p) && female(p); }

/* -term excludes, as NOT does: totals and every facet against brute force.
 * An exclusion is not lifted for drill-sideways (it narrows its own facet);
 * a query of exclusions only counts every expert but those. */
static void test_exclusions(void **state)
{
    fixture *f = *state;
    static const char *const names[] = {"field", "language", "nationality", "sector", "gender"};
    static const struct { const char *query; predicate match; } cases[] = {
        {"-social", not_social}, {"-nat:ES", not_es}, {"-nat:ES -nat:FR", not_es_fr},
        {"social -nat:ES -nat:FR", social_not_es_fr},
        {"social -nat:FR -nat:ES gender:F", social_not_es_fr_female},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rs_results res = search(f, cases[i].query, 100, 1);
        assert_int_equal(res.total, count(cases[i].match));
        assert_int_equal(res.n_hits, res.total);
        for (size_t h = 0; h < res.n_hits; h++)
            assert_true(cases[i].match(&people[atoi(res.hits[h].profile.id + 1)]));
        for (size_t k = 0; k < 5; k++)
            if (!strstr(cases[i].query, "gender:") || strcmp(names[k], "gender") != 0)
                assert_facet(&res, names[k], cases[i].match);
        if (strstr(cases[i].query, "gender:")) /* the one filter lifted */
            assert_facet(&res, "gender", social_not_es_fr);
        rs_results_free(&res);
    }
}

static void test_no_match(void **state)
{
    fixture *f = *state;
    rs_results res = search(f, "zzzzz", 10, 1);
    assert_int_equal(res.total, 0);
    assert_int_equal(res.n_hits, 0);
    assert_int_equal(res.n_facets, 5);
    for (size_t i = 0; i < res.n_facets; i++) assert_int_equal(res.facets[i].n, 0);
    rs_results_free(&res);
    /* Lifting a facet can count where the result itself is empty. */
    res = search(f, "nat:ES nat:FR AND nat:IT", 10, 1);
    assert_int_equal(res.total, 0);
    assert_int_equal(count_of(&res, "nationality", "IT"), 12);
    rs_results_free(&res);
}

static void test_damaged_profile(void **state)
{
    fixture *f = *state;
    char path[128];
    snprintf(path, sizeof path, "%s/damaged", f->dir);
    xc_wdb *w;
    xc_doc *doc;
    assert_int_equal(xc_wdb_open(path, &w, NULL), XC_OK);
    assert_int_equal(xc_doc_new(&doc), XC_OK);
    assert_int_equal(xc_doc_add_term(doc, "social", 1), XC_OK);
    assert_int_equal(xc_doc_set_data(doc, "not a profile", 13), XC_OK);
    assert_int_equal(xc_wdb_add_doc(w, doc), XC_OK);
    xc_doc_free(doc);
    assert_int_equal(xc_wdb_commit(w), XC_OK);
    xc_wdb_free(w);
    xc_db *db;
    assert_int_equal(xc_db_open(path, &db, NULL), XC_OK);
    rs_query *q;
    char err[256];
    assert_int_equal(rs_query_parse("social", f->stemmers, &q, err, sizeof err), 0);
    rs_results res;
    assert_int_equal(rs_search(db, q, 0, 10, 1, &res, err, sizeof err), -1);
    assert_string_equal(err, "search: index: damaged profile in a document (run roster reindex)");
    assert_int_equal(res.n_hits, 0);
    assert_null(res.hits);
    assert_int_equal(res.n_facets, 0);
    /* Counting alone reads no profile. */
    assert_int_equal(rs_search(db, q, 0, 0, 1, &res, err, sizeof err), 0);
    assert_int_equal(res.total, 1);
    rs_results_free(&res);
    rs_query_free(q);
    xc_db_free(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_totals),
        cmocka_unit_test(test_hits),
        cmocka_unit_test(test_pages),
        cmocka_unit_test(test_facets),
        cmocka_unit_test(test_drill_sideways),
        cmocka_unit_test(test_filter_facets),
        cmocka_unit_test(test_exclusions),
        cmocka_unit_test(test_no_match),
        cmocka_unit_test(test_damaged_profile),
    };
    return cmocka_run_group_tests(tests, setup_roster, teardown_roster);
}
