/* Body of the HTTP fuzz target: one request, as text, through the web
 * service's request logic (server/server.h: routing, sign-in, roles, the
 * endpoints) on a small roster, without sockets. See fuzz.h.
 *
 * The input is a request much as it travels:
 *
 *   METHOD PATH?QUERY\n
 *   Name: value\n        (headers, up to an empty line)
 *   \n
 *   body
 *
 * so the fuzzer mutates the request line, the query string, the headers and
 * the body alike. In header values "@E", "@V" and "@S" stand for an editor's
 * token, a viewer's token and a live session, so inputs get past sign-in. */
#define _XOPEN_SOURCE 700 /* nftw */
#include "fuzz/fuzz.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/roster.h"
#include "server/server.h"

#define MAX_PAIRS 64

static const char EXPERTS[] =
    "{\"id\":\"H-1\",\"name\":\"Ana Lopes\",\"gender\":\"F\",\"nationalities\":[\"PT\"],"
    "\"status\":\"public\",\"languages\":[{\"code\":\"fr\",\"level\":\"C1\"}],"
    "\"fields\":[\"E.10.01\"],\"summary\":\"Pensions d'invalidité\"}\n"
    "{\"id\":\"H-2\",\"name\":\"Jan Kowalski\",\"gender\":\"M\",\"nationalities\":[\"PL\"],"
    "\"status\":\"retired_public\",\"languages\":[{\"code\":\"fr\",\"level\":\"B2\"}],"
    "\"fields\":[\"E.10\"],\"summary\":\"Labour inspection\"}\n";

static char dir[64];
static char *editor, *viewer, *session;

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static void remove_roster(void)
{
    free(editor), free(viewer), free(session);
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* The roster, its two accounts and a session, made once. */
static void setup(void)
{
    if (dir[0]) return;
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/roster-fuzz-http-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    PROPERTY(mkdtemp(dir) != NULL);
    atexit(remove_roster);
    atexit(srv_reader_release); /* runs first: the reader, then its directory */
    rs_roster *r;
    rs_import_stats st;
    char *code = NULL, *next = NULL;
    PROPERTY(rs_roster_open(dir, RS_OPEN_WRITE, "fuzz", &r) == RS_OK);
    PROPERTY(rs_roster_import_data(r, "seed.jsonl", EXPERTS, sizeof EXPERTS - 1,
                                   RS_FORMAT_JSONL, 0, &st) == RS_OK);
    PROPERTY(rs_roster_user_add(r, "ed", RS_ROLE_EDITOR, &editor) == RS_OK);
    PROPERTY(rs_roster_user_add(r, "vi", RS_ROLE_VIEWER, &viewer) == RS_OK);
    PROPERTY(rs_roster_login_link(r, "ed", NULL, &code) == RS_OK);
    PROPERTY(rs_roster_login(r, code, &session, &next) == RS_OK);
    free(code), free(next);
    rs_roster_close(r);
}

/* A header value with its placeholders replaced, malloc'd. */
static char *expand(const char *v)
{
    size_t longest = strlen(editor) + strlen(viewer) + strlen(session);
    char *out = malloc(strlen(v) * longest + 1), *o = out;
    PROPERTY(out != NULL);
    for (; *v; v++) {
        const char *secret = NULL;
        if (v[0] == '@' && v[1] == 'E') secret = editor;
        else if (v[0] == '@' && v[1] == 'V') secret = viewer;
        else if (v[0] == '@' && v[1] == 'S') secret = session;
        if (secret) {
            o += sprintf(o, "%s", secret);
            v++;
        } else {
            *o++ = *v;
        }
    }
    *o = '\0';
    return out;
}

/* Does data[0..len) hold the string s? */
static int holds(const char *data, size_t len, const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; n && i + n <= len; i++)
        if (memcmp(data + i, s, n) == 0) return 1;
    return 0;
}

/* One line of `text` from *pos (without its '\n'), malloc'd; NULL at the end. */
static char *line(const char *text, size_t size, size_t *pos)
{
    if (*pos >= size) return NULL;
    const char *start = text + *pos, *nl = memchr(start, '\n', size - *pos);
    size_t len = nl ? (size_t)(nl - start) : size - *pos;
    *pos += len + (nl != NULL);
    char *s = strndup(start, len);
    PROPERTY(s != NULL);
    return s;
}

