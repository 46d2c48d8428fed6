/*
 * Routing: method and path → handler, and what every request goes through
 * before its handler: 404 for an unknown path, 405 (with Allow) for a wrong
 * method; for /api/ the reader handle, authentication (401), the role (403
 * for a viewer asking what needs an editor) and, for a change
 * authenticated by the session cookie, the same-origin rule (403); then 400
 * for a query argument given twice or one the route does not take (a
 * misspelt `?qeury=` must not pass for an absent one). A web page's address
 * asked for without a valid session leads to the sign-in form instead of
 * 401; its query arguments are the page's own business (its scripts read
 * them), so they are not checked here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/server.h"

enum {
    OPEN = 1,    /* no sign-in needed (/, /login) */
    EDITOR = 2,  /* an editor only */
    CHANGE = 4,  /* changes the roster: same origin when signed in by cookie */
    PAGE = 8     /* a page of the web app: not signed in leads to /login */
};

typedef struct {
    const char *method;
    const char *pattern; /* segments, "*" matching any one */
    void (*handler)(srv_call *c);
    int flags;
    const char *const *args; /* the query arguments it takes, NULL-ended; NULL: none */
} route;

#define ARGS(...) ((const char *const[]){__VA_ARGS__, NULL})

static const route routes[] = {
    {"GET", "/", srv_home, OPEN, NULL},
    {"GET", "/assets/*", srv_asset_get, OPEN, NULL},
    {"GET", "/search", srv_page, PAGE, NULL},
    {"GET", "/experts/*", srv_page, PAGE, NULL},
    {"GET", "/requests", srv_page, PAGE, NULL},
    {"GET", "/requests/*", srv_page, PAGE, NULL},
    {"GET", "/requests/*/print", srv_page, PAGE, NULL},
    {"GET", "/report", srv_page, PAGE, NULL},
    {"GET", "/import", srv_page, PAGE, NULL}, /* says a viewer may not */
    {"GET", "/login", srv_login_page, OPEN, ARGS("once", "next")},
    {"POST", "/login", srv_login_token, OPEN, ARGS("next")},
    {"POST", "/logout", srv_logout, OPEN | CHANGE, NULL},
    {"GET", "/api/search", api_search, 0, ARGS("q", "limit", "offset", "facets")},
    {"GET", "/api/experts/*", api_expert, 0, NULL},
    {"DELETE", "/api/experts/*", api_forget, EDITOR | CHANGE, NULL},
    {"GET", "/api/experts/*/export", api_export, EDITOR, NULL},
    {"POST", "/api/import", api_import, EDITOR | CHANGE, ARGS("skip_bad", "id")},
    {"POST", "/api/match", api_match, 0, ARGS("teams", "shortlist", "pool")},
    {"POST", "/api/check", api_check, 0, NULL},
    {"POST", "/api/draft", api_draft, 0, ARGS("name")},
    {"GET", "/api/report", api_report, 0, ARGS("since")},
    {"GET", "/api/taxonomy", api_taxonomy, 0, NULL},
    {"GET", "/api/requests", api_requests, 0, NULL},
    {"POST", "/api/requests", api_request_add, EDITOR | CHANGE, NULL},
    {"GET", "/api/requests/*", api_request, 0, NULL},
    {"POST", "/api/requests/*/assign", api_assign, EDITOR | CHANGE, NULL},
    {"POST", "/api/requests/*/unassign", api_unassign, EDITOR | CHANGE, NULL},
    {"GET", "/api/audit", api_audit, EDITOR, ARGS("since")},
};
static const size_t n_routes = sizeof routes / sizeof routes[0];

static const char not_found_page[] =
    "<h1>No such page</h1><p>Nothing lives at this address. <a href=\"/search\">Search the "
    "roster</a> or see the <a href=\"/requests\">requests</a>.</p>";

/* Does `path` match `pattern` segment by segment? The segments matched by
 * "*" (non-empty) go to param. */
static int matches(const char *pattern, const char *path, const char **param, char *buf,
                   size_t bufsz)
{
    size_t np = 0, used = 0;
    while (*pattern && *path) {
        if (*pattern != '/' || *path != '/') return 0;
        pattern++, path++;
        size_t plen = strcspn(pattern, "/"), len = strcspn(path, "/");
        if (plen == 1 && *pattern == '*') {
            if (len == 0 || np == 2 || used + len + 1 > bufsz) return 0;
            memcpy(buf + used, path, len);
            buf[used + len] = '\0';
            param[np++] = buf + used;
            used += len + 1;
        } else if (plen != len || memcmp(pattern, path, len) != 0) {
            return 0;
        }
        pattern += plen, path += len;
    }
    return !*pattern && !*path;
}

