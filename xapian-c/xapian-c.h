/*
 * xapian-c: the C API of roster over libxapian.
 *
 * This directory is the only C++ in the tree. Everything above it sees opaque
 * handles and an xc_status; no C++ exception ever crosses into C. Each handle
 * keeps the message of its last failure (xc_*_last_error), valid until the
 * next call on that handle. Functions that create a handle and fail return
 * the message through *err (malloc'd, caller frees) when err is not NULL;
 * *err is set to NULL on success. A NULL handle or a NULL out-pointer gives
 * XC_ERR_INVALID_ARGUMENT; last_error of a NULL handle is "".
 *
 * Ownership: every xc_*_new / xc_*_open result is freed by its xc_*_free.
 * Queries are values: combinators copy what they are given, so the caller
 * still frees the arguments. Strings returned through `const char **` are
 * borrowed from the handle and valid until the next call on it.
 *
 * Only what the project uses is wrapped.
 */
#ifndef XAPIAN_C_H
#define XAPIAN_C_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    XC_OK = 0,
    XC_ERR_NOMEM,            /* out of memory */
    XC_ERR_OPENING,          /* database missing or cannot be opened */
    XC_ERR_LOCKED,           /* another writer holds the database */
    XC_ERR_CORRUPT,          /* database corrupt */
    XC_ERR_MODIFIED,         /* reader overtaken by a writer: reopen and retry */
    XC_ERR_NOT_FOUND,        /* no such document */
    XC_ERR_INVALID_ARGUMENT, /* bad argument (e.g. empty term, unknown stemmer) */
    XC_ERR_NOSPACE,          /* a write failed for want of room: the disk, a quota or the
                              * file size limit (ENOSPC, EDQUOT, EFBIG) */
    XC_ERR_NETWORK,          /* a remote shard did not answer, or not in time */
    XC_ERR_XAPIAN,           /* any other Xapian error */
    XC_ERR_UNKNOWN           /* a non-Xapian exception */
} xc_status;

const char *xc_status_to_string(xc_status status);

typedef struct xc_db xc_db;           /* read-only database */
typedef struct xc_wdb xc_wdb;         /* writable database */
typedef struct xc_doc xc_doc;         /* a document being built or read */
typedef struct xc_query xc_query;     /* an immutable query */
typedef struct xc_enquire xc_enquire; /* a search session over a db */
typedef struct xc_mset xc_mset;       /* a page of results */
typedef struct xc_spy xc_spy;         /* token-count match spy (facets) */
typedef struct xc_stem xc_stem;       /* a Snowball stemmer */

/* ---- read-only database ---- */
/* A database directory, or a stub: a file (or a directory holding a file
 * named XAPIANDB) whose lines name shards, "remote HOST:PORT" (served by
 * xapian-tcpsrv) or "auto PATH" (relative to the stub's directory); blank
 * lines and lines starting with '#' are skipped. The shards answer as one
 * database; Xapian interleaves their docids (shard i of n holds the
 * combined ids i+1, n+i+1, ...). A remote shard waits XC_REMOTE_TIMEOUT_MS
 * for a connection and for each answer. */
#define XC_REMOTE_TIMEOUT_MS 10000u
xc_status xc_db_open(const char *path, xc_db **out, char **err);
/* The same with a remote timeout of timeout_ms; with allow_partial a shard
 * that cannot be opened is left out (xc_db_shard_missing) rather than an
 * error, while at least one opens. A shard that fails to open is named in
 * the message as "shard K of N (LINE): why". */
xc_status xc_db_open_shards(const char *path, unsigned timeout_ms, int allow_partial, xc_db **out,
                            char **err);
/* The shards opened (1 for a plain database), each by the stub's line
 * ("remote HOST:PORT" or the local path; NULL past the last). */
