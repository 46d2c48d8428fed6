/* roster verify */
#include <stdio.h>

#include "cli/cli.h"

int cmd_verify(int argc, char **argv)
{
    cli_opt opts[] = {CLI_COMMON_OPTS, {NULL, 0, NULL}};
    char *args[argc + 1];
    int n, status;
    if (cli_start("verify", argc, argv, opts, args, &n, &status)) return status;
    if (n) {
        fprintf(stderr, "roster verify: takes no arguments\n");
        return EXIT_INPUT;
    }
    rs_roster *r = cli_roster(opts, RS_OPEN_CHECK, &status);
    if (!r) return status;
    rs_answer *a;
    rs_status err = rs_roster_verify(r, &a);
    if (err) {
        cli_fail("verify", r, err);
        status = EXIT_FAIL;
    } else {
        status = cli_print_answer(a, 0);
        /* Problems found: verify fails (exit status 1) once it has listed them. */
        if (rs_answer_outcome(a) == RS_OUTCOME_FAILED) status = EXIT_FAIL;
        rs_answer_free(a);
    }
    rs_roster_close(r);
    return status;
}
