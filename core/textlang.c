/*
 * Function-word counting. The lists hold folded words (core/text.h: lower
 * case, accents stripped) that are frequent in one language and absent or
 * rare in the three others: "como", "mas", "por" (Spanish and Portuguese),
 * "ou" (French and Portuguese), "on" (English and French), "dos" and "no"
 * (Spanish and Portuguese) are left out on purpose.
 */
#include "core/textlang.h"

#include <string.h>

#include "core/text.h"

enum { LANG_EN, LANG_FR, LANG_ES, LANG_PT, N_LANGS };

static const char *const lang_codes[N_LANGS] = {"en", "fr", "es", "pt"};

/* Per language, NULL-terminated. */
static const char *const function_words[N_LANGS][40] = {
    [LANG_EN] = {"the", "and", "of", "to", "in", "is", "for", "with", "that", "are", "by",
                 "this", "from", "will", "be", "which", "an", "has", "have", "their", "its",
                 "was", "were", "it", "at", "or", "should", "into", NULL},
    [LANG_FR] = {"le", "les", "des", "du", "et", "est", "une", "pour", "dans", "sur", "avec",
                 "qui", "au", "aux", "ces", "sont", "cette", "leur", "leurs", "pas", "ne",
                 "il", "ils", "elle", "nous", "ses", "par", "plus", "afin", NULL},
    [LANG_ES] = {"el", "los", "las", "del", "y", "una", "con", "es", "al", "su", "sus", "lo",
                 "ha", "han", "muy", "pero", "hasta", "tambien", "fue", "sin", "cuando",
                 "donde", "unos", "unas", NULL},
    [LANG_PT] = {"os", "do", "da", "das", "em", "um", "uma", "na", "nas", "ao", "aos", "pelo",
                 "pela", "pelos", "pelas", "nao", "sao", "com", "sua", "seu", "suas", "seus",
                 "tambem", "ate", "e", "numa", NULL},
};

typedef struct {
    unsigned hits[N_LANGS];
} counts;

static int count_word(const char *word, size_t wlen, unsigned pos, void *ctx)
{
    (void)pos;
    counts *c = ctx;
    for (int l = 0; l < N_LANGS; l++)
        for (const char *const *w = function_words[l]; *w; w++)
            if (strlen(*w) == wlen && memcmp(*w, word, wlen) == 0)
                c->hits[l]++;
    return 0;
}

int rs_text_language(const char *s, size_t len, char out[3])
{
    out[0] = '\0';
    counts c = {{0}};
    if (!s || rs_text_words(s, len, count_word, &c) < 0)
        return -1;
    int best = 0;
    for (int l = 1; l < N_LANGS; l++)
        if (c.hits[l] > c.hits[best])
            best = l;
    for (int l = 0; l < N_LANGS; l++)
        if (l != best && 2 * c.hits[l] > c.hits[best])
            return 0;
    if (c.hits[best] < 2)
        return 0;
    memcpy(out, lang_codes[best], 3);
    return 1;
}
