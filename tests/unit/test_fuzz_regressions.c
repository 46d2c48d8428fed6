/* Replay of saved fuzz inputs (tests/fuzz-regressions/TARGET/) through the
 * fuzz targets' bodies (fuzz/targets.c): inputs that once crashed, leaked or
 * hung a target, and hostile inputs worth keeping. A target aborts on any
 * broken property, so a regression fails this test (and the sanitizer and
 * valgrind runs show where). Run from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/fuzz.h"

#define REGRESSIONS "tests/fuzz-regressions"
#define INPUT_MAX (16u << 20)

static uint8_t *slurp(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    uint8_t *buf = malloc(INPUT_MAX);
    assert_non_null(buf);
    *size = fread(buf, 1, INPUT_MAX, f);
    assert_false(ferror(f));
    fclose(f);
    return buf;
}

/* Run `target` on every file of REGRESSIONS/name; returns how many. */
static int replay(const char *name, int (*target)(const uint8_t *, size_t))
{
    char dir[256];
    snprintf(dir, sizeof dir, "%s/%s", REGRESSIONS, name);
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *ent;
    while ((ent = readdir(d))) {
        if (ent->d_name[0] == '.') continue;
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, ent->d_name);
        size_t size;
        uint8_t *data = slurp(path, &size);
        print_message("replay %s (%zu bytes)\n", path, size);
        assert_int_equal(target(data, size), 0);
        free(data);
        n++;
    }
    closedir(d);
    return n;
}

static void test_replay_jsonl(void **state)
{
    (void)state;
    assert_true(replay("jsonl", rs_fuzz_jsonl) > 0);
}

static void test_replay_csv(void **state)
{
    (void)state;
    assert_true(replay("csv", rs_fuzz_csv) > 0);
}

static void test_replay_tor(void **state)
{
    (void)state;
    assert_true(replay("tor", rs_fuzz_tor) > 0);
}

static void test_replay_europass(void **state)
{
    (void)state;
    assert_true(replay("europass", rs_fuzz_europass) > 0);
}

static void test_replay_query(void **state)
{
    (void)state;
    assert_true(replay("query", rs_fuzz_query) > 0);
}

static void test_replay_http(void **state)
{
    (void)state;
    assert_true(replay("http", rs_fuzz_http) > 0);
}

static void test_replay_documents(void **state)
{
    (void)state;
    assert_true(replay("docx", rs_fuzz_docx) > 0);
    assert_true(replay("odt", rs_fuzz_odt) > 0);
    assert_true(replay("pdf", rs_fuzz_pdf) > 0);
}

/* The targets accept the empty input (libFuzzer starts with it). */
static void test_empty_input(void **state)
{
    (void)state;
    static const uint8_t none[1];
    assert_int_equal(rs_fuzz_jsonl(none, 0), 0);
    assert_int_equal(rs_fuzz_csv(none, 0), 0);
    assert_int_equal(rs_fuzz_tor(none, 0), 0);
    assert_int_equal(rs_fuzz_query(none, 0), 0);
    assert_int_equal(rs_fuzz_http(none, 0), 0);
    assert_int_equal(rs_fuzz_docx(none, 0), 0);
    assert_int_equal(rs_fuzz_odt(none, 0), 0);
    assert_int_equal(rs_fuzz_pdf(none, 0), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_replay_jsonl),
        cmocka_unit_test(test_replay_csv),
        cmocka_unit_test(test_replay_tor),
        cmocka_unit_test(test_replay_europass),
        cmocka_unit_test(test_replay_query),
        cmocka_unit_test(test_replay_http),
        cmocka_unit_test(test_replay_documents),
        cmocka_unit_test(test_empty_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
