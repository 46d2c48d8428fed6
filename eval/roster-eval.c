/*
 * roster-eval: measured matching quality (`make eval`, eval/run.sh).
 *
 *   roster-eval tors --samples FILE --count N [--seed S] [--real FILE] --out TORS
 *                    --topics TOPICS
 *       The evaluation's ToRs: the sample ToRs of FILE (JSON Lines), N
 *       generated ones (torgen.h) and, with --real, the facility's real
 *       requests (eval/real/README.md) as text-only ToRs, with their topics
 *       for the judge.
 *   roster-eval score --experts FILE --truth FILE --tors TORS --topics TOPICS
 *                     --answers FILE [--seed S] [--per-tor FILE]
 *       Judge every (ToR, expert) from the truth (judge.h), and print for
 *       the answers of `roster match --batch --json --shortlist 50` and for
 *       the baselines (baseline.h): nDCG@10, P@10, recall@50, and for the
 *       top team whether it meets every hard rule (rules.h) and its
 *       relevance over the best the rules allow; on the tuning and the
 *       held-out ToRs apart (torgen.h), and the real requests apart again;
 *       for the ToRs without codes, how often the fields the engine
 *       inferred name a true field's letter.
 *
 * Exit 0, 2 on bad arguments or input, 1 when out of memory or a file
 * cannot be read or written.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/diag.h"
#include "core/record.h"
#include "eval/baseline.h"
#include "eval/drafts.h"
#include "eval/judge.h"
#include "eval/metrics.h"
#include "eval/rules.h"
#include "eval/torgen.h"
#include "matcher/tor.h"

#define RANKED 50              /* shortlist length asked of every system */
#define TOP 10                 /* nDCG@10, P@10 */
#define RELEVANT_GRADE 2       /* P@10 and recall count grades 2 and 3 */
#define MAX_NODES 20000000UL   /* per ToR, for the best team */
#define INFERRED_SHOWN 3       /* likeliest inferred fields judged: those `roster draft` shows */

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_INPUT = 2 };

/* ---- options ---- */

typedef struct {
    const char *name, *value;
} option;

/* Fill opts from argv ("--name value" or "--name=value"); -1 on a problem. */
static int parse_options(int argc, char **argv, option *opts)
{
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *eq = strchr(a, '=');
        size_t len = eq ? (size_t)(eq - a) : strlen(a);
        option *o = opts;
        while (o->name && !(strncmp(a, "--", 2) == 0 && strlen(o->name) == len - 2 &&
                            strncmp(a + 2, o->name, len - 2) == 0))
            o++;
        if (!o->name) {
            fprintf(stderr, "roster-eval: unknown argument '%s'\n", a);
            return -1;
        }
        if (o->value) {
            fprintf(stderr, "roster-eval: --%s given twice\n", o->name);
            return -1;
        }
        if (!eq && i + 1 == argc) {
            fprintf(stderr, "roster-eval: --%s needs a value\n", o->name);
            return -1;
        }
        o->value = eq ? eq + 1 : argv[++i];
    }
    return 0;
}

static const char *value(const option *opts, const char *name)
{
    for (; opts->name; opts++)
        if (strcmp(opts->name, name) == 0)
            return opts->value;
    return NULL;
}

/* Every named option given? Names the first missing one. */
static int required(const option *opts, const char *const *names)
{
    for (; *names; names++)
        if (!value(opts, *names)) {
            fprintf(stderr, "roster-eval: --%s is required\n", *names);
            return -1;
        }
    return 0;
}

static int parse_number(const char *s, unsigned long long max, unsigned long long *out)
{
    char *end;
    if (!s || !*s || *s == '-')
        return -1;
    unsigned long long v = strtoull(s, &end, 10);
    if (*end || v > max)
        return -1;
    *out = v;
    return 0;
}

/* ---- tors ---- */

/* Call fn on each line of a file; stops at fn's non-zero status. */
static int each_line(const char *path, int (*fn)(const char *path, long no, const char *line,
                                                 size_t len, void *ctx),
                     void *ctx)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "roster-eval: %s: cannot open\n", path);
        return EXIT_FAIL;
    }
    char *line = NULL;
    size_t cap = 0;
    long no = 0;
    ssize_t len;
    int status = EXIT_OK;
    while (status == EXIT_OK && (len = getline(&line, &cap, f)) >= 0) {
        no++;
        if (len > 1) /* blank lines are skipped */
            status = fn(path, no, line, (size_t)len, ctx);
    }
    if (status == EXIT_OK && ferror(f)) {
        fprintf(stderr, "roster-eval: %s: read error\n", path);
        status = EXIT_FAIL;
    }
    free(line);
    fclose(f);
    return status;
}


static int write_json_line(FILE *f, json_t *o)
{
    char *s = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    int rc = s && fputs(s, f) != EOF && putc('\n', f) != EOF ? 0 : -1;
    free(s);
    return rc;
}

