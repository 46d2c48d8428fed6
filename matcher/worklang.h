/*
 * The working languages of a ToR that gives none (formats.md section 2):
 * inferred from the language its title and description are written in and
 * from the partner country's languages, and the words that say how.
 *
 * The country's languages are its official ones (core/officiallang.h)
 * followed by the lingua franca the taxonomy names for it (French in
 * Morocco, Russian in Central Asia, English in Afghanistan).
 *
 *   - the text is in one of the country's languages: that language
 *     (a Spanish request to Peru: es);
 *   - otherwise the country's working language: the first of its languages
 *     that is English, French, Spanish or Portuguese (French in Morocco,
 *     though Arabic is official), else the first that is Arabic or Russian,
 *     else its first language: the team must speak with the partner,
 *     whatever language the request was drafted in (an English request to
 *     Senegal: fr; to Morocco: fr; to Tajikistan: ru);
 *   - a country with no known languages: the text's language, if clear.
 *
 * One language is inferred, at B2, the format's default level.
 */
#ifndef RS_WORKLANG_H
#define RS_WORKLANG_H

#include <stddef.h>
#include "matcher/tor.h"

/* Set t->text_language, and, unless the ToR gave `languages` (an empty
 * list too: no language asked), t->languages and t->languages_basis as
 * above. Returns 0, or -1 when out of memory (t->languages unchanged). */
int rs_tor_infer_languages(rs_tor *t, int given);

/* Why t's languages are what they are, for people: "the description is in
 * es, a language of PE" (an official language), "the description is in en,
 * a working language with UA" (one the facility uses there besides), "the
 * working language of SN; the description is in en", "the working language
 * with MA; …"; "" when the ToR gave them. */
void rs_tor_languages_basis_text(const rs_tor *t, char *buf, size_t size);

#endif
