/*
 * Reliability of the data directory and limits on hostile input:
 *   - a forget cut short after the index commit is finished by the next
 *     command (no text of the expert left on disk), and verify reports it
 *     until then;
 *   - index directories left by a crash are removed by the next command
 *     that can take the write lock, never under a working writer;
 *   - a reader keeps working when a writer switches the index under it, and
 *     a search overtaken by a writer's commits reopens and answers;
 *   - bounded time and clear errors for huge queries, deep nesting, long
 *     lines, huge arrays, NUL bytes and invalid UTF-8; bounded diagnostics.
 * Each test works in its own mkdtemp directory.
 */
#define _GNU_SOURCE /* memmem, nftw */
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/diag.h"
#include "core/record.h"
#include "core/schema.h"
#include "core/stem.h"
#include "corpus/gen/gen.h"
#include "indexer/datadir.h"
#include "query/query.h"
#include "query/search.h"
#include "tests/unit/scratch.h"

/* ---- fixture ---- */

typedef struct {
    char dir[64];  /* mkdtemp directory: inputs */
    char data[96]; /* dir/data: the data directory */
} scratch;

static int setup(void **state)
{
    scratch *s = calloc(1, sizeof *s);
    if (!s) return -1;
    strcpy(s->dir, "/tmp/rs-reliab-XXXXXX");
    if (!mkdtemp(s->dir)) {
        free(s);
        return -1;
    }
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
    remove_tree(s->dir);
    free(s);
    return 0;
}

static rs_data *open_roster(const scratch *s, rs_open_mode mode)
{
    rs_data *r = NULL;
    char *err = NULL;
    rs_status rc = rs_data_open(s->data, mode, &r, &err);
    if (rc) fprintf(stderr, "open: %s\n", err ? err : "?");
    free(err);
    assert_int_equal(rc, RS_OK);
    return r;
}

/* Import `text` (JSON Lines) through a file; the test fails unless it all
 * goes in. */
static void import_text(const scratch *s, rs_data *r, const char *text)
{
    char path[128];
    snprintf(path, sizeof path, "%s/in.jsonl", s->dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    char *paths[] = {path};
    rs_diag d;
    rs_import_stats st;
    rs_diag_init(&d);
    rs_status rc = rs_data_import(r, paths, 1, 0, &d, &st, NULL, NULL);
    if (rc) rs_diag_print(&d, stderr), fprintf(stderr, "import: %s\n", rs_data_error(r));
    rs_diag_free(&d);
    assert_int_equal(rc, RS_OK);
}

/* `n` generated experts (from number `first`) as JSON Lines, with `extra`
 * put at the start of each summary. Caller frees. */
static char *generated(unsigned long first, unsigned long n, const char *extra)
{
    rs_gen *g = rs_gen_new(5);
    assert_non_null(g);
    size_t cap = 1 << 16, len = 0;
    char *out = malloc(cap);
    assert_non_null(out);
    for (unsigned long k = first; k < first + n; k++) {
        char *line = rs_gen_expert_text(g, k);
        assert_non_null(line);
        const char *summary = strstr(line, "\"summary\":\"");
        assert_non_null(summary);
        size_t head = (size_t)(summary - line) + 11, need = strlen(line) + strlen(extra) + 3;
        while (len + need >= cap) assert_non_null(out = realloc(out, cap *= 2));
        len += (size_t)sprintf(out + len, "%.*s%s%s\n", (int)head, line, extra, line + head);
        free(line);
    }
    rs_gen_free(g);
    out[len] = 0;
    return out;
}

static const char SECRET[] =
    "{\"id\":\"S-1\",\"name\":\"Philippa Wuggleston\",\"nationalities\":[\"IE\"],"
    "\"summary\":\"zanzibarite pensions\",\"cv_lang\":\"en\"}\n";

/* ---- files holding a string ---- */

static const char *needle;
static int n_holding, report_holding;

static int search_file(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)ftw;
    if (flag != FTW_F) return 0;
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    char *buf = malloc((size_t)sb->st_size + 1);
    size_t n = buf ? fread(buf, 1, (size_t)sb->st_size, f) : 0;
    fclose(f);
    if (buf && memmem(buf, n, needle, strlen(needle))) {
        if (report_holding) fprintf(stderr, "  '%s' in %s\n", needle, path);
        n_holding++;
    }
    free(buf);
    return 0;
}

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

