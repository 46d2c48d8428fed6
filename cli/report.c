/* roster report [--since DATE | --all] [--json] [--svg FILE] */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/legacy.h"
#include "core/date.h"
#include "matcher/report.h"

static void help(void)
{
    cli_usage("report");
    printf("\nShares of the roster's experts and of the mission days by nationality,\n"
           "gender, sector and language (spoken at %s or above); the concentration of\n"
           "days by nationality (top-2 share, Herfindahl index); the over-represented\n"
           "nationalities: share of days above %.2f times their share of the roster (the\n"
           "ratio read to 2 decimals, as printed), on at least %d days and %.0f%% of all\n"
           "days (as match and check judge them).\n\n"
           "  --since DATE  count missions starting on or after DATE (YYYY-MM-DD or\n"
           "                YYYY-MM); default: recent missions, those that started in\n"
           "                the %d calendar months before this month\n"
           "  --all         count every mission on record\n"
           "  --json        the report as JSON\n"
           "  --svg FILE    also write a bar chart of days by nationality (SVG)\n\n"
           "An expert with several nationalities counts under the first one listed.\n",
           RS_REPORT_LANGUAGE_LEVEL, RS_PORTFOLIO_OVER_RATIO, RS_PORTFOLIO_OVER_MIN_DAYS,
           100 * RS_PORTFOLIO_OVER_MIN_SHARE, RS_RECENT_MONTHS);
}

static int write_svg(const rs_report *rep, const char *path)
{
    char title[96], period[RS_REPORT_PERIOD_SIZE];
    int all = rep->since == RS_REPORT_ALL_TIME && rep->until == RS_REPORT_OPEN_END;
    snprintf(title, sizeof title, "Mission days by nationality, %s",
             all ? "all missions on record" : rs_report_period(rep, period));
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "roster report: cannot write '%s': %s\n", path, strerror(errno));
        return EXIT_FAIL;
    }
    int failed = rs_report_svg(rep, title, f) != 0;
    int saved = errno;
    if (fclose(f) != 0 && !failed) {
        failed = 1;
        saved = errno;
    }
    if (failed) {
        fprintf(stderr, "roster report: cannot write '%s': %s\n", path,
                saved ? strerror(saved) : "write error");
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

int cmd_report(int argc, char **argv)
{
    cli_opt opts[] = {CLI_COMMON_OPTS, {"since", 1, NULL}, {"all", 0, NULL}, {"json", 0, NULL},
                      {"svg", 1, NULL}, {NULL, 0, NULL}};
    char *args[argc + 1];
    int n, status;
    if (cli_parse("report", argc, argv, opts, args, &n) != 0) return EXIT_INPUT;
    if (cli_flag(opts, "help")) {
        help();
        return EXIT_OK;
    }
    if (n) {
        fprintf(stderr, "roster report: takes no arguments (see roster report --help)\n");
        return EXIT_INPUT;
    }
    /* By default the recent window, as the matcher's portfolio counts it. */
    int32_t since, until;
    rs_recent_window(rs_date_today(), &since, &until);
    const char *since_text = cli_opt_value(opts, "since");
    if (since_text && cli_flag(opts, "all")) {
        fprintf(stderr, "roster report: give --since or --all, not both\n");
        return EXIT_INPUT;
    }
    if (cli_flag(opts, "all")) {
        since = RS_REPORT_ALL_TIME;
        until = RS_REPORT_OPEN_END;
    } else if (since_text) {
        if (rs_date_parse(since_text, 0, &since) != 0) {
            fprintf(stderr, "roster report: --since: expected a date YYYY-MM-DD or YYYY-MM, "
                    "got '%s'\n", since_text);
            return EXIT_INPUT;
        }
        until = RS_REPORT_OPEN_END;
    }
    const char *svg = cli_opt_value(opts, "svg");
    if (svg && !*svg) {
        fprintf(stderr, "roster report: --svg: give a file name\n");
        return EXIT_INPUT;
    }
    rs_data *r = cli_open(opts, RS_OPEN_READ, &status);
    if (!r) return status;
    rs_report rep;
    char err[512];
    rs_status e = rs_report_compute_period(rs_data_store(r), since, until, &rep, err, sizeof err);
    rs_data_close(r);
    if (e) {
        fprintf(stderr, "roster report: %s\n", err);
        rs_report_free(&rep);
        return cli_status(e);
    }
    status = svg ? write_svg(&rep, svg) : EXIT_OK;
    if (status == EXIT_OK) {
        if (cli_flag(opts, "json")) {
            status = cli_print_json(rs_report_json(&rep));
        } else {
            if (rs_report_print(&rep, stdout) != 0) status = EXIT_FAIL;
            if (svg) printf("\nChart of days by nationality written to %s\n", svg);
        }
    }
    rs_report_free(&rep);
    return status;
}
