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

#include "core/model.h"
#include "core/stem.h"
#include "core/store.h"
#include "xapian-c/xapian-c.h"

/* Build e's document. RS_ERR_NOMEM or RS_ERR_INDEX on failure. */
rs_status rs_document_build(const rs_expert *e, rs_stemmers *stemmers, xc_doc **out);

#endif
