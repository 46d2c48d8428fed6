/*
 * Building a whole index on every core (indexer/bulk.h): documents come out
 * in the order given whatever the batches and threads, also through a merge
 * in several levels; an id given twice keeps its last record; an empty
 * build gives an empty index; failures (an existing scratch directory, a
 * batch that cannot be written, an existing index path) are reported with
 * the path, and an abandoned build leaves nothing behind. Each test works
 * in its own mkdtemp directory.
 */
#define _XOPEN_SOURCE 700 /* nftw */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/diag.h"
#include "core/profile.h"
#include "core/record.h"
#include "core/schema.h"
#include "indexer/bulk.h"
#include "indexer/shards.h"
#include "tests/unit/scratch.h"

typedef struct {
    char dir[64];      /* the mkdtemp directory */
    char index[96];    /* dir/index: the index built */
    char scratch[96];  /* dir/scratch: its batches */
} scratch;

static int setup(void **state)
{
    scratch *s = calloc(1, sizeof *s);
    if (!s) return -1;
    strcpy(s->dir, "/tmp/rs-bulk-XXXXXX");
    if (!mkdtemp(s->dir)) {
        free(s);
        return -1;
    }
    snprintf(s->index, sizeof s->index, "%s/index", s->dir);
    snprintf(s->scratch, sizeof s->scratch, "%s/scratch", s->dir);
    *state = s;
    return 0;
}

static int teardown(void **state)
{
    scratch *s = *state;
    rs_test_remove_tree(s->dir);
    free(s);
    return 0;
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* Expert "e<i>" with a word of its own and `summary`. */
static void make_expert(int i, const char *summary, rs_expert *e)
{
    char json[256];
    snprintf(json, sizeof json,
             "{\"id\":\"e%03d\",\"name\":\"Person %d\",\"nationalities\":[\"FR\"],"
             "\"summary\":\"%s\"}",
             i, i, summary);
    rs_diag d;
    rs_diag_init(&d);
    int rc = rs_expert_from_json_text(json, strlen(json), "test", 1, e, &d);
    if (rc) rs_diag_print(&d, stderr);
    rs_diag_free(&d);
    assert_int_equal(rc, 0);
}

static rs_bulk *start(scratch *s, size_t batch)
{
    rs_bulk *b = NULL;
    char err[256] = "";
    rs_status rc = rs_bulk_start(s->index, s->scratch, batch, 1, &b, err, sizeof err);
    if (rc) fprintf(stderr, "start: %s\n", err);
    assert_int_equal(rc, RS_OK);
    assert_non_null(b);
    return b;
}

static void add(rs_bulk *b, int i, const char *summary)
{
    rs_expert e;
    make_expert(i, summary, &e);
    assert_int_equal(rs_bulk_add(b, &e), RS_OK);
    assert_null(e.id); /* taken */
    rs_expert_free(&e);
}

/* Finish, commit and open the index for reading. */
static xc_db *finish(rs_bulk *b, const char *path)
{
    xc_wdb *wdb = NULL;
    rs_status rc = rs_bulk_finish(b, &wdb);
    if (rc) fprintf(stderr, "finish: %s\n", rs_bulk_error(b));
    assert_int_equal(rc, RS_OK);
    assert_int_equal(xc_wdb_commit(wdb), XC_OK);
    xc_wdb_free(wdb);
    rs_bulk_free(b);
    xc_db *db = NULL;
    assert_int_equal(xc_db_open(path, &db, NULL), XC_OK);
    return db;
}

/* The docid of expert e<i>, 0 when absent. */
static uint32_t docid_of(xc_db *db, int i)
{
    char term[16];
    snprintf(term, sizeof term, "%se%03d", RS_PREFIX_ID, i);
    xc_query *q = xc_query_term(term, 1);
    xc_enquire *enq = NULL;
    xc_mset *mset = NULL;
    assert_int_equal(xc_enquire_new(db, &enq), XC_OK);
    xc_enquire_set_query(enq, q);
    assert_int_equal(xc_enquire_get_mset(enq, 0, 2, 10, &mset), XC_OK);
    uint32_t n = xc_mset_size(mset), did = n ? xc_mset_docid(mset, 0) : 0;
    assert_true(n <= 1);
    xc_mset_free(mset);
    xc_enquire_free(enq);
    xc_query_free(q);
    return did;
}

static uint32_t doccount(xc_db *db)
{
    uint32_t n = 0;
    assert_int_equal(xc_db_doccount(db, &n), XC_OK);
    return n;
}

/* Documents in the order given, for batches of every size, including
 * merges in more than one level (as many batches at a time as the limit on
 * open files allows: lowered here). */
static void test_order(void **state)
{
    scratch *s = *state;
    static const struct { int n; size_t batch; rlim_t files; } cases[] = {
        {23, 3, 0}, {7, 100, 0}, {150, 1, 0}, {1, 1, 0}, {150, 1, 300}, {40, 1, 70}};
    struct rlimit saved;
    assert_int_equal(getrlimit(RLIMIT_NOFILE, &saved), 0);
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        if (cases[c].files) { /* 300: 29 at a time, two levels; 70: 2 at a time, six */
            struct rlimit low = {cases[c].files, saved.rlim_max};
            assert_int_equal(setrlimit(RLIMIT_NOFILE, &low), 0);
        }
        rs_bulk *b = start(s, cases[c].batch);
        assert_int_equal(setrlimit(RLIMIT_NOFILE, &saved), 0);
        for (int i = 0; i < cases[c].n; i++) add(b, i, "social protection");
        xc_db *db = finish(b, s->index);
        assert_int_equal(doccount(db), cases[c].n);
        for (int i = 0; i < cases[c].n; i++) assert_int_equal(docid_of(db, i), i + 1);
        uint32_t freq = 0;
        assert_int_equal(xc_db_termfreq(db, "social", &freq), XC_OK);
        assert_int_equal(freq, cases[c].n);
        xc_db_free(db);
        assert_false(exists(s->scratch)); /* the batches are gone */
        rs_test_remove_tree(s->index);
    }
}