/* Copy the sample ToRs, each with its own codes as its topic. */
static int copy_samples(const char *path, FILE *tors, FILE *topics)
{
    FILE *in = fopen(path, "rb");
    if (!in) {
        fprintf(stderr, "roster-eval: %s: cannot open\n", path);
        return EXIT_FAIL;
    }
    char *line = NULL;
    size_t cap = 0;
    long no = 0;
    int status = EXIT_OK;
    ssize_t len;
    while (status == EXIT_OK && (len = getline(&line, &cap, in)) >= 0) {
        no++;
        json_error_t jerr;
        json_t *t = json_loadb(line, (size_t)len, 0, &jerr);
        if (!json_is_object(t) || !json_is_string(json_object_get(t, "action"))) {
            fprintf(stderr, "roster-eval: %s:%ld: not a ToR object\n", path, no);
            status = EXIT_INPUT;
        } else {
            json_t *langs = json_object_get(t, "languages");
            const char *lang = json_string_value(json_object_get(json_array_get(langs, 0), "code"));
            json_t *topic = json_pack("{s:O, s:O?, s:O?, s:s, s:s}", "action",
                                      json_object_get(t, "action"), "fields",
                                      json_object_get(t, "fields"), "competences",
                                      json_object_get(t, "competences"), "kind", "sample",
                                      "lang", lang ? lang : "en");
            if (write_json_line(tors, t) || write_json_line(topics, topic))
                status = EXIT_FAIL;
            json_decref(topic);
        }
        json_decref(t);
    }
    free(line);
    fclose(in);
    return status;
}

/* One real request as a text-only ToR (action "R-" and its code; the
 * description is its text after the title) and its topic, the facility's
 * own field codes. NULL members: not a request line. */
static int real_tor(json_t *req, json_t **tor, json_t **topic)
{
    const char *action = json_string_value(json_object_get(req, "action"));
    const char *title = json_string_value(json_object_get(req, "title"));
    const char *text = json_string_value(json_object_get(req, "text"));
    json_t *fields = json_object_get(req, "fields");
    *tor = *topic = NULL;
    if (!action || !title || !text || !json_is_array(fields))
        return -1;
    size_t skip = strncmp(text, title, strlen(title)) == 0 ? strlen(title) : 0;
    while (text[skip] == '.' || text[skip] == ' ')
        skip++;
    char code[64];
    snprintf(code, sizeof code, "R-%s", action);
    *tor = json_pack("{s:s, s:s, s:O, s:O, s:s}", "action", code, "title", title, "country",
                     json_object_get(req, "country"), "partner_institution",
                     json_object_get(req, "institution"), "description", text + skip);
    *topic = json_pack("{s:s, s:O, s:[], s:s, s:s}", "action", code, "fields", fields,
                       "competences", "kind", "real", "lang", "en");
    return *tor && *topic ? 0 : -1;
}

static int real_line(const char *path, long no, const char *line, size_t len, void *ctx)
{
    FILE **out = ctx;
    json_t *req = json_loadb(line, len, 0, NULL), *tor, *topic;
    int status = EXIT_OK;
    if (real_tor(req, &tor, &topic)) {
        fprintf(stderr, "roster-eval: %s:%ld: not a request (action, title, text, fields)\n",
                path, no);
        status = EXIT_INPUT;
    } else if (write_json_line(out[0], tor) || write_json_line(out[1], topic)) {
        status = EXIT_FAIL;
    }
    json_decref(req);
    json_decref(tor);
    json_decref(topic);
    return status;
}

static int cmd_tors(int argc, char **argv)
{
    option opts[] = {{"samples", NULL}, {"count", NULL}, {"seed", NULL}, {"out", NULL},
                     {"topics", NULL}, {"real", NULL}, {NULL, NULL}};
    unsigned long long count, seed = 1;
    if (parse_options(argc, argv, opts) ||
        required(opts, (const char *[]){"samples", "count", "out", "topics", NULL}))
        return EXIT_INPUT;
    if (parse_number(value(opts, "count"), 100000, &count) ||
        (value(opts, "seed") && parse_number(value(opts, "seed"), UINT64_MAX, &seed))) {
        fprintf(stderr, "roster-eval: --count wants 0..100000, --seed an unsigned integer\n");
        return EXIT_INPUT;
    }
    FILE *tors = fopen(value(opts, "out"), "w"), *topics = fopen(value(opts, "topics"), "w");
    int status = tors && topics ? copy_samples(value(opts, "samples"), tors, topics) : EXIT_FAIL;
    for (unsigned long k = 1; status == EXIT_OK && k <= count; k++) {
        json_t *t, *topic;
        if (rs_torgen(seed, k, &t, &topic) || write_json_line(tors, t) ||
            write_json_line(topics, topic))
            status = EXIT_FAIL;
        json_decref(t);
        json_decref(topic);
    }
    if (status == EXIT_OK && value(opts, "real"))
        status = each_line(value(opts, "real"), real_line, (FILE *[]){tors, topics});
    if ((tors && fclose(tors) == EOF) || (topics && fclose(topics) == EOF) || !tors || !topics)
        status = EXIT_FAIL;
    if (status == EXIT_FAIL)
        fprintf(stderr, "roster-eval: cannot write the ToRs\n");
    return status;
}

/* ---- score: the inputs ---- */

typedef struct {
    const char *id;
    size_t index;
} id_entry;

typedef struct {
    rs_expert *experts;
    const rs_expert **ptrs;
    rs_truth *truth;
    size_t n, cap;
    id_entry *ids;                    /* sorted by id */
} roster;

