/*
 * Who is asking: a bearer token (scripts) or the session cookie a browser
 * gets at sign-in; the same-origin rule for changes made with the cookie;
 * the sign-in pages (a token typed in a form, or a one-time link made by
 * `roster login-link`) and sign-out.
 *
 * The secrets themselves are checked by the library (hashes, constant-time
 * comparison); nothing here logs or echoes a token, a code or a session.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "server/server.h"

#define COOKIE "roster_session"

/* The session cookie's value in a Cookie header, malloc'd, or NULL. */
static char *cookie_session(const char *header)
{
    size_t n = strlen(COOKIE);
    for (const char *p = header; p && *p;) {
        p += strspn(p, " \t");
        size_t len = strcspn(p, ";");
        if (len > n && strncmp(p, COOKIE, n) == 0 && p[n] == '=')
            return strndup(p + n + 1, len - n - 1);
        p = p[len] ? p + len + 1 : NULL;
    }
    return NULL;
}

static void unauthorized(srv_call *c, const char *why)
{
    srv_reply_error(c->res, 401, why, NULL);
    srv_add_header(c->res, "WWW-Authenticate", "Bearer realm=\"roster\"");
}

int srv_authenticate(srv_call *c)
{
    const char *auth = srv_header(c->req, "Authorization");
    rs_status st;
    if (auth) {
        if (strncasecmp(auth, "Bearer ", 7) != 0) {
            unauthorized(c, "Authorization must be 'Bearer TOKEN'");
            return -1;
        }
        const char *token = auth + 7;
        token += strspn(token, " ");
        st = rs_roster_token_account(c->reader, token, &c->account, &c->role);
    } else {
        char *session = cookie_session(srv_header(c->req, "Cookie"));
        if (!session) {
            unauthorized(c, "sign in: send 'Authorization: Bearer TOKEN' or the session cookie");
            return -1;
        }
        st = rs_roster_session_account(c->reader, session, &c->account, &c->role);
        free(session);
        c->by_cookie = 1;
    }
    /* The library cannot tell a session ended from a cookie never made:
     * either way nobody is signed in. */
    if (st == RS_ERR_DENIED) {
        unauthorized(c, auth ? "unknown token"
                             : "not signed in: the session cookie is not valid (signed out, "
                               "expired or never made): sign in again");
        return -1;
    }
    if (st != RS_OK) {
        srv_reply_failure(c->res, c->reader, st, 500);
        return -1;
    }
    return 0;
}

/* Does `url` (scheme://host[:port][/...]) name `host` (Host header)? */
static int names_host(const char *url, const char *host)
{
    const char *p = strstr(url, "://");
    if (!p || (size_t)(p - url) > 5) return 0;
    p += 3;
    size_t len = strcspn(p, "/?#");
    return len == strlen(host) && strncasecmp(p, host, len) == 0;
}

int srv_same_origin(const srv_request *req)
{
    const char *host = srv_header(req, "Host");
    if (!host || !*host) return 0;
    const char *origin = srv_header(req, "Origin");
    if (origin) return names_host(origin, host);
    const char *referer = srv_header(req, "Referer");
    return referer && names_host(referer, host);
}

const char *srv_local_path(const char *next)
{
    /* "//host" and "/\host" lead elsewhere in browsers; control characters
     * could split the Location header. */
    if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\') return "/";
    for (const char *p = next; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '\\') return "/";
    return next;
}

/* The Set-Cookie value for a session (NULL value: end it). Secure when a
 * TLS proxy in front says the browser came over https. */
static void set_cookie(srv_call *c, const char *session)
{
    const char *proto = srv_header(c->req, "X-Forwarded-Proto");
    int secure = proto && strcasecmp(proto, "https") == 0;
    size_t len = strlen(COOKIE) + (session ? strlen(session) : 0) + 96;
    char *v = malloc(len);
    if (!v) return;
    snprintf(v, len, "%s=%s; Path=/; HttpOnly; SameSite=Strict%s%s", COOKIE,
             session ? session : "", session ? "" : "; Max-Age=0", secure ? "; Secure" : "");
    srv_add_header(c->res, "Set-Cookie", v);
    free(v);
}

/* 303 to a local path; the page says what was done, for a client that
 * does not follow. */
static void redirect(srv_call *c, const char *to, const char *done)
{
    char page[96];
    snprintf(page, sizeof page, "<!doctype html><p>%s</p>", done);
    srv_reply_html(c->res, 303, page);
    srv_add_header(c->res, "Location", srv_local_path(to));
}

