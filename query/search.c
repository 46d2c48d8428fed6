/* Running searches and counting facets. See search.h.
 *
 * Every facet value of a document sits in one value slot as a token of the
 * facet's key and the value (core/schema.h), and a token-count spy counts
 * them while matching: one pass over the matches gives the hits, the exact
 * total and every facet the query does not filter on; each facet it does
 * filter on takes one more pass, over the query with that filter lifted
 * (drill-sideways). A pass that would match every expert (the query's only
 * filter lifted, or no query at all) is not run: the counts are then the
 * frequencies of the facet's terms, which the index keeps exact.
 */
#include "query/search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/schema.h"
#include "indexer/document.h"

/* Append a value and its count (each value comes once). */
static int facet_add(rs_facet *f, const char *value, size_t len, uint32_t count)
{
    if ((f->n & (f->n - 1)) == 0) { /* 0, 1, 2, 4, ...: full */
        rs_facet_count *c = realloc(f->counts, (f->n ? 2 * f->n : 1) * sizeof *c);
        if (!c) return -1;
        f->counts = c;
    }
    char *v = malloc(len + 1);
    if (!v) return -1;
    memcpy(v, value, len);
    v[len] = 0;
    f->counts[f->n++] = (rs_facet_count){v, count};
    return 0;
}

typedef struct {
    rs_facet *facet;
    const rs_field *field;
    int oom;
} tally_ctx;

/* A token of the spy: the field's key, then the value. */
static int tally_token(const char *token, size_t len, uint32_t count, void *arg)
{
    tally_ctx *t = arg;
    if (len < 2 || token[0] != t->field->facet_key) return 0;
    return t->oom = facet_add(t->facet, token + 1, len - 1, count) != 0;
}

/* A term of the facet: the prefix, then the value. */
static int tally_term(const char *term, uint32_t freq, void *arg)
{
    tally_ctx *t = arg;
    size_t skip = strlen(t->field->facet_prefix), len = strlen(term) - skip;
    if (freq == 0 || len == 0 || (t->field->facet_value_len && len != t->field->facet_value_len))
        return 0;
    return t->oom = facet_add(t->facet, term + skip, len, freq) != 0;
}

static int fail(char *err, size_t errsz, const char *what, const char *why)
{
    snprintf(err, errsz, "search: %s: %s", what, why ? why : "failed");
    return -1;
}

/* A writer committed over the revision being read (Xapian's
 * DatabaseModifiedError): reopen the index and search again. */
#define RETRY 1
#define SEARCH_TRIES 4

static int by_count(const void *a, const void *b)
{
    const rs_facet_count *x = a, *y = b;
    if (x->count != y->count) return x->count < y->count ? 1 : -1;
    return strcmp(x->value, y->value);
}

/* Append the hit of doc, its profile decoded from the document data. */
static int add_hit(rs_results *out, xc_doc *doc, double score, char *err, size_t errsz)
{
    rs_hit *h = &out->hits[out->n_hits];
    h->score = score;
    if (rs_document_profile(doc, &h->profile) != RS_OK)
        return fail(err, errsz, "index", "damaged profile in a document (run roster reindex)");
    out->n_hits++;
    return 0;
}

/* The hits of the documents docids[from..n) with their weights. 0, -1 or
 * RETRY. */
static int add_hits(xc_db *db, const uint32_t *docids, const double *weights, uint32_t from,
                    uint32_t n, rs_results *out, char *err, size_t errsz)
{
    out->hits = calloc(n > from ? n - from : 1, sizeof *out->hits);
    if (!out->hits) return fail(err, errsz, "results", "out of memory");
    for (uint32_t i = from; i < n; i++) {
        xc_doc *doc;
        xc_status st = xc_db_get_doc(db, docids[i], &doc);
        if (st != XC_OK)
            return st == XC_ERR_MODIFIED ? RETRY
                                         : fail(err, errsz, "index", "cannot read a document");
        int rc = add_hit(out, doc, weights ? weights[i] : 0.0, err, errsz);
        xc_doc_free(doc);
        if (rc) return rc;
    }
    return 0;
}

/* A plain query: its page ranked by xc_db_rank (one posting list at a
 * time, Xapian's weights), its matches counted, and fed to spy, by
 * xc_db_match: from the posting lists, or from bitmaps of its terms in a
 * reader that has met them before. */
static int run_weighed(xc_db *db, xc_query *q, xc_spy *spy, size_t offset, size_t limit,
                       rs_results *out, char *err, size_t errsz)
{
    uint32_t total = 0, docs = 0, n = 0;
    if (xc_db_doccount(db, &docs) != XC_OK) return fail(err, errsz, "index", xc_db_last_error(db));
    size_t upto = out && limit ? offset + limit : 0;
    if (upto > docs) upto = docs;
    uint32_t *docids = calloc(upto ? upto : 1, sizeof *docids);
    double *weights = calloc(upto ? upto : 1, sizeof *weights);
    int rc = docids && weights ? 0 : fail(err, errsz, "results", "out of memory");
    xc_status st = XC_OK;
    if (rc == 0 && upto) st = xc_db_rank(db, q, (uint32_t)upto, docids, weights, &n);
    if (rc == 0 && st == XC_OK) st = xc_db_match(db, q, spy, 0, NULL, &total);
    if (rc == 0 && st != XC_OK)
        rc = st == XC_ERR_MODIFIED ? RETRY : fail(err, errsz, "index", xc_db_last_error(db));
    if (rc == 0 && out) {
        out->total = total;
        rc = add_hits(db, docids, weights, (uint32_t)offset, n, out, err, errsz);
    }
    free(docids);
    free(weights);
    return rc;
}