static int by_id(const void *a, const void *b)
{
    return strcmp(((const id_entry *)a)->id, ((const id_entry *)b)->id);
}

/* Index of the expert with this id, or n. */
static size_t find_expert(const roster *r, const char *id)
{
    id_entry key = {id, 0};
    const id_entry *e = id ? bsearch(&key, r->ids, r->n, sizeof key, by_id) : NULL;
    return e ? e->index : r->n;
}

static int read_experts(const char *path, roster *r)
{
    FILE *f = fopen(path, "rb");
    rs_reader *rd = f ? rs_reader_new(f, path, RS_FORMAT_JSONL) : NULL;
    if (!rd) {
        fprintf(stderr, "roster-eval: %s: cannot open\n", path);
        if (f)
            fclose(f);
        return EXIT_FAIL;
    }
    int status = EXIT_OK, rc;
    rs_diag d;
    rs_diag_init(&d);
    rs_expert e;
    while (status == EXIT_OK && (rc = rs_reader_next(rd, &e, &d)) != 0) {
        if (rc < 0) {
            status = EXIT_INPUT;
            break;
        }
        if (r->n == r->cap) {
            size_t cap = r->cap ? 2 * r->cap : 1024;
            rs_expert *p = realloc(r->experts, cap * sizeof *p);
            if (!p) {
                rs_expert_free(&e);
                status = EXIT_FAIL;
                break;
            }
            r->experts = p, r->cap = cap;
        }
        r->experts[r->n++] = e;
    }
    if (d.n_errors || rs_reader_failed(rd))
        status = EXIT_INPUT;
    rs_diag_print(&d, stderr);
    rs_diag_free(&d);
    rs_reader_free(rd);
    fclose(f);
    r->ptrs = malloc((r->n + 1) * sizeof *r->ptrs);
    r->ids = malloc((r->n + 1) * sizeof *r->ids);
    r->truth = calloc(r->n + 1, sizeof *r->truth);
    if (!r->ptrs || !r->ids || !r->truth)
        return EXIT_FAIL;
    for (size_t i = 0; i < r->n; i++) {
        r->ptrs[i] = &r->experts[i];
        r->ids[i] = (id_entry){r->experts[i].id, i};
    }
    qsort(r->ids, r->n, sizeof *r->ids, by_id);
    for (size_t i = 1; i < r->n && status == EXIT_OK; i++)
        if (strcmp(r->ids[i].id, r->ids[i - 1].id) == 0) {
            fprintf(stderr, "roster-eval: %s: id %s twice\n", path, r->ids[i].id);
            status = EXIT_INPUT;
        }
    return status;
}

static int truth_line(const char *path, long no, const char *line, size_t len, void *ctx)
{
    roster *r = ctx;
    rs_truth t;
    rs_diag d;
    rs_diag_init(&d);
    int status = EXIT_OK;
    if (rs_truth_from_json_text(line, len, path, no, &t, &d) != 0) {
        rs_diag_print(&d, stderr);
        status = EXIT_INPUT;
    } else {
        size_t i = find_expert(r, t.id);
        if (i == r->n) {
            fprintf(stderr, "roster-eval: %s:%ld: id: no expert %s in the roster\n", path, no,
                    t.id);
            status = EXIT_INPUT;
        } else {
            r->truth[i] = t;
        }
    }
    rs_diag_free(&d);
    return status;
}

static int read_truth(const char *path, roster *r)
{
    int status = each_line(path, truth_line, r);
    for (size_t i = 0; i < r->n && status == EXIT_OK; i++)
        if (!r->truth[i].id[0]) {
            fprintf(stderr, "roster-eval: %s: no truth for expert %s\n", path,
                    r->experts[i].id);
            status = EXIT_INPUT;
        }
    return status;
}

/* One ToR with what the evaluation knows of it. */
typedef struct {
    rs_tor tor;
    rs_topic topic;
    char kind[16], lang[3];
    int has_topic, held_out;
    json_t *answer;                   /* NULL: roster match gave none */
} case_t;

typedef struct {
    case_t *c;
    size_t n;
} cases;

static case_t *find_case(cases *cs, const char *action)
{
    for (size_t i = 0; action && i < cs->n; i++)
        if (strcmp(cs->c[i].tor.action, action) == 0)
            return &cs->c[i];
    return NULL;
}

static int read_tors(const char *path, cases *cs)
{
    FILE *f = fopen(path, "rb");
    rs_tor_reader *rd = f ? rs_tor_reader_new(f, path) : NULL;
    if (!rd) {
        fprintf(stderr, "roster-eval: %s: cannot open\n", path);
        if (f)
            fclose(f);
        return EXIT_FAIL;
    }
    int status = EXIT_OK, rc = 1;
    size_t cap = 0;
    while (status == EXIT_OK && rc != 0) {
        rs_diag d;
        rs_diag_init(&d);
        rs_tor t;
        rc = rs_tor_reader_next(rd, &t, &d);
        if (rc < 0 || d.n_errors) {
            rs_diag_print(&d, stderr);
            status = EXIT_INPUT;
        } else if (rc > 0) {
            if (cs->n == cap) {
                cap = cap ? 2 * cap : 64;
                case_t *p = realloc(cs->c, cap * sizeof *p);
                if (!p) {
                    rs_tor_free(&t);
                    status = EXIT_FAIL;
                    rs_diag_free(&d);
                    break;
                }
                cs->c = p;
            }
            case_t *c = &cs->c[cs->n++];
            memset(c, 0, sizeof *c);
            c->tor = t;
            c->held_out = rs_eval_held_out(t.action);
        }
        rs_diag_free(&d);
    }
    rs_tor_reader_free(rd);
    fclose(f);
    return status;
}

