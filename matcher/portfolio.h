/*
 * Portfolio balance: how much of the facility's recent mission days each
 * nationality already holds. The caller (who has the whole roster) adds up
 * recent mission days per nationality; the matcher turns the shares into a
 * small penalty on members of over-represented nationalities, so that among
 * near-equal teams the one that spreads the work wins.
 */
#ifndef RS_PORTFOLIO_H
#define RS_PORTFOLIO_H

#include <stddef.h>
#include "core/model.h"

typedef struct {
    char nationality[3];
    double days;    /* recent mission days of experts of this nationality */
    double share;   /* days / all days, in [0,1] */
} rs_portfolio_entry;

typedef struct {
    rs_portfolio_entry *items;
    size_t n;
    double total_days;
} rs_portfolio;

/* Build the table from rows of (nationality, days); a nationality may come
 * in several rows (they are added up; an expert with two nationalities may
 * be counted under both). Negative or non-finite days count as 0.
 * Returns 0, or -1 when out of memory (*out is then empty). */
int rs_portfolio_from_days(const char (*nationalities)[3], const double *days, size_t n,
                           rs_portfolio *out);
void rs_portfolio_free(rs_portfolio *p);

/* The share of a nationality, 0 when absent. p may be NULL. */
double rs_portfolio_share(const rs_portfolio *p, const char *nationality);

/* The penalty a member brings to a team, in [0, weights.portfolio]: from
 * the least represented of the expert's nationalities (dual nationals count
 * for whichever helps), 0 at or below the fair share. *nationality (may be
 * NULL) gets that nationality. */
double rs_portfolio_penalty(const rs_portfolio *p, const rs_expert *e,
                            const char **nationality);

/* Is the share above the fair share (weights.portfolio_fair_share)? */
int rs_portfolio_over(double share);

#endif
