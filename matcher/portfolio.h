/*
 * Portfolio balance: the one definition of an over-represented nationality,
 * used by `roster report`, by the team score's portfolio penalty and by the
 * portfolio_balance verdict of a team check, so the three cannot disagree.
 *
 * A nationality is over-represented over a period when its share of the
 * period's mission days is more than RS_PORTFOLIO_OVER_RATIO times its share
 * of the roster's experts, on at least rs_portfolio_min_days() days (a few
 * days of the only expert of a small nationality are not a concentration).
 * The ratio is judged as shown, to 2 decimals: 1.2504 reads 1.25 and is not
 * above 1.25, so no one is flagged at a ratio printed equal to the limit.
 * Experts and their days count under their first nationality, as the store
 * records missions. The matcher's period is "recent": missions that started
 * in the RS_RECENT_MONTHS calendar months before the current month
 * (rs_recent_window, core/model.h), and the missions the facility assigned
 * from then on, planned ones too (rs_store_mission_days); `roster report`
 * shows the same period unless told otherwise.
 */
#ifndef RS_PORTFOLIO_H
#define RS_PORTFOLIO_H

#include <stddef.h>
#include <stdint.h>
#include "core/model.h"
#include "core/store.h"

/* Over-represented: share of days / share of roster above this ratio ... */
#define RS_PORTFOLIO_OVER_RATIO 1.25
/* ... on at least this share of all days, and at least this many days. */
#define RS_PORTFOLIO_OVER_MIN_SHARE 0.02
#define RS_PORTFOLIO_OVER_MIN_DAYS 10

/* The least days an over-represented nationality has when the period holds
 * total_days: max(RS_PORTFOLIO_OVER_MIN_DAYS, ceil(MIN_SHARE * total)). */
long rs_portfolio_min_days(double total_days);
/* (days / total_days) / (experts / roster): 0 when either share is 0. */
double rs_portfolio_ratio(double days, double total_days, double experts, double roster);
/* The definition itself, from the four counts (the ratio rounded to the
 * 2 decimals every output prints). */
int rs_portfolio_is_over(double days, double total_days, double experts, double roster);

typedef struct {
    char nationality[3];
    double days;    /* mission days of experts of this (first) nationality */
    long experts;   /* experts of the roster whose first nationality it is */
    double ratio;   /* rs_portfolio_ratio */
    int over;       /* rs_portfolio_is_over */
} rs_portfolio_entry;

/* Zero-initialise, add rows, then finish. */
typedef struct {
    rs_portfolio_entry *items;
    size_t n, cap;
    double total_days;
    long experts;   /* the roster */
    int32_t from, to; /* the period's first and last day (set by rs_portfolio_load) */
} rs_portfolio;

/* Add days and experts to a nationality (rows of one nationality add up).
 * Negative or non-finite days count as 0. Returns 0, or -1 when out of
 * memory. */
int rs_portfolio_add(rs_portfolio *p, const char *nationality, double days, long experts);
/* Ratios and over-representation of every entry, from the totals. */
void rs_portfolio_finish(rs_portfolio *p);
/* The recent portfolio as of `today`, from the store: every expert of the
 * roster, days of missions starting in rs_recent_window(today) and those
 * assigned after (rs_store_mission_days). *out is empty after a failure. */
rs_status rs_portfolio_load(rs_store *s, int32_t today, rs_portfolio *out);
/* `all` (loaded) without the days of the missions assigned to `action`:
 * what a request's own team is judged with, so that the team sent does
 * not weigh against its own request. The roster's shares are taken from
 * `all`, the days read again. *out is empty after a failure. */
rs_status rs_portfolio_without(const rs_portfolio *all, rs_store *s, const char *action,
                               rs_portfolio *out);
void rs_portfolio_free(rs_portfolio *p);

/* The entry of a nationality; NULL when absent or p is NULL. */
const rs_portfolio_entry *rs_portfolio_find(const rs_portfolio *p, const char *nationality);

/* A member is counted as over-represented when every nationality the
 * expert holds is (a dual national counts for whichever helps): the entry
 * of the least over-represented one (lowest ratio), else NULL. */
const rs_portfolio_entry *rs_portfolio_member_over(const rs_portfolio *p, const rs_expert *e);

/* The penalty a member brings to a team, in [0, weights.portfolio): 0
 * unless rs_portfolio_member_over, then portfolio * (1 - 1/ratio), the
 * part of that nationality's days above its fair share. *nationality (may
 * be NULL) gets the nationality, or NULL. */
double rs_portfolio_penalty(const rs_portfolio *p, const rs_expert *e,
                            const char **nationality);

#endif