static int exists(const char *dir, const char *name)
{
    char path[256];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return stat(path, &st) == 0;
}

/* The live index directory's name, from index.current, into name[64]. */
static const char *current_index(const scratch *s, char name[64])
{
    char path[160];
    snprintf(path, sizeof path, "%s/index.current", s->data);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    assert_non_null(fgets(name, 64, f));
    fclose(f);
    name[strcspn(name, "\n")] = 0;
    return name;
}

static uint32_t total(rs_data *r, const char *query)
{
    rs_stemmers *stem = rs_stemmers_new();
    rs_query *q;
    char err[256];
    assert_int_equal(rs_query_parse(query, stem, &q, err, sizeof err), 0);
    rs_results res;
    xc_db *db = rs_data_index(r);
    assert_non_null(db);
    int rc = rs_search(db, q, 0, 0, 1, &res, err, sizeof err);
    if (rc) fprintf(stderr, "search: %s\n", err);
    assert_int_equal(rc, 0);
    uint32_t n = res.total;
    rs_results_free(&res);
    rs_query_free(q);
    rs_stemmers_free(stem);
    return n;
}

/* ---- forget cut short ---- */

/* The state a crash leaves between the index commit of a forget and its
 * compaction: S-1 erased from the store and its document deleted from the
 * index (its text still in freed blocks), the index at the store's change. */
static void forget_until_index_commit(const scratch *s)
{
    rs_store *st;
    char *msg = NULL;
    int found = 0;
    int64_t change;
    assert_int_equal(rs_store_open(s->data, &st, &msg), RS_OK);
    assert_int_equal(rs_store_begin(st), RS_OK);
    assert_int_equal(rs_store_erase(st, "S-1", &found), RS_OK);
    assert_int_equal(found, 1);
    assert_int_equal(rs_store_commit(st), RS_OK);
    assert_int_equal(rs_store_change(st, &change), RS_OK);
    rs_store_close(st);

    char path[160], value[32], name[64];
    snprintf(path, sizeof path, "%s/%s", s->data, current_index(s, name));
    xc_wdb *w;
    assert_int_equal(xc_wdb_open(path, &w, &msg), XC_OK);
    assert_int_equal(xc_wdb_delete_doc(w, RS_PREFIX_ID "S-1"), XC_OK);
    snprintf(value, sizeof value, "%lld", (long long)change);
    assert_int_equal(xc_wdb_set_metadata(w, "store_change", value), XC_OK);
    assert_int_equal(xc_wdb_commit(w), XC_OK);
    xc_wdb_free(w);
}

static void test_forget_finished_by_next_command(void **state)
{
    scratch *s = *state;
    for (int mode = 0; mode < 2; mode++) {
        remove_tree(s->data);
        rs_data *r = open_roster(s, RS_OPEN_WRITE);
        char *more = generated(1, 40, "");
        import_text(s, r, more);
        import_text(s, r, SECRET);
        free(more);
        rs_data_close(r);
        forget_until_index_commit(s);
        assert_true(files_holding(s->data, "zanzibarite") > 0); /* freed blocks */
        char before[64], after[64];
        current_index(s, before);

        /* A checker sees the unfinished forget without finishing it. */
        r = open_roster(s, RS_OPEN_CHECK);
        rs_problems p;
        assert_int_equal(rs_data_verify(r, &p), RS_OK);
        assert_int_equal(p.n, 1);
        assert_string_equal(p.lines[0], "1 forgotten expert not yet purged from the index and "
                                        "the store's free space (the next command finishes it)");
        rs_problems_free(&p);
        rs_data_close(r);

        /* The next reader or writer finishes it: compaction into a new
         * directory, the old one removed. */
        r = open_roster(s, mode ? RS_OPEN_READ : RS_OPEN_WRITE);
        assert_string_not_equal(current_index(s, after), before);
        assert_false(exists(s->data, before));
        assert_true(exists(s->data, after));
        assert_no_trace(s->data, "zanzibarite");
        assert_no_trace(s->data, "Wuggleston");
        assert_int_equal(total(r, ""), 40);
        assert_int_equal(rs_data_verify(r, &p), RS_OK);
        assert_int_equal(p.n, 0);
        rs_problems_free(&p);
        rs_data_close(r);
    }
}

