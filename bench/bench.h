/*
 * roster-bench: roster against SQLite FTS5 on the same generated experts.
 *
 *   bench.c     the run: import through the CLI, FTS5 build, warm searches
 *               through the library, one-shot CLI searches, the table
 *   queries.c   the fixed query mix, each query described once and written
 *               out both in roster's search language and as FTS5 SQL
 *   fts.c       the SQLite FTS5 peer: build and search
 *   samples.c   latency samples and their percentiles
 *   match.c     match latency per ToR, and the exact team search against
 *               greedy picks (match.h)
 */
#ifndef RS_BENCH_H
#define RS_BENCH_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
    BENCH_TEXT,    /* free words */
    BENCH_CODE,    /* a field code with words */
    BENCH_FILTER,  /* filters only */
    BENCH_FACET,   /* a text or filter query counted with facets */
    BENCH_KINDS
} bench_kind;

extern const char *const bench_kind_names[BENCH_KINDS];

/* One query of the mix. The filters are at most one per facet, so lifting a
 * facet's filter (drill-sideways) means leaving that one member out. */
typedef struct {
    bench_kind kind;
    const char *words;   /* free words as a user types them, or NULL */
    int phrase;          /* words form one phrase */
    const char *field;   /* field code, or NULL */
    const char *lang;    /* language code, or NULL */
    const char *level;   /* minimum CEFR level of lang, or NULL */
    const char *nat;     /* nationality, or NULL */
    const char *sector;  /* status, or NULL */
    const char *gender;  /* F, M, X, or NULL */
} bench_query;

extern const bench_query bench_queries[];
extern const size_t bench_n_queries;

/* The query in roster's search language, e.g. "pension field:E.10". */
void bench_query_text(const bench_query *q, char *buf, size_t bufsz);
/* Does the query filter on this facet ("nationality", "language", ...)? */
int bench_query_filters(const bench_query *q, const char *facet);

/* Facet counts in one canonical text, "facet value=count ..." sorted by
 * facet then value, so roster's and FTS5's answers compare with strcmp. */
typedef struct {
    char *text;
    size_t len, cap;
} bench_facets;

void bench_facets_add(bench_facets *f, const char *facet, const char *value, uint32_t count);
/* Sort the entries; returns the canonical text (owned by f). */
const char *bench_facets_finish(bench_facets *f);
void bench_facets_free(bench_facets *f);

/* Seconds on the monotonic clock. */
double bench_now(void);

/* Latencies in seconds. */
typedef struct {
    double *v;
    size_t n, cap;
} bench_samples;

void bench_samples_add(bench_samples *s, double seconds);
/* The p-th percentile (0 < p <= 100), nearest rank; 0 when empty. Sorts s. */
double bench_percentile(bench_samples *s, double p);
void bench_samples_free(bench_samples *s);

/* Run argv with stdout to /dev/null; returns the wall time, and the peak
 * RSS in KiB when maxrss_kib is given. A child that cannot run or is killed
 * is fatal; so is a non-zero exit status, unless exit_status is given to
 * receive it. */
double bench_run(char *const argv[], long *maxrss_kib, int *exit_status);

/* 123456.7 -> "123,457" */
const char *bench_grouped(double v, char buf[32]);

/* Out of memory in the bench is fatal: its numbers would be meaningless. */
void *bench_alloc(void *p);

/* roster-bench --shards ...: the index in shards (bench/shards.c). */
int bench_shards(int argc, char **argv);

#endif
