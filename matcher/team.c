/*
 * Exact team search by branch and bound.
 *
 * What a candidate brings is precomputed once: its value (score minus
 * portfolio penalty), its credit on every asked code and language (the
 * coverage "dimensions"), the languages it meets and its gender / sector /
 * EU flags. A team's coverage on a dimension is the best credit of its
 * members, weighted so the full bonus is weights.cover_*.
 *
 * Free candidates (the required ones are seated first) are sorted by value.
 * At a node with r open seats whose next candidate is at position j of that
 * order, every completion takes r candidates from positions >= j, so:
 *   - their values sum to at most prefix[j+r] - prefix[j] (the r best left);
 *   - on each dimension the team reaches at most max(current, best credit
 *     among positions >= j);
 *   - a preference is reachable only if the current team or someone at
 *     positions >= j has what it asks, with enough seats left.
 * Each term bounds its share of any completion's score, so their sum never
 * underestimates, and a subtree whose bound does not beat the m-th best team
 * found so far holds no better team. The same bound for "the next seat goes
 * to position >= i" only falls as i grows, which ends the loop over i early.
 *
 * Nationality and language rules prune only what cannot hold in any
 * completion: a partial team with more than max_same_nationality holders of
 * one nationality stays over (a member counts for every nationality it
 * holds), r more members add at most r distinct nationalities, and at most r
 * EU nationals (fewer when fewer are left: min_eu_members). A member counts
 * as an EU national when any of its nationalities is EU, whichever one the
 * nationality rules count it for.
 */
#include "matcher/team.h"

#include <float.h>
#include <stdlib.h>
#include <string.h>

#include "core/taxonomy.h"
#include "matcher/nationality.h"
#include "matcher/score.h"
#include "matcher/weights.h"

#define W rs_weights_table

enum {
    FLAG_F = 1, FLAG_M = 2, FLAG_PUBLIC = 4, FLAG_NON_EU = 8, FLAG_EU = 16
};

struct rs_team_problem {
    const rs_tor *tor;
    const rs_team_candidate *cands;
    size_t n;
    size_t dims;             /* asked fields + competences + languages */
    double *dim_weight;      /* dims */
    double *credit;          /* n x dims */
    double *value;           /* n: score - penalty */
    double *penalty;         /* n */
    uint32_t *lang_met;      /* n: bit l, ToR language l met at its level */
    unsigned *flags;         /* n: FLAG_* */
    uint32_t lang_need;      /* languages every team must meet */
    size_t required[RS_TEAM_MAX];
    size_t n_required;
    int required_missing;    /* a required id is not among the candidates */
    double *scratch;         /* dims: rs_team_evaluate's working row */
    size_t nodes;
};

static unsigned expert_flags(const rs_expert *e)
{
    unsigned f = 0;
    if (e->gender == 'F')
        f |= FLAG_F;
    else if (e->gender == 'M')
        f |= FLAG_M;
    if (rs_status_is_public(e->status))
        f |= FLAG_PUBLIC;
    for (size_t i = 0; i < e->n_nationalities; i++)
        f |= rs_country_is_eu(e->nationalities[i]) ? FLAG_EU : FLAG_NON_EU;
    return f;
}

/* Credits of one candidate on every dimension, and the languages it meets. */
static void candidate_credits(const rs_tor *t, const rs_expert *e, double *credit,
                              uint32_t *met)
{
    size_t d = 0;
    for (size_t i = 0; i < t->n_fields; i++)
        credit[d++] = rs_best_field(t->fields[i], e, NULL);
    for (size_t i = 0; i < t->n_competences; i++)
        credit[d++] = rs_best_competence(t->competences[i], e, NULL);
    *met = 0;
    for (size_t i = 0; i < t->n_languages; i++) {
        rs_cefr held = rs_expert_level(e, t->languages[i].code);
        credit[d++] = rs_language_credit(t->languages[i].level, held);
        if (held != RS_CEFR_NONE && held >= t->languages[i].level)
            *met |= 1u << i;
    }
}

static void dimension_weights(const rs_tor *t, double *w)
{
    size_t d = 0;
    for (size_t i = 0; i < t->n_fields; i++)
        w[d++] = W.cover_fields / (double)t->n_fields;
    for (size_t i = 0; i < t->n_competences; i++)
        w[d++] = W.cover_competences / (double)t->n_competences;
    for (size_t i = 0; i < t->n_languages; i++)
        w[d++] = W.cover_languages / (double)t->n_languages;
}

