/*
 * The index in shards, measured (`make bench-shards`, bench/shards.sh):
 *
 *   roster-bench --shards DATA_DIR [--index STUB] TORS_FILE
 *
 * opens the roster as a reader (of STUB's shards when given) and prints one
 * line of numbers: the search mix (bench/queries.c) and the matches of the
 * ToRs of TORS_FILE (JSON Lines), each warm on one handle (p50 and p99 in
 * ms), then with CLIENTS threads, each its own handle, at once (answers a
 * second). bench/shards.sh runs it on one index, local shards and remote
 * shards of the same roster and prints the table.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/bench.h"
#include "lib/roster.h"

#define CLIENTS 4
#define ROUNDS 3 /* of the whole mix, warm, after one to warm up */

typedef struct {
    const char *dir;
    rs_index_choice index; /* .index NULL: the directory's own */
    char **queries;
    rs_text *tors;
    size_t n_tors;
} shard_bench;

static void die(const char *what, rs_roster *r)
{
    fprintf(stderr, "roster-bench: %s: %s\n", what, r ? rs_roster_message(r) : "failed");
    exit(1);
}

static rs_roster *open_reader(const shard_bench *b)
{
    rs_roster *r;
    if (rs_roster_open_index(b->dir, RS_OPEN_READ, NULL, b->index.index ? &b->index : NULL, &r) !=
        RS_OK)
        die(b->dir, r);
    return r;
}

static void one_search(rs_roster *r, const shard_bench *b, size_t i)
{
    rs_answer *a;
    if (rs_roster_search(r, b->queries[i], 0, 20, bench_queries[i].kind == BENCH_FACET, &a) !=
        RS_OK)
        die(b->queries[i], r);
    rs_answer_free(a);
}

static void one_match(rs_roster *r, const shard_bench *b, size_t i)
{
    rs_answer *a;
    if (rs_roster_match(r, &b->tors[i], NULL, &a) != RS_OK) die(b->tors[i].name, r);
    rs_answer_free(a);
}

typedef void (*one_fn)(rs_roster *, const shard_bench *, size_t);

/* Warm latencies of every item, ROUNDS times after a first round. */
static void latency(rs_roster *r, const shard_bench *b, one_fn one, size_t n, bench_samples *out)
{
    for (int round = 0; round <= ROUNDS; round++)
        for (size_t i = 0; i < n; i++) {
            double start = bench_now();
            one(r, b, i);
            if (round) bench_samples_add(out, bench_now() - start);
        }
}

typedef struct {
    const shard_bench *b;
    one_fn one;
    size_t n, offset;
} client;

static void *run_client(void *arg)
{
    client *c = arg;
    rs_roster *r = open_reader(c->b);
    for (size_t i = 0; i < c->n; i++) c->one(r, c->b, (i + c->offset) % c->n); /* warm */
    for (int round = 0; round < ROUNDS; round++)
        for (size_t i = 0; i < c->n; i++) c->one(r, c->b, (i + c->offset) % c->n);
    rs_roster_close(r);
    return NULL;
}

/* Answers a second with CLIENTS clients each answering every item ROUNDS
 * times (each from another starting point), warm-up included in none. */
static double throughput(const shard_bench *b, one_fn one, size_t n)
{
    pthread_t threads[CLIENTS];
    client clients[CLIENTS];
    double start = bench_now();
    for (int k = 0; k < CLIENTS; k++) {
        clients[k] = (client){b, one, n, (size_t)k * n / CLIENTS};
        if (pthread_create(&threads[k], NULL, run_client, &clients[k]) != 0) die("thread", NULL);
    }
    for (int k = 0; k < CLIENTS; k++) pthread_join(threads[k], NULL);
    /* The warm-up round counts in the time: its answers count too. */
    return (double)CLIENTS * n * (ROUNDS + 1) / (bench_now() - start);
}

static void load_tors(shard_bench *b, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) die(path, NULL);
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) > 0) {
        if (len < 3) continue;
        b->tors = bench_alloc(realloc(b->tors, (b->n_tors + 1) * sizeof *b->tors));
        b->tors[b->n_tors] = (rs_text){path, (long)b->n_tors + 1, bench_alloc(strdup(line)),
                                       (size_t)len};
        b->n_tors++;
    }
    free(line);
    fclose(f);
}

int bench_shards(int argc, char **argv)
{
    shard_bench b = {0};
    const char *tors = NULL;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--index") == 0 && i + 1 < argc) b.index.index = argv[++i];
        else if (!b.dir) b.dir = argv[i];
        else tors = argv[i];
    }
    if (!b.dir || !tors) {
        fprintf(stderr, "usage: roster-bench --shards DATA_DIR [--index STUB] TORS.jsonl\n");
        return 2;
    }
    load_tors(&b, tors);
    b.queries = bench_alloc(calloc(bench_n_queries, sizeof *b.queries));
    for (size_t i = 0; i < bench_n_queries; i++) {
        b.queries[i] = bench_alloc(malloc(256));
        bench_query_text(&bench_queries[i], b.queries[i], 256);
    }
    rs_roster *r = open_reader(&b);
    bench_samples search = {0}, match = {0};
    latency(r, &b, one_search, bench_n_queries, &search);
    latency(r, &b, one_match, b.n_tors, &match);
    rs_roster_close(r);
    double search_rate = throughput(&b, one_search, bench_n_queries);
    double match_rate = throughput(&b, one_match, b.n_tors);
    printf("search p50 %.2f p99 %.2f ms; match p50 %.1f p99 %.1f ms; %d clients: %.0f "
           "searches/s, %.1f matches/s\n",
           bench_percentile(&search, 50) * 1e3, bench_percentile(&search, 99) * 1e3,
           bench_percentile(&match, 50) * 1e3, bench_percentile(&match, 99) * 1e3, CLIENTS,
           search_rate, match_rate);
    bench_samples_free(&search);
    bench_samples_free(&match);
    for (size_t i = 0; i < bench_n_queries; i++) free(b.queries[i]);
    free(b.queries);
    for (size_t i = 0; i < b.n_tors; i++) free((char *)b.tors[i].data);
    free(b.tors);
    return 0;
}
