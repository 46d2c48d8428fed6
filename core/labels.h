/*
 * The field and competence codes in the four working languages of the
 * roster (corpus/taxonomy/labels.tsv, compiled in): for each code and
 * language a label and a few keywords that texts on the topic use. The
 * matcher expands a ToR's codes into these words, so that a French ToR finds
 * a Spanish CV. rs_labels_infer gives the codes whose phrases a text
 * holds: the evaluation's codes-only baseline (eval/baseline.c) reads a ToR
 * without codes so; the matcher learns a text's codes from the roster's own
 * CVs instead (matcher/infer.h), as phrases alone do not carry over to real
 * requests (docs/measurements.md).
 * Loaded once, read-only afterwards, shared by all threads.
 */
#ifndef RS_LABELS_H
#define RS_LABELS_H

#include <stddef.h>

/* "en", "fr", "es", "pt", then NULL: every code has one label in each. */
extern const char *const rs_label_languages[];

/* The label of a field or competence code in one language of
 * rs_label_languages ("Prestations d'invalidité" for "E.10.01", "fr"), or
 * NULL when the code or the language is unknown (or NULL). */
const char *rs_label(const char *code, const char *lang);

/* Call fn for each language of `code`, in the order of rs_label_languages,
 * with the label and its keywords (';'-separated, e.g. "pension
 * d'invalidité;allocation d'invalidité"); fn returns non-zero to stop.
 * Returns 0 after the four, fn's non-zero value if it stopped, or -1 when
 * the code is unknown or code or fn is NULL. */
int rs_labels_each(const char *code,
                   int (*fn)(const char *lang, const char *label, const char *keywords,
                             void *ctx),
                   void *ctx);

/* The field codes that the UTF-8 text [text, text + len) is most likely
 * about, best first: up to max of them into codes (pointers that live as
 * long as the process) and, unless scores is NULL, their scores into scores.
 * A code's score is the best coverage of its phrases: its labels and
 * keywords in all four languages, each reduced to its content words (no
 * stopwords, plurals and a few spellings folded). A phrase counts when all
 * its words occur in the text, or at least two and at least half of them;
 * so every score is in [0.5, 1]. Ties go to the code with more distinct
 * words in its counting phrases, then to the deeper code, then to the
 * smaller code. Returns the number of codes written: 0 for a text about
 * none of them, and for NULL, invalid UTF-8 or out of memory. */
size_t rs_labels_infer(const char *text, size_t len, const char **codes, double *scores,
                       size_t max);

/* Check a table in the format of labels.tsv against the taxonomy, as is done
 * to the compiled-in one on first use: every field and competence code has
 * exactly one row per language, the English label is the taxonomy's, there
 * are 2 to 6 non-empty keywords, and every field phrase has a content word.
 * Returns if the table is good; otherwise prints the first problem, naming
 * the line, and aborts (the binary was built from bad data). */
void rs_labels_check(const char *text);

/* Is the folded word a stopword of English, French, Spanish or Portuguese? */
int rs_stopword(const char *folded_word);

#endif
