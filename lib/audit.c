/*
 * The audit trail: who did what to whose data, in the access file
 * (lib/access.h), one row per action with its time, account and ids —
 * never a name, so a forgotten expert's lines keep only the id.
 */
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/jsonbuild.h"
#include "core/term.h"
#include "lib/access.h"

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
    if (st) return st;
    json_t *list = json_array();
    for (size_t i = 0; list && i < n; i++)
        if (json_array_append_new(list, json_string(ids[i])) != 0) {
            json_decref(list);
            list = NULL;
        }
    char *text = list ? json_dumps(list, JSON_COMPACT) : NULL;
    json_decref(list);
    if (!text) return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    char when[21];
    rs_access_time_text(rs_access_now(), when);
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
    return rc == SQLITE_OK ? RS_OK : rs_access_fail(r, rc, "record in the audit trail");
}

/* One line a row: time, user, action, then the ids. */
static rs_status print_audit(const rs_answer *a, FILE *f)
{
    size_t i;
    json_t *row;
    json_array_foreach(a->json, i, row) {
        fprintf(f, "%s ", json_string_value(json_object_get(row, "time")));
        rs_term_write(f, json_string_value(json_object_get(row, "user")), NULL);
        fprintf(f, " %s", json_string_value(json_object_get(row, "action")));
        size_t k;
        json_t *id;
        json_array_foreach(json_object_get(row, "ids"), k, id) {
            fputc(' ', f);
            rs_term_write(f, json_string_value(id), NULL);
        }
        if (fputc('\n', f) == EOF) return RS_ERR_IO;
    }
    return ferror(f) ? RS_ERR_IO : RS_OK;
}

/* The rows of the trail from `from` ("YYYY-MM-DD", or "" for all) into arr. */
static rs_status read_rows(rs_roster *r, sqlite3 *db, const char *from, json_t *arr)
{
    sqlite3_stmt *q;
    int rc = sqlite3_prepare_v2(db, "SELECT time,user,action,ids FROM audit WHERE time >= ? "
                                    "ORDER BY seq", -1, &q, NULL);
    if (rc != SQLITE_OK) return rs_access_fail(r, rc, "read the audit trail");
    sqlite3_bind_text(q, 1, from, -1, SQLITE_STATIC);
    rs_json_build b = {0};
    while (!b.failed && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *ids = (const char *)sqlite3_column_text(q, 3);
        json_t *list = json_loads(ids ? ids : "", 0, NULL);
        if (!json_is_array(list)) {
            json_decref(list);
            sqlite3_finalize(q);
            return rs_fail(r, RS_ERR_CORRUPT, "%s/%s: an audit line's ids are not a JSON list",
                           r->dir, RS_ACCESS_FILE);
        }
        json_t *row = rs_json_take(&b, json_object());
        rs_json_set(&b, row, "time", json_string((const char *)sqlite3_column_text(q, 0)));
        rs_json_set(&b, row, "user", json_string((const char *)sqlite3_column_text(q, 1)));
        rs_json_set(&b, row, "action", json_string((const char *)sqlite3_column_text(q, 2)));
        rs_json_set(&b, row, "ids", list);
        rs_json_append(&b, arr, row);
    }
    sqlite3_finalize(q);
    if (b.failed) return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    return rc == SQLITE_DONE ? RS_OK : rs_access_fail(r, rc, "read the audit trail");
}

rs_status rs_roster_audit(rs_roster *r, const char *since, rs_answer **out)
{
    rs_begin(r);
    *out = NULL;
    char from[11] = "";
    if (since) {
        int32_t day;
        if (rs_date_parse(since, 0, &day) != 0)
            return rs_fail(r, RS_ERR_INPUT, "--since: bad date '%s' (" RS_DATE_EXPECTED ")", since);
        rs_date_format(day, from);
    }
    json_t *arr = json_array();
    if (!arr) return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    sqlite3 *db;
    /* No access file yet: nothing was ever recorded. */
    rs_status st = rs_access_db(r, 0, &db);
    if (st == RS_ERR_NOT_FOUND) {
        r->message[0] = '\0';
        st = RS_OK;
    } else if (!st) {
        st = read_rows(r, db, from, arr);
    }
    if (st) {
        json_decref(arr);
        return st;
    }
    if (!(*out = rs_answer_new(arr, RS_OUTCOME_DONE, print_audit, NULL, NULL)))
        return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    return RS_OK;
}
