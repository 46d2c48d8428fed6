/* roster forget ID... */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"

int cmd_forget(int argc, char **argv)
{
    cli_opt opts[] = {CLI_COMMON_OPTS, {NULL, 0, NULL}};
    char *ids[argc + 1];
    int n, status;
    if (cli_start("forget", argc, argv, opts, ids, &n, &status)) return status;
    if (n == 0) {
        fprintf(stderr, "roster forget: no expert id given\n");
        return EXIT_INPUT;
    }
    rs_roster *r = cli_open(opts, RS_OPEN_UPDATE, &status);
    if (!r) return status;
    int missing[n];
    rs_err err = rs_roster_forget(r, ids, (size_t)n, missing);
    if (err == RS_ERR_NOT_FOUND) {
        /* All or nothing, like an import: a mistyped id erases no one. */
        for (int i = 0; i < n; i++)
            if (missing[i]) fprintf(stderr, "roster forget: no expert with id '%s'\n", ids[i]);
        fprintf(stderr, "roster forget: nothing forgotten\n");
        status = EXIT_INPUT;
    } else if (err == RS_ERR_BEHIND) {
        for (int i = 0; i < n; i++)
            if (!missing[i]) printf("forgot %s in the store\n", ids[i]);
        fprintf(stderr,
                "roster forget: the index could not be updated: %s\n"
                "roster forget: until the next roster command finishes the forget, the index "
                "may still hold their text\n",
                rs_roster_error(r));
        status = EXIT_BEHIND;
    } else if (err) {
        fprintf(stderr, "roster forget: %s\n", rs_roster_error(r));
        status = cli_status(err);
    } else {
        for (int i = 0; i < n; i++) printf("forgot %s\n", ids[i]);
    }
    rs_roster_close(r);
    return status;
}
