/* Unit tests of rs_roster_refresh: a long-lived reader (one per server
 * thread) sees what writers committed once refreshed — an import, a forget,
 * a rebuilt index in a new directory — and nothing changes when nothing was
 * committed. Each test works in its own mkdtemp directory. */
#define _XOPEN_SOURCE 700 /* nftw, mkdtemp */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/roster.h"
#include "tests/unit/scratch.h"

static char dir[64];

static const char ONE[] =
    "{\"id\":\"R-1\",\"name\":\"Ana Lopes\",\"gender\":\"F\",\"nationalities\":[\"PT\"],"
    "\"status\":\"public\",\"languages\":[{\"code\":\"fr\",\"level\":\"C1\"}],"
    "\"fields\":[\"E.10\"],\"summary\":\"quillwort pensions\"}\n";
static const char TWO[] =
    "{\"id\":\"R-2\",\"name\":\"Jan Kowalski\",\"gender\":\"M\",\"nationalities\":[\"PL\"],"
    "\"status\":\"public\",\"languages\":[{\"code\":\"en\",\"level\":\"C1\"}],"
    "\"fields\":[\"A.20\"],\"summary\":\"quillwort inspection\"}\n";

static void import(const char *records)
{
    rs_roster *w;
    rs_import_stats st;
    assert_int_equal(rs_roster_open(dir, RS_OPEN_WRITE, "test", &w), RS_OK);
    assert_int_equal(rs_roster_import_data(w, "t.jsonl", records, strlen(records),
                                           RS_FORMAT_JSONL, 0, &st), RS_OK);
    rs_roster_close(w);
}

static long found(rs_roster *r)
{
    rs_answer *a;
    assert_int_equal(rs_roster_search(r, "quillwort", 0, 10, 0, &a), RS_OK);
    long total = (long)json_integer_value(json_object_get(rs_answer_json(a), "total"));
    rs_answer_free(a);
    return total;
}

static int setup(void **state)
{
    (void)state;
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/roster-refresh-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    assert_non_null(mkdtemp(dir));
    import(ONE);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    rs_test_remove_tree(dir);
    return 0;
}

static void test_sees_commits(void **state)
{
    (void)state;
    rs_roster *r;
    assert_int_equal(rs_roster_open(dir, RS_OPEN_READ, "reader", &r), RS_OK);
    assert_int_equal(found(r), 1);
    assert_int_equal(rs_roster_refresh(r), RS_OK);
    assert_int_equal(found(r), 1); /* nothing committed: the same answer */
    import(TWO);
    assert_int_equal(found(r), 1); /* not refreshed: the revision it read */
    assert_int_equal(rs_roster_refresh(r), RS_OK);
    assert_int_equal(found(r), 2);
    rs_roster *w;
    char *id = "R-1";
    assert_int_equal(rs_roster_open(dir, RS_OPEN_UPDATE, "test", &w), RS_OK);
    assert_int_equal(rs_roster_forget(w, &id, 1), RS_OK);
    rs_roster_close(w);
    assert_int_equal(rs_roster_refresh(r), RS_OK);
    assert_int_equal(found(r), 1);
    rs_roster_close(r);
}

static void test_follows_a_rebuilt_index(void **state)
{
    (void)state;
    rs_roster *r, *w;
    assert_int_equal(rs_roster_open(dir, RS_OPEN_READ, "reader", &r), RS_OK);
    assert_int_equal(rs_roster_refresh(r), RS_OK);
    assert_int_equal(rs_roster_open(dir, RS_OPEN_REBUILD, "test", &w), RS_OK);
    assert_int_equal(rs_roster_reindex(w, 0), RS_OK);
    rs_roster_close(w);
    import(TWO);
    assert_int_equal(rs_roster_refresh(r), RS_OK);
    assert_int_equal(found(r), 2);
    rs_roster_close(r);
}

static void test_roster_gone(void **state)
{
    (void)state;
    rs_roster *r;
    assert_int_equal(rs_roster_open(dir, RS_OPEN_READ, "reader", &r), RS_OK);
    rs_test_remove_tree(dir);
    /* The directory went away: refreshing says so (a reader opened afresh
     * would fail the same way). */
    assert_int_not_equal(rs_roster_refresh(r), RS_OK);
    assert_true(rs_roster_message(r)[0] != '\0');
    rs_roster_close(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_sees_commits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_follows_a_rebuilt_index, setup, teardown),
        cmocka_unit_test_setup_teardown(test_roster_gone, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
