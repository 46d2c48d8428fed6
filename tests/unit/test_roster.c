/*
 * The data directory: import (all or nothing, or skipping bad records),
 * the index catching up with the store after a crash, a lost or damaged
 * index rebuilt, reindexing equal to incremental indexing, forgetting with
 * no trace left in any file, verify finding planted damage, and the write
 * lock. Each test works in its own mkdtemp directory.
 */
#define _GNU_SOURCE /* memmem, nftw, setenv */
#include <dirent.h>
#include <ftw.h>
#include <grp.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "core/diag.h"
#include "core/record.h"
#include "core/stem.h"
#include "indexer/datadir.h"
#include "query/query.h"
#include "query/search.h"
#include "tests/unit/scratch.h"

/* ---- fixture ---- */

typedef struct {
    char dir[64];   /* the mkdtemp directory: input files */
    char data[96];  /* dir/data: the roster's data directory */
    char files[8][128];
    int n_files;
} scratch;

static int setup(void **state)
{
    scratch *s = calloc(1, sizeof *s);
    if (!s) return -1;
    strcpy(s->dir, "/tmp/rs-roster-XXXXXX");
    if (!mkdtemp(s->dir)) { free(s); return -1; }
    snprintf(s->data, sizeof s->data, "%s/data", s->dir);
    unsetenv("ROSTER_LOCK_WAIT_MS");
    *state = s;
    return 0;
}

static void remove_tree(const char *path)
{
    rs_test_remove_tree(path);
}

static int teardown(void **state)
{
    scratch *s = *state;
    chmod(s->data, 0700);
    remove_tree(s->dir);
    free(s);
    return 0;
}

