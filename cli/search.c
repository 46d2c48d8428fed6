/* roster search 'QUERY' [--limit N] [--facets] [--json] */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"

static void help(void)
{
    cli_usage("search");
    rs_search_help(stdout);
    printf("\nThe same prefix repeated means OR (nat:ES nat:FR); different prefixes AND.\n"
           "AND, OR, NOT and parentheses combine terms; -term excludes, as NOT term\n"
           "does (pension -reform; a query starting with - goes after --: roster search\n"
           "-- '-nat:FR'). --facets counts experts per nationality, language, field\n"
           "letter, sector and gender, each as if its own filter were lifted. The score\n"
           "column shows when the query has words: filters alone do not rank. Prefix\n"
           "values may be in any case; id:exp-00042 finds EXP-00042 when no other id\n"
           "differs from it only in case. Codes outside the taxonomy, unknown ids and\n"
           "lower-case and/or/not between terms get a warning (also in --json as\n"
           "\"warnings\"). The empty query '' lists every expert; a query that is not\n"
           "empty but has nothing to search for in it (an empty phrase \"\", a lone -)\n"
           "is an error.\n");
}

/* A bad query is refused before the data directory is touched. */
static int check(const char *query)
{
    char *msg;
    rs_status err = rs_search_check(query, &msg);
    if (err) fprintf(stderr, "roster search: %s\n", msg ? msg : rs_status_to_string(err));
    free(msg);
    return cli_status(err);
}

/* The query's warnings (also in the JSON form as "warnings"), on stderr. */
static void print_warnings(const rs_answer *a)
{
    const json_t *warnings = json_object_get(rs_answer_json(a), "warnings");
    for (size_t i = 0; i < json_array_size(warnings); i++)
        fprintf(stderr, "roster search: warning: %s\n",
                json_string_value(json_array_get(warnings, i)));
}

int cmd_search(int argc, char **argv)
{
    cli_opt opts[] = {CLI_COMMON_OPTS, {"limit", 1, NULL}, {"facets", 0, NULL},
                      {"json", 0, NULL}, {NULL, 0, NULL}};
    char *args[argc + 1];
    int n, status;
    long limit;
    if (cli_parse("search", argc, argv, opts, args, &n) != 0) return EXIT_INPUT;
    if (cli_flag(opts, "help")) {
        help();
        return EXIT_OK;
    }
    if (n != 1) {
        fprintf(stderr, "roster search: give one query (quote it: roster search 'field:E.10 lang:fr')\n");
        return EXIT_INPUT;
    }
    if (cli_opt_long(opts, "limit", 20, 0, 100000, &limit)) return EXIT_INPUT;
    if ((status = check(args[0])) != EXIT_OK) return status;
    rs_roster *r = cli_roster(opts, RS_OPEN_READ, &status);
    if (!r) return status;
    rs_answer *a;
    /* Once the roster is open the query is read again, its id: values
     * looked up. */
    rs_status err = rs_roster_search(r, args[0], 0, (size_t)limit, cli_flag(opts, "facets"), &a);
    if (err) {
        status = cli_fail("search", r, err);
    } else {
        print_warnings(a);
        status = cli_print_answer(a, cli_flag(opts, "json"));
        rs_answer_free(a);
    }
    rs_roster_close(r);
    return status;
}
