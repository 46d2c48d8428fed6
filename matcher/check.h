/*
 * Rule-by-rule verdict on a team (`roster check`, and the "rules" of each
 * team in a match): every hard rule passes or fails, every soft preference
 * passes or warns, each with a detail a person can read. A rule the ToR
 * turns off passes with "not asked".
 *
 * Resolving ids to experts is the caller's: unknown ids are bad input
 * (exit 2) before any verdict.
 */
#ifndef RS_CHECK_H
#define RS_CHECK_H

#include <stdint.h>
#include <stdio.h>
#include <jansson.h>
#include "core/model.h"
#include "lib/roster.h"
#include "matcher/portfolio.h"
#include "matcher/tor.h"

typedef enum { RS_PASS, RS_WARN, RS_FAIL } rs_verdict_status;

typedef struct {
    const char *rule;           /* static: "min_nationalities", ... */
    rs_verdict_status status;
    char *detail;               /* owned */
} rs_verdict;

typedef struct {
    rs_verdict *items;
    size_t n;
} rs_verdicts;

/* Judge members[0..n) against ToR t, in this order: team_size, exclude,
 * require, available, exclude_nationalities, max_load_days,
 * languages_covered, min_nationalities, max_same_nationality,
 * min_eu_members (hard), then
 * prefer_public, gender_balance, triangular, portfolio_balance (soft).
 * `portfolio` may be NULL; `today` as for rs_tor_reference_day.
 * Returns 0, or -1 when out of memory (*out then empty). */
int rs_check_team(const rs_tor *t, const rs_expert *const *members, size_t n,
                  const rs_portfolio *portfolio, int32_t today, rs_verdicts *out);
void rs_verdicts_free(rs_verdicts *v);

/* RS_OUTCOME_DONE all pass, RS_OUTCOME_WARNINGS some warn and none fail,
 * RS_OUTCOME_FAILED any fails (the command line's 0, 1 and 3, formats.md
 * section 4). */
rs_outcome rs_verdicts_outcome(const rs_verdicts *v);
const char *rs_verdict_status_name(rs_verdict_status s); /* "pass", "warn", "fail" */

/* The "rules" array: [{"rule", "status", "detail"}]; NULL when out of memory. */
json_t *rs_verdicts_to_json(const rs_verdicts *v);
/* One line per rule: "pass  min_nationalities  2 nationalities (FR, SN), 2 needed". */
void rs_verdicts_print(FILE *f, const rs_verdicts *v, const char *indent);

#endif
