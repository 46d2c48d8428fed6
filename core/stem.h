/*
 * Snowball stemmers by language, created on first use and cached. The
 * languages whose stems a query word is expanded to are rs_index_languages.
 */
#ifndef RS_STEM_H
#define RS_STEM_H

#include "xapian-c/xapian-c.h"

typedef struct rs_stemmers rs_stemmers;
rs_stemmers *rs_stemmers_new(void);
void rs_stemmers_free(rs_stemmers *s);
/* The stemmer for an ISO 639-1 code, or NULL when Xapian has none. */
xc_stem *rs_stemmers_get(rs_stemmers *s, const char *lang);

/* The CV languages of the roster, NULL-terminated: a query word is matched
 * against its stem in each. */
extern const char *const rs_index_languages[];

#endif
