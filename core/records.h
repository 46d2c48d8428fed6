/*
 * The facility's own records in the store (roster.sqlite): requests (a
 * ToR kept by its action) and the missions of the team assigned to one.
 *
 * Assigned missions live in their own table, not in the expert's record,
 * so a re-import of the CV keeps them; the store merges them into the
 * expert it reads (rs_store_get, rs_store_each), so the index's load and
 * availability terms, the matcher and `show` see them, and counts them in
 * the portfolio (rs_store_mission_days, rs_store_each_mission). A match or
 * check of the request's own action leaves them out (matcher/admit.h). Assigning
 * stamps the experts concerned with the transaction's change number, so
 * the index re-reads exactly them (indexer/datadir.h).
 */
#ifndef RS_RECORDS_H
#define RS_RECORDS_H

#include <stdint.h>
#include "core/model.h"
#include "core/store.h"

/* One stored request as lists show it; strings borrowed for the call. */
typedef struct {
    const char *action, *country, *title;
    int team_size;
    int has_window;
    int32_t from, to;       /* day numbers when has_window */
    const char *status;     /* "open" or "assigned" */
    const char *tor;        /* the ToR, canonical JSON */
} rs_request_row;

/* A write transaction for requests alone: they change nothing the index
 * holds, so it takes no change number (the index stays as current as it
 * was). RS_ERR_BUSY when another writer keeps the store. End it with
 * rs_records_commit or rs_store_rollback. */
rs_status rs_records_begin(rs_store *s);
rs_status rs_records_commit(rs_store *s);

/* Store or replace the request `row` (its status is kept when it was
 * stored before, else "open"). Inside a transaction of the caller's. */
rs_status rs_records_put_request(rs_store *s, const rs_request_row *row);
/* Visit requests in action order. */
rs_status rs_records_each_request(rs_store *s,
                                  rs_status (*fn)(const rs_request_row *row, void *ctx),
                                  void *ctx);
/* Visit one request; RS_ERR_NOT_FOUND when none. */
rs_status rs_records_request(rs_store *s, const char *action,
                             rs_status (*fn)(const rs_request_row *row, void *ctx), void *ctx);

/* One assigned mission. */
typedef struct {
    const char *action, *expert_id, *country;
    int32_t from, to;
    int days;
} rs_assigned_row;

/* Record ids[0..n) (roster ids) as the team of `action`, replacing any team
 * recorded before, and mark the request assigned. Inside a write
 * transaction (rs_store_begin): every expert that joins or leaves the team
 * is stamped with its change number, so the index takes them again. */
rs_status rs_records_assign(rs_store *s, const rs_assigned_row *mission, char *const *ids,
                            size_t n);
/* Take ids[0..n) (roster ids) off the team of `action`, stamping them as
 * rs_records_assign does; the request is open again when no one is left.
 * RS_ERR_NOT_FOUND when one of them is not on the team. Inside a write
 * transaction. */
rs_status rs_records_unassign(rs_store *s, const char *action, char *const *ids, size_t n);
/* Visit the assigned missions of one action and of one expert (NULL: any),
 * by start, action, then expert id. */
rs_status rs_records_each_assigned(rs_store *s, const char *action, const char *expert_id,
                                   rs_status (*fn)(const rs_assigned_row *row, void *ctx),
                                   void *ctx);
/* Now, UTC, to the millisecond, as every audit line and account says it:
 * "2026-12-03T00:10:40.123Z" (text order is time order). */
#define RS_TIME_TEXT 40
void rs_records_time_now(char out[RS_TIME_TEXT]);

/* The ids of an audit line as its text, a JSON array (malloc'd; NULL when
 * out of memory). */
char *rs_records_ids_text(char *const *ids, size_t n);

/* Record a change in the store's part of the audit trail, inside its open
 * write transaction, so that the change and its record commit together:
 * who (user), what (action) and whose ids. */
rs_status rs_records_audit(rs_store *s, const char *user, const char *action, char *const *ids,
                           size_t n);
/* Visit the store's audit lines from `from` ("YYYY-MM-DD", "" for all), in
 * the order they were written; ids is a JSON array of strings. */
rs_status rs_records_each_audit(rs_store *s, const char *from,
                                rs_status (*fn)(const char *time, const char *user,
                                                const char *action, const char *ids, void *ctx),
                                void *ctx);

/* Erase an expert's assigned missions (rs_store_erase). */
rs_status rs_records_erase_expert(rs_store *s, const char *id);

#endif
