/* Growing strings. */
#include "matcher/strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int reserve(rs_strbuf *b, size_t more)
{
    if (b->len + more + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + more + 1)
        cap *= 2;
    char *s = realloc(b->s, cap);
    if (!s)
        return -1;
    b->s = s;
    b->cap = cap;
    return 0;
}

void rs_strbuf_add(rs_strbuf *b, const char *fmt, ...)
{
    if (b->failed)
        return;
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || reserve(b, (size_t)n) < 0) {
        b->failed = 1;
        va_end(again);
        return;
    }
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, again);
    va_end(again);
    b->len += (size_t)n;
}

char *rs_strbuf_take(rs_strbuf *b)
{
    char *s = NULL;
    if (!b->failed)
        s = b->s ? b->s : strdup("");
    else
        free(b->s);
    memset(b, 0, sizeof *b);
    return s;
}

void rs_strbuf_free(rs_strbuf *b)
{
    free(b->s);
    memset(b, 0, sizeof *b);
}