static int copy_topic_codes(json_t *a, char (*to)[16], size_t *n)
{
    json_t *v;
    size_t i;
    *n = 0;
    if (a && !json_is_null(a) && !json_is_array(a))
        return -1; /* absent or null: no codes */
    json_array_foreach(a, i, v) {
        const char *s = json_string_value(v);
        if (!s || strlen(s) >= 16 || *n == RS_TOPIC_CODES_MAX)
            return -1;
        snprintf(to[(*n)++], 16, "%s", s);
    }
    return 0;
}

static int topic_line(const char *path, long no, const char *line, size_t len, void *ctx)
{
    json_t *o = json_loadb(line, len, 0, NULL);
    case_t *c = find_case(ctx, json_string_value(json_object_get(o, "action")));
    const char *kind = json_string_value(json_object_get(o, "kind"));
    const char *lang = json_string_value(json_object_get(o, "lang"));
    int status = EXIT_OK;
    if (!c || !kind || !lang ||
        copy_topic_codes(json_object_get(o, "fields"), c->topic.fields, &c->topic.n_fields) ||
        copy_topic_codes(json_object_get(o, "competences"), c->topic.competences,
                         &c->topic.n_competences)) {
        fprintf(stderr, "roster-eval: %s:%ld: not the topic of a ToR read\n", path, no);
        status = EXIT_INPUT;
    } else {
        snprintf(c->kind, sizeof c->kind, "%s", kind);
        snprintf(c->lang, sizeof c->lang, "%s", lang);
        c->has_topic = 1;
    }
    json_decref(o);
    return status;
}

static int answer_line(const char *path, long no, const char *line, size_t len, void *ctx)
{
    json_t *o = json_loadb(line, len, 0, NULL);
    case_t *c = find_case(ctx, json_string_value(json_object_get(o, "action")));
    if (!c) {
        /* A ToR roster match could not read answers with its problems. */
        fprintf(stderr, "roster-eval: %s:%ld: an answer for no ToR read\n", path, no);
        json_decref(o);
        return EXIT_INPUT;
    }
    json_decref(c->answer);
    c->answer = o;
    return EXIT_OK;
}

/* ---- score: one ToR ---- */

enum { SYS_MATCH, SYS_FTS, SYS_CODES, SYS_RANDOM, SYS_ORACLE, N_SYS };
static const char *const sys_names[N_SYS] = {"roster match", "FTS5 BM25", "codes only", "random",
                                             "oracle (truth)"};

typedef struct {
    rs_mean ndcg, precision, recall, ratio;
    size_t tors, teams_ok, feasible, infeasible_ok;
} sys_stats;

enum { KIND_SAMPLE, KIND_CODED, KIND_TEXT, KIND_REAL, N_KINDS };
enum { N_LANGS = 4 };
/* The real requests are scored apart from the two splits: never tuned on. */
enum { SPLIT_TUNE, SPLIT_HELD_OUT, SPLIT_REAL, N_SPLITS };
static const char *const kind_names[N_KINDS] = {"sample", "coded", "text-only", "real"};
static const char *const split_names[N_SPLITS] = {"tune", "held-out", "real"};
static const char *const lang_names[N_LANGS] = {"en", "fr", "es", "pt"};

typedef struct {
    sys_stats split[N_SPLITS][N_SYS];
    rs_mean by_kind[N_KINDS][N_SYS], by_lang[N_LANGS][N_SYS]; /* by_lang: not the real ones */
    /* inferred fields of ToRs without codes: a true letter among the
     * likeliest three, in the focus; the focus related to a true field */
    rs_mean letter[N_KINDS], asked_letter[N_KINDS], related[N_KINDS];
    size_t n_kind[N_KINDS], n_lang[N_LANGS];
    size_t cut;                       /* best-team searches stopped by the node limit */
} report;

typedef struct {
    const roster *r;
    rs_fts *fts;
    uint64_t seed;
    int32_t today;
    int *grades;                      /* of every expert for the current ToR */
    unsigned char *ok;                /* not ruled out */
    size_t *ranking;
    int *ranked_grades;
    FILE *per_tor;
} scorer;

/* The shortlist of roster match as expert indexes. */
static size_t match_ranking(const scorer *s, const case_t *c, size_t *out)
{
    json_t *list = json_object_get(c->answer, "shortlist"), *v;
    size_t i, n = 0;
    json_array_foreach(list, i, v) {
        size_t e = find_expert(s->r, json_string_value(json_object_get(v, "id")));
        if (e < s->r->n && n < RANKED)
            out[n++] = e;
    }
    return n;
}

