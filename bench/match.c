/*
 * The match section of roster-bench. See match.h.
 *
 * The ToRs are the samples and VARIANTS variants made from them by a fixed
 * rule (team size 2-4, working languages, window, rules, some without
 * codes, a few that no team can meet), written to WORKDIR/tors for the
 * CLI. Each ToR is matched warm in one process the way cli/match.c answers
 * it: read the ToR, infer codes
 * when it has none, retrieve from the index, rs_match with the portfolio
 * read from the store once per roster, and when no team is possible
 * retrieve again without the index's filters and match again (for the
 * remedies); then build the JSON answer. Every stage is timed, so a miss
 * says where the time goes. Rounds over the ToRs repeat within a time
 * budget (one at least), and so do the CLI runs, so that a roster of a
 * million experts still finishes.
 *
 * The untimed first round also sets two greedy picks beside the exact
 * search, on the admitted candidates of the first rs_match: the greedy one
 * takes candidates down the shortlist while the team can still meet the
 * hard rules, the naive one takes the top team_size. All three teams are
 * scored by rs_team_evaluate over one team problem (every admitted
 * candidate, the portfolio) and judged by rs_check_team.
 */
#include "bench/match.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench/bench.h"
#include "cli/tor_context.h"
#include "core/date.h"
#include "core/stem.h"
#include "core/store.h"
#include "indexer/datadir.h"
#include "matcher/match.h"
#include "matcher/retrieve.h"
#include "matcher/rule_fetch.h"

#define VARIANTS 100
#define ROUNDS_MAX 4       /* measured rounds over all ToRs, after the first */
#define ROUNDS_BUDGET 120  /* seconds of measured rounds per roster, about */
#define CLI_WARMUP 3
#define CLI_BUDGET 60      /* seconds of CLI runs per roster, about ... */
#define CLI_MIN_RUNS 20    /* ... but at least this many */
#define INFERRED_MAX 3     /* codes inferred for a ToR without any, as cli/match.c */
#define TARGET_P99 50e-3   /* at the bench's N */
#define SLOWEST 3          /* ToRs listed with their stages */
#define RULES_MAX 16       /* distinct rule names counted */

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