/* A rebuild is the other way to finish it (a damaged index.current). */
static void test_forget_finished_by_rebuild(void **state)
{
    scratch *s = *state;
    rs_data *r = open_roster(s, RS_OPEN_WRITE);
    import_text(s, r, SECRET);
    char *more = generated(1, 5, "");
    import_text(s, r, more);
    free(more);
    rs_data_close(r);
    forget_until_index_commit(s);
    char path[160];
    snprintf(path, sizeof path, "%s/index.current", s->data);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("garbage\n", f);
    fclose(f);
    r = open_roster(s, RS_OPEN_WRITE);
    assert_no_trace(s->data, "zanzibarite");
    rs_problems p;
    assert_int_equal(rs_data_verify(r, &p), RS_OK);
    assert_int_equal(p.n, 0);
    rs_problems_free(&p);
    rs_data_close(r);
}

/* ---- index directories left over ---- */

static void test_stale_index_removed(void **state)
{
    scratch *s = *state;
    rs_data *w = open_roster(s, RS_OPEN_WRITE);
    import_text(s, w, SECRET);
    char stale[160];
    snprintf(stale, sizeof stale, "%s/index-777", s->data);
    assert_int_equal(mkdir(stale, 0700), 0);
    /* While a writer holds the lock it may be filling that directory. */
    rs_data *r = open_roster(s, RS_OPEN_READ);
    rs_data_close(r);
    assert_true(exists(s->data, "index-777"));
    rs_data_close(w);
    r = open_roster(s, RS_OPEN_READ);
    assert_false(exists(s->data, "index-777"));
    char name[64];
    assert_true(exists(s->data, current_index(s, name)));
    assert_int_equal(total(r, "zanzibarite"), 1);
    rs_data_close(r);
}

/* ---- readers and writers ---- */

/* A reader keeps reading the index it opened after a writer switched to a
 * new one and removed the old; a new reader opens the new one. */
static void test_reader_survives_switch(void **state)
{
    scratch *s = *state;
    rs_data *w = open_roster(s, RS_OPEN_WRITE);
    import_text(s, w, SECRET);
    rs_data *r = open_roster(s, RS_OPEN_READ);
    assert_int_equal(total(r, "zanzibarite"), 1);
    char before[64], after[64], path[160];
    current_index(s, before);
    assert_int_equal(rs_data_reindex(w), RS_OK);
    assert_string_not_equal(current_index(s, after), before);
    assert_false(exists(s->data, before));
    assert_int_equal(total(r, "zanzibarite"), 1);
    rs_data *r2 = open_roster(s, RS_OPEN_READ);
    snprintf(path, sizeof path, "%s/%s", s->data, after);
    assert_string_equal(rs_data_index_path(r2), path);
    assert_int_equal(total(r2, "zanzibarite"), 1);
    rs_data_close(r2);
    rs_data_close(r);
    rs_data_close(w);
}

/* A search whose revision a writer has overwritten (Xapian's
 * DatabaseModifiedError) reopens the index and answers from the latest. */
