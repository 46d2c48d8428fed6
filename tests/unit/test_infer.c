/*
 * Unit tests for matcher/infer.h: the codes of a text, learned from a
 * roster of six CVs where the answer is known by hand; the same codes
 * twice and after a reindex; an import that teaches a new code and a
 * forget that takes it back; the words named as evidence; bad input.
 */
#define _XOPEN_SOURCE 700 /* nftw, for scratch.h */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "indexer/datadir.h"
#include "matcher/infer.h"
#include "scratch.h"

/* Two pension CVs (one with competence 2.1), two employment-services CVs,
 * one social-assistance CV and one labour-statistics CV: the text words of
 * each group are held by that group alone. */
static const char roster_jsonl[] =
    "{\"id\":\"X-1\",\"name\":\"One\",\"nationalities\":[\"FR\"],\"status\":\"public\","
    "\"fields\":[\"E.10.07\"],\"competences\":[\"2.1\"],"
    "\"summary\":\"Pension reform and actuarial valuation.\"}\n"
    "{\"id\":\"X-2\",\"name\":\"Two\",\"nationalities\":[\"ES\"],\"status\":\"public\","
    "\"fields\":[\"E.10.07\"],\"summary\":\"Actuarial studies of pension schemes.\"}\n"
    "{\"id\":\"X-3\",\"name\":\"Three\",\"nationalities\":[\"BE\"],\"status\":\"public\","
    "\"fields\":[\"A.35\"],\"summary\":\"Job centres and placement of jobseekers.\"}\n"
    "{\"id\":\"X-4\",\"name\":\"Four\",\"nationalities\":[\"DE\"],\"status\":\"public\","
    "\"fields\":[\"A.35\"],\"summary\":\"Placement services in job centres.\"}\n"
    "{\"id\":\"X-5\",\"name\":\"Five\",\"nationalities\":[\"IT\"],\"status\":\"public\","
    "\"fields\":[\"E.05\"],\"summary\":\"Cash transfers to poor households.\"}\n"
    "{\"id\":\"X-6\",\"name\":\"Six\",\"nationalities\":[\"PT\"],\"status\":\"public\","
    "\"fields\":[\"U.05\"],\"summary\":\"Statistics of wages and hours worked.\"}\n";

static const char apprentice_jsonl[] =
    "{\"id\":\"X-7\",\"name\":\"Seven\",\"nationalities\":[\"AT\"],\"status\":\"public\","
    "\"fields\":[\"F.15.05\"],\"summary\":\"Apprenticeship schemes in workshops.\"}\n";

typedef struct {
    char dir[64];
    rs_data *data;
    rs_stemmers *stemmers;
} fixture;

static int import_text(rs_data *data, const char *jsonl)
{
    rs_diag d;
    rs_import_stats st;
    rs_diag_init(&d);
    rs_status rc = rs_data_import_data(data, "test.jsonl", jsonl, strlen(jsonl), RS_FORMAT_JSONL,
                                       NULL, 0, &d, &st);
    rs_diag_print(&d, stderr);
    rs_diag_free(&d);
    return rc == RS_OK ? 0 : -1;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f) return -1;
    strcpy(f->dir, "/tmp/rs-infer-XXXXXX");
    if (!mkdtemp(f->dir)) return -1;
    char path[128], *err = NULL;
    snprintf(path, sizeof path, "%s/data", f->dir);
    if (rs_data_open(path, RS_OPEN_WRITE, &f->data, &err) != RS_OK) {
        fprintf(stderr, "%s\n", err);
        free(err);
        return -1;
    }
    f->stemmers = rs_stemmers_new();
    *state = f;
    return f->stemmers && import_text(f->data, roster_jsonl) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
    fixture *f = *state;
    rs_data_close(f->data);
    rs_stemmers_free(f->stemmers);
    int rc = rs_test_remove_tree(f->dir);
    free(f);
    return rc;
}

static rs_inference infer(fixture *f, const char *text, const char *lang)
{
    rs_inference inf;
    char err[256];
    int rc = rs_infer_codes(rs_data_index(f->data), f->stemmers, text, lang, RS_INFER_MAX, &inf,
                            err, sizeof err);
    if (rc != 0) fprintf(stderr, "%s\n", err);
    assert_int_equal(rc, 0);
    return inf;
}

