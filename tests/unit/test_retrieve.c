/*
 * Retrieval against the reference. rs_retrieve ranks by xc_db_rank (one
 * posting list at a time) and takes a candidate's text weight as its
 * weight for the whole ranking query less that of its codes;
 * RS_RETRIEVE_REFERENCE ranks by Xapian's matcher and weighs the text
 * again by a second query over the pool, as retrieval did before. Over a
 * generated roster of ROSTER_EXPERTS and the 28 sample ToRs
 * (corpus/tors/all.jsonl), filtered and not, with and without a required
 * expert the ranking misses, both must give the same candidates in the
 * same order and text relevances equal up to rounding
 * (RELEVANCE_TOLERANCE): the weights are Xapian's formulas on the same
 * statistics and the subtraction exact arithmetic on them, so the
 * shortlists and teams built on them are the same.
 */
#define _XOPEN_SOURCE 700 /* mkdtemp, nftw (scratch.h) */
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
#include "corpus/gen/gen.h"
#include "indexer/datadir.h"
#include "lib/roster.h"
#include "matcher/retrieve.h"
#include "tests/unit/scratch.h"

/* Enough experts that the pool (RS_RETRIEVE_POOL) is a small part of the
 * roster, as few as keep the test quick. */
#define ROSTER_EXPERTS 2500
#define RELEVANCE_TOLERANCE 1e-9
#define SAMPLE_TORS "corpus/tors/all.jsonl"
#define SAMPLE_COUNT 28

typedef struct {
    rs_test_roster *roster;
    rs_data *data;
    rs_stemmers *stemmers;
} fixture;

static char *generated_roster(size_t n)
{
    rs_gen *g = rs_gen_new(1);
    assert_non_null(g);
    size_t len = 0, cap = 1 << 20;
    char *all = malloc(cap);
    assert_non_null(all);
    for (unsigned long k = 1; k <= n; k++) {
        char *line = rs_gen_expert_text(g, k);
        assert_non_null(line);
        size_t l = strlen(line);
        while (len + l + 2 > cap) assert_non_null(all = realloc(all, cap *= 2));
        memcpy(all + len, line, l);
        len += l;
        all[len++] = '\n';
        free(line);
    }
    all[len] = 0;
    rs_gen_free(g);
    return all;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    assert_non_null(f->roster = rs_test_roster_new("roster-retrieve"));
    char *experts = generated_roster(ROSTER_EXPERTS);
    rs_import_stats st;
    assert_int_equal(rs_roster_import_data(f->roster->r, "gen.jsonl", experts, strlen(experts),
                                           RS_FORMAT_JSONL, 0, &st),
                     RS_OK);
    assert_int_equal(st.imported, ROSTER_EXPERTS);
    free(experts);
    char *err = NULL;
    assert_int_equal(rs_data_open(f->roster->data, RS_OPEN_READ, &f->data, &err), RS_OK);
    assert_non_null(f->stemmers = rs_stemmers_new());
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    rs_stemmers_free(f->stemmers);
    rs_data_close(f->data);
    rs_test_roster_free(f->roster);
    free(f);
    return 0;
}

/* rs_retrieve with `how`, the result into out. */
static void retrieve(fixture *f, const rs_tor *t, unsigned how, rs_retrieval *out)
{
    char err[256];
    int32_t ref = rs_tor_reference_day(t, rs_date_today());
    int rc = rs_retrieve(rs_data_index(f->data), f->stemmers, t, ref, how, RS_RETRIEVE_POOL, 0,
                         out, err, sizeof err);
    if (rc) fail_msg("%s", err);
}

/* Both ways of weighing agree on t; returns how many candidates have a
 * text relevance strictly between 0 and 1 (so the test weighs something). */
static size_t agree(fixture *f, const rs_tor *t, unsigned how)
{
    rs_retrieval got, ref;
    retrieve(f, t, how, &got);
    retrieve(f, t, how | RS_RETRIEVE_REFERENCE, &ref);
    assert_int_equal(got.n, ref.n);
    size_t between = 0;
    for (size_t i = 0; i < got.n; i++) {
        assert_int_equal(got.items[i].docid, ref.items[i].docid);
        double a = got.items[i].text, b = ref.items[i].text;
        if (a < b - RELEVANCE_TOLERANCE || a > b + RELEVANCE_TOLERANCE)
            fail_msg("%s: %s text %.17g, reference %.17g", t->action, got.items[i].profile.id, a,
                     b);
        between += a > 0 && a < 1;
    }
    rs_retrieval_free(&got);
    rs_retrieval_free(&ref);
    return between;
}

/* t with the roster's last expert required: the ranking rarely reaches
 * it, so it is weighed by the text alone, beside the subtracted rest. */
static void require_last(rs_tor *t)
{
    char id[16];
    snprintf(id, sizeof id, "EXP-%05d", ROSTER_EXPERTS);
    char **req = realloc(t->rules.require, (t->rules.n_require + 1) * sizeof *req);
    assert_non_null(req);
    t->rules.require = req;
    assert_non_null(req[t->rules.n_require] = strdup(id));
    t->rules.n_require++;
}

static void test_subtraction_matches_two_passes(void **state)
{
    fixture *f = *state;
    FILE *in = fopen(SAMPLE_TORS, "r");
    assert_non_null(in);
    char *line = NULL;
    size_t cap = 0, tors = 0, weighed = 0;
    for (long no = 1; getline(&line, &cap, in) > 0; no++) {
        rs_tor t;
        rs_diag d;
        rs_diag_init(&d);
        assert_int_equal(rs_tor_from_json_text(line, strlen(line), SAMPLE_TORS, no, &t, &d), 0);
        rs_diag_free(&d);
        weighed += agree(f, &t, RS_RETRIEVE_FILTERED);
        weighed += agree(f, &t, 0);
        require_last(&t);
        weighed += agree(f, &t, RS_RETRIEVE_FILTERED);
        rs_tor_free(&t);
        tors++;
    }
    free(line);
    fclose(in);
    assert_int_equal(tors, SAMPLE_COUNT);
    assert_true(weighed > tors * RS_RETRIEVE_POOL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_subtraction_matches_two_passes, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
