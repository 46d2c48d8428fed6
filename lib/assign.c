/*
 * Assigning a team to a stored request (rs_roster_assign): its experts get
 * a mission of the action (the request's country and window), which load,
 * availability, the portfolio and the report count from the same command
 * on (core/records.h).
 */
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/records.h"
#include "core/term.h"
#include "lib/private.h"

/* What assign needs of the request. */
typedef struct {
    char country[3];
    int has_window;
    int32_t from, to;
} request_info;

static rs_status grab_request(const rs_request_row *row, void *ctx)
{
    request_info *q = ctx;
    strncpy(q->country, row->country, 2);
    q->has_window = row->has_window;
    q->from = row->from;
    q->to = row->to;
    return RS_OK;
}

/* Days Monday to Friday in [from, to] (day 0, 1970-01-01, was a Thursday). */
static int working_days(int32_t from, int32_t to)
{
    int n = 0;
    for (int32_t d = from; d <= to; d++) {
        int weekday = (int)(((d % 7) + 7 + 4) % 7); /* 0 = Sunday */
        n += weekday >= 1 && weekday <= 5;
    }
    return n;
}

/* The roster ids of the typed ids (*out: n malloc'd strings), all or
 * nothing: unknown ids are named together (RS_ERR_NOT_FOUND), as are ids
 * that name several experts or one expert twice (RS_ERR_INPUT); `nothing`
 * is what the message of unknown ids says was not done ("assigned"). */
static rs_status resolve_ids(rs_roster *r, rs_store *s, char *const *ids, size_t n,
                             const char *nothing, char ***out)
{
    char **got = calloc(n, sizeof *got);
    if (!got) return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    char unknown[1024] = "";
    size_t n_unknown = 0, used = 0;
    rs_status st = RS_OK;
    for (size_t i = 0; i < n && !st; i++) {
        char **found;
        size_t k;
        if ((st = rs_store_ids_named(s, ids[i], 2, &found, &k))) {
            st = rs_fail(r, st, "%s", rs_store_error(s));
            break;
        }
        if (k == 1) {
            got[i] = found[0];
            found[0] = NULL;
        } else if (k == 0) {
            n_unknown++;
            used += (size_t)snprintf(unknown + used, used < sizeof unknown ? sizeof unknown - used : 0,
                                     "%s'%.64s'", n_unknown > 1 ? ", " : "", ids[i]);
            if (used >= sizeof unknown) used = sizeof unknown - 1;
        } else {
            st = rs_fail(r, RS_ERR_INPUT, "'%.64s' names several experts ('%s', '%s'): give the "
                                          "id as it is written", ids[i], found[0], found[1]);
        }
        rs_store_ids_free(found, k);
    }
    if (!st && n_unknown)
        st = rs_fail(r, RS_ERR_NOT_FOUND, "unknown expert id%s %s: nothing %s",
                     n_unknown == 1 ? "" : "s", unknown, nothing);
    for (size_t i = 0; i < n && !st; i++)
        for (size_t j = 0; j < i && !st; j++)
            if (strcmp(got[i], got[j]) == 0)
                st = rs_fail(r, RS_ERR_INPUT, "expert '%s' is given twice", got[i]);
    if (st) {
        for (size_t i = 0; i < n; i++) free(got[i]);
        free(got);
        return st;
    }
    *out = got;
    return RS_OK;
}

/* The experts' ids of a team, "EXP-1, EXP-2", as the terminal may show them. */
static void print_ids(const json_t *ids, FILE *f)
{
    size_t i;
    json_t *id;
    json_array_foreach(ids, i, id) {
        if (i) fputs(", ", f);
        rs_term_write(f, json_string_value(id), NULL);
    }
}

static rs_status print_assigned(const rs_answer *a, FILE *f)
{
    const json_t *j = a->json;
    fputs("assigned ", f);
    rs_term_write(f, json_string_value(json_object_get(j, "action")), NULL);
    fputs(" to ", f);
    print_ids(json_object_get(j, "team"), f);
    fprintf(f, ": %s, %s..%s, %d day%s each\n", json_string_value(json_object_get(j, "country")),
            json_string_value(json_object_get(j, "from")),
            json_string_value(json_object_get(j, "to")),
            (int)json_integer_value(json_object_get(j, "days")),
            json_integer_value(json_object_get(j, "days")) == 1 ? "" : "s");
    return ferror(f) ? RS_ERR_IO : RS_OK;
}

