/*
 * The language a text is written in, among the roster's four working
 * languages (English, French, Spanish, Portuguese), told by its function
 * words: articles, prepositions and conjunctions that belong to one of the
 * four alone ("the", "les", "los", "das"). Words the languages share
 * ("de", "que", "para") say nothing and are not counted.
 */
#ifndef RS_TEXTLANG_H
#define RS_TEXTLANG_H

#include <stddef.h>

/* The ISO 639-1 code ("en", "fr", "es", "pt") of the UTF-8 text
 * [s, s + len) into out[3]. Returns 1; 0 when the text does not say
 * clearly (fewer than two function words of its language, or another
 * language with more than half as many); -1 when it is not valid UTF-8 or
 * memory ran out. out is "" unless 1 is returned. */
int rs_text_language(const char *s, size_t len, char out[3]);

#endif