static size_t oracle_ranking(const scorer *s, size_t *out)
{
    size_t n = 0;
    for (int g = RS_GRADE_MAX; g > 0; g--)
        for (size_t i = 0; i < s->r->n && n < RANKED; i++)
            if (s->grades[i] == g)
                out[n++] = i;
    return n;
}

/* Members of team[0..n) holding code. */
static int holders_of(const rs_expert **team, size_t n, const char *code)
{
    int count = 0;
    for (size_t j = 0; j < n; j++)
        for (size_t k = 0; k < team[j]->n_nationalities; k++)
            if (strcmp(team[j]->nationalities[k], code) == 0) {
                count++;
                break;
            }
    return count;
}

/* Would e take one of its nationalities over max_same_nationality? Every
 * holder counts, dual nationals too. */
static int over_max_same(const rs_tor *t, const rs_expert **team, size_t n, const rs_expert *e)
{
    for (size_t k = 0; k < e->n_nationalities; k++)
        if (holders_of(team, n, e->nationalities[k]) + 1 > t->rules.max_same_nationality)
            return 1;
    return 0;
}

/* Seat the required ids, then walk the ranking: a candidate is taken when
 * no nationality it holds goes over max_same_nationality and,
 * for the last seat, when every asked language is then met. */
static size_t greedy_team(const scorer *s, const rs_tor *t, const size_t *ranking, size_t n,
                          const rs_expert **team)
{
    size_t seated = 0, seats = (size_t)t->team_size;
    for (size_t i = 0; i < t->rules.n_require && seated < seats; i++) {
        size_t e = find_expert(s->r, t->rules.require[i]);
        if (e < s->r->n)
            team[seated++] = s->r->ptrs[e];
    }
    for (size_t i = 0; i < n && seated < seats; i++) {
        const rs_expert *e = s->r->ptrs[ranking[i]];
        int dup = 0;
        for (size_t j = 0; j < seated; j++)
            dup |= team[j] == e;
        if (dup || over_max_same(t, team, seated, e))
            continue;
        team[seated] = e;
        if (seated + 1 == seats) {
            rs_tor relaxed = *t; /* only languages_covered may fail here */
            relaxed.rules.min_nationalities = 1;
            relaxed.rules.max_same_nationality = RS_TEAM_MAX;
            const char *broken = rs_eval_team_broken(&relaxed, team, seats, s->today);
            if (broken && strcmp(broken, "languages_covered") == 0)
                continue;
        }
        seated++;
    }
    return seated;
}

static int team_grade(const scorer *s, const rs_expert *const *team, size_t n)
{
    int sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += s->grades[(size_t)(team[i] - s->r->experts)];
    return sum;
}

/* The top team of roster match, as experts; its size (0: no team). */
static size_t match_team(const scorer *s, const case_t *c, const rs_expert **team)
{
    json_t *members = json_object_get(json_array_get(json_object_get(c->answer, "teams"), 0),
                                      "members"), *v;
    size_t i, n = 0;
    json_array_foreach(members, i, v) {
        size_t e = find_expert(s->r, json_string_value(v));
        if (e < s->r->n && n < RS_TEAM_MAX)
            team[n++] = s->r->ptrs[e];
    }
    return n;
}

static void score_teams(scorer *s, const case_t *c, sys_stats *st, const size_t *ranking,
                        size_t n, int sys, const rs_best_team *best, int *ok_out)
{
    const rs_expert *team[RS_TEAM_MAX];
    size_t size = sys == SYS_MATCH ? match_team(s, c, team)
                                   : greedy_team(s, &c->tor, ranking, n, team);
    int ok = size && rs_eval_team_broken(&c->tor, team, size, s->today) == NULL;
    *ok_out = ok;
    if (best->best < 0) {
        st->infeasible_ok += !size; /* rightly no team */
        return;
    }
    st->feasible++;
    st->teams_ok += ok;
    rs_mean_add(&st->ratio, !ok ? 0 : best->best == 0 ? 1.0
                                   : (double)team_grade(s, team, size) / best->best);
}

static int kind_index(const char *kind)
{
    for (int k = 0; k < N_KINDS; k++)
        if (strcmp(kind, kind_names[k]) == 0)
            return k;
    return KIND_CODED;
}

static int lang_index(const char *lang)
{
    for (int l = 0; l < N_LANGS; l++)
        if (strcmp(lang, lang_names[l]) == 0)
            return l;
    return 0;
}

/* The codes of an answer's list of inferred fields: strings, or objects
 * with a "code". */
static size_t inferred_codes(json_t *list, const char **codes, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < json_array_size(list) && n < max; i++) {
        json_t *v = json_array_get(list, i);
        const char *code = json_string_value(json_is_object(v) ? json_object_get(v, "code") : v);
        if (code)
            codes[n++] = code;
    }
    return n;
}

/* The fields roster match inferred for c (its answer's "inferred") judged
 * against the topic's fields: the likeliest three (what `roster draft`
 * shows), and the focus, the first field the match asked for. */
