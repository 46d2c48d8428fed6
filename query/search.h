/*
 * Running a parsed query: ranked hits (with their profiles decoded from the
 * document data) and exact facet counts, each facet counted drill-sideways.
 */
#ifndef RS_SEARCH_H
#define RS_SEARCH_H

#include <stdint.h>
#include "core/model.h"
#include "query/query.h"
#include "xapian-c/xapian-c.h"

typedef struct {
    double score;
    rs_expert profile;    /* see core/profile.h for the members set */
} rs_hit;

typedef struct { char *value; uint32_t count; } rs_facet_count;

typedef struct {
    const char *name;     /* "nationality", "language", "field", "sector", "gender" */
    rs_facet_count *counts; /* by count, descending, then value */
    size_t n;
} rs_facet;

#define RS_MAX_FACETS 8

typedef struct {
    uint32_t total;       /* exact number of matching experts */
    rs_hit *hits;
    size_t n_hits;
    rs_facet facets[RS_MAX_FACETS];
    size_t n_facets;
} rs_results;

/* Search db: the hits ranked offset+1 to offset+limit, the exact total and,
 * when asked, the facets. Returns 0, or -1 with a message in err. */
int rs_search(xc_db *db, const rs_query *q, size_t offset, size_t limit, int with_facets,
              rs_results *out, char *err, size_t errsz);
void rs_results_free(rs_results *r);

#endif
