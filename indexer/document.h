/*
 * One expert -> one Xapian document.
 *
 * Terms of each property come from the field table (core/schema.h). Free text (name,
 * employer, summary, experience, education) is folded and indexed twice:
 * unstemmed with positions (exact words and phrases) and stemmed in the CV's
 * language under Z (no positions). The document data is the compact profile.
 *
 * Value slots hold facet codes only, never text: Xapian keeps each slot's
 * lowest and highest value after the document holding it is deleted (even
 * through compaction), so a name there would outlive `roster forget`.
 */
#ifndef RS_DOCUMENT_H
#define RS_DOCUMENT_H

#include <stdint.h>
#include "core/model.h"
#include "core/stem.h"
#include "core/store.h"
#include "xapian-c/xapian-c.h"

/* Build e's document. RS_ERR_NOMEM or RS_ERR_INDEX on failure. */
rs_status rs_document_build(const rs_expert *e, rs_stemmers *stemmers, xc_doc **out);

/* The document of expert `id` in db (*out freed with xc_doc_free):
 * XC_OK, XC_ERR_NOT_FOUND, or another failure (xc_db_last_error). */
xc_status rs_document_find(xc_db *db, const char *id, xc_doc **out);
/* The expert's profile that doc holds as its data (core/profile.h says
 * which members are set; free with rs_expert_free). RS_OK, or
 * RS_ERR_CORRUPT when the data cannot be read or decoded. */
rs_status rs_document_profile(xc_doc *doc, rs_expert *out);
/* Write doc as expert id's document, replacing the one it had. */
xc_status rs_document_replace(xc_wdb *w, const char *id, xc_doc *doc);
/* The same in a shard (indexer/shards.h): in its place when the shard has
 * it, else at docid *next_docid (then moved on), after every expert so far. */
xc_status rs_document_put(xc_wdb *w, const char *id, xc_doc *doc, uint32_t *next_docid);
/* Delete expert id's document (none: XC_OK). */
xc_status rs_document_delete(xc_wdb *w, const char *id);

#endif
