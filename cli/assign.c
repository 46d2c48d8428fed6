/* roster assign ACTION ID... [--days N] */
#include <stdio.h>

#include "cli/cli.h"

int cmd_assign(int argc, char **argv)
{
    cli_opt opts[] = {CLI_COMMON_OPTS, {"days", 1, NULL}, {"json", 0, NULL}, {NULL, 0, NULL}};
    char *args[argc + 1];
    int n, status;
    long days;
    if (cli_start("assign", argc, argv, opts, args, &n, &status)) return status;
    if (n < 2) {
        fprintf(stderr, "roster assign: give the request's action and the team's ids\n");
        return EXIT_INPUT;
    }
    /* 0: the working days of the request's window. */
    if (cli_opt_long(opts, "days", 0, 1, RS_ASSIGN_DAYS_MAX, &days) != 0) return EXIT_INPUT;
    rs_roster *r = cli_roster(opts, RS_OPEN_UPDATE, &status);
    if (!r) return status;
    rs_answer *a;
    rs_status err = rs_roster_assign(r, args[0], args + 1, (size_t)(n - 1), (int)days, &a);
    if (err) {
        /* An unknown id or action: exit 2, naming them; nothing recorded. */
        status = cli_fail("assign", r, err);
    } else {
        status = cli_print_answer(a, cli_flag(opts, "json"));
        rs_answer_free(a);
    }
    rs_roster_close(r);
    return status;
}
