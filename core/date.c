/*
 * Calendar dates as day numbers. The conversions are Howard Hinnant's
 * days_from_civil / civil_from_days, exact for the proleptic Gregorian
 * calendar with no table and no dependence on the C library's time zone.
 */
#include "core/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define DATE_YEAR_MIN 1900
#define DATE_YEAR_MAX 2200

static int32_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)era * 146097 + doe - 719468;
}

static void civil_from_days(int32_t z, int *y, int *m, int *d)
{
    int64_t zz = (int64_t)z + 719468;
    int64_t era = (zz >= 0 ? zz : zz - 146096) / 146097;
    int64_t doe = zz - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Read exactly n ASCII digits. */
static int read_digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int rs_date_parse(const char *s, int end_of_month, int32_t *out)
{
    int y, m, d;
    if (!s || read_digits(s, 4, &y) < 0 || s[4] != '-' || read_digits(s + 5, 2, &m) < 0)
        return -1;
    if (y < DATE_YEAR_MIN || y > DATE_YEAR_MAX || m < 1 || m > 12)
        return -1;
    if (s[7] == '\0') {
        d = end_of_month ? days_in_month(y, m) : 1;
    } else {
        if (s[7] != '-' || read_digits(s + 8, 2, &d) < 0 || s[10] != '\0')
            return -1;
        if (d < 1 || d > days_in_month(y, m))
            return -1;
    }
    *out = days_from_civil(y, m, d);
    return 0;
}

int32_t rs_date_month_start(int32_t day, int months)
{
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    int64_t index = (int64_t)y * 12 + (m - 1) + months; /* months since year 0 */
    int64_t year = index >= 0 ? index / 12 : (index - 11) / 12;
    return days_from_civil((int)year, (int)(index - year * 12) + 1, 1);
}

void rs_date_format(int32_t day, char buf[11])
{
    /* Four-digit years only: clamp so that even RS_DATE_OPEN formats as a
     * well-formed (if far) date instead of overflowing the buffer. */
    static const int32_t first = -719528;  /* 0000-01-01 */
    static const int32_t last = 2932896;   /* 9999-12-31 */
    int y, m, d;
    civil_from_days(day < first ? first : day > last ? last : day, &y, &m, &d);
    snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
             (unsigned)d % 100u);
}

int32_t rs_date_today(void)
{
    const char *fixed = getenv("ROSTER_TODAY");
    int32_t day;
    if (fixed && *fixed) {
        if (rs_date_parse(fixed, 0, &day) == 0)
            return day;
        fprintf(stderr, "roster: ignoring ROSTER_TODAY='%s': not a date YYYY-MM-DD\n", fixed);
    }
    return (int32_t)(time(NULL) / 86400);
}
