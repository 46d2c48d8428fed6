/* Running searches and counting facets. See search.h.
 *
 * A facet's value slot holds the document's distinct values joined by
 * spaces ("ES FR"), so Xapian's value-count spy counts combinations; the
 * counts per value are the sums over the combinations holding it. That is
 * exact, and needs one pass over the matches for all facets whose filter
 * the query does not use, plus one pass per facet it does (drill-sideways).
 */
#include "query/search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/profile.h"
#include "core/schema.h"

typedef struct { rs_facet *facet; int oom; } tally_ctx;

static int tally_value(const char *value, size_t len, uint32_t count, void *arg)
{
    tally_ctx *t = arg;
    rs_facet *f = t->facet;
    const char *end = value + len;
    for (const char *p = value; p < end;) {
        const char *sp = memchr(p, ' ', (size_t)(end - p));
        size_t n = (size_t)((sp ? sp : end) - p);
        size_t i = 0;
        while (i < f->n && !(strlen(f->counts[i].value) == n && memcmp(f->counts[i].value, p, n) == 0))
            i++;
        if (i == f->n && n > 0) {
            rs_facet_count *c = realloc(f->counts, (f->n + 1) * sizeof *c);
            char *v = malloc(n + 1);
            if (c) f->counts = c;
            if (!c || !v) { free(v); t->oom = 1; return 1; }
            memcpy(v, p, n);
            v[n] = 0;
            f->counts[f->n++] = (rs_facet_count){v, 0};
        }
        if (n > 0) f->counts[i].count += count;
        p += n + 1;
    }
    return 0;
}

static int by_count(const void *a, const void *b)
{
    const rs_facet_count *x = a, *y = b;
    if (x->count != y->count) return x->count < y->count ? 1 : -1;
    return strcmp(x->value, y->value);
}

static int fail(char *err, size_t errsz, const char *what, const char *why)
{
    snprintf(err, errsz, "search: %s: %s", what, why ? why : "failed");
    return -1;
}

/* Run q over every match, feeding spies; also fetch hits when limit > 0. */
static int run(xc_db *db, xc_query *q, xc_spy **spies, size_t n_spies, size_t limit,
               rs_results *out, char *err, size_t errsz)
{
    xc_enquire *enq;
    uint32_t docs = 0;
    if (xc_db_doccount(db, &docs) != XC_OK) return fail(err, errsz, "index", xc_db_last_error(db));
    if (xc_enquire_new(db, &enq) != XC_OK) return fail(err, errsz, "index", xc_db_last_error(db));
    xc_enquire_set_query(enq, q);
    for (size_t i = 0; i < n_spies; i++) xc_enquire_add_spy(enq, spies[i]);
    xc_mset *mset;
    xc_status st = xc_enquire_get_mset(enq, 0, (uint32_t)limit, docs, &mset);
    if (st != XC_OK) {
        int rc = fail(err, errsz, "index", xc_enquire_last_error(enq));
        xc_enquire_free(enq);
        return rc;
    }
    int rc = 0;
    if (out) {
        out->total = xc_mset_matches_estimated(mset);
        uint32_t n = xc_mset_size(mset);
        out->hits = calloc(n ? n : 1, sizeof *out->hits);
        if (!out->hits) rc = fail(err, errsz, "results", "out of memory");
        for (uint32_t i = 0; i < n && rc == 0; i++) {
            xc_doc *doc;
            const char *data;
            size_t len;
            if (xc_mset_doc(mset, i, &doc) != XC_OK) {
                rc = fail(err, errsz, "index", "cannot read a document");
                break;
            }
            rs_hit *h = &out->hits[out->n_hits];
            h->score = xc_mset_weight(mset, i);
            if (xc_doc_get_data(doc, &data, &len) != XC_OK ||
                rs_profile_decode(data, len, &h->profile) != 0)
                rc = fail(err, errsz, "index", "damaged profile in a document (run roster reindex)");
            else
                out->n_hits++;
            xc_doc_free(doc);
        }
    }
    xc_mset_free(mset);
    xc_enquire_free(enq);
    return rc;
}

static int count_facet(xc_spy *spy, rs_facet *f, char *err, size_t errsz)
{
    tally_ctx t = {f, 0};
    if (xc_spy_each(spy, tally_value, &t) != XC_OK || t.oom)
        return fail(err, errsz, "facets", "out of memory");
    if (f->n) qsort(f->counts, f->n, sizeof *f->counts, by_count); /* counts NULL when none */
    return 0;
}

int rs_search(xc_db *db, const rs_query *q, size_t limit, int with_facets, rs_results *out,
              char *err, size_t errsz)
{
    memset(out, 0, sizeof *out);
    const rs_field *facets[RS_MAX_FACETS];
    xc_spy *spies[RS_MAX_FACETS] = {0};
    size_t n = 0, n_main = 0;
    /* Facets the query does not filter on share the main pass; their spies come first. */
    for (int sideways = 0; sideways < 2 && with_facets; sideways++)
        for (size_t i = 0; i < rs_n_fields && n < RS_MAX_FACETS; i++) {
            const rs_field *f = &rs_fields[i];
            if (f->facet && rs_query_filters_facet(q, f->facet) == sideways) {
                facets[n] = f;
                if (xc_spy_new((unsigned)f->slot, &spies[n]) != XC_OK) {
                    for (size_t j = 0; j < n; j++) xc_spy_free(spies[j]);
                    return fail(err, errsz, "facets", "out of memory");
                }
                n++;
                if (!sideways) n_main++;
            }
        }
    xc_query *main_q = rs_query_build(q, NULL);
    int rc = main_q ? run(db, main_q, spies, n_main, limit, out, err, errsz)
                    : fail(err, errsz, "query", "out of memory");
    xc_query_free(main_q);
    for (size_t i = n_main; i < n && rc == 0; i++) {
        xc_query *lifted = rs_query_build(q, facets[i]->facet);
        rc = lifted ? run(db, lifted, &spies[i], 1, 0, NULL, err, errsz)
                    : fail(err, errsz, "query", "out of memory");
        xc_query_free(lifted);
    }
    for (size_t i = 0; i < n && rc == 0; i++) {
        /* Report facets in field-table order whatever the pass. */
        size_t slot = 0;
        for (size_t j = 0; j < rs_n_fields; j++)
            if (rs_fields[j].facet && &rs_fields[j] < facets[i]) slot++;
        out->facets[slot].name = facets[i]->facet;
        rc = count_facet(spies[i], &out->facets[slot], err, errsz);
    }
    out->n_facets = rc == 0 ? n : 0;
    for (size_t i = 0; i < n; i++) xc_spy_free(spies[i]);
    if (rc) rs_results_free(out);
    return rc;
}

void rs_results_free(rs_results *r)
{
    for (size_t i = 0; i < r->n_hits; i++) rs_expert_free(&r->hits[i].profile);
    free(r->hits);
    for (size_t i = 0; i < RS_MAX_FACETS; i++) {
        for (size_t j = 0; j < r->facets[i].n; j++) free(r->facets[i].counts[j].value);
        free(r->facets[i].counts);
    }
    memset(r, 0, sizeof *r);
}