/* The score of code among the n inferred, or -1 when absent. */
static double score_of(const rs_inferred *list, size_t n, const char *code)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i].code, code) == 0) return list[i].score;
    return -1;
}

static int has_evidence(const rs_inferred *c, const char *word)
{
    for (int k = 0; k < RS_INFER_EVIDENCE; k++)
        if (strcmp(c->evidence[k], word) == 0) return 1;
    return 0;
}

static void test_known_by_hand(void **state)
{
    fixture *f = *state;
    /* Only the two pension CVs hold these words: every nearest CV declares
     * E.10.07, so it and its ancestors score 1, nothing else scores, and
     * the focus goes down to E.10.07. Ties go to the smaller code. */
    rs_inference inf = infer(f, "An actuarial review of the pension system", NULL);
    assert_int_equal(inf.n_fields, 3);
    assert_string_equal(inf.fields[0].code, "E");
    assert_string_equal(inf.fields[1].code, "E.10");
    assert_string_equal(inf.fields[2].code, "E.10.07");
    for (size_t i = 0; i < 3; i++) assert_true(fabs(inf.fields[i].score - 1.0) < 1e-12);
    assert_string_equal(inf.focus.code, "E.10.07");
    assert_true(has_evidence(&inf.focus, "actuarial"));
    assert_true(has_evidence(&inf.focus, "pension"));
    assert_false(has_evidence(&inf.focus, "review")); /* no CV holds it */
    /* Competence 2.1 is X-1's alone: its share is X-1's weight over both. */
    double c21 = score_of(inf.competences, inf.n_competences, "2.1");
    assert_true(c21 > 0 && c21 < 1);
    assert_true(fabs(score_of(inf.competences, inf.n_competences, "2") - c21) < 1e-12);
}

static void test_shares_add_up(void **state)
{
    fixture *f = *state;
    /* Pension CVs and job-centre CVs: each nearest CV declares one letter,
     * so the letters' shares sum to 1, and each letter's share is its one
     * code's. The heavier side is the focus's letter. (No taxonomy label
     * in these words: they add nothing.) */
    rs_inference inf = infer(f, "Studies of schemes and services", "en");
    double e = score_of(inf.fields, inf.n_fields, "E");
    double a = score_of(inf.fields, inf.n_fields, "A");
    assert_true(e > 0 && a > 0);
    assert_true(fabs(e + a - 1.0) < 1e-12);
    assert_true(fabs(score_of(inf.fields, inf.n_fields, "E.10.07") - e) < 1e-12);
    assert_true(fabs(score_of(inf.fields, inf.n_fields, "A.35") - a) < 1e-12);
    assert_true(score_of(inf.fields, inf.n_fields, "U.05") < 0);
    assert_int_equal(inf.focus.code[0], e > a ? 'E' : 'A');
    for (size_t i = 1; i < inf.n_fields; i++)
        assert_true(inf.fields[i - 1].score >= inf.fields[i].score);
    /* max bounds each list. */
    char err[256];
    assert_int_equal(rs_infer_codes(rs_data_index(f->data), f->stemmers, "pension job", NULL, 1,
                                    &inf, err, sizeof err), 0);
    assert_int_equal(inf.n_fields, 1);
}

static void test_labels_add_to_shares(void **state)
{
    fixture *f = *state;
    /* "job centres" is a keyword phrase of A.35 (core/labels.h), its words
     * one after the other; "studies of schemes" no label's: A gains
     * RS_INFER_LABEL_WEIGHT over its share of the nearest CVs, E keeps its
     * share. */
    rs_inference inf = infer(f, "Studies of schemes and job centres", "en");
    double e = score_of(inf.fields, inf.n_fields, "E");
    double a = score_of(inf.fields, inf.n_fields, "A");
    assert_true(e > 0 && e < 1);
    double expected = 1.0 - e + RS_INFER_LABEL_WEIGHT;
    assert_true(fabs(a - (expected < 1.0 ? expected : 1.0)) < 1e-12);
    assert_true(fabs(score_of(inf.fields, inf.n_fields, "A.35") - a) < 1e-12);
    /* the same words apart are no phrase: less gain */
    rs_inference apart = infer(f, "Studies of centres and job schemes", "en");
    assert_true(score_of(apart.fields, apart.n_fields, "A.35") < a);
}

