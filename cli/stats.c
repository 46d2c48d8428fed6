/* roster stats [--json] */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

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
    rs_data *r = cli_open(opts, RS_OPEN_READ, &status);
    if (!r) return status;
    rs_store *s = rs_data_store(r);
    int64_t experts = 0, change = 0;
    uint64_t id = 0;
    uint32_t docs = 0;
    xc_db *db = rs_data_index(r);
    if (rs_store_count(s, &experts) || rs_store_change(s, &change) || rs_store_identity(s, &id) ||
        (db && xc_db_doccount(db, &docs) != XC_OK)) {
        fprintf(stderr, "roster stats: %s\n", rs_store_error(s));
        rs_data_close(r);
        return EXIT_FAIL;
    }
    long long store_bytes = rs_store_bytes(s), index_bytes = rs_data_index_bytes(r);
    char store_id[24] = ""; /* none before schema 3 */
    if (id) snprintf(store_id, sizeof store_id, "%016llx", (unsigned long long)id);
    if (cli_flag(opts, "json")) {
        json_t *o = json_pack("{s:I, s:I, s:I, s:I, s:I, s:i, s:s, s:s, s:s}", "experts",
                              (json_int_t)experts, "indexed", (json_int_t)docs, "change",
                              (json_int_t)change, "store_bytes", (json_int_t)store_bytes,
                              "index_bytes", (json_int_t)index_bytes, "schema_version",
                              rs_store_version(s), "index_version", RS_INDEX_VERSION,
                              "xapian", xc_version(), "store_id", store_id);
        if (cli_print_json(o) != EXIT_OK) {
            rs_data_close(r);
            return EXIT_FAIL;
        }
    } else {
        printf("experts:        %lld\n", (long long)experts);
        printf("indexed:        %u\n", docs);
        printf("store change:   %lld\n", (long long)change);
        printf("store size:     %.1f MB\n", (double)store_bytes / 1e6);
        printf("index size:     %.1f MB\n", (double)index_bytes / 1e6);
        printf("schema version: %d (index %s, Xapian %s)\n", rs_store_version(s),
               RS_INDEX_VERSION, xc_version());
        printf("store id:       %s\n", id ? store_id : "none yet (the next write gives one)");
    }
    rs_data_close(r);
    return EXIT_OK;
}
