/* Dates: parsing, month ends, formatting, today. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "core/date.h"

static int32_t parse_ok(const char *s, int end_of_month)
{
    int32_t day = -1;
    assert_int_equal(rs_date_parse(s, end_of_month, &day), 0);
    return day;
}

static void assert_formats(int32_t day, const char *expected)
{
    char buf[11];
    rs_date_format(day, buf);
    assert_string_equal(buf, expected);
}

static void test_known_days(void **state)
{
    (void)state;
    assert_int_equal(parse_ok("1970-01-01", 0), 0);
    assert_int_equal(parse_ok("1970-01-02", 0), 1);
    assert_int_equal(parse_ok("1969-12-31", 0), -1);
    assert_int_equal(parse_ok("2000-03-01", 0), 11017);
    assert_int_equal(parse_ok("1900-01-01", 0), -25567);
    assert_int_equal(parse_ok("2024-02-29", 0), 19782);
    assert_int_equal(parse_ok("2200-12-31", 1), 84370);
    /* end_of_month does not move a full date */
    assert_int_equal(parse_ok("2024-02-10", 1), parse_ok("2024-02-10", 0));
}

static void test_leap_years(void **state)
{
    (void)state;
    int32_t day;
    assert_int_equal(rs_date_parse("2023-02-29", 0, &day), -1);
    assert_int_equal(rs_date_parse("1900-02-29", 0, &day), -1); /* century */
    assert_int_equal(parse_ok("2000-02-29", 0), parse_ok("2000-03-01", 0) - 1);
    assert_int_equal(rs_date_parse("2024-04-31", 0, &day), -1);
    assert_int_equal(parse_ok("2024-12-31", 0), parse_ok("2025-01-01", 0) - 1);
}

static void test_months(void **state)
{
    (void)state;
    assert_int_equal(parse_ok("2024-02", 0), parse_ok("2024-02-01", 0));
    assert_int_equal(parse_ok("2024-02", 1), parse_ok("2024-02-29", 0));
    assert_int_equal(parse_ok("2023-02", 1), parse_ok("2023-02-28", 0));
    assert_int_equal(parse_ok("2024-04", 1), parse_ok("2024-04-30", 0));
    assert_int_equal(parse_ok("2024-12", 1), parse_ok("2024-12-31", 0));
}

static void test_malformed(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "", "2024", "2024-", "2024-1", "2024-1-01", "2024-01-1", "2024-13-01",
        "2024-00-10", "2024-01-00", "2024-01-32", "2024-01-01x", "2024-01-", "2024/01/01",
        " 2024-01-01", "2024-01-01 ", "1899-12-31", "2201-01-01", "20240101", "2O24-01-01",
        "-024-01-01", "2024-0a-01", "2024-01-0a",
    };
    int32_t day = 42;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        if (rs_date_parse(bad[i], 0, &day) != -1)
            fail_msg("accepted '%s'", bad[i]);
    }
    assert_int_equal(day, 42); /* untouched on failure */
    assert_int_equal(rs_date_parse(NULL, 0, &day), -1);
}

static void test_format(void **state)
{
    (void)state;
    assert_formats(0, "1970-01-01");
    assert_formats(-1, "1969-12-31");
    assert_formats(19782, "2024-02-29");
    assert_formats(-25567, "1900-01-01");
    assert_formats(INT32_MAX, "9999-12-31"); /* RS_DATE_OPEN stays printable */
    assert_formats(INT32_MIN, "0000-01-01");
    for (int32_t day = -25567; day <= 84370; day += 97) { /* round trip */
        char buf[11];
        rs_date_format(day, buf);
        assert_int_equal(parse_ok(buf, 0), day);
    }
}

static void test_today(void **state)
{
    (void)state;
    setenv("ROSTER_TODAY", "2025-06-30", 1);
    assert_int_equal(rs_date_today(), parse_ok("2025-06-30", 0));

    int32_t clock_day = (int32_t)(time(NULL) / 86400);
    setenv("ROSTER_TODAY", "not a date", 1); /* warned about, then ignored */
    int32_t today = rs_date_today();
    assert_true(today >= clock_day && today <= clock_day + 1);
    setenv("ROSTER_TODAY", "", 1);
    today = rs_date_today();
    assert_true(today >= clock_day && today <= clock_day + 1);
    unsetenv("ROSTER_TODAY");
    today = rs_date_today();
    assert_true(today >= clock_day && today <= clock_day + 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_days),
        cmocka_unit_test(test_leap_years),
        cmocka_unit_test(test_months),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_today),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
