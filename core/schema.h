/*
 * The field table: every searchable property of an expert, once.
 *
 * Indexing (indexer/), query parsing (query/), facets and `roster search
 * --help` all read this table. Term prefixes follow Xapian's convention
 * (upper-case letters; X starts a multi-letter prefix).
 *
 * Terms an expert document carries:
 *   Q<id>               unique id term
 *   XF<code>            every level of each field code: XFE, XFE.10, XFE.10.01
 *   XC<code>            every level of each competence: XC2, XC2.1
 *   L<lang>             each language, any level: Lfr
 *   XL<lang>:<level>    each language's level: XLfr:C1 (A1 A2 B1 B2 C1 C2 native);
 *                       lang:fr>=B2 is the OR of the levels from B2 up
 *   N<ISO2>             each nationality
 *   K<ISO2>             each country of past missions or experience
 *   S<status>           sector/status: Spublic, Sretired_public, ...
 *   G<gender>           GF, GM, GX
 *   XUM<YYYY-MM>        each month with at least one unavailable day
 *   XUF<YYYY-MM>        each month the expert is unavailable every day of
 *   XUD<YYYY-MM-DD>     each unavailable day of the other months
 *   XLD<YYYY-MM>:<ddd>  mission days in the 12 months ending with that month
 *                       (zero-padded to 3 digits; only months with load > 0)
 *   <word>              free text, folded, unstemmed, with positions
 *   Z<stem>             free text, stemmed in the CV's language
 *
 * Value slots (facets count combinations, see query/): each holds the sorted,
 * space-separated distinct values of the document.
 */
#ifndef RS_SCHEMA_H
#define RS_SCHEMA_H

#include <stddef.h>
#include <stdint.h>
#include "core/model.h"
#include "core/qlist.h"
#include "xapian-c/xapian-c.h"

#define RS_PREFIX_ID "Q"
#define RS_PREFIX_FIELD "XF"
#define RS_PREFIX_COMPETENCE "XC"
#define RS_PREFIX_LANGUAGE "L"
#define RS_PREFIX_LANGUAGE_LEVEL "XL"
#define RS_PREFIX_NATIONALITY "N"
#define RS_PREFIX_COUNTRY "K"
#define RS_PREFIX_SECTOR "S"
#define RS_PREFIX_GENDER "G"
#define RS_PREFIX_UNAVAILABLE_DAY "XUD"
#define RS_PREFIX_UNAVAILABLE_MONTH "XUM"
#define RS_PREFIX_UNAVAILABLE_FULL_MONTH "XUF"
#define RS_PREFIX_LOAD "XLD"
#define RS_PREFIX_STEM "Z"

/* Every facet value of the document as a token made of the facet's key and
 * the value ("fE lfr len nES nFR spublic gF", see rs_facet_tokens), so
 * counting all facets reads one slot per match. Each facet's tokens are
 * also in a slot of their own (rs_field.facet_slot), for remote shards:
 * there Xapian's spies count whole values, and one facet's take a few
 * hundred distinct values where all of them take about one a document
 * (xc_spy_key_slot). No slot holds text: see indexer/document.h. */
#define RS_SLOT_FACETS 0

#define RS_TERM_MAX 160 /* longest term we make (Xapian allows 245 bytes) */

/* Receives one term; returns non-zero on failure (out of memory). */
typedef int (*rs_term_fn)(const char *term, void *ctx);

typedef struct {
    const char *name;   /* query prefix without ':' ("field"); NULL = index only */
    const char *facet;  /* facet name in --facets output, or NULL */
    char facet_key;     /* first byte of the facet's tokens in RS_SLOT_FACETS */
    unsigned facet_slot; /* the slot of the facet's tokens alone */
    /* The facet's values as terms: facet_prefix + value, the value
     * facet_value_len bytes long when that is not 0 (the field facet counts
     * letters: XFE, not XFE.10). Over every expert, the counts are these
     * terms' frequencies. */
    const char *facet_prefix;
    size_t facet_value_len;
    const char *help;   /* one line for --help */
    const char *example;
    /* Terms carry weight (wdf 1) instead of being boolean, so a query that
     * ORs them ranks experts by them (the matcher's retrieval does); as
     * search filters they weigh nothing either way. */
    int weighted;
    /* Emit every term this property gives expert e. */
    int (*terms)(const rs_expert *e, rs_term_fn emit, void *ctx);
    /* The query for `prefix:value`, or NULL with a message in err. */
    xc_query *(*query)(const char *value, char *err, size_t errsz);
    /* The facet's distinct values of e, sorted, space-separated, into buf. */
    void (*facet_value)(const rs_expert *e, char *buf, size_t bufsz);
    /* For a value `query` accepts: a warning into msg when the value names
     * nothing the facility knows (a code not in the taxonomy), so a search
     * that finds nothing says why. Returns non-zero when it wrote one.
     * NULL: no such check. */
    int (*unknown)(const char *value, char *msg, size_t msgsz);
} rs_field;

extern const rs_field rs_fields[];
extern const size_t rs_n_fields;

/* The facet tokens of e into buf: each facet's values (facet_value)
 * prefixed by its key, in field-table order; of facet `only` alone unless
 * it is NULL (the RS_SLOT_FACETS value). 4 KiB hold any valid record. */
#define RS_FACETS_VALUE_MAX 4096
void rs_facet_tokens(const rs_expert *e, const rs_field *only, char *buf, size_t bufsz);

/* The unique id term of expert `id` (Q<id>) into term, made by the field
 * table's id field as indexing makes it. Returns 0, or -1 when the id is
 * too long to be one (no expert has it). */
int rs_id_term(const char *id, char term[RS_TERM_MAX]);
/* The query matching the expert with this id (none for an id too long to
 * be one). NULL when out of memory. */
xc_query *rs_id_query(const char *id);

/* Experts with no unavailable day in [from, to] (day numbers, see core/date.h),
 * and its complement: experts with at least one. */
xc_query *rs_avail_query(int32_t from, int32_t to);
xc_query *rs_unavailable_query(int32_t from, int32_t to);

/* Experts with more than max mission days in the RS_RECENT_MONTHS calendar
 * months before the month of `day`, as the load terms hold them: one term
 * query per count above max, added to out (ORed by the caller). 0, or -1
 * when the index or memory failed. */
int rs_overloaded_terms(xc_db *db, int32_t day, int max, rs_qlist *out);

/* The field with query prefix `name` (length len), or NULL. */
const rs_field *rs_field_find(const char *name, size_t len);
/* The known prefix nearest to an unknown one, for "did you mean". */
const rs_field *rs_field_nearest(const char *name, size_t len);

#endif