static void score_inferred(const case_t *c, int kind, report *rep)
{
    json_t *inf = json_object_get(c->answer, "inferred");
    const char *likely[INFERRED_SHOWN], *asked[1], *truth[RS_TOPIC_CODES_MAX];
    size_t n_likely = inferred_codes(json_object_get(inf, "likely_fields"), likely,
                                     INFERRED_SHOWN);
    size_t n_asked = inferred_codes(json_object_get(inf, "fields"), asked, 1);
    for (size_t i = 0; i < c->topic.n_fields; i++)
        truth[i] = c->topic.fields[i];
    rs_mean_add(&rep->letter[kind],
                rs_letter_hit(likely, n_likely, truth, c->topic.n_fields, INFERRED_SHOWN));
    rs_mean_add(&rep->asked_letter[kind],
                rs_letter_hit(asked, n_asked, truth, c->topic.n_fields, 1));
    rs_mean_add(&rep->related[kind], rs_related_hit(asked, n_asked, truth, c->topic.n_fields, 1));
}

static int score_case(scorer *s, case_t *c, report *rep)
{
    const roster *r = s->r;
    for (size_t i = 0; i < r->n; i++) {
        s->ok[i] = rs_eval_ruled_out(&c->tor, r->ptrs[i], s->today) == NULL;
        s->grades[i] = rs_judge_grade(&c->tor, &c->topic, &r->truth[i], r->ptrs[i], s->today);
    }
    rs_best_team best;
    if (rs_eval_best_team(&c->tor, r->ptrs, s->grades, r->n, s->today, MAX_NODES, &best))
        return EXIT_FAIL;
    rep->cut += best.cut;
    int kind = kind_index(c->kind), lang = lang_index(c->lang);
    int split = kind == KIND_REAL ? SPLIT_REAL : c->held_out ? SPLIT_HELD_OUT : SPLIT_TUNE;
    rep->n_kind[kind]++;
    rep->n_lang[lang] += kind != KIND_REAL;
    if (kind == KIND_TEXT || kind == KIND_REAL)
        score_inferred(c, kind, rep);
    if (s->per_tor)
        fprintf(s->per_tor, "%s\t%s\t%s\t%s", c->tor.action, split_names[split],
                c->kind, c->lang);
    for (int sys = 0; sys < N_SYS; sys++) {
        char err[256] = "out of memory";
        long n = 0;
        switch (sys) {
        case SYS_MATCH:
            n = (long)match_ranking(s, c, s->ranking);
            break;
        case SYS_FTS:
            n = rs_fts_rank(s->fts, &c->tor, s->ok, s->ranking, RANKED, err, sizeof err);
            break;
        case SYS_CODES:
            n = rs_codes_rank(&c->tor, r->ptrs, r->n, s->ok, s->seed, s->ranking, RANKED);
            break;
        case SYS_RANDOM:
            n = rs_random_rank(&c->tor, r->n, s->ok, s->seed, s->ranking, RANKED);
            break;
        default:
            n = (long)oracle_ranking(s, s->ranking);
        }
        if (n < 0) {
            fprintf(stderr, "roster-eval: %s: %s\n", c->tor.action, err);
            return EXIT_FAIL;
        }
        for (long i = 0; i < n; i++)
            s->ranked_grades[i] = s->grades[s->ranking[i]];
        sys_stats *st = &rep->split[split][sys];
        double ndcg = rs_ndcg_at(s->ranked_grades, (size_t)n, s->grades, r->n, TOP);
        st->tors++;
        rs_mean_add(&st->ndcg, ndcg);
        rs_mean_add(&st->precision, rs_precision_at(s->ranked_grades, (size_t)n, s->grades, r->n,
                                                    TOP, RELEVANT_GRADE));
        rs_mean_add(&st->recall, rs_recall_at(s->ranked_grades, (size_t)n, s->grades, r->n,
                                              RANKED, RELEVANT_GRADE));
        rs_mean_add(&rep->by_kind[kind][sys], ndcg);
        if (kind != KIND_REAL)
            rs_mean_add(&rep->by_lang[lang][sys], ndcg);
        int team_ok = 0;
        if (sys != SYS_ORACLE)
            score_teams(s, c, st, s->ranking, (size_t)n, sys, &best, &team_ok);
        if (s->per_tor)
            fprintf(s->per_tor, "\t%.3f%s", ndcg, sys == SYS_ORACLE ? "" : team_ok ? "+" : "-");
    }
    if (s->per_tor)
        fprintf(s->per_tor, "\tbest %d%s\n", best.best, best.cut ? " (cut)" : "");
    return EXIT_OK;
}

/* ---- score: the report ---- */

static void print_value(double v, const char *fmt)
{
    if (v < 0)
        printf("%9s", "-");
    else
        printf(fmt, v);
}

