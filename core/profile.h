/*
 * The compact profile: what the matcher needs of an expert, stored in each
 * index document's data so candidates are scored without touching SQLite.
 *
 * It is an rs_expert with only these members set: id, name, gender,
 * nationalities, residence, status, languages, fields, competences, cv_lang,
 * missions (country, from, to, days, lead) and unavailable. Encoded as short
 * text lines ("key value..."), versioned by its first line.
 */
#ifndef RS_PROFILE_H
#define RS_PROFILE_H

#include <stddef.h>
#include "core/model.h"

/* Encode; malloc'd NUL-terminated text, *len its length. NULL when out of memory. */
char *rs_profile_encode(const rs_expert *e, size_t *len);
/* Decode into *out (caller frees with rs_expert_free). 0 ok, -1 malformed. */
int rs_profile_decode(const char *data, size_t len, rs_expert *out);

#endif
