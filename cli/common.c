/* What every subcommand shares: options, the data directory, exit status. */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static cli_opt *find(cli_opt *opts, const char *name, size_t len)
{
    for (cli_opt *o = opts; o->name; o++)
        if (strlen(o->name) == len && strncmp(o->name, name, len) == 0) return o;
    return NULL;
}

/* The command whose options were parsed: a process runs one command, and
 * the errors of its option values name it as cli_parse's do. */
static const char *parsed_cmd = "";

int cli_parse(const char *cmd, int argc, char **argv, cli_opt *opts, char **args, int *nargs)
{
    parsed_cmd = cmd;
    *nargs = 0;
    int only_args = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (only_args || a[0] != '-' || a[1] != '-' || strcmp(a, "-") == 0) {
            if (!only_args && a[0] == '-' && a[1] && a[1] != '-' ) {
                /* Most likely text that starts with a dash: a search's exclusion
                 * (-reform), a negative-looking value. */
                fprintf(stderr, "roster %s: unknown option '%s' (an argument that starts with "
                                "'-' goes after '--': roster %s -- '%s')\n", cmd, a, cmd, a);
                return -1;
            }
            args[(*nargs)++] = argv[i];
            continue;
        }
        if (strcmp(a, "--") == 0) { only_args = 1; continue; }
        const char *name = a + 2, *eq = strchr(name, '=');
        size_t len = eq ? (size_t)(eq - name) : strlen(name);
        cli_opt *o = find(opts, name, len);
        if (!o) {
            fprintf(stderr, "roster %s: unknown option '--%.*s' (see roster %s --help)\n", cmd,
                    (int)len, name, cmd);
            return -1;
        }
        if (!o->has_value) {
            if (eq) {
                fprintf(stderr, "roster %s: option '--%s' takes no value\n", cmd, o->name);
                return -1;
            }
            o->value = "";
        } else if (eq) {
            o->value = eq + 1;
        } else if (i + 1 < argc && strncmp(argv[i + 1], "--", 2) == 0) {
            /* `--db --db X` is a slip, not a directory named "--db". */
            fprintf(stderr, "roster %s: option '--%s' needs a value, not the option '%s' "
                            "(--%s=VALUE gives a value that starts with --)\n",
                    cmd, o->name, argv[i + 1], o->name);
            return -1;
        } else if (i + 1 < argc) {
            o->value = argv[++i];
        } else {
            fprintf(stderr, "roster %s: option '--%s' needs a value\n", cmd, o->name);
            return -1;
        }
    }
    return 0;
}

const char *cli_opt_value(const cli_opt *opts, const char *name)
{
    for (const cli_opt *o = opts; o->name; o++)
        if (strcmp(o->name, name) == 0) return o->value;
    return NULL;
}

int cli_flag(const cli_opt *opts, const char *name) { return cli_opt_value(opts, name) != NULL; }

int cli_opt_long(const cli_opt *opts, const char *name, long def, long min, long max, long *out)
{
    const char *v = cli_opt_value(opts, name);
    *out = def;
    if (!v) return 0;
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno || end == v || *end || n < min || n > max) {
        fprintf(stderr, "roster %s: --%s: expected a number from %ld to %ld, got '%s'\n",
                parsed_cmd, name, min, max, v);
        return -1;
    }
    *out = n;
    return 0;
}

const char *cli_db_dir(const cli_opt *opts)
{
    const char *dir = cli_opt_value(opts, "db");
    if (dir && *dir) return dir;
    dir = getenv("ROSTER_DB");
    return dir && *dir ? dir : "roster-data";
}

int cli_status(rs_status err)
{
    if (err == RS_ERR_BEHIND) return EXIT_BEHIND;
    return err == RS_OK ? EXIT_OK : err == RS_ERR_INPUT || err == RS_ERR_NOT_FOUND ? EXIT_INPUT
                                                                                   : EXIT_FAIL;
}

int cli_fail(const char *cmd, const rs_roster *r, rs_status err)
{
    fprintf(stderr, "roster %s: %s\n", cmd, rs_roster_message(r));
    return cli_status(err);
}

