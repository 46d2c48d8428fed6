/*
 * The data directory when the index is damaged or the disk is full: verify
 * reads every table of the index; a write that finds the index damaged
 * rebuilds it from the store; an import or forget that the store commits
 * but the index cannot follow returns RS_ERR_BEHIND; a reader whose repair
 * fails answers from the last index with a warning. A full disk is a file
 * size limit here (writes fail with EFBIG as with ENOSPC). Each test works
 * in its own mkdtemp directory.
 */
#define _GNU_SOURCE /* nftw */
#include <setjmp.h>
#include <signal.h>
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

#include "core/schema.h"
#include "corpus/gen/gen.h"
#include "indexer/datadir.h"
#include "tests/unit/scratch.h"

/* ---- fixture ---- */

typedef struct {
    char dir[64];   /* the mkdtemp directory */
    char data[96];  /* dir/data: the roster's data directory */
    char base[96];  /* dir/base.jsonl: experts 1..300 */
    char more[96];  /* dir/more.jsonl: experts 301..400 */
} scratch;

/* Experts first..last of generator seed 3, one per line, into path. */
static void write_experts(const char *path, unsigned long first, unsigned long last)
{
    rs_gen *g = rs_gen_new(3);
    assert_non_null(g);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    for (unsigned long k = first; k <= last; k++) {
        char *line = rs_gen_expert_text(g, k);
        assert_non_null(line);
        fprintf(f, "%s\n", line);
        free(line);
    }
    fclose(f);
    rs_gen_free(g);
}

static int setup(void **state)
{
    scratch *s = calloc(1, sizeof *s);
    if (!s) return -1;
    strcpy(s->dir, "/tmp/rs-damage-XXXXXX");
    if (!mkdtemp(s->dir)) {
        free(s);
        return -1;
    }
    snprintf(s->data, sizeof s->data, "%s/data", s->dir);
    snprintf(s->base, sizeof s->base, "%s/base.jsonl", s->dir);
    snprintf(s->more, sizeof s->more, "%s/more.jsonl", s->dir);
    write_experts(s->base, 1, 300);
    write_experts(s->more, 301, 400);
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

/* ---- helpers ---- */

static rs_data *open_roster(scratch *s, rs_open_mode mode)
{
    rs_data *r = NULL;
    char *err = NULL;
    rs_status rc = rs_data_open(s->data, mode, &r, &err);
    if (rc) fprintf(stderr, "open: %s\n", err ? err : "?");
    free(err);
    assert_int_equal(rc, RS_OK);
    return r;
}

static rs_status import_file(rs_data *r, const char *path)
{
    char *paths[] = {(char *)path};
    rs_diag d;
    rs_import_stats st;
    rs_diag_init(&d);
    rs_status err = rs_data_import(r, paths, 1, 0, &d, &st, NULL, NULL);
    rs_diag_free(&d);
    return err;
}

/* A roster of experts 1..300. */
static void make_roster(scratch *s)
{
    rs_data *r = open_roster(s, RS_OPEN_WRITE);
    assert_int_equal(import_file(r, s->base), RS_OK);
    rs_data_close(r);
}

/* Cut the live index's table to half its length. */
static void halve_table(scratch *s, const char *table)
{
    rs_data *r = open_roster(s, RS_OPEN_CHECK);
    char path[4200];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", rs_data_index_path(r), table);
    rs_data_close(r);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(truncate(path, st.st_size / 2), 0);
}

static size_t verify_problems(scratch *s, const char *want)
{
    rs_data *r = open_roster(s, RS_OPEN_CHECK);
    rs_problems p;
    assert_int_equal(rs_data_verify(r, &p), RS_OK);
    size_t n = p.n, seen = 0;
    for (size_t i = 0; i < p.n; i++) seen += want && strstr(p.lines[i], want) != NULL;
    if (want) assert_true(seen > 0);
    rs_problems_free(&p);
    rs_data_close(r);
    return n;
}

/* How many index documents hold the id term of `id`. */
static uint32_t indexed(rs_data *r, const char *id)
{
    char term[64];
    uint32_t n = 99;
    snprintf(term, sizeof term, "%s%s", RS_PREFIX_ID, id);
    assert_int_equal(xc_db_termfreq(rs_data_index(r), term, &n), XC_OK);
    return n;
}

/* The file size limit of a full disk, and back. */
static struct rlimit saved_limit;
static void (*saved_handler)(int);

static void disk_full(rlim_t bytes)
{
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &saved_limit), 0);
    saved_handler = signal(SIGXFSZ, SIG_IGN);
    struct rlimit small = {bytes, saved_limit.rlim_max};
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
}

