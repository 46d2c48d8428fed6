/* roster export ID: everything the roster holds about one expert, as JSON
 * (a subject access request): the record as stored, the rows of the
 * missions table, and the index document: its profile and its terms. */
#include <stdio.h>

#include "cli/cli.h"

int cmd_export(int argc, char **argv)
{
    cli_opt opts[] = {CLI_COMMON_OPTS, {NULL, 0, NULL}};
    char *args[argc + 1];
    int n, status;
    if (cli_start("export", argc, argv, opts, args, &n, &status)) return status;
    if (n != 1) {
        fprintf(stderr, "roster export: give one expert id\n");
        return EXIT_INPUT;
    }
    rs_roster *r = cli_roster(opts, RS_OPEN_READ, &status);
    if (!r) return status;
    rs_answer *a;
    rs_status err = rs_roster_export(r, args[0], &a);
    if (err == RS_ERR_NOT_FOUND) {
        status = cli_fail("export", r, err);
    } else if (err) {
        cli_fail("export", r, err);
        status = EXIT_FAIL; /* the export could not be made whole */
    } else {
        /* Its text form is the JSON, indented for a person to read. */
        if (rs_answer_print(a, stdout) == RS_OK && fflush(stdout) == 0) {
            status = EXIT_OK;
        } else {
            fprintf(stderr, "roster export: cannot write the export\n");
            status = EXIT_FAIL;
        }
        rs_answer_free(a);
    }
    rs_roster_close(r);
    return status;
}
