/*
 * Text normalisation, identical at index and query time.
 *
 * rs_text_nfc: NFC, for storing names and text as given.
 * rs_text_fold: NFKC + case fold + accents stripped: "Sécurité" -> "securite".
 * rs_text_tokens: splits folded text into words: letters and digits;
 *   French/Italian elisions are split off ("d'invalidité" -> "invalidite",
 *   also with the typographic apostrophe U+2019); intra-word dots between
 *   digits and letters are kept only within codes like "E.10.01".
 */
#ifndef RS_TEXT_H
#define RS_TEXT_H

#include <stddef.h>

/* Is s valid UTF-8 with no NUL byte in [0, len)? */
int rs_utf8_valid(const char *s, size_t len);
/* NFC copy (malloc'd) or NULL on invalid UTF-8 / out of memory. */
char *rs_text_nfc(const char *s, size_t len);
/* Folded copy (malloc'd) or NULL on invalid UTF-8 / out of memory. */
char *rs_text_fold(const char *s, size_t len);

/* Call fn for each folded word of s, with its 0-based position;
 * fn returns non-zero to stop. Returns -1 on invalid UTF-8 / out of memory,
 * else the number of words. Words longer than RS_WORD_MAX bytes are skipped
 * (they are noise and would exceed Xapian's term length limit). */
#define RS_WORD_MAX 64
long rs_text_words(const char *s, size_t len,
                   int (*fn)(const char *word, size_t wlen, unsigned pos, void *ctx),
                   void *ctx);

/* Length in code points of valid UTF-8. */
size_t rs_utf8_length(const char *s, size_t len);
/* Edit distance between two short ASCII strings (for suggestions):
 * insertions, deletions, substitutions and swaps of neighbours count one. */
int rs_edit_distance(const char *a, const char *b);

/* Longest key rs_key_misspelt compares; longer keys are no known key's typo. */
#define RS_KEY_MAX 64
/* When `key` is not one of `known` but looks like a slip for one (case,
 * '_'/'-'/space variants, or a few edits — see core/text.c), that known key;
 * NULL when key is known or unrelated. */
const char *rs_key_misspelt(const char *key, const char *const *known, size_t n_known);

#endif
