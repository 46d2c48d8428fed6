/*
 * The match section of roster-bench. See match.h.
 *
 * The ToRs are the samples and VARIANTS variants made from them by a fixed
 * rule (team size 2-4, working languages, window, rules, some without
 * codes, a few that no team can meet), written to WORKDIR/tors for the
 * CLI. Each ToR is matched warm in one process through the library's face,
 * as `roster match --json` answers it: rs_roster_match on one handle (the
 * whole pipeline: the ToR read, codes inferred, retrieval, the rules,
 * teams, the no-team retry; the portfolio read once per handle), then the
 * JSON text. Rounds over the ToRs repeat within a time budget (one at
 * least), and so do the CLI runs, so that a roster of a million experts
 * still finishes.
 *
 * The untimed first round also compares the exact team search with two
 * greedy picks on each match's candidates (picks.h).
 */
#include "bench/match.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bench/bench.h"
#include "bench/picks.h"
#include "lib/roster.h"

#define VARIANTS 100
#define ROUNDS_MAX 4       /* measured rounds over all ToRs, after the first */
#define ROUNDS_BUDGET 120  /* seconds of measured rounds per roster, about */
#define CLI_WARMUP 3
#define CLI_BUDGET 60      /* seconds of CLI runs per roster, about ... */
#define CLI_MIN_RUNS 20    /* ... but at least this many */
#define TARGET_P99 50e-3   /* at the bench's N */
#define SLOWEST 3          /* ToRs listed */


static void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void fatal(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "roster-bench: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    exit(1);
}

/* ---- the ToRs ---- */

typedef struct {
    char *name;   /* file name */
    char *path;   /* the file, for the CLI */
    char *text;   /* its JSON */
} tor_case;

typedef struct {
    tor_case *v;
    size_t n, n_samples;
} tor_set;

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) fatal("cannot open %s: %s", path, strerror(errno));
    size_t n = 0, cap = 4096;
    char *text = bench_alloc(malloc(cap));
    for (size_t got; (got = fread(text + n, 1, cap - n - 1, f)) > 0;) {
        n += got;
        if (cap - n - 1 == 0) text = bench_alloc(realloc(text, cap *= 2));
    }
    if (ferror(f)) fatal("cannot read %s", path);
    fclose(f);
    text[n] = 0;
    return text;
}

static char *path_join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = bench_alloc(malloc(n));
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static void tor_set_add(tor_set *s, const char *dir, const char *name, char *text)
{
    s->v = bench_alloc(realloc(s->v, (s->n + 1) * sizeof *s->v));
    s->v[s->n++] = (tor_case){bench_alloc(strdup(name)), path_join(dir, name), text};
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.json of dir, by name. */
static void load_samples(tor_set *s, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) fatal("cannot open %s: %s", dir, strerror(errno));
    char **names = NULL;
    size_t n = 0;
    for (struct dirent *e; (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        if (len > 5 && strcmp(e->d_name + len - 5, ".json") == 0) {
            names = bench_alloc(realloc(names, (n + 1) * sizeof *names));
            names[n++] = bench_alloc(strdup(e->d_name));
        }
    }
    closedir(d);
    if (n == 0) fatal("%s: no sample ToR (*.json)", dir);
    qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        char *path = path_join(dir, names[i]);
        tor_set_add(s, dir, names[i], read_text(path));
        free(path);
        free(names[i]);
    }
    free(names);
    s->n_samples = n;
}

typedef struct {
    const char *code, *level;
} asked_language;

/* Working languages of the variants; an empty set keeps the sample's. */
static const asked_language language_sets[][3] = {
    {{NULL, NULL}},
    {{"fr", "B2"}},
    {{"es", "C1"}},
    {{"pt", "B2"}},
    {{"en", "C1"}, {"fr", "B2"}},
    {{"es", "B2"}, {"pt", "B2"}},
    {{"fr", "C1"}, {"en", "B2"}, {"es", "B1"}},
    {{"en", "B2"}},
};
#define N_LANGUAGE_SETS (sizeof language_sets / sizeof language_sets[0])

