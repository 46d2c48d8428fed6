/*
 * One expert -> one Xapian document: the boolean and weighted terms of the
 * field table, free text unstemmed with positions and stemmed in the CV's
 * language under Z, facet values, and the profile in the document data.
 * Documents are written to a scratch database and read back through the C
 * API, as search reads them.
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
#include "core/profile.h"
#include "core/record.h"
#include "core/schema.h"
#include "core/stem.h"
#include "core/text.h"
#include "indexer/document.h"
#include "tests/unit/scratch.h"

typedef struct {
    char dir[64];
    char path[96];
    xc_db *db;
    rs_stemmers *stemmers;
} scratch;

static void expert(const char *json, rs_expert *e)
{
    rs_diag d;
    rs_diag_init(&d);
    int rc = rs_expert_from_json_text(json, strlen(json), "test", 1, e, &d);
    if (rc) rs_diag_print(&d, stderr);
    rs_diag_free(&d);
    assert_int_equal(rc, 0);
}

static const char FULL[] =
    "{\"id\":\"EXP-1\",\"name\":\"Ana María Pérez\",\"gender\":\"F\","
    "\"nationalities\":[\"PT\",\"ES\"],\"status\":\"public\",\"employer\":\"Ministerio de Trabajo\","
    "\"languages\":[{\"code\":\"es\",\"level\":\"native\"},{\"code\":\"fr\",\"level\":\"B2\"}],"
    "\"fields\":[\"E.10.01\",\"B\"],\"competences\":[\"2.1\"],"
    "\"summary\":\"Social protection and employment policy; d'invalidité.\",\"cv_lang\":\"en\","
    "\"experience\":[{\"from\":\"2010-01\",\"role\":\"Adviser\",\"employer\":\"ILO\","
    "\"country\":\"SN\",\"text\":\"Pension reform\"}],"
    "\"education\":[{\"year\":1990,\"degree\":\"Master\",\"field\":\"Labour law\","
    "\"institution\":\"Complutense\"}],"
    "\"missions\":[{\"country\":\"CV\",\"from\":\"2026-01-10\",\"to\":\"2026-01-20\","
    "\"days\":9,\"role\":\"lead\"}],"
    "\"unavailable\":[{\"from\":\"2027-03-30\",\"to\":\"2027-04-01\"}]}";

static const char SPANISH[] =
    "{\"id\":\"EXP-2\",\"name\":\"Luis\",\"nationalities\":[\"ES\"],\"cv_lang\":\"es\","
    "\"summary\":\"Reforma del employment\"}";

/* Build each expert's document, write them all, open the result. */
static void index_experts(scratch *s, const char *const *json, size_t n)
{
    xc_wdb *w;
    char *err = NULL;
    assert_int_equal(xc_wdb_open(s->path, &w, &err), XC_OK);
    for (size_t i = 0; i < n; i++) {
        rs_expert e;
        xc_doc *doc = NULL;
        expert(json[i], &e);
        assert_int_equal(rs_document_build(&e, s->stemmers, &doc), RS_OK);
        assert_non_null(doc);
        assert_int_equal(xc_wdb_add_doc(w, doc), XC_OK);
        xc_doc_free(doc);
        rs_expert_free(&e);
    }
    assert_int_equal(xc_wdb_commit(w), XC_OK);
    xc_wdb_free(w);
    assert_int_equal(xc_db_open(s->path, &s->db, &err), XC_OK);
}

static int setup(void **state)
{
    scratch *s = calloc(1, sizeof *s);
    if (!s) return -1;
    strcpy(s->dir, "/tmp/rs-doc-XXXXXX");
    if (!mkdtemp(s->dir)) { free(s); return -1; }
    snprintf(s->path, sizeof s->path, "%s/db", s->dir);
    s->stemmers = rs_stemmers_new();
    *state = s;
    return s->stemmers ? 0 : -1;
}

static int teardown(void **state)
{
    scratch *s = *state;
    xc_db_free(s->db);
    rs_stemmers_free(s->stemmers);
    int rc = rs_test_remove_tree(s->dir);
    free(s);
    return rc;
}

static uint32_t freq(scratch *s, const char *term)
{
    uint32_t n = 99;
    assert_int_equal(xc_db_termfreq(s->db, term, &n), XC_OK);
    return n;
}

