/*
 * A small JSON scanner that only tracks where values start. It runs after
 * jansson accepted the text, so it may assume well-formed input, but it
 * still never reads past `len`: a wrong assumption costs a line number,
 * never memory safety.
 */
#include "matcher/jsonpos.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define POS_DEPTH_MAX 4      /* "rules.exclude[0]" is depth 2; room to spare */
#define POS_PATH_MAX 256
#define POS_ENTRIES_MAX 4096 /* a ToR has a few dozen values */

typedef struct {
    char *path;
    long line;
} pos_entry;

struct rs_json_lines {
    pos_entry *items;
    size_t n, cap;
    int failed;              /* out of memory: stop recording */
};

typedef struct {
    const char *s;
    size_t len, i;
    long line;
    rs_json_lines *out;
    char path[POS_PATH_MAX];
    size_t path_len;
} scanner;

static void record(scanner *sc)
{
    rs_json_lines *p = sc->out;
    if (p->failed || p->n >= POS_ENTRIES_MAX)
        return;
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 32;
        pos_entry *items = realloc(p->items, cap * sizeof *items);
        if (!items) {
            p->failed = 1;
            return;
        }
        p->items = items;
        p->cap = cap;
    }
    char *path = strdup(sc->path);
    if (!path) {
        p->failed = 1;
        return;
    }
    p->items[p->n].path = path;
    p->items[p->n].line = sc->line;
    p->n++;
}

static void skip_space(scanner *sc)
{
    while (sc->i < sc->len) {
        char c = sc->s[sc->i];
        if (c == '\n')
            sc->line++;
        else if (c != ' ' && c != '\t' && c != '\r')
            return;
        sc->i++;
    }
}

/* Skip a string starting at its opening quote; copy its raw content (escapes
 * left as written) into key when key is not NULL. */
static void skip_string(scanner *sc, char *key, size_t keysz)
{
    size_t k = 0;
    sc->i++; /* opening quote */
    while (sc->i < sc->len && sc->s[sc->i] != '"') {
        size_t step = sc->s[sc->i] == '\\' && sc->i + 1 < sc->len ? 2 : 1;
        for (size_t j = 0; j < step; j++)
            if (key && k + 1 < keysz)
                key[k++] = sc->s[sc->i + j];
        sc->i += step;
    }
    if (sc->i < sc->len)
        sc->i++; /* closing quote */
    if (key)
        key[k] = '\0';
}

/* Skip any value without recording, counting brackets outside strings. */
static void skip_value(scanner *sc)
{
    int depth = 0;
    while (sc->i < sc->len) {
        char c = sc->s[sc->i];
        if (c == '"') {
            skip_string(sc, NULL, 0);
            if (depth == 0)
                return;
            continue;
        }
        if (c == '{' || c == '[') {
            depth++;
        } else if (c == '}' || c == ']') {
            if (depth == 0)
                return; /* the end of the enclosing container */
            if (--depth == 0) {
                sc->i++;
                return;
            }
        } else if (depth == 0 && (c == ',' || c == ' ' || c == '\t' || c == '\r' ||
                                  c == '\n')) {
            return; /* end of a scalar */
        } else if (c == '\n') {
            sc->line++;
        }
        sc->i++;
    }
}

/* Append to the path; returns the old length to restore, or (size_t)-1 when
 * the path would be too long (children are then not recorded). */
static size_t path_push(scanner *sc, const char *fmt, const char *key, size_t index)
{
    size_t old = sc->path_len;
    int n = key ? snprintf(sc->path + old, sizeof sc->path - old, fmt, key)
                : snprintf(sc->path + old, sizeof sc->path - old, fmt, index);
    if (n < 0 || (size_t)n >= sizeof sc->path - old) {
        sc->path[old] = '\0';
        return (size_t)-1;
    }
    sc->path_len += (size_t)n;
    return old;
}

static void path_pop(scanner *sc, size_t old)
{
    sc->path_len = old;
    sc->path[old] = '\0';
}

static void scan_value(scanner *sc, int depth);

static void scan_member(scanner *sc, int depth, const char *key)
{
    size_t old = path_push(sc, sc->path_len ? ".%s" : "%s", key, 0);
    skip_space(sc);
    if (sc->i < sc->len && sc->s[sc->i] == ':')
        sc->i++;
    skip_space(sc);
    if (old == (size_t)-1) {
        skip_value(sc);
        return;
    }
    scan_value(sc, depth + 1);
    path_pop(sc, old);
}

static void scan_container(scanner *sc, int depth, char close)
{
    size_t index = 0;
    sc->i++; /* the opening bracket */
    for (;;) {
        skip_space(sc);
        if (sc->i >= sc->len)
            return;
        char c = sc->s[sc->i];
        if (c == close) {
            sc->i++;
            return;
        }
        if (c == ',') {
            sc->i++;
            continue;
        }
        if (close == '}') {
            if (c != '"') { /* not JSON after all: stop quietly */
                sc->i = sc->len;
                return;
            }
            char key[POS_PATH_MAX];
            skip_string(sc, key, sizeof key);
            scan_member(sc, depth, key);
        } else {
            size_t old = path_push(sc, "[%zu]", NULL, index++);
            if (old == (size_t)-1) {
                skip_value(sc);
                continue;
            }
            scan_value(sc, depth + 1);
            path_pop(sc, old);
        }
    }
}

static void scan_value(scanner *sc, int depth)
{
    skip_space(sc);
    if (sc->i >= sc->len)
        return;
    if (sc->path_len)
        record(sc);
    char c = sc->s[sc->i];
    if (depth >= POS_DEPTH_MAX || (c != '{' && c != '['))
        skip_value(sc);
    else
        scan_container(sc, depth, c == '{' ? '}' : ']');
}

rs_json_lines *rs_json_lines_new(const char *text, size_t len, long first_line)
{
    rs_json_lines *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    scanner sc = {.s = text, .len = len, .line = first_line, .out = p};
    scan_value(&sc, 0);
    return p;
}

void rs_json_lines_free(rs_json_lines *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++)
        free(p->items[i].path);
    free(p->items);
    free(p);
}

static const pos_entry *find_exact(const rs_json_lines *p, const char *path, size_t len)
{
    for (size_t i = 0; i < p->n; i++)
        if (strlen(p->items[i].path) == len && memcmp(p->items[i].path, path, len) == 0)
            return &p->items[i];
    return NULL;
}

long rs_json_lines_find(const rs_json_lines *p, const char *path, long first_line)
{
    if (!p || !path)
        return first_line;
    size_t len = strlen(path);
    while (len > 0) {
        const pos_entry *e = find_exact(p, path, len);
        if (e)
            return e->line;
        /* drop the last component: ".key" or "[n]" */
        while (len > 0 && path[len - 1] != '.' && path[len - 1] != '[')
            len--;
        if (len > 0)
            len--;
    }
    return first_line;
}
