/*
 * The search language: its grammar checked by what queries find in a small
 * indexed roster (implicit AND, OR, NOT, parentheses, phrases, prefixes,
 * repeated prefixes merged into OR), its errors with their exact messages,
 * drill-sideways lifting, and the free-text query builders.
 */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>

#include "core/diag.h"
#include "indexer/datadir.h"
#include "query/query.h"
#include "query/search.h"
#include "tests/unit/scratch.h"

/* ---- fixture: one roster for the whole file ---- */

static const char EXPERTS[] =
    "{\"id\":\"es1\",\"name\":\"Ana\",\"gender\":\"F\",\"nationalities\":[\"ES\"],"
    "\"status\":\"public\",\"languages\":[{\"code\":\"es\",\"level\":\"native\"},"
    "{\"code\":\"fr\",\"level\":\"C1\"}],\"fields\":[\"E.10.01\"],\"competences\":[\"2.1\"],"
    "\"summary\":\"Pension reform and social security coordination.\",\"cv_lang\":\"en\","
    "\"missions\":[{\"country\":\"SN\",\"from\":\"2024-02-01\",\"days\":5}],"
    "\"unavailable\":[{\"from\":\"2030-03-10\",\"to\":\"2030-03-12\"}]}\n"
    "{\"id\":\"fr1\",\"name\":\"Bruno\",\"gender\":\"M\",\"nationalities\":[\"FR\"],"
    "\"status\":\"academic\",\"languages\":[{\"code\":\"fr\",\"level\":\"native\"},"
    "{\"code\":\"en\",\"level\":\"B2\"}],\"fields\":[\"E.05\"],"
    "\"summary\":\"Inspection du travail et dialogue social.\",\"cv_lang\":\"fr\","
    "\"experience\":[{\"from\":\"2015-01\",\"country\":\"MA\"}]}\n"
    "{\"id\":\"esfr\",\"name\":\"Carla\",\"gender\":\"F\",\"nationalities\":[\"ES\",\"FR\"],"
    "\"status\":\"private\",\"languages\":[{\"code\":\"es\",\"level\":\"B1\"}],"
    "\"fields\":[\"A.35\"],\"summary\":\"Servicios públicos de empleo para jóvenes.\","
    "\"cv_lang\":\"es\",\"unavailable\":[{\"from\":\"2027-01-01\",\"to\":\"2035-12-31\"}]}\n"
    "{\"id\":\"it1\",\"name\":\"Dario\",\"gender\":\"M\",\"nationalities\":[\"IT\"],"
    "\"status\":\"public\",\"languages\":[{\"code\":\"it\",\"level\":\"native\"},"
    "{\"code\":\"en\",\"level\":\"C2\"}],\"fields\":[\"E.10\",\"B\"],\"competences\":[\"X\"],"
    "\"summary\":\"Social protection floors; social-security financing.\",\"cv_lang\":\"en\","
    "\"unavailable\":[{\"from\":\"2030-03-01\",\"to\":\"2030-03-31\"}]}\n"
    "{\"id\":\"pt1\",\"name\":\"Eva\",\"gender\":\"X\",\"nationalities\":[\"PT\"],"
    "\"status\":\"international_org\",\"languages\":[{\"code\":\"pt\",\"level\":\"native\"},"
    "{\"code\":\"fr\",\"level\":\"A2\"}],\"fields\":[\"U.10\"],"
    "\"summary\":\"Proteção social e segurança social.\",\"cv_lang\":\"pt\","
    "\"unavailable\":[{\"from\":\"2030-02-25\",\"to\":\"2030-03-04\"}]}\n"
    "{\"id\":\"de1\",\"name\":\"Franz\",\"nationalities\":[\"DE\"],"
    "\"languages\":[{\"code\":\"de\",\"level\":\"native\"}],"
    "\"summary\":\"Arbeitsmarktpolitik\",\"cv_lang\":\"de\"}\n";

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
    strcpy(f->dir, "/tmp/rs-query-XXXXXX");
    if (!mkdtemp(f->dir)) return -1;
    char input[128], data[128];
    snprintf(input, sizeof input, "%s/experts.jsonl", f->dir);
    snprintf(data, sizeof data, "%s/data", f->dir);
    FILE *fp = fopen(input, "w");
    if (!fp) return -1;
    fputs(EXPERTS, fp);
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
    if (rc || st.imported != 6) return -1;
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

/* ---- helpers ---- */

