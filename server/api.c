/*
 * The endpoints of /api/ (spec section 8). Each calls the verb of
 * lib/roster.h that the command line calls and sends its answer's JSON as
 * it is: the document `roster VERB --json` prints. Reads use the request's
 * reader handle; a change opens a writer of its own, and the verb's
 * all-or-nothing transaction means a failure leaves the roster as it was.
 *
 * Statuses: 400 for a query argument or a body that is not JSON, 422 for a
 * body whose content fails validation (with the CLI's problems), 404 for an
 * unknown expert or request, 503 + Retry-After while a writer holds the
 * store.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "server/server.h"

/* Send a verb's answer (and free it), or its failure. */
static void answer(srv_call *c, rs_roster *r, rs_status st, rs_answer *a, int ok_status,
                   int input_status)
{
    if (st == RS_OK) srv_reply_json(c->res, ok_status, rs_answer_json(a));
    else srv_reply_failure(c->res, r, st, input_status);
    rs_answer_free(a);
}

/* The body as JSON: NULL after answering 400 when it is not. */
static json_t *body_json(srv_call *c)
{
    json_error_t err;
    json_t *v = c->req->body ? json_loadb(c->req->body, c->req->body_len, 0, &err) : NULL;
    if (!v) {
        char msg[256];
        if (c->req->body)
            snprintf(msg, sizeof msg, "the body is not JSON: line %d, column %d: %s", err.line,
                     err.column, err.text);
        else
            snprintf(msg, sizeof msg, "the body is empty: JSON expected");
        srv_reply_error(c->res, 400, msg, NULL);
    }
    return v;
}

/* One validation problem of a body, as the CLI words them. */
static void invalid(srv_call *c, const char *field, const char *problem)
{
    json_t *p = json_pack("[{s:s, s:i, s:s, s:s, s:s}]", "file", "body", "line", 1, "field",
                          field, "problem", problem, "severity", "error");
    char msg[256];
    snprintf(msg, sizeof msg, "body: %s: %s", field, problem);
    srv_reply_error(c->res, 422, msg, p);
    json_decref(p);
}

/* The ids of a JSON array of strings (borrowed from it): NULL after
 * answering 422 when it is not one. *n = 0 for an empty array. */
static char **id_list(srv_call *c, const json_t *team, size_t *n)
{
    *n = json_array_size(team);
    char **ids = json_is_array(team) ? calloc(*n + 1, sizeof *ids) : NULL;
    if (!ids) {
        invalid(c, "team", json_is_array(team) ? "out of memory" : "an array of expert ids expected");
        return NULL;
    }
    for (size_t i = 0; i < *n; i++) {
        const char *id = json_string_value(json_array_get(team, i));
        if (!id) {
            free(ids);
            invalid(c, "team", "an array of expert ids (strings) expected");
            return NULL;
        }
        ids[i] = (char *)id;
    }
    return ids;
}

/* The roster's id for the one in the path: NULL after answering 404 (or
 * 400 when several ids differ only in case). */
static char *path_id(srv_call *c, rs_roster *r)
{
    char *id = NULL;
    rs_status st = rs_roster_find_id(r, c->param[0], &id);
    if (st != RS_OK) srv_reply_failure(c->res, r, st, 400);
    return id;
}

void api_search(srv_call *c)
{
    const char *q = srv_arg(c->req, "q");
    long limit, facets;
    if (srv_arg_long(c, "limit", 20, 0, 100000, &limit) ||
        srv_arg_long(c, "facets", 0, 0, 1, &facets))
        return;
    rs_answer *a = NULL;
    rs_status st = rs_roster_search(c->reader, q ? q : "", (size_t)limit, (int)facets, &a);
    answer(c, c->reader, st, a, 200, 400);
}

void api_expert(srv_call *c)
{
    /* The id as typed, in any case, as `roster show` takes it. */
    rs_answer *a = NULL;
    rs_status st = rs_roster_expert(c->reader, c->param[0], &a);
    answer(c, c->reader, st, a, 200, 400);
}