/* In shards: each expert in the shard its id hashes to, at the docid of
 * its place in the order given, so the shards combined keep that order;
 * a later record of an id replaces the first in its shard. */
static void test_shards(void **state)
{
    scratch *s = *state;
    rs_bulk *b = NULL;
    char err[256] = "";
    assert_int_equal(rs_bulk_start(s->index, s->scratch, 4, RS_SHARDS_MAX + 1, &b, err, sizeof err),
                     RS_ERR_INPUT);
    assert_null(b);
    assert_int_equal(rs_bulk_start(s->index, s->scratch, 4, 3, &b, err, sizeof err), RS_OK);
    assert_int_equal(rs_bulk_shards(b), 3);
    for (int i = 0; i < 23; i++) add(b, i, "social protection");
    add(b, 5, "later words");
    xc_wdb *wdbs[3];
    assert_int_equal(rs_bulk_finish(b, wdbs), RS_OK);
    size_t per_shard[3] = {0, 0, 0};
    for (int k = 0; k < 3; k++) {
        assert_int_equal(xc_wdb_commit(wdbs[k]), XC_OK);
        uint32_t n = 0;
        assert_int_equal(xc_wdb_doccount(wdbs[k], &n), XC_OK);
        per_shard[k] = n;
        xc_wdb_free(wdbs[k]);
    }
    rs_bulk_free(b);
    assert_int_equal(per_shard[0] + per_shard[1] + per_shard[2], 23);
    assert_true(per_shard[0] && per_shard[1] && per_shard[2]);
    assert_int_equal(rs_shards_count(s->index), 3);
    xc_db *db = NULL;
    assert_int_equal(xc_db_open(s->index, &db, NULL), XC_OK);
    assert_int_equal(xc_db_shard_count(db), 3);
    for (int i = 0; i < 23; i++) {
        char id[16];
        snprintf(id, sizeof id, "e%03d", i);
        assert_int_equal(docid_of(db, i), (uint32_t)(i * 3 + rs_shard_of(id, 3) + 1));
    }
    uint32_t n = 0;
    assert_int_equal(xc_db_termfreq(db, "later", &n), XC_OK);
    assert_int_equal(n, 1);
    xc_db_free(db);
    assert_false(exists(s->scratch));
}