static rs_answer *assigned_answer(const rs_assigned_row *m, char *const *ids, size_t n)
{
    char from[11], to[11];
    rs_date_format(m->from, from);
    rs_date_format(m->to, to);
    json_t *team = json_array();
    for (size_t i = 0; team && i < n; i++)
        if (json_array_append_new(team, json_string(ids[i])) != 0) {
            json_decref(team);
            team = NULL;
        }
    if (!team) return NULL;
    json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:i, s:o}", "action", m->action, "country",
                          m->country, "from", from, "to", to, "days", m->days, "team", team);
    return rs_answer_new(j, RS_OUTCOME_DONE, print_assigned, NULL, NULL);
}

/* An expert's first mission of another request over days of the window. */
typedef struct {
    const rs_assigned_row *m; /* the mission to record */
    char other[RS_ID_MAX + 1];
    int32_t from, to;         /* the days both missions hold */
    int found;
} clash;

static rs_status find_clash(const rs_assigned_row *row, void *ctx)
{
    clash *c = ctx;
    /* The request's own team is replaced, not doubled: no clash with it. */
    if (c->found || strcmp(row->action, c->m->action) == 0) return RS_OK;
    if (row->to < c->m->from || row->from > c->m->to) return RS_OK;
    snprintf(c->other, sizeof c->other, "%s", row->action);
    c->from = row->from > c->m->from ? row->from : c->m->from;
    c->to = row->to < c->m->to ? row->to : c->m->to;
    c->found = 1;
    return RS_OK;
}

/* Refuse a team with a member already sent elsewhere on days of the window:
 * one person cannot be on two missions at once, and the record would only
 * be found out by a later check. Every such member is named, one a line. */
static rs_status refuse_clashes(rs_roster *r, rs_store *s, const rs_assigned_row *m,
                                char *const *ids, size_t n)
{
    char msg[2048] = "";
    size_t used = 0, clashes = 0;
    for (size_t i = 0; i < n; i++) {
        clash c = {.m = m};
        rs_status st = rs_records_each_assigned(s, NULL, ids[i], find_clash, &c);
        if (st) return rs_fail(r, st, "%s", rs_store_error(s));
        if (!c.found || used >= sizeof msg - 1) continue;
        char from[11], to[11];
        rs_date_format(c.from, from);
        rs_date_format(c.to, to);
        /* The way to unassign is each front end's to add (a command, an
         * endpoint, a button). */
        used += (size_t)snprintf(msg + used, sizeof msg - used,
                                 "%s%s is already assigned to request %s on %s..%s: to send "
                                 "them to %s, unassign them from %s first",
                                 clashes++ ? "\n" : "", ids[i], c.other, from, to, m->action,
                                 c.other);
        if (used >= sizeof msg) used = sizeof msg - 1;
    }
    return clashes ? rs_fail(r, RS_ERR_INPUT, "%s; nothing assigned", msg) : RS_OK;
}

/* End the write transaction begun for a change of a team: committed when
 * st is RS_OK, else rolled back; then the index brought to it. done names
 * the change ("assigned"), nothing_said is added to a failure's message. */
static rs_status commit_synced(rs_roster *r, rs_store *s, rs_status st, const char *done,
                               const char *nothing_said)
{
    if (st) rs_store_rollback(s);
    if (!st) st = rs_store_commit(s);
    if (st) return rs_fail(r, st, "%s%s", rs_store_error(s), nothing_said);
    if (rs_data_sync(r->data) != RS_OK)
        return rs_fail(r, RS_ERR_BEHIND, "%s, but the index is behind: %s (the next command "
                                         "brings it up to date)", done, rs_data_error(r->data));
    return RS_OK;
}

/* Record the missions in one write transaction, then bring the index to it. */
static rs_status record(rs_roster *r, rs_store *s, const rs_assigned_row *m, char *const *ids,
                        size_t n)
{
    char what[RS_ID_MAX + 16];
    snprintf(what, sizeof what, "assign:%s", m->action);
    /* Checked inside the transaction, so no other writer books them meanwhile. */
    rs_status st = rs_store_begin(s);
    if (st) return rs_fail(r, st, "%s", rs_store_error(s));
    if ((st = refuse_clashes(r, s, m, ids, n))) {
        rs_store_rollback(s);
        return st;
    }
    /* The missions and their audit line commit together. */
    if ((st = rs_records_assign(s, m, ids, n)) == RS_OK)
        st = rs_records_audit(s, r->account, what, ids, n);
    return commit_synced(r, s, st, "assigned", "");
}

