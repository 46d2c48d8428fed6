/* Requests and assigned missions in the store. See records.h. */
#include "core/records.h"

#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static rs_status prepare(rs_store *s, const char *sql, sqlite3_stmt **st)
{
    int rc = sqlite3_prepare_v2(rs_store_sqlite(s), sql, -1, st, NULL);
    return rc == SQLITE_OK ? RS_OK : rs_store_sql_fail(s, rc, "prepare");
}

/* Step a statement without rows to its end and finalize it. */
static rs_status run(rs_store *s, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? RS_OK : rs_store_sql_fail(s, rc, what);
}

static const char *text(sqlite3_stmt *st, int col)
{
    const char *t = (const char *)sqlite3_column_text(st, col);
    return t ? t : "";
}

rs_status rs_records_begin(rs_store *s)
{
    int rc = sqlite3_exec(rs_store_sqlite(s), "BEGIN IMMEDIATE", NULL, NULL, NULL);
    return rc == SQLITE_OK ? RS_OK : rs_store_sql_fail(s, rc, "begin");
}

rs_status rs_records_commit(rs_store *s)
{
    int rc = sqlite3_exec(rs_store_sqlite(s), "COMMIT", NULL, NULL, NULL);
    if (rc == SQLITE_OK) return RS_OK;
    rs_status err = rs_store_sql_fail(s, rc, "commit");
    rs_store_rollback(s);
    return err;
}

rs_status rs_records_put_request(rs_store *s, const rs_request_row *row)
{
    sqlite3_stmt *st;
    rs_status err = prepare(s,
        "INSERT INTO requests(action,country,title,team_size,start,end,tor) "
        "VALUES(?1,?2,?3,?4,?5,?6,?7) ON CONFLICT(action) DO UPDATE SET "
        "country=?2, title=?3, team_size=?4, start=?5, end=?6, tor=?7", &st);
    if (err) return err;
    sqlite3_bind_text(st, 1, row->action, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, row->country, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, row->title, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, row->team_size);
    if (row->has_window) {
        sqlite3_bind_int64(st, 5, row->from);
        sqlite3_bind_int64(st, 6, row->to);
    }
    sqlite3_bind_text(st, 7, row->tor, -1, SQLITE_STATIC);
    return run(s, st, "write request");
}

/* Visit the rows of a SELECT of requests' columns. */
static rs_status each_row(rs_store *s, sqlite3_stmt *st,
                          rs_status (*fn)(const rs_request_row *row, void *ctx), void *ctx,
                          int *seen)
{
    int rc;
    rs_status err = RS_OK;
    *seen = 0;
    while (!err && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        rs_request_row row = {
            .action = text(st, 0), .country = text(st, 1), .title = text(st, 2),
            .team_size = sqlite3_column_int(st, 3),
            .has_window = sqlite3_column_type(st, 4) != SQLITE_NULL,
            .from = sqlite3_column_int(st, 4), .to = sqlite3_column_int(st, 5),
            .status = text(st, 6), .tor = text(st, 7),
        };
        (*seen)++;
        err = fn(&row, ctx);
    }
    if (!err && rc != SQLITE_DONE) err = rs_store_sql_fail(s, rc, "read requests");
    sqlite3_finalize(st);
    return err;
}

#define REQUEST_COLUMNS "action,country,title,team_size,start,end,status,tor"

rs_status rs_records_each_request(rs_store *s,
                                  rs_status (*fn)(const rs_request_row *row, void *ctx),
                                  void *ctx)
{
    if (!rs_store_has_records(s)) return RS_OK; /* a store made before requests: none */
    sqlite3_stmt *st;
    int seen;
    rs_status err = prepare(s, "SELECT " REQUEST_COLUMNS " FROM requests ORDER BY action", &st);
    return err ? err : each_row(s, st, fn, ctx, &seen);
}