/* Write text to dir/name; returns the path (kept in s). */
static const char *input(scratch *s, const char *name, const char *text)
{
    char *path = s->files[s->n_files++ % 8];
    size_t n = strlen(s->dir);
    memcpy(path, s->dir, n);
    snprintf(path + n, 128 - n, "/%s", name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static rs_data *open_roster(scratch *s, rs_open_mode mode)
{
    rs_data *r = NULL;
    char *err = NULL;
    rs_status rc = rs_data_open(s->data, mode, &r, &err);
    if (rc) fprintf(stderr, "open: %s\n", err ? err : "?");
    free(err);
    assert_int_equal(rc, RS_OK);
    assert_non_null(r);
    return r;
}

/* Import one JSONL text; the test fails unless it all goes in. */
static void import_text(scratch *s, rs_data *r, const char *jsonl)
{
    char *path = (char *)input(s, "in.jsonl", jsonl);
    rs_diag d;
    rs_import_stats st;
    rs_diag_init(&d);
    rs_status rc = rs_data_import(r, &path, 1, 0, &d, &st, NULL, NULL);
    if (rc) {
        rs_diag_print(&d, stderr);
        fprintf(stderr, "import: %s\n", rs_data_error(r));
    }
    rs_diag_free(&d);
    assert_int_equal(rc, RS_OK);
}

static int64_t store_change(rs_data *r)
{
    int64_t c = -1;
    assert_int_equal(rs_store_change(rs_data_store(r), &c), RS_OK);
    return c;
}

static int64_t store_count(rs_data *r)
{
    int64_t c = -1;
    assert_int_equal(rs_store_count(rs_data_store(r), &c), RS_OK);
    return c;
}

static uint32_t index_count(rs_data *r)
{
    xc_db *db = rs_data_index(r);
    assert_non_null(db);
    uint32_t n = 99;
    assert_int_equal(xc_db_doccount(db, &n), XC_OK);
    return n;
}

/* The store change the index says it reflects. */
static long long index_change(rs_data *r)
{
    char *v = NULL;
    assert_int_equal(xc_db_get_metadata(rs_data_index(r), "store_change", &v), XC_OK);
    long long n = strtoll(v, NULL, 10);
    free(v);
    return n;
}

static uint32_t termfreq(rs_data *r, const char *term)
{
    uint32_t n = 99;
    assert_int_equal(xc_db_termfreq(rs_data_index(r), term, &n), XC_OK);
    return n;
}

/* Ids matching a query, sorted, space-separated, plus the total. */
static int by_string(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *search_ids(rs_data *r, const char *text)
{
    rs_stemmers *st = rs_stemmers_new();
    rs_query *q;
    char err[256];
    int rc = rs_query_parse(text, st, &q, err, sizeof err);
    if (rc) fprintf(stderr, "%s: %s\n", text, err);
    assert_int_equal(rc, 0);
    rs_results res;
    assert_non_null(rs_data_index(r));
    assert_int_equal(rs_search(rs_data_index(r), q, 0, 1000, 0, &res, err, sizeof err), 0);
    assert_int_equal(res.total, res.n_hits);
    char **ids = calloc(res.n_hits + 1, sizeof *ids);
    for (size_t i = 0; i < res.n_hits; i++) ids[i] = res.hits[i].profile.id;
    qsort(ids, res.n_hits, sizeof *ids, by_string);
    char *out = calloc(1, 16 * res.n_hits + 1);
    for (size_t i = 0; i < res.n_hits; i++) {
        if (i) strcat(out, " ");
        strcat(out, ids[i]);
    }
    free(ids);
    rs_results_free(&res);
    rs_query_free(q);
    rs_stemmers_free(st);
    return out;
}

static void assert_search(rs_data *r, const char *query, const char *want)
{
    char *got = search_ids(r, query);
    if (strcmp(got, want) != 0) fprintf(stderr, "query %s\n", query);
    assert_string_equal(got, want);
    free(got);
}

/* One facet's counts for a query, "value=count ..." in the facet's order. */
static char *facet_counts(rs_data *r, const char *text, const char *name)
{
    rs_stemmers *st = rs_stemmers_new();
    rs_query *q;
    char err[256];
    assert_int_equal(rs_query_parse(text, st, &q, err, sizeof err), 0);
    rs_results res;
    assert_int_equal(rs_search(rs_data_index(r), q, 0, 0, 1, &res, err, sizeof err), 0);
    char *out = calloc(1, 256);
    size_t n = 0;
    for (size_t i = 0; i < res.n_facets; i++)
        for (size_t j = 0; j < res.facets[i].n && strcmp(res.facets[i].name, name) == 0; j++)
            n += (size_t)snprintf(out + n, 256 - n, "%s%s=%u", n ? " " : "",
                                  res.facets[i].counts[j].value, res.facets[i].counts[j].count);
    rs_results_free(&res);
    rs_query_free(q);
    rs_stemmers_free(st);
    return out;
}

static void assert_facet_counts(rs_data *r, const char *text, const char *name,
                                const char *want)
{
    char *got = facet_counts(r, text, name);
    assert_string_equal(got, want);
    free(got);
}

static char *read_pointer(scratch *s)
{
    char path[160], *buf = calloc(1, 128);
    snprintf(path, sizeof path, "%s/index.current", s->data);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    assert_non_null(fgets(buf, 128, f));
    fclose(f);
    return buf;
}

static void assert_pointer(scratch *s, const char *want)
{
    char *got = read_pointer(s);
    assert_string_equal(got, want);
    free(got);
}

static int exists(const char *dir, const char *name)
{
    char path[256];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return stat(path, &st) == 0;
}

/* ---- every file under a directory, searched for a string ---- */

static const char *needle;
static int n_holding, report_holding;

static int search_file(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)ftw;
    if (flag != FTW_F) return 0;
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    char *buf = malloc((size_t)sb->st_size + 1);
    size_t n = fread(buf, 1, (size_t)sb->st_size, f);
    fclose(f);
    if (memmem(buf, n, needle, strlen(needle))) {
        if (report_holding) fprintf(stderr, "  '%s' found in %s\n", needle, path);
        n_holding++;
    }
    free(buf);
    return 0;
}

/* Number of files under dir holding `text`. */
static int files_holding(const char *dir, const char *text)
{
    needle = text;
    n_holding = 0;
    nftw(dir, search_file, 16, FTW_PHYS);
    return n_holding;
}

/* No file under dir holds `text`; the test fails naming those that do. */
static void assert_no_trace(const char *dir, const char *text)
{
    report_holding = 1;
    assert_int_equal(files_holding(dir, text), 0);
    report_holding = 0;
}

/* ---- fixtures ---- */

static const char THREE[] =
    "{\"id\":\"a\",\"name\":\"Amelia Quorrelby\",\"gender\":\"F\",\"nationalities\":[\"ES\",\"FR\"],"
    "\"status\":\"public\",\"languages\":[{\"code\":\"es\",\"level\":\"native\"}],"
    "\"fields\":[\"E.10.01\"],\"summary\":\"Pension reform and social security.\"}\n"
    "{\"id\":\"b\",\"name\":\"Bruno Vantablack\",\"gender\":\"M\",\"nationalities\":[\"FR\"],"
    "\"status\":\"academic\",\"languages\":[{\"code\":\"fr\",\"level\":\"C1\"}],"
    "\"fields\":[\"E.20\"],\"summary\":\"Labour inspection and social dialogue.\"}\n"
    "{\"id\":\"c\",\"name\":\"Chiara Zimmerwald\",\"gender\":\"F\",\"nationalities\":[\"IT\"],"
    "\"status\":\"private\",\"languages\":[{\"code\":\"it\",\"level\":\"native\"}],"
    "\"fields\":[\"A.10\"],\"summary\":\"Employment services for young people.\"}\n";

/* ---- tests ---- */

static void test_open_new(void **state)
{
    scratch *s = *state;
    rs_data *r = open_roster(s, RS_OPEN_WRITE);
    struct stat st;
    assert_int_equal(stat(s->data, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    /* An empty index is made at once, so searching an empty roster works. */
    assert_pointer(s, "index-1\n");
    assert_int_equal(stat(rs_data_index_path(r), &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    char want[160];
    snprintf(want, sizeof want, "%s/index-1", s->data);
    assert_string_equal(rs_data_index_path(r), want);
    assert_true(rs_data_index_bytes(r) > 0);
    assert_int_equal(index_count(r), 0);
    assert_int_equal(index_change(r), 0);
    assert_int_equal(store_change(r), 0);
    assert_non_null(rs_data_store(r));
    assert_true(exists(s->data, "write.lock"));
    assert_true(exists(s->data, "roster.sqlite"));
    rs_data_close(r);
    rs_data_close(NULL);

    /* A reader of an empty roster gets the empty index. */
    r = open_roster(s, RS_OPEN_READ);
    assert_int_equal(index_count(r), 0);
    assert_search(r, "", "");
    rs_data_close(r);
}

static void test_open_failures(void **state)
{
    scratch *s = *state;
    char dir[160];
    snprintf(dir, sizeof dir, "%s/missing/data", s->dir);
    rs_data *r = (rs_data *)1;
    char *err = NULL;
    assert_int_equal(rs_data_open(dir, RS_OPEN_WRITE, &r, &err), RS_ERR_IO);
    assert_null(r);
    char want[256];
    snprintf(want, sizeof want, "%s: No such file or directory", dir);
    assert_string_equal(err, want);
    free(err);

    /* A store of another schema version is refused, with the store's message. */
    mkdir(s->data, 0700);
    char file[160];
    snprintf(file, sizeof file, "%s/roster.sqlite", s->data);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(file, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA user_version=99", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(rs_data_open(s->data, RS_OPEN_READ, &r, &err), RS_ERR_SCHEMA);
    snprintf(want, sizeof want, "%s: schema version 99, this roster reads versions 2 to 4", file);
    assert_string_equal(err, want);
    free(err);
    assert_int_equal(rs_data_open(s->data, RS_OPEN_WRITE, &r, NULL), RS_ERR_SCHEMA);

    /* A directory we may not write: a writer cannot make the lock file. */
    if (geteuid() != 0) {
        remove(file);
        chmod(s->data, 0500);
        assert_int_equal(rs_data_open(s->data, RS_OPEN_WRITE, &r, &err), RS_ERR_IO);
        snprintf(want, sizeof want, "%s/write.lock: Permission denied", s->data);
        assert_string_equal(err, want);
        free(err);
        chmod(s->data, 0700);
    }
}

static void test_import(void **state)
{
    scratch *s = *state;
    rs_data *r = open_roster(s, RS_OPEN_WRITE);
    char *paths[] = {(char *)input(s, "three.jsonl", THREE),
                     (char *)input(s, "one.csv",
                                   "id,name,nationalities,fields\n"
                                   "d,Dora Csvova,Slovakia,E.10\n")};
    rs_diag d;
    rs_import_stats st;
    rs_diag_init(&d);
    assert_int_equal(rs_data_import(r, paths, 2, 0, &d, &st, NULL, NULL), RS_OK);
    /* Codes missing from the taxonomy are warnings, not errors. */
    assert_int_equal(d.n_errors, 0);
    assert_int_equal(d.n_warnings, 2);
    assert_string_equal(d.items[0].field, "fields[0]");
    assert_int_equal(d.items[0].line, 2);
    assert_int_equal(st.read, 4);
    assert_int_equal(st.imported, 4);
    assert_int_equal(st.rejected, 0);
    assert_int_equal(st.warnings, 2);
    rs_diag_free(&d);
    assert_int_equal(store_count(r), 4);
    assert_int_equal(store_change(r), 1);
    assert_int_equal(index_count(r), 4);
    assert_int_equal(index_change(r), 1);
    assert_search(r, "field:E.10", "a d");
    assert_search(r, "nat:SK", "d");
    rs_data_close(r);

    /* Another process sees it all. */
    r = open_roster(s, RS_OPEN_READ);
    assert_search(r, "", "a b c d");
    assert_search(r, "social", "a b");
    rs_data_close(r);
}

static void test_import_replaces(void **state)
{
    scratch *s = *state;
    rs_data *r = open_roster(s, RS_OPEN_WRITE);
    import_text(s, r, THREE);
    import_text(s, r, "{\"id\":\"b\",\"name\":\"Bruno Vantablack\",\"nationalities\":[\"BE\"]}\n");
    assert_int_equal(store_count(r), 3);
    assert_int_equal(index_count(r), 3);
    assert_int_equal(index_change(r), 2);
    assert_search(r, "nat:FR", "a");
    assert_search(r, "nat:BE", "b");
    assert_search(r, "inspection", "");
    rs_data_close(r);
}

/* Re-importing an expert as a CSV row (to fix a language level) changes only
 * the row's columns: missions, experience, summary and unavailability stay
 * in the store and in the index, which agree. */
static void test_csv_update_keeps_history(void **state)
{
    scratch *s = *state;
    rs_data *r = open_roster(s, RS_OPEN_WRITE);
    import_text(s, r, THREE);
    import_text(s, r,
                "{\"id\":\"h\",\"name\":\"Hugo Quillfeather\",\"nationalities\":[\"EL\"],"
                "\"languages\":[{\"code\":\"fr\",\"level\":\"B1\"}],"
                "\"summary\":\"Actuarial valuation of pension schemes\","
                "\"experience\":[{\"from\":\"2015-01\",\"country\":\"SN\",\"text\":\"caisse\"}],"
                "\"missions\":[{\"action\":\"2019-27\",\"country\":\"BO\",\"from\":\"2019-03-04\","
                "\"to\":\"2019-03-15\",\"days\":10,\"role\":\"lead\"}],"
                "\"unavailable\":[{\"from\":\"2027-03-01\",\"to\":\"2027-03-31\"}]}\n");
    char *path = (char *)input(s, "fix.csv", "id,languages,summary\nh,fr:C1;en:B2,\n");
    rs_diag d;
    rs_import_stats st;
    rs_diag_init(&d);
    assert_int_equal(rs_data_import(r, &path, 1, 0, &d, &st, NULL, NULL), RS_OK);
    assert_int_equal(d.n, 0);
    assert_int_equal(st.imported, 1);
    rs_diag_free(&d);
    assert_search(r, "lang:fr>=C1", "b h");
    assert_search(r, "lang:en", "h");
    assert_search(r, "actuarial", "h");
    assert_search(r, "country:BO", "h");
    assert_search(r, "country:SN", "h");
    assert_search(r, "nat:GR", "h");
    assert_search(r, "id:h avail:2027-03-10..2027-03-12", "");
    assert_search(r, "id:h avail:2027-05-10..2027-05-12", "h");
    rs_expert e;
    assert_int_equal(rs_store_get(rs_data_store(r), "h", &e), RS_OK);
    assert_int_equal(e.n_missions, 1);
    assert_int_equal(e.n_experience, 1);
    assert_int_equal(e.n_unavailable, 1);
    assert_string_equal(e.summary, "Actuarial valuation of pension schemes");
    assert_int_equal(e.languages[0].level, RS_CEFR_C1);
    rs_expert_free(&e);
    rs_problems p;
    assert_int_equal(rs_data_verify(r, &p), RS_OK);
    assert_int_equal(p.n, 0);
    rs_data_close(r);
}

/* An empty roster's first import builds its index from the records as they
 * are read: an id given twice (in two files) keeps its last record there, as
 * in the store. */
static void test_first_import_twice(void **state)
{
    scratch *s = *state;
    rs_data *r = open_roster(s, RS_OPEN_WRITE);
    char *paths[] = {
        (char *)input(s, "first.jsonl",
                      "{\"id\":\"a\",\"name\":\"Ann\",\"nationalities\":[\"FR\"],"
                      "\"summary\":\"pensions\"}\n"
                      "{\"id\":\"b\",\"name\":\"Bob\",\"nationalities\":[\"ES\"]}\n"),
        (char *)input(s, "second.jsonl",
                      "{\"id\":\"a\",\"name\":\"Ann\",\"nationalities\":[\"PT\"],"
                      "\"summary\":\"training\"}\n")};
    rs_diag d;
    rs_import_stats st;
    rs_diag_init(&d);
    assert_int_equal(rs_data_import(r, paths, 2, 0, &d, &st, NULL, NULL), RS_OK);
    rs_diag_free(&d);
    assert_int_equal(st.imported, 3);
    assert_int_equal(store_count(r), 2);
    assert_int_equal(index_count(r), 2);
    assert_int_equal(index_change(r), store_change(r));
    assert_search(r, "nat:PT", "a");
    assert_search(r, "nat:FR", "");
    assert_search(r, "pensions", "");
    assert_search(r, "training", "a");
    rs_problems p;
    assert_int_equal(rs_data_verify(r, &p), RS_OK);
    assert_int_equal(p.n, 0);
    rs_data_close(r);
}

/* Most of the roster changed at once: the index is rebuilt (into a new
 * directory) rather than updated document by document, to the same end. */
static void test_big_import_rebuilds(void **state)
{
    scratch *s = *state;
    rs_data *r = open_roster(s, RS_OPEN_WRITE);
    import_text(s, r, THREE);
    char before[160];
    snprintf(before, sizeof before, "%s", rs_data_index_path(r));
    enum { BIG = 2100 };
    size_t cap = (size_t)BIG * 96, n = 0;
    char *big = malloc(cap);
    assert_non_null(big);
    for (int i = 0; i < BIG; i++)
        n += (size_t)snprintf(big + n, cap - n,
                              "{\"id\":\"x%04d\",\"name\":\"X\",\"nationalities\":[\"DE\"]}\n", i);
    import_text(s, r, big);
    free(big);
    assert_string_not_equal(rs_data_index_path(r), before);
    assert_int_equal(index_count(r), BIG + 3);
    assert_int_equal(index_change(r), store_change(r));
    assert_int_equal(termfreq(r, "NDE"), BIG);
    assert_search(r, "social", "a b");
    rs_problems p;
    assert_int_equal(rs_data_verify(r, &p), RS_OK);
    assert_int_equal(p.n, 0);
    rs_data_close(r);
}

static void test_import_all_or_nothing(void **state)
{
    scratch *s = *state;
    rs_data *r = open_roster(s, RS_OPEN_WRITE);
    import_text(s, r, "{\"id\":\"z\",\"name\":\"Zed\",\"nationalities\":[\"FR\"]}\n");
    char *path = (char *)input(s, "bad.jsonl",
        "{\"id\":\"a\",\"name\":\"A\",\"nationalities\":[\"ES\"]}\n"
        "{\"id\":\"b\",\"name\":\"B\",\"nationalities\":[\"Narnia\"]}\n"
        "{\"id\":\"c\",\"name\":\"C\",\"nationalities\":[\"IT\"],\"gender\":\"Q\"}\n"
        "{\"id\":\"d\",\"name\":\"D\",\"nationalities\":[\"DE\"]}\n");
    rs_diag d;
    rs_import_stats st;
    rs_diag_init(&d);
    assert_int_equal(rs_data_import(r, &path, 1, 0, &d, &st, NULL, NULL), RS_ERR_INPUT);
    assert_string_equal(rs_data_error(r), "nothing imported: 2 of 4 records rejected");
    assert_int_equal(st.read, 4);
    assert_int_equal(st.imported, 0);
    assert_int_equal(st.rejected, 2);
    /* Every problem is reported, each naming file, line and field. */
    assert_int_equal(d.n_errors, 2);
    assert_string_equal(d.items[0].file, path);
    assert_int_equal(d.items[0].line, 2);
    assert_string_equal(d.items[0].field, "nationalities[0]");
    assert_int_equal(d.items[1].line, 3);
    assert_string_equal(d.items[1].field, "gender");
    rs_diag_free(&d);
    /* Nothing changed: not the store, not its change number, not the index. */
    assert_int_equal(store_change(r), 1);
    assert_int_equal(store_count(r), 1);
    assert_int_equal(index_count(r), 1);
    assert_search(r, "", "z");

    /* With skip_bad the good ones go in. */
    rs_diag_init(&d);
    assert_int_equal(rs_data_import(r, &path, 1, 1, &d, &st, NULL, NULL), RS_OK);
    assert_int_equal(st.read, 4);
    assert_int_equal(st.imported, 2);
    assert_int_equal(st.rejected, 2);
    assert_int_equal(d.n_errors, 2);
    rs_diag_free(&d);
    assert_int_equal(store_change(r), 2);
    assert_search(r, "", "a d z");
    rs_data_close(r);
}

static void test_import_files(void **state)
{
    scratch *s = *state;
    rs_data *r = open_roster(s, RS_OPEN_WRITE);
    char missing[160];
    snprintf(missing, sizeof missing, "%s/none.jsonl", s->dir);
    char *paths[] = {(char *)input(s, "ok.jsonl",
                                   "{\"id\":\"a\",\"name\":\"A\",\"nationalities\":[\"ES\"]}\n"),
                     (char *)input(s, "notes.txt", "hello\n"), missing};
    rs_diag d;
    rs_import_stats st;
    rs_diag_init(&d);
    assert_int_equal(rs_data_import(r, paths, 3, 0, &d, &st, NULL, NULL), RS_ERR_INPUT);
    assert_int_equal(d.n_errors, 2);
    assert_string_equal(d.items[0].file, paths[1]);
    assert_int_equal(d.items[0].line, 0);
    assert_string_equal(d.items[0].message,
                        "not a file roster reads (.jsonl, .ndjson, .json, .csv, .xml)");
    assert_string_equal(d.items[1].file, missing);
    assert_string_equal(d.items[1].message, "cannot open: No such file or directory");
    /* Problems of files, not of records: none is counted as a record. */
    assert_int_equal(st.files_rejected, 2);
    assert_int_equal(st.rejected, 0);
    assert_int_equal(st.read, 1);
    assert_string_equal(rs_data_error(r), "nothing imported: 2 files are rejected whole");
    rs_diag_free(&d);
    assert_int_equal(store_count(r), 0);
    assert_int_equal(store_change(r), 0);

    /* --skip-bad skips records, never a file that cannot be read. */
    rs_diag_init(&d);
    assert_int_equal(rs_data_import(r, paths, 3, 1, &d, &st, NULL, NULL), RS_ERR_INPUT);
    assert_int_equal(st.imported, 0);
    assert_string_equal(rs_data_error(r), "nothing imported: 2 files are rejected whole");
    rs_diag_free(&d);
    assert_int_equal(store_count(r), 0);

    rs_diag_init(&d);
    assert_int_equal(rs_data_import(r, paths, 1, 1, &d, &st, NULL, NULL), RS_OK);
    assert_int_equal(st.imported, 1);
    rs_diag_free(&d);
    assert_search(r, "", "a");

    /* An empty file changes nothing and takes no change number. */
    char *empty = (char *)input(s, "empty.jsonl", "");
    rs_diag_init(&d);
    assert_int_equal(rs_data_import(r, &empty, 1, 0, &d, &st, NULL, NULL), RS_OK);
    assert_int_equal(st.read, 0);
    assert_int_equal(st.imported, 0);
    rs_diag_free(&d);
    assert_int_equal(store_change(r), 1);

    /* A CSV with a broken header is rejected as a whole. */
    char *csv = (char *)input(s, "bad.csv", "id,name,colour\nx,X,red\n");
    rs_diag_init(&d);
    assert_int_equal(rs_data_import(r, &csv, 1, 1, &d, &st, NULL, NULL), RS_OK);
    assert_true(d.n_errors >= 1);
    assert_int_equal(st.imported, 0);
    rs_diag_free(&d);
    assert_int_equal(store_change(r), 1);

    /* A misspelt column fails the header: the file is rejected whole, even
     * with --skip-bad, and its rows, never read, are not counted. */
    char *typo = (char *)input(s, "typo.csv", "id,nmae,nationalities\nx,X,ES\n");
    char *both[] = {paths[0], typo};
    rs_diag_init(&d);
    assert_int_equal(rs_data_import(r, both, 2, 1, &d, &st, NULL, NULL), RS_ERR_INPUT);
    assert_int_equal(d.n_errors, 1);
    assert_int_equal(st.imported, 0);
    assert_int_equal(st.read, 1);
    assert_int_equal(st.rejected, 0);
    assert_int_equal(st.files_rejected, 1);
    assert_string_equal(rs_data_error(r), "nothing imported: a file is rejected whole");
    rs_diag_free(&d);
    assert_int_equal(store_change(r), 1);
    rs_data_close(r);
}

/* The summary tells new experts from updated ones. */
static void test_import_counts_updates(void **state)
{
    scratch *s = *state;
    rs_data *r = open_roster(s, RS_OPEN_WRITE);
    import_text(s, r, "{\"id\":\"a\",\"name\":\"A\",\"nationalities\":[\"ES\"]}\n"
                      "{\"id\":\"b\",\"name\":\"B\",\"nationalities\":[\"FR\"]}\n");
    char *csv = (char *)input(s, "up.csv", "id,name,nationalities\na,Ann,\nb,Bea,\nc,Cy,IT\n");
    rs_diag d;
    rs_import_stats st;
    rs_diag_init(&d);
    assert_int_equal(rs_data_import(r, &csv, 1, 0, &d, &st, NULL, NULL), RS_OK);
    assert_int_equal(st.imported, 3);
    assert_int_equal(st.updated, 2);
    rs_diag_free(&d);
    rs_data_close(r);
}

typedef struct { int calls; long last; long long size; } progress_log;

static void on_progress(long records, long long bytes, long long size, void *ctx)
{
    progress_log *p = ctx;
    p->calls++;
    p->last = records;
    p->size = size;
    assert_true(bytes > 0 && bytes <= size);
}

static void test_import_progress(void **state)
{
    scratch *s = *state;
    rs_data *r = open_roster(s, RS_OPEN_WRITE);
    size_t n = 4200, cap = n * 64;
    char *text = malloc(cap), *p = text;
    for (size_t i = 0; i < n; i++)
        p += snprintf(p, cap - (size_t)(p - text),
                      "{\"id\":\"e%zu\",\"name\":\"E\",\"nationalities\":[\"FR\"]}\n", i);
    char *path = (char *)input(s, "many.jsonl", text);
    free(text);
    rs_diag d;
    rs_import_stats st;
    progress_log log = {0};
    rs_diag_init(&d);
    assert_int_equal(rs_data_import(r, &path, 1, 0, &d, &st, on_progress, &log), RS_OK);
    rs_diag_free(&d);
    assert_int_equal(st.imported, 4200);
    assert_int_equal(log.calls, 1);
    assert_int_equal(log.last, 4096);
    struct stat sb;
    stat(path, &sb);
    assert_int_equal(log.size, sb.st_size);
    assert_int_equal(index_count(r), 4200);
    rs_data_close(r);
}

/* Write to the store as a crashed import would have: committed, not indexed. */
static void store_behind_index(rs_data *r)
{
    rs_store *st = rs_data_store(r);
    rs_diag d;
    rs_expert e;
    const char *json = "{\"id\":\"n\",\"name\":\"Newton Crashley\",\"nationalities\":[\"NL\"]}";
    rs_diag_init(&d);
    assert_int_equal(rs_expert_from_json_text(json, strlen(json), "t", 1, &e, &d), 0);
    rs_diag_free(&d);
    int found = 0;
    assert_int_equal(rs_store_begin(st), RS_OK);
    assert_int_equal(rs_store_put(st, &e), RS_OK);
    assert_int_equal(rs_store_erase(st, "b", &found), RS_OK);
    assert_int_equal(found, 1);
    assert_int_equal(rs_store_commit(st), RS_OK);
    rs_expert_free(&e);
}

static void test_sync_after_crash(void **state)
{
    scratch *s = *state;
    for (int mode = 0; mode < 2; mode++) {
        remove_tree(s->data);
        rs_data *r = open_roster(s, RS_OPEN_WRITE);
        import_text(s, r, THREE);
        store_behind_index(r);
        assert_int_equal(store_change(r), 2);
        assert_int_equal(index_change(r), 1);
        rs_data_close(r);

        /* The next command, reader or writer, brings the index forward. */
        r = open_roster(s, mode ? RS_OPEN_READ : RS_OPEN_WRITE);
        assert_int_equal(index_change(r), 2);
        assert_int_equal(index_count(r), 3);
        assert_search(r, "", "a c n");
        assert_search(r, "crashley", "n");
        assert_search(r, "vantablack", "");
        rs_problems p;
        assert_int_equal(rs_data_verify(r, &p), RS_OK);
        assert_int_equal(p.n, 0);
        rs_data_close(r);
    }
}

static rs_status count_erased(const char *id, void *arg)
{
    (void)id;
    ++*(int *)arg;
    return RS_OK;
}

static void test_sync_explicit(void **state)
{
    scratch *s = *state;
    rs_data *r = open_roster(s, RS_OPEN_WRITE);
    import_text(s, r, THREE);
    store_behind_index(r);
    assert_int_equal(rs_data_sync(r), RS_OK);
    assert_int_equal(index_change(r), 2);
    assert_search(r, "", "a c n");
    /* Erased ids are forgotten once indexed. */
    int n = 0;
    assert_int_equal(rs_store_each_erased(rs_data_store(r), 0, count_erased, &n), RS_OK);
    assert_int_equal(n, 0);
    /* Nothing to do the second time. */
    assert_int_equal(rs_data_sync(r), RS_OK);
    assert_int_equal(index_change(r), 2);
    rs_data_close(r);
}

static void test_index_lost(void **state)
{
    scratch *s = *state;
    rs_data *r = open_roster(s, RS_OPEN_WRITE);
    import_text(s, r, THREE);
    char index[160];
    snprintf(index, sizeof index, "%s", rs_data_index_path(r));
    rs_data_close(r);

    remove_tree(index);
    r = open_roster(s, RS_OPEN_READ);
    assert_int_equal(index_count(r), 3);
    assert_int_equal(index_change(r), 1);
    assert_search(r, "social", "a b");
    rs_data_close(r);

    /* So is a missing index.current. */
    char pointer[160];
    snprintf(pointer, sizeof pointer, "%s/index.current", s->data);
    remove(pointer);
    r = open_roster(s, RS_OPEN_WRITE);
    assert_int_equal(index_count(r), 3);
    assert_search(r, "pension", "a");
    rs_data_close(r);
}

static void test_pointer_garbage(void **state)
{
    scratch *s = *state;
    static const char *const garbage[] = {
        "garbage\n", "", "index-\n", "index-../../etc\n", "index-2147483647\n",
        "index-99999999999999999999\n", "index-7x\n", "index-3\n" /* no such directory */};
    rs_data *r = open_roster(s, RS_OPEN_WRITE);
    import_text(s, r, THREE);
    rs_data_close(r);
    for (size_t i = 0; i < sizeof garbage / sizeof garbage[0]; i++) {
        write_file(s->data, "index.current", garbage[i]);
        /* A checker repairs nothing and says what is wrong. */
        r = open_roster(s, RS_OPEN_CHECK);
        rs_problems p;
        assert_int_equal(rs_data_verify(r, &p), RS_OK);
        assert_int_equal(p.n, 1);
        rs_problems_free(&p);
        rs_data_close(r);
        /* A reader rebuilds. */
        r = open_roster(s, RS_OPEN_READ);
        assert_int_equal(index_count(r), 3);
        assert_search(r, "field:E", "a b");
        rs_data_close(r);
        char *ptr = read_pointer(s);
        assert_memory_equal(ptr, "index-", 6);
        assert_true(strspn(ptr + 6, "0123456789") == strlen(ptr + 6) - 1);
        free(ptr);
    }
}

static void test_pointer_checked(void **state)
{
    scratch *s = *state;
    rs_data *r = open_roster(s, RS_OPEN_WRITE);
    import_text(s, r, THREE);
    rs_data_close(r);
    write_file(s->data, "index.current", "nonsense\n");
    r = open_roster(s, RS_OPEN_CHECK);
    assert_null(rs_data_index(r));
    char want[200];
    snprintf(want, sizeof want, "%s/index.current: does not name an index directory", s->data);
    assert_string_equal(rs_data_error(r), want);
    assert_null(rs_data_index_path(r));
    assert_int_equal(rs_data_index_bytes(r), 0);
    rs_data_close(r);
}

static const char *const QUERIES[] = {
    "", "social", "social security", "\"social security\"", "nat:FR", "nat:ES OR gender:M",
    "field:E", "field:E.10 OR field:A", "NOT nat:FR", "pension OR employment", "lang:es>=C2",
    "sector:public", "quorrelby", "reform", "young", NULL};

static char *all_results(rs_data *r)
{
    size_t cap = 8192, n = 0;
    char *out = calloc(1, cap);
    for (size_t i = 0; QUERIES[i]; i++) {
        char *ids = search_ids(r, QUERIES[i]);
        n += (size_t)snprintf(out + n, cap - n, "%s => %s\n", QUERIES[i], ids);
        free(ids);
    }
    return out;
}

static void test_reindex_equals_incremental(void **state)
{
    scratch *s = *state;
    rs_data *r = open_roster(s, RS_OPEN_WRITE);
    import_text(s, r, THREE);
    import_text(s, r, "{\"id\":\"d\",\"name\":\"Dora\",\"nationalities\":[\"ES\"],"
                      "\"summary\":\"Social security reform\",\"cv_lang\":\"en\"}\n"
                      "{\"id\":\"a\",\"name\":\"Amelia Quorrelby\",\"nationalities\":[\"ES\"],"
                      "\"fields\":[\"A.10\"],\"summary\":\"Security of pensions\"}\n");
    int missing[1];
    assert_int_equal(rs_data_forget(r, (char *[]){"c"}, 1, missing), RS_OK);
    import_text(s, r, "{\"id\":\"e\",\"name\":\"Emil\",\"nationalities\":[\"FR\",\"DE\"],"
                      "\"gender\":\"M\",\"summary\":\"Young workers\"}\n");
    char *incremental = all_results(r);
    int64_t change = store_change(r);
    char before[160];
    snprintf(before, sizeof before, "%s", rs_data_index_path(r));

    assert_int_equal(rs_data_reindex(r), RS_OK);
    assert_string_not_equal(rs_data_index_path(r), before);
    struct stat st;
    assert_int_not_equal(stat(before, &st), 0); /* the old one is gone */
    assert_int_equal(index_change(r), change);
    char *rebuilt = all_results(r);
    assert_string_equal(rebuilt, incremental);
    /* And the results are the ones expected. */
    assert_non_null(strstr(rebuilt, "social => b d\n"));
    assert_non_null(strstr(rebuilt, "nat:FR => b e\n"));
    assert_non_null(strstr(rebuilt, "field:E.10 OR field:A => a\n"));
    assert_non_null(strstr(rebuilt, "young => e\n"));
    assert_non_null(strstr(rebuilt, "NOT nat:FR => a d\n"));
    assert_non_null(strstr(rebuilt, "quorrelby => a\n"));
    free(incremental);
    free(rebuilt);
    rs_problems p;
    assert_int_equal(rs_data_verify(r, &p), RS_OK);
    assert_int_equal(p.n, 0);
    rs_data_close(r);
}

static void test_forget(void **state)
{
    scratch *s = *state;
    rs_data *r = open_roster(s, RS_OPEN_WRITE);
    import_text(s, r, THREE);
    /* Replaced once, so older versions of the record existed too. */
    import_text(s, r, "{\"id\":\"a\",\"name\":\"Amelia Quorrelby\",\"nationalities\":[\"ES\"],"
                      "\"summary\":\"Xylographic pension actuary.\"}\n");
    assert_true(files_holding(s->data, "Quorrelby") > 0); /* the check can see text */
    assert_true(files_holding(s->data, "xylographic") > 0);

    /* All or nothing: an unknown id among them erases no one. */
    int missing[3] = {-1, -1, -1};
    assert_int_equal(rs_data_forget(r, (char *[]){"a", "nobody", "c"}, 3, missing),
                     RS_ERR_NOT_FOUND);
    assert_int_equal(missing[0], 0);
    assert_int_equal(missing[1], 1);
    assert_int_equal(missing[2], 0);
    assert_int_equal(store_count(r), 3);
    assert_int_equal(index_count(r), 3);
    assert_int_equal(rs_data_forget(r, (char *[]){"a", "c"}, 2, missing), RS_OK);
    assert_int_equal(store_count(r), 1);
    assert_int_equal(index_count(r), 1);
    assert_int_equal(termfreq(r, "Qa"), 0);
    assert_int_equal(termfreq(r, "quorrelby"), 0);
    assert_search(r, "", "b");
    /* Facets over everyone, read from term frequencies, forget them too. */
    assert_facet_counts(r, "nat:FR", "nationality", "FR=1");
    assert_facet_counts(r, "", "gender", "M=1");
    assert_facet_counts(r, "gender:F", "gender", "M=1");
    rs_expert e;
    assert_int_equal(rs_store_get(rs_data_store(r), "a", &e), RS_ERR_NOT_FOUND);
    rs_data_close(r);

    /* No file of the directory holds their text any more. */
    static const char *const gone[] = {"Amelia", "Quorrelby", "quorrelby", "amelia",
                                       "xylographic", "Xylographic",
                                       "Chiara", "Zimmerwald", "zimmerwald", "young people"};
    for (size_t i = 0; i < sizeof gone / sizeof gone[0]; i++)
        assert_no_trace(s->data, gone[i]);
    assert_true(files_holding(s->data, "Vantablack") > 0);
    assert_true(files_holding(s->data, "vantablack") > 0);

    /* Forgetting nobody changes nothing. */
    r = open_roster(s, RS_OPEN_WRITE);
    missing[0] = -1;
    assert_int_equal(rs_data_forget(r, (char *[]){"a"}, 1, missing), RS_ERR_NOT_FOUND);
    assert_int_equal(missing[0], 1);
    assert_search(r, "", "b");
    rs_problems p;
    assert_int_equal(rs_data_verify(r, &p), RS_OK);
    assert_int_equal(p.n, 0);
    rs_data_close(r);
}

/* An index directory left behind by an old pointer must not keep text of
 * an expert forgotten later. */
static void test_forget_after_rebuild(void **state)
{
    scratch *s = *state;
    rs_data *r = open_roster(s, RS_OPEN_WRITE);
    import_text(s, r, THREE);
    int missing[1];
    for (int i = 0; i < 5; i++) {
        char json[128], id[16];
        snprintf(id, sizeof id, "t%d", i);
        snprintf(json, sizeof json, "{\"id\":\"%s\",\"name\":\"T\",\"nationalities\":[\"FR\"]}\n", id);
        import_text(s, r, json);
        assert_int_equal(rs_data_forget(r, (char *[]){id}, 1, missing), RS_OK);
    }
    /* index-1 made empty at open, index-2 built by the first import, then
     * a compaction per forget. */
    char *ptr = read_pointer(s);
    assert_string_equal(ptr, "index-7\n");
    free(ptr);
    rs_data_close(r);
    write_file(s->data, "index.current", "garbage\n");
    r = open_roster(s, RS_OPEN_WRITE);
    assert_int_equal(rs_data_forget(r, (char *[]){"c"}, 1, missing), RS_OK);
    rs_data_close(r);
    assert_no_trace(s->data, "Zimmerwald");
    assert_no_trace(s->data, "zimmerwald");
    assert_false(exists(s->data, "index-7"));
}

static void test_verify(void **state)
{
    scratch *s = *state;
    rs_data *r = open_roster(s, RS_OPEN_WRITE);
    import_text(s, r, THREE);
    rs_problems p;
    assert_int_equal(rs_data_verify(r, &p), RS_OK);
    assert_int_equal(p.n, 0);
    assert_null(p.lines);

    /* A document missing from the index. */
    char index[160];
    snprintf(index, sizeof index, "%s", rs_data_index_path(r));
    rs_data_close(r);
    xc_wdb *w;
    assert_int_equal(xc_wdb_open(index, &w, NULL), XC_OK);
    assert_int_equal(xc_wdb_delete_doc(w, "Qb"), XC_OK);
    assert_int_equal(xc_wdb_commit(w), XC_OK);
    xc_wdb_free(w);
    r = open_roster(s, RS_OPEN_CHECK);
    assert_int_equal(rs_data_verify(r, &p), RS_OK);
    assert_int_equal(p.n, 2);
    assert_string_equal(p.lines[0], "expert 'b' is in the store but not in the index");
    assert_string_equal(p.lines[1], "the index holds 2 experts, the store 3");
    rs_problems_free(&p);
    assert_int_equal(p.n, 0);
    assert_int_equal(rs_data_reindex(r), RS_OK); /* the repair */
    assert_int_equal(rs_data_verify(r, &p), RS_OK);
    assert_int_equal(p.n, 0);
    rs_data_close(r);
}

static void test_verify_store_ahead(void **state)
{
    scratch *s = *state;
    rs_data *r = open_roster(s, RS_OPEN_WRITE);
    import_text(s, r, THREE);
    store_behind_index(r);
    rs_data_close(r);
    /* A checker sees the lag instead of repairing it. */
    r = open_roster(s, RS_OPEN_CHECK);
    rs_problems p;
    assert_int_equal(rs_data_verify(r, &p), RS_OK);
    assert_int_equal(p.n, 3);
    assert_string_equal(p.lines[0], "index reflects store change 1, the store is at 2");
    assert_string_equal(p.lines[1], "1 forgotten expert not yet purged from the index and "
                                    "the store's free space (the next command finishes it)");
    assert_string_equal(p.lines[2], "expert 'n' is in the store but not in the index");
    rs_problems_free(&p);
    rs_data_close(r);
}

static void test_verify_profile_and_duplicates(void **state)
{
    scratch *s = *state;
    rs_data *r = open_roster(s, RS_OPEN_WRITE);
    import_text(s, r, THREE);
    char index[160], file[160];
    snprintf(index, sizeof index, "%s", rs_data_index_path(r));
    rs_data_close(r);

    /* The store's record changed behind the index's back (as text, which the
     * store reads as it reads records written before packing). */
    snprintf(file, sizeof file, "%s/roster.sqlite", s->data);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(file, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "UPDATE experts SET record='{\"id\":\"b\",\"name\":"
                                      "\"Bruna Vantablack\",\"nationalities\":[\"FR\"]}' "
                                      "WHERE id='b'", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    /* A second document for one id, and a foreign index version. */
    xc_wdb *w;
    xc_doc *doc;
    assert_int_equal(xc_wdb_open(index, &w, NULL), XC_OK);
    assert_int_equal(xc_doc_new(&doc), XC_OK);
    assert_int_equal(xc_doc_add_boolean_term(doc, "Qc"), XC_OK);
    assert_int_equal(xc_wdb_add_doc(w, doc), XC_OK);
    xc_doc_free(doc);
    assert_int_equal(xc_wdb_set_metadata(w, "index_version", "0"), XC_OK);
    assert_int_equal(xc_wdb_commit(w), XC_OK);
    xc_wdb_free(w);

    r = open_roster(s, RS_OPEN_CHECK);
    rs_problems p;
    assert_int_equal(rs_data_verify(r, &p), RS_OK);
    assert_int_equal(p.n, 4);
    assert_string_equal(p.lines[0], "index version is not " RS_INDEX_VERSION);
    assert_string_equal(p.lines[1], "expert 'b' has a different profile in the index");
    assert_string_equal(p.lines[2], "id 'c' is on 2 documents of the index");
    assert_string_equal(p.lines[3], "the index holds 4 experts, the store 3");
    rs_problems_free(&p);
    rs_data_close(r);

    /* Any writer or reader rebuilds an index of another version. */
    r = open_roster(s, RS_OPEN_READ);
    assert_int_equal(rs_data_verify(r, &p), RS_OK);
    assert_int_equal(p.n, 0);
    assert_search(r, "bruna", "b");
    rs_data_close(r);
}

static void test_verify_no_index(void **state)
{
    scratch *s = *state;
    rs_data *r = open_roster(s, RS_OPEN_WRITE);
    import_text(s, r, THREE);
    char index[160], pointer[160];
    snprintf(index, sizeof index, "%s", rs_data_index_path(r));
    rs_data_close(r);
    remove_tree(index);
    snprintf(pointer, sizeof pointer, "%s/index.current", s->data);
    remove(pointer);
    r = open_roster(s, RS_OPEN_CHECK);
    rs_problems p;
    assert_int_equal(rs_data_verify(r, &p), RS_OK);
    assert_int_equal(p.n, 1);
    char want[200];
    snprintf(want, sizeof want, "%s: no index yet (import experts first)", s->data);
    assert_string_equal(p.lines[0], want);
    rs_problems_free(&p);
    rs_data_close(r);
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static void test_write_lock(void **state)
{
    scratch *s = *state;
    rs_data *w1 = open_roster(s, RS_OPEN_WRITE);
    import_text(s, w1, THREE);

    setenv("ROSTER_LOCK_WAIT_MS", "200", 1);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    rs_data *w2 = (rs_data *)1;
    char *err = NULL;
    assert_int_equal(rs_data_open(s->data, RS_OPEN_WRITE, &w2, &err), RS_ERR_BUSY);
    double waited = seconds_since(&t0);
    assert_true(waited >= 0.2 && waited < 2);
    assert_null(w2);
    char want[200];
    snprintf(want, sizeof want, "%s: busy: another roster process is writing; try again", s->data);
    assert_string_equal(err, want);
    free(err);

    /* Zero: fail at once. */
    setenv("ROSTER_LOCK_WAIT_MS", "0", 1);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(rs_data_open(s->data, RS_OPEN_WRITE, &w2, NULL), RS_ERR_BUSY);
    assert_true(seconds_since(&t0) < 0.5);

    /* Readers and checkers are never kept waiting. */
    rs_data *rd = open_roster(s, RS_OPEN_READ);
    assert_search(rd, "", "a b c");
    rs_data_close(rd);
    rd = open_roster(s, RS_OPEN_CHECK);
    rs_data_close(rd);

    /* Once the writer is done, the next one gets in. */
    rs_data_close(w1);
    w2 = open_roster(s, RS_OPEN_WRITE);
    rs_data_close(w2);
    unsetenv("ROSTER_LOCK_WAIT_MS");
}

static void test_reader_leaves_writer_alone(void **state)
{
    scratch *s = *state;
    rs_data *w = open_roster(s, RS_OPEN_WRITE);
    import_text(s, w, THREE);
    store_behind_index(w); /* a writer at work: store ahead of the index */
    /* A reader does not repair under a writer's feet; it reads what is there. */
    rs_data *rd = open_roster(s, RS_OPEN_READ);
    assert_int_equal(index_change(rd), 1);
    assert_search(rd, "", "a b c");
    rs_data_close(rd);
    assert_int_equal(rs_data_sync(w), RS_OK);
    rs_data_close(w);
    rd = open_roster(s, RS_OPEN_READ);
    assert_search(rd, "", "a c n");
    rs_data_close(rd);
}

/* Damage the stored record of `id` behind the store's back. */
static void damage_record(scratch *s, const char *id)
{
    char file[160], sql[160];
    snprintf(file, sizeof file, "%s/roster.sqlite", s->data);
    snprintf(sql, sizeof sql, "UPDATE experts SET record='{}' WHERE id='%s'", id);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(file, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

static void test_damaged_store(void **state)
{
    scratch *s = *state;
    rs_data *r = open_roster(s, RS_OPEN_WRITE);
    import_text(s, r, THREE);
    char before[160];
    snprintf(before, sizeof before, "%s", rs_data_index_path(r));
    damage_record(s, "b");
    /* A rebuild fails with the store's message and keeps the live index. */
    assert_int_equal(rs_data_reindex(r), RS_ERR_CORRUPT);
    char want[256];
    snprintf(want, sizeof want,
             "%s/roster.sqlite: record of 'b' no longer valid: id: required", s->data);
    assert_string_equal(rs_data_error(r), want);
    assert_string_equal(rs_data_index_path(r), before);
    assert_false(exists(s->data, "index-3")); /* the rebuild's index and batches */
    assert_false(exists(s->data, "index-4"));
    assert_search(r, "", "a b c");
    /* So does verify, and a sync with the record to index. */
    rs_problems p;
    assert_int_equal(rs_data_verify(r, &p), RS_ERR_CORRUPT);
    assert_string_equal(rs_data_error(r), want);
    rs_problems_free(&p);
    store_behind_index(r);
    damage_record(s, "n");
    assert_int_equal(rs_data_sync(r), RS_ERR_CORRUPT);
    assert_int_equal(index_change(r), 1);
    rs_data_close(r);
}

static void test_index_locked(void **state)
{
    scratch *s = *state;
    rs_data *r = open_roster(s, RS_OPEN_WRITE);
    import_text(s, r, THREE);
    store_behind_index(r);
    /* Someone else (a stray tool) holds the index's own write lock. */
    xc_wdb *w;
    assert_int_equal(xc_wdb_open(rs_data_index_path(r), &w, NULL), XC_OK);
    assert_int_equal(rs_data_sync(r), RS_ERR_BUSY);
    assert_non_null(strstr(rs_data_error(r), rs_data_index_path(r)));
    xc_wdb_free(w);
    assert_int_equal(rs_data_sync(r), RS_OK);
    assert_search(r, "", "a c n");
    rs_data_close(r);
}

/* ---- the data directory: no roster, a lost store, identities, permissions ---- */

static const rs_open_mode ALL_MODES[] = {RS_OPEN_READ, RS_OPEN_WRITE, RS_OPEN_CHECK,
                                         RS_OPEN_UPDATE, RS_OPEN_REBUILD};

/* Entries of dir (but . and ..); -1 when there is no such directory. */
static int entries(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return -1;
    int n = 0;
    for (struct dirent *e; (e = readdir(d));) n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    closedir(d);
    return n;
}

static void remove_store(const char *dir)
{
    static const char *const names[] = {"roster.sqlite", "roster.sqlite-wal", "roster.sqlite-shm"};
    for (size_t i = 0; i < 3; i++) {
        char path[200];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        remove(path);
    }
}

static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    assert_non_null(in);
    assert_non_null(out);
    char buf[8192];
    for (size_t n; (n = fread(buf, 1, sizeof buf, in)) > 0;) assert_int_equal(fwrite(buf, 1, n, out), n);
    fclose(in);
    assert_int_equal(fclose(out), 0);
}

/* Opening dir in `mode` fails with `want`, its message holding `text`. */
static void assert_open_fails(const char *dir, rs_open_mode mode, rs_status want, const char *text)
{
    rs_data *r = (rs_data *)1;
    char *err = NULL;
    assert_int_equal(rs_data_open(dir, mode, &r, &err), want);
    assert_null(r);
    assert_non_null(err);
    if (!strstr(err, text)) fail_msg("mode %d: '%s' not in '%s'", (int)mode, text, err);
    free(err);
}

static uint64_t identity_of(const char *dir)
{
    rs_store *st;
    uint64_t id = 0;
    assert_int_equal(rs_store_open_existing(dir, &st, NULL), RS_OK);
    assert_int_equal(rs_store_identity(st, &id), RS_OK);
    rs_store_close(st);
    return id;
}

/* The live index directory of the roster in s->data, into path[200]. */
static void live_index(scratch *s, char path[200])
{
    char *name = read_pointer(s);
    name[strcspn(name, "\n")] = 0;
    snprintf(path, 200, "%s/%s", s->data, name);
    free(name);
}

/* Stamp the live index as built from store `id` ("" for none). */
static void stamp_index(scratch *s, const char *id)
{
    char path[200];
    live_index(s, path);
    xc_wdb *w;
    assert_int_equal(xc_wdb_open(path, &w, NULL), XC_OK);
    assert_int_equal(xc_wdb_set_metadata(w, "store_id", id), XC_OK);
    assert_int_equal(xc_wdb_commit(w), XC_OK);
    xc_wdb_free(w);
}

static char *index_stamp(rs_data *r)
{
    char *v = NULL;
    assert_int_equal(xc_db_get_metadata(rs_data_index(r), "store_id", &v), XC_OK);
    return v;
}

/* Run SQL on the roster's store behind its back (no roster open). */
static void store_sql(scratch *s, const char *text)
{
    char file[160];
    snprintf(file, sizeof file, "%s/roster.sqlite", s->data);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(file, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, text, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

static void test_no_roster(void **state)
{
    scratch *s = *state;
    char want[160];
    snprintf(want, sizeof want, "no roster at %s", s->data);
    /* No directory, then an empty one: nothing is made in either. */
    for (int pass = 0; pass < 2; pass++) {
        if (pass) assert_int_equal(mkdir(s->data, 0700), 0);
        for (size_t i = 0; i < sizeof ALL_MODES / sizeof *ALL_MODES; i++) {
            if (ALL_MODES[i] == RS_OPEN_WRITE) continue;
            rs_data *r = (rs_data *)1;
            char *err = NULL;
            assert_int_equal(rs_data_open(s->data, ALL_MODES[i], &r, &err), RS_ERR_NOT_FOUND);
            assert_null(r);
            assert_string_equal(err, want);
            free(err);
            assert_int_equal(entries(s->data), pass ? 0 : -1);
        }
    }
    /* Only a writer (import) makes a roster. */
    rs_data_close(open_roster(s, RS_OPEN_WRITE));
    assert_true(exists(s->data, "roster.sqlite"));
}

static void test_store_gone(void **state)
{
    scratch *s = *state;
    rs_data *r = open_roster(s, RS_OPEN_WRITE);
    import_text(s, r, THREE);
    rs_data_close(r);
    char index[200];
    live_index(s, index);
    remove_store(s->data);
    int before = entries(s->data);
    for (size_t i = 0; i < sizeof ALL_MODES / sizeof *ALL_MODES; i++)
        assert_open_fails(s->data, ALL_MODES[i], RS_ERR_CORRUPT,
                          "the store roster.sqlite is missing but the index (index.current) is "
                          "there: restore roster.sqlite from a backup (the index alone cannot "
                          "rebuild it)");
    assert_false(exists(s->data, "roster.sqlite"));
    assert_int_equal(entries(s->data), before);
    /* The index is left whole. */
    xc_db *db;
    uint32_t docs = 0;
    assert_int_equal(xc_db_open(index, &db, NULL), XC_OK);
    assert_int_equal(xc_db_doccount(db, &docs), XC_OK);
    assert_int_equal(docs, 3);
    xc_db_free(db);
    /* Without index.current, an index directory tells the same. */
    char pointer[160];
    snprintf(pointer, sizeof pointer, "%s/index.current", s->data);
    assert_int_equal(remove(pointer), 0);
    assert_open_fails(s->data, RS_OPEN_WRITE, RS_ERR_CORRUPT,
                      "is missing but the index (" /* index-N */);
    assert_false(exists(s->data, "roster.sqlite"));
}

static void test_foreign_store(void **state)
{
    scratch *s = *state;
    rs_data *r = open_roster(s, RS_OPEN_WRITE);
    import_text(s, r, THREE);
    rs_data_close(r);
    char other[128], from[160], to[160];
    snprintf(other, sizeof other, "%s/other", s->dir);
    assert_int_equal(rs_data_open(other, RS_OPEN_WRITE, &r, NULL), RS_OK);
    import_text(s, r, "{\"id\":\"z\",\"name\":\"Zeno Outlander\",\"nationalities\":[\"PT\"]}\n");
    assert_int_equal(store_change(r), 1); /* the change numbers alone would agree */
    rs_data_close(r);
    uint64_t mine = identity_of(s->data), theirs = identity_of(other);
    assert_true(mine != 0 && theirs != 0 && mine != theirs);

    remove_store(s->data);
    snprintf(from, sizeof from, "%s/roster.sqlite", other);
    snprintf(to, sizeof to, "%s/roster.sqlite", s->data);
    copy_file(from, to);
    char index[200], want[512];
    live_index(s, index);
    snprintf(want, sizeof want,
             "%s: the store and the index are of different rosters: store %016llx, index %s "
             "built from store %016llx; `roster reindex` rebuilds the index from this store",
             s->data, (unsigned long long)theirs, index, (unsigned long long)mine);
    for (size_t i = 0; i < sizeof ALL_MODES / sizeof *ALL_MODES; i++)
        if (ALL_MODES[i] != RS_OPEN_REBUILD)
            assert_open_fails(s->data, ALL_MODES[i], RS_ERR_CORRUPT, want);
    /* A rebuild is the remedy. */
    r = open_roster(s, RS_OPEN_REBUILD);
    assert_int_equal(rs_data_reindex(r), RS_OK);
    rs_data_close(r);
    r = open_roster(s, RS_OPEN_READ);
    assert_search(r, "", "z");
    rs_problems p;
    assert_int_equal(rs_data_verify(r, &p), RS_OK);
    assert_int_equal(p.n, 0);
    rs_data_close(r);
}

static void test_foreign_index(void **state)
{
    scratch *s = *state;
    rs_data *r = open_roster(s, RS_OPEN_WRITE);
    import_text(s, r, THREE);
    rs_data_close(r);
    stamp_index(s, "0123456789abcdef");
    char index[200], want[300];
    live_index(s, index);
    snprintf(want, sizeof want, "index %s built from store 0123456789abcdef;", index);
    for (size_t i = 0; i < sizeof ALL_MODES / sizeof *ALL_MODES; i++)
        if (ALL_MODES[i] != RS_OPEN_REBUILD)
            assert_open_fails(s->data, ALL_MODES[i], RS_ERR_CORRUPT, want);
    r = open_roster(s, RS_OPEN_REBUILD);
    assert_int_equal(rs_data_reindex(r), RS_OK);
    char *stamp = index_stamp(r), mine[32];
    snprintf(mine, sizeof mine, "%016llx", (unsigned long long)identity_of(s->data));
    assert_string_equal(stamp, mine);
    free(stamp);
    assert_search(r, "", "a b c");
    rs_data_close(r);
}

/* A roster as an older version left it: a store of schema 2 without an
 * identity, an index without one. */
static void test_old_roster_gets_identity(void **state)
{
    scratch *s = *state;
    rs_data *r = open_roster(s, RS_OPEN_WRITE);
    import_text(s, r, THREE);
    rs_data_close(r);
    store_sql(s, "DELETE FROM meta WHERE key='id'; PRAGMA user_version=2");
    stamp_index(s, "");
    /* verify says so and repairs nothing. */
    r = open_roster(s, RS_OPEN_CHECK);
    assert_int_equal(rs_store_version(rs_data_store(r)), 2);
    rs_problems p;
    assert_int_equal(rs_data_verify(r, &p), RS_OK);
    assert_int_equal(p.n, 1);
    assert_string_equal(p.lines[0], "the index records no store identity (built by an older "
                                    "roster): the next command rebuilds it");
    rs_problems_free(&p);
    rs_data_close(r);
    /* The next command gives the store an identity and rebuilds the index. */
    r = open_roster(s, RS_OPEN_READ);
    assert_int_equal(rs_store_version(rs_data_store(r)), RS_STORE_SCHEMA_VERSION);
    char *stamp = index_stamp(r), mine[32];
    snprintf(mine, sizeof mine, "%016llx", (unsigned long long)identity_of(s->data));
    assert_true(strcmp(mine, "0000000000000000") != 0);
    assert_string_equal(stamp, mine);
    free(stamp);
    assert_search(r, "", "a b c");
    assert_int_equal(rs_data_verify(r, &p), RS_OK);
    assert_int_equal(p.n, 0);
    rs_data_close(r);
    /* A store without an identity beside an index that has one is not the
     * store the index was built from. */
    store_sql(s, "DELETE FROM meta WHERE key='id'; PRAGMA user_version=2");
    assert_open_fails(s->data, RS_OPEN_READ, RS_ERR_CORRUPT,
                      "store without one (made by an older roster), index");
}

static void test_dir_mode(void **state)
{
    scratch *s = *state;
    rs_data *r = open_roster(s, RS_OPEN_WRITE);
    import_text(s, r, THREE);
    rs_data_close(r);
    struct stat st;
    char want[200];
    static const mode_t loose[] = {0777, 0770};
    for (size_t i = 0; i < 2; i++) {
        assert_int_equal(chmod(s->data, loose[i]), 0);
        r = open_roster(s, RS_OPEN_READ);
        snprintf(want, sizeof want, "%s: other users could write it (mode %o): now 700, owner only",
                 s->data, (unsigned)loose[i]);
        assert_string_equal(rs_data_notes(r), want);
        assert_int_equal(stat(s->data, &st), 0);
        assert_int_equal(st.st_mode & 07777, 0700);
        assert_search(r, "", "a b c");
        rs_data_close(r);
    }
    r = open_roster(s, RS_OPEN_READ);
    assert_string_equal(rs_data_notes(r), "");
    rs_data_close(r);
    /* A shared directory, sticky like /tmp, is nobody's to tighten. */
    assert_int_equal(chmod(s->data, 01777), 0);
    assert_open_fails(s->data, RS_OPEN_READ, RS_ERR_IO,
                      "a shared directory (mode 1777): a roster needs a directory of its own");
    assert_int_equal(stat(s->data, &st), 0);
    assert_int_equal(st.st_mode & 07777, 01777);
    /* Another user's. */
    if (geteuid() == 0) {
        assert_int_equal(chown(s->data, 65534, 65534), 0);
        assert_int_equal(chmod(s->data, 0777), 0);
        assert_open_fails(s->data, RS_OPEN_READ, RS_ERR_IO,
                          "other users may write it (mode 777) and it is not yours: refusing");
        assert_int_equal(stat(s->data, &st), 0);
        assert_int_equal(st.st_mode & 07777, 0777);
        assert_int_equal(chown(s->data, 0, 0), 0);
    }
    assert_int_equal(chmod(s->data, 0700), 0);
}

static void test_reader_says_behind(void **state)
{
    scratch *s = *state;
    rs_data *w = open_roster(s, RS_OPEN_WRITE);
    import_text(s, w, THREE);
    store_behind_index(w); /* a writer at work */
    rs_data *rd = open_roster(s, RS_OPEN_READ);
    assert_string_equal(rs_data_notes(rd),
                        "the index reflects store change 1, the store is at 2: answers may miss "
                        "the latest changes (a writer is at work and brings the index up to date)");
    assert_search(rd, "", "a b c");
    rs_data_close(rd);
    assert_int_equal(rs_data_sync(w), RS_OK);
    rs_data_close(w);
    rd = open_roster(s, RS_OPEN_READ);
    assert_string_equal(rs_data_notes(rd), "");
    rs_data_close(rd);
}

static mode_t tree_dir_mode, tree_file_mode;
static int set_mode(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb, (void)ftw;
    return chmod(path, flag == FTW_D || flag == FTW_DP ? tree_dir_mode : tree_file_mode);
}

static void set_tree_modes(const char *dir, mode_t dirs, mode_t files)
{
    tree_dir_mode = dirs, tree_file_mode = files;
    assert_int_equal(nftw(dir, set_mode, 16, FTW_PHYS), 0);
}

/* In a child without write access to s->data (as nobody when root): open a
 * reader and check what it answers. Returns 0, or the step that failed. */
static int read_without_write(scratch *s)
{
    if (geteuid() == 0 && (setgroups(0, NULL) != 0 || setgid(65534) != 0 || setuid(65534) != 0))
        return 10;
    rs_data *r = NULL;
    char *err = NULL;
    if (rs_data_open(s->data, RS_OPEN_READ, &r, &err) != RS_OK) {
        fprintf(stderr, "open: %s\n", err);
        return 11;
    }
    const char *notes = rs_data_notes(r);
    uint32_t docs = 0;
    int rc = 0;
    if (!strstr(notes, "the index reflects store change 1, the store is at 2: answers may miss "
                       "the latest changes (this user may not write the data directory"))
        rc = 12;
    else if (!rs_store_read_only(rs_data_store(r)))
        rc = 13;
    else if (!rs_data_index(r) || xc_db_doccount(rs_data_index(r), &docs) != XC_OK || docs != 3)
        rc = 14;
    rs_data_close(r);
    if (rc) fprintf(stderr, "notes: %s\n", notes);
    /* A writer is refused, and says why. */
    if (!rc && (rs_data_open(s->data, RS_OPEN_UPDATE, &r, &err) != RS_ERR_IO ||
                !strstr(err, "this user may not write it")))
        rc = 15;
    free(err);
    return rc;
}

static void test_reader_without_write_access(void **state)
{
    scratch *s = *state;
    rs_data *r = open_roster(s, RS_OPEN_WRITE);
    import_text(s, r, THREE);
    store_behind_index(r); /* then left behind: a crash, or a writer elsewhere */
    rs_data_close(r);
    /* Readable, not writable, by the reader: as root, another user
     * (permissions do not bind root); otherwise this process. */
    assert_int_equal(chmod(s->dir, 0755), 0);
    set_tree_modes(s->data, 0555, 0444);
    int before = entries(s->data);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) _exit(read_without_write(s));
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    set_tree_modes(s->data, 0700, 0600);
    assert_int_equal(chmod(s->dir, 0700), 0);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_int_equal(entries(s->data), before); /* nothing made */
    /* Nothing repaired either: the next reader with write access does it. */
    r = open_roster(s, RS_OPEN_CHECK);
    assert_int_equal(index_change(r), 1);
    rs_data_close(r);
    r = open_roster(s, RS_OPEN_READ);
    assert_int_equal(index_change(r), 2);
    assert_search(r, "", "a c n");
    rs_data_close(r);
}

/* As read_without_write, while a writer holds the store open (its log,
 * roster.sqlite-wal, is there): with want_ok the reader answers, else it
 * fails saying why. */
static int read_during_write(scratch *s, int want_ok)
{
    if (geteuid() == 0 && (setgroups(0, NULL) != 0 || setgid(65534) != 0 || setuid(65534) != 0))
        return 10;
    rs_data *r = NULL;
    char *err = NULL;
    rs_status rc = rs_data_open(s->data, RS_OPEN_READ, &r, &err);
    uint32_t docs = 0;
    int ok = want_ok ? rc == RS_OK && rs_data_index(r) &&
                           xc_db_doccount(rs_data_index(r), &docs) == XC_OK && docs == 3
                     : rc == RS_ERR_IO && err &&
                           strstr(err, "roster.sqlite: cannot be read: a writer is at work or was "
                                       "interrupted, and this user may not read its log (") &&
                           strstr(err, "roster.sqlite-wal): try again");
    if (!ok) fprintf(stderr, "open: %d %s\n", (int)rc, err ? err : "");
    if (rc == RS_OK) rs_data_close(r);
    free(err);
    return ok ? 0 : 20;
}

static void run_as_reader_during_write(scratch *s, int want_ok)
{
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) _exit(read_during_write(s, want_ok));
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

static void test_reader_during_write_without_access(void **state)
{
    scratch *s = *state;
    rs_data *w = open_roster(s, RS_OPEN_WRITE);
    import_text(s, w, THREE);
    assert_true(exists(s->data, "roster.sqlite-wal"));
    assert_int_equal(chmod(s->dir, 0755), 0);
    set_tree_modes(s->data, 0555, 0444);
    char shm[160], wal[160];
    snprintf(shm, sizeof shm, "%s/roster.sqlite-shm", s->data);
    snprintf(wal, sizeof wal, "%s/roster.sqlite-wal", s->data);
    /* SQLite reads the log without its shared memory file. */
    assert_int_equal(chmod(shm, 0), 0);
    run_as_reader_during_write(s, 1);
    /* Not without the log. */
    assert_int_equal(chmod(wal, 0), 0);
    run_as_reader_during_write(s, 0);
    set_tree_modes(s->data, 0700, 0600);
    assert_int_equal(chmod(s->dir, 0700), 0);
    assert_search(w, "", "a b c");
    rs_data_close(w);
}

static void test_forget_same_id_twice(void **state)
{
    scratch *s = *state;
    rs_data *r = open_roster(s, RS_OPEN_WRITE);
    import_text(s, r, THREE);
    int missing[3] = {-1, -1, -1};
    assert_int_equal(rs_data_forget(r, (char *[]){"a", "b", "a"}, 3, missing), RS_OK);
    assert_int_equal(missing[0] + missing[1] + missing[2], 0);
    assert_search(r, "", "c");
    rs_data_close(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_open_new, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_failures, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_replaces, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv_update_keeps_history, setup, teardown),
        cmocka_unit_test_setup_teardown(test_first_import_twice, setup, teardown),
        cmocka_unit_test_setup_teardown(test_big_import_rebuilds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_all_or_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_files, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_counts_updates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_progress, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sync_after_crash, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sync_explicit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_index_lost, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pointer_garbage, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pointer_checked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reindex_equals_incremental, setup, teardown),
        cmocka_unit_test_setup_teardown(test_forget, setup, teardown),
        cmocka_unit_test_setup_teardown(test_forget_after_rebuild, setup, teardown),
        cmocka_unit_test_setup_teardown(test_verify, setup, teardown),
        cmocka_unit_test_setup_teardown(test_verify_store_ahead, setup, teardown),
        cmocka_unit_test_setup_teardown(test_verify_profile_and_duplicates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_verify_no_index, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_lock, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reader_leaves_writer_alone, setup, teardown),
        cmocka_unit_test_setup_teardown(test_damaged_store, setup, teardown),
        cmocka_unit_test_setup_teardown(test_index_locked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_roster, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store_gone, setup, teardown),
        cmocka_unit_test_setup_teardown(test_foreign_store, setup, teardown),
        cmocka_unit_test_setup_teardown(test_foreign_index, setup, teardown),
        cmocka_unit_test_setup_teardown(test_old_roster_gets_identity, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dir_mode, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reader_says_behind, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reader_without_write_access, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reader_during_write_without_access, setup, teardown),
        cmocka_unit_test_setup_teardown(test_forget_same_id_twice, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