/* An id given again replaces its first record, in the first one's place. */
static void test_given_twice(void **state)
{
    scratch *s = *state;
    rs_bulk *b = start(s, 2);
    add(b, 0, "first words");
    add(b, 1, "other");
    add(b, 2, "other");
    add(b, 0, "second words");
    add(b, 3, "other");
    add(b, 0, "third words");
    add(b, 1, "again");
    xc_db *db = finish(b, s->index);
    assert_int_equal(doccount(db), 4);
    for (int i = 0; i < 4; i++) assert_int_equal(docid_of(db, i), i + 1);
    uint32_t n = 9;
    assert_int_equal(xc_db_termfreq(db, "first", &n), XC_OK);
    assert_int_equal(n, 0);
    assert_int_equal(xc_db_termfreq(db, "second", &n), XC_OK);
    assert_int_equal(n, 0);
    assert_int_equal(xc_db_termfreq(db, "third", &n), XC_OK);
    assert_int_equal(n, 1);
    assert_int_equal(xc_db_termfreq(db, "again", &n), XC_OK);
    assert_int_equal(n, 1);
    assert_int_equal(xc_db_termfreq(db, "other", &n), XC_OK);
    assert_int_equal(n, 2);
    /* The document data is the last record's profile. */
    xc_doc *doc = NULL;
    const char *data;
    size_t len;
    rs_expert p;
    assert_int_equal(xc_db_find_doc(db, RS_PREFIX_ID "e001", &doc), XC_OK);
    assert_int_equal(xc_doc_get_data(doc, &data, &len), XC_OK);
    assert_int_equal(rs_profile_decode(data, len, &p), 0);
    assert_string_equal(p.id, "e001");
    rs_expert_free(&p);
    xc_doc_free(doc);
    xc_db_free(db);
}

static void test_empty(void **state)
{
    scratch *s = *state;
    rs_bulk *b = start(s, 0); /* 0: the default batch */
    xc_db *db = finish(b, s->index);
    assert_int_equal(doccount(db), 0);
    xc_db_free(db);
    assert_false(exists(s->scratch));
}

static void test_failures(void **state)
{
    scratch *s = *state;
    /* The scratch directory must be new. */
    assert_int_equal(mkdir(s->scratch, 0700), 0);
    rs_bulk *b = (rs_bulk *)1;
    char err[256] = "";
    assert_int_equal(rs_bulk_start(s->index, s->scratch, 2, 1, &b, err, sizeof err), RS_ERR_IO);
    assert_null(b);
    char want[256];
    snprintf(want, sizeof want, "%s: File exists", s->scratch);
    assert_string_equal(err, want);
    assert_true(exists(s->scratch)); /* not ours: left alone */
    rmdir(s->scratch);

    /* A batch that cannot be written: its database path is taken. */
    b = start(s, 2);
    char taken[160];
    snprintf(taken, sizeof taken, "%s/1", s->scratch);
    FILE *f = fopen(taken, "w");
    assert_non_null(f);
    fclose(f);
    rs_status rc = RS_OK;
    for (int i = 0; i < 40 && rc == RS_OK; i++) {
        rs_expert e;
        make_expert(i, "words", &e);
        rc = rs_bulk_add(b, &e);
        rs_expert_free(&e);
    }
    xc_wdb *wdb = (xc_wdb *)1;
    if (rc == RS_OK) rc = rs_bulk_finish(b, &wdb);
    assert_int_equal(rc, RS_ERR_INDEX);
    assert_non_null(strstr(rs_bulk_error(b), taken));
    assert_int_equal(rs_bulk_finish(b, &wdb), RS_ERR_INDEX);
    assert_null(wdb);
    rs_bulk_free(b);
    assert_false(exists(s->scratch));
    assert_false(exists(s->index));

    /* The index path must be new too: the merge refuses to write over it. */
    assert_int_equal(mkdir(s->index, 0700), 0);
    b = start(s, 2);
    add(b, 1, "words");
    assert_int_equal(rs_bulk_finish(b, &wdb), RS_ERR_INDEX);
    assert_non_null(strstr(rs_bulk_error(b), s->index));
    assert_null(wdb);
    rs_bulk_free(b);
    rmdir(s->index);

    /* Finishing twice is refused. */
    b = start(s, 2);
    add(b, 1, "words");
    assert_int_equal(rs_bulk_finish(b, &wdb), RS_OK);
    xc_wdb_free(wdb);
    assert_int_equal(rs_bulk_finish(b, &wdb), RS_ERR_INDEX);
    assert_string_equal(rs_bulk_error(b), "the index build is already finished");
    rs_bulk_free(b);
}

/* A build dropped half way stops its workers and leaves no file behind. */
static void test_abandoned(void **state)
{
    scratch *s = *state;
    rs_bulk *b = start(s, 3);
    for (int i = 0; i < 50; i++) add(b, i, "social protection reform");
    rs_bulk_free(b);
    assert_false(exists(s->scratch));
    assert_false(exists(s->index));
    rs_bulk_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_given_twice, setup, teardown),
        cmocka_unit_test_setup_teardown(test_shards, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failures, setup, teardown),
        cmocka_unit_test_setup_teardown(test_abandoned, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