/* Every 25th variant also asks Japanese, which no generated expert speaks:
 * no team is possible, and the answer takes the path that explains why. */
static void set_languages(json_t *tor, int v)
{
    const asked_language *set = language_sets[(v / 3) % N_LANGUAGE_SETS];
    if (set[0].code) {
        json_t *a = json_array();
        for (int i = 0; i < 3 && set[i].code; i++)
            json_array_append_new(a, json_pack("{s:s, s:s}", "code", set[i].code, "level",
                                               set[i].level));
        json_object_set_new(tor, "languages", a);
    }
    json_t *a = json_object_get(tor, "languages");
    if (v % 25 == 24 && json_is_array(a))
        json_array_append_new(a, json_pack("{s:s, s:s}", "code", "ja", "level", "B2"));
}

/* "YYYY-MM-DD" of the day `days` after Monday 2027-01-04. */
static void day_text(int days, char buf[11])
{
    /* Noon, so that no daylight-saving shift moves the date. */
    struct tm tm = {.tm_year = 2027 - 1900, .tm_mon = 0, .tm_mday = 4 + days, .tm_hour = 12,
                    .tm_isdst = -1};
    if (mktime(&tm) == (time_t)-1 || strftime(buf, 11, "%Y-%m-%d", &tm) != 10)
        fatal("bad date in the variants");
}

/* Windows of one to four weeks over 2027; every ninth variant has none. */
static void set_window(json_t *tor, int v)
{
    if (v % 9 == 8) {
        json_object_del(tor, "from");
        json_object_del(tor, "to");
        return;
    }
    int from = 7 * ((v * 5) % 48), to = from + 4 + 7 * (v % 4);
    char buf[11];
    day_text(from, buf);
    json_object_set_new(tor, "from", json_string(buf));
    day_text(to, buf);
    json_object_set_new(tor, "to", json_string(buf));
}

static json_t *strings(const char *a, const char *b, const char *c, const char *d)
{
    json_t *arr = json_array();
    const char *s[] = {a, b, c, d};
    for (int i = 0; i < 4 && s[i]; i++) json_array_append_new(arr, json_string(s[i]));
    return arr;
}

/* Six kinds of rules, on top of the sample's own (kind 0 keeps them). */
static void set_rules(json_t *tor, int v)
{
    json_t *r = json_object_get(tor, "rules");
    if (!r) {
        r = json_object();
        json_object_set_new(tor, "rules", r);
    }
    switch (v % 6) {
    case 1: /* two of one nationality allowed */
        json_object_set_new(r, "max_same_nationality", json_integer(2));
        json_object_set_new(r, "min_nationalities", json_integer(2));
        break;
    case 2: /* busy experts out, a partner-country expert wanted */
        json_object_set_new(r, "max_load_days", json_integer(20 + 10 * (v % 3)));
        json_object_set_new(r, "triangular", json_true());
        break;
    case 3: /* the most common nationalities out */
        json_object_set_new(r, "exclude_nationalities",
                            strings(json_string_value(json_object_get(tor, "country")), "FR",
                                    "ES", "DE"));
        json_object_set_new(r, "prefer_public", json_false());
        break;
    case 4: /* conflicts of interest, no soft preferences on the team */
        json_object_set_new(r, "exclude", strings("EXP-00001", "EXP-00002", "EXP-00003", NULL));
        json_object_set_new(r, "gender_balance", json_false());
        json_object_set_new(r, "portfolio_balance", json_false());
        break;
    case 5:
        if (v % 12 == 5) { /* one expert required, whoever that is */
            char id[16];
            snprintf(id, sizeof id, "EXP-%05d", 1 + (v * 37) % 1000);
            json_object_set_new(r, "require", strings(id, NULL, NULL, NULL));
        } else { /* the loosest team rules */
            json_object_set_new(r, "max_same_nationality", json_integer(2));
            json_object_set_new(r, "min_nationalities", json_integer(1));
            json_object_set_new(r, "languages_covered", json_false());
        }
        break;
    }
}

