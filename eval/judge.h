/*
 * The judge: a graded relevance 0-3 of an expert for a ToR, from the
 * expert's hidden ground truth (roster-gen --truth) and the ToR's topic
 * (the codes it is about, given or hidden). The engine never sees either.
 *
 *   expertise  per asked field code, the best over the expert's true codes
 *              of similarity x strength: similarity 1 exact, 0.7 one level
 *              apart (E.10 / E.10.01), 0.5 two levels, 0.2 same letter;
 *              strength min(1, share / 25%), so a code the expert gives a
 *              quarter of the work or more counts fully. Mean over the asked
 *              fields; competences (exact 1, parent/child 0.7) are mixed
 *              in at a quarter when the ToR names both.
 *   grade      3 from expertise 0.65, 2 from 0.40, 1 from 0.15, else 0;
 *              at most 1 when the expert truly speaks none of the ToR's
 *              languages at B2 or above; 0 when a per-expert hard rule
 *              rules the expert out (unavailable in the window, excluded,
 *              excluded nationality, over max_load_days; rules.h).
 */
#ifndef RS_EVAL_JUDGE_H
#define RS_EVAL_JUDGE_H

#include <stddef.h>
#include <stdint.h>
#include "core/diag.h"
#include "core/model.h"
#include "matcher/tor.h"

#define RS_TRUTH_CODES_MAX 8
#define RS_TRUTH_LANGUAGES_MAX 16
#define RS_TOPIC_CODES_MAX 16

typedef struct {
    char code[16];
    int share;                       /* percent of the expert's work */
} rs_truth_code;

typedef struct {
    char id[RS_ID_MAX + 1];
    rs_truth_code fields[RS_TRUTH_CODES_MAX];
    size_t n_fields;
    rs_truth_code competences[RS_TRUTH_CODES_MAX];
    size_t n_competences;
    rs_language languages[RS_TRUTH_LANGUAGES_MAX];
    size_t n_languages;
} rs_truth;

/* Read one line of a truth file. Returns 0, or -1 with the problems in d
 * (file:line: field: problem). */
int rs_truth_from_json_text(const char *text, size_t len, const char *file, long line,
                            rs_truth *out, rs_diag *d);

/* What a ToR is about: its own codes, or the hidden ones a generated
 * text-only ToR was written from. */
typedef struct {
    char fields[RS_TOPIC_CODES_MAX][16];
    size_t n_fields;
    char competences[RS_TOPIC_CODES_MAX][16];
    size_t n_competences;
} rs_topic;

/* The topic of a ToR that gives its codes. */
void rs_topic_of_tor(const rs_tor *t, rs_topic *out);

double rs_judge_field_similarity(const char *asked, const char *held);
double rs_judge_competence_similarity(const char *asked, const char *held);
/* Expertise in [0,1] as above; 0 for a topic without codes. */
double rs_judge_expertise(const rs_topic *topic, const rs_truth *truth);
/* Does the expert truly speak one of the ToR's languages at B2 or above
 * (any language when the ToR asks none)? */
int rs_judge_speaks(const rs_tor *t, const rs_truth *truth);
/* The grade 0-3 of expert e (with its truth) for ToR t. */
int rs_judge_grade(const rs_tor *t, const rs_topic *topic, const rs_truth *truth,
                   const rs_expert *e, int32_t today);

#endif
