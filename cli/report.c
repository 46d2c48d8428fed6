/* roster report [--since DATE | --all] [--json] [--svg FILE] */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

/* The chart into path; the exit status. */
static int write_svg(rs_roster *r, const char *since, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "roster report: cannot write '%s': %s\n", path, strerror(errno));
        return EXIT_FAIL;
    }
    errno = 0;
    rs_status st = rs_roster_report_svg(r, since, NULL, f);
    int saved = errno;
    if (fclose(f) != 0 && st == RS_OK) {
        st = RS_ERR_IO;
        saved = errno;
    }
    if (st == RS_ERR_IO) {
        fprintf(stderr, "roster report: cannot write '%s': %s\n", path,
                saved ? strerror(saved) : "write error");
        return EXIT_FAIL;
    }
    return st == RS_OK ? EXIT_OK : cli_fail("report", r, st);
}

/* The library names the period `since`; the command line, --since. */
static int report_fail(rs_roster *r, rs_status st)
{
    if (st != RS_ERR_INPUT) return cli_fail("report", r, st);
    fprintf(stderr, "roster report: --%s\n", rs_roster_message(r));
    return cli_status(st);
}

int cmd_report(int argc, char **argv)
{
    cli_opt opts[] = {CLI_COMMON_OPTS, {"since", 1, NULL}, {"all", 0, NULL}, {"json", 0, NULL},
                      {"svg", 1, NULL}, {NULL, 0, NULL}};
    char *args[argc + 1];
    int n, status;
    if (cli_parse("report", argc, argv, opts, args, &n) != 0) return EXIT_INPUT;
    if (cli_flag(opts, "help")) {
        cli_usage("report");
        printf("\n");
        return rs_report_help(stdout) == RS_OK ? EXIT_OK : EXIT_FAIL;
    }
    if (n) {
        fprintf(stderr, "roster report: takes no arguments (see roster report --help)\n");
        return EXIT_INPUT;
    }
    /* By default the recent window, as the matcher's portfolio counts it. */
    const char *since = cli_opt_value(opts, "since");
    if (since && cli_flag(opts, "all")) {
        fprintf(stderr, "roster report: give --since or --all, not both\n");
        return EXIT_INPUT;
    }
    /* The library reads "all" as every mission; the command line says --all. */
    if (since && strcmp(since, "all") == 0) {
        fprintf(stderr, "roster report: --since: expected a date YYYY-MM-DD or YYYY-MM, got "
                        "'all' (every mission on record: --all)\n");
        return EXIT_INPUT;
    }
    if (cli_flag(opts, "all")) since = "all";
    const char *svg = cli_opt_value(opts, "svg");
    if (svg && !*svg) {
        fprintf(stderr, "roster report: --svg: give a file name\n");
        return EXIT_INPUT;
    }
    rs_roster *r = cli_roster(opts, RS_OPEN_READ, &status);
    if (!r) return status;
    rs_answer *a;
    rs_status st = rs_roster_report(r, since, &a);
    if (st != RS_OK) {
        status = report_fail(r, st);
    } else {
        status = svg ? write_svg(r, since, svg) : EXIT_OK;
        if (status == EXIT_OK) {
            int json = cli_flag(opts, "json");
            status = cli_print_answer(a, json);
            if (status == EXIT_OK && svg && !json)
                printf("\nChart of days by nationality written to %s\n", svg);
        }
    }
    rs_answer_free(a);
    rs_roster_close(r);
    return status;
}
