/*
 * The facility's records as verbs: requests (a ToR kept by its action) and
 * the team assigned to one, recorded as missions (core/records.h says where
 * they live and how the index follows them). docs/records.md.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/jsonbuild.h"
#include "core/record.h"
#include "core/records.h"
#include "core/term.h"
#include "lib/private.h"
#include "matcher/tor.h"

static rs_status store_failed(rs_roster *r, rs_store *s, rs_status st)
{
    return rs_fail(r, st, "%s", rs_store_error(s));
}

/* ---- request add ---- */

/* The text of a ToR as stored: its JSON, compact, keys in their order,
 * without a draft's notes for its reviewer nor the keys the reader warned
 * of (NULL when out of memory; the text was validated before). */
static char *canonical(const rs_text *t)
{
    const char *data = t->data;
    size_t len = t->len;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) data += 3, len -= 3;
    json_t *j = json_loadb(data, len, JSON_REJECT_DUPLICATES, NULL);
    if (j) rs_tor_drop_unknown(j);
    char *out = j ? json_dumps(j, JSON_COMPACT) : NULL;
    json_decref(j);
    return out;
}

static rs_status no_op(const rs_request_row *row, void *ctx)
{
    (void)row, (void)ctx;
    return RS_OK;
}

/* Append to `replaced` the action when a request of it is stored. */
static rs_status note_replaced(rs_store *s, const char *action, json_t *replaced)
{
    rs_status st = rs_records_request(s, action, no_op, NULL);
    if (st == RS_ERR_NOT_FOUND) return RS_OK;
    if (st) return st;
    return json_array_append_new(replaced, json_string(action)) == 0 ? RS_OK : RS_ERR_NOMEM;
}

static rs_status put_all(rs_roster *r, rs_store *s, const rs_tor *tors, char *const *texts,
                         size_t n, json_t *replaced)
{
    rs_status st = rs_records_begin(s);
    for (size_t i = 0; i < n && !st; i++) {
        const rs_tor *t = &tors[i];
        rs_request_row row = {.action = t->action, .country = t->country, .title = t->title,
                              .team_size = t->team_size, .has_window = t->has_window,
                              .from = t->from, .to = t->to, .tor = texts[i]};
        if (!(st = note_replaced(s, t->action, replaced))) st = rs_records_put_request(s, &row);
    }
    if (!st) st = rs_records_commit(s);
    else rs_store_rollback(s);
    return st ? store_failed(r, s, st) : RS_OK;
}

/* A stored request is found again by its action, in a command line, a URL
 * path and a term: it must be an id (a ToR only to match may say more).
 * A valid ToR always has one. */
static int action_ok(const char *action, const char *name, long line, rs_diag *d)
{
    if (rs_id_syntax_ok(action, strlen(action))) return 1;
    rs_diag_add(d, RS_ERROR, name, line, "action",
                "must be 1-%d characters of A-Z a-z 0-9 . _ - to store a request", RS_ID_MAX);
    return 0;
}

/* "stored 2 requests (1 replaced: 2027-05)": the line promised before
 * replacements were told, and then which actions were replaced. */
static rs_status print_stored(const rs_answer *a, FILE *f)
{
    json_int_t n = json_integer_value(json_object_get(a->json, "stored"));
    const json_t *replaced = json_object_get(a->json, "replaced");
    fprintf(f, "stored %lld request%s", (long long)n, n == 1 ? "" : "s");
    size_t i;
    json_t *action;
    json_array_foreach(replaced, i, action) {
        fprintf(f, i ? ", " : " (%zu replaced: ", json_array_size(replaced));
        rs_term_write(f, json_string_value(action), NULL);
    }
    fputs(json_array_size(replaced) ? ")\n" : "\n", f);
    return ferror(f) ? RS_ERR_IO : RS_OK;
}

static rs_status stored_answer(rs_roster *r, size_t n, json_t *replaced, rs_answer **out)
{
    json_t *j = json_pack("{s:I, s:O}", "stored", (json_int_t)n, "replaced", replaced);
    *out = rs_answer_new(j, RS_OUTCOME_DONE, print_stored, NULL, NULL);
    return *out ? RS_OK : rs_fail(r, RS_ERR_NOMEM, "out of memory");
}

