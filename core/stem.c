/* Cached stemmers. See stem.h. */
#include "core/stem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const rs_index_languages[] = {"en", "fr", "es", "pt", NULL};

/* One slot per language asked, stemmer or not (stem NULL: Xapian has none).
 * The slots grow as needed: the languages are the ISO 639-1 codes records
 * may name, so there are at most a few hundred, and a language left out
 * of the cache would go unstemmed. */
typedef struct { char lang[3]; xc_stem *stem; } stem_slot;
struct rs_stemmers { stem_slot *slot; size_t n, cap; };

rs_stemmers *rs_stemmers_new(void) { return calloc(1, sizeof(rs_stemmers)); }

void rs_stemmers_free(rs_stemmers *s)
{
    if (!s) return;
    for (size_t i = 0; i < s->n; i++) xc_stem_free(s->slot[i].stem);
    free(s->slot);
    free(s);
}

xc_stem *rs_stemmers_get(rs_stemmers *s, const char *lang)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->slot[i].lang, lang) == 0) return s->slot[i].stem;
    xc_stem *stem = NULL;
    if (xc_stem_new(lang, &stem) != XC_OK) stem = NULL;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        stem_slot *slot = realloc(s->slot, cap * sizeof *slot);
        if (!slot) { /* out of memory: no stemming rather than no search */
            xc_stem_free(stem);
            return NULL;
        }
        s->slot = slot, s->cap = cap;
    }
    snprintf(s->slot[s->n].lang, sizeof s->slot[s->n].lang, "%s", lang);
    s->slot[s->n++].stem = stem;
    return stem;
}