static void assert_same(const rs_inference *x, const rs_inference *y)
{
    assert_int_equal(x->n_fields, y->n_fields);
    assert_int_equal(x->n_competences, y->n_competences);
    for (size_t i = 0; i < x->n_fields; i++) {
        assert_string_equal(x->fields[i].code, y->fields[i].code);
        assert_true(x->fields[i].score == y->fields[i].score);
    }
    for (size_t i = 0; i < x->n_competences; i++)
        assert_string_equal(x->competences[i].code, y->competences[i].code);
    assert_string_equal(x->focus.code, y->focus.code);
}

static void test_deterministic(void **state)
{
    fixture *f = *state;
    const char *text = "Cash transfers, pension schemes, placement in job centres, wages";
    rs_inference first = infer(f, text, NULL), again = infer(f, text, NULL);
    assert_same(&first, &again);
    assert_int_equal(rs_data_reindex(f->data), RS_OK);
    rs_inference rebuilt = infer(f, text, NULL);
    assert_same(&first, &rebuilt);
}

static void test_import_and_forget(void **state)
{
    fixture *f = *state;
    const char *text = "Apprenticeship schemes";
    /* "schemes" is a pension word until an apprenticeship CV comes. */
    rs_inference before = infer(f, text, "en");
    assert_string_equal(before.focus.code, "E.10.07");
    assert_int_equal(import_text(f->data, apprentice_jsonl), 0);
    rs_inference after = infer(f, text, "en");
    assert_string_equal(after.focus.code, "F.15.05");
    assert_true(has_evidence(&after.focus, "apprenticeship"));
    /* Forgotten, the CV teaches nothing any more. */
    char *ids[] = {"X-7"};
    int missing = 0;
    assert_int_equal(rs_data_forget(f->data, ids, 1, &missing), RS_OK);
    rs_inference forgotten = infer(f, text, "en");
    assert_same(&before, &forgotten);
    /* F is known by its keyword "apprenticeships" alone again: a phrase
     * of one word counts half */
    assert_true(fabs(score_of(forgotten.fields, forgotten.n_fields, "F") -
                     0.5 * RS_INFER_LABEL_WEIGHT) < 1e-12);
    assert_true(score_of(after.fields, after.n_fields, "F") > 0.5 * RS_INFER_LABEL_WEIGHT);
}

/* Eleven French CVs that all say "dossier", "ans" and "ministère" and
 * fifty English ones that speak no French: "dossier" is held by more than
 * a fifth of the CVs of French speakers, not of all the CVs. */
static void import_french_office(fixture *f)
{
    size_t cap = 64 * 1024, n = 0;
    char *jsonl = malloc(cap);
    assert_non_null(jsonl);
    for (int i = 1; i <= 11; i++)
        n += (size_t)snprintf(jsonl + n, cap - n,
                              "{\"id\":\"F-%d\",\"name\":\"F\",\"nationalities\":[\"FR\"],"
                              "\"status\":\"public\",\"cv_lang\":\"fr\",\"languages\":[{\"code\":"
                              "\"fr\",\"level\":\"native\"}],\"fields\":[\"%s\"],\"summary\":"
                              "\"%s, dix ans au ministère, chargé du dossier.\"}\n",
                              i, i <= 3 ? "E.10.07" : "A.35",
                              i <= 3 ? "Réforme des retraites" : "Placement des chômeurs");
    for (int i = 1; i <= 50; i++)
        n += (size_t)snprintf(jsonl + n, cap - n,
                              "{\"id\":\"G-%d\",\"name\":\"G\",\"nationalities\":[\"IE\"],"
                              "\"status\":\"public\",\"languages\":[{\"code\":\"en\",\"level\":"
                              "\"native\"}],\"fields\":[\"U.05\"],\"summary\":\"Labour force "
                              "surveys.\"}\n", i);
    assert_true(n < cap);
    assert_int_equal(import_text(f->data, jsonl), 0);
    free(jsonl);
}

