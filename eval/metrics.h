/*
 * Ranking metrics of the evaluation, on graded relevance (0-3, judge.h).
 * A ranking is given as the grades of its experts in rank order; the
 * judged set as the grades of every expert the judge saw, in any order.
 *
 *   nDCG@k   DCG = sum over ranks i < k of (2^grade - 1) / log2(i + 2),
 *            divided by the DCG of the judged set sorted by grade.
 *   P@k      share of the first k ranks holding grade >= min_grade; a
 *            ranking shorter than k counts its missing ranks as misses.
 *   recall@k relevant experts (grade >= min_grade) in the first k ranks,
 *            over min(k, relevant experts judged): a perfect ranking scores
 *            1 even when more experts are relevant than k can hold.
 *
 * Each returns a value in [0,1], or RS_METRIC_UNDEFINED when the judged set
 * gives it no basis (no expert with a grade above 0, or none relevant):
 * such a ToR is left out of the mean rather than counted as 0 or 1.
 */
#ifndef RS_EVAL_METRICS_H
#define RS_EVAL_METRICS_H

#include <stddef.h>

#define RS_METRIC_UNDEFINED (-1.0)
#define RS_GRADE_MAX 3

double rs_dcg_at(const int *ranked, size_t n, size_t k);
double rs_ndcg_at(const int *ranked, size_t n, const int *judged, size_t n_judged, size_t k);
double rs_precision_at(const int *ranked, size_t n, const int *judged, size_t n_judged,
                       size_t k, int min_grade);
double rs_recall_at(const int *ranked, size_t n, const int *judged, size_t n_judged, size_t k,
                    int min_grade);

/* The field codes inferred for a ToR without codes, judged against its
 * true fields (the first k inferred, best first): does one share a true
 * code's letter (rs_letter_hit), or is one a true code, its ancestor or
 * its descendant (rs_related_hit)? 1 or 0; RS_METRIC_UNDEFINED without
 * true codes. */
double rs_letter_hit(const char *const *inferred, size_t n, const char *const *truth,
                     size_t n_truth, size_t k);
double rs_related_hit(const char *const *inferred, size_t n, const char *const *truth,
                      size_t n_truth, size_t k);

/* A mean over ToRs that skips undefined values. */
typedef struct {
    double sum;
    size_t n, undefined;
} rs_mean;

void rs_mean_add(rs_mean *m, double v);
/* The mean, or RS_METRIC_UNDEFINED when no value was defined. */
double rs_mean_value(const rs_mean *m);

#endif
