/*
 * The web service's request logic, apart from HTTP transport.
 *
 * server/http.c turns each HTTP request of libmicrohttpd into an srv_request
 * (method, decoded path, decoded query arguments, headers, whole body) and
 * sends back the srv_response that srv_handle() fills. Everything between —
 * routing (route.c), authentication and roles (auth.c), the endpoints of the
 * API (api.c) — works on these two structures alone, so it runs without
 * sockets: the fuzz target fuzz/fuzz_http.c drives it directly.
 *
 * The endpoints answer with the rs_answer JSON of the matching verb of
 * lib/roster.h: the very document `roster VERB --json` prints.
 */
#ifndef RS_SERVER_H
#define RS_SERVER_H

#include <jansson.h>
#include <stddef.h>

#include "lib/roster.h"

/* One name and value (a header, a query argument), both borrowed. */
typedef struct {
    const char *name;
    const char *value;
} srv_pair;

typedef struct {
    const char *method;        /* "GET", "POST", ... */
    const char *path;          /* percent-decoded, without the query string */
    const srv_pair *args;      /* query arguments, percent-decoded */
    size_t n_args;
    const srv_pair *headers;   /* names in any case */
    size_t n_headers;
    const char *body;          /* the whole body (not NUL-terminated), or NULL */
    size_t body_len;
} srv_request;

#define SRV_MAX_HEADERS 6

/* What to send back. body and the header values are owned (malloc'd). */
typedef struct {
    int status;
    const char *type;                     /* Content-Type, static */
    char *body;
    size_t len;
    const char *header_name[SRV_MAX_HEADERS]; /* static names */
    char *header_value[SRV_MAX_HEADERS];
    size_t n_headers;
} srv_response;

typedef struct {
    const char *db;      /* the data directory */
    rs_index_choice index; /* --index: what readers read (.index NULL: the directory's own) */
    size_t max_body;     /* bytes; a longer body is refused with 413 */
} srv_config;

/* Answer one request: fills *res (zeroed by the caller). Never fails: an
 * error of any kind becomes an error response. */
void srv_handle(const srv_config *cfg, const srv_request *req, srv_response *res);
void srv_response_free(srv_response *res);

/* ---- shared by route.c, auth.c and api.c ---- */

/* One request being answered. */
typedef struct {
    const srv_config *cfg;
    const srv_request *req;
    srv_response *res;
    const char *param[2];  /* path segments matched by "*" in the route */
    rs_roster *reader;     /* the thread's reader (borrowed), acting as the account */
    char *account;         /* who is signed in (NULL before authentication) */
    rs_role role;
    int by_cookie;         /* authenticated by the session cookie */
} srv_call;

/* A header's value (name in any case), or NULL. */
const char *srv_header(const srv_request *req, const char *name);
/* A query argument's value, or NULL. */
const char *srv_arg(const srv_request *req, const char *name);
/* A whole-number query argument within [min, max] (def when absent): 0, or
 * -1 after answering 400. */
int srv_arg_long(srv_call *c, const char *name, long def, long min, long max, long *out);

/* Set the response: JSON (value borrowed), HTML or an empty body. */
void srv_reply_json(srv_response *res, int status, const json_t *value);
void srv_reply_html(srv_response *res, int status, const char *html);
/* A page of the service's own outside the app (sign-in, not found): the
 * app's stylesheet and icon, the bar, then `main` (HTML, trusted) in
 * <main class="main_class">; its title is "title — roster". */
void srv_reply_document(srv_response *res, int status, const char *title,
                        const char *main_class, const char *main);
/* An error: {"error": message, "problems": problems or []}. */
void srv_reply_error(srv_response *res, int status, const char *message,
                     const json_t *problems);
/* The error of a failed verb on r: its message and problems, the status
 * mapped to HTTP (input → `input_status`, which is 400 for a query's
 * arguments and 422 for a body's content). */
void srv_reply_failure(srv_response *res, rs_roster *r, rs_status st, int input_status);
/* A roster that cannot be opened is the service's failure, not the
 * client's: 500 (503 with Retry-After when busy). */
