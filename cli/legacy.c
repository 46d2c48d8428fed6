/* The data directory for the commands not yet on the library's face
 * (cli/legacy.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/legacy.h"
#include "lib/private.h"

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

rs_status cli_find_id(rs_store *s, const char *asked, char **out, char *msg, size_t msgsz)
{
    return rs_lib_find_id(s, asked, out, msg, msgsz);
}