rs_status rs_roster_assign(rs_roster *r, const char *action, char *const *ids, size_t n,
                           int days, rs_answer **out)
{
    *out = NULL;
    rs_status st = rs_begin_open(r);
    if (st) return st;
    rs_store *s = rs_data_store(r->data);
    if (n == 0) return rs_fail(r, RS_ERR_INPUT, "no expert given: name the team's ids");
    if (days < 0 || days > RS_ASSIGN_DAYS_MAX)
        return rs_fail(r, RS_ERR_INPUT, "days: %d is not between 1 and %d (0: the working days "
                                        "of the window)", days, RS_ASSIGN_DAYS_MAX);
    request_info q = {0};
    st = rs_records_request(s, action, grab_request, &q);
    if (st == RS_ERR_NOT_FOUND)
        return rs_fail(r, st, "no request '%.64s' is stored", action);
    if (st) return rs_fail(r, st, "%s", rs_store_error(s));
    if (!q.has_window)
        return rs_fail(r, RS_ERR_INPUT, "request '%.64s' has no window (from, to): add them to "
                                        "its ToR and store it again", action);
    /* Days of mission are days of the window: more would weigh on the
     * expert's load and the portfolio for work that cannot happen. */
    int span = q.to - q.from + 1;
    if (days > span) {
        char from[11], to[11];
        rs_date_format(q.from, from);
        rs_date_format(q.to, to);
        return rs_fail(r, RS_ERR_INPUT, "days: %d is more than the %d day%s of the window "
                                        "%s..%s", days, span, span == 1 ? "" : "s", from, to);
    }
    char **team;
    if ((st = resolve_ids(r, s, ids, n, "assigned", &team))) return st;
    /* A window of weekend days alone still makes a day of mission. */
    int wd = working_days(q.from, q.to);
    rs_assigned_row m = {.action = action, .country = q.country, .from = q.from, .to = q.to,
                         .days = days ? days : wd > 0 ? wd : 1};
    st = record(r, s, &m, team, n);
    if (!st && !(*out = assigned_answer(&m, team, n))) st = rs_fail(r, RS_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) free(team[i]);
    free(team);
    return st;
}

static rs_status print_unassigned(const rs_answer *a, FILE *f)
{
    const json_t *j = a->json;
    fputs("unassigned ", f);
    print_ids(json_object_get(j, "removed"), f);
    fputs(" from ", f);
    rs_term_write(f, json_string_value(json_object_get(j, "action")), NULL);
    fprintf(f, "%s\n", strcmp(json_string_value(json_object_get(j, "status")), "open") == 0
                           ? ": no team left, the request is open again" : "");
    return ferror(f) ? RS_ERR_IO : RS_OK;
}

static rs_status grab_status(const rs_request_row *row, void *ctx)
{
    snprintf(ctx, 16, "%s", row->status);
    return RS_OK;
}

/* Take the experts off the team in one write transaction, then bring the
 * index to it; *status: the request's status after. */
static rs_status unrecord(rs_roster *r, rs_store *s, const char *action, char *const *ids,
                          size_t n, char status[16])
{
    char what[RS_ID_MAX + 16];
    snprintf(what, sizeof what, "unassign:%s", action);
    rs_status st = rs_store_begin(s);
    if (!st && (st = rs_records_unassign(s, action, ids, n)) == RS_OK &&
        (st = rs_records_audit(s, r->account, what, ids, n)) == RS_OK)
        st = rs_records_request(s, action, grab_status, status);
    return commit_synced(r, s, st, "unassigned", "; nothing unassigned");
}

rs_status rs_roster_unassign(rs_roster *r, const char *action, char *const *ids, size_t n,
                             rs_answer **out)
{
    *out = NULL;
    rs_status st = rs_begin_open(r);
    if (st) return st;
    rs_store *s = rs_data_store(r->data);
    if (n == 0) return rs_fail(r, RS_ERR_INPUT, "no expert given: name the ids to unassign");
    request_info q = {0};
    st = rs_records_request(s, action, grab_request, &q);
    if (st == RS_ERR_NOT_FOUND) return rs_fail(r, st, "no request '%.64s' is stored", action);
    if (st) return rs_fail(r, st, "%s", rs_store_error(s));
    char **team, status[16] = "";
    if ((st = resolve_ids(r, s, ids, n, "unassigned", &team))) return st;
    st = unrecord(r, s, action, team, n, status);
    json_t *removed = st ? NULL : json_array();
    for (size_t i = 0; removed && i < n; i++) json_array_append_new(removed, json_string(team[i]));
    if (removed) {
        json_t *j = json_pack("{s:s, s:s, s:o}", "action", action, "status", status, "removed",
                              removed);
        if (!(*out = rs_answer_new(j, RS_OUTCOME_DONE, print_unassigned, NULL, NULL)))
            st = rs_fail(r, RS_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) free(team[i]);
    free(team);
    return st;
}