rs_status rs_records_request(rs_store *s, const char *action,
                             rs_status (*fn)(const rs_request_row *row, void *ctx), void *ctx)
{
    int seen = 0;
    rs_status err = RS_OK;
    if (rs_store_has_records(s)) {
        sqlite3_stmt *st;
        err = prepare(s, "SELECT " REQUEST_COLUMNS " FROM requests WHERE action=?", &st);
        if (err) return err;
        sqlite3_bind_text(st, 1, action, -1, SQLITE_STATIC);
        err = each_row(s, st, fn, ctx, &seen);
    }
    if (!err && !seen) err = rs_store_fail(s, RS_ERR_NOT_FOUND, "no such request");
    return err;
}

/* Stamp the experts of `action`'s team with the open change number, so the
 * index takes them again. */
static rs_status touch_team(rs_store *s, const char *action)
{
    sqlite3_stmt *st;
    rs_status err = prepare(s, "UPDATE experts SET change=?1 WHERE id IN "
                               "(SELECT expert_id FROM assigned WHERE action=?2)", &st);
    if (err) return err;
    sqlite3_bind_int64(st, 1, rs_store_open_change(s));
    sqlite3_bind_text(st, 2, action, -1, SQLITE_STATIC);
    return run(s, st, "write missions");
}

static rs_status insert_mission(rs_store *s, const rs_assigned_row *m, const char *id)
{
    sqlite3_stmt *st;
    rs_status err = prepare(s, "INSERT INTO assigned(action,expert_id,country,start,end,days) "
                               "VALUES(?,?,?,?,?,?)", &st);
    if (err) return err;
    sqlite3_bind_text(st, 1, m->action, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, m->country, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, m->from);
    sqlite3_bind_int64(st, 5, m->to);
    sqlite3_bind_int(st, 6, m->days);
    return run(s, st, "write missions");
}

rs_status rs_records_assign(rs_store *s, const rs_assigned_row *m, char *const *ids, size_t n)
{
    if (!rs_store_open_change(s))
        return rs_store_fail(s, RS_ERR_IO, "assign outside a transaction");
    sqlite3_stmt *st;
    /* Those who leave the team are indexed again without the mission. */
    rs_status err = touch_team(s, m->action);
    if (!err && !(err = prepare(s, "DELETE FROM assigned WHERE action=?", &st))) {
        sqlite3_bind_text(st, 1, m->action, -1, SQLITE_STATIC);
        err = run(s, st, "write missions");
    }
    for (size_t i = 0; i < n && !err; i++) err = insert_mission(s, m, ids[i]);
    if (!err) err = touch_team(s, m->action);
    if (!err && !(err = prepare(s, "UPDATE requests SET status='assigned' WHERE action=?", &st))) {
        sqlite3_bind_text(st, 1, m->action, -1, SQLITE_STATIC);
        err = run(s, st, "write request");
    }
    return err;
}

