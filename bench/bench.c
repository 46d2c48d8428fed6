/*
 * roster-bench ROSTER JSONL WORKDIR [--verbose]
 *
 * Measures, on the experts of JSONL (made by roster-gen):
 *   1. reading the JSONL alone (the parser both engines share);
 *   2. `ROSTER import` into WORKDIR/roster-data: wall time, peak RSS, disk;
 *   3. the SQLite FTS5 peer built in this process into WORKDIR/fts5.sqlite;
 *   4. the fixed query mix, warm in this process: roster through its public
 *      face (lib/roster.h: the roster opened once; rs_roster_search, which
 *      parses, searches and builds the JSON answer, per query) and FTS5
 *      through SQL, >= 200 samples per kind each;
 *   5. `ROSTER search` as one process per query, and with --sqlite3 the
 *      sqlite3 command-line program running the FTS5 peer's SQL for the
 *      same query, the two alternating;
 *   6. with --tors, the match section (match.h): per-ToR match latency at
 *      the small roster of --small (imported into WORKDIR) and at JSONL's,
 *      and the exact team search against greedy picks.
 * and prints one table with the targets. The import runs first, while this
 * process is small: a child's peak RSS counts its parent's at fork.
 */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench/bench.h"
#include "bench/fts.h"
#include "bench/match.h"
#include "core/record.h" /* the parser alone (1.), as bench/fts.c reads records */
#include "lib/roster.h"

extern char **environ;

#define LIMIT 20
#define MIN_SAMPLES 200    /* per kind and engine */
#define CLI_RUNS 200
#define CLI_WARMUP 5

/* Targets. */
#define TARGET_IMPORT_RATE 5000.0 /* experts/s */
#define TARGET_P50 1e-3
#define TARGET_P99 10e-3
#define TARGET_CLI_P50 4e-3

typedef struct {
    const char *roster, *jsonl, *work;
    const char *tors_dir, *small_jsonl; /* the match section, or NULL */
    const char *sqlite3;                /* the sqlite3 program, or NULL */
    int verbose;
    char data_dir[4096], fts_path[4096];
} config;

/* What one engine answered to one query, for comparing the two. */
typedef struct {
    uint32_t total;
    size_t n_hits;
    char *facets; /* canonical text, or NULL */
    double seconds; /* summed over the measured runs */
    size_t runs;
} answer;

typedef struct {
    bench_samples latency[BENCH_KINDS];
    answer *answers; /* by query */
} engine_run;

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "roster-bench: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    exit(1);
}

static long long file_size(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (long long)sb.st_size : -1;
}

/* ---- 1. parsing alone ---- */

static double parse_only(const char *jsonl, long *records)
{
    FILE *f = fopen(jsonl, "rb");
    if (!f) die("cannot open %s: %s", jsonl, strerror(errno));
    rs_reader *rd = bench_alloc(rs_reader_new(f, jsonl, RS_FORMAT_JSONL));
    rs_diag d;
    rs_diag_init(&d);
    double start = bench_now();
    rs_expert e;
    int got;
    *records = 0;
    while ((got = rs_reader_next(rd, &e, &d)) != 0) {
        rs_diag_truncate(&d, 0);
        if (got > 0) {
            rs_expert_free(&e);
            ++*records;
        }
    }
    double t = bench_now() - start;
    rs_diag_free(&d);
    rs_reader_free(rd);
    fclose(f);
    return t;
}

/* ---- 2. import through the CLI ---- */

double bench_run(char *const argv[], long *maxrss_kib, int *exit_status)
{
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    double start = bench_now();
    int rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) die("cannot run %s: %s", argv[0], strerror(rc));
    int status;
    struct rusage ru;
    while (wait4(pid, &status, 0, &ru) < 0)
        if (errno != EINTR) die("waiting for %s: %s", argv[0], strerror(errno));
    double t = bench_now() - start;
    if (WIFEXITED(status) && exit_status) {
        *exit_status = WEXITSTATUS(status);
    } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "roster-bench: failed (status %d):", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        for (int i = 0; argv[i]; i++) fprintf(stderr, " %s", argv[i]);
        fprintf(stderr, "\n");
        exit(1);
    }
    if (maxrss_kib) *maxrss_kib = ru.ru_maxrss;
    return t;
}

typedef struct {
    double seconds;
    long maxrss_kib;
    int64_t experts, store_bytes, index_bytes;
} import_result;

