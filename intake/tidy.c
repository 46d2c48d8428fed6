/*
 * The text being built by the document readers, tidied as it comes (see
 * tidy.h), and their failure messages.
 */
#include "intake/tidy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"

/* Room for n more bytes and a NUL, within RS_DOC_TEXT_MAX. */
static int reserve(rs_tidy *t, size_t n)
{
    if (t->full || t->nomem)
        return 0;
    if (t->len + n > RS_DOC_TEXT_MAX) {
        t->full = 1;
        return 0;
    }
    if (t->len + n + 1 <= t->cap)
        return 1;
    size_t cap = t->cap ? t->cap : 4096;
    while (cap < t->len + n + 1)
        cap *= 2;
    char *buf = realloc(t->buf, cap);
    if (!buf) {
        t->nomem = 1;
        return 0;
    }
    t->buf = buf;
    t->cap = cap;
    return 1;
}

/* The pending break or space, then byte c. */
static void put(rs_tidy *t, char c)
{
    const char *sep = "";
    if (t->len > 0)
        sep = t->breaks == 2 ? "\n\n" : t->breaks == 1 ? "\n" : t->space ? " " : "";
    size_t n = strlen(sep);
    if (!reserve(t, n + 1))
        return;
    memcpy(t->buf + t->len, sep, n);
    t->len += n;
    t->buf[t->len++] = c;
    t->breaks = 0;
    t->space = 0;
}

void rs_tidy_add(rs_tidy *t, const char *s, size_t n)
{
    for (size_t i = 0; i < n && !rs_tidy_stop(t); i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n')
            t->breaks = t->breaks ? 2 : 1; /* a second one ends the paragraph */
        else if (c <= ' ' || c == 0x7f)
            t->space = 1;
        else if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] == 0xa0) {
            t->space = 1; /* U+00A0, the no-break space */
            i++;
        } else
            put(t, (char)c);
    }
}

void rs_tidy_space(rs_tidy *t) { t->space = 1; }

void rs_tidy_line(rs_tidy *t)
{
    if (t->breaks == 0)
        t->breaks = 1;
}

void rs_tidy_paragraph(rs_tidy *t) { t->breaks = 2; }

int rs_tidy_stop(const rs_tidy *t) { return t->full || t->nomem; }

rs_status rs_tidy_finish(rs_tidy *t, const char *what, char **text, size_t *len, char **err)
{
    if (t->nomem)
        return rs_doc_nomem(err);
    if (t->full)
        return rs_doc_fail(err, "its text is longer than %u MiB, the limit",
                           RS_DOC_TEXT_MAX >> 20);
    if (t->len == 0)
        return rs_doc_fail(err, "the %s has no text", what);
    if (!rs_utf8_valid(t->buf, t->len))
        return rs_doc_fail(err, "the %s's text is not valid UTF-8", what);
    char *nfc = rs_text_nfc(t->buf, t->len);
    if (!nfc)
        return rs_doc_nomem(err);
    size_t n = strlen(nfc);
    if (n > RS_DOC_TEXT_MAX) {
        free(nfc);
        return rs_doc_fail(err, "its text is longer than %u MiB, the limit",
                           RS_DOC_TEXT_MAX >> 20);
    }
    rs_tidy_free(t);
    *text = nfc;
    *len = n;
    return RS_OK;
}

void rs_tidy_free(rs_tidy *t)
{
    free(t->buf);
    *t = (rs_tidy){0};
}

rs_status rs_doc_fail(char **err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *msg = n < 0 ? NULL : malloc((size_t)n + 1);
    if (!msg)
        return rs_doc_nomem(err);
    va_start(ap, fmt);
    vsnprintf(msg, (size_t)n + 1, fmt, ap);
    va_end(ap);
    free(*err); /* a reader's message replaces a lower layer's */
    *err = msg;
    return RS_ERR_INPUT;
}

rs_status rs_doc_nomem(char **err)
{
    free(*err);
    *err = strdup("out of memory");
    return RS_ERR_NOMEM;
}