static void print_split(const report *rep, int split)
{
    static const char *const titles[N_SPLITS] = {
        "tuning", "held-out (never used for tuning)",
        "real requests (the facility's own texts, text only, never used for tuning)"};
    const sys_stats *st = rep->split[split];
    if (!st[0].tors)
        return;
    printf("\n%s: %zu ToRs\n", titles[split], st[0].tors);
    printf("  %-16s %9s %9s %9s %11s %9s\n", "system", "nDCG@10", "P@10", "recall@50",
           "team rules", "team/best");
    for (int sys = 0; sys < N_SYS; sys++) {
        printf("  %-16s", sys_names[sys]);
        print_value(rs_mean_value(&st[sys].ndcg), "%9.3f");
        print_value(rs_mean_value(&st[sys].precision), "%10.3f");
        print_value(rs_mean_value(&st[sys].recall), "%10.3f");
        if (sys == SYS_ORACLE) {
            printf("%12s %9s\n", "-", "-");
            continue;
        }
        char ok[32];
        snprintf(ok, sizeof ok, "%zu/%zu", st[sys].teams_ok, st[sys].feasible);
        printf("%12s", ok);
        print_value(rs_mean_value(&st[sys].ratio), "%10.3f");
        printf("\n");
    }
}

static void print_breakdown(const char *title, const char *const *names, const rs_mean (*m)[N_SYS],
                            const size_t *count, int rows)
{
    printf("\nnDCG@10 by %s, both splits:\n  %-10s %5s", title, title, "ToRs");
    for (int sys = 0; sys < SYS_ORACLE; sys++)
        printf(" %13s", sys_names[sys]);
    printf("\n");
    for (int k = 0; k < rows; k++) {
        printf("  %-10s %5zu", names[k], count[k]);
        for (int sys = 0; sys < SYS_ORACLE; sys++) {
            double v = rs_mean_value(&m[k][sys]);
            if (v < 0)
                printf(" %13s", "-");
            else
                printf(" %13.3f", v);
        }
        printf("\n");
    }
}

/* For the ToRs without codes: the top fields inferred against the true ones. */
static void print_inferred(const report *rep)
{
    printf("\nfields inferred for ToRs without codes: a true field's letter among the "
           "likeliest %d,\nin the focus (the field asked); the focus a true field, its ancestor "
           "or descendant:\n  %-10s %5s %13s %13s %13s\n",
           INFERRED_SHOWN, "kind", "ToRs", "letter top 3", "focus letter", "focus related");
    for (int k = KIND_TEXT; k <= KIND_REAL; k++) {
        if (!rep->n_kind[k])
            continue;
        printf("  %-10s %5zu", kind_names[k], rep->n_kind[k]);
        print_value(rs_mean_value(&rep->letter[k]), "%14.3f");
        print_value(rs_mean_value(&rep->asked_letter[k]), "%14.3f");
        print_value(rs_mean_value(&rep->related[k]), "%14.3f");
        printf("\n");
    }
}

static void print_report(const report *rep, const roster *r, const cases *cs)
{
    size_t without = 0;
    for (size_t i = 0; i < cs->n; i++)
        without += !cs->c[i].answer;
    printf("Matching quality: %zu experts, %zu ToRs (%zu sample, %zu generated: %zu with codes, "
           "%zu text only; %zu real requests)\n",
           r->n, cs->n, rep->n_kind[KIND_SAMPLE], rep->n_kind[KIND_CODED] + rep->n_kind[KIND_TEXT],
           rep->n_kind[KIND_CODED], rep->n_kind[KIND_TEXT], rep->n_kind[KIND_REAL]);
    printf("grades 0-3 from the hidden truth; P@10 and recall@50 count grades 2-3; team rules:\n"
           "top team meeting every hard rule, of the ToRs where one exists; team/best: its\n"
           "summed grades over the best such team (brute force); baselines' teams are greedy\n");
    if (without)
        printf("roster match gave no answer for %zu ToRs\n", without);
    if (rep->cut)
        printf("best-team search stopped by its node limit for %zu ToRs (lower bound used)\n",
               rep->cut);
    for (int split = 0; split < N_SPLITS; split++)
        print_split(rep, split);
    print_breakdown("kind", kind_names, (const rs_mean(*)[N_SYS])rep->by_kind, rep->n_kind,
                    N_KINDS);
    print_breakdown("language", lang_names, (const rs_mean(*)[N_SYS])rep->by_lang, rep->n_lang,
                    N_LANGS);
    print_inferred(rep);
}

static void free_inputs(roster *r, cases *cs)
{
    for (size_t i = 0; i < r->n; i++)
        rs_expert_free(&r->experts[i]);
    free(r->experts);
    free(r->ptrs);
    free(r->ids);
    free(r->truth);
    for (size_t i = 0; i < cs->n; i++) {
        rs_tor_free(&cs->c[i].tor);
        json_decref(cs->c[i].answer);
    }
    free(cs->c);
}

static int score_all(scorer *s, cases *cs, report *rep)
{
    for (size_t i = 0; i < cs->n; i++) {
        if (!cs->c[i].has_topic) {
            fprintf(stderr, "roster-eval: ToR %s has no topic\n", cs->c[i].tor.action);
            return EXIT_INPUT;
        }
        int status = score_case(s, &cs->c[i], rep);
        if (status != EXIT_OK)
            return status;
    }
    return EXIT_OK;
}

