/*
 * When no team meets the hard rules: which rule binds, and the smallest
 * changes of the ToR that would give a team.
 *
 * Each hard rule is relaxed alone, by the smallest step that works (a
 * language one CEFR level lower, then lower still, then dropped;
 * max_same_nationality one up, min_nationalities one down, a required id
 * dropped, the window moved by whole weeks, availability ignored,
 * max_load_days raised to the lowest load that helps, one excluded
 * nationality allowed, min_eu_members lowered, a smaller team). Every change that gives a team is
 * a remedy; the rule of the first one binds. When no single change is
 * enough, pairs of one-step changes are tried.
 */
#ifndef RS_INFEASIBLE_H
#define RS_INFEASIBLE_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include "core/model.h"
#include "matcher/tor.h"

typedef struct {
    char *rule;                 /* as named in the ToR, e.g. "languages_covered" */
    char *detail;               /* why it binds, with the numbers */
    char **remedies; size_t n_remedies; /* e.g. "lower pt to B1" */
    /* For each remedy, the change of the ToR's JSON that makes it: a JSON
     * merge patch (RFC 7386) of the keys it sets, e.g.
     * {"languages": [{"code": "pt", "level": "B1"}]} — so a front end
     * applies a remedy without reading its words. */
    json_t *changes;
} rs_infeasible;

/* Does ToR t (a relaxed copy of the original) give at least one team?
 * 1 yes, 0 no, -1 out of memory. */
typedef int (*rs_feasible_fn)(const rs_tor *t, void *ctx);

/* Explain why `t` gives no team, over the same candidates `experts` the
 * oracle uses. Returns 0, or -1 when out of memory (*out then empty). */
int rs_infeasible_explain(const rs_tor *t, const rs_expert *const *experts, size_t n,
                          int32_t today, rs_feasible_fn feasible, void *ctx,
                          rs_infeasible *out);
void rs_infeasible_free(rs_infeasible *x);

#endif