static void import(const config *c, import_result *out)
{
    char *argv[] = {(char *)c->roster, "import", (char *)c->jsonl, "--db", (char *)c->data_dir,
                    NULL};
    out->seconds = bench_run(argv, &out->maxrss_kib, NULL);
    rs_roster *r;
    rs_answer *a;
    if (rs_roster_open(c->data_dir, RS_OPEN_READ, NULL, &r) != RS_OK ||
        rs_roster_stats(r, &a) != RS_OK)
        die("%s", rs_roster_message(r));
    const json_t *st = rs_answer_json(a);
    out->experts = json_integer_value(json_object_get(st, "experts"));
    out->store_bytes = json_integer_value(json_object_get(st, "store_bytes"));
    out->index_bytes = json_integer_value(json_object_get(st, "index_bytes"));
    rs_answer_free(a);
    rs_roster_close(r);
}

/* ---- 4. warm searches ---- */

static void keep_answer(answer *a, uint32_t total, size_t n_hits, bench_facets *facets)
{
    a->total = total;
    a->n_hits = n_hits;
    free(a->facets);
    a->facets = facets ? bench_alloc(strdup(bench_facets_finish(facets))) : NULL;
}

typedef struct {
    rs_roster *r;
    char **texts; /* roster query text by query */
} roster_side;

/* Total, hits and facet counts of a search answer (formats.md section 5:
 * "facets": {"nationality": {"FR": 12, ...}, ...}). */
static void keep_roster_answer(answer *keep, const json_t *res, int with_facets)
{
    bench_facets f = {0};
    const char *name, *value;
    json_t *counts, *count;
    json_object_foreach((json_t *)json_object_get(res, "facets"), name, counts)
        json_object_foreach(counts, value, count)
            bench_facets_add(&f, name, value, (uint32_t)json_integer_value(count));
    keep_answer(keep, (uint32_t)json_integer_value(json_object_get(res, "total")),
                json_array_size(json_object_get(res, "results")), with_facets ? &f : NULL);
    bench_facets_free(&f);
}

/* One roster query, timed from the query text to freeing the answer. */
static double roster_once(roster_side *rs, size_t i, answer *keep)
{
    int with_facets = bench_queries[i].kind == BENCH_FACET;
    rs_answer *a;
    double start = bench_now();
    if (rs_roster_search(rs->r, rs->texts[i], 0, LIMIT, with_facets, &a) != RS_OK)
        die("%s: %s", rs->texts[i], rs_roster_message(rs->r));
    if (keep) keep_roster_answer(keep, rs_answer_json(a), with_facets);
    rs_answer_free(a);
    return bench_now() - start;
}

static double fts_once(bench_fts *f, size_t i, answer *keep)
{
    const bench_query *q = &bench_queries[i];
    bench_answer a;
    double start = bench_now();
    if (bench_fts_search(f, q, LIMIT, q->kind == BENCH_FACET, &a) != 0) exit(1);
    double t = bench_now() - start;
    if (keep) keep_answer(keep, a.total, a.n_hits, q->kind == BENCH_FACET ? &a.facets : NULL);
    bench_answer_free(&a);
    return t;
}

typedef double (*once_fn)(void *engine, size_t i, answer *keep);

static double roster_once_fn(void *e, size_t i, answer *keep) { return roster_once(e, i, keep); }
static double fts_once_fn(void *e, size_t i, answer *keep) { return fts_once(e, i, keep); }

/* A first round keeps the answers (and warms caches); then rounds over each
 * kind's queries until it has MIN_SAMPLES. */
static void measure(once_fn once, void *engine, engine_run *run)
{
    run->answers = bench_alloc(calloc(bench_n_queries, sizeof *run->answers));
    for (size_t i = 0; i < bench_n_queries; i++) once(engine, i, &run->answers[i]);
    for (int k = 0; k < BENCH_KINDS; k++) {
        size_t n = 0;
        for (size_t i = 0; i < bench_n_queries; i++) n += bench_queries[i].kind == (bench_kind)k;
        if (n == 0) continue;
        size_t rounds = (MIN_SAMPLES + n - 1) / n;
        for (size_t r = 0; r < rounds; r++)
            for (size_t i = 0; i < bench_n_queries; i++)
                if (bench_queries[i].kind == (bench_kind)k) {
                    double t = once(engine, i, NULL);
                    bench_samples_add(&run->latency[k], t);
                    run->answers[i].seconds += t;
                    run->answers[i].runs++;
                }
    }
}

static void engine_run_free(engine_run *run)
{
    for (int k = 0; k < BENCH_KINDS; k++) bench_samples_free(&run->latency[k]);
    for (size_t i = 0; run->answers && i < bench_n_queries; i++) free(run->answers[i].facets);
    free(run->answers);
}

