/* roster check TOR.json|ACTION ID... [--json]: the verdict on a team, rule
 * by rule, on a ToR file or a stored request's ToR. Exit status: 0 every
 * rule passes, 1 a soft rule warns, 3 a hard rule fails. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/tor_text.h"

static int outcome_status(const rs_answer *a)
{
    switch (rs_answer_outcome(a)) {
    case RS_OUTCOME_FAILED: return EXIT_INFEASIBLE;
    case RS_OUTCOME_WARNINGS: return EXIT_FAIL;
    default: return EXIT_OK;
    }
}

int cmd_check(int argc, char **argv)
{
    cli_opt opts[] = {CLI_COMMON_OPTS, {"json", 0, NULL}, {NULL, 0, NULL}};
    char *args[argc + 1];
    int n, status;
    if (cli_start("check", argc, argv, opts, args, &n, &status)) return status;
    if (n < 2) {
        fprintf(stderr, "roster check: give a ToR file (or a stored request's action) and the "
                        "team's expert ids\n");
        return EXIT_INPUT;
    }
    /* The input first: a ToR that cannot be read needs no roster. */
    rs_text tor;
    char *buf = NULL;
    const char *action = cli_names_request(args[0]) ? args[0] : NULL;
    if (!action && cli_tor_text("check", args[0], &tor, &buf) != 0) return EXIT_INPUT;
    rs_roster *r = cli_roster(opts, RS_OPEN_READ, &status);
    if (r) {
        rs_answer *a;
        char *const *ids = args + 1;
        size_t n_ids = (size_t)n - 1;
        rs_status st = action ? rs_roster_check_request(r, action, ids, n_ids, &a)
                              : rs_roster_check(r, &tor, ids, n_ids, &a);
        status = cli_tor_problems("check", r, st);
        if (st == RS_OK) {
            status = cli_print_answer(a, cli_flag(opts, "json"));
            if (status == EXIT_OK) status = outcome_status(a);
        }
        rs_answer_free(a);
        rs_roster_close(r);
    }
    free(buf);
    return status;
}