static int any_evidence(const rs_inference *inf, const char *word)
{
    for (size_t i = 0; i < inf->n_fields; i++)
        if (has_evidence(&inf->fields[i], word)) return 1;
    for (size_t i = 0; i < inf->n_competences; i++)
        if (has_evidence(&inf->competences[i], word)) return 1;
    return has_evidence(&inf->focus, word);
}

/* Words every request or CV writes, grammatical words and words most CVs
 * in the text's language hold weigh in the inference but are never named
 * as a code's evidence. */
static void test_evidence_words(void **state)
{
    fixture *f = *state;
    import_french_office(f);
    const char *text = "Placement des chômeurs : le dossier, dix ans, au ministère, con mucho.";
    rs_inference fr = infer(f, text, "fr"), any = infer(f, text, NULL);
    /* the words still weigh: the codes are those of the CVs holding them */
    assert_string_equal(fr.focus.code, "A.35");
    assert_string_equal(any.focus.code, "A.35");
    assert_true(has_evidence(&fr.focus, "placement"));
    assert_true(has_evidence(&fr.focus, "chomeurs"));
    static const char *const never[] = {"ans", "ministere", "con", "des", "le", "au"};
    for (size_t i = 0; i < sizeof never / sizeof *never; i++) {
        assert_false(any_evidence(&fr, never[i]));
        assert_false(any_evidence(&any, never[i]));
    }
    /* held by 11 of 67 CVs: not a fifth of them all, but all 11 French
     * speakers' (the floor of 10 CVs above a fifth of 11) */
    assert_false(any_evidence(&fr, "dossier"));
    assert_true(any_evidence(&any, "dossier"));
    /* a text of such words alone gets its codes, and no word to show */
    rs_inference bare = infer(f, "Le dossier du ministère, dix ans.", "fr");
    assert_string_equal(bare.focus.code, "A.35");
    assert_string_equal(bare.focus.evidence[0], "");
}

/* Numbers and the words of the people who sign a request (their roles)
 * weigh too, but are never named: they say no topic. */
static void test_no_numbers_or_roles_as_evidence(void **state)
{
    fixture *f = *state;
    assert_int_equal(import_text(f->data,
                                 "{\"id\":\"X-8\",\"name\":\"Eight\",\"nationalities\":[\"FR\"],"
                                 "\"status\":\"public\",\"fields\":[\"E.10.07\"],\"summary\":"
                                 "\"Pension reform 2030, as director general and principal "
                                 "adviser.\"}\n"),
                     0);
    rs_inference inf = infer(f, "Pension reform 2030, director general, principal.", NULL);
    assert_string_equal(inf.focus.code, "E.10.07");
    assert_true(has_evidence(&inf.focus, "pension"));
    static const char *const never[] = {"2030", "director", "general", "principal"};
    for (size_t i = 0; i < sizeof never / sizeof *never; i++)
        assert_false(any_evidence(&inf, never[i]));
}

static void test_nothing_known_and_bad_input(void **state)
{
    fixture *f = *state;
    rs_inference inf = infer(f, "", NULL);
    assert_int_equal(inf.n_fields + inf.n_competences, 0);
    assert_string_equal(inf.focus.code, "");
    inf = infer(f, "the of and zzzunknown", NULL);
    assert_int_equal(inf.n_fields, 0);
    char err[256] = "";
    assert_int_equal(rs_infer_codes(rs_data_index(f->data), f->stemmers, "pension \xff", NULL,
                                    RS_INFER_MAX, &inf, err, sizeof err), -1);
    assert_non_null(strstr(err, "cannot infer codes"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_known_by_hand, setup, teardown),
        cmocka_unit_test_setup_teardown(test_labels_add_to_shares, setup, teardown),
        cmocka_unit_test_setup_teardown(test_shares_add_up, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deterministic, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_and_forget, setup, teardown),
        cmocka_unit_test_setup_teardown(test_evidence_words, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_numbers_or_roles_as_evidence, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nothing_known_and_bad_input, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
