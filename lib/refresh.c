/* rs_roster_refresh: a long-lived reader takes in what writers committed.
 *
 * An open reader keeps the index revision it first read, so a server that
 * reuses one would never see an import. Before each request the server asks
 * for a refresh: when the store's change number and the live index
 * directory are those last seen, and the reader was not answering from an
 * index behind the store, nothing happened and the handle stays as it is (a
 * SQLite read and a small file read); else the data directory is opened
 * afresh, as a new reader would be, so the answers are those of the last
 * committed index. */
#include <stdlib.h>
#include <string.h>

#include "lib/private.h"

/* Is what the handle reads still the roster's last committed state? */
static int current(rs_roster *r)
{
    int64_t change;
    const char *index = rs_data_index_path(r->data);
    return r->seen_index[0] && index && strcmp(index, r->seen_index) == 0 &&
           rs_store_change(rs_data_store(r->data), &change) == RS_OK &&
           change == r->seen_change && !*rs_data_warning(r->data);
}

/* Remember what the handle reads now. */
static void seen(rs_roster *r)
{
    const char *index = rs_data_index_path(r->data);
    r->seen_index[0] = '\0';
    if (index && strlen(index) < sizeof r->seen_index &&
        rs_store_change(rs_data_store(r->data), &r->seen_change) == RS_OK)
        strcpy(r->seen_index, index);
}

rs_status rs_roster_refresh(rs_roster *r)
{
    rs_begin(r);
    if (!r->data) return rs_fail(r, RS_ERR_NOT_FOUND, "no roster open");
    if (current(r)) return RS_OK;
    rs_data *fresh = NULL;
    char *err = NULL;
    rs_status st = rs_data_open(r->dir, RS_OPEN_READ, &fresh, &err);
    if (st != RS_OK) {
        rs_fail(r, st, "%s", err ? err : rs_status_to_string(st));
        free(err);
        return st;
    }
    rs_data_close(r->data);
    r->data = fresh;
    /* What matching had read of the old state goes with it. */
    rs_match_context_free(r->match);
    r->match = NULL;
    seen(r);
    return RS_OK;
}
