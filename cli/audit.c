/* roster audit [--since DATE] [--json] */
#include <stdio.h>

#include "cli/cli.h"

int cmd_audit(int argc, char **argv)
{
    cli_opt opts[] = {CLI_COMMON_OPTS, {"since", 1, NULL}, {"json", 0, NULL}, {NULL, 0, NULL}};
    char *args[argc + 1];
    int n, status;
    if (cli_start("audit", argc, argv, opts, args, &n, &status)) return status;
    if (n) {
        fprintf(stderr, "roster audit: takes no arguments (--since DATE)\n");
        return EXIT_INPUT;
    }
    rs_roster *r = cli_roster(opts, RS_OPEN_READ, &status);
    if (!r) return status;
    rs_answer *a;
    rs_status err = rs_roster_audit(r, cli_opt_value(opts, "since"), &a);
    if (err == RS_ERR_INPUT) {
        /* The library names the period `since`; the command line, --since. */
        fprintf(stderr, "roster audit: --%s\n", rs_roster_message(r));
        status = cli_status(err);
    } else if (err) {
        status = cli_fail("audit", r, err);
    } else {
        status = cli_print_answer(a, cli_flag(opts, "json"));
        rs_answer_free(a);
    }
    rs_roster_close(r);
    return status;
}
