/* roster unassign ACTION ID... */
#include <stdio.h>

#include "cli/cli.h"

int cmd_unassign(int argc, char **argv)
{
    cli_opt opts[] = {CLI_COMMON_OPTS, {"json", 0, NULL}, {NULL, 0, NULL}};
    char *args[argc + 1];
    int n, status;
    if (cli_start("unassign", argc, argv, opts, args, &n, &status)) return status;
    if (n < 2) {
        fprintf(stderr, "roster unassign: give the request's action and the ids to take off "
                        "its team\n");
        return EXIT_INPUT;
    }
    rs_roster *r = cli_roster(opts, RS_OPEN_UPDATE, &status);
    if (!r) return status;
    rs_answer *a;
    rs_status err = rs_roster_unassign(r, args[0], args + 1, (size_t)(n - 1), &a);
    if (err) {
        status = cli_fail("unassign", r, err);
    } else {
        status = cli_print_answer(a, cli_flag(opts, "json"));
        rs_answer_free(a);
    }
    rs_roster_close(r);
    return status;
}
