/*
 * One stored request (rs_roster_request): its ToR, its status and team,
 * and on demand its current match; matching a stored request by its action
 * (rs_roster_match_request) goes through the same pipeline as a ToR file.
 */
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/jsonbuild.h"
#include "core/records.h"
#include "core/term.h"
#include "lib/private.h"

/* What a request's answer is made of, read from the store. */
typedef struct {
    rs_json_build b;
    json_t *o;
    char *tor;      /* the stored ToR text (malloc'd) */
} request_ctx;

static rs_status grab_request(const rs_request_row *row, void *arg)
{
    request_ctx *c = arg;
    char from[11], to[11];
    if (row->has_window) {
        rs_date_format(row->from, from);
        rs_date_format(row->to, to);
    }
    rs_json_build *b = &c->b;
    c->o = rs_json_take(b, json_object());
    rs_json_set(b, c->o, "action", json_string(row->action));
    rs_json_set(b, c->o, "country", json_string(row->country));
    rs_json_set(b, c->o, "title", json_string(row->title));
    rs_json_set(b, c->o, "team_size", json_integer(row->team_size));
    rs_json_set(b, c->o, "from", row->has_window ? json_string(from) : json_null());
    rs_json_set(b, c->o, "to", row->has_window ? json_string(to) : json_null());
    rs_json_set(b, c->o, "status", json_string(row->status));
    rs_json_set(b, c->o, "tor", json_loads(row->tor, 0, NULL));
    rs_json_set(b, c->o, "team", json_array());
    if (!(c->tor = strdup(row->tor))) b->failed = 1;
    return RS_OK;
}

static rs_status grab_member(const rs_assigned_row *row, void *arg)
{
    request_ctx *c = arg;
    json_t *m = json_pack("{s:s, s:i}", "id", row->expert_id, "days", row->days);
    rs_json_append(&c->b, json_object_get(c->o, "team"), m);
    return RS_OK;
}

/* Read a stored request into c (c->o, c->tor). */
static rs_status read_request(rs_roster *r, const char *action, request_ctx *c)
{
    rs_store *s = rs_data_store(r->data);
    memset(c, 0, sizeof *c);
    rs_status st = rs_records_request(s, action, grab_request, c);
    if (st == RS_ERR_NOT_FOUND)
        return rs_fail(r, st, "no request '%.64s' is stored", action);
    if (!st && c->o) st = rs_records_each_assigned(s, action, NULL, grab_member, c);
    if (st) st = rs_fail(r, st, "%s", rs_store_error(s));
    else if (c->b.failed) st = rs_fail(r, RS_ERR_NOMEM, "out of memory, or a stored ToR that is "
                                                        "no longer JSON (roster verify)");
    if (st) {
        json_decref(c->o);
        free(c->tor);
        memset(c, 0, sizeof *c);
    }
    return st;
}

/* A stored ToR's name in problems: "request ACTION". */
#define STORED_NAME_MAX (RS_ID_MAX + 16)

/* The stored ToR as a text for the matcher, named after its action. */
static rs_text stored_text(const char *action, const char *tor, char name[STORED_NAME_MAX])
{
    snprintf(name, STORED_NAME_MAX, "request %.*s", RS_ID_MAX, action);
    return (rs_text){name, 1, tor, strlen(tor)};
}

static rs_status match_stored(rs_roster *r, const char *action, const char *tor,
                              const rs_match_limits *o, rs_answer **out)
{
    char name[STORED_NAME_MAX];
    rs_text t = stored_text(action, tor, name);
    return rs_roster_match(r, &t, o, out);
}

static void free_match(void *priv) { rs_answer_free(priv); }

/* The request, its team, the ToR as stored (indented), then the match's
 * own text form when it came with one. */
static rs_status print_request(const rs_answer *a, FILE *f)
{
    const json_t *j = a->json;
    fputs("request ", f);
    rs_term_write(f, json_string_value(json_object_get(j, "action")), NULL);
    fprintf(f, ": %s", json_string_value(json_object_get(j, "status")));
    size_t i;
    json_t *m;
    json_array_foreach(json_object_get(j, "team"), i, m) {
        fputs(i ? ", " : ", team: ", f);
        rs_term_write(f, json_string_value(json_object_get(m, "id")), NULL);
        fprintf(f, " (%d days)", (int)json_integer_value(json_object_get(m, "days")));
    }
    fputc('\n', f);
    /* The ToR is printed as JSON (escaped by jansson: no raw control
     * character reaches the terminal), so it can be saved and edited. */
    if (json_dumpf(json_object_get(j, "tor"), f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0)
        return RS_ERR_IO;
    fputc('\n', f);
    if (a->priv) {
        fputc('\n', f);
        return rs_answer_print(a->priv, f);
    }
    return ferror(f) ? RS_ERR_IO : RS_OK;
}

rs_status rs_roster_request(rs_roster *r, const char *action, int with_match, rs_answer **out)
{
    *out = NULL;
    rs_status st = rs_begin_open(r);
    if (st) return st;
    request_ctx c;
    if ((st = read_request(r, action, &c))) return st;
    rs_answer *match = NULL;
    if (with_match && (st = match_stored(r, action, c.tor, NULL, &match))) {
        json_decref(c.o);
        free(c.tor);
        return st;
    }
    free(c.tor);
    if (match && json_object_set(c.o, "match", match->json) != 0) {
        rs_answer_free(match);
        json_decref(c.o);
        return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    }
    if (!(*out = rs_answer_new(c.o, match ? rs_answer_outcome(match) : RS_OUTCOME_DONE,
                               print_request, match, free_match)))
        return rs_fail(r, RS_ERR_NOMEM, "out of memory");
    return RS_OK;
}

/* The stored ToR of `action` alone (*tor malloc'd). */
static rs_status read_tor(rs_roster *r, const char *action, char **tor)
{
    *tor = NULL;
    rs_status st = rs_begin_open(r);
    request_ctx c;
    if (!st) st = read_request(r, action, &c);
    if (st) return st;
    json_decref(c.o);
    *tor = c.tor;
    return RS_OK;
}

rs_status rs_roster_match_request(rs_roster *r, const char *action, const rs_match_limits *o,
                                  rs_answer **out)
{
    *out = NULL;
    char *tor;
    rs_status st = read_tor(r, action, &tor);
    if (st) return st;
    st = match_stored(r, action, tor, o, out);
    free(tor);
    return st;
}

rs_status rs_roster_check_request(rs_roster *r, const char *action, char *const *ids, size_t n,
                                  rs_answer **out)
{
    *out = NULL;
    char *tor;
    rs_status st = read_tor(r, action, &tor);
    if (st) return st;
    char name[STORED_NAME_MAX];
    rs_text t = stored_text(action, tor, name);
    st = rs_roster_check(r, &t, ids, n, out);
    free(tor);
    return st;
}