static int by_string(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The ids an xc_query finds, sorted and space-separated (caller frees). */
static char *ids_of(fixture *f, const xc_query *q)
{
    xc_enquire *enq;
    xc_mset *m;
    assert_non_null(q);
    assert_int_equal(xc_enquire_new(f->db, &enq), XC_OK);
    xc_enquire_set_query(enq, q);
    assert_int_equal(xc_enquire_get_mset(enq, 0, 100, 100, &m), XC_OK);
    uint32_t n = xc_mset_size(m);
    char *ids[16], *out = calloc(1, 256);
    assert_true(n <= 16);
    for (uint32_t i = 0; i < n; i++) {
        xc_doc *doc;
        const char *data;
        size_t len;
        assert_int_equal(xc_mset_doc(m, i, &doc), XC_OK);
        assert_int_equal(xc_doc_get_data(doc, &data, &len), XC_OK);
        const char *id = strstr(data, "\nid ") + 4; /* the profile's id line */
        ids[i] = strndup(id, strcspn(id, "\n"));
        xc_doc_free(doc);
    }
    qsort(ids, n, sizeof *ids, by_string);
    for (uint32_t i = 0; i < n; i++) {
        if (i) strcat(out, " ");
        strcat(out, ids[i]);
        free(ids[i]);
    }
    xc_mset_free(m);
    xc_enquire_free(enq);
    return out;
}

static rs_query *parse(fixture *f, const char *text)
{
    rs_query *q = NULL;
    char err[256] = "";
    int rc = rs_query_parse(text, f->stemmers, &q, err, sizeof err);
    if (rc) fprintf(stderr, "query '%s': %s\n", text, err);
    assert_int_equal(rc, 0);
    assert_non_null(q);
    return q;
}

/* What a query finds, with lift_facet lifted (NULL: nothing). */
static char *find_lifted(fixture *f, const char *text, const char *lift)
{
    rs_query *q = parse(f, text);
    xc_query *x = rs_query_build(q, lift);
    char *ids = ids_of(f, x);
    xc_query_free(x);
    rs_query_free(q);
    return ids;
}

static void assert_finds_lifted(fixture *f, const char *text, const char *lift, const char *want)
{
    char *got = find_lifted(f, text, lift);
    if (strcmp(got, want) != 0) fprintf(stderr, "query '%.60s' (lifting %s)\n", text, lift);
    assert_string_equal(got, want);
    free(got);
}

static void assert_finds(fixture *f, const char *text, const char *want)
{
    assert_finds_lifted(f, text, NULL, want);
}

static void assert_error(fixture *f, const char *text, const char *want)
{
    rs_query *q = (rs_query *)1;
    char err[256] = "";
    assert_int_equal(rs_query_parse(text, f->stemmers, &q, err, sizeof err), -1);
    assert_null(q);
    if (strcmp(err, want) != 0) fprintf(stderr, "query '%.60s'\n", text);
    assert_string_equal(err, want);
}

#define ALL "de1 es1 esfr fr1 it1 pt1"

/* ---- grammar ---- */

static void test_words(void **state)
{
    fixture *f = *state;
    assert_finds(f, "", ALL);
    assert_finds(f, "   \t\n", ALL);
    assert_finds(f, "social", "es1 fr1 it1 pt1");
    assert_finds(f, "SOCIAL", "es1 fr1 it1 pt1");
    assert_finds(f, "social security", "es1 it1");           /* implicit AND */
    assert_finds(f, "social AND security", "es1 it1");
    assert_finds(f, "pension OR inspection", "es1 fr1");
    assert_finds(f, "pension inspection", "");
    /* Accents folded, stems in every CV language. */
    assert_finds(f, "jóvenes", "esfr");
    assert_finds(f, "JOVENES", "esfr");
    assert_finds(f, "pensions", "es1");   /* English stem of the English CV */
    assert_finds(f, "reforms", "es1");
    assert_finds(f, "empleos", "esfr");   /* Spanish stem of the Spanish CV */
    assert_finds(f, "travailler", "fr1"); /* French */
    assert_finds(f, "arbeitsmarktpolitik", "de1");
    /* and, or, not in lower case are words. */
    assert_finds(f, "pension or inspection", "");
}

static void test_phrases(void **state)
{
    fixture *f = *state;
    assert_finds(f, "\"social security\"", "es1 it1");
    assert_finds(f, "\"security social\"", "");
    assert_finds(f, "social-security", "es1 it1"); /* a hyphenated chunk is a phrase */
    assert_finds(f, "\"protection floors\"", "it1");
    assert_finds(f, "\"protection\"", "it1"); /* one quoted word: exact, not stemmed */
    assert_finds(f, "\"pensions\"", "");
    assert_finds(f, "\"seguranca social\"", "pt1");
}

static void test_not_and_parentheses(void **state)
{
    fixture *f = *state;
    assert_finds(f, "social NOT nat:FR", "es1 it1 pt1");
    assert_finds(f, "NOT nat:ES", "de1 fr1 it1 pt1");
    assert_finds(f, "NOT NOT nat:ES", "es1 esfr");
    assert_finds(f, "NOT (nat:ES OR nat:FR)", "de1 it1 pt1");
    assert_finds(f, "NOT social", "de1 esfr");
    assert_finds(f, "(social OR pension) nat:IT", "it1");
    assert_finds(f, "social AND (nat:ES OR nat:PT)", "es1 pt1");
    assert_finds(f, "((social))", "es1 fr1 it1 pt1");
    assert_finds(f, "nat:ES OR gender:M", "es1 esfr fr1 it1");
    /* NOT binds tighter than AND, AND than OR. */
    assert_finds(f, "nat:IT OR nat:ES gender:M", "it1");        /* IT OR (ES AND M) */
    assert_finds(f, "nat:IT OR nat:ES AND gender:F", "es1 esfr it1");
    assert_finds(f, "NOT nat:ES OR nat:ES", ALL);
    assert_finds(f, "NOT gender:M NOT gender:F", "de1 pt1");
    assert_finds(f, "nat:DE OR NOT social", "de1 esfr");
}

/* A minus sign directly before a term excludes it, as NOT does. */
static void test_minus_excludes(void **state)
{
    fixture *f = *state;
    assert_finds(f, "pension reform", "es1");
    assert_finds(f, "pension -reform", "");
    assert_finds(f, "social -nat:FR", "es1 it1 pt1");
    assert_finds(f, "social -\"social security\"", "fr1 pt1");
    assert_finds(f, "social -(nat:ES OR nat:FR)", "it1 pt1");
    assert_finds(f, "social -security -nat:PT", "fr1");
    assert_finds(f, "-jóvenes", "de1 es1 fr1 it1 pt1");
    /* Exclusions only: every expert but those. */
    assert_finds(f, "-social", "de1 esfr");
    assert_finds(f, "-nat:ES", "de1 fr1 it1 pt1");
    assert_finds(f, "-nat:ES -gender:M", "de1 pt1");
    assert_finds(f, "--social", "es1 fr1 it1 pt1"); /* "--" is punctuation: the word */
    /* A dash not directly before a term is text, as inside a word. */
    assert_finds(f, "social - security", "es1 it1");
    assert_finds(f, "social-security", "es1 it1");
    assert_finds(f, "pension -", "es1");
    assert_error(f, "-", "nothing to search for in '-' (only letters and digits are "
                         "searched; an empty query lists every expert)");
    assert_error(f, "social -\"\"", "empty phrase \"\": a phrase needs words");
    /* Not lifted for drill-sideways, as NOT is not. */
    rs_query *q = parse(f, "-nat:ES");
    assert_false(rs_query_filters_facet(q, "nationality"));
    rs_query_free(q);
    assert_finds_lifted(f, "-nat:ES", "nationality", "de1 fr1 it1 pt1");
}

static void test_prefixes(void **state)
{
    fixture *f = *state;
    assert_finds(f, "field:E", "es1 fr1 it1");
    assert_finds(f, "field:E.10", "es1 it1");
    assert_finds(f, "field:e.10.01", "es1");
    assert_finds(f, "FIELD:B", "it1");
    assert_finds(f, "comp:2", "es1");
    assert_finds(f, "comp:x", "it1");
    assert_finds(f, "lang:fr", "es1 fr1 pt1");
    assert_finds(f, "lang:fr>=B2", "es1 fr1");
    assert_finds(f, "lang:en>=C2", "it1");
    assert_finds(f, "lang:en>=native", "");
    assert_finds(f, "nat:Spain", "es1 esfr");
    assert_finds(f, "country:SN", "es1");
    assert_finds(f, "country:Morocco", "fr1");
    assert_finds(f, "sector:public", "es1 it1");
    assert_finds(f, "gender:x", "pt1");
    assert_finds(f, "id:esfr", "esfr");
    assert_finds(f, "id:ESFR", "");
    assert_finds(f, "nat:\"Portugal\"", "pt1");
    assert_finds(f, "nat:\"united kingdom\"", "");
    assert_finds(f, "avail:\"2026-01-01..2026-01-31\"", ALL);
}

static void test_availability(void **state)
{
    fixture *f = *state;
    /* es1 is away 10-12 March, it1 all March, pt1 until 4 March, esfr for
     * years (a long period is indexed to its end). */
    assert_finds(f, "avail:2030-03-05..2030-03-20", "de1 fr1 pt1");
    assert_finds(f, "avail:2030-03-01..2030-03-04", "de1 es1 fr1");
    assert_finds(f, "avail:2030-03-13..2030-03-13", "de1 es1 fr1 pt1");
    assert_finds(f, "avail:2030-02..2030-04", "de1 fr1");
    assert_finds(f, "avail:2035-12-31..2036-01-01", "de1 es1 fr1 it1 pt1");
    assert_finds(f, "avail:2036-01-01..2036-01-02", ALL);
    assert_finds(f, "avail:2030-03-05..2030-03-20 lang:fr", "fr1 pt1");
}

static void test_same_prefix_or(void **state)
{
    fixture *f = *state;
    assert_finds(f, "nat:ES", "es1 esfr");
    assert_finds(f, "nat:FR", "esfr fr1");
    assert_finds(f, "nat:ES nat:FR", "es1 esfr fr1");
    assert_finds(f, "nat:ES nat:FR nat:IT", "es1 esfr fr1 it1");
    assert_finds(f, "nat:ES gender:F nat:FR", "es1 esfr");  /* (ES OR FR) AND F */
    assert_finds(f, "nat:ES AND nat:FR", "esfr");           /* explicit AND: both */
    assert_finds(f, "nat:ES nat:FR AND gender:M", "fr1");   /* (ES OR FR) AND M */
    assert_finds(f, "nat:ES AND gender:F nat:FR", "esfr");
    assert_finds(f, "NOT nat:ES nat:FR", "fr1");            /* NOT is never merged */
    assert_finds(f, "field:E.10 field:A", "es1 esfr it1");
    assert_finds(f, "lang:fr>=C1 lang:it", "es1 fr1 it1");
}

static void test_nothing_to_match(void **state)
{
    fixture *f = *state;
    /* Punctuation beside terms: nothing to match, so it does not narrow (or widen). */
    assert_finds(f, "pension (,)", "es1");
    assert_finds(f, "pension OR ,", "es1");
    assert_finds(f, ", OR pension", "es1");
    assert_finds(f, "pension OR (-) OR inspection", "es1 fr1");
    assert_finds(f, "pension -", "es1");
    /* Groups without terms cannot pile up beyond the term limit. */
    char *many = malloc(RS_QUERY_MAX_BYTES + 1);
    strcpy(many, "pension ");
    for (int i = 0; i < 2000; i++) strcat(many, "(,)");
    assert_finds(f, many, "es1");
    free(many);
}

/* A query with text but nothing to search for would match every expert:
 * an accident (a stray dash, empty quotes), so an error. */
static void test_nothing_at_all_is_an_error(void **state)
{
    fixture *f = *state;
    const char *why = "(only letters and digits are searched; an empty query lists every expert)";
    char want[256];
    const char *texts[] = {"-", "(,)", "NOT ,", "- OR -", "NOT (-)", "((-)) AND ,"};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        snprintf(want, sizeof want, "nothing to search for in '%s' %s", texts[i], why);
        assert_error(f, texts[i], want);
    }
    char *many = malloc(RS_QUERY_MAX_BYTES + 1);
    many[0] = 0;
    for (int i = 0; i < 2000; i++) strcat(many, "(,)");
    snprintf(want, sizeof want, "nothing to search for in '%.40s' %s", many, why);
    assert_error(f, many, want);
    free(many);
    /* A phrase is written on purpose: without words it is an error anywhere. */
    assert_error(f, "\"\"", "empty phrase \"\": a phrase needs words");
    assert_error(f, "\"  \"", "empty phrase \"  \": a phrase needs words");
    assert_error(f, "\"\" pension", "empty phrase \"\": a phrase needs words");
    assert_error(f, "pension OR \"\"", "empty phrase \"\": a phrase needs words");
    assert_error(f, "\"-\"",
                 "phrase \"-\" has no words (only letters and digits are searched)");
    /* Other would-be "every expert" queries were already refused. */
    assert_error(f, "()", "unexpected ')'");
    assert_error(f, "NOT", "query ends where a term was expected");
    assert_error(f, "\"", "unterminated quote at column 1");
    /* The empty query still lists everyone, on purpose. */
    assert_finds(f, "", ALL);
}

