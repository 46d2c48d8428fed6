/* roster user add NAME --role viewer|editor | list [--json] | remove NAME */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

/* Accounts live in the access file, apart from the store: a reader's
 * handle is enough, so a change of accounts never waits behind an import. */
static int user_add(const cli_opt *opts, char **args, int n)
{
    const char *role = cli_opt_value(opts, "role");
    if (n != 1) {
        fprintf(stderr, "roster user add: give one account name\n");
        return EXIT_INPUT;
    }
    if (!role || (strcmp(role, "viewer") != 0 && strcmp(role, "editor") != 0)) {
        fprintf(stderr, "roster user add: give --role viewer or --role editor\n");
        return EXIT_INPUT;
    }
    int status;
    rs_roster *r = cli_roster(opts, RS_OPEN_READ, &status);
    if (!r) return status;
    char *token;
    rs_status err = rs_roster_user_add(r, args[0],
                                       strcmp(role, "editor") == 0 ? RS_ROLE_EDITOR : RS_ROLE_VIEWER,
                                       &token);
    if (err) {
        status = cli_fail("user add", r, err);
    } else {
        /* Shown this once: only its hash is kept. */
        printf("%s\n", token);
        fprintf(stderr, "roster user add: account '%s' (%s) made; its token above is shown "
                        "only now\n", args[0], role);
        free(token);
    }
    rs_roster_close(r);
    return status;
}

static int user_list(const cli_opt *opts, int n)
{
    if (n) {
        fprintf(stderr, "roster user list: takes no arguments\n");
        return EXIT_INPUT;
    }
    int status;
    rs_roster *r = cli_roster(opts, RS_OPEN_READ, &status);
    if (!r) return status;
    rs_answer *a;
    rs_status err = rs_roster_users(r, &a);
    if (err) {
        status = cli_fail("user list", r, err);
    } else {
        status = cli_print_answer(a, cli_flag(opts, "json"));
        rs_answer_free(a);
    }
    rs_roster_close(r);
    return status;
}

static int user_remove(const cli_opt *opts, char **args, int n)
{
    if (n != 1) {
        fprintf(stderr, "roster user remove: give one account name\n");
        return EXIT_INPUT;
    }
    int status;
    rs_roster *r = cli_roster(opts, RS_OPEN_READ, &status);
    if (!r) return status;
    rs_status err = rs_roster_user_remove(r, args[0]);
    if (err) status = cli_fail("user remove", r, err);
    else printf("removed account %s and its sessions\n", args[0]);
    rs_roster_close(r);
    return status;
}

int cmd_user(int argc, char **argv)
{
    cli_opt opts[] = {CLI_COMMON_OPTS, {"role", 1, NULL}, {"json", 0, NULL}, {NULL, 0, NULL}};
    char *args[argc + 1];
    int n, status;
    if (cli_start("user", argc, argv, opts, args, &n, &status)) return status;
    const char *what = n ? args[0] : "";
    if (strcmp(what, "add") == 0) return user_add(opts, args + 1, n - 1);
    if (strcmp(what, "list") == 0) return user_list(opts, n - 1);
    if (strcmp(what, "remove") == 0) return user_remove(opts, args + 1, n - 1);
    static const char *const subcommands[] = {"add", "list", "remove"};
    cli_unknown_subcommand("user", what, subcommands, 3);
    return EXIT_INPUT;
}
