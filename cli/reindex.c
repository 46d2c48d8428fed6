/* roster reindex */
#include <jansson.h>
#include <stdio.h>

#include "cli/cli.h"

int cmd_reindex(int argc, char **argv)
{
    cli_opt opts[] = {CLI_COMMON_OPTS, {"shards", 1, NULL}, {NULL, 0, NULL}};
    char *args[argc + 1];
    int n, status;
    if (cli_start("reindex", argc, argv, opts, args, &n, &status)) return status;
    if (n) {
        fprintf(stderr, "roster reindex: takes no arguments\n");
        return EXIT_INPUT;
    }
    long shards;
    if (cli_opt_long(opts, "shards", 0, 1, RS_SHARDS_MAX, &shards)) return EXIT_INPUT;
    /* Whatever state the index is in: a rebuild is the remedy. */
    rs_roster *r = cli_roster(opts, RS_OPEN_REBUILD, &status);
    if (!r) return status;
    rs_status err = rs_roster_reindex(r, (size_t)shards);
    rs_answer *stats = NULL;
    if (err) {
        status = cli_fail("reindex", r, err);
    } else if ((err = rs_roster_stats(r, &stats))) {
        status = cli_fail("reindex", r, err);
    } else {
        json_int_t count = json_integer_value(json_object_get(rs_answer_json(stats), "experts"));
        size_t n = json_array_size(json_object_get(rs_answer_json(stats), "shards"));
        printf("reindexed %lld expert%s", (long long)count, count == 1 ? "" : "s");
        printf(n > 1 ? " in %zu shards\n" : "\n", n);
    }
    rs_answer_free(stats);
    rs_roster_close(r);
    return status;
}
