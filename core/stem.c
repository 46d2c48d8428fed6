/* Cached stemmers. See stem.h. */
#include "core/stem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const rs_index_languages[] = {"en", "fr", "es", "pt", NULL};

typedef struct { char lang[3]; xc_stem *stem; } stem_slot; /* stem NULL: none for lang */
struct rs_stemmers { stem_slot slot[16]; size_t n; };

rs_stemmers *rs_stemmers_new(void) { return calloc(1, sizeof(rs_stemmers)); }

void rs_stemmers_free(rs_stemmers *s)
{
    if (!s) return;
    for (size_t i = 0; i < s->n; i++) xc_stem_free(s->slot[i].stem);
    free(s);
}

xc_stem *rs_stemmers_get(rs_stemmers *s, const char *lang)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->slot[i].lang, lang) == 0) return s->slot[i].stem;
    xc_stem *stem = NULL;
    if (xc_stem_new(lang, &stem) != XC_OK) stem = NULL;
    if (s->n < sizeof s->slot / sizeof s->slot[0]) {
        stem_slot *slot = &s->slot[s->n++];
        snprintf(slot->lang, sizeof slot->lang, "%s", lang);
        slot->stem = stem;
    } else {
        /* More CV languages than slots in one run: stem without caching. */
        xc_stem_free(stem);
        stem = NULL;
    }
    return stem;
}

