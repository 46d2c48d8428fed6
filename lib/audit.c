/*
 * The audit trail: who did what to whose data, one row per action with its
 * time, account and ids — never a name, so a forgotten expert's lines keep
 * only the id. Reads of a record (show, export) and changes of accounts are
 * recorded in the access file (lib/access.h), which no import holds;
 * changes of the store (import, forget, assign) in the store, in their own
 * transaction (core/records.h). `roster audit` reads both, in time order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/jsonbuild.h"
#include "core/records.h"
#include "core/term.h"
#include "lib/access.h"

/* The call fails: what could not be recorded, and why (the message set). */
static rs_status refused(rs_roster *r, rs_status st, const char *action)
{
    char why[sizeof r->message];
    snprintf(why, sizeof why, "%s", r->message);
    return rs_fail(r, st, "refused: this %s cannot be recorded in the audit trail: %s", action,
                   why);
}

rs_status rs_audit_note(rs_roster *r, const char *action, char *const *ids, size_t n)
{
    sqlite3 *db;
    rs_status st = rs_access_db(r, 1, &db);
    if (st == RS_ERR_DENIED) {
        /* A reader without write access to the data directory (a read-only
         * mount, another user's roster) reads the files themselves anyway:
         * there is no trail it could keep, and refusing would protect
         * nothing (docs/records.md). */
        r->message[0] = '\0';
        return RS_OK;
    }
    if (st) return refused(r, st, action);
    char *text = rs_records_ids_text(ids, n);
    if (!text) return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    char when[RS_TIME_TEXT];
    rs_records_time_now(when);
    sqlite3_stmt *q;
    int rc = sqlite3_prepare_v2(db, "INSERT INTO audit(time,user,action,ids) VALUES(?,?,?,?)", -1,
                                &q, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(q, 1, when, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, r->account, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 3, action, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 4, text, -1, SQLITE_STATIC);
        rc = sqlite3_step(q);
        if (rc == SQLITE_DONE) rc = SQLITE_OK;
    }
    sqlite3_finalize(q);
    free(text);
    if (rc == SQLITE_OK) return RS_OK;
    return refused(r, rs_access_fail(r, rc, "write"), action);
}

/* A line for people names this many ids at most (an import of a thousand
 * experts is one line); the JSON form lists them all. */
#define AUDIT_IDS_SHOWN 8

/* One line a row: time, user, action, then the ids. */
static rs_status print_audit(const rs_answer *a, FILE *f)
{
    size_t i;
    json_t *row;
    if (json_array_size(a->json) == 0) fprintf(f, "nothing recorded in the period\n");
    json_array_foreach(a->json, i, row) {
        fprintf(f, "%s ", json_string_value(json_object_get(row, "time")));
        rs_term_write(f, json_string_value(json_object_get(row, "user")), NULL);
        fprintf(f, " %s", json_string_value(json_object_get(row, "action")));
        const json_t *ids = json_object_get(row, "ids");
        size_t n = json_array_size(ids);
        size_t shown = n > AUDIT_IDS_SHOWN ? AUDIT_IDS_SHOWN - 2 : n;
        for (size_t k = 0; k < shown; k++) {
            fputc(' ', f);
            rs_term_write(f, json_string_value(json_array_get(ids, k)), NULL);
        }
        if (shown < n) fprintf(f, " and %zu more (--json lists them)", n - shown);
        if (fputc('\n', f) == EOF) return RS_ERR_IO;
    }
    return ferror(f) ? RS_ERR_IO : RS_OK;
}

/* One audit line as the answer gives it (NULL when out of memory or when
 * ids is not a JSON list, which *bad then says). */
static json_t *row_json(const char *time, const char *user, const char *action, const char *ids,
                        int *bad)
{
    json_t *list = json_loads(ids ? ids : "", 0, NULL);
    if (!json_is_array(list)) {
        json_decref(list);
        *bad = 1;
        return NULL;
    }
    return json_pack("{s:s, s:s, s:s, s:o}", "time", time ? time : "", "user", user ? user : "",
                     "action", action ? action : "", "ids", list);
}

typedef struct {
    json_t *arr;
    int bad, oom;
} rows_ctx;

