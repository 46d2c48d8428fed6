/* What every subcommand shares: options, the data directory, exit status. */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/term.h"
#include "core/text.h"

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

rs_data *cli_open(const cli_opt *opts, rs_open_mode mode, int *status)
{
    rs_data *r;
    char *msg = NULL;
    rs_status err = rs_data_open(cli_db_dir(opts), mode, &r, &msg);
    if (err) {
        fprintf(stderr, "roster: %s%s\n", msg ? msg : rs_status_to_string(err),
                err == RS_ERR_NOT_FOUND ? " — import first, or give --db / $ROSTER_DB" : "");
        free(msg);
        *status = cli_status(err);
        return NULL;
    }
    /* One note a line, each worth a user's attention but no failure. */
    const char *notes = rs_data_notes(r);
    for (const char *p = notes; *p;) {
        size_t len = strcspn(p, "\n");
        fprintf(stderr, "roster: note: %.*s\n", (int)len, p);
        p += len + (p[len] == '\n');
    }
    if (*rs_data_warning(r)) fprintf(stderr, "roster: warning: %s\n", rs_data_warning(r));
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

static void print_padded(const char *text, int width)
{
    size_t len = strlen(text);
    int cols = (int)rs_utf8_length(text, len);
    if (cols <= width) {
        printf("%s%*s", text, width - cols, "");
        return;
    }
    /* Cut on a character boundary and mark the cut. */
    size_t keep = 0;
    for (int seen = 0; keep < len && seen < width - 1; seen++)
        do keep++; while (keep < len && ((unsigned char)text[keep] & 0xC0) == 0x80);
    printf("%.*s…", (int)keep, text);
}

void cli_print_padded(const char *text, int width)
{
    char *shown = rs_term_escape(text);
    print_padded(shown ? shown : "?", width);
    free(shown);
}

int cli_print_json(json_t *o)
{
    /* Ten significant digits: scores print as 0.7545, not 0.75449999999999995. */
    char *text = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10))
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