/* Windows of one to four weeks over 2027; every ninth variant has none. */
static void set_window(json_t *tor, int v)
{
    if (v % 9 == 8) {
        json_object_del(tor, "from");
        json_object_del(tor, "to");
        return;
    }
    int32_t first;
    if (rs_date_parse("2027-01-04", 0, &first) != 0) fatal("bad date in the variants");
    int32_t from = first + 7 * ((v * 5) % 48), to = from + 4 + 7 * (v % 4);
    char buf[11];
    rs_date_format(from, buf);
    json_object_set_new(tor, "from", json_string(buf));
    rs_date_format(to, buf);
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

/* ---- one roster, opened as `roster match` opens it ---- */

typedef struct {
    rs_data *roster;
    xc_db *db;
    rs_stemmers *stemmers;
    rs_portfolio portfolio;
    int32_t today;
    int64_t experts;
    double portfolio_seconds;
} roster_ctx;

static void roster_ctx_open(roster_ctx *c, const char *data_dir)
{
    memset(c, 0, sizeof *c);
    c->today = rs_date_today();
    char *err = NULL;
    if (rs_data_open(data_dir, RS_OPEN_READ, &c->roster, &err) != RS_OK) fatal("%s", err);
    if (!(c->db = rs_data_index(c->roster))) fatal("%s", rs_data_error(c->roster));
    c->stemmers = bench_alloc(rs_stemmers_new());
    rs_store *store = rs_data_store(c->roster);
    if (rs_store_count(store, &c->experts) != RS_OK) fatal("%s", rs_store_error(store));
    double start = bench_now();
    if (rs_portfolio_load(store, c->today, &c->portfolio) != RS_OK)
        fatal("%s", rs_store_error(store));
    c->portfolio_seconds = bench_now() - start;
}

static void roster_ctx_close(roster_ctx *c)
{
    rs_portfolio_free(&c->portfolio);
    rs_stemmers_free(c->stemmers);
    rs_data_close(c->roster);
}

/* ---- one match, as cli/match.c answers it ---- */

enum { ST_READ, ST_RETRIEVE, ST_MATCH, ST_AGAIN, ST_ANSWER, N_STAGES };
static const char *const stage_names[N_STAGES] = {
    "ToR read + codes inferred", "retrieval (index, profiles)", "rs_match",
    "no team: wide retrieval + rs_match again", "JSON answer"};

typedef struct {
    rs_retrieval got;
    const rs_expert **experts;
    double *text;
} pool;

typedef struct {
    rs_tor tor;
    pool p;
    rs_match_result res;
    size_t retrieved;     /* candidates of the first retrieval */
    rs_rule_fetcher *rules; /* experts the hard rules need, as roster match fetches them */
    int again;            /* the first rs_match found no team */
} match_run;

static void pool_fetch(roster_ctx *c, const rs_tor *t, int filtered, pool *p)
{
    memset(p, 0, sizeof *p);
    char err[512];
    if (rs_retrieve(c->db, c->stemmers, t, rs_tor_reference_day(t, c->today), filtered,
                    RS_RETRIEVE_POOL, &p->got, err, sizeof err) != 0)
        fatal("%s: %s", t->action, err);
    p->experts = bench_alloc(malloc((p->got.n + 1) * sizeof *p->experts));
    p->text = bench_alloc(malloc((p->got.n + 1) * sizeof *p->text));
    for (size_t i = 0; i < p->got.n; i++) {
        p->experts[i] = &p->got.items[i].profile;
        p->text[i] = p->got.items[i].text;
    }
}

static void pool_free(pool *p)
{
    rs_retrieval_free(&p->got);
    free(p->experts);
    free(p->text);
}

static void read_tor(const tor_case *tc, rs_tor *t)
{
    rs_diag d;
    rs_diag_init(&d);
    if (rs_tor_from_json_text(tc->text, strlen(tc->text), tc->path, 1, t, &d) != 0) {
        rs_diag_print(&d, stderr);
        fatal("%s: bad ToR", tc->path);
    }
    rs_diag_free(&d);
}

static void infer_fields(rs_tor *t)
{
    if (t->n_fields) return;
    char *codes[INFERRED_MAX];
    size_t n = rs_tor_infer_fields(t, codes, INFERRED_MAX);
    if (n == 0) return;
    t->fields = bench_alloc(malloc(n * sizeof *t->fields));
    memcpy(t->fields, codes, n * sizeof *codes);
    t->n_fields = n;
}

static void match_options(const roster_ctx *c, rs_match_options *o)
{
    rs_match_options_default(o);
    o->today = c->today;
    o->portfolio = &c->portfolio;
}

typedef struct picks picks;
static void compare_picks(const roster_ctx *c, const rs_tor *t, const rs_match_result *r,
                          picks *out);

/* Match one ToR into m (the caller frees it with match_run_free), the time
 * of each stage into stage[]. With `cmp`, the picks are compared on the
 * first rs_match's candidates, outside the stages' time. */
static void match_tor(roster_ctx *c, const tor_case *tc, match_run *m, double *stage, picks *cmp)
{
    memset(m, 0, sizeof *m);
    rs_match_options o;
    match_options(c, &o);
    double t0 = bench_now();
    read_tor(tc, &m->tor);
    infer_fields(&m->tor);
    double t1 = bench_now();
    pool_fetch(c, &m->tor, 1, &m->p);
    m->retrieved = m->p.got.n;
    m->rules = bench_alloc(rs_rule_fetcher_new(c->db, c->stemmers, c->today, m->p.got.text_top));
    o.more = rs_rule_fetcher_more;
    o.more_ctx = m->rules;
    double t2 = bench_now();
    if (rs_match(&m->tor, m->p.experts, m->p.text, m->p.got.n, &o, &m->res) != 0)
        fatal("%s", *rs_rule_fetcher_error(m->rules) ? rs_rule_fetcher_error(m->rules)
                                                    : "out of memory");
    double t3 = bench_now();
    if (cmp) compare_picks(c, &m->tor, &m->res, cmp);
    double t3b = bench_now();
    m->again = rs_match_exit_code(&m->res) == 3;
    if (m->again) {
        pool wide;
        rs_match_result res;
        pool_fetch(c, &m->tor, 0, &wide);
        if (rs_match(&m->tor, wide.experts, wide.text, wide.got.n, &o, &res) != 0)
            fatal("out of memory");
        rs_match_result_free(&m->res);
        pool_free(&m->p);
        m->res = res;
        m->p = wide;
    }
    double t4 = bench_now();
    json_t *j = bench_alloc(rs_match_to_json(&m->res));
    free(bench_alloc(json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10))));
    json_decref(j);
    double t5 = bench_now();
    stage[ST_READ] = t1 - t0;
    stage[ST_RETRIEVE] = t2 - t1;
    stage[ST_MATCH] = t3 - t2;
    stage[ST_AGAIN] = t4 - t3b;
    stage[ST_ANSWER] = t5 - t4;
}

