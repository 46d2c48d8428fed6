/* roster: a search engine and team matcher for a roster of experts. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *args;
    const char *summary;
    const char *more; /* what --help adds; NULL: nothing */
} command;

/* The ToR a match or check reads, in brief; docs/matching.md has it whole. */
#define TOR_HELP \
    "\nThe ToR is a JSON object (docs/matching.md has every key and rule):\n" \
    "  action, title, country     required; country as a code (PE) or a name (Peru)\n" \
    "  description                the request's text (languages inferred from it if none)\n" \
    "  fields, competences        taxonomy codes asked (E.10, 1.2); fields inferred from\n" \
    "                             the text when no field is given\n" \
    "  partner_institution        optional; assistance_type: A.01, B.02, D.03 ...\n" \
    "  languages                  [{\"code\": \"fr\", \"level\": \"C1\"}] (default level B2)\n" \
    "  team_size, from, to        seats (default 2) and the mission window (YYYY-MM-DD)\n" \
    "  rules                      exclude, require, exclude_nationalities,\n" \
    "                             min_nationalities, max_same_nationality, min_eu_members,\n" \
    "                             max_load_days, available, languages_covered,\n" \
    "                             prefer_public, gender_balance, triangular, portfolio_balance\n"

static const command commands[] = {
    {"import", cmd_import, "FILE... [--skip-bad] [--id ID]", "validate and add or replace experts (.jsonl, .csv, - for stdin; CVs: Europass .xml, JSON Resume .json, --id ID for one)", NULL},
    {"reindex", cmd_reindex, "[--shards N]", "rebuild the search index from the store",
     "  --shards N     the index as N shards, 1 to 64 (1: one index; default: as many as\n"
     "                 it has): each a Xapian database xapian-tcpsrv can serve; roster\n"
     "                 stats --json lists their directories (docs/shards.md)\n"},
    {"search", cmd_search, "'QUERY' [--limit N] [--facets] [--json]", "ranked experts for a query", NULL},
    {"show", cmd_show, "ID... [--json]", "experts as stored (--json: one record, or an array for several ids)", NULL},
    {"forget", cmd_forget, "ID...", "erase experts everywhere; the audit trail keeps only their ids", NULL},
    {"export", cmd_export, "ID", "all the roster holds about one expert, as JSON", NULL},
    {"match", cmd_match, "TOR.json|DOCUMENT|ACTION [--teams M] [--shortlist K] [--pool N] [--json] | --batch TORS.jsonl",
     "shortlist and best teams for terms of reference",
     "  --shortlist K  candidates listed, 0 to 1000 (default 20; 0: teams only)\n"
     "  --teams M      best teams, 1 to 100 (default 3); --pool N  candidates the teams\n"
     "                 are drawn from (default 60)\n"
     "  ACTION         a request stored with roster request add, instead of a file\n"
     "  DOCUMENT       a request document (.txt .md .pdf .docx .odt), drafted first\n"
     "                 as roster draft does\n" TOR_HELP},
    {"draft", cmd_draft, "FILE [--json]",
     "a draft ToR from a request document (.txt .md .pdf .docx .odt, - for stdin)",
     "  Prints each value found (title, country, institution, fields, competences,\n"
     "  working languages, team size, window) with its evidence and a confidence, and\n"
     "  what is missing. --json gives the ToR to review, complete and store\n"
     "  (roster request add); match also takes the document itself.\n"},
    {"check", cmd_check, "TOR.json|ACTION ID... [--json]", "rule-by-rule verdict on a proposed team",
     "  IDs as show reads them (any case); each expert once.\n"
     "  ACTION         a request stored with roster request add, instead of a file\n" TOR_HELP},
    {"report", cmd_report, "[--since DATE | --all] [--json] [--svg FILE]",
     "diversity of the roster and of mission days; concentration", NULL},
    {"stats", cmd_stats, "[--json]", "counts, sizes, schema version", NULL},
    {"verify", cmd_verify, "", "check that store and index agree", NULL},
    {"request", cmd_request, "add TOR.json... | list [--json] | show ACTION [--json]",
     "the facility's requests: store or replace (by action), list, show",
     "  add      validated as match validates a ToR; all or nothing across the files\n"
     "  list     action, country, status (open, assigned), seats, window, title\n"
     "  show     the request in words: status and team, country, window, languages,\n"
     "           codes with their labels, rules, text; --json: the stored ToR as JSON\n"},
    {"assign", cmd_assign, "ACTION ID... [--days N] [--json]",
     "record the chosen team as missions of a stored request",
     "  Each expert gets a mission of the request's country and window, of N days\n"
     "  (default: the working days, Monday to Friday, of the window). Load,\n"
     "  availability, the portfolio and the report count it at once. Assigning the\n"
     "  action again replaces its team. An unknown id records nothing (exit 2), nor\n"
     "  does an expert already assigned to another request on days of the window\n"
     "  (exit 2: unassign them there first), nor more days than the window has.\n"},
    {"unassign", cmd_unassign, "ACTION ID... [--json]",
     "take experts off the team of a stored request",
     "  Their missions of the request are erased; the request is open again when no\n"
     "  one is left. An id not on the team unassigns nothing (exit 2).\n"},
    {"audit", cmd_audit, "[--since DATE] [--json]", "who read or changed whose data, and when", NULL},
    {"user", cmd_user, "add NAME --role viewer|editor | list [--json] | remove NAME",
     "accounts of the web service (add prints the token once)", NULL},
    {"login-link", cmd_login_link, "NAME [--next PATH] [--base URL]",
     "a one-time sign-in link for the browser, valid 5 minutes",
     "  --next PATH  where the link leads, a path of the service (default /)\n"
     "  --base URL   the service's address (default http://127.0.0.1:8080)\n"},
    {"serve", cmd_serve, "[--listen HOST:PORT] [--max-body MB] [--timeout S] [--quiet]",
     "the HTTP API (docs/service.md); default 127.0.0.1:8080",
     "  --listen HOST:PORT  address to serve on (port 0: any free one); beyond loopback\n"
     "                      only behind a TLS proxy\n"
     "  --max-body MB       largest request body (default 64); larger ones get 413\n"
     "  --timeout S         a connection idle, or a body arriving, longer is dropped\n"
     "                      (default 30)\n"
     "  --quiet             no access log (method, path, status, time) on stderr\n"},
};
static const size_t n_commands = sizeof commands / sizeof commands[0];