static int cmd_score(int argc, char **argv)
{
    option opts[] = {{"experts", NULL}, {"truth", NULL}, {"tors", NULL}, {"topics", NULL},
                     {"answers", NULL}, {"seed", NULL}, {"per-tor", NULL}, {NULL, NULL}};
    unsigned long long seed = 1;
    if (parse_options(argc, argv, opts) ||
        required(opts, (const char *[]){"experts", "truth", "tors", "topics", "answers", NULL}))
        return EXIT_INPUT;
    if (value(opts, "seed") && parse_number(value(opts, "seed"), UINT64_MAX, &seed)) {
        fprintf(stderr, "roster-eval: --seed wants an unsigned integer\n");
        return EXIT_INPUT;
    }
    roster r;
    cases cs;
    memset(&r, 0, sizeof r);
    memset(&cs, 0, sizeof cs);
    int status = read_experts(value(opts, "experts"), &r);
    if (status == EXIT_OK)
        status = read_truth(value(opts, "truth"), &r);
    if (status == EXIT_OK)
        status = read_tors(value(opts, "tors"), &cs);
    if (status == EXIT_OK)
        status = each_line(value(opts, "topics"), topic_line, &cs);
    if (status == EXIT_OK)
        status = each_line(value(opts, "answers"), answer_line, &cs);

    char err[512] = "";
    scorer s = {.r = &r, .seed = seed, .today = rs_date_today()};
    report *rep = calloc(1, sizeof *rep);
    if (status == EXIT_OK) {
        s.fts = rs_fts_new(r.ptrs, r.n, err, sizeof err);
        s.grades = malloc((r.n + 1) * sizeof *s.grades);
        s.ok = malloc(r.n + 1);
        s.ranking = malloc((r.n + RANKED + 1) * sizeof *s.ranking);
        s.ranked_grades = malloc((r.n + RANKED + 1) * sizeof *s.ranked_grades);
        if (!s.fts || !s.grades || !s.ok || !s.ranking || !s.ranked_grades || !rep) {
            fprintf(stderr, "roster-eval: %s\n", *err ? err : "out of memory");
            status = EXIT_FAIL;
        }
    }
    if (status == EXIT_OK && value(opts, "per-tor") &&
        !(s.per_tor = fopen(value(opts, "per-tor"), "w"))) {
        fprintf(stderr, "roster-eval: %s: cannot create\n", value(opts, "per-tor"));
        status = EXIT_FAIL;
    }
    if (status == EXIT_OK)
        status = score_all(&s, &cs, rep);
    if (status == EXIT_OK)
        print_report(rep, &r, &cs);
    if (s.per_tor && fclose(s.per_tor) == EOF && status == EXIT_OK)
        status = EXIT_FAIL;
    rs_fts_free(s.fts);
    free(s.grades);
    free(s.ok);
    free(s.ranking);
    free(s.ranked_grades);
    free(rep);
    free_inputs(&r, &cs);
    return status;
}

/* roster-eval documents --requests FILE --dir DIR: the real requests as
 * documents and records (eval/drafts.h); prints their number. */
static int cmd_documents(int argc, char **argv)
{
    option opts[] = {{"requests", NULL}, {"dir", NULL}, {NULL, NULL}};
    if (parse_options(argc, argv, opts) != 0 ||
        required(opts, (const char *[]){"requests", "dir", NULL}))
        return EXIT_INPUT;
    long n = rs_eval_draft_documents(value(opts, "requests"), value(opts, "dir"));
    if (n < 0)
        return EXIT_FAIL;
    printf("%ld\n", n);
    return EXIT_OK;
}

/* roster-eval drafts --requests FILE --drafts FILE --label TEXT: the
 * drafts of the real requests graded (eval/drafts.h). */
static int cmd_drafts(int argc, char **argv)
{
    option opts[] = {{"requests", NULL}, {"drafts", NULL}, {"label", NULL}, {NULL, NULL}};
    if (parse_options(argc, argv, opts) != 0 ||
        required(opts, (const char *[]){"requests", "drafts", "label", NULL}))
        return EXIT_INPUT;
    return rs_eval_draft_score(value(opts, "requests"), value(opts, "drafts"),
                               value(opts, "label"), stdout) == 0 ? EXIT_OK : EXIT_FAIL;
}

static void usage(FILE *f)
{
    fputs("usage: roster-eval tors --samples FILE --count N [--seed S] [--real FILE] --out TORS\n"
          "                        --topics TOPICS\n"
          "       roster-eval score --experts FILE --truth FILE --tors TORS --topics TOPICS\n"
          "                         --answers FILE [--seed S] [--per-tor FILE]\n"
          "       roster-eval documents --requests FILE --dir DIR\n"
          "       roster-eval drafts --requests FILE --drafts FILE --label TEXT\n"
          "\n"
          "Measured matching quality; eval/run.sh drives it (make eval).\n",
          f);
}

int main(int argc, char **argv)
{
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        usage(stdout);
        return EXIT_OK;
    }
    if (argc >= 2 && strcmp(argv[1], "tors") == 0)
        return cmd_tors(argc - 2, argv + 2);
    if (argc >= 2 && strcmp(argv[1], "score") == 0)
        return cmd_score(argc - 2, argv + 2);
    if (argc >= 2 && strcmp(argv[1], "documents") == 0)
        return cmd_documents(argc - 2, argv + 2);
    if (argc >= 2 && strcmp(argv[1], "drafts") == 0)
        return cmd_drafts(argc - 2, argv + 2);
    usage(stderr);
    return EXIT_INPUT;
}