static void match_run_free(match_run *m)
{
    rs_match_result_free(&m->res);
    pool_free(&m->p);
    rs_rule_fetcher_free(m->rules);
    rs_tor_free(&m->tor);
}

/* ---- the exact team against greedy picks ---- */

enum { PICK_EXACT, PICK_GREEDY, PICK_NAIVE, N_PICKS };
static const char *const pick_names[N_PICKS] = {"exact search", "greedy (rules)", "naive top-k"};

typedef struct {
    const char *rule;   /* static, from rs_check_team */
    size_t n;
} rule_count;

typedef struct {
    size_t formed;       /* ToRs where the pick gave a team of team_size */
    size_t broken;       /* ... that breaks a hard rule (rs_check_team) */
    size_t missed;       /* no team where the exact search found one */
    size_t below;        /* a team meeting the hard rules, scoring below the exact one */
    double common_sum;   /* scores over the ToRs where all picks gave a team */
    double kept_sum;     /* over the ToRs where the exact search found a team:
                            the score when the team meets the hard rules, else 0 */
    rule_count fails[RULES_MAX];
    size_t n_fails;
} pick_stats;

struct picks {
    size_t tors, common;
    pick_stats s[N_PICKS];
    int problems;
};

/* Languages of the ToR that no member meets at its level. */
static size_t languages_unmet(const rs_tor *t, const rs_candidate *c, const size_t *team,
                              size_t n)
{
    size_t unmet = 0;
    for (size_t l = 0; l < t->n_languages; l++) {
        int met = 0;
        for (size_t i = 0; i < n && !met; i++) {
            rs_cefr held = rs_expert_level(c[team[i]].expert, t->languages[l].code);
            met = held != RS_CEFR_NONE && held >= t->languages[l].level;
        }
        unmet += !met;
    }
    return unmet;
}

/* Can team[0..n) still become a team of team_size that meets the hard team
 * rules, counting each open seat as able to bring one more nationality and
 * one more language? A full team must meet them. */
static int can_still_meet(const rs_tor *t, const rs_team_problem *p, const rs_candidate *c,
                          const size_t *team, size_t n)
{
    rs_team ev;
    int rc = rs_team_evaluate(p, team, n, &ev);
    if (rc < 0) fatal("out of memory");
    size_t open = (size_t)t->team_size - n;
    if (open == 0) return rc == 1;
    if (ev.distinct_nationalities < 0 ||
        (size_t)ev.distinct_nationalities + open < (size_t)t->rules.min_nationalities)
        return 0;
    return !t->rules.languages_covered || languages_unmet(t, c, team, n) <= open;
}

/* Required ids first, then down the shortlist (best score first), keeping
 * each candidate with whom the team can still meet the rules. Returns 1
 * with team_size members in team, or 0 when it ran out of candidates. */