/* Through Xapian's matcher, for what xc_db_match cannot match (phrases):
 * the ranked hits and the exact total. A query matching every document is
 * not run through: its total is the document count. */
static int run_ranked(xc_db *db, xc_query *q, xc_spy *spy, size_t offset, size_t limit,
                      rs_results *out, char *err, size_t errsz)
{
    xc_enquire *enq;
    uint32_t docs = 0;
    int everyone = xc_query_matches_all(q);
    if (xc_db_doccount(db, &docs) != XC_OK) return fail(err, errsz, "index", xc_db_last_error(db));
    if (xc_enquire_new(db, &enq) != XC_OK) return fail(err, errsz, "index", xc_db_last_error(db));
    xc_enquire_set_query(enq, q);
    if (spy) xc_enquire_add_spy(enq, spy);
    xc_mset *mset = NULL;
    xc_status st = xc_enquire_get_mset(enq, (uint32_t)offset, (uint32_t)limit,
                                        everyone ? 0 : docs, &mset);
    if (st != XC_OK) {
        int rc = st == XC_ERR_MODIFIED ? RETRY
                                       : fail(err, errsz, "index", xc_enquire_last_error(enq));
        xc_enquire_free(enq);
        return rc;
    }
    int rc = 0;
    if (out) {
        out->total = everyone ? docs : xc_mset_matches_estimated(mset);
        uint32_t n = xc_mset_size(mset);
        out->hits = calloc(n ? n : 1, sizeof *out->hits);
        if (!out->hits) rc = fail(err, errsz, "results", "out of memory");
        for (uint32_t i = 0; i < n && rc == 0; i++) {
            xc_doc *doc;
            xc_status ds = xc_mset_doc(mset, i, &doc);
            if (ds != XC_OK) {
                rc = ds == XC_ERR_MODIFIED ? RETRY
                                           : fail(err, errsz, "index", "cannot read a document");
                break;
            }
            rc = add_hit(out, doc, xc_mset_weight(mset, i), err, errsz);
            xc_doc_free(doc);
        }
    }
    xc_mset_free(mset);
    xc_enquire_free(enq);
    return rc;
}

/* Straight from the posting lists (xc_db_match), for a query that weighs
 * nothing: the hits are the matches by docid, as Xapian ranks them; a page
 * after the first skips the docids before it (documents are read only for
 * the page). */
static int run_plain(xc_db *db, xc_query *q, xc_spy *spy, size_t offset, size_t limit,
                     rs_results *out, char *err, size_t errsz)
{
    uint32_t *first = NULL, total = 0, docs = 0;
    size_t upto = limit ? offset + limit : 0;
    /* A later page: no more matches than documents, so one far past the
     * end costs no room for docids that cannot be there. */
    if (offset && xc_db_doccount(db, &docs) != XC_OK)
        return fail(err, errsz, "index", xc_db_last_error(db));
    if (offset && upto > docs) upto = docs;
    if (out && upto && !(first = calloc(upto, sizeof *first)))
        return fail(err, errsz, "results", "out of memory");
    xc_status st = xc_db_match(db, q, spy, out ? (uint32_t)upto : 0, first, &total);
    int rc = st == XC_OK ? 0
             : st == XC_ERR_MODIFIED ? RETRY
                                     : fail(err, errsz, "index", xc_db_last_error(db));
    if (rc == 0 && out) {
        uint32_t n = total <= offset ? 0 : total - offset < limit ? total - (uint32_t)offset
                                                                   : (uint32_t)limit;
        out->total = total;
        rc = add_hits(db, first, NULL, (uint32_t)offset, (uint32_t)offset + n, out, err, errsz);
    }
    free(first);
    return rc;
}

/* Run q over every match, feeding spy (when not NULL); also fetch hits when
 * out is not NULL. 0, -1 (message in err) or RETRY. */
static int run(xc_db *db, xc_query *q, xc_spy *spy, size_t offset, size_t limit,
               rs_results *out, char *err, size_t errsz)
{
    int plain = xc_query_is_plain(q) && !xc_query_matches_all(q);
    if (plain && xc_query_weighs_nothing(q))
        return run_plain(db, q, spy, offset, limit, out, err, errsz);
    if (plain) return run_weighed(db, q, spy, offset, limit, out, err, errsz);
    return run_ranked(db, q, spy, offset, limit, out, err, errsz);
}

/* A spy on the facets' slot counting the tokens of `keys`: 0, -1 (message in
 * err) or RETRY (making it may read the whole slot). */