/* ---- warnings: queries that parse but would quietly find nothing ---- */

/* The warnings of a query that parses, one per line (caller frees). */
static char *warnings_of(fixture *f, const char *text)
{
    rs_query *q = parse(f, text);
    char *out = calloc(1, 2048);
    for (size_t i = 0; i < rs_query_n_warnings(q); i++) {
        if (i) strcat(out, "\n");
        strncat(out, rs_query_warning_at(q, i), 2047 - strlen(out));
    }
    rs_query_free(q);
    return out;
}

static void assert_warns(fixture *f, const char *text, const char *want)
{
    char *got = warnings_of(f, text);
    if (strcmp(got, want) != 0) fprintf(stderr, "query '%.60s'\n", text);
    assert_string_equal(got, want);
    free(got);
}

static void test_codes_not_in_taxonomy(void **state)
{
    fixture *f = *state;
    assert_warns(f, "field:E.11", "field:E.11: unknown field code 'E.11' (not in the taxonomy)");
    assert_warns(f, "comp:3.9", "comp:3.9: unknown competence code '3.9' (not in the taxonomy)");
    assert_warns(f, "field:e.11 OR field:e.11",
                 "field:e.11: unknown field code 'E.11' (not in the taxonomy)"); /* once */
    assert_finds(f, "field:E.11", ""); /* still runs */
    assert_warns(f, "field:E field:E.10 field:e.10.01 comp:2.1 comp:x", "");
    /* Above codes of the table, though the sources name neither (O.30.01). */
    assert_warns(f, "field:O field:o.30 field:P field:G.25", "");
    assert_warns(f, "social", "");
}