/* Variant v of a sample: team size 2-4, languages, window, rules; every
 * eighth without codes, so its fields are inferred from the words. */
static char *variant_text(const char *sample_text, const char *sample_name, int v)
{
    json_error_t je;
    json_t *tor = json_loads(sample_text, 0, &je);
    if (!tor) fatal("%s: %s", sample_name, je.text);
    char action[64];
    snprintf(action, sizeof action, "%s-v%03d",
             json_string_value(json_object_get(tor, "action")), v);
    json_object_set_new(tor, "action", json_string(action));
    json_object_set_new(tor, "team_size", json_integer(2 + v % 3));
    set_languages(tor, v);
    set_window(tor, v);
    set_rules(tor, v);
    if (v % 8 == 7) {
        json_object_del(tor, "fields");
        json_object_del(tor, "competences");
    }
    char *text = json_dumps(tor, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(tor);
    return bench_alloc(text);
}

static void make_variants(tor_set *s, const char *work)
{
    char *dir = path_join(work, "tors");
    if (mkdir(dir, 0700) != 0 && errno != EEXIST)
        fatal("cannot create %s: %s", dir, strerror(errno));
    for (int v = 0; v < VARIANTS; v++) {
        const tor_case *base = &s->v[(size_t)v % s->n_samples];
        char name[32];
        snprintf(name, sizeof name, "variant-%03d.json", v);
        char *text = variant_text(base->text, base->name, v);
        tor_set_add(s, dir, name, text);
        FILE *f = fopen(s->v[s->n - 1].path, "wb");
        if (!f || fputs(text, f) < 0 || fclose(f) != 0)
            fatal("cannot write %s", s->v[s->n - 1].path);
    }
    free(dir);
}

static void tor_set_free(tor_set *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->v[i].name);
        free(s->v[i].path);
        free(s->v[i].text);
    }
    free(s->v);
}


/* ---- matching one roster, warm, through the library ---- */

typedef struct {
    double seconds;       /* summed over the measured rounds */
    size_t considered;    /* candidates_considered of the answer */
    size_t teams;
    int no_team;
} tor_result;

typedef struct {
    int64_t experts;
    int rounds;
    double first_seconds; /* the first match on the handle, which reads the portfolio */
    bench_samples total, cli;
    tor_result *tors;
    size_t no_team;
    bench_picks *picks;
} size_result;

static int64_t roster_experts(rs_roster *r)
{
    rs_answer *a;
    if (rs_roster_stats(r, &a) != RS_OK) fatal("%s", rs_roster_message(r));
    int64_t n = json_integer_value(json_object_get(rs_answer_json(a), "experts"));
    rs_answer_free(a);
    return n;
}

/* Match one ToR as `roster match --json` answers it, timed from its text to
 * the answer's JSON text; what the answer says into tr, and with picks the
 * picks compared on its candidates, outside the time. */
static double match_tor(rs_roster *r, const tor_case *tc, tor_result *tr, bench_picks *picks)
{
    rs_text t = {.name = tc->path, .line = 1, .data = tc->text, .len = strlen(tc->text)};
    rs_answer *a;
    double start = bench_now();
    if (rs_roster_match(r, &t, NULL, &a) != RS_OK)
        fatal("%s: %s", tc->path, rs_roster_message(r));
    free(bench_alloc(json_dumps(rs_answer_json(a),
                                JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10))));
    double seconds = bench_now() - start;
    if (tr) {
        const json_t *j = rs_answer_json(a);
        tr->considered = (size_t)json_integer_value(json_object_get(j, "candidates_considered"));
        tr->teams = json_array_size(json_object_get(j, "teams"));
        tr->no_team = rs_answer_outcome(a) == RS_OUTCOME_NO_TEAM;
    }
    if (picks) bench_picks_add(picks, a);
    rs_answer_free(a);
    return seconds;
}