size_t xc_db_shard_count(const xc_db *db);
const char *xc_db_shard_name(const xc_db *db, size_t i);
/* The directory of shard i, NULL for a remote one. */
const char *xc_db_shard_path(const xc_db *db, size_t i);
/* The stub lines of shards left out by allow_partial, NULL past the last. */
const char *xc_db_shard_missing(const xc_db *db, size_t i);
/* Is some shard remote? Then every match and count runs in Xapian's
 * matcher on the shards (the per-list ranking and walks below read lists
 * only of local databases). */
int xc_db_is_remote(const xc_db *db);
/* Metadata of shard i alone (xc_db_get_metadata reads the first shard's,
 * as Xapian does); *out malloc'd. */
xc_status xc_db_shard_metadata(xc_db *db, size_t i, const char *key, char **out);
void xc_db_free(xc_db *db);
const char *xc_db_last_error(const xc_db *db);
/* Re-read the latest committed revision (after XC_ERR_MODIFIED). */
xc_status xc_db_reopen(xc_db *db);
xc_status xc_db_doccount(xc_db *db, uint32_t *out);
/* Number of documents indexed by `term` (0 when absent). Over remote
 * shards a term is asked once between reopens: the answer is kept. */
xc_status xc_db_termfreq(xc_db *db, const char *term, uint32_t *out);
/* Over remote shards, ask the frequencies of terms[0..n) in one round trip
 * to each shard (as the statistics of a query that matches nothing) and
 * keep them for xc_db_termfreq, where one by one each term would be a
 * round trip to every shard in turn. A local database answers a term in
 * less time than a list is gathered: there it does nothing. */
xc_status xc_db_prefetch_termfreqs(xc_db *db, const char *const *terms, size_t n);
/* Metadata value for key; *out malloc'd (caller frees), "" when unset. */
xc_status xc_db_get_metadata(xc_db *db, const char *key, char **out);
/* The document indexed by unique term `term`; XC_ERR_NOT_FOUND if none. */
xc_status xc_db_find_doc(xc_db *db, const char *term, xc_doc **out);
/* Check every table of the database at `path` and their agreement with
 * one another (what xapian-check does): XC_OK when sound, XC_ERR_CORRUPT
 * (or the status of the error that stopped the check) with what is wrong
 * in *err otherwise. Reads the whole database, so it takes time in
 * proportion to its size. */
xc_status xc_db_check(const char *path, char **err);
/* Iterate all terms starting with prefix ("" for all), in byte order: calls
 * fn(term, termfreq, ctx) for each, stops early when fn returns non-zero.
 * On an error (e.g. XC_ERR_MODIFIED) fn may already have seen some terms. */
xc_status xc_db_each_term(xc_db *db, const char *prefix,
                          int (*fn)(const char *term, uint32_t termfreq, void *ctx),
                          void *ctx);

/* The documents matching q (xc_query_is_plain), found from the terms'
 * posting lists without Xapian's matcher or weights: *total is how many;
 * the first n_first of them by docid go into first[] (fewer when there are
 * fewer), and each is fed to spy when it is not NULL. For counting, and
 * for the hits of a query that weighs nothing. A term walked a second time
 * at db's revision is kept as a bitmap of its documents (lastdocid / 8
 * bytes; at most 16 MiB of them per db, until it moves to a new revision),
 * and a query whose terms all have one is matched from them. */
xc_status xc_db_match(xc_db *db, const xc_query *q, xc_spy *spy, uint32_t n_first,
                      uint32_t *first, uint32_t *total);
/* The best max documents of q by weight, best first, as
 * xc_enquire_get_mset(…, 0, max, …) ranks them (BM25; equal weights by
 * docid): their docids and weights go into docids[] and weights[] (room
 * for max each), *n says how many. A query of terms, SYNONYMs of distinct
 * terms, OR, AND and scaling, restricted by AND_NOT or FILTER with plain
 * parts, is weighed here term by term, one posting list after another,
 * with Xapian's own formulas (weights equal to its, but for the order of
 * the additions); Xapian's matcher merges hundreds of lists a document at
 * a time, several times slower. Ranking here first reads every document's
 * length, once a revision: a reader does it the second time it asks, or
 * at once for a query whose lists hold four postings or more a document of
 * the database. Before, and for any other query, Xapian's matcher ranks. */