static void test_lower_case_operators(void **state)
{
    fixture *f = *state;
    const char *or = "'or' is searched as a word; did you mean OR? (operators are written in "
                     "capitals)";
    assert_warns(f, "pension or inspection", or);
    assert_finds(f, "pension or inspection", ""); /* searched as today: three words */
    assert_warns(f, "pension or inspection or social", or);
    assert_warns(f, "nat:ES and gender:F",
                 "'and' is searched as a word; did you mean AND? (operators are written in "
                 "capitals)");
    assert_warns(f, "(social) Or \"dialogue social\"",
                 "'Or' is searched as a word; did you mean OR? (operators are written in "
                 "capitals)");
    assert_warns(f, "not nat:ES", "'not' is searched as a word; did you mean NOT? (operators "
                                  "are written in capitals)");
    assert_warns(f, "social not (pension)", "'not' is searched as a word; did you mean NOT? "
                                            "(operators are written in capitals)");
    /* Not between terms: a word as any other. */
    assert_warns(f, "or", "");
    assert_warns(f, "pension or", "");
    assert_warns(f, "or pension", "");
    assert_warns(f, "and social", "");
    assert_warns(f, "social not", "");
    assert_warns(f, "\"pension or reform\"", "");
    assert_warns(f, "pension OR inspection", "");
    assert_warns(f, "oro ornot", "");
}

