/*
 * A growing list of queries, to be combined at the end. Adding NULL (a
 * failed constructor) or running out of memory marks the list failed, so
 * callers check once, when combining.
 */
#ifndef RS_QLIST_H
#define RS_QLIST_H

#include <stddef.h>
#include "xapian-c/xapian-c.h"

typedef struct {
    xc_query **q;
    size_t n, cap;
    int oom;    /* something could not be added */
} rs_qlist;

/* Take ownership of q (NULL marks the list failed). */
void rs_qlist_add(rs_qlist *l, xc_query *q);
/* The queries combined with op; NULL when the list failed or out of memory.
 * An empty OR matches nothing. The list keeps its queries. */
xc_query *rs_qlist_combine(const rs_qlist *l, xc_op op);
void rs_qlist_free(rs_qlist *l);

#endif
