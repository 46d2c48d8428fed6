/* Growing lists of queries. See qlist.h. */
#include "core/qlist.h"

#include <stdlib.h>

void rs_qlist_add(rs_qlist *l, xc_query *q)
{
    if (!q) {
        l->oom = 1;
        return;
    }
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 16;
        xc_query **p = realloc(l->q, cap * sizeof *p);
        if (!p) {
            xc_query_free(q);
            l->oom = 1;
            return;
        }
        l->q = p, l->cap = cap;
    }
    l->q[l->n++] = q;
}

xc_query *rs_qlist_combine(const rs_qlist *l, xc_op op)
{
    return l->oom ? NULL : xc_query_combine(op, l->q, l->n);
}

void rs_qlist_free(rs_qlist *l)
{
    for (size_t i = 0; i < l->n; i++) xc_query_free(l->q[i]);
    free(l->q);
    l->q = NULL;
    l->n = l->cap = 0;
}