/* The contract of rs_id_lookup over the fixture's ids and two that differ
 * only in case; "broken" stands for a store that fails. */
static int fake_lookup(const char *asked, char *out, size_t outsz, char *err, size_t errsz,
                       void *ctx)
{
    (void)ctx;
    static const char *const ids[] = {"de1", "es1", "esfr", "fr1", "it1", "pt1", "Ab-1", "aB-1"};
    size_t n = 0, at = 0;
    *out = 0;
    if (strcmp(asked, "broken") == 0) {
        snprintf(err, errsz, "store unreadable");
        return -2;
    }
    for (size_t i = 0; i < 8; i++)
        if (strcmp(ids[i], asked) == 0) {
            snprintf(out, outsz, "%s", ids[i]);
            return 0;
        }
    for (size_t i = 0; i < 8; i++)
        if (strcasecmp(ids[i], asked) == 0) n++, at = i;
    if (n > 1) {
        snprintf(err, errsz, "several");
        return -1;
    }
    if (n == 1) snprintf(out, outsz, "%s", ids[at]);
    return 0;
}

static void test_ids_ignoring_case(void **state)
{
    fixture *f = *state;
    rs_query *q;
    char err[256];
    assert_int_equal(rs_query_parse_ids("id:ESFR OR id:Pt1", f->stemmers, fake_lookup, NULL, &q,
                                        err, sizeof err), 0);
    xc_query *x = rs_query_build(q, NULL);
    char *ids = ids_of(f, x);
    assert_string_equal(ids, "esfr pt1");
    assert_int_equal(rs_query_n_warnings(q), 0);
    free(ids);
    xc_query_free(x);
    rs_query_free(q);
    /* No such id: a warning, and nothing found. */
    assert_int_equal(rs_query_parse_ids("id:zz9", f->stemmers, fake_lookup, NULL, &q, err,
                                        sizeof err), 0);
    assert_int_equal(rs_query_n_warnings(q), 1);
    assert_string_equal(rs_query_warning_at(q, 0), "id:zz9: no expert has this id");
    rs_query_free(q);
    /* Several ids equal ignoring case: an error (exit 2), none guessed. */
    q = (rs_query *)1;
    assert_int_equal(rs_query_parse_ids("id:AB-1", f->stemmers, fake_lookup, NULL, &q, err,
                                        sizeof err), -1);
    assert_null(q);
    assert_string_equal(err, "id:AB-1: several");
    /* The lookup failing is not the user's fault. */
    assert_int_equal(rs_query_parse_ids("social id:broken", f->stemmers, fake_lookup, NULL, &q,
                                        err, sizeof err), -2);
    assert_string_equal(err, "id:broken: store unreadable");
    /* A malformed id is refused before any lookup. */
    assert_int_equal(rs_query_parse_ids("id:a/b", f->stemmers, fake_lookup, NULL, &q, err,
                                        sizeof err), -1);
    assert_string_equal(err, "id:a/b: bad expert id 'a/b'");
    /* Without a lookup, ids are taken as written. */
    assert_finds(f, "id:ESFR", "");
}