static void test_search_overtaken_by_writer(void **state)
{
    scratch *s = *state;
    rs_data *w = open_roster(s, RS_OPEN_WRITE);
    char *round = generated(1, 300, "round0 ");
    import_text(s, w, round);
    free(round);
    rs_data *r = open_roster(s, RS_OPEN_READ);
    assert_int_equal(total(r, "round0"), 300);
    int reopened = 0;
    for (int i = 1; i <= 20 && !reopened; i++) {
        char word[24];
        snprintf(word, sizeof word, "round%d ", i);
        round = generated(1, 300, word);
        import_text(s, w, round);
        free(round);
        word[strlen(word) - 1] = 0;
        /* Either the old revision is still readable (0 hits), or the
         * search was overtaken, reopened and sees this round. */
        uint32_t n = total(r, word);
        assert_true(n == 0 || n == 300);
        reopened = n == 300;
    }
    assert_true(reopened);
    rs_data_close(r);
    rs_data_close(w);
}

/* ---- limits ---- */

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static void test_query_of_one_megabyte(void **state)
{
    (void)state;
    size_t n = 1u << 20;
    char *text = malloc(n + 1);
    assert_non_null(text);
    for (size_t i = 0; i < n; i++) text[i] = i % 6 == 5 ? ' ' : 'a';
    text[n] = 0;
    rs_stemmers *stem = rs_stemmers_new();
    rs_query *q = (rs_query *)1;
    char err[128];
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(rs_query_parse(text, stem, &q, err, sizeof err), -1);
    assert_null(q);
    assert_string_equal(err, "query longer than 8192 bytes");
    assert_true(seconds_since(&t0) < 0.5);
    rs_stemmers_free(stem);
    free(text);
}

static void expect_query_error(const char *text, const char *message)
{
    rs_stemmers *stem = rs_stemmers_new();
    rs_query *q;
    char err[256];
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(rs_query_parse(text, stem, &q, err, sizeof err), -1);
    assert_string_equal(err, message);
    assert_true(seconds_since(&t0) < 0.5);
    rs_stemmers_free(stem);
}

static void test_pathological_queries(void **state)
{
    (void)state;
    char text[RS_QUERY_MAX_BYTES + 1];
    size_t n = 0;
    for (int i = 0; i < 40; i++) text[n++] = '(';
    text[n++] = 'a';
    for (int i = 0; i < 40; i++) text[n++] = ')';
    text[n] = 0;
    expect_query_error(text, "query nests deeper than 32 parentheses");
    n = 0;
    for (int i = 0; i < 40; i++) n += (size_t)sprintf(text + n, "NOT ");
    sprintf(text + n, "a");
    expect_query_error(text, "query nests deeper than 32 operators");
    n = 0;
    for (int i = 0; i < 1100; i++) n += (size_t)sprintf(text + n, "w%d ", i % 10);
    expect_query_error(text, "query has more than 1024 terms");
    expect_query_error("pension \xff\xfe", "query is not valid UTF-8");
    expect_query_error("\"open phrase", "unterminated quote at column 1");
}

/* The widest query the limits allow: every date range of avail: at its
 * longest, as many as fit, run with facets on an index. */
static void test_widest_avail_query_runs(void **state)
{
    scratch *s = *state;
    rs_data *w = open_roster(s, RS_OPEN_WRITE);
    char *more = generated(1, 50, "");
    import_text(s, w, more);
    free(more);
    char text[RS_QUERY_MAX_BYTES + 1];
    size_t n = 0;
    for (int i = 0; n + 40 < sizeof text; i++)
        n += (size_t)sprintf(text + n, "avail:2027-%02d-%02d..2028-12-31 ", i / 28 % 12 + 1,
                             i % 28 + 1);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_true(total(w, text) <= 50);
    assert_true(seconds_since(&t0) < 3.0);
    rs_data_close(w);
}

/* Read `text` as a whole file of the given format; returns the records
 * accepted, problems in d. */