void api_export(srv_call *c)
{
    char *id = path_id(c, c->reader);
    if (!id) return;
    rs_answer *a = NULL;
    rs_status st = rs_roster_export(c->reader, id, &a);
    answer(c, c->reader, st, a, 200, 400);
    free(id);
}

/* A change stored whose index is behind succeeded: the answer says what
 * readers miss until the next command brings the index up to date. */
static void add_warning(json_t *o, rs_roster *w, rs_status st)
{
    if (st == RS_ERR_BEHIND) json_object_set_new(o, "warning", json_string(rs_roster_message(w)));
}

void api_forget(srv_call *c)
{
    /* The id exactly as stored, as `roster forget` takes it: erasing is
     * not done on a guess. */
    rs_roster *w = srv_open_writer(c);
    if (!w) return;
    char *id = (char *)c->param[0];
    rs_status st = rs_roster_forget(w, &id, 1);
    if (st == RS_OK || st == RS_ERR_BEHIND) {
        json_t *o = json_pack("{s:[s]}", "forgotten", id);
        if (o) add_warning(o, w, st);
        srv_reply_json(c->res, 200, o);
        json_decref(o);
    } else {
        srv_reply_failure(c->res, w, st, 422);
    }
    rs_roster_close(w);
}

/* CSV by its media type; anything else is read as JSON Lines. */
static rs_format body_format(const srv_request *req)
{
    const char *type = srv_header(req, "Content-Type");
    return type && strncasecmp(type, "text/csv", 8) == 0 ? RS_FORMAT_CSV : RS_FORMAT_JSONL;
}

void api_import(srv_call *c)
{
    long skip_bad;
    if (srv_arg_long(c, "skip_bad", 0, 0, 1, &skip_bad)) return;
    rs_roster *w = srv_open_writer(c);
    if (!w) return;
    rs_import_stats stats = {0};
    rs_status st = rs_roster_import_data(w, "body", c->req->body ? c->req->body : "",
                                         c->req->body_len, body_format(c->req), (int)skip_bad,
                                         &stats);
    if (st == RS_OK || st == RS_ERR_BEHIND) {
        json_t *o = json_pack("{s:I, s:I, s:I, s:I, s:O}", "imported", (json_int_t)stats.imported,
                              "read", (json_int_t)stats.read, "rejected",
                              (json_int_t)stats.rejected, "updated", (json_int_t)stats.updated,
                              "problems", rs_roster_problems(w));
        if (o) add_warning(o, w, st);
        srv_reply_json(c->res, 200, o);
        json_decref(o);
    } else {
        srv_reply_failure(c->res, w, st, 422);
    }
    rs_roster_close(w);
}

/* The body as a ToR for the library, once it is known to be JSON. */
static int tor_text(srv_call *c, rs_text *tor)
{
    json_t *v = body_json(c);
    if (!v) return -1;
    json_decref(v);
    *tor = (rs_text){.name = "body", .line = 1, .data = c->req->body, .len = c->req->body_len};
    return 0;
}

void api_match(srv_call *c)
{
    long teams, shortlist, pool;
    rs_text tor;
    /* The library's bounds (rs_match_limits), told as a bad query argument. */
    if (srv_arg_long(c, "teams", 3, 1, 100, &teams) ||
        srv_arg_long(c, "shortlist", 20, 0, 1000, &shortlist) ||
        srv_arg_long(c, "pool", 60, 2, 400, &pool) || tor_text(c, &tor))
        return;
    rs_match_limits lim = {.shortlist = (size_t)shortlist, .teams = (size_t)teams,
                           .pool = (size_t)pool};
    rs_answer *a = NULL;
    rs_status st = rs_roster_match(c->reader, &tor, &lim, &a);
    answer(c, c->reader, st, a, 200, 422);
}

/* The spec names the CLI's array: the API sends it as {"rules": [...]}, the
 * same array from the same builder, in an object a client can grow into. */