rs_status rs_roster_request_add(rs_roster *r, const rs_text *texts, size_t n, rs_answer **out)
{
    if (out) *out = NULL;
    rs_status st = rs_begin_open(r);
    if (st) return st;
    rs_store *s = rs_data_store(r->data);
    if (!rs_store_has_records(s))
        return rs_fail(r, RS_ERR_IO, "requests need the roster opened for writing");
    rs_tor *tors = calloc(n ? n : 1, sizeof *tors);
    char **canon = calloc(n ? n : 1, sizeof *canon);
    rs_diag d;
    rs_diag_init(&d);
    size_t bad = 0;
    if (!tors || !canon) st = rs_fail(r, RS_ERR_NOMEM, "out of memory");
    /* Every file read and checked before anything is stored: all or nothing. */
    for (size_t i = 0; i < n && !st; i++) {
        const rs_text *t = &texts[i];
        const char *name = t->name ? t->name : "-";
        if (t->len > RS_LINE_MAX) {
            /* As match bounds a ToR: a wrong file is not read whole. */
            rs_diag_add(&d, RS_ERROR, name, 0, "", "file too large for a ToR (over %u bytes)",
                        RS_LINE_MAX);
            bad++;
        } else if (rs_tor_from_json_text(t->data ? t->data : "", t->len, name,
                                         t->line > 0 ? t->line : 1, &tors[i], &d) != 0) {
            bad++;
        } else if (!action_ok(tors[i].action, name, t->line > 0 ? t->line : 1, &d)) {
            bad++;
        } else if (!(canon[i] = canonical(t))) {
            st = rs_fail(r, RS_ERR_NOMEM, "out of memory");
        }
    }
    if (!st && bad)
        st = rs_fail(r, RS_ERR_INPUT, "%zu of %zu request%s not valid: nothing stored", bad, n,
                     n == 1 ? "" : "s");
    rs_keep_problems(r, &d);
    json_t *replaced = json_array();
    if (!st && !replaced) st = rs_fail(r, RS_ERR_NOMEM, "out of memory");
    if (!st) st = put_all(r, s, tors, canon, n, replaced);
    if (!st && out) st = stored_answer(r, n, replaced, out);
    json_decref(replaced);
    for (size_t i = 0; tors && i < n; i++) rs_tor_free(&tors[i]);
    for (size_t i = 0; canon && i < n; i++) free(canon[i]);
    free(tors);
    free(canon);
    rs_diag_free(&d);
    return st;
}

/* ---- request list ---- */

/* What lists say of a request. */
static json_t *request_json(const rs_request_row *row)
{
    char from[11], to[11];
    if (row->has_window) {
        rs_date_format(row->from, from);
        rs_date_format(row->to, to);
    }
    return json_pack("{s:s, s:s, s:s, s:i, s:o, s:o, s:s}", "action", row->action, "country",
                     row->country, "title", row->title, "team_size", row->team_size, "from",
                     row->has_window ? json_string(from) : json_null(), "to",
                     row->has_window ? json_string(to) : json_null(), "status", row->status);
}

static rs_status list_row(const rs_request_row *row, void *ctx)
{
    return json_array_append_new(ctx, request_json(row)) == 0 ? RS_OK : RS_ERR_NOMEM;
}

/* A request's window as people read it: "2027-03-01..2027-03-12", or "-". */
static void print_window(const json_t *req, FILE *f)
{
    const char *from = json_string_value(json_object_get(req, "from"));
    const char *to = json_string_value(json_object_get(req, "to"));
    if (from && to) fprintf(f, "%s..%s", from, to);
    else fprintf(f, "%-22s", "-");
}

/* One line a request: action, country, status, seats, window, title; the
 * actions padded to the longest so the columns line up. */
static rs_status print_requests(const rs_answer *a, FILE *f)
{
    size_t i, width = 0;
    json_t *req;
    if (json_array_size(a->json) == 0) fprintf(f, "no requests stored\n");
    json_array_foreach(a->json, i, req) {
        size_t n = json_string_length(json_object_get(req, "action"));
        if (n > width) width = n;
    }
    json_array_foreach(a->json, i, req) {
        const json_t *action = json_object_get(req, "action");
        rs_term_write(f, json_string_value(action), NULL);
        fprintf(f, "%*s  %s  %-8s  %d  ", (int)(width - json_string_length(action)), "",
                json_string_value(json_object_get(req, "country")),
                json_string_value(json_object_get(req, "status")),
                (int)json_integer_value(json_object_get(req, "team_size")));
        print_window(req, f);
        fputs("  ", f);
        rs_term_write(f, json_string_value(json_object_get(req, "title")), NULL);
        fputc('\n', f);
    }
    return ferror(f) ? RS_ERR_IO : RS_OK;
}

