/* roster forget ID... */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

/* "no expert with id 'x'", naming the one stored id equal to it ignoring
 * case: forget never erases on such a guess, but says what to type. */
static void say_missing(rs_store *s, const char *id)
{
    char *stored = NULL, msg[256];
    if (cli_find_id(s, id, &stored, msg, sizeof msg) == RS_OK && strcmp(stored, id) != 0)
        fprintf(stderr, "roster forget: no expert with id '%s' (did you mean '%s'? forget takes "
                        "ids exactly as stored)\n", id, stored);
    else
        fprintf(stderr, "roster forget: no expert with id '%s'\n", id);
    free(stored);
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
    rs_data *r = cli_open(opts, RS_OPEN_UPDATE, &status);
    if (!r) return status;
    int missing[n];
    rs_status err = rs_data_forget(r, ids, (size_t)n, missing);
    if (err == RS_ERR_NOT_FOUND) {
        /* All or nothing, like an import: a mistyped id erases no one. */
        for (int i = 0; i < n; i++)
            if (missing[i]) say_missing(rs_data_store(r), ids[i]);
        fprintf(stderr, "roster forget: nothing forgotten\n");
        status = EXIT_INPUT;
    } else if (err == RS_ERR_BEHIND) {
        for (int i = 0; i < n; i++)
            if (!missing[i]) printf("forgot %s in the store\n", ids[i]);
        fprintf(stderr,
                "roster forget: the index could not be updated: %s\n"
                "roster forget: until the next roster command finishes the forget, the index "
                "may still hold their text\n",
                rs_data_error(r));
        status = EXIT_BEHIND;
    } else if (err) {
        fprintf(stderr, "roster forget: %s\n", rs_data_error(r));
        status = cli_status(err);
    } else {
        for (int i = 0; i < n; i++) printf("forgot %s\n", ids[i]);
    }
    rs_data_close(r);
    return status;
}
