/*
 * One ToR against the candidates retrieval found: the whole answer of
 * `roster match` (formats.md section 3).
 *
 *   1. every candidate is judged by the per-expert hard rules (admit.h) and
 *      scored (score.h); the admitted ones, best first, are the shortlist;
 *   2. the team pool is the `pool` admitted candidates that bring most to a
 *      team (score minus portfolio penalty), plus every admitted required
 *      expert, the best team_size speakers of each asked language, the
 *      best min_eu_members EU nationals and the best expert of each nationality,
 *      so that rare languages and nationalities the rules need are never
 *      cut off by the pool's size;
 *   3. the best `teams` teams over the pool, exactly (team.h), each with
 *      its rule verdicts (check.h), and alternates for the first one;
 *   4. when there is none and the options can fetch more (`more`), the
 *      experts each hard team rule could need join from the whole roster
 *      (always into the pool) and the search runs again, so "no team" is
 *      said of the roster, not of the candidates given;
 *   5. when there is still none, why, and what to relax (infeasible.h),
 *      each remedy checked the same way.
 *
 * Give the candidates before the per-expert filters, if retrieval can: the
 * remedies for availability, load and excluded nationalities can only find
 * experts that were passed in. Required ids must be among them.
 */
#ifndef RS_MATCH_H
#define RS_MATCH_H

#include <stdint.h>
#include <stdio.h>
#include <jansson.h>
#include "core/model.h"
#include "matcher/admit.h"
#include "matcher/check.h"
#include "matcher/infeasible.h"
#include "matcher/portfolio.h"
#include "matcher/score.h"
#include "matcher/team.h"
#include "matcher/tor.h"

#define RS_SHORTLIST_DEFAULT 20
#define RS_TEAMS_DEFAULT 3
#define RS_POOL_DEFAULT 60

/* Experts beyond the candidates given that the hard team rules of t may
 * need, from the whole roster (rs_retrieve_for_rules): experts[0..n) with
 * their text relevances, borrowed until ctx goes (they must outlive the
 * result). *complete is 0 when they may not be enough to show that the
 * roster holds no team. Returns 0, or -1 on failure. */
typedef int (*rs_more_fn)(const rs_tor *t, void *ctx, const rs_expert *const **experts,
                          const double **text, size_t *n, int *complete);

typedef struct {
    size_t shortlist;               /* K: shortlist length */
    size_t teams;                   /* M: teams wanted */
    size_t pool;                    /* candidates the team search starts from */
    int32_t today;                  /* for ToRs without a window (load) */
    const rs_portfolio *portfolio;  /* may be NULL: no portfolio penalties */
    rs_more_fn more;                /* NULL: the candidates given are the roster */
    void *more_ctx;
} rs_match_options;

/* Defaults: 20, 3, 60, rs_date_today(), no portfolio, nothing more. */
void rs_match_options_default(rs_match_options *o);

typedef struct {
    const rs_expert *expert;        /* borrowed from the caller */
    double text;                    /* relevance given */
    rs_admit admit;                 /* RS_ADMIT_OK when admitted */
    rs_score score;                 /* with reasons */
    int by_rule;                    /* fetched for a hard rule (rs_more_fn) */
} rs_candidate;

typedef struct {
    rs_team team;                   /* members index rs_match_result.candidates */
    rs_verdicts rules;
} rs_match_team;

typedef struct {
    const rs_tor *tor;              /* borrowed */
    size_t considered;              /* experts judged: the candidates given
                                       (once each) and those fetched for the
                                       hard rules */
    rs_candidate *candidates;       /* admitted first, by score; then the others */
    size_t n_candidates, n_admitted, n_shortlist;
    rs_match_team *teams; size_t n_teams;
    size_t alternates[RS_TEAM_MAX]; /* per seat of teams[0]; RS_TEAM_NONE: none */
    size_t n_alternates;
    rs_infeasible *infeasible;      /* NULL when a team was found */
    int partial;                    /* no team, but the experts fetched for the
                                       rules may not cover the whole roster */
    size_t pool_size, search_nodes; /* for --verbose and benchmarks */
} rs_match_result;

/* Match ToR t against experts[0..n) with text relevances text[0..n) (NULL:
 * all 0). Experts and ToR are borrowed by the result until it is freed; an
 * id given twice counts once (the first). Returns 0, or -1 when out of
 * memory. */
int rs_match(const rs_tor *t, const rs_expert *const *experts, const double *text, size_t n,
             const rs_match_options *o, rs_match_result *out);
void rs_match_result_free(rs_match_result *r);

/* RS_OUTCOME_DONE when a team meets every hard rule (or none was asked),
 * RS_OUTCOME_NO_TEAM when none does. */
rs_outcome rs_match_outcome(const rs_match_result *r);

/* formats.md section 3; NULL when out of memory. */
json_t *rs_match_to_json(const rs_match_result *r);
/* The same facts as tables for people. */
void rs_match_print(FILE *f, const rs_match_result *r);
/* The same, with notes (whole lines, already escaped, such as what was
 * inferred from the ToR) under the title line; NULL: none. */
void rs_match_print_noted(FILE *f, const rs_match_result *r, const char *notes);

#endif
