/*
 * The field and competence codes a free text is about, learned from the
 * roster itself: every CV in the index is text with declared codes, in
 * four languages, so the index is a labelled corpus that grows with the
 * roster (pseudo-relevance feedback). The text's words, each as the search
 * language reads it (the exact word or its stem), find the
 * RS_INFER_NEAREST CVs nearest it by BM25; each code's score is the share
 * of their weight held by those that declare it (at any level: a CV
 * declaring E.10.01 counts for E.10 and E), each CV weighing its
 * relevance over the nearest one's. So a code's score is a confidence in
 * [0,1]: 0.8 says that CVs carrying four fifths of that weight declare it.
 * A code's evidence is the text's words that those CVs hold, each counted
 * by its idf times their weight, but for the words that say no topic
 * (grammatical ones, a request's and a CV's framing, those more than a
 * fifth of the CVs in the text's language hold): shown, not weighed, so
 * leaving them out changes no code. The taxonomy's own words add to that: a
 * field whose label or keyword phrase the text holds, its words one after
 * another, gains RS_INFER_LABEL_WEIGHT of the CVs' total weight (half
 * that for a one-word phrase), and so do its ancestors, once each; a
 * score stays at most 1.
 *
 * The focus is the one field code a match asks for a ToR without codes
 * (lib/match.c): from the heaviest letter down, the heaviest child while
 * it keeps at least RS_INFER_DESCENT of its parent's weight. A text whose
 * nearest CVs agree on a narrow code gets it; a vague one keeps the
 * letter, which the measurements show is what a vague request is about
 * (docs/measurements.md, "Codes inferred from a text").
 *
 * Nothing is stored: every count is read from the index when asked, so an
 * import or a forget is in the next answer, and the same index gives the
 * same codes (Xapian breaks ties between CVs by docid, sums run in rank
 * order, ties between codes go to the smaller code).
 */
#ifndef RS_INFER_H
#define RS_INFER_H

#include <stddef.h>

#include "core/stem.h"
#include "core/text.h"
#include "xapian-c/xapian-c.h"

#define RS_INFER_MAX 8        /* codes of each kind an inference holds at most */
#define RS_INFER_EVIDENCE 3   /* words named for each code */
#define RS_INFER_NEAREST 40   /* CVs the codes are read from (tuned, make eval) */
#define RS_INFER_LABEL_WEIGHT 0.25 /* a field whose label phrase the text holds, as a
                                     share of the nearest CVs (tuned, make eval) */
#define RS_INFER_DESCENT 0.5  /* share of its parent's weight a focus child keeps
                                 (tuned, make eval) */

typedef struct {
    char code[16];  /* "" when none */
    double score;   /* share of the nearest CVs' weight declaring the code, with
                       the bonus of its label (add_labels in infer.c), at most 1 */
    /* The text's words (folded) that weighed most for the code among
     * those that say a topic, best first; "" when fewer did. */
    char evidence[RS_INFER_EVIDENCE][RS_WORD_MAX + 1];
} rs_inferred;

typedef struct {
    rs_inferred fields[RS_INFER_MAX]; /* best first, letters ("E") too */
    size_t n_fields;
    rs_inferred competences[RS_INFER_MAX];
    size_t n_competences;
    rs_inferred focus;                /* code "" when no field was found */
} rs_inference;

/* The likeliest field and competence codes of `text` (UTF-8), at most max
 * of each (at most RS_INFER_MAX), into *out, best first; a parent scores at
 * least as high as its children, and ties go to the smaller code. lang is
 * the text's language (ISO 639-1), or NULL when unknown: its words then
 * match their stems in every CV language. A text without a word the
 * roster knows gets no codes. Returns 0, or -1 with a message in err (the
 * index could not be read, invalid UTF-8, out of memory). */
int rs_infer_codes(xc_db *db, rs_stemmers *stemmers, const char *text, const char *lang,
                   size_t max, rs_inference *out, char *err, size_t errsz);

#endif
