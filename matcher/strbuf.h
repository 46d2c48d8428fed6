/*
 * A growing string for messages built piece by piece (rule details,
 * remedies). Out of memory is remembered, not reported at each append:
 * the builder's owner checks once, when taking the string.
 */
#ifndef RS_STRBUF_H
#define RS_STRBUF_H

#include <stddef.h>

typedef struct {
    char *s;        /* NUL-terminated once anything was added */
    size_t len, cap;
    int failed;     /* an append ran out of memory */
} rs_strbuf;

/* Append printf-style. */
void rs_strbuf_add(rs_strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The string (caller frees; "" when nothing was added), or NULL when an
 * append failed. The builder is empty afterwards. */
char *rs_strbuf_take(rs_strbuf *b);
void rs_strbuf_free(rs_strbuf *b);

#endif