static int new_spy(xc_db *db, const char *keys, xc_spy **spy, char *err, size_t errsz)
{
    xc_status st = xc_spy_new(db, RS_SLOT_FACETS, keys, spy);
    for (size_t i = 0; st == XC_OK && i < rs_n_fields; i++)
        if (rs_fields[i].facet_value)
            st = xc_spy_key_slot(*spy, rs_fields[i].facet_key, rs_fields[i].facet_slot);
    if (st == XC_OK) return 0;
    return st == XC_ERR_MODIFIED ? RETRY : fail(err, errsz, "facets", xc_db_last_error(db));
}

/* The facet's counts from the tokens spy counted. */
static int count_tokens(xc_spy *spy, const rs_field *f, rs_facet *fc, char *err, size_t errsz)
{
    tally_ctx t = {fc, f, 0};
    if (xc_spy_each(spy, tally_token, &t) != XC_OK || t.oom)
        return fail(err, errsz, "facets", "out of memory");
    return 0;
}

/* The facet's counts over every expert: its terms' frequencies. */
static int count_terms(xc_db *db, const rs_field *f, rs_facet *fc, char *err, size_t errsz)
{
    tally_ctx t = {fc, f, 0};
    xc_status st = xc_db_each_term(db, f->facet_prefix, tally_term, &t);
    if (st == XC_ERR_MODIFIED) return RETRY;
    if (st != XC_OK) return fail(err, errsz, "index", xc_db_last_error(db));
    return t.oom ? fail(err, errsz, "facets", "out of memory") : 0;
}

/* A facet the query filters on, counted with that filter lifted. */
static int count_lifted(xc_db *db, const rs_query *q, const rs_field *f, rs_facet *fc, char *err,
                        size_t errsz)
{
    xc_query *lifted = rs_query_build(q, f->facet);
    if (!lifted) return fail(err, errsz, "query", "out of memory");
    if (xc_query_matches_all(lifted)) {
        xc_query_free(lifted);
        return count_terms(db, f, fc, err, errsz);
    }
    /* Only counted: weighing its matches would be wasted. */
    xc_query *unweighted = xc_query_scale(lifted, 0);
    xc_query_free(lifted);
    xc_spy *spy = NULL;
    int rc = unweighted ? new_spy(db, (char[2]){f->facet_key, 0}, &spy, err, errsz)
                        : fail(err, errsz, "query", "out of memory");
    if (rc == 0 && (rc = run(db, unweighted, spy, 0, 0, NULL, err, errsz)) == 0)
        rc = count_tokens(spy, f, fc, err, errsz);
    xc_spy_free(spy);
    xc_query_free(unweighted);
    return rc;
}

/* One search over the revision db holds: 0, -1 (message in err) or RETRY. */
static int search_once(xc_db *db, const rs_query *q, size_t offset, size_t limit,
                       int with_facets, rs_results *out, char *err, size_t errsz)
{
    memset(out, 0, sizeof *out);
    xc_query *main_q = rs_query_build(q, NULL);
    if (!main_q) return fail(err, errsz, "query", "out of memory");
    int everyone = xc_query_matches_all(main_q);
    /* The main pass counts the facets the query does not filter on. */
    char keys[RS_MAX_FACETS + 1];
    size_t n_keys = 0;
    for (size_t i = 0; i < rs_n_fields && with_facets && !everyone; i++) {
        const rs_field *f = &rs_fields[i];
        if (f->facet && !rs_query_filters_facet(q, f->facet) && n_keys < RS_MAX_FACETS)
            keys[n_keys++] = f->facet_key;
    }
    keys[n_keys] = 0;
    xc_spy *spy = NULL;
    int rc = n_keys ? new_spy(db, keys, &spy, err, errsz) : 0;
    if (rc == 0) rc = run(db, main_q, spy, offset, limit, out, err, errsz);
    xc_query_free(main_q);
    /* In field-table order. */
    for (size_t i = 0; i < rs_n_fields && with_facets && rc == 0; i++) {
        const rs_field *f = &rs_fields[i];
        if (!f->facet || out->n_facets == RS_MAX_FACETS) continue;
        rs_facet *fc = &out->facets[out->n_facets++];
        fc->name = f->facet;
        if (rs_query_filters_facet(q, f->facet)) rc = count_lifted(db, q, f, fc, err, errsz);
        else if (everyone) rc = count_terms(db, f, fc, err, errsz);
        else rc = count_tokens(spy, f, fc, err, errsz);
        if (fc->n) qsort(fc->counts, fc->n, sizeof *fc->counts, by_count);
    }
    xc_spy_free(spy);
    if (rc) rs_results_free(out);
    return rc;
}

int rs_search(xc_db *db, const rs_query *q, size_t offset, size_t limit, int with_facets,
              rs_results *out, char *err, size_t errsz)
{
    for (int tries = 1;; tries++) {
        int rc = search_once(db, q, offset, limit, with_facets, out, err, errsz);
        if (rc != RETRY) return rc;
        if (tries == SEARCH_TRIES || xc_db_reopen(db) != XC_OK)
            return fail(err, errsz, "index", "kept changing during the search; try again");
    }
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
