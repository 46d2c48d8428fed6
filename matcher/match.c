/*
 * The match pipeline: judge, score, pool, search, explain. The same steps
 * (without reasons, for one team) answer the infeasibility oracle's
 * what-ifs, so a remedy is proposed only when the real pipeline would then
 * find a team.
 */
#include "matcher/match.h"

#include <stdlib.h>
#include <string.h>

#include "core/date.h"

/* The candidates after dropping repeated ids, with their relevances. */
typedef struct {
    const rs_expert **experts;
    double *text;
    unsigned char *by_rule;  /* fetched for a hard rule: always in the pool */
    size_t n;
    const rs_match_options *o;
    /* Scores of experts[0..n_base) for the ToR being explained, without
     * reasons: a relaxation of it rescores only what it can change. */
    const rs_score *base;
    size_t n_base;
} match_input;

void rs_match_options_default(rs_match_options *o)
{
    o->shortlist = RS_SHORTLIST_DEFAULT;
    o->teams = RS_TEAMS_DEFAULT;
    o->pool = RS_POOL_DEFAULT;
    o->today = rs_date_today();
    o->portfolio = NULL;
    o->more = NULL;
    o->more_ctx = NULL;
}

/* ---- input ---- */

typedef struct {
    const char *id;
    size_t index;
} id_entry;

static int cmp_id_entry(const void *a, const void *b)
{
    const id_entry *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    return c ? c : (x->index < y->index ? -1 : x->index > y->index);
}

/* Keep the first of each id, in the order given; those from position
 * `given` on were fetched for a hard rule. */
static int input_init(match_input *in, const rs_expert *const *experts, const double *text,
                      size_t n, size_t given, const rs_match_options *o)
{
    memset(in, 0, sizeof *in);
    in->o = o;
    in->experts = malloc((n + 1) * sizeof *in->experts);
    in->text = malloc((n + 1) * sizeof *in->text);
    in->by_rule = malloc(n + 1);
    id_entry *ids = malloc((n + 1) * sizeof *ids);
    unsigned char *repeat = calloc(n + 1, 1);
    int rc = -1;
    if (in->experts && in->text && in->by_rule && ids && repeat) {
        for (size_t i = 0; i < n; i++)
            ids[i] = (id_entry){experts[i]->id, i};
        qsort(ids, n, sizeof *ids, cmp_id_entry);
        for (size_t i = 1; i < n; i++)
            if (strcmp(ids[i].id, ids[i - 1].id) == 0)
                repeat[ids[i].index] = 1;
        for (size_t i = 0; i < n; i++)
            if (!repeat[i]) {
                in->experts[in->n] = experts[i];
                in->by_rule[in->n] = i >= given;
                in->text[in->n++] = text ? text[i] : 0.0;
            }
        rc = 0;
    }
    free(ids);
    free(repeat);
    return rc;
}

static void input_release(match_input *in)
{
    free(in->experts);
    free(in->text);
    free(in->by_rule);
}

/* `in` and the experts o->more fetches for t's hard rules, into *wide.
 * 0, or -1 on failure (*wide then empty). */
static int input_widen(const match_input *in, const rs_tor *t, match_input *wide, int *complete)
{
    const rs_expert *const *more;
    const double *more_text;
    size_t m;
    memset(wide, 0, sizeof *wide);
    if (in->o->more(t, in->o->more_ctx, &more, &more_text, &m, complete) < 0)
        return -1;
    const rs_expert **all = malloc((in->n + m + 1) * sizeof *all);
    double *text = malloc((in->n + m + 1) * sizeof *text);
    int rc = -1;
    if (all && text) {
        for (size_t i = 0; i < in->n; i++)
            all[i] = in->experts[i], text[i] = in->text[i];
        for (size_t i = 0; i < m; i++)
            all[in->n + i] = more[i], text[in->n + i] = more_text[i];
        rc = input_init(wide, all, text, in->n + m, in->n, in->o);
        /* An expert given as a candidate keeps its place, but one the
         * rules fetched must still reach the pool. */
        for (size_t i = 0; rc == 0 && i < in->n; i++)
            wide->by_rule[i] = in->by_rule[i];
        wide->base = in->base;
        wide->n_base = in->n_base;
    }
    free(all);
    free(text);
    if (rc < 0)
        input_release(wide);
    return rc;
}

/* ---- judge and score ---- */

static int cmp_candidate(const void *a, const void *b)
{
    const rs_candidate *x = a, *y = b;
    int ax = x->admit == RS_ADMIT_OK, ay = y->admit == RS_ADMIT_OK;
    if (ax != ay)
        return ax ? -1 : 1;
    if (ax && x->score.total != y->score.total)
        return x->score.total > y->score.total ? -1 : 1;
    return strcmp(x->expert->id, y->expert->id);
}

