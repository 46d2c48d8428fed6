/*
 * The roster command line: one file per subcommand, each a `cmd_*` function
 * taking its own arguments (after the command name) and returning the exit
 * status: 0 ok, 1 other failure, 2 bad input or usage, 3 no feasible team,
 * 4 stored but the index is behind (the next command brings it up to date).
 */
#ifndef RS_CLI_H
#define RS_CLI_H

#include <jansson.h>
#include <stddef.h>
#include "lib/roster.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_INPUT = 2, EXIT_INFEASIBLE = 3, EXIT_BEHIND = 4 };

/* Options of one command: "--name" or "--name VALUE" (also "--name=VALUE"). */
typedef struct {
    const char *name;     /* without dashes */
    int has_value;
    const char *value;    /* set by cli_parse: the value, or "" for a flag seen */
} cli_opt;

/* Every command's option table starts with these. --index and
 * --allow-partial name the index readers read (formats.md section 10). */
#define CLI_COMMON_OPTS                                                         \
    {"db", 1, NULL}, {"help", 0, NULL}, {"index", 1, NULL}, {"allow-partial", 0, NULL}

/* Parse argv into opts and positional args (args gets argc slots). --db and
 * --help are always accepted. Returns 0, or prints an error and returns -1. */
int cli_parse(const char *cmd, int argc, char **argv, cli_opt *opts, char **args, int *nargs);
/* The value of option `name` or NULL. */
const char *cli_opt_value(const cli_opt *opts, const char *name);
int cli_flag(const cli_opt *opts, const char *name);
/* Parse a positive integer option; prints an error and returns -1 if bad. */
int cli_opt_long(const cli_opt *opts, const char *name, long def, long min, long max, long *out);

/* The data directory: --db, else $ROSTER_DB, else ./roster-data. */
const char *cli_db_dir(const cli_opt *opts);
/* The index a command opening the roster in `mode` reads: --index, else
 * for a reader $ROSTER_INDEX (a writer ignores it: it writes the data
 * directory's own index), with --allow-partial; .index NULL for the
 * directory's own. */
rs_index_choice cli_index_choice(const cli_opt *opts, rs_open_mode mode);
/* Open the roster acting as the operating-system user, printing any error,
 * the notes of opening, and on stderr what a reader's answers miss when the
 * index is behind. NULL on failure (*status set). */
rs_roster *cli_roster(const cli_opt *opts, rs_open_mode mode, int *status);
/* Exit status for a status of the library. */
int cli_status(rs_status err);
/* Print "roster CMD: MESSAGE" for a failed call on r; returns
 * cli_status(err). */
int cli_fail(const char *cmd, const rs_roster *r, rs_status err);

/* Print a JSON value as one line on stdout and release it. EXIT_OK, or
 * EXIT_FAIL (with the error on stderr) when o is NULL, out of memory or
 * stdout cannot be written. */
int cli_print_json(json_t *o);
/* The same, indented two spaces a level: for a document a person edits
 * (roster draft --json), not for a program reading lines. */
int cli_print_json_indented(json_t *o);
/* Print an answer: its JSON form as one line (json), else its text form.
 * EXIT_OK, or EXIT_FAIL (with the error on stderr). */
int cli_print_answer(const rs_answer *a, int json);

/* Print usage of one command ("roster CMD --help"). */
void cli_usage(const char *cmd);
/* A subcommand that is none of subs[0..n) ("" when none was given): say
 * which there are, the nearest one to what was typed, then the usage. */
void cli_unknown_subcommand(const char *cmd, const char *typed, const char *const *subs,
                            size_t n);
/* Parse the command line; on --help print usage. Returns -1 to exit with
 * *status (2 on a bad option, 0 after --help), else 0. */
int cli_start(const char *cmd, int argc, char **argv, cli_opt *opts, char **args, int *nargs,
              int *status);

int cmd_import(int argc, char **argv);
int cmd_reindex(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_forget(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_match(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_draft(int argc, char **argv);
int cmd_request(int argc, char **argv);
int cmd_assign(int argc, char **argv);
int cmd_unassign(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_login_link(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_serve(int argc, char **argv);

#endif