static void disk_freed(void)
{
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &saved_limit), 0);
    signal(SIGXFSZ, saved_handler);
}

/* ---- tests ---- */

/* Term lists or positions cut short: the index opens and the profiles
 * match, so only reading every table finds it. */
static void test_verify_reads_every_table(void **state)
{
    scratch *s = *state;
    make_roster(s);
    assert_int_equal(verify_problems(s, NULL), 0);
    halve_table(s, "termlist.glass");
    verify_problems(s, "the index is damaged: ");
    rs_data *r = open_roster(s, RS_OPEN_WRITE);
    assert_int_equal(rs_data_reindex(r), RS_OK);
    rs_data_close(r);
    assert_int_equal(verify_problems(s, NULL), 0);
    halve_table(s, "position.glass");
    verify_problems(s, "the index is damaged: ");
}

/* A forget on a damaged index: the store erases, the index is rebuilt
 * from the store instead of failing every command after. */
static void test_forget_rebuilds_damaged_index(void **state)
{
    scratch *s = *state;
    make_roster(s);
    halve_table(s, "termlist.glass");
    rs_data *r = open_roster(s, RS_OPEN_WRITE);
    char *ids[] = {"EXP-00007"};
    int missing[1] = {1};
    assert_int_equal(rs_data_forget(r, ids, 1, missing), RS_OK);
    assert_int_equal(missing[0], 0);
    assert_int_equal(indexed(r, "EXP-00007"), 0);
    assert_int_equal(indexed(r, "EXP-00008"), 1);
    rs_data_close(r);
    assert_int_equal(verify_problems(s, NULL), 0);
}

/* An import the store commits but the index cannot take for want of room:
 * RS_ERR_BEHIND; a reader answers from the last index and warns; with room
 * again the next command catches up. */
static void test_import_behind_on_full_disk(void **state)
{
    scratch *s = *state;
    make_roster(s);
    rs_data *r = open_roster(s, RS_OPEN_WRITE);
    /* Room for the store's transaction (with its audit line), not for the index. */
    disk_full(288 * 1024);
    rs_status err = import_file(r, s->more);
    char why[1024];
    snprintf(why, sizeof why, "%s", rs_data_error(r));
    rs_data_close(r);

    r = open_roster(s, RS_OPEN_READ);
    char warning[2048];
    snprintf(warning, sizeof warning, "%s", rs_data_warning(r));
    uint32_t old = indexed(r, "EXP-00007"), new = indexed(r, "EXP-00350");
    int64_t count = 0;
    assert_int_equal(rs_store_count(rs_data_store(r), &count), RS_OK);
    rs_data_close(r);
    disk_freed();

    assert_int_equal(err, RS_ERR_BEHIND);
    assert_non_null(strstr(why, "File too large"));
    assert_int_equal(count, 400);
    assert_non_null(strstr(warning, "the index is behind the store"));
    assert_int_equal(old, 1);
    assert_int_equal(new, 0);

    r = open_roster(s, RS_OPEN_READ);
    assert_string_equal(rs_data_warning(r), "");
    assert_int_equal(indexed(r, "EXP-00350"), 1);
    rs_data_close(r);
    assert_int_equal(verify_problems(s, NULL), 0);
}

/* A forget the store commits but the index cannot follow: RS_ERR_BEHIND,
 * and the forget is finished by the next command with room. */
static void test_forget_behind_on_full_disk(void **state)
{
    scratch *s = *state;
    make_roster(s);
    rs_data *r = open_roster(s, RS_OPEN_WRITE);
    char *ids[] = {"EXP-00007"};
    int missing[1] = {1};
    disk_full(256 * 1024);
    rs_status err = rs_data_forget(r, ids, 1, missing);
    rs_data_close(r);
    r = open_roster(s, RS_OPEN_READ);
    int warned = rs_data_warning(r)[0] != 0;
    rs_data_close(r);
    disk_freed();

    assert_int_equal(err, RS_ERR_BEHIND);
    assert_int_equal(missing[0], 0);
    assert_true(warned);
    verify_problems(s, "");
    r = open_roster(s, RS_OPEN_READ);
    assert_int_equal(indexed(r, "EXP-00007"), 0);
    rs_data_close(r);
    assert_int_equal(verify_problems(s, NULL), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_verify_reads_every_table, setup, teardown),
        cmocka_unit_test_setup_teardown(test_forget_rebuilds_damaged_index, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_behind_on_full_disk, setup, teardown),
        cmocka_unit_test_setup_teardown(test_forget_behind_on_full_disk, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