static rs_status store_row(const char *time, const char *user, const char *action,
                           const char *ids, void *arg)
{
    rows_ctx *c = arg;
    json_t *row = row_json(time, user, action, ids, &c->bad);
    if (!row) {
        c->oom = !c->bad;
        return RS_ERR_CORRUPT;
    }
    return json_array_append_new(c->arr, row) == 0 ? RS_OK : (c->oom = 1, RS_ERR_NOMEM);
}

/* The store's lines from `from` into arr. */
static rs_status read_store_rows(rs_roster *r, const char *from, json_t *arr)
{
    rs_store *s = rs_data_store(r->data);
    rows_ctx c = {arr, 0, 0};
    rs_status st = rs_records_each_audit(s, from, store_row, &c);
    if (c.oom) return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    if (c.bad) return rs_fail(r, RS_ERR_CORRUPT, "%s: an audit line's ids are not a JSON list",
                              r->dir);
    return st ? rs_fail(r, st, "%s", rs_store_error(s)) : RS_OK;
}

/* Merge two lists of lines, each in time order, into one (stolen). */
static json_t *merge_by_time(json_t *a, json_t *b)
{
    json_t *out = json_array();
    size_t i = 0, j = 0, na = json_array_size(a), nb = json_array_size(b);
    while (out && (i < na || j < nb)) {
        json_t *x = i < na ? json_array_get(a, i) : NULL, *y = j < nb ? json_array_get(b, j) : NULL;
        int take_x = x && (!y || strcmp(json_string_value(json_object_get(x, "time")),
                                        json_string_value(json_object_get(y, "time"))) <= 0);
        if (json_array_append(out, take_x ? x : y) != 0) {
            json_decref(out);
            out = NULL;
        }
        take_x ? i++ : j++;
    }
    json_decref(a);
    json_decref(b);
    return out;
}

/* The rows of the trail from `from` ("YYYY-MM-DD", or "" for all) into arr. */
static rs_status read_rows(rs_roster *r, sqlite3 *db, const char *from, json_t *arr)
{
    sqlite3_stmt *q;
    int rc = sqlite3_prepare_v2(db, "SELECT time,user,action,ids FROM audit WHERE time >= ? "
                                    "ORDER BY seq", -1, &q, NULL);
    if (rc != SQLITE_OK) return rs_access_fail(r, rc, "read the audit trail");
    sqlite3_bind_text(q, 1, from, -1, SQLITE_STATIC);
    rows_ctx c = {arr, 0, 0};
    while ((rc = sqlite3_step(q)) == SQLITE_ROW &&
           store_row((const char *)sqlite3_column_text(q, 0),
                     (const char *)sqlite3_column_text(q, 1),
                     (const char *)sqlite3_column_text(q, 2),
                     (const char *)sqlite3_column_text(q, 3), &c) == RS_OK)
        ;
    sqlite3_finalize(q);
    if (c.oom) return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    if (c.bad)
        return rs_fail(r, RS_ERR_CORRUPT, "%s/%s: an audit line's ids are not a JSON list",
                       r->dir, RS_ACCESS_FILE);
    return rc == SQLITE_DONE ? RS_OK : rs_access_fail(r, rc, "read the audit trail");
}

rs_status rs_roster_audit(rs_roster *r, const char *since, rs_answer **out)
{
    *out = NULL;
    rs_status st = rs_begin_open(r);
    if (st) return st;
    char from[11] = "";
    if (since) {
        int32_t day;
        if (rs_date_parse(since, 0, &day) != 0)
            return rs_fail(r, RS_ERR_INPUT, "since: bad date '%s' (" RS_DATE_EXPECTED ")", since);
        rs_date_format(day, from);
    }
    json_t *reads = json_array(), *changes = json_array();
    if (!reads || !changes) st = rs_fail(r, RS_ERR_NOMEM, "out of memory");
    sqlite3 *db;
    /* No access file yet: no read was ever recorded. */
    rs_status got = st ? st : rs_access_db(r, 0, &db);
    if (got == RS_ERR_NOT_FOUND) r->message[0] = '\0';
    else if (!got) st = read_rows(r, db, from, reads);
    else st = got;
    if (!st) st = read_store_rows(r, from, changes);
    if (st) {
        json_decref(reads);
        json_decref(changes);
        return st;
    }
    json_t *all = merge_by_time(reads, changes);
    if (!all || !(*out = rs_answer_new(all, RS_OUTCOME_DONE, print_audit, NULL, NULL)))
        return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    return RS_OK;
}