/* The methods the path allows, as an Allow header ("GET, HEAD, POST"). */
static void allowed(const char *path, char *out, size_t outsz)
{
    const char *param[2];
    char buf[4096];
    out[0] = '\0';
    for (size_t i = 0; i < n_routes; i++) {
        if (!matches(routes[i].pattern, path, param, buf, sizeof buf)) continue;
        if (*out) strncat(out, ", ", outsz - strlen(out) - 1);
        strncat(out, routes[i].method, outsz - strlen(out) - 1);
        if (strcmp(routes[i].method, "GET") == 0) strncat(out, ", HEAD", outsz - strlen(out) - 1);
    }
}

/* Every query argument is one the route takes, and given once: 0, or -1
 * after answering 400. An unknown one is named with the nearest the route
 * takes when one is a slip away; one given twice (?q=a&q=b) is ambiguous,
 * as taking one would answer a question the client may not have asked.
 * A route takes a few arguments, so a long query string ends at its first
 * unknown or repeated name. */
static int check_args(srv_call *c, const route *rt)
{
    const srv_request *req = c->req;
    size_t n = 0;
    while (rt->args && rt->args[n]) n++;
    unsigned seen = 0; /* bit k: rt->args[k] given (a route takes far fewer than 32) */
    for (size_t i = 0; i < req->n_args; i++) {
        const char *name = req->args[i].name;
        size_t k = 0;
        while (k < n && strcmp(name, rt->args[k]) != 0) k++;
        char msg[200];
        if (k < n && !(seen & 1u << k)) {
            seen |= 1u << k;
            continue;
        }
        const char *near = k == n && n ? rs_did_you_mean(name, rt->args, n) : NULL;
        if (k < n)
            snprintf(msg, sizeof msg, "%.64s: the query argument is given more than once", name);
        else if (near)
            snprintf(msg, sizeof msg, "%.64s: not a query argument here (did you mean '%s'?)",
                     name, near);
        else
            snprintf(msg, sizeof msg, "%.64s: not a query argument here", name);
        srv_reply_error(c->res, 400, msg, NULL);
        return -1;
    }
    return 0;
}

/* Check what the route asks of the caller: 0, or -1 after answering. */
static int admit(srv_call *c, const route *rt)
{
    if (rt->flags & OPEN) return 0;
    if (!(c->reader = srv_reader(c->cfg, c->res))) return -1;
    if (srv_authenticate(c) != 0) {
        if ((rt->flags & PAGE) && c->res->status == 401) srv_to_login(c);
        return -1;
    }
    if ((rt->flags & EDITOR) && c->role != RS_ROLE_EDITOR) {
        srv_reply_error(c->res, 403, "this needs an editor account", NULL);
        return -1;
    }
    if ((rt->flags & CHANGE) && c->by_cookie && !srv_same_origin(c->req)) {
        srv_reply_error(c->res, 403, "a change signed in by cookie must come from this "
                                     "service's own pages (Origin or Referer)", NULL);
        return -1;
    }
    rs_status st = rs_roster_set_account(c->reader, c->account);
    if (st != RS_OK) {
        srv_reply_failure(c->res, c->reader, st, 500);
        return -1;
    }
    return 0;
}

void srv_handle(const srv_config *cfg, const srv_request *req, srv_response *res)
{
    srv_call c = {.cfg = cfg, .req = req, .res = res};
    /* HEAD is GET without a body (the transport leaves the body out). */
    const char *method = strcmp(req->method, "HEAD") == 0 ? "GET" : req->method;
    char params[4096];
    const route *found = NULL;
    int path_known = 0;
    for (size_t i = 0; i < n_routes && !found; i++) {
        if (!matches(routes[i].pattern, req->path, c.param, params, sizeof params)) continue;
        path_known = 1;
        if (strcmp(routes[i].method, method) == 0) found = &routes[i];
    }
    if (!found && !path_known && strncmp(req->path, "/api/", 5) != 0) {
        /* A person typed or followed it: a page, not JSON. */
        srv_reply_document(res, 404, "No such page", "", not_found_page);
    } else if (!found && !path_known) {
        srv_reply_error(res, 404, "no such page or endpoint", NULL);
    } else if (!found) {
        char allow[64];
        allowed(req->path, allow, sizeof allow);
        srv_reply_error(res, 405, "method not allowed here", NULL);
        srv_add_header(res, "Allow", allow);
    } else if (admit(&c, found) == 0 && ((found->flags & PAGE) || check_args(&c, found) == 0)) {
        /* Arguments are judged after sign-in: a caller without credentials
         * learns nothing of an endpoint but that it is there. */
        found->handler(&c);
    }
    free(c.account);
}