static void checked(srv_call *c, rs_answer *a)
{
    /* "O" takes a reference of its own; the answer keeps its one. */
    json_t *o = json_pack("{s:O}", "rules", (json_t *)rs_answer_json(a));
    if (o) srv_reply_json(c->res, 200, o);
    else srv_reply_error(c->res, 500, "out of memory", NULL);
    json_decref(o);
    rs_answer_free(a);
}

void api_check(srv_call *c)
{
    json_t *body = body_json(c);
    if (!body) return;
    json_t *tor = json_object_get(body, "tor");
    size_t n;
    char **ids = NULL, *text = NULL;
    if (!json_is_object(tor)) invalid(c, "tor", "the terms of reference (an object) expected");
    else if ((ids = id_list(c, json_object_get(body, "team"), &n)) &&
             !(text = json_dumps(tor, JSON_COMPACT)))
        srv_reply_error(c->res, 500, "out of memory", NULL);
    if (text) {
        rs_text t = {.name = "body", .line = 1, .data = text, .len = strlen(text)};
        rs_answer *a = NULL;
        rs_status st = rs_roster_check(c->reader, &t, ids, n, &a);
        if (st == RS_OK) checked(c, a);
        else answer(c, c->reader, st, a, 200, 422);
    }
    free(text);
    free(ids);
    json_decref(body);
}

void api_report(srv_call *c)
{
    rs_answer *a = NULL;
    rs_status st = rs_roster_report(c->reader, srv_arg(c->req, "since"), &a);
    answer(c, c->reader, st, a, 200, 400);
}

void api_taxonomy(srv_call *c)
{
    rs_answer *a = NULL;
    rs_status st = rs_roster_taxonomy(c->reader, &a);
    answer(c, c->reader, st, a, 200, 400);
}

void api_requests(srv_call *c)
{
    rs_answer *a = NULL;
    rs_status st = rs_roster_requests(c->reader, &a);
    answer(c, c->reader, st, a, 200, 400);
}

void api_request(srv_call *c)
{
    rs_answer *a = NULL;
    rs_status st = rs_roster_request(c->reader, c->param[0], 1, &a);
    answer(c, c->reader, st, a, 200, 400);
}

void api_request_add(srv_call *c)
{
    rs_text tor;
    if (tor_text(c, &tor)) return;
    rs_roster *w = srv_open_writer(c);
    if (!w) return;
    rs_status st = rs_roster_request_add(w, &tor, 1);
    if (st == RS_OK) {
        /* The stored request as `roster request show` gives it. */
        json_t *v = json_loadb(c->req->body, c->req->body_len, 0, NULL);
        const char *action = json_string_value(json_object_get(v, "action"));
        rs_answer *a = NULL;
        st = action ? rs_roster_request(w, action, 0, &a) : RS_ERR_INPUT;
        answer(c, w, st, a, 201, 422);
        json_decref(v);
    } else {
        srv_reply_failure(c->res, w, st, 422);
    }
    rs_roster_close(w);
}

void api_assign(srv_call *c)
{
    json_t *body = body_json(c);
    if (!body) return;
    json_t *days = json_object_get(body, "days");
    size_t n;
    char **ids = NULL;
    /* Its range is the library's to check (rs_roster_assign). */
    if (days && (!json_is_integer(days) || json_integer_value(days) < -100000 ||
                 json_integer_value(days) > 100000))
        invalid(c, "days", "a whole number of days expected");
    else if ((ids = id_list(c, json_object_get(body, "team"), &n))) {
        rs_roster *w = srv_open_writer(c);
        if (w) {
            rs_answer *a = NULL;
            rs_status st = rs_roster_assign(w, c->param[0], ids, n,
                                            days ? (int)json_integer_value(days) : 0, &a);
            answer(c, w, st, a, 200, 422);
            rs_roster_close(w);
        }
    }
    free(ids);
    json_decref(body);
}

void api_audit(srv_call *c)
{
    rs_answer *a = NULL;
    rs_status st = rs_roster_audit(c->reader, srv_arg(c->req, "since"), &a);
    answer(c, c->reader, st, a, 200, 400);
}
