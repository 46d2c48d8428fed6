/* Diagnostics: recording, counting, rolling back and the printed format. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/diag.h"

/* Print d into a string (caller frees). */
static char *printed(const rs_diag *d)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    rs_diag_print(d, f);
    fclose(f);
    return buf;
}

static void test_print_format(void **state)
{
    (void)state;
    rs_diag d;
    rs_diag_init(&d);
    rs_diag_add(&d, RS_ERROR, "file", 12, "languages[0].level", "bad CEFR level '%s'", "D1");
    char *out = printed(&d);
    assert_string_equal(out, "file:12: languages[0].level: bad CEFR level 'D1'\n");
    free(out);
    assert_int_equal(d.n, 1);
    assert_int_equal(d.n_errors, 1);
    assert_int_equal(d.n_warnings, 0);
    assert_string_equal(d.items[0].field, "languages[0].level");
    assert_int_equal(d.items[0].line, 12);
    rs_diag_free(&d);
    assert_null(d.items);
    assert_int_equal(d.n, 0);
}

static void test_print_variants(void **state)
{
    (void)state;
    rs_diag d;
    rs_diag_init(&d);
    rs_diag_add(&d, RS_ERROR, "-", 3, "id", "missing");
    rs_diag_add(&d, RS_WARNING, "cv.csv", 7, "fields[2]", "unknown field code '%s'", "Z.99");
    rs_diag_add(&d, RS_ERROR, "cv.jsonl", 0, "", "file is empty");
    rs_diag_add(&d, RS_ERROR, "cv.jsonl", 4, "", "not a JSON object");
    rs_diag_add(&d, RS_ERROR, NULL, 5, NULL, "no file");
    rs_diag_add(&d, RS_ERROR, "", 0, "name", "nothing else");
    char *out = printed(&d);
    assert_string_equal(out,
                        "<stdin>:3: id: missing\n"
                        "cv.csv:7: fields[2]: warning: unknown field code 'Z.99'\n"
                        "cv.jsonl: file is empty\n"
                        "cv.jsonl:4: not a JSON object\n"
                        "line 5: no file\n"
                        "name: nothing else\n");
    free(out);
    /* Stored as given; only the printing names stdin. */
    assert_string_equal(d.items[0].file, "-");
    assert_string_equal(d.items[4].file, "");
    assert_string_equal(d.items[4].field, "");
    assert_int_equal(d.n_errors, 5);
    assert_int_equal(d.n_warnings, 1);
    rs_diag_free(&d);
}

static void test_truncate(void **state)
{
    (void)state;
    rs_diag d;
    rs_diag_init(&d);
    for (int i = 0; i < 100; i++) /* past the first growth steps */
        rs_diag_add(&d, i % 4 == 0 ? RS_WARNING : RS_ERROR, "f", i + 1, "x", "problem %d", i);
    assert_int_equal(d.n, 100);
    assert_int_equal(d.n_warnings, 25);
    assert_int_equal(d.n_errors, 75);
    assert_string_equal(d.items[99].message, "problem 99");

    rs_diag_truncate(&d, 10);
    assert_int_equal(d.n, 10);
    assert_int_equal(d.n_warnings, 3); /* 0, 4, 8 */
    assert_int_equal(d.n_errors, 7);
    rs_diag_truncate(&d, 50); /* beyond the end: nothing to drop */
    assert_int_equal(d.n, 10);
    rs_diag_add(&d, RS_ERROR, "f", 11, "x", "after");
    assert_string_equal(d.items[10].message, "after");
    rs_diag_truncate(&d, 0);
    assert_int_equal(d.n, 0);
    assert_int_equal(d.n_errors + d.n_warnings, 0);
    char *out = printed(&d);
    assert_string_equal(out, "");
    free(out);
    rs_diag_free(&d);
}

/* The count of problems left out: "1 more error", not "1 more errors". */
static void test_left_out_counts(void **state)
{
    (void)state;
    rs_diag d;
    rs_diag_init(&d);
    for (int i = 0; i < RS_DIAG_KEEP + 1; i++) rs_diag_add(&d, RS_ERROR, "f", i + 1, "x", "bad");
    rs_diag_add(&d, RS_WARNING, "f", 1, "y", "odd");
    rs_diag_add(&d, RS_WARNING, "f", 2, "y", "odd");
    char *out = printed(&d);
    assert_non_null(strstr(out, "\n... and 1 more error and 2 more warnings, not shown\n"));
    free(out);
    rs_diag_free(&d);
}

static void test_long_message(void **state)
{
    (void)state;
    char big[5000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    rs_diag d;
    rs_diag_init(&d);
    rs_diag_add(&d, RS_ERROR, "f", 1, "summary", "too long: %s", big);
    assert_int_equal(strlen(d.items[0].message), strlen("too long: ") + sizeof big - 1);
    rs_diag_free(&d);
}

/* A key or value quoted in a problem cannot act on the terminal. */
static void test_print_escapes_controls(void **state)
{
    (void)state;
    rs_diag d;
    rs_diag_init(&d);
    rs_diag_add(&d, RS_ERROR, "f", 3, "\x1b]0;x\x07", "unknown '%s'", "\xc2\x9b" "2J\n");
    char *out = printed(&d);
    assert_string_equal(out, "f:3: \\x1b]0;x\\x07: unknown '\\u009b2J\\n'\n");
    free(out);
    rs_diag_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_print_format),
        cmocka_unit_test(test_print_variants),
        cmocka_unit_test(test_truncate),
        cmocka_unit_test(test_long_message),
        cmocka_unit_test(test_print_escapes_controls),
        cmocka_unit_test(test_left_out_counts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