static void find_required(rs_team_problem *p)
{
    const rs_rules *r = &p->tor->rules;
    for (size_t k = 0; k < r->n_require; k++) {
        size_t found = RS_TEAM_NONE;
        for (size_t i = 0; i < p->n && found == RS_TEAM_NONE; i++)
            if (strcmp(p->cands[i].expert->id, r->require[k]) == 0)
                found = i;
        if (found == RS_TEAM_NONE || p->n_required == RS_TEAM_MAX)
            p->required_missing = 1;
        else
            p->required[p->n_required++] = found;
    }
}

void rs_team_problem_free(rs_team_problem *p)
{
    if (!p)
        return;
    free(p->dim_weight);
    free(p->credit);
    free(p->value);
    free(p->penalty);
    free(p->lang_met);
    free(p->flags);
    free(p->scratch);
    free(p);
}

rs_team_problem *rs_team_problem_new(const rs_tor *t, const rs_team_candidate *cands,
                                     size_t n, const rs_portfolio *portfolio)
{
    rs_team_problem *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->tor = t;
    p->cands = cands;
    p->n = n;
    p->dims = t->n_fields + t->n_competences + t->n_languages;
    p->dim_weight = malloc((p->dims + 1) * sizeof *p->dim_weight);
    p->credit = malloc((n * p->dims + 1) * sizeof *p->credit);
    p->value = malloc((n + 1) * sizeof *p->value);
    p->penalty = malloc((n + 1) * sizeof *p->penalty);
    p->lang_met = malloc((n + 1) * sizeof *p->lang_met);
    p->flags = malloc((n + 1) * sizeof *p->flags);
    p->scratch = malloc((p->dims + 1) * sizeof *p->scratch);
    if (!p->dim_weight || !p->credit || !p->value || !p->penalty || !p->lang_met ||
        !p->flags || !p->scratch) {
        rs_team_problem_free(p);
        return NULL;
    }
    dimension_weights(t, p->dim_weight);
    int penalise = t->rules.portfolio_balance && portfolio;
    for (size_t i = 0; i < n; i++) {
        const rs_expert *e = cands[i].expert;
        candidate_credits(t, e, p->credit + i * p->dims, &p->lang_met[i]);
        p->penalty[i] = penalise ? rs_portfolio_penalty(portfolio, e, NULL) : 0.0;
        p->value[i] = cands[i].score - p->penalty[i];
        p->flags[i] = expert_flags(e);
    }
    if (t->rules.languages_covered && t->n_languages)
        p->lang_need = t->n_languages >= 32 ? UINT32_MAX : (1u << t->n_languages) - 1;
    find_required(p);
    return p;
}

size_t rs_team_nodes(const rs_team_problem *p)
{
    return p->nodes;
}

/* ---- one team ---- */

/* Preference bonus of a team whose members' flags OR to `flags`. */
static double preference_bonus(const rs_team_problem *p, unsigned flags)
{
    const rs_rules *r = &p->tor->rules;
    double b = 0.0;
    if (r->gender_balance && p->tor->team_size >= 2 && (flags & FLAG_F) && (flags & FLAG_M))
        b += W.gender_balance;
    if (r->prefer_public && (flags & FLAG_PUBLIC))
        b += W.prefer_public;
    if (r->triangular && (flags & FLAG_NON_EU))
        b += W.triangular;
    return b;
}

