/* Expert ids as users type them: the exact id when an expert has it, else
 * the one id equal to it ignoring case (ids are case-sensitive in the store,
 * people type exp-00042 for EXP-00042). When several ids differ only in
 * case, none is guessed: they are named so the user can give the exact one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/private.h"

#define IDS_NAMED 10 /* ambiguous ids listed in the message */

/* "'x' names several experts when case is ignored: A, B (give the exact id)" */
static void ambiguous(const char *typed, char **ids, size_t n, char *msg, size_t msgsz)
{
    size_t len = (size_t)snprintf(msg, msgsz, "'%s' names several experts when case is ignored:",
                                  typed);
    for (size_t i = 0; i < n && i < IDS_NAMED && len < msgsz; i++)
        len += (size_t)snprintf(msg + len, msgsz - len, "%s %s", i ? "," : "", ids[i]);
    if (len < msgsz)
        snprintf(msg + len, msgsz - len, "%s (give the exact id)", n > IDS_NAMED ? ", ..." : "");
}

rs_status rs_lib_find_id(rs_store *s, const char *typed, char **out, char *msg, size_t msgsz)
{
    char **ids;
    size_t n;
    *out = NULL;
    rs_status err = rs_store_ids_named(s, typed, IDS_NAMED + 1, &ids, &n);
    if (err) {
        snprintf(msg, msgsz, "%s", rs_store_error(s));
        return err;
    }
    if (n == 1) {
        *out = ids[0];
        free(ids);
        return RS_OK;
    }
    if (n == 0) {
        snprintf(msg, msgsz, "no expert with id '%s'", typed);
        err = RS_ERR_NOT_FOUND;
    } else {
        ambiguous(typed, ids, n, msg, msgsz);
        err = RS_ERR_INPUT;
    }
    rs_store_ids_free(ids, n);
    return err;
}

rs_status rs_roster_find_id(rs_roster *r, const char *typed, char **out)
{
    *out = NULL;
    rs_status err = rs_begin_open(r);
    if (err) return err;
    return rs_lib_find_id(rs_data_store(r->data), typed, out, r->message, sizeof r->message);
}
