/* roster reindex */
#include <stdio.h>

#include "cli/cli.h"

int cmd_reindex(int argc, char **argv)
{
    cli_opt opts[] = {CLI_COMMON_OPTS, {NULL, 0, NULL}};
    char *args[argc + 1];
    int n, status;
    if (cli_start("reindex", argc, argv, opts, args, &n, &status)) return status;
    if (n) {
        fprintf(stderr, "roster reindex: takes no arguments\n");
        return EXIT_INPUT;
    }
    /* Whatever state the index is in: a rebuild is the remedy. */
    rs_data *r = cli_open(opts, RS_OPEN_REBUILD, &status);
    if (!r) return status;
    rs_status err = rs_data_reindex(r);
    if (err) {
        fprintf(stderr, "roster reindex: %s\n", rs_data_error(r));
    } else {
        int64_t count = 0;
        rs_store_count(rs_data_store(r), &count);
        printf("reindexed %lld expert%s\n", (long long)count, count == 1 ? "" : "s");
    }
    rs_data_close(r);
    return cli_status(err);
}