xc_status xc_db_rank(xc_db *db, const xc_query *q, uint32_t max, uint32_t *docids,
                     double *weights, uint32_t *n);
/* The weight of q for each of the n documents docids[] into weights[] (0
 * for one q does not match), as xc_db_rank weighs them: a query it takes is
 * weighed here, any other by Xapian's matcher over those documents. */
xc_status xc_db_weigh(xc_db *db, const xc_query *q, const uint32_t *docids, uint32_t n,
                      double *weights);
/* The document with this docid (caller frees); XC_ERR_NOT_FOUND if none.
 * A local reader keeps the data of the documents it read at its revision
 * (16 MiB at most) and gives it again without reading the index. */
xc_status xc_db_get_doc(xc_db *db, uint32_t docid, xc_doc **out);

/* ---- writable database ---- */
/* Creates the database when absent. XC_ERR_LOCKED at once (no waiting) when
 * another writer has it, also when that writer is in this same process.
 * Note: when a write fails, Xapian may drop every change made since the
 * last commit, not only the failed one. */
xc_status xc_wdb_open(const char *path, xc_wdb **out, char **err);
/* Frees without committing pending changes (they are discarded). */
void xc_wdb_free(xc_wdb *wdb);
const char *xc_wdb_last_error(const xc_wdb *wdb);
xc_status xc_wdb_add_doc(xc_wdb *wdb, const xc_doc *doc);
/* Put doc at this docid (>= 1), replacing any document there. */
xc_status xc_wdb_put_doc_at(xc_wdb *wdb, uint32_t docid, const xc_doc *doc);
/* The highest docid ever used (deleted documents included). */
xc_status xc_wdb_lastdocid(xc_wdb *wdb, uint32_t *out);
/* Number of documents indexed by term (0 when absent). */
xc_status xc_wdb_termfreq(xc_wdb *wdb, const char *term, uint32_t *out);
/* Replace (or add) the document indexed by unique term `term`. */
xc_status xc_wdb_replace_doc(xc_wdb *wdb, const char *term, const xc_doc *doc);
/* Delete every document indexed by `term` (none is not an error). */
xc_status xc_wdb_delete_doc(xc_wdb *wdb, const char *term);
xc_status xc_wdb_set_metadata(xc_wdb *wdb, const char *key, const char *value);
xc_status xc_wdb_commit(xc_wdb *wdb);
xc_status xc_wdb_doccount(xc_wdb *wdb, uint32_t *out);
/* A new database at `path` (an existing one is an error, XC_ERR_XAPIAN) for
 * building an index that nothing reads before it is merged by
 * xc_compact_many: its commits do not wait for the disk, so a crash may
 * leave it damaged, and it is meant to be thrown away then. */
xc_status xc_wdb_open_scratch(const char *path, xc_wdb **out, char **err);
/* Write a compacted copy of the database at `src` into the new directory
 * `dst` (xapian-compact). Freed blocks are not copied, so erased text is gone.
 * dst must not exist (XC_ERR_INVALID_ARGUMENT); on failure it is removed.
 * Document ids may be renumbered (only unique terms identify documents). */
xc_status xc_compact(const char *src, const char *dst, char **err);
/* The same for n >= 1 sources merged into one: the documents of srcs[0]
 * come first, in their order, then those of srcs[1], and so on. Each
 * source's files stay open during the merge (a few per source). With
 * XC_COMPACT_KEEP_DOCIDS every document keeps its docid (the sources'
 * docids must then not overlap), else they are renumbered. */
#define XC_COMPACT_KEEP_DOCIDS 1u
xc_status xc_compact_many(const char *const *srcs, size_t n, const char *dst, unsigned flags,
                          char **err);

/* ---- document ---- */
/* Longest term (in bytes) the glass backend stores. Adding a longer one is
 * refused by xc_doc_add_* (XC_ERR_INVALID_ARGUMENT), before it could make a
 * write fail and so drop the uncommitted changes. */