static void candidates_free(rs_candidate *c, size_t n)
{
    for (size_t i = 0; c && i < n; i++)
        rs_score_free(&c[i].score);
    free(c);
}

/* Every candidate judged by the per-expert rules of t; the admitted ones
 * scored (those with a base score rescored for t); sorted admitted-first,
 * best first. NULL when out of memory. */
static rs_candidate *judge(const match_input *in, const rs_tor *t, int with_why,
                           size_t *n_admitted)
{
    rs_candidate *c = calloc(in->n + 1, sizeof *c);
    if (!c)
        return NULL;
    int32_t ref = rs_tor_reference_day(t, in->o->today);
    *n_admitted = 0;
    for (size_t i = 0; i < in->n; i++) {
        c[i].expert = in->experts[i];
        c[i].text = in->text[i];
        c[i].by_rule = in->by_rule[i];
        c[i].admit = rs_admit_expert(t, in->experts[i], ref);
        if (c[i].admit != RS_ADMIT_OK)
            continue;
        (*n_admitted)++;
        if (i < in->n_base) {
            c[i].score = in->base[i];
            rs_score_relaxed(t, in->experts[i], ref, &c[i].score);
        } else if (rs_score_expert(t, in->experts[i], in->text[i], ref, with_why,
                                   &c[i].score) < 0) {
            candidates_free(c, in->n);
            return NULL;
        }
    }
    qsort(c, in->n, sizeof *c, cmp_candidate);
    return c;
}

/* ---- the pool ---- */


typedef struct {
    unsigned char *in;   /* per admitted candidate */
    size_t n;
} pool_set;

static void pool_add(pool_set *p, size_t i)
{
    if (!p->in[i]) {
        p->in[i] = 1;
        p->n++;
    }
}

static void pool_required(const rs_tor *t, const rs_candidate *c, size_t na, pool_set *p)
{
    for (size_t k = 0; k < t->rules.n_require; k++)
        for (size_t i = 0; i < na; i++)
            if (strcmp(c[i].expert->id, t->rules.require[k]) == 0)
                pool_add(p, i);
}

/* Every admitted expert fetched for a hard rule: the proof that no team
 * exists in the roster (matcher/retrieve.c) needs all of them. */
static void pool_by_rule(const rs_candidate *c, size_t na, pool_set *p)
{
    for (size_t i = 0; i < na; i++)
        if (c[i].by_rule)
            pool_add(p, i);
}

static void pool_speakers(const rs_tor *t, const rs_candidate *c, const rs_ranked *order,
                          size_t na, pool_set *p)
{
    for (size_t l = 0; l < t->n_languages; l++) {
        int seats = 0;
        for (size_t j = 0; j < na && seats < t->team_size; j++) {
            size_t i = order[j].index;
            if (rs_expert_level(c[i].expert, t->languages[l].code) >= t->languages[l].level) {
                pool_add(p, i);
                seats++;
            }
        }
    }
}

/* The best min_eu_members candidates holding an EU nationality; the best
 * of each nationality (pool_nationalities) adds more EU nationals when the
 * nationality rules need them apart. */
static void pool_eu(const rs_tor *t, const rs_candidate *c, const rs_ranked *order, size_t na,
                    pool_set *p)
{
    int seats = 0;
    for (size_t j = 0; j < na && seats < t->rules.min_eu_members; j++) {
        if (rs_expert_eu_nationality(c[order[j].index].expert)) {
            pool_add(p, order[j].index);
            seats++;
        }
    }
}

/* The best candidate of each nationality, at most `max` more. */
static int pool_nationalities(const rs_candidate *c, const rs_ranked *order, size_t na,
                              size_t max, pool_set *p)
{
    char (*seen)[3] = NULL;
    size_t n_seen = 0, cap = 0, added = 0;
    for (size_t j = 0; j < na && added < max; j++) {
        const rs_expert *e = c[order[j].index].expert;
        int fresh = 0;
        for (size_t k = 0; k < e->n_nationalities; k++) {
            int known = 0;
            for (size_t s = 0; s < n_seen && !known; s++)
                known = strcmp(seen[s], e->nationalities[k]) == 0;
            if (known)
                continue;
            if (n_seen == cap) {
                cap = cap ? cap * 2 : 32;
                char (*grown)[3] = realloc(seen, cap * sizeof *seen);
                if (!grown) {
                    free(seen);
                    return -1;
                }
                seen = grown;
            }
            memcpy(seen[n_seen++], e->nationalities[k], 3);
            fresh = 1;
        }
        if (fresh && !p->in[order[j].index]) {
            pool_add(p, order[j].index);
            added++;
        }
    }
    free(seen);
    return 0;
}