/* Every prefix with a closed set of values takes them in any case. */
static void test_values_in_any_case(void **state)
{
    fixture *f = *state;
    assert_finds(f, "sector:Public", "es1 it1");
    assert_finds(f, "sector:PUBLIC", "es1 it1");
    assert_finds(f, "sector:International_Org", "pt1");
    assert_finds(f, "gender:f", "es1 esfr");
    assert_finds(f, "lang:FR>=c1", "es1 fr1");
    assert_finds(f, "lang:Fr>=Native", "fr1");
    assert_finds(f, "nat:es", "es1 esfr");
    assert_finds(f, "nat:SPAIN", "es1 esfr");
    assert_finds(f, "country:sn", "es1");
    assert_finds(f, "field:e.10", "es1 it1");
    assert_finds(f, "comp:x", "it1");
    assert_error(f, "sector:publicx",
                 "sector:publicx: unknown sector 'publicx' (public, retired_public, "
                 "mandated_body, social_partner, academic, private, international_org)");
}

/* ---- errors ---- */

static void test_errors(void **state)
{
    fixture *f = *state;
    assert_error(f, "feild:E.10", "unknown prefix 'feild:' — did you mean 'field:'?");
    assert_error(f, "social nta:ES", "unknown prefix 'nta:' — did you mean 'nat:'?");
    assert_error(f, "xyzzy:1", "unknown prefix 'xyzzy:' (see roster search --help)");
    assert_error(f, "http://example.org", "unknown prefix 'http:' (see roster search --help)");
    assert_error(f, "nat:", "'nat:' needs a value, e.g. nat:ES");
    assert_error(f, "social field:", "'field:' needs a value, e.g. field:E.10");
    assert_error(f, "nat:Narnia", "nat:Narnia: unknown country 'Narnia'");
    assert_error(f, "lang:fr>=D1", "lang:fr>=D1: bad CEFR level 'D1' (A1..C2 or native)");
    assert_error(f, "field:E.1", "field:E.1: malformed field code 'E.1' (e.g. E, E.10, E.10.01)");
    assert_error(f, "avail:2030-03-20..2030-03-01",
                 "avail:2030-03-20..2030-03-01: range '2030-03-20..2030-03-01' ends before it "
                 "starts");
    assert_error(f, "\"social", "unterminated quote at column 1");
    assert_error(f, "nat:\"Spain", "unterminated quote at column 5");
    assert_error(f, "(a", "missing ')'");
    assert_error(f, "((a) b", "missing ')'");
    assert_error(f, "a)", "unexpected ')'");
    assert_error(f, ")", "unexpected ')'");
    assert_error(f, "()", "unexpected ')'");
    assert_error(f, "a AND", "query ends where a term was expected");
    assert_error(f, "a OR", "query ends where a term was expected");
    assert_error(f, "NOT", "query ends where a term was expected");
    assert_error(f, "AND a", "operator where a term was expected");
    assert_error(f, "a OR OR b", "operator where a term was expected");
    assert_error(f, "a NOT AND b", "operator where a term was expected");
    assert_error(f, "caf\xc3", "query is not valid UTF-8");
    assert_error(f, "\xff", "query is not valid UTF-8");
}

/* A token that fails to read ends the query: nothing reads its half. */
static void test_errors_after_operators(void **state)
{
    fixture *f = *state;
    assert_error(f, "a AND \"b", "unterminated quote at column 7");
    assert_error(f, "(\"b", "unterminated quote at column 2");
    assert_error(f, "NOT \"b", "unterminated quote at column 5");
    assert_error(f, "a OR \"b", "unterminated quote at column 6");
    assert_error(f, "(nat:", "'nat:' needs a value, e.g. nat:ES");
    assert_error(f, "NOT nat:", "'nat:' needs a value, e.g. nat:ES");
    assert_error(f, "a AND nat:\"ES", "unterminated quote at column 11");
    assert_error(f, "(feild:x", "unknown prefix 'feild:' — did you mean 'field:'?");
    assert_error(f, "NOT feild:x", "unknown prefix 'feild:' — did you mean 'field:'?");
    assert_error(f, "a AND feild:x", "unknown prefix 'feild:' — did you mean 'field:'?");
    assert_error(f, "a OR feild:x", "unknown prefix 'feild:' — did you mean 'field:'?");
}

