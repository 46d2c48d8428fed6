/*
 * The web app: its files, compiled into the binary (server/web/, embedded by
 * server/embed-web.sh), and its one HTML page, sent for every page address
 * (/search, /experts/ID, /requests, ...) once signed in. The page's scripts
 * read the address and draw that page from the API, so every address can be
 * bookmarked and shared; without a valid session the address leads to the
 * sign-in form and back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/server.h"

static const srv_asset *find_asset(const char *name)
{
    for (size_t i = 0; i < srv_n_assets; i++)
        if (strcmp(srv_assets[i].name, name) == 0) return &srv_assets[i];
    return NULL;
}

/* The bytes of an asset: the compiled-in copy, or, when $ROSTER_WEB_DIR
 * names a folder (a maintainer editing server/web/), the file of that name
 * there, read afresh at every request so a reload shows the edit. Only
 * names the binary knows are read. malloc'd; NULL when out of memory or
 * the file is unreadable. */
static char *asset_bytes(const srv_asset *a, size_t *len)
{
    const char *dir = getenv("ROSTER_WEB_DIR");
    if (!dir || !*dir) {
        char *copy = malloc(a->len + 1);
        if (!copy) return NULL;
        memcpy(copy, a->data, a->len);
        copy[a->len] = '\0';
        *len = a->len;
        return copy;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, a->name);
    FILE *f = fopen(path, "rb");
    long size = f && fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    char *buf = size >= 0 && fseek(f, 0, SEEK_SET) == 0 ? malloc((size_t)size + 1) : NULL;
    if (buf && fread(buf, 1, (size_t)size, f) == (size_t)size) {
        buf[size] = '\0';
        *len = (size_t)size;
    } else {
        free(buf);
        buf = NULL;
    }
    if (f) fclose(f);
    return buf;
}

void srv_asset_get(srv_call *c)
{
    const srv_asset *a = find_asset(c->param[0]);
    if (!a || strcmp(a->name, "page.html") == 0) {
        srv_reply_error(c->res, 404, "no such file", NULL);
        return;
    }
    const char *dev = getenv("ROSTER_WEB_DIR");
    if (dev && *dev) {
        srv_add_header(c->res, "Cache-Control", "no-store");
    } else {
        /* The files change only with the binary: a browser keeps them and
         * asks whether they changed (one 304 each) rather than fetching
         * them again. */
        srv_add_header(c->res, "ETag", a->etag);
        srv_add_header(c->res, "Cache-Control", "no-cache");
        const char *known = srv_header(c->req, "If-None-Match");
        if (known && strcmp(known, a->etag) == 0) {
            c->res->status = 304;
            return;
        }
    }
    size_t len = 0;
    char *body = asset_bytes(a, &len);
    if (!body) {
        srv_reply_error(c->res, 500, "the file cannot be read", NULL);
        return;
    }
    c->res->status = 200;
    c->res->type = a->type;
    c->res->body = body;
    c->res->len = len;
}

/* The page with its markers @ACCOUNT@ and @ROLE@ filled in. */
void srv_page(srv_call *c)
{
    size_t len = 0;
    char *shell = asset_bytes(find_asset("page.html"), &len);
    const char *role = c->role == RS_ROLE_EDITOR ? "editor" : "viewer";
    /* Room for every '@' to become the longer value, escaped (6 bytes a byte). */
    size_t ats = 0, longest = strlen(c->account) > strlen(role) ? strlen(c->account) : strlen(role);
    for (size_t i = 0; i < len; i++) ats += shell[i] == '@';
    size_t room = len + ats * 6 * longest + 1;
    char *page = shell ? malloc(room) : NULL, *o = page;
    if (!page) {
        free(shell);
        srv_reply_error(c->res, 500, "out of memory", NULL);
        return;
    }
    const char *p = shell, *end = shell + len;
    while (p < end) {
        const char *at = memchr(p, '@', (size_t)(end - p));
        if (!at) at = end;
        memcpy(o, p, (size_t)(at - p));
        o += at - p;
        p = at;
        if (p == end) break;
        if (strncmp(p, "@ACCOUNT@", 9) == 0) o = srv_html_escape(o, c->account), p += 9;
        else if (strncmp(p, "@ROLE@", 6) == 0) o = srv_html_escape(o, role), p += 6;
        else *o++ = *p++;
    }
    *o = '\0';
    srv_reply_html(c->res, 200, page);
    free(page);
    free(shell);
}

void srv_home(srv_call *c)
{
    srv_reply_html(c->res, 303, "<!doctype html><p><a href=\"/search\">Search</a></p>");
    srv_add_header(c->res, "Location", "/search");
}

/* Append s percent-encoded as a URL component. */
static char *encode_into(char *out, const char *s)
{
    static const char hexdig[] = "0123456789ABCDEF";
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
            strchr("-._~/:", ch)) {
            *out++ = (char)ch;
        } else {
            *out++ = '%';
            *out++ = hexdig[ch >> 4];
            *out++ = hexdig[ch & 15];
        }
    }
    return out;
}

void srv_to_login(srv_call *c)
{
    /* The address asked for, query and all, rebuilt from its decoded parts
     * and carried whole as `next` (encoded twice: once as the inner query,
     * once as the value of next). */
    const srv_request *req = c->req;
    size_t len = strlen(req->path) + 1;
    for (size_t i = 0; i < req->n_args; i++)
        len += 3 * (strlen(req->args[i].name) + strlen(req->args[i].value)) + 2;
    char *inner = malloc(len), *o = inner;
    char *location = malloc(3 * len + 16);
    if (!inner || !location) {
        free(inner);
        free(location);
        srv_reply_error(c->res, 500, "out of memory", NULL);
        return;
    }
    o += sprintf(o, "%s", req->path);
    for (size_t i = 0; i < req->n_args; i++) {
        *o++ = i ? '&' : '?';
        o = encode_into(o, req->args[i].name);
        *o++ = '=';
        o = encode_into(o, req->args[i].value);
    }
    *o = '\0';
    char *l = location + sprintf(location, "/login?next=");
    *encode_into(l, srv_local_path(inner)) = '\0';
    srv_response_free(c->res);
    srv_reply_html(c->res, 303, "<!doctype html><p><a href=\"/login\">Sign in</a></p>");
    srv_add_header(c->res, "Location", location);
    free(inner);
    free(location);
}