#define XC_MAX_TERM_BYTES 245
xc_status xc_doc_new(xc_doc **out);
void xc_doc_free(xc_doc *doc);
const char *xc_doc_last_error(const xc_doc *doc);
xc_status xc_doc_add_term(xc_doc *doc, const char *term, uint32_t wdf_inc);
/* Boolean term: wdf 0, no effect on ranking. */
xc_status xc_doc_add_boolean_term(xc_doc *doc, const char *term);
xc_status xc_doc_add_posting(xc_doc *doc, const char *term, uint32_t pos, uint32_t wdf_inc);
xc_status xc_doc_set_value(xc_doc *doc, unsigned slot, const char *value, size_t len);
xc_status xc_doc_set_data(xc_doc *doc, const char *data, size_t len);
/* Borrowed; valid until the next call on doc. */
xc_status xc_doc_get_data(xc_doc *doc, const char **data, size_t *len);
xc_status xc_doc_get_value(xc_doc *doc, unsigned slot, const char **value, size_t *len);
/* Calls fn(term, ctx) for each term of doc, in byte order; stops early when
 * fn returns non-zero. On an error fn may already have seen some terms. */
xc_status xc_doc_each_term(xc_doc *doc, int (*fn)(const char *term, void *ctx), void *ctx);

/* ---- query ---- */
typedef enum {
    XC_OP_AND,
    XC_OP_OR,
    XC_OP_AND_NOT,   /* first AND NOT (second OR third ...) */
    XC_OP_FILTER,    /* first, restricted to docs matching the others, no weight from them */
    XC_OP_AND_MAYBE, /* first, others only add weight */
    XC_OP_SYNONYM,   /* weighted as one term */
    XC_OP_PHRASE     /* subqueries (terms) adjacent in order */
} xc_op;

/* Every constructor returns NULL when out of memory or given a bad argument:
 * a NULL or empty term, a NULL subquery (so NULL propagates up a tree), an
 * op outside xc_op, a negative or non-finite scale factor.
 * xc_query_combine with n == 0 gives match-all for XC_OP_AND and
 * match-nothing for every other op. */
xc_query *xc_query_term(const char *term, uint32_t wqf);
xc_query *xc_query_match_all(void);
xc_query *xc_query_match_nothing(void);
xc_query *xc_query_combine(xc_op op, xc_query *const *subs, size_t n);
/* Matches documents whose value in slot lies within [lo, hi] (string order);
 * lo or hi NULL = open end ("" lo too). Documents without a value in slot
 * never match, even with both ends open. */
xc_query *xc_query_value_range(unsigned slot, const char *lo, const char *hi);
/* Multiply the weight of q by factor (>= 0). */
xc_query *xc_query_scale(const xc_query *q, double factor);
xc_query *xc_query_copy(const xc_query *q);
/* Does q match every document, as xc_query_match_all does? 0 for NULL. */
int xc_query_matches_all(const xc_query *q);
/* Does every document q matches weigh 0 (filters only: scaled by 0, match-
 * all, value ranges, and what FILTER and AND_NOT add; a SYNONYM or PHRASE
 * always weighs)? Xapian then ranks its matches by docid. 0 for NULL. */
int xc_query_weighs_nothing(const xc_query *q);
/* Is q made only of terms, match-all or -nothing, AND, OR, SYNONYM,
 * AND_NOT, FILTER, AND_MAYBE and scaling, so that xc_db_match takes it?
 * 0 for NULL. */
int xc_query_is_plain(const xc_query *q);
void xc_query_free(xc_query *q);
/* Xapian's description of the query (for tests and debugging); caller frees. */
char *xc_query_describe(const xc_query *q);