static void assert_terms_on(scratch *s, const char *const *terms, uint32_t want)
{
    for (size_t i = 0; terms[i]; i++) {
        uint32_t n = freq(s, terms[i]);
        if (n != want) fprintf(stderr, "term %s: on %u documents, want %u\n", terms[i], n, want);
        assert_int_equal(n, want);
    }
}

/* Matches and the weight of the first, for a query. */
static uint32_t run(scratch *s, xc_query *q, double *weight)
{
    xc_enquire *enq;
    xc_mset *m;
    assert_non_null(q);
    assert_int_equal(xc_enquire_new(s->db, &enq), XC_OK);
    xc_enquire_set_query(enq, q);
    assert_int_equal(xc_enquire_get_mset(enq, 0, 10, 100, &m), XC_OK);
    uint32_t n = xc_mset_matches_estimated(m);
    if (weight) *weight = n ? xc_mset_weight(m, 0) : -1;
    xc_mset_free(m);
    xc_enquire_free(enq);
    xc_query_free(q);
    return n;
}

static uint32_t phrase(scratch *s, const char *a, const char *b)
{
    xc_query *t[2] = {xc_query_term(a, 1), xc_query_term(b, 1)};
    xc_query *q = xc_query_combine(XC_OP_PHRASE, t, 2);
    xc_query_free(t[0]);
    xc_query_free(t[1]);
    return run(s, q, NULL);
}

static void test_field_terms(void **state)
{
    scratch *s = *state;
    index_experts(s, (const char *const[]){FULL}, 1);
    static const char *const present[] = {
        "QEXP-1", "XFE", "XFE.10", "XFE.10.01", "XFB", "XC2", "XC2.1",
        "Les", "XLes:native", "Lfr", "XLfr:B2",
        "NES", "NPT", "KCV", "KSN", "Spublic", "GF",
        "XUM2027-03", "XUD2027-03-30", "XUD2027-03-31", "XUM2027-04", "XUD2027-04-01",
        "XLD2026-01:009", "XLD2026-12:009", NULL};
    static const char *const absent[] = {
        "XFE.20", "XLes:A1", "XLes:C2", "XLfr:B1", "XLfr:C1", "NFR", "GM", "Sprivate", "XUD2027-04-02", "XUF2027-04",
        "XLD2027-01:009", "Q", NULL};
    assert_terms_on(s, present, 1);
    assert_terms_on(s, absent, 0);
}

static void test_term_weights(void **state)
{
    scratch *s = *state;
    index_experts(s, (const char *const[]){FULL, SPANISH}, 2);
    /* Field codes carry weight, filters none, text words some. */
    double w;
    assert_int_equal(run(s, xc_query_term("XFE.10", 1), &w), 1);
    assert_true(w > 0);
    assert_int_equal(run(s, xc_query_term("NPT", 1), &w), 1);
    assert_true(w == 0);
    assert_int_equal(run(s, xc_query_term("Spublic", 1), &w), 1);
    assert_true(w == 0);
    assert_int_equal(run(s, xc_query_term("pension", 1), &w), 1);
    assert_true(w > 0);
}

static void test_text_terms(void **state)
{
    scratch *s = *state;
    index_experts(s, (const char *const[]){FULL, SPANISH}, 2);
    /* Every text part, folded and unstemmed. */
    static const char *const words[] = {
        "ana", "maria", "perez", "ministerio", "trabajo", "protection", "policy",
        "invalidite", "adviser", "ilo", "pension", "master", "labour", "law", "complutense",
        "social", NULL};
    assert_terms_on(s, words, 1);
    static const char *const not_words[] = {"María", "d", "Ana", "EXP-1", NULL};
    assert_terms_on(s, not_words, 0);
    assert_int_equal(freq(s, "employment"), 2);
    /* Stems in the CV's language only: English "employment" -> "employ"; the
     * Spanish CV stems the same word as Spanish does. */
    xc_stem *en, *es;
    assert_int_equal(xc_stem_new("en", &en), XC_OK);
    assert_int_equal(xc_stem_new("es", &es), XC_OK);
    char term[64];
    snprintf(term, sizeof term, "Z%s", xc_stem_word(en, "employment", 10));
    assert_string_equal(term, "Zemploy");
    assert_int_equal(freq(s, term), 1);
    snprintf(term, sizeof term, "Z%s", xc_stem_word(es, "employment", 10));
    assert_string_equal(term, "Zemployment");
    assert_int_equal(freq(s, term), 1);
    snprintf(term, sizeof term, "Z%s", xc_stem_word(es, "reforma", 7));
    assert_string_equal(term, "Zreform");
    assert_int_equal(freq(s, term), 2); /* "reform" in English, "reforma" in Spanish */
    assert_int_equal(freq(s, "Zprotect"), 1);
    assert_int_equal(freq(s, "Zreforma"), 0);
    xc_stem_free(en);
    xc_stem_free(es);
}