static int read_all(const char *text, size_t len, rs_format fmt, rs_diag *d)
{
    FILE *f = fmemopen((void *)text, len, "rb");
    assert_non_null(f);
    rs_reader *r = rs_reader_new(f, "in", fmt);
    assert_non_null(r);
    int ok = 0, rc;
    rs_expert e;
    while ((rc = rs_reader_next(r, &e, d)) != 0)
        if (rc > 0) ok++, rs_expert_free(&e);
    rs_reader_free(r);
    fclose(f);
    return ok;
}

static void assert_problem(const rs_diag *d, size_t i, long line, const char *field,
                           const char *start)
{
    assert_true(i < d->n);
    assert_int_equal(d->items[i].line, line);
    assert_string_equal(d->items[i].field, field);
    if (strncmp(d->items[i].message, start, strlen(start)) != 0)
        fail_msg("problem %zu: '%s' does not start with '%s'", i, d->items[i].message, start);
}

#define VALID "{\"id\":\"OK-1\",\"name\":\"Ana\",\"nationalities\":[\"PT\"]}\n"

static void test_deep_nesting(void **state)
{
    (void)state;
    size_t depth = 100000, n = 0;
    char *text = malloc(2 * depth + 200);
    assert_non_null(text);
    n += (size_t)sprintf(text, "{\"id\":\"D-1\",\"name\":\"x\",\"nationalities\":[\"PT\"],\"x\":");
    memset(text + n, '[', depth), n += depth;
    memset(text + n, ']', depth), n += depth;
    n += (size_t)sprintf(text + n, "}\n" VALID);
    rs_diag d;
    rs_diag_init(&d);
    assert_int_equal(read_all(text, n, RS_FORMAT_JSONL, &d), 1);
    assert_int_equal(d.n, 1);
    assert_problem(&d, 0, 1, "", "invalid JSON at column");
    assert_non_null(strstr(d.items[0].message, "maximum parsing depth"));
    rs_diag_free(&d);
    free(text);
}

/* A line of 20 MB is skipped without being held; the next is read. */
static void test_enormous_line(void **state)
{
    (void)state;
    size_t big = 20u << 20, n = 0;
    char *text = malloc(big + 200);
    assert_non_null(text);
    n += (size_t)sprintf(text, "{\"id\":\"L-1\",\"name\":\"x\",\"summary\":\"");
    memset(text + n, 'a', big), n += big;
    n += (size_t)sprintf(text + n, "\"}\n" VALID);
    rs_diag d;
    rs_diag_init(&d);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(read_all(text, n, RS_FORMAT_JSONL, &d), 1);
    assert_true(seconds_since(&t0) < 2.0);
    assert_int_equal(d.n, 1);
    assert_problem(&d, 0, 1, "", "line longer than 1 MiB");
    rs_diag_free(&d);
    free(text);
}

/* An expert with more languages than an array may hold, and one with a
 * thousand duplicates: each an error, in bounded time. */
static void test_huge_arrays(void **state)
{
    (void)state;
    size_t cap = 1u << 20, n = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    n += (size_t)sprintf(text, "{\"id\":\"A-1\",\"name\":\"x\",\"nationalities\":[\"PT\"],\"languages\":[");
    for (int i = 0; i < 50000; i++) n += (size_t)sprintf(text + n, "\"fr\",");
    n += (size_t)sprintf(text + n, "\"en\"]}\n");
    n += (size_t)sprintf(text + n, "{\"id\":\"A-2\",\"name\":\"x\",\"nationalities\":[");
    for (int i = 0; i < 999; i++) n += (size_t)sprintf(text + n, "\"PT\",");
    n += (size_t)sprintf(text + n, "\"ES\"]}\n" VALID);
    rs_diag d;
    rs_diag_init(&d);
    assert_int_equal(read_all(text, n, RS_FORMAT_JSONL, &d), 1);
    assert_problem(&d, 0, 1, "languages", "more than 1000 items");
    assert_true(d.n_errors >= 2);
    assert_int_equal(d.items[1].line, 2);
    rs_diag_free(&d);
    free(text);
}