static void measure_warm(const char *data_dir, const tor_set *s, size_result *out)
{
    rs_roster *r;
    if (rs_roster_open(data_dir, RS_OPEN_READ, NULL, &r) != RS_OK)
        fatal("%s", rs_roster_message(r));
    out->experts = roster_experts(r);
    out->tors = bench_alloc(calloc(s->n, sizeof *out->tors));
    out->picks = bench_picks_new();
    double start = bench_now();
    for (size_t i = 0; i < s->n; i++) {
        double t = match_tor(r, &s->v[i], &out->tors[i], out->picks);
        if (i == 0) out->first_seconds = t;
        out->no_team += out->tors[i].no_team;
    }
    double first = bench_now() - start;
    out->rounds = first * ROUNDS_MAX <= ROUNDS_BUDGET ? ROUNDS_MAX
                  : first >= ROUNDS_BUDGET      ? 1
                                                : (int)(ROUNDS_BUDGET / first);
    for (int round = 0; round < out->rounds; round++)
        for (size_t i = 0; i < s->n; i++) {
            double t = match_tor(r, &s->v[i], NULL, NULL);
            bench_samples_add(&out->total, t);
            out->tors[i].seconds += t;
        }
    rs_roster_close(r);
}

static void measure_cli(const char *roster, const char *data_dir, const tor_set *s,
                        bench_samples *out)
{
    double start = 0;
    for (size_t run = 0; run < CLI_WARMUP + s->n; run++) {
        if (run == CLI_WARMUP) start = bench_now();
        if (out->n >= CLI_MIN_RUNS && bench_now() - start > CLI_BUDGET) break;
        const tor_case *tc = &s->v[run < CLI_WARMUP ? run % s->n : run - CLI_WARMUP];
        char *argv[] = {(char *)roster, "match", tc->path, "--db", (char *)data_dir, NULL};
        int status;
        double t = bench_run(argv, NULL, &status);
        if (status != 0 && status != 3)
            fatal("%s match %s: exit status %d", roster, tc->path, status);
        if (run >= CLI_WARMUP) bench_samples_add(out, t);
    }
}


static void size_result_free(size_result *r)
{
    bench_samples_free(&r->total);
    bench_samples_free(&r->cli);
    bench_picks_free(r->picks);
    free(r->tors);
}

/* ---- the report ---- */

static double mean(const bench_samples *s)
{
    double sum = 0;
    for (size_t i = 0; i < s->n; i++) sum += s->v[i];
    return s->n ? sum / (double)s->n : 0;
}

static void print_latency(const tor_set *s, size_result *r, size_t n_sizes, double load)
{
    printf("\nmatch latency per ToR, warm in one process (rs_roster_match on one handle, then"
           " its JSON text), ms;\n%zu ToRs (%zu samples + %zu variants), each measured once"
           " per round", s->n, s->n_samples, s->n - s->n_samples);
    if (load >= 0)
        printf("; load average %.2f on %ld CPUs as it began", load,
               sysconf(_SC_NPROCESSORS_ONLN));
    printf("\n%-10s %6s %7s %7s %7s %7s   %-8s %s\n", "experts", "rounds", "p50", "p99", "max",
           "mean", "p99<=50", "CLI, one process per ToR: p50 / p99 (runs)");
    for (size_t z = 0; z < n_sizes; z++) {
        char a[32];
        double p99 = bench_percentile(&r[z].total, 99);
        printf("%-10s %6d %7.2f %7.2f %7.2f %7.2f   %-8s %.1f / %.1f (%zu)\n",
               bench_grouped((double)r[z].experts, a), r[z].rounds,
               bench_percentile(&r[z].total, 50) * 1e3, p99 * 1e3,
               bench_percentile(&r[z].total, 100) * 1e3, mean(&r[z].total) * 1e3,
               z + 1 == n_sizes ? (p99 <= TARGET_P99 ? "PASS" : "MISS") : "",
               bench_percentile(&r[z].cli, 50) * 1e3, bench_percentile(&r[z].cli, 99) * 1e3,
               r[z].cli.n);
    }
}


