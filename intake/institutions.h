/*
 * The partner institutions a request document names, for its partner
 * country (intake/country.c). Two sources, read the same way: the
 * national public institutions of the facility's partner countries in its
 * domain (corpus/reference/institutions.tsv: ministries, social security,
 * employment and training services, statistics offices), and the partner
 * institutions of the requests on record (rs_known_institution). A name
 * the text spells, or an acronym it writes in capitals, names the
 * institution; a name or an acronym that two countries' institutions
 * bear names none of them.
 */
#ifndef RS_INTAKE_INSTITUTIONS_H
#define RS_INTAKE_INSTITUTIONS_H

#include <stddef.h>

#include "intake/request.h"
#include "intake/words.h"

/* Call named(country, begin, end, ctx) for each institution the text's
 * words name, in the order of the text, with the bytes that name it.
 * known: the requests' institutions (n_known of them, maybe none), added
 * to the table's. Returns 0, or -1 when out of memory. */
int rs_institutions_named(const rs_words *text, const rs_known_institution *known,
                          size_t n_known,
                          void (*named)(const char *country, size_t begin, size_t end,
                                        void *ctx),
                          void *ctx);

#endif