/* The query string's arguments, decoded into args (strings malloc'd). */
static size_t parse_query(const char *q, srv_pair *args, char **owned, size_t *n_owned)
{
    size_t n = 0;
    while (q && *q && n < MAX_PAIRS) {
        size_t len = strcspn(q, "&");
        const char *eq = memchr(q, '=', len);
        size_t nlen = eq ? (size_t)(eq - q) : len;
        char *name = srv_decode(q, nlen);
        char *value = eq ? srv_decode(eq + 1, len - nlen - 1) : strdup("");
        PROPERTY(name && value);
        owned[(*n_owned)++] = name;
        owned[(*n_owned)++] = value;
        args[n++] = (srv_pair){name, value};
        q += len + (q[len] == '&');
    }
    return n;
}

/* What every response must be, whatever the request. */
static void check_response(const srv_request *req, const srv_response *res)
{
    static const int known[] = {200, 201, 303, 400, 401, 403, 404, 405, 413, 422, 503};
    int is_known = 0;
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) is_known |= res->status == known[i];
    if (!is_known) fprintf(stderr, "fuzz: status %d: %.*s\n", res->status, (int)res->len, res->body);
    PROPERTY(is_known);
    PROPERTY(res->type != NULL);
    /* A JSON answer is JSON, and an error says what went wrong. */
    if (strcmp(res->type, "application/json") == 0) {
        json_t *v = json_loadb(res->body, res->len, 0, NULL);
        PROPERTY(v != NULL);
        if (res->status >= 400) PROPERTY(json_is_string(json_object_get(v, "error")));
        json_decref(v);
    }
    /* No token is sent back (inputs never spell one out: rs_fuzz_http), and
     * no redirect leaves the service. */
    for (size_t i = 0; i < res->n_headers; i++) {
        const char *v = res->header_value[i];
        PROPERTY(!strstr(v, editor) && !strstr(v, viewer));
        if (strcmp(res->header_name[i], "Location") == 0)
            PROPERTY(v[0] == '/' && v[1] != '/' && v[1] != '\\');
    }
    if (res->body) {
        PROPERTY(!holds(res->body, res->len, editor));
        PROPERTY(!holds(res->body, res->len, viewer));
    }
    /* Without credentials the API gives nothing away. */
    if (strncmp(req->path, "/api/", 5) == 0 && !srv_header(req, "Authorization") &&
        !srv_header(req, "Cookie"))
        PROPERTY(res->status == 401 || res->status == 404 || res->status == 405);
}

int rs_fuzz_http(const uint8_t *data, size_t size)
{
    setup();
    const char *text = (const char *)data;
    /* A secret spelt out in the input (libFuzzer learns them from the
     * comparisons) could be stored, say as an expert's summary, and come
     * back in a later answer: only the placeholders carry secrets. */
    if (holds(text, size, editor) || holds(text, size, viewer) || holds(text, size, session))
        return 0;
    size_t pos = 0;
    char *request_line = line(text, size, &pos);
    if (!request_line) return 0;
    char *owned[4 * MAX_PAIRS + 2];
    size_t n_owned = 0;
    srv_pair headers[MAX_PAIRS], args[MAX_PAIRS];
    size_t n_headers = 0;

    char *target = strchr(request_line, ' ');
    if (target) *target++ = '\0';
    else target = "/";
    char *query = strchr(target, '?');
    if (query) *query++ = '\0';
    char *path = owned[n_owned++] = srv_decode(target, strlen(target));
    PROPERTY(path != NULL);
    size_t n_args = parse_query(query, args, owned, &n_owned);

    for (char *h; n_headers < MAX_PAIRS && (h = line(text, size, &pos));) {
        char *colon = strchr(h, ':');
        if (!colon) {
            free(h); /* the empty line (or any line but a header): the body follows */
            break;
        }
        *colon = '\0';
        owned[n_owned++] = h;
        char *value = owned[n_owned++] = expand(colon + 1 + strspn(colon + 1, " "));
        headers[n_headers++] = (srv_pair){h, value};
    }
    srv_request req = {.method = request_line, .path = path, .args = args, .n_args = n_args,
                       .headers = headers, .n_headers = n_headers,
                       .body = pos < size ? text + pos : NULL, .body_len = size - pos};
    srv_config cfg = {.db = dir, .max_body = 1 << 20};
    srv_response res = {0};
    srv_handle(&cfg, &req, &res);
    check_response(&req, &res);
    srv_response_free(&res);
    for (size_t i = 0; i < n_owned; i++) free(owned[i]);
    free(request_line);
    return 0;
}
