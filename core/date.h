/* Calendar dates as day numbers (days since 1970-01-01, proleptic Gregorian). */
#ifndef RS_DATE_H
#define RS_DATE_H

#include <stdint.h>

/* Parse "YYYY-MM-DD" or "YYYY-MM". For "YYYY-MM" the first day of the month is
 * used, or the last when end_of_month is non-zero (a period's "to").
 * Returns 0 and sets *out, or -1 when malformed or not a real date
 * (years 1900..2200 accepted). */
int rs_date_parse(const char *s, int end_of_month, int32_t *out);
/* What every message about a bad date says, so "15/03/2019" gets one answer
 * wherever a date is read. */
#define RS_DATE_EXPECTED "expected YYYY-MM-DD or YYYY-MM"
/* Write "YYYY-MM-DD" into buf (at least 11 bytes). */
void rs_date_format(int32_t day, char buf[11]);
/* The first day of the month `months` months after (before, when negative)
 * the month of `day`: (2026-11-25, -12) gives 2025-11-01. */
int32_t rs_date_month_start(int32_t day, int months);
/* Today in UTC, or $ROSTER_TODAY ("YYYY-MM-DD") when set, so runs are reproducible. */
int32_t rs_date_today(void);

#endif