rs_index_choice cli_index_choice(const cli_opt *opts, rs_open_mode mode)
{
    /* An empty --index is a slip (the library refuses it); an empty
     * $ROSTER_INDEX is unset. */
    const char *given = cli_opt_value(opts, "index");
    const char *env = mode == RS_OPEN_READ || mode == RS_OPEN_CHECK ? getenv("ROSTER_INDEX") : NULL;
    return (rs_index_choice){given ? given : env && *env ? env : NULL,
                             cli_flag(opts, "allow-partial")};
}

rs_roster *cli_roster(const cli_opt *opts, rs_open_mode mode, int *status)
{
    rs_roster *r;
    rs_index_choice choice = cli_index_choice(opts, mode);
    rs_status err = rs_roster_open_index(cli_db_dir(opts), mode, NULL, &choice, &r);
    if (err) {
        fprintf(stderr, "roster: %s%s\n", r ? rs_roster_message(r) : rs_status_to_string(err),
                err == RS_ERR_NOT_FOUND ? " — import first, or give --db / $ROSTER_DB" : "");
        rs_roster_close(r);
        *status = cli_status(err);
        return NULL;
    }
    /* One note a line, each worth a user's attention but no failure. */
    const char *notes = rs_roster_notes(r);
    for (const char *p = notes; *p;) {
        size_t len = strcspn(p, "\n");
        fprintf(stderr, "roster: note: %.*s\n", (int)len, p);
        p += len + (p[len] == '\n');
    }
    if (*rs_roster_warning(r)) fprintf(stderr, "roster: warning: %s\n", rs_roster_warning(r));
    *status = EXIT_OK;
    return r;
}

int cli_start(const char *cmd, int argc, char **argv, cli_opt *opts, char **args, int *nargs,
              int *status)
{
    if (cli_parse(cmd, argc, argv, opts, args, nargs) != 0) {
        *status = EXIT_INPUT;
        return -1;
    }
    if (cli_flag(opts, "help")) {
        cli_usage(cmd);
        *status = EXIT_OK;
        return -1;
    }
    return 0;
}

static int print_json(json_t *o, size_t layout)
{
    /* Ten significant digits: scores print as 0.7545, not 0.75449999999999995. */
    char *text = o ? json_dumps(o, layout | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10))
                   : NULL;
    json_decref(o);
    if (!text) {
        fprintf(stderr, "roster: out of memory\n");
        return EXIT_FAIL;
    }
    /* A program reading the output must not take a cut-off value (a full
     * disk, a closed pipe) for a whole one: the exit status says so. */
    int bad = printf("%s\n", text) < 0 || fflush(stdout) != 0;
    free(text);
    if (bad) {
        fprintf(stderr, "roster: cannot write the output: %s\n", strerror(errno));
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

int cli_print_json(json_t *o)
{
    return print_json(o, JSON_COMPACT);
}

int cli_print_json_indented(json_t *o)
{
    return print_json(o, JSON_INDENT(2));
}

int cli_print_answer(const rs_answer *a, int json)
{
    if (json) return cli_print_json(json_incref((json_t *)rs_answer_json(a)));
    /* A failed write leaves stdout's error flag set: main, which checks
     * stdout after every command, says so. */
    return rs_answer_print(a, stdout) == RS_OK ? EXIT_OK : EXIT_FAIL;
}

void cli_unknown_subcommand(const char *cmd, const char *typed, const char *const *subs,
                            size_t n)
{
    const char *near = *typed ? rs_did_you_mean(typed, subs, n) : NULL;
    fprintf(stderr, "roster %s: ", cmd);
    if (near) fprintf(stderr, "unknown subcommand '%s' (did you mean '%s'?); ", typed, near);
    else if (*typed) fprintf(stderr, "unknown subcommand '%s'; ", typed);
    fprintf(stderr, "say ");
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, "%s%s", subs[i], i + 2 < n ? ", " : i + 1 < n ? " or " : "\n");
    cli_usage(cmd);
}