void srv_reply_open_failure(srv_response *res, rs_roster *r, rs_status st);
/* s with & < > " escaped as HTML, written at out (room for 6 bytes per
 * byte of s, and the NUL); returns the end (the NUL). */
char *srv_html_escape(char *out, const char *s);
/* Add a header (value copied). */
void srv_add_header(srv_response *res, const char *name, const char *value);

/* The HTTP status for a failed verb (RS_ERR_INPUT excepted). */
int srv_status_code(rs_status st);

/* The calling thread's reader (server/reader.c), brought up to the last
 * committed change and acting as nobody yet; borrowed: it stays open for
 * the thread's next requests. NULL after answering the failure. */
rs_roster *srv_reader(const srv_config *cfg, srv_response *res);
/* Hand the calling thread's reader (one of what cfg reads) to the next
 * thread that asks for one, as a thread made for one request ends. */
void srv_reader_park(const srv_config *cfg);
/* Close the calling thread's reader and the parked ones (at exit of a
 * program that is not done with threads). */
void srv_reader_release(void);

/* Open a handle for a change, acting as the signed-in account: NULL after
 * answering the failure (503 with Retry-After when a writer holds the store). */
rs_roster *srv_open_writer(srv_call *c);

/* Decode %XX and '+' of a form or query component into a new string (NULL
 * when out of memory). */
char *srv_decode(const char *s, size_t len);
/* The value of `name` in an application/x-www-form-urlencoded body, decoded
 * and malloc'd, or NULL. */
char *srv_form_value(const char *body, size_t len, const char *name);

/* ---- auth.c ---- */

/* Authenticate an /api/ request by its bearer token or session cookie, on
 * c->reader: 0 with c->account and c->role set, or -1 after answering 401. */
int srv_authenticate(srv_call *c);
/* Does the request come from the page of this very service (Origin, else
 * Referer, against Host)? */
int srv_same_origin(const srv_request *req);
/* A local path to redirect to: `next` when it is one, else "/". */
const char *srv_local_path(const char *next);
void srv_login_page(srv_call *c);   /* GET /login, also with ?once=CODE */
void srv_login_token(srv_call *c);  /* POST /login with a token */
void srv_logout(srv_call *c);       /* POST /logout */

/* ---- page.c: the web app ---- */

/* One file of the web app (server/web/), compiled in by server/embed-web.sh. */
typedef struct {
    const char *name;   /* "app.js" */
    const char *type;   /* its Content-Type */
    const char *data;
    size_t len;
    const char *etag;   /* quoted */
} srv_asset;
extern const srv_asset srv_assets[];
extern const size_t srv_n_assets;

void srv_home(srv_call *c);    /* GET /: the search page */
void srv_page(srv_call *c);    /* GET of a page address: the app's one page, signed in */
void srv_asset_get(srv_call *c); /* GET /assets/NAME, open to all (the sign-in page uses it) */
/* Answer a page asked for without a valid session: 303 to the sign-in
 * form, which comes back to the same address. */
void srv_to_login(srv_call *c);

/* ---- api.c: the endpoints of /api/ ---- */

void api_search(srv_call *c);
void api_expert(srv_call *c);
void api_export(srv_call *c);
void api_forget(srv_call *c);
void api_import(srv_call *c);
void api_match(srv_call *c);
void api_draft(srv_call *c);
void api_check(srv_call *c);
void api_report(srv_call *c);
void api_taxonomy(srv_call *c);
void api_requests(srv_call *c);
void api_request(srv_call *c);
void api_request_add(srv_call *c);
void api_assign(srv_call *c);
void api_unassign(srv_call *c);
void api_audit(srv_call *c);

/* ---- http.c: the daemon ---- */

typedef struct {
    srv_config cfg;
    const char *host;          /* numeric address or name to listen on */
    unsigned port;             /* 0: any free port */
    unsigned timeout;          /* seconds a connection may idle or a body take */
    unsigned threads;          /* 0: one per core */
    int access_log;            /* one line per request on stderr */
} srv_options;

/* Serve until SIGTERM or SIGINT, then finish requests in flight and return
 * 0; prints "serving http://HOST:PORT/" on stdout once accepting. -1 (with
 * the reason on stderr) when the service cannot start. */
int srv_run(const srv_options *o);

#endif
