/* roster: a search engine and team matcher for a roster of experts. */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "core/text.h"

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *args;
    const char *summary;
} command;

static const command commands[] = {
    {"import", cmd_import, "FILE... [--skip-bad]", "validate and add or replace experts (.jsonl, .csv, - for stdin)"},
    {"reindex", cmd_reindex, "", "rebuild the search index from the store"},
    {"search", cmd_search, "'QUERY' [--limit N] [--facets] [--json]", "ranked experts for a query"},
    {"show", cmd_show, "ID... [--json]", "experts as stored (--json: one record, or an array for several ids)"},
    {"forget", cmd_forget, "ID...", "erase experts from store and index, leaving no trace"},
    {"export", cmd_export, "ID", "all the roster holds about one expert, as JSON"},
    {"match", cmd_match, "TOR.json [--teams M] [--shortlist K] [--pool N] [--json] | --batch TORS.jsonl",
     "shortlist and best teams for terms of reference"},
    {"check", cmd_check, "TOR.json ID... [--json]", "rule-by-rule verdict on a proposed team"},
    {"report", cmd_report, "[--since DATE | --all] [--json] [--svg FILE]",
     "diversity of the roster and of mission days; concentration"},
    {"stats", cmd_stats, "[--json]", "counts, sizes, schema version"},
    {"verify", cmd_verify, "", "check that store and index agree"},
};
static const size_t n_commands = sizeof commands / sizeof commands[0];

void cli_usage(const char *cmd)
{
    for (size_t i = 0; i < n_commands; i++)
        if (strcmp(commands[i].name, cmd) == 0) {
            printf("usage: roster %s %s [--db DIR]\n  %s\n", cmd, commands[i].args,
                   commands[i].summary);
            return;
        }
}

static void usage(FILE *f)
{
    fprintf(f, "usage: roster COMMAND [ARGS] [--db DIR]\n\ncommands:\n");
    for (size_t i = 0; i < n_commands; i++)
        fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\nThe data directory is --db DIR, else $ROSTER_DB, else ./roster-data.\n"
               "roster COMMAND --help tells more. Exit status: 0 ok, 1 failure, 2 bad input,\n"
               "3 no feasible team, 4 stored but the index is behind (import, forget: the\n"
               "next command brings the index up to date).\n");
}

/* The one command a slip away from `typed` (two edits, or one for a short
 * name), or NULL when none or several are that near. */
static const char *nearest_command(const char *typed)
{
    const char *near = NULL;
    int best = INT_MAX, ties = 0;
    for (size_t i = 0; i < n_commands; i++) {
        int d = rs_edit_distance(typed, commands[i].name);
        if (d < best) best = d, near = commands[i].name, ties = 0;
        else if (d == best) ties++;
    }
    int most = strlen(typed) <= 4 ? 1 : 2;
    return best <= most && !ties ? near : NULL;
}

int main(int argc, char **argv)
{
    /* A roster holds personal data: whatever it creates is the owner's only. */
    umask(077);
    if (argc < 2) {
        usage(stderr);
        return EXIT_INPUT;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return EXIT_OK;
    }
    for (size_t i = 0; i < n_commands; i++)
        if (strcmp(commands[i].name, argv[1]) == 0) return commands[i].run(argc - 2, argv + 2);
    fprintf(stderr, "roster: unknown command '%s'", argv[1]);
    const char *near = nearest_command(argv[1]);
    if (near) fprintf(stderr, " (did you mean '%s'?)", near);
    fprintf(stderr, "\n");
    usage(stderr);
    return EXIT_INPUT;
}
