/* roster stats [--json] */
#include <jansson.h>
#include <stdio.h>

#include "cli/cli.h"

int cmd_stats(int argc, char **argv)
{
    cli_opt opts[] = {CLI_COMMON_OPTS, {"json", 0, NULL}, {NULL, 0, NULL}};
    char *args[argc + 1];
    int n, status;
    if (cli_start("stats", argc, argv, opts, args, &n, &status)) return status;
    if (n) {
        fprintf(stderr, "roster stats: takes no arguments\n");
        return EXIT_INPUT;
    }
    rs_roster *r = cli_roster(opts, RS_OPEN_READ, &status);
    if (!r) return status;
    rs_answer *a;
    rs_status err = rs_roster_stats(r, &a);
    if (err) {
        /* Counts that cannot be read are no answer, whatever the cause. */
        cli_fail("stats", r, err);
        status = EXIT_FAIL;
    } else {
        status = cli_print_answer(a, cli_flag(opts, "json"));
        rs_answer_free(a);
    }
    rs_roster_close(r);
    return status;
}