static void measure_roster(const config *c, roster_side *rs, engine_run *run)
{
    if (rs_roster_open(c->data_dir, RS_OPEN_READ, NULL, &rs->r) != RS_OK)
        die("%s", rs_roster_message(rs->r));
    measure(roster_once_fn, rs, run);
    rs_roster_close(rs->r);
    rs->r = NULL;
}

static void measure_fts(const config *c, engine_run *run)
{
    bench_fts *f = bench_fts_open(c->fts_path);
    if (!f) exit(1);
    measure(fts_once_fn, f, run);
    bench_fts_close(f);
}

/* ---- 5. one process per query ---- */

/* Each run one query's process of each: roster, then the sqlite3 program
 * (when given) on the FTS5 peer's SQL, so that both see the same load. */
static void measure_cli(const config *c, roster_side *rs, bench_samples *out,
                        bench_samples *peer)
{
    for (int run = -CLI_WARMUP; run < CLI_RUNS; run++) {
        size_t i = (size_t)(run + CLI_WARMUP) % bench_n_queries;
        int facets = bench_queries[i].kind == BENCH_FACET;
        char *argv[9] = {(char *)c->roster, "search", rs->texts[i], "--limit", "20", "--db",
                         (char *)c->data_dir, NULL, NULL};
        if (facets) argv[7] = "--facets";
        double t = bench_run(argv, NULL, NULL);
        if (run >= 0) bench_samples_add(out, t);
        if (!c->sqlite3) continue;
        char *sql = bench_fts_script(&bench_queries[i], LIMIT, facets);
        char *peer_argv[] = {(char *)c->sqlite3, (char *)c->fts_path, sql, NULL};
        t = bench_run(peer_argv, NULL, NULL);
        free(sql);
        if (run >= 0) bench_samples_add(peer, t);
    }
}

/* ---- the report ---- */

static const char *verdict(int ok) { return ok ? "PASS" : "MISS"; }

const char *bench_grouped(double v, char buf[32])
{
    char digits[32];
    snprintf(digits, sizeof digits, "%.0f", v);
    size_t n = strlen(digits), at = 0;
    for (size_t i = 0; i < n; i++) {
        buf[at++] = digits[i];
        if (digits[i] != '-' && (n - i - 1) % 3 == 0 && i + 1 < n) buf[at++] = ',';
    }
    buf[at] = 0;
    return buf;
}

static double mean_total(const engine_run *run, bench_kind k)
{
    double sum = 0;
    size_t n = 0;
    for (size_t i = 0; i < bench_n_queries; i++)
        if (bench_queries[i].kind == k) {
            sum += run->answers[i].total;
            n++;
        }
    return n ? sum / (double)n : 0;
}

/* What is wrong with an engine's answer to query i, or NULL. */
static const char *problem(const answer *a, const answer *other, size_t i)
{
    uint32_t want_hits = a->total < LIMIT ? a->total : LIMIT;
    if (a->n_hits != want_hits) return "  (HITS MISSING)";
    /* Without words both engines must find the same experts and count the
     * same facets: a check that the two measure the same work. */
    if (bench_queries[i].words) return NULL;
    if (a->total != other->total) return "  (TOTALS DIFFER)";
    if (a->facets && other->facets && strcmp(a->facets, other->facets) != 0)
        return "  (FACETS DIFFER)";
    return NULL;
}

/* Prints every query when verbose, else only those with a problem or no
 * match; returns the number of problems. */
static int compare(const roster_side *rs, const engine_run *ro, const engine_run *ft, int verbose,
                   int *nobody)
{
    int bad = 0;
    *nobody = 0;
    if (verbose)
        printf("\n%-10s %8s %8s %9s %9s  %s\n", "kind", "roster", "fts5", "roster ms", "fts5 ms",
               "query (exact totals; mean latency)");
    for (size_t i = 0; i < bench_n_queries; i++) {
        const answer *a = &ro->answers[i], *b = &ft->answers[i];
        const char *why = problem(a, b, i);
        if (!why) why = problem(b, a, i);
        bad += why != NULL;
        *nobody += a->total == 0;
        if (verbose || why || a->total == 0)
            printf("%-10s %8u %8u %9.2f %9.2f  %s%s%s\n", bench_kind_names[bench_queries[i].kind],
                   a->total, b->total, a->runs ? a->seconds / (double)a->runs * 1e3 : 0,
                   b->runs ? b->seconds / (double)b->runs * 1e3 : 0, rs->texts[i],
                   a->total == 0 ? "  (matches nobody)" : "", why ? why : "");
    }
    return bad;
}