static void test_limits(void **state)
{
    fixture *f = *state;
    char *text = malloc(RS_QUERY_MAX_BYTES + 2);
    /* Length: 1024 words of 8 bytes fill it exactly. */
    text[0] = 0;
    for (int i = 0; i < RS_QUERY_MAX_BYTES / 8; i++) strcat(text, "pension ");
    assert_int_equal(strlen(text), RS_QUERY_MAX_BYTES);
    assert_finds(f, text, "es1");
    strcat(text, "x");
    assert_error(f, text, "query longer than 8192 bytes");
    /* Depth of parentheses. */
    int n = 0;
    for (int i = 0; i < RS_QUERY_MAX_DEPTH; i++) text[n++] = '(';
    text[n++] = 'a';
    for (int i = 0; i < RS_QUERY_MAX_DEPTH; i++) text[n++] = ')';
    text[n] = 0;
    assert_finds(f, text, "");
    memmove(text + 1, text, (size_t)n + 1);
    text[0] = '(';
    strcat(text, ")");
    assert_error(f, text, "query nests deeper than 32 parentheses");
    /* Depth of NOT. */
    text[0] = 0;
    for (int i = 0; i < RS_QUERY_MAX_DEPTH; i++) strcat(text, "NOT ");
    strcat(text, "nat:ES");
    assert_finds(f, text, "es1 esfr"); /* an even number of NOTs */
    memmove(text + 4, text, strlen(text) + 1);
    memcpy(text, "NOT ", 4);
    assert_error(f, text, "query nests deeper than 32 operators");
    /* Number of terms: words, and filters. */
    text[0] = 0;
    for (int i = 0; i < RS_QUERY_MAX_TERMS; i++) strcat(text, "a ");
    assert_finds(f, text, "");
    strcat(text, "a");
    assert_error(f, text, "query has more than 1024 terms");
    text[0] = 0;
    for (int i = 0; i < RS_QUERY_MAX_TERMS; i++) strcat(text, "id:x ");
    assert_finds(f, text, "");
    strcat(text, "id:y");
    assert_error(f, text, "query has more than 1024 terms");
    /* A phrase's words count one each. */
    text[0] = '"';
    text[1] = 0;
    for (int i = 0; i < RS_QUERY_MAX_TERMS; i++) strcat(text, "b ");
    strcat(text, "b\"");
    assert_error(f, text, "query has more than 1024 terms");
    free(text);
}

/* ---- drill-sideways ---- */

