/*
 * What every part of the request logic shares: reading headers and query
 * arguments, filling the response (JSON, HTML, errors), the HTTP status of
 * a library status, decoding forms.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "server/server.h"

const char *srv_header(const srv_request *req, const char *name)
{
    for (size_t i = 0; i < req->n_headers; i++)
        if (strcasecmp(req->headers[i].name, name) == 0) return req->headers[i].value;
    return NULL;
}

const char *srv_arg(const srv_request *req, const char *name)
{
    for (size_t i = 0; i < req->n_args; i++)
        if (strcmp(req->args[i].name, name) == 0) return req->args[i].value;
    return NULL;
}

int srv_arg_long(srv_call *c, const char *name, long def, long min, long max, long *out)
{
    const char *v = srv_arg(c->req, name);
    *out = def;
    if (!v) return 0;
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno || end == v || *end || n < min || n > max) {
        char msg[160];
        snprintf(msg, sizeof msg, "%s: expected a number from %ld to %ld", name, min, max);
        srv_reply_error(c->res, 400, msg, NULL);
        return -1;
    }
    *out = n;
    return 0;
}

/* Replace the body (a response is filled once, but an error may follow a
 * partly made answer). */
static void set_body(srv_response *res, int status, const char *type, char *body, size_t len)
{
    free(res->body);
    res->status = status;
    res->type = type;
    res->body = body;
    res->len = len;
}

void srv_reply_json(srv_response *res, int status, const json_t *value)
{
    /* The flags of the command line's --json (cli_print_json): the same text. */
    char *text = json_dumps(value, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
    if (!text) {
        /* Out of memory: a fixed answer that needs none. */
        static const char oom[] = "{\"error\":\"out of memory\",\"problems\":[]}";
        set_body(res, 500, "application/json", strdup(oom), sizeof oom - 1);
        if (!res->body) res->len = 0;
        return;
    }
    set_body(res, status, "application/json", text, strlen(text));
}

void srv_reply_html(srv_response *res, int status, const char *html)
{
    char *copy = strdup(html);
    set_body(res, status, "text/html; charset=utf-8", copy, copy ? strlen(copy) : 0);
}

void srv_reply_error(srv_response *res, int status, const char *message,
                     const json_t *problems)
{
    /* A message may quote what the client sent: text that is not UTF-8
     * cannot be JSON, and is said so rather than sent. */
    json_t *text = json_string(message);
    if (!text) text = json_string("the request holds text that is not UTF-8");
    json_t *list = problems ? json_incref((json_t *)problems) : json_array();
    json_t *o = json_object();
    if (!o || !text || !list || json_object_set(o, "error", text) != 0 ||
        json_object_set(o, "problems", list) != 0) {
        json_decref(o);
        o = json_pack("{s:s, s:[]}", "error", "out of memory", "problems");
    }
    json_decref(text);
    json_decref(list);
    srv_reply_json(res, status, o);
    if (res->status == 200) res->status = status;
    json_decref(o);
}

int srv_status_code(rs_status st)
{
    switch (st) {
    case RS_OK: case RS_ERR_BEHIND: return 200;
    case RS_ERR_INPUT: return 422;
    case RS_ERR_NOT_FOUND: return 404;
    case RS_ERR_DENIED: return 403;
    case RS_ERR_BUSY: return 503;
    case RS_ERR_NOSPACE: return 507;
    default: return 500;
    }
}

void srv_reply_failure(srv_response *res, rs_roster *r, rs_status st, int input_status)
{
    int status = st == RS_ERR_INPUT ? input_status : srv_status_code(st);
    const char *msg = r ? rs_roster_message(r) : "";
    /* The library's busy message names the data directory: a client needs
     * only to know to come back. */
    if (st == RS_ERR_BUSY) msg = "the roster is busy: another process is writing; try again";
    if (!*msg) msg = rs_status_to_string(st);
    srv_reply_error(res, status, msg, r ? rs_roster_problems(r) : NULL);
    /* A writer holding the store is over in moments: ask the client to retry. */
    if (st == RS_ERR_BUSY) srv_add_header(res, "Retry-After", "2");
}

void srv_reply_open_failure(srv_response *res, rs_roster *r, rs_status st)
{
    srv_reply_failure(res, r, st, 500);
    if (st != RS_ERR_BUSY) res->status = 500;
}

void srv_reply_document(srv_response *res, int status, const char *title,
                        const char *main_class, const char *main)
{
    static const char frame[] =
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<title>%s — roster</title><link rel=\"icon\" href=\"/assets/icon.svg\">"
        "<link rel=\"stylesheet\" href=\"/assets/app.css\"></head><body>"
        "<header class=\"top\"><span class=\"brand\">roster</span></header>"
        "<main id=\"main\" class=\"%s\">%s</main></body></html>";
    size_t size = sizeof frame + strlen(title) + strlen(main_class) + strlen(main);
    char *page = malloc(size);
    if (!page) {
        srv_reply_error(res, 500, "out of memory", NULL);
        return;
    }
    snprintf(page, size, frame, title, main_class, main);
    srv_reply_html(res, status, page);
    free(page);
}

char *srv_html_escape(char *out, const char *s)
{
    for (; *s; s++) {
        const char *e = *s == '&' ? "&amp;" : *s == '"' ? "&quot;" : *s == '<' ? "&lt;"
                      : *s == '>' ? "&gt;" : NULL;
        if (e) out += sprintf(out, "%s", e);
        else *out++ = *s;
    }
    *out = '\0';
    return out;
}

void srv_add_header(srv_response *res, const char *name, const char *value)
{
    if (res->n_headers == SRV_MAX_HEADERS) return;
    char *copy = strdup(value);
    if (!copy) return;
    res->header_name[res->n_headers] = name;
    res->header_value[res->n_headers++] = copy;
}

void srv_response_free(srv_response *res)
{
    free(res->body);
    for (size_t i = 0; i < res->n_headers; i++) free(res->header_value[i]);
    memset(res, 0, sizeof *res);
}

rs_roster *srv_open_writer(srv_call *c)
{
    rs_roster *w;
    rs_status st = rs_roster_open(c->cfg->db, RS_OPEN_UPDATE, c->account, &w);
    if (st != RS_OK) {
        srv_reply_open_failure(c->res, w, st);
        rs_roster_close(w);
        return NULL;
    }
    return w;
}

static int hex(int ch)
{
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
}

char *srv_decode(const char *s, size_t len)
{
    char *out = malloc(len + 1), *o = out;
    if (!out) return NULL;
    for (size_t i = 0; i < len; i++) {
        int hi = i + 2 < len ? hex(s[i + 1]) : -1, lo = i + 2 < len ? hex(s[i + 2]) : -1;
        if (s[i] == '+') {
            *o++ = ' ';
        } else if (s[i] == '%' && hi >= 0 && lo >= 0) {
            *o++ = (char)(hi * 16 + lo);
            i += 2;
        } else {
            *o++ = s[i]; /* a stray '%' stays as it is */
        }
    }
    *o = '\0';
    return out;
}

char *srv_form_value(const char *body, size_t len, const char *name)
{
    if (!body) return NULL;
    size_t nlen = strlen(name);
    const char *p = body, *end = body + len;
    while (p && p < end) {
        const char *amp = memchr(p, '&', (size_t)(end - p));
        const char *stop = amp ? amp : end;
        if ((size_t)(stop - p) > nlen && memcmp(p, name, nlen) == 0 && p[nlen] == '=')
            return srv_decode(p + nlen + 1, (size_t)(stop - p - nlen - 1));
        p = amp ? amp + 1 : NULL;
    }
    return NULL;
}