/* Indexes (ascending) of the admitted candidates the team search uses. */
static size_t *select_pool(const rs_tor *t, const rs_candidate *c, size_t na,
                           const rs_match_options *o, size_t *n_pool)
{
    rs_ranked *order = malloc((na + 1) * sizeof *order);
    pool_set p = {.in = calloc(na + 1, 1)};
    size_t *pool = malloc((na + 1) * sizeof *pool);
    int ok = order && p.in && pool;
    if (ok) {
        int penalise = t->rules.portfolio_balance && o->portfolio;
        for (size_t i = 0; i < na; i++) {
            double pen = penalise ? rs_portfolio_penalty(o->portfolio, c[i].expert, NULL) : 0;
            order[i] = (rs_ranked){c[i].score.total - pen, i};
        }
        qsort(order, na, sizeof *order, rs_ranked_cmp);
        for (size_t j = 0; j < na && j < o->pool; j++)
            pool_add(&p, order[j].index);
        pool_required(t, c, na, &p);
        pool_by_rule(c, na, &p);
        pool_speakers(t, c, order, na, &p);
        pool_eu(t, c, order, na, &p);
        ok = pool_nationalities(c, order, na, o->pool, &p) == 0;
    }
    *n_pool = 0;
    for (size_t i = 0; ok && i < na; i++)
        if (p.in[i])
            pool[(*n_pool)++] = i;
    free(order);
    free(p.in);
    if (!ok) {
        free(pool);
        return NULL;
    }
    return pool;
}

/* ---- the search ---- */

typedef struct {
    rs_team *teams;          /* members index the candidates, not the pool */
    long n_teams;
    size_t alternates[RS_TEAM_MAX];
    size_t nodes, pool_size;
} search_out;

static void to_candidates(rs_team *team, const size_t *pool)
{
    for (size_t i = 0; i < team->n; i++)
        team->members[i] = pool[team->members[i]];
}

/* Best m teams of t over the admitted candidates c[0..na); alternates of
 * the first when want_alternates. Returns 0 or -1 (out of memory). */
static int search_teams(const rs_tor *t, const rs_candidate *c, size_t na,
                        const rs_match_options *o, size_t m, int want_alternates,
                        search_out *out)
{
    size_t n_pool;
    size_t *pool = select_pool(t, c, na, o, &n_pool);
    rs_team_candidate *tc = pool ? malloc((n_pool + 1) * sizeof *tc) : NULL;
    out->teams = calloc(m + 1, sizeof *out->teams);
    rs_team_problem *problem = NULL;
    int rc = -1;
    if (!pool || !tc || !out->teams)
        goto done;
    for (size_t i = 0; i < n_pool; i++)
        tc[i] = (rs_team_candidate){c[pool[i]].expert, c[pool[i]].score.total};
    problem = rs_team_problem_new(t, tc, n_pool, o->portfolio);
    if (!problem || (out->n_teams = rs_team_search(problem, m, out->teams)) < 0)
        goto done;
    out->nodes = rs_team_nodes(problem);
    out->pool_size = n_pool;
    if (want_alternates && out->n_teams > 0) {
        if (rs_team_alternates(problem, &out->teams[0], out->alternates) < 0)
            goto done;
        for (size_t s = 0; s < out->teams[0].n; s++)
            if (out->alternates[s] != RS_TEAM_NONE)
                out->alternates[s] = pool[out->alternates[s]];
    }
    for (long k = 0; k < out->n_teams; k++)
        to_candidates(&out->teams[k], pool);
    rc = 0;
done:
    rs_team_problem_free(problem);
    free(tc);
    free(pool);
    if (rc < 0) {
        free(out->teams);
        out->teams = NULL;
    }
    return rc;
}

/* Does the pipeline find a team for t among the experts of in? */
static int feasible_among(const match_input *in, const rs_tor *t)
{
    size_t na;
    rs_candidate *c = judge(in, t, 0, &na);
    if (!c)
        return -1;
    search_out s = {0};
    int rc = search_teams(t, c, na, in->o, 1, 0, &s);
    candidates_free(c, in->n);
    free(s.teams);
    return rc < 0 ? -1 : s.n_teams > 0;
}

/* The infeasibility oracle: does the pipeline find a team for t, with the
 * experts t's hard rules need from the roster when it can fetch them? */
static int oracle(const rs_tor *t, void *ctx)
{
    const match_input *in = ctx;
    int found = feasible_among(in, t);
    if (found != 0 || !in->o->more)
        return found;
    match_input wide;
    int complete;
    if (input_widen(in, t, &wide, &complete) < 0)
        return -1;
    /* Nothing fetched that in lacks: wide is in, and so is the answer. */
    if (wide.n > in->n)
        found = feasible_among(&wide, t);
    input_release(&wide);
    return found;
}