typedef struct {
    double seconds;
    size_t index;
} slow;

static int slower_first(const void *a, const void *b)
{
    const slow *x = a, *y = b;
    if (x->seconds != y->seconds) return x->seconds > y->seconds ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

static void print_slowest(const tor_set *s, size_result *r)
{
    char a[32];
    printf("\nat %s experts: no team for %zu of %zu ToRs (each matched again without the"
           " index's filters, for the remedies);\nthe first match on the handle, which also"
           " reads the portfolio from the store: %.1f ms\n",
           bench_grouped((double)r->experts, a), r->no_team, s->n, r->first_seconds * 1e3);
    slow *order = bench_alloc(malloc(s->n * sizeof *order));
    for (size_t i = 0; i < s->n; i++) order[i] = (slow){r->tors[i].seconds, i};
    qsort(order, s->n, sizeof *order, slower_first);
    printf("  slowest ToRs (mean ms; candidates considered, teams):\n");
    double ms = 1e3 / r->rounds; /* a ToR's sum to its mean, in ms */
    for (size_t j = 0; j < s->n && j < SLOWEST; j++) {
        const tor_result *t = &r->tors[order[j].index];
        printf("    %-34s %6.1f; %zu, %zu%s\n", s->v[order[j].index].name, t->seconds * ms,
               t->considered, t->teams, t->no_team ? " (no team)" : "");
    }
    free(order);
}

static void print_verbose(const tor_set *s, const size_result *r)
{
    char a[32];
    printf("\nper ToR at %s experts: mean ms, candidates considered, teams\n",
           bench_grouped((double)r->experts, a));
    for (size_t i = 0; i < s->n; i++) {
        const tor_result *t = &r->tors[i];
        printf("  %-34s %7.2f %5zu %zu%s\n", s->v[i].name, t->seconds / r->rounds * 1e3,
               t->considered, t->teams, t->no_team ? "  (no team: matched again without filters)"
                                                   : "");
    }
}

int bench_match(const bench_match_config *c)
{
    tor_set s = {0};
    load_samples(&s, c->tors_dir);
    make_variants(&s, c->work);

    char *small_dir = path_join(c->work, "roster-data-small");
    printf("importing the small roster with %s import ...\n", c->roster);
    char *argv[] = {(char *)c->roster, "import", (char *)c->small_jsonl, "--db", small_dir, NULL};
    bench_run(argv, NULL, NULL);

    /* Other work on the machine lengthens the tail: the report says how busy it was. */
    double load = -1;
    if (getloadavg(&load, 1) != 1) load = -1;
    const char *dirs[2] = {small_dir, c->data_dir};
    size_result r[2];
    memset(r, 0, sizeof r);
    for (int z = 0; z < 2; z++) {
        printf("matching: %zu ToRs warm, then one roster match process per ToR (%s) ...\n", s.n,
               z ? "the bench's roster" : "the small roster");
        measure_warm(dirs[z], &s, &r[z]);
        measure_cli(c->roster, dirs[z], &s, &r[z].cli);
    }

    print_latency(&s, r, 2, load);
    print_slowest(&s, &r[1]);
    for (int z = 0; z < 2; z++) bench_picks_print(r[z].picks, r[z].experts);
    if (c->verbose)
        for (int z = 0; z < 2; z++) print_verbose(&s, &r[z]);

    int problems = bench_picks_problems(r[0].picks) + bench_picks_problems(r[1].picks);
    for (int z = 0; z < 2; z++) size_result_free(&r[z]);
    free(small_dir);
    tor_set_free(&s);
    return problems;
}
