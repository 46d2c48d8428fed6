/*
 * The search language (spec section 5) parsed into Xapian queries.
 *
 *   free words      stemmed in every CV language, accents folded; words are
 *                   ANDed unless OR is written
 *   "a phrase"      words adjacent, in order
 *   prefix:value    a filter from the field table (core/schema.h); the same
 *                   prefix repeated means OR (nat:ES nat:FR), different
 *                   prefixes AND; prefix:"quoted value" for spaces
 *   AND OR NOT ( )  as usual; NOT binds tighter than AND, AND than OR; an
 *                   explicit AND keeps repeated prefixes apart (nat:ES AND nat:FR)
 *   -term           NOT term, as in web search: a minus sign directly before a
 *                   word, prefix:value, "phrase" or ( ); a query of exclusions
 *                   only (-reform) finds every expert but those
 *
 * An empty (blank) query matches every expert. A query that has text but
 * nothing to search for (a bare "-", an empty phrase "", "NOT ,") is an
 * error: it would otherwise match every expert by accident.
 *
 * A query that parses may still carry warnings for the user: field and
 * competence codes that are well formed but not in the taxonomy, ids no
 * expert has, and lower-case and/or/not between terms (searched as words;
 * the warning asks whether the operator was meant).
 *
 * The query keeps its top-level clauses apart so facets can be counted
 * drill-sideways: each facet as if its own filter were lifted.
 */
#ifndef RS_QUERY_H
#define RS_QUERY_H

#include <stddef.h>
#include "core/stem.h"
#include "xapian-c/xapian-c.h"

#define RS_QUERY_MAX_BYTES 8192
#define RS_QUERY_MAX_TERMS 1024
#define RS_QUERY_MAX_DEPTH 32

typedef struct rs_query rs_query;

/* Parse `text`. Returns 0, or -1 with a message for the user in err (bad
 * query: exit status 2). stemmers is borrowed for the call. */
int rs_query_parse(const char *text, rs_stemmers *stemmers, rs_query **out, char *err,
                   size_t errsz);

/* The roster's id for an id the user typed (id:exp-00042), so the parser
 * can find ids whatever their case: into out (outsz bytes) the id that
 * `asked` names, or "" when no expert has it. Returns 0; -1 with a message
 * in err when the asked id is ambiguous (several ids equal it ignoring
 * case); -2 with a message when the lookup itself failed. */
typedef int (*rs_id_lookup)(const char *asked, char *out, size_t outsz, char *err,
                            size_t errsz, void *ctx);

/* rs_query_parse with id: values resolved by lookup (NULL: taken as
 * written). Returns 0, -1 (bad query, exit status 2) or -2 (the lookup
 * failed: exit status 1). */
int rs_query_parse_ids(const char *text, rs_stemmers *stemmers, rs_id_lookup lookup,
                       void *lookup_ctx, rs_query **out, char *err, size_t errsz);
void rs_query_free(rs_query *q);

/* The Xapian query; with lift_facet (e.g. "nationality"), the top-level
 * clauses that filter only on that facet are left out. Caller frees. */
xc_query *rs_query_build(const rs_query *q, const char *lift_facet);
/* Does the query filter on this facet at top level? */
int rs_query_filters_facet(const rs_query *q, const char *facet);
/* Field codes asked with field: (for showing which of a hit's codes match),
 * leaving out those excluded (NOT field:U, -field:U). */
size_t rs_query_n_fields(const rs_query *q);
const char *rs_query_field_at(const rs_query *q, size_t i);

/* Warnings on a query that parsed, in the order met, each once. */
size_t rs_query_n_warnings(const rs_query *q);
const char *rs_query_warning_at(const rs_query *q, size_t i);

/* One folded word as a query: the exact word OR (as a synonym) its stems in
 * every CV language. NULL when out of memory. */
xc_query *rs_word_query(rs_stemmers *stemmers, const char *word, size_t len);

/* Free text as the OR of its distinct words (each a word query), at most
 * max_words of them, skipping the folded words for which skip(word, ctx)
 * is non-zero (skip NULL: none). Returns NULL when out of memory or invalid
 * UTF-8; match-nothing when the text has no words. */
xc_query *rs_text_query(rs_stemmers *stemmers, const char *text, size_t max_words,
                        int (*skip)(const char *word, void *ctx), void *ctx);

#endif
