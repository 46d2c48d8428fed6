/*
 * Scoring one candidate against a ToR: seven parts in [0,1] (matcher/weights.h),
 * their weighted mean as the total, and the reasons as sentences a person
 * reads ("E.10 matches E.10.01", "fr C1 ≥ B2", "2 missions in Senegal").
 *
 * A part the ToR gives no basis for (no fields asked, no languages asked,
 * prefer_public off) is reported as 0 and left out of the mean, so totals of
 * different ToRs stay comparable.
 */
#ifndef RS_SCORE_H
#define RS_SCORE_H

#include <stdint.h>
#include "core/model.h"
#include "matcher/tor.h"
#include "matcher/weights.h"

typedef struct {
    double total;               /* in [0,1] */
    double parts[RS_N_PARTS];   /* each in [0,1] */
    unsigned applicable;        /* bit p set: part p counts in the total */
    int load_days;              /* rs_load_days at the reference day */
    char **why; size_t n_why;   /* reasons, most telling first per part */
} rs_score;

/* Score expert e for ToR t. `text` is the index's relevance in [0,1]
 * (clamped); `ref_day` is rs_tor_reference_day(). Reasons are written only
 * when with_why is non-zero (the team search's what-if runs skip them).
 * Returns 0, or -1 when out of memory (*out then holds nothing to free). */
int rs_score_expert(const rs_tor *t, const rs_expert *e, double text, int32_t ref_day,
                    int with_why, rs_score *out);
void rs_score_free(rs_score *s);
/* *s, without reasons, scores e for a ToR that differs from t at most in
 * its languages, its window and its rules (the relaxations the no-team
 * explanation tries): make it e's score for t. The parts of codes, text,
 * sector and region are kept; the rest is what rs_score_expert(t, e, ...,
 * ref_day, 0, ...) gives, to the bit. */
void rs_score_relaxed(const rs_tor *t, const rs_expert *e, int32_t ref_day, rs_score *s);

/* Similarity of an asked field code to a held one: exact, one level apart
 * (E.10 / E.10.01), two levels apart (E / E.10.01), same letter, or 0. */
double rs_field_similarity(const char *asked, const char *held);
/* Same for competences (two levels: "2", "2.1"). */
double rs_competence_similarity(const char *asked, const char *held);
/* Best similarity of an asked code over the expert's codes; *best_held
 * (may be NULL) gets the held code that gave it, or NULL. */
double rs_best_field(const char *asked, const rs_expert *e, const char **best_held);
double rs_best_competence(const char *asked, const rs_expert *e, const char **best_held);

/* The expert's level in a language, RS_CEFR_NONE when not spoken. */
rs_cefr rs_expert_level(const rs_expert *e, const char *code);
/* Credit for holding `held` when `asked` is asked: 1 at or above, partial
 * one or two levels below, else 0. */
double rs_language_credit(rs_cefr asked, rs_cefr held);

/* Is the status one of the public family (public, retired_public, mandated_body)? */
int rs_status_is_public(rs_sector s);

/* The language area of a partner country: the first lingua franca (fr, es,
 * pt, ar, ru, en) among its likely languages; NULL when not a partner. */
const char *rs_language_area(const char *iso2);

#endif
