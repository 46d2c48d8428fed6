/*
 * The words of a document's text as the request readers see them: each
 * with its bytes in the text (for evidence), its folded form (case and
 * accents gone: "Février" is "fevrier"), whether it starts with a capital,
 * and its number when it is one ("26", "1er", "8th" are 26, 1, 8).
 * Apostrophes and hyphens cut words ("d'un" is "d", "un").
 */
#ifndef RS_INTAKE_WORDS_H
#define RS_INTAKE_WORDS_H

#include <stddef.h>

typedef struct {
    size_t begin, end;
    char *folded;
    int capital;
    long number; /* -1 when the word is not a number */
} rs_word;

typedef struct {
    const char *text;
    rs_word *w;
    size_t n;
} rs_words;

/* Cut the UTF-8 text [s, s + len) (kept, not copied). 0, or -1 on invalid
 * UTF-8 or out of memory; rs_words_free either way. */
int rs_words_cut(const char *s, size_t len, rs_words *out);
void rs_words_free(rs_words *ws);

/* Is word i (in range) one of the NULL-terminated folded words? */
int rs_word_in(const rs_words *ws, size_t i, const char *const *list);
/* Does the text between words i - 1 and i hold any of the bytes of
 * `chars` ("\n" for a line break)? Before the first word: the text before it. */
int rs_gap_has(const rs_words *ws, size_t i, const char *chars);

#endif
