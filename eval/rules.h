/*
 * The hard rules of formats.md section 2, checked again here, apart from
 * the matcher (matcher/check.c), so that the evaluation does not take the
 * matcher's word for its own teams. Levels and nationalities are the
 * declared ones: the rules are about what the roster says.
 *
 * Also the best team the rules allow, by exhaustive search (branch and
 * bound) over every expert, for the relevance ratio of a matcher's team.
 */
#ifndef RS_EVAL_RULES_H
#define RS_EVAL_RULES_H

#include <stddef.h>
#include <stdint.h>
#include "core/model.h"
#include "matcher/tor.h"

/* Mission days of missions that started in the 12 calendar months before
 * the month of `day` (formats.md's "last 12 months", as core/model.h
 * counts them). */
int rs_eval_load_days(const rs_expert *e, int32_t day);

/* The per-expert hard rules: exclude, exclude_nationalities, available,
 * max_load_days (load measured at the ToR's `from`, else at today).
 * Returns NULL when e may be proposed, else the name of the rule. */
const char *rs_eval_ruled_out(const rs_tor *t, const rs_expert *e, int32_t today);

/* Every hard rule on a team: team_size, distinct members, the per-expert
 * rules, require, languages_covered, min_nationalities (one nationality
 * chosen per member, any choice that works), max_same_nationality (every
 * member holding a nationality counts for it), min_eu_members (members
 * with any EU nationality). Returns
 * NULL when all hold, else the first broken rule. */
const char *rs_eval_team_broken(const rs_tor *t, const rs_expert *const *members, size_t n,
                                int32_t today);

typedef struct {
    int best;            /* sum of member grades of the best team; -1: none */
    size_t members[RS_TEAM_MAX]; /* indexes into the experts given */
    unsigned long nodes; /* search nodes visited */
    int cut;             /* the node limit stopped the search: best is a lower bound */
} rs_best_team;

/* The team meeting every hard rule with the highest sum of grades, over
 * experts[0..n) with grades[0..n). Returns 0, or -1 when out of memory. */
int rs_eval_best_team(const rs_tor *t, const rs_expert *const *experts, const int *grades,
                      size_t n, int32_t today, unsigned long max_nodes, rs_best_team *out);

#endif