static void test_lifting(void **state)
{
    fixture *f = *state;
    const char *text = "nat:ES nat:FR gender:F social";
    assert_finds(f, text, "es1");
    assert_finds_lifted(f, text, "nationality", "es1");
    assert_finds_lifted(f, text, "gender", "es1 fr1");
    assert_finds_lifted(f, text, "language", "es1");
    assert_finds_lifted(f, text, "no such facet", "es1");
    rs_query *q = parse(f, text);
    assert_true(rs_query_filters_facet(q, "nationality"));
    assert_true(rs_query_filters_facet(q, "gender"));
    assert_false(rs_query_filters_facet(q, "language"));
    assert_false(rs_query_filters_facet(q, "field"));
    assert_false(rs_query_filters_facet(q, "sector"));
    assert_false(rs_query_filters_facet(q, NULL));
    rs_query_free(q);

    static const struct { const char *query; const char *facet; int filters; const char *lifted; }
    cases[] = {
        {"nat:ES OR nat:FR", "nationality", 1, ALL},
        {"(nat:ES nat:IT) social", "nationality", 1, "es1 fr1 it1 pt1"},
        {"nat:ES AND nat:FR", "nationality", 1, ALL},
        {"NOT nat:ES", "nationality", 0, "de1 fr1 it1 pt1"},    /* NOT is not lifted */
        {"nat:ES OR gender:M", "nationality", 0, "es1 esfr fr1 it1"},
        {"nat:ES OR gender:M", "gender", 0, "es1 esfr fr1 it1"},
        {"(nat:ES gender:F)", "nationality", 0, "es1 esfr"},  /* mixed group */
        {"nat:ES social", "nationality", 1, "es1 fr1 it1 pt1"},
        {"field:E lang:fr", "field", 1, "es1 fr1 pt1"},
        {"field:E lang:fr", "language", 1, "es1 fr1 it1"},
        {"sector:public OR sector:private", "sector", 1, ALL},
        {"comp:2", "field", 0, "es1"},                         /* comp: is no facet */
        {"country:SN", "nationality", 0, "es1"},
        {"(nat:ES OR nat:FR) OR nat:IT", "nationality", 1, ALL},
        {"NOT nat:ES OR nat:FR", "nationality", 0, "de1 esfr fr1 it1 pt1"},
        {"", "nationality", 0, ALL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        q = parse(f, cases[i].query);
        if (rs_query_filters_facet(q, cases[i].facet) != cases[i].filters)
            fprintf(stderr, "query '%s' facet %s\n", cases[i].query, cases[i].facet);
        assert_int_equal(rs_query_filters_facet(q, cases[i].facet), cases[i].filters);
        rs_query_free(q);
        assert_finds_lifted(f, cases[i].query, cases[i].facet, cases[i].lifted);
    }
}

static void test_fields_asked(void **state)
{
    fixture *f = *state;
    rs_query *q = parse(f, "field:e.10 social (field:B OR nat:ES) NOT field:U -field:A");
    assert_int_equal(rs_query_n_fields(q), 2); /* excluded codes are not asked */
    assert_string_equal(rs_query_field_at(q, 0), "E.10");
    assert_string_equal(rs_query_field_at(q, 1), "B");
    rs_query_free(q);
    q = parse(f, "NOT NOT field:U NOT (nat:ES OR NOT field:C)");
    assert_int_equal(rs_query_n_fields(q), 2);
    assert_string_equal(rs_query_field_at(q, 0), "U");
    assert_string_equal(rs_query_field_at(q, 1), "C");
    rs_query_free(q);
    q = parse(f, "social");
    assert_int_equal(rs_query_n_fields(q), 0);
    rs_query_free(q);
}

static void test_scores(void **state)
{
    fixture *f = *state;
    /* Filters weigh nothing; words do. */
    rs_results res;
    char err[128];
    rs_query *q = parse(f, "nat:ES nat:IT");
    assert_int_equal(rs_search(f->db, q, 0, 10, 0, &res, err, sizeof err), 0);
    assert_int_equal(res.n_hits, 3);
    for (size_t i = 0; i < res.n_hits; i++) assert_true(res.hits[i].score == 0);
    rs_results_free(&res);
    rs_query_free(q);
    q = parse(f, "social nat:ES nat:IT");
    assert_int_equal(rs_search(f->db, q, 0, 10, 0, &res, err, sizeof err), 0);
    assert_int_equal(res.n_hits, 2);
    for (size_t i = 0; i < res.n_hits; i++) assert_true(res.hits[i].score > 0);
    /* it1 says "social" twice. */
    assert_string_equal(res.hits[0].profile.id, "it1");
    rs_results_free(&res);
    rs_query_free(q);
}

/* ---- free-text builders ---- */

static void test_word_query(void **state)
{
    fixture *f = *state;
    xc_query *q = rs_word_query(f->stemmers, "pensions", 8);
    char *d = xc_query_describe(q);
    assert_non_null(strstr(d, "pensions"));
    assert_non_null(strstr(d, "Zpension"));
    assert_non_null(strstr(d, "SYNONYM"));
    free(d);
    char *ids = ids_of(f, q);
    assert_string_equal(ids, "es1");
    free(ids);
    xc_query_free(q);
    /* The length bounds the word. */
    q = rs_word_query(f->stemmers, "socialxyz", 6);
    ids = ids_of(f, q);
    assert_string_equal(ids, "es1 fr1 it1 pt1");
    free(ids);
    xc_query_free(q);
}

static int skip_word(const char *word, void *ctx)
{
    return strcmp(word, ctx) == 0;
}

static void assert_text_query(fixture *f, const char *text, size_t max, const char *skipped,
                              const char *want)
{
    xc_query *q = rs_text_query(f->stemmers, text, max, skipped ? skip_word : NULL,
                                (void *)skipped);
    char *ids = ids_of(f, q);
    assert_string_equal(ids, want);
    free(ids);
    xc_query_free(q);
}

static void test_text_query(void **state)
{
    fixture *f = *state;
    assert_text_query(f, "Pension, inspection; pension!", 10, NULL, "es1 fr1");
    assert_text_query(f, "Pension, inspection; pension!", 1, NULL, "es1");
    assert_text_query(f, "pension pension pension inspection", 2, NULL, "es1 fr1");
    assert_text_query(f, "pension inspection", 10, "pension", "fr1");
    assert_text_query(f, "pension inspection", 10, "inspection", "es1");
    assert_text_query(f, "", 10, NULL, "");
    assert_text_query(f, "-- !", 10, NULL, "");
    assert_null(rs_text_query(f->stemmers, "bad \xff", 10, NULL, NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words),
        cmocka_unit_test(test_phrases),
        cmocka_unit_test(test_not_and_parentheses),
        cmocka_unit_test(test_prefixes),
        cmocka_unit_test(test_availability),
        cmocka_unit_test(test_same_prefix_or),
        cmocka_unit_test(test_nothing_to_match),
        cmocka_unit_test(test_nothing_at_all_is_an_error),
        cmocka_unit_test(test_codes_not_in_taxonomy),
        cmocka_unit_test(test_lower_case_operators),
        cmocka_unit_test(test_ids_ignoring_case),
        cmocka_unit_test(test_values_in_any_case),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_errors_after_operators),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_lifting),
        cmocka_unit_test(test_minus_excludes),
        cmocka_unit_test(test_fields_asked),
        cmocka_unit_test(test_scores),
        cmocka_unit_test(test_word_query),
        cmocka_unit_test(test_text_query),
    };
    return cmocka_run_group_tests(tests, setup_roster, teardown_roster);
}
