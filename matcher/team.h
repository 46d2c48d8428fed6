/*
 * Team search: the best teams of team_size among scored candidates, exactly.
 *
 * team score = sum of member scores
 *            + coverage bonus (ToR fields, competences and languages, each
 *              at the best level any member holds)
 *            + preference bonuses (gender_balance, prefer_public, triangular)
 *            - portfolio penalties (portfolio_balance)
 *
 * under the hard team rules: every required id in the team, every ToR
 * language met at its level by a member (languages_covered), at least
 * min_eu_members members holding an EU nationality, and one nationality
 * per member such that none is used more than max_same_nationality times
 * and at least min_nationalities are distinct.
 *
 * The search is a depth-first branch and bound over candidates in order of
 * what they bring alone (score minus penalty). The bound of a partial team
 * adds the best values still available for the open seats, the best
 * coverage any remaining candidate could add per asked code, and each
 * preference still reachable: never below a completion's score, so the
 * teams returned are the best ones exactly (matcher/README.md).
 *
 * The candidates are taken as given: the per-expert rules (exclude,
 * availability, load...) are the caller's to apply first (matcher/admit.h).
 */
#ifndef RS_TEAM_H
#define RS_TEAM_H

#include <stddef.h>
#include <stdint.h>
#include "core/model.h"
#include "matcher/portfolio.h"
#include "matcher/tor.h"

#define RS_TEAM_NONE ((size_t)-1)

/* A candidate index with the value it is ordered by. */
typedef struct {
    double value;
    size_t index;
} rs_ranked;

/* qsort order: highest value first, then lowest index (stable, deterministic). */
int rs_ranked_cmp(const void *a, const void *b);

typedef struct {
    const rs_expert *expert;    /* borrowed */
    double score;               /* rs_score.total */
} rs_team_candidate;

typedef struct {
    size_t members[RS_TEAM_MAX]; /* indexes into the candidates, ascending */
    size_t n;
    double score;                /* the team score above */
    double member_sum, coverage, preferences, portfolio; /* its terms */
    int distinct_nationalities;  /* most over the choices; -1 when more
                                    * members hold one nationality than
                                    * max_same_nationality allows */
    char nationalities[RS_TEAM_MAX][3]; /* one per member, as counted */
} rs_team;

typedef struct rs_team_problem rs_team_problem;

/* Prepare a search over n candidates (borrowed until freed) for ToR t
 * (borrowed too). `portfolio` may be NULL (no penalties). NULL when out of
 * memory. */
rs_team_problem *rs_team_problem_new(const rs_tor *t, const rs_team_candidate *cands,
                                     size_t n, const rs_portfolio *portfolio);
void rs_team_problem_free(rs_team_problem *p);

/* Score any set of k distinct candidates (k <= RS_TEAM_MAX) into *out.
 * Returns 1 when it meets the hard team rules with k == team_size, 0 when
 * not, -1 when out of memory. */
int rs_team_evaluate(const rs_team_problem *p, const size_t *members, size_t k,
                     rs_team *out);

/* The best teams, at most m, best first, into out[m]. Returns how many
 * were found (0: no team meets the hard rules), or -1 when out of memory.
 * Ties keep the order in which the search met them. */
long rs_team_search(rs_team_problem *p, size_t m, rs_team *out);

/* One alternate per seat of `team`, all different experts: among the
 * swaps that keep the hard rules, the one giving the best team is taken
 * first (its seat and candidate then leave the choice), then the best of
 * the rest, and so on; ties go to the lower seat, then the lower candidate.
 * RS_TEAM_NONE for a required member's seat, or when no swap with a
 * candidate not yet taken keeps the rules. alt has team->n entries. 0, or
 * -1 when out of memory. */
int rs_team_alternates(const rs_team_problem *p, const rs_team *team, size_t *alt);

/* Search statistics of the last rs_team_search (for tests and tuning). */
size_t rs_team_nodes(const rs_team_problem *p);

#endif