static int pick_greedy(const rs_tor *t, const rs_team_problem *p, const rs_candidate *c,
                       size_t na, size_t *team)
{
    size_t k = (size_t)t->team_size, n = 0;
    unsigned char *seated = bench_alloc(calloc(na + 1, 1));
    for (size_t q = 0; q < t->rules.n_require && n < k; q++)
        for (size_t i = 0; i < na; i++)
            if (!seated[i] && strcmp(c[i].expert->id, t->rules.require[q]) == 0) {
                seated[i] = 1;
                team[n++] = i;
                break;
            }
    int missing = n < t->rules.n_require; /* a required id is not a candidate */
    for (size_t i = 0; i < na && n < k && !missing; i++) {
        if (seated[i]) continue;
        team[n] = i;
        if (can_still_meet(t, p, c, team, n + 1)) n++;
    }
    free(seated);
    return !missing && n == k;
}

static void count_fail(pick_stats *s, const char *rule)
{
    for (size_t i = 0; i < s->n_fails; i++)
        if (strcmp(s->fails[i].rule, rule) == 0) {
            s->fails[i].n++;
            return;
        }
    if (s->n_fails < RULES_MAX) s->fails[s->n_fails++] = (rule_count){rule, 1};
}

/* Does the team break a hard rule? Counts each rule it breaks. */
static int breaks_rules(const roster_ctx *c, const rs_tor *t, const rs_candidate *cand,
                        const size_t *team, pick_stats *s)
{
    const rs_expert *members[RS_TEAM_MAX];
    for (int i = 0; i < t->team_size; i++) members[i] = cand[team[i]].expert;
    rs_verdicts v;
    if (rs_check_team(t, members, (size_t)t->team_size, &c->portfolio, c->today, &v) != 0)
        fatal("out of memory");
    int broken = 0;
    for (size_t i = 0; i < v.n; i++)
        if (v.items[i].status == RS_FAIL) {
            broken = 1;
            count_fail(s, v.items[i].rule);
        }
    rs_verdicts_free(&v);
    return broken;
}

static void compare_picks(const roster_ctx *c, const rs_tor *t, const rs_match_result *r,
                          picks *out)
{
    size_t na = r->n_admitted, k = (size_t)t->team_size;
    rs_team_candidate *tc = bench_alloc(malloc((na + 1) * sizeof *tc));
    for (size_t i = 0; i < na; i++)
        tc[i] = (rs_team_candidate){r->candidates[i].expert, r->candidates[i].score.total};
    rs_team_problem *p = bench_alloc(rs_team_problem_new(t, tc, na, &c->portfolio));

    size_t team[N_PICKS][RS_TEAM_MAX];
    int formed[N_PICKS], broken[N_PICKS] = {0};
    double score[N_PICKS] = {0};
    formed[PICK_EXACT] = r->n_teams > 0;
    if (formed[PICK_EXACT]) memcpy(team[PICK_EXACT], r->teams[0].team.members, k * sizeof(size_t));
    formed[PICK_GREEDY] = pick_greedy(t, p, r->candidates, na, team[PICK_GREEDY]);
    formed[PICK_NAIVE] = na >= k;
    for (size_t i = 0; i < k && formed[PICK_NAIVE]; i++) team[PICK_NAIVE][i] = i;

    out->tors++;
    int all = 1;
    for (int m = 0; m < N_PICKS; m++) {
        pick_stats *s = &out->s[m];
        all &= formed[m];
        if (!formed[m]) {
            s->missed += formed[PICK_EXACT];
            continue;
        }
        rs_team ev;
        if (rs_team_evaluate(p, team[m], k, &ev) < 0) fatal("out of memory");
        score[m] = ev.score;
        broken[m] = breaks_rules(c, t, r->candidates, team[m], s);
        s->formed++;
        s->broken += broken[m];
        if (formed[PICK_EXACT] && !broken[m]) {
            s->kept_sum += score[m];
            s->below += score[m] < score[PICK_EXACT] - 1e-9;
        }
    }
    if (formed[PICK_EXACT] && (broken[PICK_EXACT] ||
                               fabs(score[PICK_EXACT] - r->teams[0].team.score) > 1e-9)) {
        fprintf(stderr, "roster-bench: %s: the exact team %s\n", t->action,
                broken[PICK_EXACT] ? "breaks a hard rule"
                                   : "scores differently under rs_team_evaluate");
        out->problems++;
    }
    if (all) {
        out->common++;
        for (int m = 0; m < N_PICKS; m++) out->s[m].common_sum += score[m];
    }
    rs_team_problem_free(p);
    free(tc);
}

