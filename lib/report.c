/*
 * rs_roster_report and rs_roster_report_svg: the diversity report of the
 * roster (report/report.h) as an answer and as a chart, over the period a
 * caller names; rs_report_help says what the report counts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "lib/private.h"
#include "report/report.h"

/* The period `since` names: NULL the recent window (as the matcher's
 * portfolio counts it), "all" every mission on record, else missions
 * starting on or after a date. RS_ERR_INPUT for anything else. */
static rs_status period(rs_roster *r, const char *since, int32_t *from, int32_t *until)
{
    if (!since) {
        rs_recent_window(rs_date_today(), from, until);
        return RS_OK;
    }
    *until = RS_REPORT_OPEN_END;
    if (strcmp(since, "all") == 0) {
        *from = RS_REPORT_ALL_TIME;
        return RS_OK;
    }
    if (rs_date_parse(since, 0, from) != 0)
        return rs_fail(r, RS_ERR_INPUT, "since: expected a date YYYY-MM-DD or YYYY-MM, got '%s'",
                       since);
    return RS_OK;
}

/* The report over `since` into *rep (freed by the caller, also after a
 * failure). */
static rs_status compute(rs_roster *r, const char *since, rs_report *rep)
{
    memset(rep, 0, sizeof *rep);
    rs_status st = rs_begin_open(r);
    int32_t from, until;
    if (st == RS_OK) st = period(r, since, &from, &until);
    if (st != RS_OK) return st;
    char err[512];
    st = rs_report_compute_period(rs_data_store(r->data), from, until, rep, err, sizeof err);
    return st == RS_OK ? RS_OK : rs_fail(r, st, "%s", err);
}

static void report_free(void *priv)
{
    rs_report_free(priv);
    free(priv);
}

static rs_status print_report(const rs_answer *a, FILE *f)
{
    return rs_report_print(a->priv, f) == 0 ? RS_OK : RS_ERR_IO;
}

rs_status rs_roster_report(rs_roster *r, const char *since, rs_answer **out)
{
    *out = NULL;
    rs_report *rep = malloc(sizeof *rep);
    if (!rep) {
        rs_begin(r);
        return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    }
    rs_status st = compute(r, since, rep);
    json_t *j = st == RS_OK ? rs_report_json(rep) : NULL;
    if (st == RS_OK && !j) st = rs_fail(r, RS_ERR_NOMEM, "out of memory");
    if (st != RS_OK) {
        report_free(rep);
        return st;
    }
    *out = rs_answer_new(j, RS_OUTCOME_DONE, print_report, rep, report_free);
    return *out ? RS_OK : rs_fail(r, RS_ERR_NOMEM, "out of memory");
}

rs_status rs_roster_report_svg(rs_roster *r, const char *since, const char *title, FILE *f)
{
    rs_report rep;
    rs_status st = compute(r, since, &rep);
    if (st == RS_OK) {
        char period_text[RS_REPORT_PERIOD_SIZE], fallback[96];
        if (!title) {
            int all = rep.since == RS_REPORT_ALL_TIME && rep.until == RS_REPORT_OPEN_END;
            snprintf(fallback, sizeof fallback, "Mission days by nationality, %s",
                     all ? "all missions on record" : rs_report_period(&rep, period_text));
            title = fallback;
        }
        if (rs_report_svg(&rep, title, f) != 0) st = rs_fail(r, RS_ERR_IO, "write error");
    }
    rs_report_free(&rep);
    return st;
}

rs_status rs_report_help(FILE *f)
{
    fprintf(f, "Shares of the roster's experts and of the mission days by nationality,\n"
               "gender, sector and language (spoken at %s or above); the concentration of\n"
               "days by nationality (top-2 share, Herfindahl index); the over-represented\n"
               "nationalities: share of days above %.2f times their share of the roster (the\n"
               "ratio read to 2 decimals, as printed), on at least %d days and %.0f%% of all\n"
               "days (as match and check judge them).\n\n"
               "  --since DATE  count missions starting on or after DATE (YYYY-MM-DD or\n"
               "                YYYY-MM); default: recent missions, those that started in\n"
               "                the %d calendar months before this month, and the ones\n"
               "                assigned (roster assign) from then on, planned ones too\n"
               "  --all         count every mission on record\n"
               "  --json        the report as JSON\n"
               "  --svg FILE    also write a bar chart of days by nationality (SVG)\n\n"
               "An expert with several nationalities counts under the first one listed.\n",
            RS_REPORT_LANGUAGE_LEVEL, RS_PORTFOLIO_OVER_RATIO, RS_PORTFOLIO_OVER_MIN_DAYS,
            100 * RS_PORTFOLIO_OVER_MIN_SHARE, RS_RECENT_MONTHS);
    return fflush(f) != 0 || ferror(f) ? RS_ERR_IO : RS_OK;
}