static double coverage_of(const rs_team_problem *p, const double *best)
{
    double c = 0.0;
    for (size_t d = 0; d < p->dims; d++)
        c += p->dim_weight[d] * best[d];
    return c;
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

int rs_team_evaluate(const rs_team_problem *p, const size_t *members, size_t k,
                     rs_team *out)
{
    memset(out, 0, sizeof *out);
    out->distinct_nationalities = -1;
    if (k > RS_TEAM_MAX)
        return 0;
    memcpy(out->members, members, k * sizeof *members);
    out->n = k;
    qsort(out->members, k, sizeof *out->members, cmp_size);
    for (size_t i = 0; i < k; i++)
        if (out->members[i] >= p->n || (i > 0 && out->members[i] == out->members[i - 1]))
            return 0;

    double *best = p->scratch;
    memset(best, 0, p->dims * sizeof *best);
    double values = 0.0;
    uint32_t met = 0;
    unsigned flags = 0;
    const rs_expert *experts[RS_TEAM_MAX];
    int eu = 0;
    for (size_t i = 0; i < k; i++) {
        size_t c = out->members[i];
        eu += (p->flags[c] & FLAG_EU) != 0;
        const double *cr = p->credit + c * p->dims;
        for (size_t d = 0; d < p->dims; d++)
            if (cr[d] > best[d])
                best[d] = cr[d];
        values += p->value[c];
        out->member_sum += p->cands[c].score;
        out->portfolio += p->penalty[c];
        met |= p->lang_met[c];
        flags |= p->flags[c];
        experts[i] = p->cands[c].expert;
    }
    out->coverage = coverage_of(p, best);
    out->preferences = preference_bonus(p, flags);
    out->score = values + out->coverage + out->preferences;

    const rs_rules *r = &p->tor->rules;
    int nat = rs_nationality_assign(experts, k, (int)k, out->nationalities);
    if (nat == -2)
        return -1;
    if (rs_nationality_most_held(experts, k, NULL) > r->max_same_nationality)
        return 0;
    out->distinct_nationalities = nat;

    if (k != (size_t)p->tor->team_size || p->required_missing)
        return 0;
    for (size_t q = 0; q < p->n_required; q++)
        if (!bsearch(&p->required[q], out->members, k, sizeof *out->members, cmp_size))
            return 0;
    if ((met & p->lang_need) != p->lang_need || eu < r->min_eu_members)
        return 0;
    return nat >= r->min_nationalities;
}

/* ---- the search ---- */

typedef struct {
    rs_team_problem *p;
    size_t k;                /* team size */
    size_t *order;           /* free candidates, best value first */
    size_t n_order;
    double *prefix;          /* n_order + 1: prefix sums of values in order */
    double *sufmax;          /* (n_order + 1) x dims: best credit at positions >= j */
    uint32_t *suflang;       /* n_order + 1 */
    unsigned *sufflags;      /* n_order + 1 */
    size_t *sufeu;           /* n_order + 1: EU nationals at positions >= j */
    double *curmax;          /* (k + 1) x dims: team's best credit per depth */
    size_t team[RS_TEAM_MAX];
    rs_team *best;
    size_t m, n_best;
    int oom;
} search;


int rs_ranked_cmp(const void *a, const void *b)
{
    const rs_ranked *x = a, *y = b;
    if (x->value != y->value)
        return x->value > y->value ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

static int is_required(const rs_team_problem *p, size_t c)
{
    for (size_t q = 0; q < p->n_required; q++)
        if (p->required[q] == c)
            return 1;
    return 0;
}

static int search_prepare(search *s)
{
    rs_team_problem *p = s->p;
    size_t dims = p->dims, n = p->n;
    s->order = malloc((n + 1) * sizeof *s->order);
    s->prefix = malloc((n + 1) * sizeof *s->prefix);
    s->sufmax = calloc((n + 1) * dims + 1, sizeof *s->sufmax);
    s->suflang = calloc(n + 1, sizeof *s->suflang);
    s->sufflags = calloc(n + 1, sizeof *s->sufflags);
    s->sufeu = calloc(n + 1, sizeof *s->sufeu);
    s->curmax = calloc((s->k + 1) * dims + 1, sizeof *s->curmax);
    if (!s->order || !s->prefix || !s->sufmax || !s->suflang || !s->sufflags || !s->sufeu ||
        !s->curmax)
        return -1;
    rs_ranked *by_value = malloc((n + 1) * sizeof *by_value);
    if (!by_value)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!is_required(p, i))
            by_value[s->n_order++] = (rs_ranked){p->value[i], i};
    qsort(by_value, s->n_order, sizeof *by_value, rs_ranked_cmp);
    for (size_t j = 0; j < s->n_order; j++)
        s->order[j] = by_value[j].index;
    free(by_value);
    s->prefix[0] = 0.0;
    for (size_t j = 0; j < s->n_order; j++)
        s->prefix[j + 1] = s->prefix[j] + p->value[s->order[j]];
    for (size_t j = s->n_order; j-- > 0;) {
        size_t c = s->order[j];
        const double *cr = p->credit + c * dims;
        double *here = s->sufmax + j * dims, *next = here + dims;
        for (size_t d = 0; d < dims; d++)
            here[d] = cr[d] > next[d] ? cr[d] : next[d];
        s->suflang[j] = s->suflang[j + 1] | p->lang_met[c];
        s->sufflags[j] = s->sufflags[j + 1] | p->flags[c];
        s->sufeu[j] = s->sufeu[j + 1] + ((p->flags[c] & FLAG_EU) != 0);
    }
    return 0;
}

static void search_release(search *s)
{
    free(s->order);
    free(s->prefix);
    free(s->sufmax);
    free(s->suflang);
    free(s->sufflags);
    free(s->sufeu);
    free(s->curmax);
}

/* Best preference bonus a team with `flags` can reach with r more members
 * taken from a pool whose flags OR to `pool`. */
static double preference_bound(const rs_team_problem *p, unsigned flags, unsigned pool,
                               size_t r)
{
    const rs_rules *r_ = &p->tor->rules;
    double b = 0.0;
    if (r_->gender_balance && p->tor->team_size >= 2) {
        unsigned have = flags & (FLAG_F | FLAG_M), can = (flags | pool) & (FLAG_F | FLAG_M);
        size_t missing = (have & FLAG_F ? 0 : 1) + (have & FLAG_M ? 0 : 1);
        if (can == (FLAG_F | FLAG_M) && r >= missing)
            b += W.gender_balance;
    }
    if (r_->prefer_public && ((flags & FLAG_PUBLIC) || (r > 0 && (pool & FLAG_PUBLIC))))
        b += W.prefer_public;
    if (r_->triangular && ((flags & FLAG_NON_EU) || (r > 0 && (pool & FLAG_NON_EU))))
        b += W.triangular;
    return b;
}

/* Upper bound of any completion of the current team (values sum `values`,
 * best credits `cur`, flags) with r members from positions >= j. */
static double bound(const search *s, size_t j, size_t r, double values, const double *cur,
                    unsigned flags)
{
    const rs_team_problem *p = s->p;
    const double *suf = r > 0 ? s->sufmax + j * p->dims : cur;
    double cover = 0.0;
    for (size_t d = 0; d < p->dims; d++)
        cover += p->dim_weight[d] * (cur[d] > suf[d] ? cur[d] : suf[d]);
    return values + (s->prefix[j + r] - s->prefix[j]) + cover +
           preference_bound(p, flags, s->sufflags[j], r);
}

static double worst_kept(const search *s)
{
    return s->n_best == s->m ? s->best[s->m - 1].score : -DBL_MAX;
}

static void keep(search *s, const rs_team *t)
{
    size_t at = s->n_best < s->m ? s->n_best++ : s->m - 1;
    while (at > 0 && s->best[at - 1].score < t->score) {
        s->best[at] = s->best[at - 1];
        at--;
    }
    s->best[at] = *t;
}

/* Can the partial team of `depth` members still meet the nationality rules
 * with r more? 1 yes, 0 no, -1 out of memory. */
static int nationalities_possible(const search *s, size_t depth, size_t r)
{
    const rs_rules *rules = &s->p->tor->rules;
    const rs_expert *experts[RS_TEAM_MAX];
    for (size_t i = 0; i < depth; i++)
        experts[i] = s->p->cands[s->team[i]].expert;
    if (rs_nationality_most_held(experts, depth, NULL) > rules->max_same_nationality)
        return 0;
    int nat = rs_nationality_assign(experts, depth, (int)depth, NULL);
    if (nat == -2)
        return -1;
    return nat >= 0 && (size_t)nat + r >= (size_t)rules->min_nationalities;
}

/* Can a team with `eu` EU nationals reach min_eu_members with r more
 * members from positions >= j? */
static int eu_possible(const search *s, int eu, size_t j, size_t r)
{
    size_t more = r > 0 ? s->sufeu[j] : 0;
    if (more > r)
        more = r;
    return (size_t)eu + more >= (size_t)s->p->tor->rules.min_eu_members;
}

static void leaf(search *s)
{
    rs_team t;
    int ok = rs_team_evaluate(s->p, s->team, s->k, &t);
    if (ok < 0)
        s->oom = 1;
    else if (ok && (s->n_best < s->m || t.score > worst_kept(s)))
        keep(s, &t);
}

static void dfs(search *s, size_t depth, size_t j, double values, uint32_t met,
                unsigned flags, int eu)
{
    rs_team_problem *p = s->p;
    size_t r = s->k - depth, dims = p->dims;
    p->nodes++;
    if (r == 0) {
        leaf(s);
        return;
    }
    const double *cur = s->curmax + depth * dims;
    double *next = s->curmax + (depth + 1) * dims;
    for (size_t i = j; i + r <= s->n_order && !s->oom; i++) {
        if (s->n_best == s->m && bound(s, i, r, values, cur, flags) <= worst_kept(s))
            break; /* no later position does better */
        size_t c = s->order[i];
        const double *cr = p->credit + c * dims;
        for (size_t d = 0; d < dims; d++)
            next[d] = cr[d] > cur[d] ? cr[d] : cur[d];
        double v = values + p->value[c];
        uint32_t m = met | p->lang_met[c];
        unsigned f = flags | p->flags[c];
        if (s->n_best == s->m && bound(s, i + 1, r - 1, v, next, f) <= worst_kept(s))
            continue;
        uint32_t reachable = m | (r > 1 ? s->suflang[i + 1] : 0);
        if ((reachable & p->lang_need) != p->lang_need)
            continue;
        int e = eu + ((p->flags[c] & FLAG_EU) != 0);
        if (!eu_possible(s, e, i + 1, r - 1))
            continue;
        s->team[depth] = c;
        int possible = nationalities_possible(s, depth + 1, r - 1);
        if (possible < 0)
            s->oom = 1;
        else if (possible)
            dfs(s, depth + 1, i + 1, v, m, f, e);
    }
}

long rs_team_search(rs_team_problem *p, size_t m, rs_team *out)
{
    p->nodes = 0;
    int k = p->tor->team_size;
    if (m == 0 || k < 1 || k > RS_TEAM_MAX || p->required_missing ||
        p->n_required > (size_t)k)
        return 0;
    search s = {.p = p, .k = (size_t)k, .best = out, .m = m};
    if (search_prepare(&s) < 0) {
        search_release(&s);
        return -1;
    }
    /* Seat the required members, then search the open seats. */
    double values = 0.0;
    uint32_t met = 0;
    unsigned flags = 0;
    int eu = 0;
    double *root = s.curmax + p->n_required * p->dims; /* where dfs reads it */
    for (size_t q = 0; q < p->n_required; q++) {
        size_t c = p->required[q];
        s.team[q] = c;
        values += p->value[c];
        eu += (p->flags[c] & FLAG_EU) != 0;
        met |= p->lang_met[c];
        flags |= p->flags[c];
        const double *cr = p->credit + c * p->dims;
        for (size_t d = 0; d < p->dims; d++)
            if (cr[d] > root[d])
                root[d] = cr[d];
    }
    size_t depth = p->n_required, r = s.k - depth;
    int possible = nationalities_possible(&s, depth, r);
    uint32_t reachable = met | (r > 0 ? s.suflang[0] : 0);
    if (possible > 0 && (reachable & p->lang_need) == p->lang_need && eu_possible(&s, eu, 0, r))
        dfs(&s, depth, 0, values, met, flags, eu);
    long found = possible < 0 || s.oom ? -1 : (long)s.n_best;
    search_release(&s);
    return found;
}

/* The team score of each swap (seat, candidate) that keeps the hard rules,
 * -DBL_MAX for the others: score[seat * p->n + c]. 0 or -1. */
static int swap_scores(const rs_team_problem *p, const rs_team *team, double *score)
{
    for (size_t seat = 0; seat < team->n; seat++) {
        size_t trial[RS_TEAM_MAX];
        memcpy(trial, team->members, team->n * sizeof *trial);
        for (size_t c = 0; c < p->n; c++) {
            double *sc = &score[seat * p->n + c];
            *sc = -DBL_MAX;
            int in_team = 0;
            for (size_t i = 0; i < team->n; i++)
                in_team |= team->members[i] == c;
            if (in_team || is_required(p, team->members[seat]))
                continue;
            trial[seat] = c;
            rs_team t;
            int ok = rs_team_evaluate(p, trial, team->n, &t);
            if (ok < 0)
                return -1;
            if (ok)
                *sc = t.score;
        }
    }
    return 0;
}

int rs_team_alternates(const rs_team_problem *p, const rs_team *team, size_t *alt)
{
    double *score = malloc((team->n * p->n + 1) * sizeof *score);
    unsigned char *taken = calloc(p->n + 1, 1);
    int rc = score && taken ? swap_scores(p, team, score) : -1;
    for (size_t seat = 0; seat < team->n; seat++)
        alt[seat] = RS_TEAM_NONE;
    /* Best swap over the seats still open and the candidates not taken. */
    for (size_t round = 0; rc == 0 && round < team->n; round++) {
        double best = -DBL_MAX;
        size_t best_seat = RS_TEAM_NONE, best_c = RS_TEAM_NONE;
        for (size_t seat = 0; seat < team->n; seat++)
            for (size_t c = 0; alt[seat] == RS_TEAM_NONE && c < p->n; c++)
                if (!taken[c] && score[seat * p->n + c] > best) {
                    best = score[seat * p->n + c];
                    best_seat = seat;
                    best_c = c;
                }
        if (best_seat == RS_TEAM_NONE)
            break;
        alt[best_seat] = best_c;
        taken[best_c] = 1;
    }
    free(score);
    free(taken);
    return rc;
}
