/* Latency samples, percentiles and canonical facet counts. See bench.h. */
#include "bench/bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void *bench_alloc(void *p)
{
    if (!p) {
        fprintf(stderr, "roster-bench: out of memory\n");
        exit(1);
    }
    return p;
}

double bench_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void bench_samples_add(bench_samples *s, double seconds)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 256;
        s->v = bench_alloc(realloc(s->v, s->cap * sizeof *s->v));
    }
    s->v[s->n++] = seconds;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double bench_percentile(bench_samples *s, double p)
{
    if (s->n == 0) return 0;
    qsort(s->v, s->n, sizeof *s->v, by_value);
    /* Nearest rank: the smallest sample with at least p% of samples at or below it. */
    size_t rank = (size_t)((p / 100.0) * (double)s->n + 0.999999);
    if (rank < 1) rank = 1;
    if (rank > s->n) rank = s->n;
    return s->v[rank - 1];
}

void bench_samples_free(bench_samples *s)
{
    free(s->v);
    memset(s, 0, sizeof *s);
}

void bench_facets_add(bench_facets *f, const char *facet, const char *value, uint32_t count)
{
    char line[256];
    int n = snprintf(line, sizeof line, "%s %s=%u\n", facet, value, count);
    if (n < 0 || (size_t)n >= sizeof line) return; /* values are short codes */
    if (f->len + (size_t)n + 1 > f->cap) {
        f->cap = (f->len + (size_t)n + 1) * 2;
        f->text = bench_alloc(realloc(f->text, f->cap));
    }
    memcpy(f->text + f->len, line, (size_t)n + 1);
    f->len += (size_t)n;
}

static int by_string(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

const char *bench_facets_finish(bench_facets *f)
{
    if (!f->text) return "";
    size_t n = 0;
    for (size_t i = 0; i < f->len; i++) n += f->text[i] == '\n';
    char **lines = bench_alloc(malloc((n ? n : 1) * sizeof *lines));
    char *copy = bench_alloc(strdup(f->text));
    size_t k = 0;
    for (char *p = copy, *nl; k < n && (nl = strchr(p, '\n')); p = nl + 1) {
        *nl = 0;
        lines[k++] = p;
    }
    qsort(lines, k, sizeof *lines, by_string);
    size_t at = 0;
    for (size_t i = 0; i < k; i++) at += (size_t)sprintf(f->text + at, "%s\n", lines[i]);
    free(lines);
    free(copy);
    return f->text;
}

void bench_facets_free(bench_facets *f)
{
    free(f->text);
    memset(f, 0, sizeof *f);
}