static void print_build(const config *c, long records, double parse_s, const import_result *im,
                        const bench_fts_build_stats *fb, long fts_rss_kib)
{
    const double mb = 1e6;
    double im_rate = (double)im->experts / im->seconds, fb_rate = (double)fb->experts / fb->seconds;
    int64_t disk = im->store_bytes + im->index_bytes;
    char a[32], b[32];
    printf("\nroster bench: %s experts, JSONL %.1f MB (%.0f bytes per expert)\n",
           bench_grouped((double)im->experts, a), (double)file_size(c->jsonl) / mb,
           (double)file_size(c->jsonl) / (double)(records ? records : 1));
    printf("\n%-28s %12s %12s %12s   %s\n", "build", "roster", "SQLite FTS5", "roster/FTS5",
           "target");
    printf("%-28s %10.1f s %10.1f s %11.2fx\n", "  wall time", im->seconds, fb->seconds,
           im->seconds / fb->seconds);
    printf("%-28s %12s %12s %11.2fx   >= %s/s %s\n", "  experts/s", bench_grouped(im_rate, a),
           bench_grouped(fb_rate, b), im_rate / fb_rate, "5,000", verdict(im_rate >= TARGET_IMPORT_RATE));
    printf("%-28s %9.0f MB %9.0f MB %11.2fx\n", "  peak RSS", (double)im->maxrss_kib / 1024,
           (double)fts_rss_kib / 1024, (double)im->maxrss_kib / (double)fts_rss_kib);
    printf("%-28s %9.0f MB %9.0f MB %11.2fx\n", "  disk", (double)disk / mb, (double)fb->bytes / mb,
           (double)disk / (double)fb->bytes);
    printf("%-28s %9.0f MB\n", "    store (roster.sqlite)", (double)im->store_bytes / mb);
    printf("%-28s %9.0f MB\n", "    index (Xapian)", (double)im->index_bytes / mb);
    printf("  reading the JSONL alone: %.1f s (%s experts/s), part of both builds\n", parse_s,
           bench_grouped((double)records / parse_s, a));
    printf("  FTS5 'optimize' merge and ANALYZE: %.1f s, part of the FTS5 build\n",
           fb->optimize_seconds);
}

static void print_search(engine_run *ro, engine_run *ft, bench_samples *cli, bench_samples *peer)
{
    printf("\nwarm search in one process: top %d + exact total, ms, >= %d samples per kind\n",
           LIMIT, MIN_SAMPLES);
    printf("%-10s %17s %17s %17s   %-6s %-7s %s\n", "kind", "roster p50 / p99", "FTS5 p50 / p99",
           "FTS5/roster", "p50<=1", "p99<=10", "faster");
    int all_faster = 1;
    for (int k = 0; k < BENCH_KINDS; k++) {
        double r50 = bench_percentile(&ro->latency[k], 50), r99 = bench_percentile(&ro->latency[k], 99);
        double f50 = bench_percentile(&ft->latency[k], 50), f99 = bench_percentile(&ft->latency[k], 99);
        int faster = r50 < f50 && r99 < f99;
        all_faster &= faster;
        printf("%-10s %8.2f / %6.2f %8.2f / %6.2f %7.1fx / %5.1fx   %-6s %-7s %s\n",
               bench_kind_names[k], r50 * 1e3, r99 * 1e3, f50 * 1e3, f99 * 1e3, f50 / r50,
               f99 / r99, verdict(r50 <= TARGET_P50), verdict(r99 <= TARGET_P99), verdict(faster));
    }
    printf("mean exact total per query, roster / FTS5 (roster also matches stems):");
    for (int k = 0; k < BENCH_KINDS; k++) {
        char a[32], b[32];
        printf("%s %s %s / %s", k ? "," : "", bench_kind_names[k],
               bench_grouped(mean_total(ro, k), a), bench_grouped(mean_total(ft, k), b));
    }
    printf("\n\nroster CLI, one process per query (%zu runs over the mix): p50 %.2f ms, p99 %.2f ms"
           "   p50 <= 4 ms %s\n", cli->n, bench_percentile(cli, 50) * 1e3,
           bench_percentile(cli, 99) * 1e3, verdict(bench_percentile(cli, 50) <= TARGET_CLI_P50));
    if (peer->n)
        printf("sqlite3 CLI on the FTS5 peer's SQL, one process per query (the same runs,"
               " alternating): p50 %.2f ms, p99 %.2f ms\n"
               "  roster CLI / sqlite3 CLI: p50 %.2fx, p99 %.2fx   roster p50 <= sqlite3 p50 %s\n",
               bench_percentile(peer, 50) * 1e3, bench_percentile(peer, 99) * 1e3,
               bench_percentile(cli, 50) / bench_percentile(peer, 50),
               bench_percentile(cli, 99) / bench_percentile(peer, 99),
               verdict(bench_percentile(cli, 50) <= bench_percentile(peer, 50)));
    else
        printf("sqlite3 CLI: not found, its one-process runs left out\n");
    printf("faster than FTS5 on every kind, p50 and p99: %s\n", verdict(all_faster));
}