void cli_usage(const char *cmd)
{
    for (size_t i = 0; i < n_commands; i++)
        if (strcmp(commands[i].name, cmd) == 0) {
            printf("usage: roster %s %s [--db DIR]\n  %s\n", cmd, commands[i].args,
                   commands[i].summary);
            printf("  --db DIR       the data directory (else $ROSTER_DB, else ./roster-data)\n"
                   "  --index STUB   readers: the index from these shards (else $ROSTER_INDEX;\n"
                   "                 --allow-partial: without shards that are down;\n"
                   "                 docs/shards.md)\n");
            if (commands[i].more)
                printf("\n%s", commands[i].more);
            return;
        }
}

static void usage(FILE *f)
{
    fprintf(f, "usage: roster COMMAND [ARGS] [--db DIR]\n\ncommands:\n");
    for (size_t i = 0; i < n_commands; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\nThe data directory is --db DIR, else $ROSTER_DB, else ./roster-data.\n"
               "Readers read its index, or the shards a Xapian stub names: --index STUB,\n"
               "else $ROSTER_INDEX (--allow-partial: answer without shards that are down).\n"
               "roster COMMAND --help tells more. Exit status: 0 ok, 1 failure, 2 bad input,\n"
               "3 no feasible team, 4 stored but the index is behind (import, forget: the\n"
               "next command brings the index up to date).\n");
}

/* The one command a slip away from `typed`, or NULL when none or several
 * are that near. */
static const char *nearest_command(const char *typed)
{
    const char *names[sizeof commands / sizeof commands[0]];
    for (size_t i = 0; i < n_commands; i++) names[i] = commands[i].name;
    return rs_did_you_mean(typed, names, n_commands);
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
        if (strcmp(commands[i].name, argv[1]) == 0) {
            int status = commands[i].run(argc - 2, argv + 2);
            /* Text cut short by a full disk or a closed pipe is no answer. */
            if (fflush(stdout) != 0 || ferror(stdout)) {
                fprintf(stderr, "roster %s: cannot write the output\n", argv[1]);
                return EXIT_FAIL;
            }
            return status;
        }
    fprintf(stderr, "roster: unknown command '%s'", argv[1]);
    const char *near = nearest_command(argv[1]);
    if (near) fprintf(stderr, " (did you mean '%s'?)", near);
    fprintf(stderr, "\n");
    usage(stderr);
    return EXIT_INPUT;
}