/* ---- enquire, mset, spy ---- */
/* On failure the message is kept by db (xc_db_last_error). */
xc_status xc_enquire_new(xc_db *db, xc_enquire **out);
void xc_enquire_free(xc_enquire *enq);
const char *xc_enquire_last_error(const xc_enquire *enq);
/* q is copied; NULL matches nothing. No query set: nothing matches. */
void xc_enquire_set_query(xc_enquire *enq, const xc_query *q);
/* Sort by value slot instead of relevance (ties broken by relevance). */
void xc_enquire_set_sort_by_value(xc_enquire *enq, unsigned slot, int reverse);
/* The spy is borrowed: it must outlive every get_mset using it. Its counts
 * add up over every get_mset it takes part in. */
xc_status xc_enquire_add_spy(xc_enquire *enq, xc_spy *spy);
void xc_enquire_clear_spies(xc_enquire *enq);
/* check_at_least: make the estimate exact up to this many matches (and run
 * spies over them). */
xc_status xc_enquire_get_mset(xc_enquire *enq, uint32_t first, uint32_t maxitems,
                              uint32_t check_at_least, xc_mset **out);

void xc_mset_free(xc_mset *mset);
/* Message of the last failed xc_mset_doc. */
const char *xc_mset_last_error(const xc_mset *mset);
/* Out-of-range i: weight 0.0, docid 0 (never a valid id). */
uint32_t xc_mset_size(const xc_mset *mset);
/* Exact when check_at_least covered every match. */
uint32_t xc_mset_matches_estimated(const xc_mset *mset);
uint32_t xc_mset_matches_lower_bound(const xc_mset *mset);
uint32_t xc_mset_matches_upper_bound(const xc_mset *mset);
double xc_mset_weight(const xc_mset *mset, uint32_t i);
uint32_t xc_mset_docid(const xc_mset *mset, uint32_t i);
/* The i-th document (caller frees). */
xc_status xc_mset_doc(xc_mset *mset, uint32_t i, xc_doc **out);

/* A spy counting, over the documents of db matched, the space-separated
 * tokens of the value in `slot` (a value "ES FR" counts ES once and FR
 * once) whose first byte is one of `keys`, or every token when keys is NULL
 * or "". For enquires over db only; db must outlive it. Once its spies have
 * read as many values one by one as db holds documents, db keeps the slot's
 * tokens of every document in memory (until it moves to a new revision).
 * On failure the message is kept by db (xc_db_last_error). */
xc_status xc_spy_new(xc_db *db, unsigned slot, const char *keys, xc_spy **out);
/* Over remote shards, count the tokens of `key` from `slot`, a slot that
 * holds that key's tokens alone. There Xapian's ValueCountMatchSpy counts
 * whole values, each shard sending every distinct value it met: a slot of
 * all the keys' tokens holds almost one value a document (105,892 in a
 * shard of 250,000 experts), one key's tokens a few hundred. Used once
 * every key counted has its slot (all 256 when keys was NULL or ""). */
xc_status xc_spy_key_slot(xc_spy *spy, char key, unsigned slot);
void xc_spy_free(xc_spy *spy);
/* Calls fn(token, len, count, ctx) for each distinct token counted, in byte
 * order; stops early when fn returns non-zero. */
xc_status xc_spy_each(xc_spy *spy,
                      int (*fn)(const char *value, size_t len, uint32_t count, void *ctx),
                      void *ctx);
/* Number of documents the spy has seen. */
uint32_t xc_spy_total(const xc_spy *spy);

/* ---- stemmer ---- */
/* language: a Xapian stemmer name or ISO 639-1 code ("en", "french", ...).
 * XC_ERR_INVALID_ARGUMENT when Xapian has no stemmer for it; "none" and ""
 * (Xapian's no-op stemmer) are refused too. */
xc_status xc_stem_new(const char *language, xc_stem **out);
void xc_stem_free(xc_stem *stem);
/* Stem one word; result borrowed from the stemmer, valid until next call.
 * NULL when stem is NULL, word is NULL with len > 0, or out of memory.
 * The stemmer keeps a bounded cache of the words it has stemmed. */
const char *xc_stem_word(xc_stem *stem, const char *word, size_t len);

/* libxapian's version string, e.g. "1.4.22". */
const char *xc_version(void);

#ifdef __cplusplus
}
#endif
#endif