/* ---- the result ---- */

static int team_verdicts(const rs_match_result *r, const rs_match_options *o,
                         rs_match_team *mt)
{
    const rs_expert *members[RS_TEAM_MAX];
    for (size_t i = 0; i < mt->team.n; i++)
        members[i] = r->candidates[mt->team.members[i]].expert;
    return rs_check_team(r->tor, members, mt->team.n, o->portfolio, o->today, &mt->rules);
}

static int explain(rs_match_result *r, const match_input *in)
{
    r->infeasible = calloc(1, sizeof *r->infeasible);
    rs_score *base = malloc((in->n + 1) * sizeof *base);
    int rc = -1;
    if (!r->infeasible || !base)
        goto done;
    int32_t ref = rs_tor_reference_day(r->tor, in->o->today);
    for (size_t i = 0; i < in->n; i++)
        if (rs_score_expert(r->tor, in->experts[i], in->text[i], ref, 0, &base[i]) < 0)
            goto done;
    match_input scored = *in;
    scored.base = base;
    scored.n_base = in->n;
    rc = rs_infeasible_explain(r->tor, in->experts, in->n, in->o->today, oracle, &scored,
                               r->infeasible);
done:
    free(base);
    return rc;
}

/* Judge the experts of in, shortlist them and search their teams (into s). */
static int judge_and_search(const rs_tor *t, const match_input *in, rs_match_result *out,
                            search_out *s)
{
    const rs_match_options *o = in->o;
    out->candidates = judge(in, t, 1, &out->n_admitted);
    if (!out->candidates)
        return -1;
    out->n_candidates = in->n;
    out->considered = in->n;
    out->n_shortlist = out->n_admitted < o->shortlist ? out->n_admitted : o->shortlist;
    return search_teams(t, out->candidates, out->n_admitted, o, o->teams, 1, s);
}

/* No team among the candidates given: again with the experts the hard
 * rules need from the roster; *in becomes the wider input. */
static int widen_and_search(const rs_tor *t, match_input *in, rs_match_result *out,
                            search_out *s)
{
    match_input wide;
    int complete;
    if (input_widen(in, t, &wide, &complete) < 0)
        return -1;
    input_release(in);
    *in = wide;
    candidates_free(out->candidates, out->n_candidates);
    out->candidates = NULL;
    out->n_candidates = 0;
    free(s->teams);
    memset(s, 0, sizeof *s);
    if (judge_and_search(t, in, out, s) < 0)
        return -1;
    out->partial = s->n_teams == 0 && !complete;
    return 0;
}

int rs_match(const rs_tor *t, const rs_expert *const *experts, const double *text, size_t n,
             const rs_match_options *o, rs_match_result *out)
{
    memset(out, 0, sizeof *out);
    out->tor = t;
    match_input in;
    search_out s = {0};
    if (input_init(&in, experts, text, n, n, o) < 0 || judge_and_search(t, &in, out, &s) < 0)
        goto fail;
    /* Zero teams asked is not infeasible. */
    if (s.n_teams == 0 && o->more && o->teams > 0 && widen_and_search(t, &in, out, &s) < 0)
        goto fail;
    out->pool_size = s.pool_size;
    out->search_nodes = s.nodes;
    out->teams = calloc((size_t)s.n_teams + 1, sizeof *out->teams);
    if (!out->teams)
        goto fail;
    for (long k = 0; k < s.n_teams; k++) {
        out->teams[k].team = s.teams[k];
        out->n_teams++;
        if (team_verdicts(out, o, &out->teams[k]) < 0)
            goto fail;
    }
    if (out->n_teams > 0) {
        out->n_alternates = out->teams[0].team.n;
        memcpy(out->alternates, s.alternates, sizeof out->alternates);
    } else if (o->teams > 0 && explain(out, &in) < 0) {
        goto fail;
    }
    free(s.teams);
    input_release(&in);
    return 0;
fail:
    free(s.teams);
    input_release(&in);
    rs_match_result_free(out);
    return -1;
}

void rs_match_result_free(rs_match_result *r)
{
    if (!r)
        return;
    candidates_free(r->candidates, r->n_candidates);
    for (size_t k = 0; k < r->n_teams; k++)
        rs_verdicts_free(&r->teams[k].rules);
    free(r->teams);
    if (r->infeasible)
        rs_infeasible_free(r->infeasible);
    free(r->infeasible);
    memset(r, 0, sizeof *r);
}

rs_outcome rs_match_outcome(const rs_match_result *r)
{
    return r->infeasible ? RS_OUTCOME_NO_TEAM : RS_OUTCOME_DONE;
}
