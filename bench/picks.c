/*
 * The exact team search against two greedy picks, on the admitted
 * candidates of one match: the greedy one takes candidates down the
 * shortlist while the team can still meet the hard rules, the naive one
 * takes the top team_size. All three teams are scored by rs_team_evaluate
 * over one team problem (every admitted candidate, the portfolio) and
 * judged by rs_check_team.
 *
 * This studies the matcher's team search itself, on candidates no front
 * end sees: it is the one file of bench/ below the library's face, reading
 * the insides of a match answer through lib/matching.h. The match itself
 * is rs_roster_match's, so the candidates are the ones `roster match` has
 * (after its no-team retry).
 */
#include "bench/picks.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/bench.h"
#include "lib/matching.h"
#include "matcher/check.h"
#include "matcher/match.h"
#include "matcher/team.h"

#define RULES_MAX 16       /* distinct rule names counted */

static void fatal(const char *what) __attribute__((noreturn));
static void fatal(const char *what)
{
    fprintf(stderr, "roster-bench: %s\n", what);
    exit(1);
}

/* What the picks are judged with: the match's portfolio and day. */
typedef struct {
    const rs_portfolio *portfolio;
    int32_t today;
} pick_ctx;

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

struct bench_picks {
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
static int breaks_rules(const pick_ctx *c, const rs_tor *t, const rs_candidate *cand,
                        const size_t *team, pick_stats *s)
{
    const rs_expert *members[RS_TEAM_MAX];
    for (int i = 0; i < t->team_size; i++) members[i] = cand[team[i]].expert;
    rs_verdicts v;
    if (rs_check_team(t, members, (size_t)t->team_size, c->portfolio, c->today, &v) != 0)
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

static void compare_picks(const pick_ctx *c, const rs_tor *t, const rs_match_result *r,
                          bench_picks *out)
{
    size_t na = r->n_admitted, k = (size_t)t->team_size;
    rs_team_candidate *tc = bench_alloc(malloc((na + 1) * sizeof *tc));
    for (size_t i = 0; i < na; i++)
        tc[i] = (rs_team_candidate){r->candidates[i].expert, r->candidates[i].score.total};
    rs_team_problem *p = bench_alloc(rs_team_problem_new(t, tc, na, c->portfolio));

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


bench_picks *bench_picks_new(void) { return bench_alloc(calloc(1, sizeof(bench_picks))); }
void bench_picks_free(bench_picks *p) { free(p); }
int bench_picks_problems(const bench_picks *p) { return p->problems; }

void bench_picks_add(bench_picks *p, const rs_answer *a)
{
    pick_ctx c;
    const rs_match_result *r = rs_lib_match_result(a, &c.portfolio, &c.today);
    compare_picks(&c, r->tor, r, p);
}

static double share(size_t n, size_t of) { return of ? 100.0 * (double)n / (double)of : 0; }

static void print_fails(const pick_stats *s)
{
    for (size_t i = 0; i < s->n_fails; i++)
        printf("%s %s %zu", i ? "," : "", s->fails[i].rule, s->fails[i].n);
}

void bench_picks_print(const bench_picks *p, int64_t experts)
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

