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
 * store. The messages speak HTTP: where the library's answer leaves advice
 * to its front end (an import refused, a request not stored), the advice
 * here names the API's own arguments and endpoints.
 */
#include <ctype.h>
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

/* A match answered with the warnings its ToR was read with (kept on r;
 * the command line prints them apart): the answer's JSON (borrowed), or a
 * copy with "problems". New reference. */
static json_t *with_warnings(const rs_roster *r, const json_t *match)
{
    const json_t *problems = rs_roster_problems(r);
    json_t *out = json_array_size(problems) ? json_copy((json_t *)match) : json_incref((json_t *)match);
    if (out != match && out)
        json_object_set_new(out, "problems", json_deep_copy(problems));
    return out;
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

/* Refuse a body object with a key not in known[0..n): a misspelt key
 * ("dayz") must not pass for an absent one. Every unknown key is a
 * problem, with the nearest known key when one is a slip away, as the
 * record reader words it. 0, or -1 after answering 422. */
static int known_keys(srv_call *c, const json_t *body, const char *const *known, size_t n)
{
    json_t *problems = json_array();
    const char *key, *first = NULL;
    json_t *v;
    char problem[128], msg[256];
    json_object_foreach((json_t *)body, key, v) {
        size_t i = 0;
        while (i < n && strcmp(key, known[i]) != 0) i++;
        if (i < n) continue;
        const char *near = rs_did_you_mean(key, known, n);
        if (near) snprintf(problem, sizeof problem, "unknown key (did you mean '%s'?)", near);
        else snprintf(problem, sizeof problem, "unknown key");
        json_array_append_new(problems, json_pack("{s:s, s:i, s:s, s:s, s:s}", "file", "body",
                                                  "line", 1, "field", key, "problem", problem,
                                                  "severity", "error"));
        if (!first) {
            first = key;
            snprintf(msg, sizeof msg, "body: %.64s: %s", key, problem);
        }
    }
    if (first) srv_reply_error(c->res, 422, msg, problems);
    json_decref(problems);
    return first ? -1 : 0;
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

void api_search(srv_call *c)
{
    const char *q = srv_arg(c->req, "q");
    long limit, offset, facets;
    if (srv_arg_long(c, "limit", 20, 0, 100000, &limit) ||
        srv_arg_long(c, "offset", 0, 0, 10000000, &offset) ||
        srv_arg_long(c, "facets", 0, 0, 1, &facets))
        return;
    rs_answer *a = NULL;
    rs_status st = rs_roster_search(c->reader, q ? q : "", (size_t)offset, (size_t)limit,
                                    (int)facets, &a);
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
    /* The id exactly as stored, as `roster export` takes it: someone's data
     * is not handed out on a guess. */
    rs_answer *a = NULL;
    rs_status st = rs_roster_export(c->reader, c->param[0], &a);
    answer(c, c->reader, st, a, 200, 400);
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

/* Is the body one JSON object with a "basics" object (a JSON Resume)? */
static int json_resume_body(const srv_request *req)
{
    json_error_t err;
    json_t *v = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &err);
    int yes = json_is_object(json_object_get(v, "basics"));
    json_decref(v);
    return yes;
}

/* CSV by its media type; a CV when it is XML (a Europass CV) or a JSON
 * Resume sent as JSON; anything else is read as JSON Lines. */
static rs_format body_format(const srv_request *req)
{
    const char *type = srv_header(req, "Content-Type");
    if (!type) return RS_FORMAT_JSONL;
    if (strncasecmp(type, "text/csv", 8) == 0) return RS_FORMAT_CSV;
    if (strncasecmp(type, "application/xml", 15) == 0 || strncasecmp(type, "text/xml", 8) == 0)
        return RS_FORMAT_CV;
    if (strncasecmp(type, "application/json", 16) == 0 && json_resume_body(req))
        return RS_FORMAT_CV;
    return RS_FORMAT_JSONL;
}

/* A CV is one expert, whose id the query names (?id=); records carry their
 * own. 0, or -1 after answering 400. */
static int check_cv_id(srv_call *c, rs_format fmt, const char *id)
{
    if (fmt == RS_FORMAT_CV && !id) {
        srv_reply_error(c->res, 400, "a CV is one expert: give its id (POST /api/import?id=ID)",
                        NULL);
        return -1;
    }
    if (fmt != RS_FORMAT_CV && id) {
        srv_reply_error(c->res, 400, "id names the expert of a CV (a Europass CV sent as "
                                     "application/xml, or a JSON Resume as application/json); "
                                     "records carry their own ids", NULL);
        return -1;
    }
    return 0;
}

/* Does the body's first line look like a CSV header ("id,name,...")? Sent
 * without its media type, it was read as JSON Lines and failed. */
static int csv_header_first(const srv_request *req)
{
    const char *nl = memchr(req->body, '\n', req->body_len);
    size_t len = nl ? (size_t)(nl - req->body) : req->body_len;
    char *line = strndup(req->body, len < 4096 ? len : 4096);
    for (char *p = line; p && *p; p++) *p = (char)tolower((unsigned char)*p);
    int csv = line && line[strspn(line, " \t")] != '{' && strchr(line, ',') && strstr(line, "id");
    free(line);
    return csv;
}

/* An import refused, said in the API's terms: the library states what was
 * refused; the advice (the skip_bad argument, the media type of CSV) is
 * this front end's. */
static void import_refused(srv_call *c, rs_roster *w, const rs_import_stats *st, int skip_bad)
{
    char msg[512];
    int len;
    if (st->files_rejected)
        len = snprintf(msg, sizeof msg, "nothing imported: the body is rejected whole%s",
                       skip_bad ? " (skip_bad=1 skips bad records, not a body that cannot be "
                                  "read)" : "");
    else if (st->rejected)
        len = snprintf(msg, sizeof msg, "%ld of %ld record%s rejected; nothing imported: fix "
                       "the problems listed, or send skip_bad=1 to import the good records",
                       st->rejected, st->read, st->read == 1 ? "" : "s");
    else
        len = snprintf(msg, sizeof msg, "%s", rs_roster_message(w));
    if (body_format(c->req) == RS_FORMAT_JSONL && csv_header_first(c->req) && len > 0 &&
        (size_t)len < sizeof msg)
        snprintf(msg + len, sizeof msg - (size_t)len, "; the first line looks like a CSV "
                 "header: send CSV with Content-Type: text/csv");
    srv_reply_error(c->res, 422, msg, rs_roster_problems(w));
}

void api_import(srv_call *c)
{
    long skip_bad;
    if (srv_arg_long(c, "skip_bad", 0, 0, 1, &skip_bad)) return;
    /* An empty body is a client's slip (a wrong file name to curl's @),
     * not an import of nothing. */
    if (!c->req->body || !c->req->body_len) {
        srv_reply_error(c->res, 400, "the body is empty: JSON Lines, CSV with Content-Type: "
                                     "text/csv, or a CV (?id=ID) expected", NULL);
        return;
    }
    rs_format fmt = body_format(c->req);
    const char *id = srv_arg(c->req, "id");
    if (check_cv_id(c, fmt, id)) return;
    rs_roster *w = srv_open_writer(c);
    if (!w) return;
    rs_import_stats stats = {0};
    rs_status st = fmt == RS_FORMAT_CV
                       ? rs_roster_import_cv(w, "body", c->req->body, c->req->body_len, id,
                                             (int)skip_bad, &stats)
                       : rs_roster_import_data(w, "body", c->req->body, c->req->body_len, fmt,
                                               (int)skip_bad, &stats);
    if (st == RS_OK || st == RS_ERR_BEHIND) {
        json_t *o = json_pack("{s:I, s:I, s:I, s:I, s:O}", "imported", (json_int_t)stats.imported,
                              "read", (json_int_t)stats.read, "rejected",
                              (json_int_t)stats.rejected, "updated", (json_int_t)stats.updated,
                              "problems", rs_roster_problems(w));
        if (o) add_warning(o, w, st);
        srv_reply_json(c->res, 200, o);
        json_decref(o);
    } else if (st == RS_ERR_INPUT) {
        import_refused(c, w, &stats, (int)skip_bad);
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
    json_t *out = st == RS_OK ? with_warnings(c->reader, rs_answer_json(a)) : NULL;
    if (st != RS_OK) srv_reply_failure(c->res, c->reader, st, 422);
    else if (out) srv_reply_json(c->res, 200, out);
    else srv_reply_error(c->res, 500, "out of memory", NULL);
    json_decref(out);
    rs_answer_free(a);
}

/* A request document (the body; ?name= its file's name, which tells
 * Markdown from plain text) made into a draft ToR, as `roster draft --json`
 * prints it. Nothing is stored: the officer reviews the draft first. */
void api_draft(srv_call *c)
{
    if (!c->req->body || !c->req->body_len) {
        srv_reply_error(c->res, 400, "the body is empty: a request document (.txt, .md, "
                                     ".pdf, .docx, .odt) expected", NULL);
        return;
    }
    const char *name = srv_arg(c->req, "name");
    rs_answer *a = NULL;
    rs_status st = rs_roster_draft(c->reader, name && *name ? name : "document.txt",
                                   c->req->body, c->req->body_len, &a);
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

/* Check the team of a body whose keys are known. */
static void check_team(srv_call *c, const json_t *body)
{
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
}

void api_check(srv_call *c)
{
    static const char *const keys[] = {"tor", "team"};
    json_t *body = body_json(c);
    if (body && known_keys(c, body, keys, 2) == 0) check_team(c, body);
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

/* Is the request of the path stored? 1 or 0, or -1 after answering a
 * failure to look. */
static int request_stored(srv_call *c, rs_roster *r, const char *action)
{
    rs_answer *a = NULL;
    rs_status st = rs_roster_request(r, action, 0, &a);
    rs_answer_free(a);
    if (st == RS_OK || st == RS_ERR_NOT_FOUND) return st == RS_OK;
    srv_reply_failure(c->res, r, st, 400);
    return -1;
}

/* 404 for a request not stored, with the API's way to store one. */
static void not_stored(srv_call *c, const char *action)
{
    char msg[160];
    snprintf(msg, sizeof msg, "no request '%.64s' (store it with POST /api/requests)", action);
    srv_reply_error(c->res, 404, msg, NULL);
}

void api_request(srv_call *c)
{
    /* Of this verb, not found can only mean the request. */
    rs_answer *a = NULL;
    rs_status st = rs_roster_request(c->reader, c->param[0], 1, &a);
    if (st == RS_ERR_NOT_FOUND) {
        not_stored(c, c->param[0]);
    } else if (st != RS_OK) {
        srv_reply_failure(c->res, c->reader, st, 400);
    } else {
        /* Its match with the warnings its ToR is read with. */
        json_t *out = json_copy((json_t *)rs_answer_json(a)), *match = NULL;
        const json_t *asked = out ? json_object_get(out, "match") : NULL;
        if (asked) match = with_warnings(c->reader, asked);
        if (out && (!asked || (match && json_object_set_new(out, "match", match) == 0)))
            srv_reply_json(c->res, 200, out);
        else
            srv_reply_error(c->res, 500, "out of memory", NULL);
        json_decref(out);
    }
    rs_answer_free(a);
}

/* Store the body's request and answer it as `roster request show` gives
 * it: 201 when it is new, 200 when it replaced the one of its action (the
 * library stores or replaces). */
static void store_request(srv_call *c, rs_roster *w, const json_t *body)
{
    const char *action = json_string_value(json_object_get(body, "action"));
    /* No action: the library's validation says so. */
    int existed = action ? request_stored(c, w, action) : 0;
    if (existed < 0) return;
    rs_text tor = {.name = "body", .line = 1, .data = c->req->body, .len = c->req->body_len};
    rs_status st = rs_roster_request_add(w, &tor, 1, NULL);
    rs_answer *a = NULL;
    if (st == RS_OK) st = action ? rs_roster_request(w, action, 0, &a) : RS_ERR_INPUT;
    answer(c, w, st, a, existed ? 200 : 201, 422);
}

void api_request_add(srv_call *c)
{
    json_t *body = body_json(c);
    if (!body) return;
    rs_roster *w = srv_open_writer(c);
    if (w) store_request(c, w, body);
    rs_roster_close(w);
    json_decref(body);
}

/* The body's days: 0 when absent (the working days of the window), else
 * 1 to RS_ASSIGN_DAYS_MAX as `roster assign --days` takes it; -1 after
 * answering 422. */
static int body_days(srv_call *c, const json_t *body)
{
    json_t *days = json_object_get(body, "days");
    if (!days) return 0;
    json_int_t n = json_is_integer(days) ? json_integer_value(days) : 0;
    if (n >= 1 && n <= RS_ASSIGN_DAYS_MAX) return (int)n;
    char problem[64];
    snprintf(problem, sizeof problem, "expected a whole number from 1 to %d", RS_ASSIGN_DAYS_MAX);
    invalid(c, "days", problem);
    return -1;
}

void api_assign(srv_call *c)
{
    static const char *const keys[] = {"team", "days"};
    json_t *body = body_json(c);
    if (!body) return;
    size_t n;
    char **ids = NULL;
    int days = -1;
    if (!known_keys(c, body, keys, 2) && (days = body_days(c, body)) >= 0)
        ids = id_list(c, json_object_get(body, "team"), &n);
    rs_roster *w = ids ? srv_open_writer(c) : NULL;
    /* Looked up first: the verb's not found may also mean an expert. */
    int stored = w ? request_stored(c, w, c->param[0]) : -1;
    if (stored == 0) not_stored(c, c->param[0]);
    if (stored == 1) {
        rs_answer *a = NULL;
        rs_status st = rs_roster_assign(w, c->param[0], ids, n, days, &a);
        answer(c, w, st, a, 200, 422);
    }
    rs_roster_close(w);
    free(ids);
    json_decref(body);
}

/* {"team": [ids]} taken off the request's team, as `roster unassign`
 * does: all or nothing, 404 for an id that is not on it. */
void api_unassign(srv_call *c)
{
    static const char *const keys[] = {"team"};
    json_t *body = body_json(c);
    if (!body) return;
    size_t n;
    char **ids = NULL;
    if (!known_keys(c, body, keys, 1)) ids = id_list(c, json_object_get(body, "team"), &n);
    rs_roster *w = ids ? srv_open_writer(c) : NULL;
    /* Looked up first, as for assign: the verb's not found may also mean an
     * expert, or one not on the team. */
    int stored = w ? request_stored(c, w, c->param[0]) : -1;
    if (stored == 0) not_stored(c, c->param[0]);
    if (stored == 1) {
        rs_answer *a = NULL;
        rs_status st = rs_roster_unassign(w, c->param[0], ids, n, &a);
        answer(c, w, st, a, 200, 422);
    }
    rs_roster_close(w);
    free(ids);
    json_decref(body);
}

void api_audit(srv_call *c)
{
    rs_answer *a = NULL;
    rs_status st = rs_roster_audit(c->reader, srv_arg(c->req, "since"), &a);
    answer(c, c->reader, st, a, 200, 400);
}