static int count_term(const char *term, uint32_t f, void *arg)
{
    (void)term, (void)f;
    ++*(int *)arg;
    return 0;
}

static void test_no_stemmer(void **state)
{
    scratch *s = *state;
    /* Xapian has no Polish stemmer: the text is still found word for word. */
    index_experts(s, (const char *const[]){
        "{\"id\":\"p\",\"name\":\"Jan\",\"nationalities\":[\"PL\"],\"cv_lang\":\"pl\","
        "\"summary\":\"ubezpieczenia społeczne\"}"}, 1);
    assert_int_equal(freq(s, "ubezpieczenia"), 1);
    assert_int_equal(freq(s, "społeczne"), 1); /* ł has no accent to fold */
    int n = 0;
    assert_int_equal(xc_db_each_term(s->db, "Z", count_term, &n), XC_OK);
    assert_int_equal(n, 0);
}

static void test_positions(void **state)
{
    scratch *s = *state;
    index_experts(s, (const char *const[]){FULL}, 1);
    assert_int_equal(phrase(s, "social", "protection"), 1);
    assert_int_equal(phrase(s, "protection", "social"), 0);
    assert_int_equal(phrase(s, "ana", "maria"), 1);     /* the very first words */
    assert_int_equal(phrase(s, "labour", "law"), 1);
    /* The elided article is no word: "d'invalidité" follows "policy". */
    assert_int_equal(phrase(s, "policy", "invalidite"), 1);
    /* A phrase never spans two text parts: name then employer. */
    assert_int_equal(phrase(s, "perez", "ministerio"), 0);
    assert_int_equal(phrase(s, "ilo", "pension"), 0);
    /* Stems have no positions. */
    assert_int_equal(phrase(s, "Zsocial", "Zprotect"), 0);
}

static void test_values(void **state)
{
    scratch *s = *state;
    index_experts(s, (const char *const[]){FULL}, 1);
    xc_doc *doc;
    assert_int_equal(xc_db_find_doc(s->db, "QEXP-1", &doc), XC_OK);
    /* Every facet value in one slot, each after its facet's key, and each
     * facet's in its own slot; no text, not even the name, in any. */
    static const struct { unsigned slot; const char *want; } values[] = {
        {RS_SLOT_FACETS, "fB fE les lfr nES nPT spublic gF"},
        {1, "fB fE"}, {2, "les lfr"}, {3, "nES nPT"}, {4, "spublic"}, {5, "gF"}, {6, ""}};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        const char *v;
        size_t len;
        assert_int_equal(xc_doc_get_value(doc, values[i].slot, &v, &len), XC_OK);
        assert_int_equal(len, strlen(values[i].want));
        assert_memory_equal(v, values[i].want, len);
    }
    xc_doc_free(doc);
}

