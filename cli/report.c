/* roster report [--since DATE] [--json] [--svg FILE] */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/date.h"
#include "matcher/report.h"

static void help(void)
{
    cli_usage("report");
    printf("\nShares of the roster's experts and of the mission days by nationality,\n"
           "gender, sector and language (spoken at %s or above); the concentration of\n"
           "days by nationality (top-2 share, Herfindahl index); the nationalities whose\n"
           "share of days exceeds %.2f times their share of the roster.\n\n"
           "  --since DATE  count missions starting on or after DATE (YYYY-MM-DD or\n"
           "                YYYY-MM); default: every mission on record\n"
           "  --json        the report as JSON\n"
           "  --svg FILE    also write a bar chart of days by nationality (SVG)\n\n"
           "An expert with several nationalities counts under the first one listed.\n",
           RS_REPORT_LANGUAGE_LEVEL, RS_REPORT_OVER_RATIO);
}

static int write_svg(const rs_report *rep, const char *path)
{
    char title[96];
    if (rep->since == RS_REPORT_ALL_TIME) {
        snprintf(title, sizeof title, "Mission days by nationality, all missions on record");
    } else {
        char since[11];
        rs_date_format(rep->since, since);
        snprintf(title, sizeof title, "Mission days by nationality, since %s", since);
    }
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
    cli_opt opts[] = {CLI_COMMON_OPTS, {"since", 1, NULL}, {"json", 0, NULL},
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
    int32_t since = RS_REPORT_ALL_TIME;
    const char *since_text = cli_opt_value(opts, "since");
    if (since_text && rs_date_parse(since_text, 0, &since) != 0) {
        fprintf(stderr, "roster report: --since: expected a date YYYY-MM-DD or YYYY-MM, got '%s'\n",
                since_text);
        return EXIT_INPUT;
    }
    const char *svg = cli_opt_value(opts, "svg");
    if (svg && !*svg) {
        fprintf(stderr, "roster report: --svg: give a file name\n");
        return EXIT_INPUT;
    }
    rs_roster *r = cli_open(opts, RS_OPEN_READ, &status);
    if (!r) return status;
    rs_report rep;
    char err[512];
    rs_err e = rs_report_compute(rs_roster_store(r), since, &rep, err, sizeof err);
    rs_roster_close(r);
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
