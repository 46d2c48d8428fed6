/*
 * Countries mentioned in running text: their names in English, French,
 * Spanish and Portuguese (core/codes.h), the words for their people
 * ("péruvien", "costarricense": corpus/reference/demonyms.tsv), their
 * cities (corpus/reference/places.tsv) and their regions, states and
 * provinces (regions.tsv: "Guanajuato", "Nord-Kivu"). `roster draft` reads a request
 * document's partner country from them. A place or region the tables give
 * to two countries ("Punjab") stands for both, as "Korea" does.
 *
 * How a word is compared: as country names are (rs_country_key: case and
 * accents folded, apostrophes dropped). A name or a city must be written
 * with a capital, as proper nouns are in all four languages, so the
 * Spanish verb "gana" is not Ghana; a name the tables write in capitals
 * ("UAE", "RDC") must be written so. A demonym is a stem matched at the
 * start of a word ("peruan" finds "peruanos"), with no rule of case:
 * French, Spanish and Portuguese write them in lower case.
 */
#ifndef RS_MENTIONS_H
#define RS_MENTIONS_H

#include <stddef.h>

typedef enum { RS_MENTION_NAME, RS_MENTION_DEMONYM, RS_MENTION_PLACE } rs_mention_kind;

typedef struct {
    rs_mention_kind kind;
    /* The country ("PE"), or "" when the words stand for several
     * ("Korea", "congolese"): then `countries` lists them ("CG;CD"). */
    char code[3];
    const char *countries;
    size_t begin, end; /* bytes of the text that say it */
} rs_mention;

/* Call fn for each mention in the UTF-8 text [s, s + len), in order, the
 * longest words first ("Guinea-Bissau" is one mention, not Guinea); fn
 * returns non-zero to stop. Returns 0, or -1 on invalid UTF-8 or out of
 * memory. */
int rs_country_mentions(const char *s, size_t len,
                        int (*fn)(const rs_mention *m, void *ctx), void *ctx);

#endif
