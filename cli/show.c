/* roster show ID... [--json] */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"

/* The stored ids for the ids given, each resolved by rs_roster_find_id;
 * all of them or none (every problem printed), so nothing half-shown. */
static char **resolve_ids(rs_roster *r, char **args, int n, int *status)
{
    char **ids = calloc((size_t)n, sizeof *ids);
    *status = ids ? EXIT_OK : EXIT_FAIL;
    if (!ids) fprintf(stderr, "roster show: out of memory\n");
    for (int i = 0; ids && i < n; i++) {
        rs_status err = rs_roster_find_id(r, args[i], &ids[i]);
        if (!err) continue;
        fprintf(stderr, "roster show: %s\n", rs_roster_message(r));
        if (*status != EXIT_FAIL) *status = cli_status(err);
    }
    if (ids && *status != EXIT_OK) {
        for (int i = 0; i < n; i++) free(ids[i]);
        free(ids);
        ids = NULL;
    }
    return ids;
}

/* --json: one id gives its record, several an array of them in the order
 * asked. Text: experts one after another, a blank line apart. Printed only
 * when every expert was read, so never half an array. */
static int print_all(rs_answer **a, int n, int json)
{
    if (json && n == 1) return cli_print_answer(a[0], 1);
    if (json) {
        json_t *all = json_array();
        for (int i = 0; all && i < n; i++)
            if (json_array_append(all, (json_t *)rs_answer_json(a[i])) != 0) {
                json_decref(all);
                all = NULL;
            }
        return cli_print_json(all);
    }
    for (int i = 0; i < n; i++) {
        printf("%s", i ? "\n" : "");
        if (cli_print_answer(a[i], 0) != EXIT_OK) return EXIT_FAIL;
    }
    return EXIT_OK;
}

/* Every expert's answer, then the output: EXIT_OK or the first failure's
 * status (printed). */
static int show(rs_roster *r, char **ids, int n, int json)
{
    rs_answer **a = calloc((size_t)n, sizeof *a);
    if (!a) {
        fprintf(stderr, "roster show: out of memory\n");
        return EXIT_FAIL;
    }
    int status = EXIT_OK, got = 0;
    for (; got < n && status == EXIT_OK; got++) {
        rs_status err = rs_roster_expert(r, ids[got], &a[got]);
        if (err) status = cli_fail("show", r, err);
    }
    if (status == EXIT_OK) status = print_all(a, n, json);
    for (int i = 0; i < got; i++) rs_answer_free(a[i]);
    free(a);
    return status;
}

int cmd_show(int argc, char **argv)
{
    cli_opt opts[] = {CLI_COMMON_OPTS, {"json", 0, NULL}, {NULL, 0, NULL}};
    char *args[argc + 1];
    int n, status;
    if (cli_start("show", argc, argv, opts, args, &n, &status)) return status;
    if (n < 1) {
        fprintf(stderr, "roster show: give one or more expert ids\n");
        return EXIT_INPUT;
    }
    rs_roster *r = cli_roster(opts, RS_OPEN_READ, &status);
    if (!r) return status;
    char **ids = resolve_ids(r, args, n, &status);
    if (ids) status = show(r, ids, n, cli_flag(opts, "json"));
    for (int i = 0; ids && i < n; i++) free(ids[i]);
    free(ids);
    rs_roster_close(r);
    return status;
}