rs_status rs_roster_requests(rs_roster *r, rs_answer **out)
{
    *out = NULL;
    rs_status st = rs_begin_open(r);
    if (st) return st;
    rs_store *s = rs_data_store(r->data);
    json_t *arr = json_array();
    if (!arr) return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    st = rs_records_each_request(s, list_row, arr);
    if (st) {
        json_decref(arr);
        return st == RS_ERR_NOMEM ? rs_fail(r, st, "out of memory") : store_failed(r, s, st);
    }
    if (!(*out = rs_answer_new(arr, RS_OUTCOME_DONE, print_requests, NULL, NULL)))
        return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    return RS_OK;
}

/* ---- verify ---- */

typedef struct {
    rs_roster *r;
    rs_store *s;
    rs_problems *out;
    int oom;
} verify_ctx;

static void add_problem(verify_ctx *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add_problem(verify_ctx *v, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char **lines = realloc(v->out->lines, (v->out->n + 1) * sizeof *lines);
    if (!lines || !(lines[v->out->n] = strdup(buf))) {
        if (lines) v->out->lines = lines;
        v->oom = 1;
        return;
    }
    v->out->lines = lines;
    v->out->n++;
}

/* A stored request's ToR must still read as a ToR of its action. */
static rs_status verify_request(const rs_request_row *row, void *ctx)
{
    verify_ctx *v = ctx;
    rs_diag d;
    rs_diag_init(&d);
    rs_tor t;
    char name[RS_ID_MAX + 16];
    snprintf(name, sizeof name, "request %.*s", RS_ID_MAX, row->action);
    if (rs_tor_from_json_text(row->tor, strlen(row->tor), name, 1, &t, &d) != 0) {
        const rs_problem *p = NULL;
        for (size_t i = 0; i < d.n && !p; i++)
            if (d.items[i].severity == RS_ERROR) p = &d.items[i];
        add_problem(v, "request '%s': its stored ToR no longer reads: %s%s%s", row->action,
                    p && p->field && *p->field ? p->field : "", p && p->field && *p->field ? ": " : "",
                    p ? p->message : "unreadable");
    } else {
        if (strcmp(t.action, row->action) != 0)
            add_problem(v, "request '%s': its stored ToR is of action '%s'", row->action, t.action);
        rs_tor_free(&t);
    }
    rs_diag_free(&d);
    return v->oom ? RS_ERR_NOMEM : RS_OK;
}

static rs_status found_request(const rs_request_row *row, void *ctx)
{
    (void)row, (void)ctx;
    return RS_OK;
}

/* An assigned mission must name an expert of the roster and a request. */
static rs_status verify_mission(const rs_assigned_row *row, void *ctx)
{
    verify_ctx *v = ctx;
    char *record = NULL;
    rs_status st = rs_store_get_record(v->s, row->expert_id, &record);
    free(record);
    if (st == RS_ERR_NOT_FOUND)
        add_problem(v, "mission of action '%s' names expert '%s', who is not in the roster",
                    row->action, row->expert_id);
    else if (st)
        return st;
    st = rs_records_request(v->s, row->action, found_request, NULL);
    if (st == RS_ERR_NOT_FOUND)
        add_problem(v, "mission of expert '%s' is of action '%s', which is no stored request",
                    row->expert_id, row->action);
    else if (st)
        return st;
    return v->oom ? RS_ERR_NOMEM : RS_OK;
}

rs_status rs_records_verify(rs_roster *r, rs_problems *out)
{
    if (!r->data) return rs_fail(r, RS_ERR_NOT_FOUND, "the roster could not be opened");
    rs_store *s = rs_data_store(r->data);
    verify_ctx v = {r, s, out, 0};
    rs_status st = rs_records_each_request(s, verify_request, &v);
    if (!st) st = rs_records_each_assigned(s, NULL, NULL, verify_mission, &v);
    if (st == RS_ERR_NOMEM || v.oom) return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    return st ? store_failed(r, s, st) : RS_OK;
}