static void test_profile(void **state)
{
    scratch *s = *state;
    index_experts(s, (const char *const[]){FULL}, 1);
    xc_doc *doc;
    const char *data;
    size_t len;
    assert_int_equal(xc_db_find_doc(s->db, "QEXP-1", &doc), XC_OK);
    assert_int_equal(xc_doc_get_data(doc, &data, &len), XC_OK);
    rs_expert p, e;
    assert_int_equal(rs_profile_decode(data, len, &p), 0);
    expert(FULL, &e);
    size_t want_len;
    char *want = rs_profile_encode(&e, &want_len);
    assert_int_equal(len, want_len);
    assert_memory_equal(data, want, len);
    free(want);
    assert_string_equal(p.id, "EXP-1");
    assert_string_equal(p.name, "Ana María Pérez");
    assert_int_equal(p.gender, 'F');
    assert_int_equal(p.n_nationalities, 2);
    assert_string_equal(p.nationalities[0], "PT");
    assert_int_equal(p.status, RS_SECTOR_PUBLIC);
    assert_int_equal(p.n_languages, 2);
    assert_int_equal(p.languages[0].level, RS_CEFR_NATIVE);
    assert_int_equal(p.n_fields, 2);
    assert_string_equal(p.fields[0], "E.10.01");
    assert_string_equal(p.cv_lang, "en");
    assert_int_equal(p.n_missions, 1);
    assert_string_equal(p.missions[0].country, "CV");
    assert_int_equal(p.missions[0].days, 9);
    assert_int_equal(p.missions[0].lead, 1);
    assert_int_equal(p.missions[0].when.from, e.missions[0].when.from);
    assert_int_equal(p.n_unavailable, 1);
    assert_int_equal(p.unavailable[0].to, e.unavailable[0].to);
    /* Only the profile: no free text. */
    assert_null(p.summary);
    assert_int_equal(p.n_experience, 0);
    rs_expert_free(&p);
    rs_expert_free(&e);
    xc_doc_free(doc);
}

static void test_long_words(void **state)
{
    scratch *s = *state;
    /* A word longer than RS_WORD_MAX is noise: skipped, the rest indexed. */
    char json[512], word[RS_WORD_MAX + 2];
    memset(word, 'w', sizeof word - 1);
    word[sizeof word - 1] = 0;
    snprintf(json, sizeof json,
             "{\"id\":\"w\",\"name\":\"W\",\"nationalities\":[\"FR\"],\"summary\":\"a %s b\"}", word);
    index_experts(s, (const char *const[]){json}, 1);
    assert_int_equal(freq(s, word), 0);
    assert_int_equal(freq(s, "a"), 1);
    assert_int_equal(freq(s, "b"), 1);
    word[RS_WORD_MAX] = 0; /* exactly the limit is kept */
    rs_expert e;
    snprintf(json, sizeof json,
             "{\"id\":\"v\",\"name\":\"V\",\"nationalities\":[\"FR\"],\"summary\":\"%s\"}", word);
    expert(json, &e);
    xc_doc *doc;
    assert_int_equal(rs_document_build(&e, s->stemmers, &doc), RS_OK);
    xc_doc_free(doc);
    rs_expert_free(&e);
}

static void test_stemmers(void **state)
{
    scratch *s = *state;
    /* Cached: the same stemmer each time; none for a language without one. */
    xc_stem *en = rs_stemmers_get(s->stemmers, "en");
    assert_non_null(en);
    assert_ptr_equal(rs_stemmers_get(s->stemmers, "en"), en);
    assert_null(rs_stemmers_get(s->stemmers, "pl"));
    assert_null(rs_stemmers_get(s->stemmers, "pl"));
    /* However many languages a run meets, each keeps its stemmer. */
    static const char *const langs[] = {"pl", "cs", "sk", "bg", "hr", "sl", "et", "lv", "el",
                                        "mt", "is", "mk", "sq", "bs", "sr", "uk", "be", "ka",
                                        "hy", "az", "da", "nl", "fi", "hu", "it", "ro", "sv"};
    for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++)
        rs_stemmers_get(s->stemmers, langs[i]);
    xc_stem *de = rs_stemmers_get(s->stemmers, "de");
    assert_non_null(de);
    assert_string_equal(xc_stem_word(de, "arbeiten", 8), "arbeit");
    assert_ptr_equal(rs_stemmers_get(s->stemmers, "en"), en);
    assert_non_null(rs_stemmers_get(s->stemmers, "sv"));
    /* The index languages all have one. */
    for (size_t i = 0; rs_index_languages[i]; i++)
        assert_non_null(rs_stemmers_get(s->stemmers, rs_index_languages[i]));
    rs_stemmers_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_field_terms, setup, teardown),
        cmocka_unit_test_setup_teardown(test_term_weights, setup, teardown),
        cmocka_unit_test_setup_teardown(test_text_terms, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_stemmer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_positions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_profile, setup, teardown),
        cmocka_unit_test_setup_teardown(test_long_words, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stemmers, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