/* The sign-in page's main part: a note, then the form carrying `next`. */
static const char form_page[] =
    "<h1>Sign in</h1>%s"
    "<form method=\"post\" action=\"/login\" class=\"card\">"
    "<input type=\"hidden\" name=\"next\" value=\"%s\">"
    "<div class=\"field\"><label for=\"token\">Your token</label>"
    "<input id=\"token\" type=\"password\" name=\"token\" autocomplete=\"off\" required "
    "aria-describedby=\"token-hint\">"
    "<span id=\"token-hint\" class=\"hint\">The token <code>roster user add</code> printed "
    "for your account.</span></div><button>Sign in</button></form>"
    "<p>Or open a one-time sign-in link: an administrator makes one with "
    "<code>roster login-link NAME</code>.</p>";

/* s as the value of an HTML attribute in double quotes (malloc'd). */
static char *html_attribute(const char *s)
{
    char *out = malloc(6 * strlen(s) + 1);
    if (out) srv_html_escape(out, s);
    return out;
}

/* The sign-in form, carrying where to go after it (a local path). */
static void form(srv_call *c, int status, const char *note, const char *next)
{
    char *value = html_attribute(srv_local_path(next));
    size_t size = sizeof form_page + strlen(note) + (value ? strlen(value) : 0);
    char *page = value ? malloc(size) : NULL;
    if (!page) {
        srv_reply_error(c->res, 500, "out of memory", NULL);
    } else {
        snprintf(page, size, form_page, note, value);
        srv_reply_document(c->res, status, "Sign in", "sign-in", page);
    }
    free(page);
    free(value);
}

/* The request's reader, opened on first use: sign-in and sign-out keep
 * their records apart from the store, so they never wait for a writer. NULL
 * after answering the failure. */
static rs_roster *reader(srv_call *c)
{
    if (!c->reader) c->reader = srv_reader(c->cfg, c->res);
    return c->reader;
}

/* Spend a one-time code and sign in with the session it gives. */
static void spend_code(srv_call *c, const char *code)
{
    rs_roster *r = reader(c);
    if (!r) return;
    char *session = NULL, *next = NULL;
    rs_status st = rs_roster_login(r, code, &session, &next);
    if (st == RS_ERR_DENIED) {
        form(c, 401, "<p class=\"error\" role=\"alert\">This sign-in link is not valid: it was used already, "
                     "it expired (links last 5 minutes) or it was never made. Ask for a new "
                     "one.</p>", srv_arg(c->req, "next"));
    } else if (st != RS_OK) {
        srv_reply_failure(c->res, r, st, 400);
    } else {
        redirect(c, next && *next ? next : srv_arg(c->req, "next"), "Signed in.");
        set_cookie(c, session);
    }
    free(session);
    free(next);
}

void srv_login_page(srv_call *c)
{
    const char *code = srv_arg(c->req, "once");
    if (code) spend_code(c, code);
    else form(c, 200, "", srv_arg(c->req, "next"));
}

/* Sign in with a token: the account's own one-time code, spent at once. */
void srv_login_token(srv_call *c)
{
    rs_roster *r = reader(c);
    if (!r) return;
    char *token = srv_form_value(c->req->body, c->req->body_len, "token");
    char *next = srv_form_value(c->req->body, c->req->body_len, "next");
    char *code = NULL;
    rs_role role;
    rs_status st = token ? rs_roster_token_account(r, token, &c->account, &role) : RS_ERR_DENIED;
    /* The code is made by the account itself (the audit trail says so). */
    if (st == RS_OK) st = rs_roster_set_account(r, c->account);
    if (st == RS_OK) st = rs_roster_login_link(r, c->account, srv_local_path(next), &code);
    if (st == RS_ERR_DENIED) form(c, 401, "<p class=\"error\" role=\"alert\">Unknown token.</p>", next);
    else if (st != RS_OK) srv_reply_failure(c->res, r, st, 400);
    else spend_code(c, code);
    free(code);
    free(token);
    free(next);
}

void srv_logout(srv_call *c)
{
    char *session = cookie_session(srv_header(c->req, "Cookie"));
    if (session && !srv_same_origin(c->req)) {
        srv_reply_error(c->res, 403, "sign out from this service's own pages", NULL);
        free(session);
        return;
    }
    rs_roster *r = NULL;
    if (session && !(r = reader(c))) {
        free(session); /* reader() answered */
        return;
    }
    rs_status st = r ? rs_roster_logout(r, session) : RS_OK;
    free(session);
    if (st != RS_OK && st != RS_ERR_DENIED) {
        srv_reply_failure(c->res, r, st, 400);
        return;
    }
    redirect(c, "/login", "Signed out.");
    set_cookie(c, NULL);
}
