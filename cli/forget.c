/* roster forget ID... */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

/* The message of a forget that erased nothing, one line per unknown id
 * (with the stored id it may mean), each line prefixed, then the verdict. */
static void print_lines(const char *msg)
{
    for (const char *p = msg; *p;) {
        size_t len = strcspn(p, "\n");
        fprintf(stderr, "roster forget: %.*s\n", (int)len, p);
        p += len + (p[len] == '\n');
    }
    fprintf(stderr, "roster forget: nothing forgotten\n");
}

int cmd_forget(int argc, char **argv)
{
    cli_opt opts[] = {CLI_COMMON_OPTS, {NULL, 0, NULL}};
    char *ids[argc + 1];
    int n, status;
    if (cli_start("forget", argc, argv, opts, ids, &n, &status)) return status;
    if (n == 0) {
        fprintf(stderr, "roster forget: no expert id given\n");
        return EXIT_INPUT;
    }
    rs_roster *r = cli_roster(opts, RS_OPEN_UPDATE, &status);
    if (!r) return status;
    rs_status err = rs_roster_forget(r, ids, (size_t)n);
    if (err == RS_ERR_NOT_FOUND) {
        /* All or nothing, like an import: a mistyped id erases no one. */
        print_lines(rs_roster_message(r));
        status = EXIT_INPUT;
    } else if (err == RS_ERR_BEHIND) {
        for (int i = 0; i < n; i++) printf("forgot %s in the store\n", ids[i]);
        fprintf(stderr,
                "roster forget: the index could not be updated: %s\n"
                "roster forget: until the next roster command finishes the forget, the index "
                "may still hold their text\n",
                rs_roster_message(r));
        status = EXIT_BEHIND;
    } else if (err) {
        status = cli_fail("forget", r, err);
    } else {
        for (int i = 0; i < n; i++) printf("forgot %s\n", ids[i]);
    }
    rs_roster_close(r);
    return status;
}