/* Delete one expert's mission of `action`; *gone = 1 when there was one. */
static rs_status delete_mission(rs_store *s, const char *action, const char *id, int *gone)
{
    sqlite3_stmt *st;
    rs_status err = prepare(s, "DELETE FROM assigned WHERE action=? AND expert_id=?", &st);
    if (err) return err;
    sqlite3_bind_text(st, 1, action, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
    err = run(s, st, "write missions");
    *gone = !err && sqlite3_changes(rs_store_sqlite(s)) > 0;
    return err;
}

rs_status rs_records_unassign(rs_store *s, const char *action, char *const *ids, size_t n)
{
    if (!rs_store_open_change(s))
        return rs_store_fail(s, RS_ERR_IO, "unassign outside a transaction");
    /* Those who leave are indexed again without the mission. */
    rs_status err = touch_team(s, action);
    for (size_t i = 0; i < n && !err; i++) {
        int gone;
        if (!(err = delete_mission(s, action, ids[i], &gone)) && !gone) {
            char msg[2 * RS_ID_MAX + 64];
            snprintf(msg, sizeof msg, "%s is not on the team of request %s", ids[i], action);
            err = rs_store_fail(s, RS_ERR_NOT_FOUND, msg);
        }
    }
    sqlite3_stmt *st;
    /* A request without a team is open again. */
    if (!err && !(err = prepare(s, "UPDATE requests SET status='open' WHERE action=?1 AND NOT "
                                   "EXISTS (SELECT 1 FROM assigned WHERE action=?1)", &st))) {
        sqlite3_bind_text(st, 1, action, -1, SQLITE_STATIC);
        err = run(s, st, "write request");
    }
    return err;
}

rs_status rs_records_each_assigned(rs_store *s, const char *action, const char *expert_id,
                                   rs_status (*fn)(const rs_assigned_row *row, void *ctx),
                                   void *ctx)
{
    if (!rs_store_has_records(s)) return RS_OK;
    sqlite3_stmt *st;
    rs_status err = prepare(s, "SELECT action,expert_id,country,start,end,days FROM assigned "
                               "WHERE (?1 IS NULL OR action=?1) AND (?2 IS NULL OR expert_id=?2) "
                               "ORDER BY start, action, expert_id", &st);
    if (err) return err;
    if (action) sqlite3_bind_text(st, 1, action, -1, SQLITE_STATIC);
    if (expert_id) sqlite3_bind_text(st, 2, expert_id, -1, SQLITE_STATIC);
    int rc;
    while (!err && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        rs_assigned_row row = {text(st, 0), text(st, 1), text(st, 2), sqlite3_column_int(st, 3),
                               sqlite3_column_int(st, 4), sqlite3_column_int(st, 5)};
        err = fn(&row, ctx);
    }
    if (!err && rc != SQLITE_DONE) err = rs_store_sql_fail(s, rc, "read missions");
    sqlite3_finalize(st);
    return err;
}

rs_status rs_records_erase_expert(rs_store *s, const char *id)
{
    sqlite3_stmt *st;
    rs_status err = prepare(s, "DELETE FROM assigned WHERE expert_id=?", &st);
    if (err) return err;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    return run(s, st, "erase missions");
}

void rs_records_time_now(char out[RS_TIME_TEXT])
{
    struct timespec ts;
    struct tm tm;
    char secs[20]; /* YYYY-MM-DDTHH:MM:SS */
    clock_gettime(CLOCK_REALTIME, &ts);
    if (!gmtime_r(&ts.tv_sec, &tm) || !strftime(secs, sizeof secs, "%Y-%m-%dT%H:%M:%S", &tm))
        strcpy(secs, "1970-01-01T00:00:00");
    snprintf(out, RS_TIME_TEXT, "%s.%03dZ", secs, (int)(ts.tv_nsec / 1000000) % 1000);
}

char *rs_records_ids_text(char *const *ids, size_t n)
{
    json_t *list = json_array();
    for (size_t i = 0; list && i < n; i++)
        if (json_array_append_new(list, json_string(ids[i])) != 0) {
            json_decref(list);
            list = NULL;
        }
    char *text = list ? json_dumps(list, JSON_COMPACT) : NULL;
    json_decref(list);
    return text;
}

rs_status rs_records_audit(rs_store *s, const char *user, const char *action, char *const *ids,
                           size_t n)
{
    char *text = rs_records_ids_text(ids, n);
    if (!text) return rs_store_fail(s, RS_ERR_NOMEM, "out of memory");
    char when[RS_TIME_TEXT];
    rs_records_time_now(when);
    sqlite3_stmt *st;
    rs_status err = prepare(s, "INSERT INTO audit(time,user,action,ids) VALUES(?,?,?,?)", &st);
    if (!err) {
        sqlite3_bind_text(st, 1, when, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, user, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, action, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, text, -1, SQLITE_STATIC);
        err = run(s, st, "record in the audit trail");
    }
    free(text);
    return err;
}

rs_status rs_records_each_audit(rs_store *s, const char *from,
                                rs_status (*fn)(const char *time, const char *user,
                                                const char *action, const char *ids, void *ctx),
                                void *ctx)
{
    if (!rs_store_has_records(s)) return RS_OK;
    sqlite3_stmt *st;
    rs_status err = prepare(s, "SELECT time,user,action,ids FROM audit WHERE time >= ? "
                               "ORDER BY seq", &st);
    if (err) return err;
    sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
    int rc;
    while (!err && (rc = sqlite3_step(st)) == SQLITE_ROW)
        err = fn(text(st, 0), text(st, 1), text(st, 2), text(st, 3), ctx);
    if (!err && rc != SQLITE_DONE) err = rs_store_sql_fail(s, rc, "read the audit trail");
    sqlite3_finalize(st);
    return err;
}
