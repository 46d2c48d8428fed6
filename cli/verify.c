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
    rs_data *r = cli_open(opts, RS_OPEN_CHECK, &status);
    if (!r) return status;
    rs_problems p;
    rs_status err = rs_data_verify(r, &p);
    if (err) {
        fprintf(stderr, "roster verify: %s\n", rs_data_error(r));
        status = EXIT_FAIL;
    } else if (p.n) {
        for (size_t i = 0; i < p.n; i++) printf("problem: %s\n", p.lines[i]);
        printf("%zu problem%s\n", p.n, p.n == 1 ? "" : "s");
        status = EXIT_FAIL;
    } else {
        printf("ok: store and index agree\n");
        if (p.tables_unchecked)
            printf("note: the index's tables were not read through (the check opens them for "
                   "writing, which this user may not): run roster verify as the roster's owner\n");
    }
    rs_problems_free(&p);
    rs_data_close(r);
    return status;
}