static void usage(void)
{
    fprintf(stderr, "usage: roster-bench ROSTER JSONL WORKDIR [--verbose]"
                    " [--tors DIR --small JSONL] [--sqlite3 PATH]\n"
                    "  ROSTER   the roster binary; JSONL from roster-gen; WORKDIR for the data\n"
                    "  --tors   sample ToRs to match; --small a small roster to match them in too\n"
                    "  --sqlite3  the sqlite3 program, timed one process per query beside roster\n"
                    "       roster-bench --shards DATA_DIR [--index STUB] TORS.jsonl\n"
                    "  the index in shards (bench/shards.sh, make bench-shards)\n");
    exit(2);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--shards") == 0) return bench_shards(argc, argv);
    config c = {0};
    int n = 0;
    const char *pos[3];
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--verbose") == 0) c.verbose = 1;
        else if (strcmp(argv[i], "--tors") == 0 && i + 1 < argc) c.tors_dir = argv[++i];
        else if (strcmp(argv[i], "--small") == 0 && i + 1 < argc) c.small_jsonl = argv[++i];
        else if (strcmp(argv[i], "--sqlite3") == 0 && i + 1 < argc) c.sqlite3 = argv[++i];
        else if (n < 3 && argv[i][0] != '-') pos[n++] = argv[i];
        else usage();
    }
    if (n != 3 || !c.tors_dir != !c.small_jsonl) usage();
    c.roster = pos[0];
    c.jsonl = pos[1];
    c.work = pos[2];
    snprintf(c.data_dir, sizeof c.data_dir, "%s/roster-data", c.work);
    snprintf(c.fts_path, sizeof c.fts_path, "%s/fts5.sqlite", c.work);
    setvbuf(stdout, NULL, _IOLBF, 0);

    long records;
    printf("reading %s ...\n", c.jsonl);
    double parse_s = parse_only(c.jsonl, &records);
    printf("importing with %s import ...\n", c.roster);
    import_result im;
    import(&c, &im);
    printf("building the SQLite FTS5 peer ...\n");
    bench_fts_build_stats fb;
    if (bench_fts_build(c.fts_path, c.jsonl, &fb) != 0) return 1;
    if (fb.rejected)
        fprintf(stderr, "roster-bench: warning: %ld invalid records left out of FTS5\n", fb.rejected);
    struct rusage self;
    getrusage(RUSAGE_SELF, &self);

    roster_side rs = {0};
    rs.texts = bench_alloc(calloc(bench_n_queries, sizeof *rs.texts));
    for (size_t i = 0; i < bench_n_queries; i++) {
        rs.texts[i] = bench_alloc(malloc(256));
        bench_query_text(&bench_queries[i], rs.texts[i], 256);
    }
    engine_run ro = {0}, ft = {0};
    printf("searching: roster (%zu queries) ...\n", bench_n_queries);
    measure_roster(&c, &rs, &ro);
    printf("searching: SQLite FTS5 ...\n");
    measure_fts(&c, &ft);
    printf("searching: roster CLI%s, one process per query ...\n",
           c.sqlite3 ? " and sqlite3 CLI" : "");
    bench_samples cli = {0}, peer = {0};
    measure_cli(&c, &rs, &cli, &peer);

    int nobody;
    int bad = compare(&rs, &ro, &ft, c.verbose, &nobody);
    print_build(&c, records, parse_s, &im, &fb, self.ru_maxrss);
    print_search(&ro, &ft, &cli, &peer);
    printf("answers checked (top %d complete; without words, same totals and facets in both"
           " engines): %s\n", LIMIT, bad ? "PROBLEMS (see the list above)" : "all agree");
    if (nobody) printf("queries matching nobody: %d (see the list above)\n", nobody);
    if (c.tors_dir) {
        bench_match_config mc = {c.roster, c.tors_dir, c.work, c.small_jsonl, c.data_dir,
                                 c.verbose};
        bad += bench_match(&mc);
    }

    engine_run_free(&ro);
    engine_run_free(&ft);
    bench_samples_free(&cli);
    bench_samples_free(&peer);
    for (size_t i = 0; i < bench_n_queries; i++) free(rs.texts[i]);
    free(rs.texts);
    return bad ? 1 : 0;
}