/* ---- measuring one roster ---- */

typedef struct {
    double seconds, stage[N_STAGES]; /* summed over the measured rounds */
    size_t retrieved, admitted, pool, nodes, teams;
    int again;
} tor_result;

typedef struct {
    int64_t experts;
    int rounds;
    double portfolio_seconds;
    bench_samples total, stage[N_STAGES], cli;
    tor_result *tors;
    size_t again;
    picks picks;
} size_result;

static void keep_tor(tor_result *tr, const match_run *m)
{
    tr->retrieved = m->retrieved;
    tr->admitted = m->res.n_admitted;
    tr->pool = m->res.pool_size;
    tr->nodes = m->res.search_nodes;
    tr->teams = m->res.n_teams;
    tr->again = m->again;
}

static void measure_warm(const char *data_dir, const tor_set *s, size_result *out)
{
    roster_ctx c;
    roster_ctx_open(&c, data_dir);
    out->experts = c.experts;
    out->portfolio_seconds = c.portfolio_seconds;
    out->tors = bench_alloc(calloc(s->n, sizeof *out->tors));
    double stage[N_STAGES];
    match_run m;
    double start = bench_now();
    for (size_t i = 0; i < s->n; i++) {
        match_tor(&c, &s->v[i], &m, stage, &out->picks);
        keep_tor(&out->tors[i], &m);
        out->again += m.again;
        match_run_free(&m);
    }
    double first = bench_now() - start;
    out->rounds = first * ROUNDS_MAX <= ROUNDS_BUDGET ? ROUNDS_MAX
                  : first >= ROUNDS_BUDGET      ? 1
                                                : (int)(ROUNDS_BUDGET / first);
    for (int r = 0; r < out->rounds; r++)
        for (size_t i = 0; i < s->n; i++) {
            double t0 = bench_now();
            match_tor(&c, &s->v[i], &m, stage, NULL);
            match_run_free(&m);
            double t = bench_now() - t0;
            bench_samples_add(&out->total, t);
            out->tors[i].seconds += t;
            for (int k = 0; k < N_STAGES; k++) {
                bench_samples_add(&out->stage[k], stage[k]);
                out->tors[i].stage[k] += stage[k];
            }
        }
    roster_ctx_close(&c);
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
    for (int k = 0; k < N_STAGES; k++) bench_samples_free(&r->stage[k]);
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
    printf("\nmatch latency per ToR, warm in one process (as roster match: read, retrieve,"
           " rs_match, JSON), ms;\n%zu ToRs (%zu samples + %zu variants), each measured once"
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

static void print_stages(const tor_set *s, size_result *r)
{
    char a[32];
    printf("\nwhere the time goes at %s experts, ms per ToR (mean / p99 / max):\n",
           bench_grouped((double)r->experts, a));
    for (int k = 0; k < N_STAGES; k++)
        printf("  %-42s %7.2f / %6.2f / %6.2f%s\n", stage_names[k], mean(&r->stage[k]) * 1e3,
               bench_percentile(&r->stage[k], 99) * 1e3,
               bench_percentile(&r->stage[k], 100) * 1e3,
               k == ST_AGAIN ? "  (paid by ToRs without a team)" : "");
    printf("  no team: %zu of %zu ToRs; portfolio from the store, once: %.1f ms\n", r->again,
           s->n, r->portfolio_seconds * 1e3);
    slow *order = bench_alloc(malloc(s->n * sizeof *order));
    for (size_t i = 0; i < s->n; i++) order[i] = (slow){r->tors[i].seconds, i};
    qsort(order, s->n, sizeof *order, slower_first);
    printf("  slowest ToRs (mean ms: total = read + retrieval + rs_match + again + JSON;"
           " candidates, pool, search nodes):\n");
    double ms = 1e3 / r->rounds; /* a ToR's sums to its mean, in ms */
    for (size_t j = 0; j < s->n && j < SLOWEST; j++) {
        const tor_result *t = &r->tors[order[j].index];
        printf("    %-34s %6.1f = %.1f + %.1f + %.1f + %.1f + %.1f; %zu, %zu, %zu\n",
               s->v[order[j].index].name, t->seconds * ms, t->stage[ST_READ] * ms,
               t->stage[ST_RETRIEVE] * ms, t->stage[ST_MATCH] * ms, t->stage[ST_AGAIN] * ms,
               t->stage[ST_ANSWER] * ms, t->retrieved, t->pool, t->nodes);
    }
    free(order);
}

static double share(size_t n, size_t of) { return of ? 100.0 * (double)n / (double)of : 0; }

static void print_fails(const pick_stats *s)
{
    for (size_t i = 0; i < s->n_fails; i++)
        printf("%s %s %zu", i ? "," : "", s->fails[i].rule, s->fails[i].n);
}

static void print_picks(const picks *p, int64_t experts)
{
    char a[32];
    const pick_stats *s = p->s;
    printf("\nteam picks on the same %zu ToRs, %s experts (scores by rs_team_evaluate,"
           " rules by rs_check_team)\n", p->tors, bench_grouped((double)experts, a));
    printf("  %-50s %14s %14s %14s\n", "", pick_names[0], pick_names[1], pick_names[2]);
    printf("  %-50s", "ToRs with a team of team_size");
    for (int m = 0; m < N_PICKS; m++) printf(" %14zu", s[m].formed);
    printf("\n  %-50s", "team breaks a hard rule, % of ToRs");
    for (int m = 0; m < N_PICKS; m++) printf(" %13.1f%%", share(s[m].broken, p->tors));
    printf("\n  %-50s %14s", "no team where the exact search found one, %", "-");
    for (int m = 1; m < N_PICKS; m++) printf(" %13.1f%%", share(s[m].missed, p->tors));
    printf("\n  %-50s", "meets the rules, scores below the exact team, %");
    for (int m = 0; m < N_PICKS; m++) printf(" %13.1f%%", share(s[m].below, p->tors));
    printf("\n  %-50s", "mean team score, ToRs where all three have a team");
    for (int m = 0; m < N_PICKS; m++)
        printf(" %14.3f", p->common ? s[m].common_sum / (double)p->common : 0);
    printf("\n  %-50s", "score of rule-abiding teams / exact search's");
    for (int m = 0; m < N_PICKS; m++)
        printf(" %14.3f", s[0].kept_sum > 0 ? s[m].kept_sum / s[0].kept_sum : 0);
    printf("\n  (%zu ToRs where all three have a team; the naive top-k scores include teams"
           " that break rules)\n", p->common);
    for (int m = 0; m < N_PICKS; m++)
        if (s[m].n_fails) {
            printf("  %s breaks:", pick_names[m]);
            print_fails(&s[m]);
            printf("\n");
        }
}

static void print_verbose(const tor_set *s, const size_result *r)
{
    char a[32];
    printf("\nper ToR at %s experts: mean ms, candidates retrieved, admitted, pool, search nodes,"
           " teams\n", bench_grouped((double)r->experts, a));
    for (size_t i = 0; i < s->n; i++) {
        const tor_result *t = &r->tors[i];
        printf("  %-34s %7.2f %4zu %4zu %4zu %8zu %zu%s\n", s->v[i].name,
               t->seconds / r->rounds * 1e3, t->retrieved, t->admitted, t->pool, t->nodes, t->teams,
               t->again ? "  (no team: matched again without filters)" : "");
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
    print_stages(&s, &r[1]);
    for (int z = 0; z < 2; z++) print_picks(&r[z].picks, r[z].experts);
    if (c->verbose)
        for (int z = 0; z < 2; z++) print_verbose(&s, &r[z]);

    int problems = r[0].picks.problems + r[1].picks.problems;
    for (int z = 0; z < 2; z++) size_result_free(&r[z]);
    free(small_dir);
    tor_set_free(&s);
    return problems;
}
