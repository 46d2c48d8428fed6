/* rs_roster_refresh: a long-lived reader takes in what writers committed.
 *
 * An open reader keeps the index revision it first read, so a server that
 * reuses one would never see an import. Before each request the server asks
 * for a refresh. While the live index directory is the one the handle
 * reads (and it was not answering from an index it knew to be behind), the
 * index is brought to its last committed revision in place (Xapian's
 * reopen: cheap when nothing was committed), and what matching had read of
 * the store goes when the store's change number moved. A directory switched
 * by a rebuild, or any trouble, opens the data directory afresh, as a new
 * reader would. The store itself (SQLite) always reads the last commit. */
#include <stdlib.h>
#include <string.h>

#include "lib/private.h"

/* Bring the handle's index to its last revision in place: 0, or -1 when
 * only a fresh open will do. */
static int reopen_in_place(rs_roster *r)
{
    const char *index = rs_data_index_path(r->data);
    if (!r->seen_index[0] || !index || strcmp(index, r->seen_index) != 0 ||
        *rs_data_warning(r->data))
        return -1;
    xc_db *db = rs_data_index(r->data);
    return db && xc_db_reopen(db) == XC_OK ? 0 : -1;
}

/* Remember what the handle reads now. */
static void seen(rs_roster *r)
{
    const char *index = rs_data_index_path(r->data);
    r->seen_index[0] = '\0';
    if (index && strlen(index) < sizeof r->seen_index) strcpy(r->seen_index, index);
}

rs_status rs_roster_refresh(rs_roster *r)
{
    rs_begin(r);
    if (!r->data) return rs_fail(r, RS_ERR_NOT_FOUND, "no roster open");
    if (reopen_in_place(r) == 0) {
        int64_t change;
        rs_status st = rs_store_change(rs_data_store(r->data), &change);
        if (st != RS_OK) return rs_fail(r, st, "%s", rs_store_error(rs_data_store(r->data)));
        if (change != r->seen_change) {
            /* What matching had read of the store is out of date. */
            rs_match_context_free(r->match);
            r->match = NULL;
            r->seen_change = change;
        }
        return RS_OK;
    }
    rs_data *fresh = NULL;
    char *err = NULL;
    rs_status st = rs_data_open_index(r->dir, RS_OPEN_READ, &r->index, &fresh, &err);
    if (st != RS_OK) {
        rs_fail(r, st, "%s", err ? err : rs_status_to_string(st));
        free(err);
        return st;
    }
    rs_data_close(r->data);
    r->data = fresh;
    rs_match_context_free(r->match);
    r->match = NULL;
    seen(r);
    if (rs_store_change(rs_data_store(r->data), &r->seen_change) != RS_OK) r->seen_index[0] = '\0';
    return RS_OK;
}