static void test_nul_and_bad_utf8(void **state)
{
    (void)state;
    static const char jsonl[] =
        "{\"id\":\"N-1\",\"name\":\"a\\u0000b\",\"nationalities\":[\"PT\"]}\n"
        "{\"id\":\"N-2\",\"name\":\"a\0b\",\"nationalities\":[\"PT\"]}\n"
        "{\"id\":\"N-3\",\"name\":\"a\xff\",\"nationalities\":[\"PT\"]}\n"
        "{\"id\":\"N-4\",\"name\":\"a\xc0\xaf\",\"nationalities\":[\"PT\"]}\n"
        "{\"id\":\"N-5\",\"name\":\"a\\ud800\",\"nationalities\":[\"PT\"]}\n" VALID;
    rs_diag d;
    rs_diag_init(&d);
    assert_int_equal(read_all(jsonl, sizeof jsonl - 1, RS_FORMAT_JSONL, &d), 1);
    assert_int_equal(d.n, 5);
    assert_problem(&d, 0, 1, "",
                   "invalid JSON at column 29: NUL character (\\u0000) not allowed in text");
    assert_problem(&d, 1, 2, "", "NUL byte at column 22");
    assert_problem(&d, 2, 3, "", "invalid UTF-8 at column 22");
    assert_problem(&d, 3, 4, "", "invalid UTF-8 at column 22");
    assert_problem(&d, 4, 5, "", "invalid JSON at column");
    rs_diag_free(&d);

    /* In CSV a NUL byte is its row's problem; a byte that is not UTF-8 ends
     * the reading: the file is in another encoding, refused whole (C-3 too). */
    static const char csv[] = "id,name,nationalities\nC-1,\"a\0b\",PT\nC-2,a\xff,PT\nC-3,ok,PT\n";
    rs_diag_init(&d);
    assert_int_equal(read_all(csv, sizeof csv - 1, RS_FORMAT_CSV, &d), 0);
    assert_int_equal(d.n, 2);
    assert_problem(&d, 0, 2, "", "NUL byte at column 7");
    assert_problem(&d, 1, 3, "", "invalid UTF-8 at column 6");
    rs_diag_free(&d);
}

/* Problems past RS_DIAG_KEEP are counted, not kept; the print says so. */
static void test_diagnostics_bounded(void **state)
{
    (void)state;
    rs_diag d;
    rs_diag_init(&d);
    for (int i = 0; i < RS_DIAG_KEEP + 7; i++)
        rs_diag_add(&d, i % 2 ? RS_WARNING : RS_ERROR, "f", i + 1, "x", "problem %d", i);
    assert_int_equal(d.n, RS_DIAG_KEEP);
    assert_int_equal(d.n_errors + d.n_warnings, RS_DIAG_KEEP + 7);
    assert_int_equal(d.dropped_errors, 4);
    assert_int_equal(d.dropped_warnings, 3);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    rs_diag_print(&d, f);
    fclose(f);
    assert_non_null(strstr(buf, "f:10000: x: warning: problem 9999\n"
                                "... and 4 more errors and 3 more warnings, not shown\n"));
    free(buf);
    rs_diag_truncate(&d, 10);
    assert_int_equal(d.n, 10);
    assert_int_equal(d.n_errors, 5);
    assert_int_equal(d.n_warnings, 5);
    assert_int_equal(d.dropped_errors + d.dropped_warnings, 0);
    rs_diag_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_forget_finished_by_next_command, setup, teardown),
        cmocka_unit_test_setup_teardown(test_forget_finished_by_rebuild, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stale_index_removed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reader_survives_switch, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_overtaken_by_writer, setup, teardown),
        cmocka_unit_test(test_query_of_one_megabyte),
        cmocka_unit_test(test_pathological_queries),
        cmocka_unit_test_setup_teardown(test_widest_avail_query_runs, setup, teardown),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_enormous_line),
        cmocka_unit_test(test_huge_arrays),
        cmocka_unit_test(test_nul_and_bad_utf8),
        cmocka_unit_test(test_diagnostics_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
