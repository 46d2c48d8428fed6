/* Ranking metrics on graded relevance. See metrics.h. */
#include "eval/metrics.h"

#include <math.h>
#include <string.h>

static double gain(int grade)
{
    if (grade <= 0)
        return 0;
    if (grade > RS_GRADE_MAX)
        grade = RS_GRADE_MAX;
    return (double)((1 << grade) - 1);
}

double rs_dcg_at(const int *ranked, size_t n, size_t k)
{
    double dcg = 0;
    for (size_t i = 0; i < n && i < k; i++)
        dcg += gain(ranked[i]) / log2((double)i + 2);
    return dcg;
}

/* DCG@k of the ideal ranking: the judged grades, best first. Grades are
 * few, so counting them stands in for sorting. */
static double ideal_dcg_at(const int *judged, size_t n_judged, size_t k)
{
    size_t count[RS_GRADE_MAX + 1] = {0};
    for (size_t i = 0; i < n_judged; i++)
        if (judged[i] > 0)
            count[judged[i] > RS_GRADE_MAX ? RS_GRADE_MAX : judged[i]]++;
    double dcg = 0;
    size_t rank = 0;
    for (int g = RS_GRADE_MAX; g > 0 && rank < k; g--)
        for (size_t c = 0; c < count[g] && rank < k; c++, rank++)
            dcg += gain(g) / log2((double)rank + 2);
    return dcg;
}

double rs_ndcg_at(const int *ranked, size_t n, const int *judged, size_t n_judged, size_t k)
{
    double ideal = ideal_dcg_at(judged, n_judged, k);
    if (ideal <= 0)
        return RS_METRIC_UNDEFINED;
    double v = rs_dcg_at(ranked, n, k) / ideal;
    return v > 1 ? 1 : v; /* a ranking holding experts the judge did not see */
}

static size_t relevant(const int *grades, size_t n, int min_grade)
{
    size_t r = 0;
    for (size_t i = 0; i < n; i++)
        r += grades[i] >= min_grade;
    return r;
}

double rs_precision_at(const int *ranked, size_t n, const int *judged, size_t n_judged,
                       size_t k, int min_grade)
{
    if (k == 0 || relevant(judged, n_judged, min_grade) == 0)
        return RS_METRIC_UNDEFINED;
    return (double)relevant(ranked, n < k ? n : k, min_grade) / (double)k;
}

double rs_recall_at(const int *ranked, size_t n, const int *judged, size_t n_judged, size_t k,
                    int min_grade)
{
    size_t r = relevant(judged, n_judged, min_grade);
    if (k == 0 || r == 0)
        return RS_METRIC_UNDEFINED;
    double found = (double)relevant(ranked, n < k ? n : k, min_grade);
    double v = found / (double)(r < k ? r : k);
    return v > 1 ? 1 : v;
}

void rs_mean_add(rs_mean *m, double v)
{
    if (v < 0) {
        m->undefined++;
        return;
    }
    m->sum += v;
    m->n++;
}

double rs_mean_value(const rs_mean *m)
{
    return m->n ? m->sum / (double)m->n : RS_METRIC_UNDEFINED;
}

/* Is a the code b or on its path to the root, or b on a's? ("E.10" and
 * "E.10.01", not "E.1" and "E.10"). */
static int related(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), n = la < lb ? la : lb;
    if (strncmp(a, b, n) != 0)
        return 0;
    return la == lb || (la < lb ? b[n] : a[n]) == '.';
}

static int same_letter(const char *a, const char *b)
{
    return a[0] && a[0] == b[0];
}

static double any_hit(const char *const *inferred, size_t n, const char *const *truth,
                      size_t n_truth, size_t k, int (*hit)(const char *, const char *))
{
    if (n_truth == 0)
        return RS_METRIC_UNDEFINED;
    for (size_t i = 0; i < n && i < k; i++)
        for (size_t j = 0; j < n_truth; j++)
            if (hit(inferred[i], truth[j]))
                return 1;
    return 0;
}

double rs_letter_hit(const char *const *inferred, size_t n, const char *const *truth,
                     size_t n_truth, size_t k)
{
    return any_hit(inferred, n, truth, n_truth, k, same_letter);
}

double rs_related_hit(const char *const *inferred, size_t n, const char *const *truth,
                      size_t n_truth, size_t k)
{
    return any_hit(inferred, n, truth, n_truth, k, related);
}
