/* The portfolio: recent mission days and roster by nationality, and which
 * nationalities are over-represented. See portfolio.h. */
#include "matcher/portfolio.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "matcher/weights.h"

long rs_portfolio_min_days(double total_days)
{
    double floor_share = ceil(RS_PORTFOLIO_OVER_MIN_SHARE * total_days);
    return floor_share > RS_PORTFOLIO_OVER_MIN_DAYS ? (long)floor_share
                                                    : RS_PORTFOLIO_OVER_MIN_DAYS;
}

double rs_portfolio_ratio(double days, double total_days, double experts, double roster)
{
    if (days <= 0 || total_days <= 0 || experts <= 0 || roster <= 0)
        return 0;
    return (days / total_days) / (experts / roster);
}

/* The ratio as every text shows it (%.2f), read back: rounded here by the
 * same printf that prints it, so the decision and the number read cannot
 * fall on two sides of a boundary (1.2504 shows 1.25: not above 1.25). */
static double as_shown(double ratio)
{
    char text[64];
    snprintf(text, sizeof text, "%.2f", ratio);
    return strtod(text, NULL);
}

int rs_portfolio_is_over(double days, double total_days, double experts, double roster)
{
    return days >= (double)rs_portfolio_min_days(total_days) &&
           as_shown(rs_portfolio_ratio(days, total_days, experts, roster)) >
               RS_PORTFOLIO_OVER_RATIO;
}

static rs_portfolio_entry *find(const rs_portfolio *p, const char *nationality)
{
    for (size_t i = 0; p && nationality && i < p->n; i++)
        if (rs_code2_equal(p->items[i].nationality, nationality))
            return &p->items[i];
    return NULL;
}

const rs_portfolio_entry *rs_portfolio_find(const rs_portfolio *p, const char *nationality)
{
    return find(p, nationality);
}

/* The entry of a nationality, added when new; NULL when out of memory. */
static rs_portfolio_entry *entry(rs_portfolio *p, const char *nationality)
{
    rs_portfolio_entry *e = find(p, nationality);
    if (e)
        return e;
    if (p->n == p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 32;
        rs_portfolio_entry *items = realloc(p->items, cap * sizeof *items);
        if (!items)
            return NULL;
        p->items = items;
        p->cap = cap;
    }
    e = &p->items[p->n++];
    memset(e, 0, sizeof *e);
    snprintf(e->nationality, sizeof e->nationality, "%s", nationality);
    return e;
}

int rs_portfolio_add(rs_portfolio *p, const char *nationality, double days, long experts)
{
    double d = isfinite(days) && days > 0 ? days : 0;
    long x = experts > 0 ? experts : 0;
    rs_portfolio_entry *e = entry(p, nationality ? nationality : "");
    if (!e)
        return -1;
    e->days += d;
    e->experts += x;
    p->total_days += d;
    p->experts += x;
    return 0;
}

void rs_portfolio_finish(rs_portfolio *p)
{
    for (size_t i = 0; i < p->n; i++) {
        rs_portfolio_entry *e = &p->items[i];
        e->ratio = rs_portfolio_ratio(e->days, p->total_days, (double)e->experts,
                                      (double)p->experts);
        e->over = rs_portfolio_is_over(e->days, p->total_days, (double)e->experts,
                                       (double)p->experts);
    }
}

/* ---- from the store ---- */

static rs_status add_days(const char *nationality, double days, void *ctx)
{
    return rs_portfolio_add(ctx, nationality, days, 0) ? RS_ERR_NOMEM : RS_OK;
}

static rs_status add_experts(const char *nationality, long experts, void *ctx)
{
    return rs_portfolio_add(ctx, nationality, 0, experts) ? RS_ERR_NOMEM : RS_OK;
}

rs_status rs_portfolio_load(rs_store *s, int32_t today, rs_portfolio *out)
{
    memset(out, 0, sizeof *out);
    rs_recent_window(today, &out->from, &out->to);
    rs_status err = rs_store_mission_days(s, out->from, out->to, NULL, add_days, out);
    /* Without recent days nothing can be over-represented: the roster's
     * shares are not read. */
    if (!err && out->total_days > 0)
        err = rs_store_each_share(s, add_experts, out);
    if (err) {
        rs_portfolio_free(out);
        return err;
    }
    rs_portfolio_finish(out);
    return RS_OK;
}

rs_status rs_portfolio_without(const rs_portfolio *all, rs_store *s, const char *action,
                               rs_portfolio *out)
{
    memset(out, 0, sizeof *out);
    out->from = all->from;
    out->to = all->to;
    /* The roster's shares are all's: only the days are read again. */
    rs_status err = RS_OK;
    for (size_t i = 0; !err && i < all->n; i++)
        if (rs_portfolio_add(out, all->items[i].nationality, 0, all->items[i].experts))
            err = RS_ERR_NOMEM;
    if (!err) err = rs_store_mission_days(s, out->from, out->to, action, add_days, out);
    if (err) {
        rs_portfolio_free(out);
        return err;
    }
    rs_portfolio_finish(out);
    return RS_OK;
}

void rs_portfolio_free(rs_portfolio *p)
{
    if (!p)
        return;
    free(p->items);
    memset(p, 0, sizeof *p);
}

/* ---- members ---- */

const rs_portfolio_entry *rs_portfolio_member_over(const rs_portfolio *p, const rs_expert *e)
{
    const rs_portfolio_entry *least = NULL;
    for (size_t i = 0; i < e->n_nationalities; i++) {
        const rs_portfolio_entry *x = rs_portfolio_find(p, e->nationalities[i]);
        if (!x || !x->over)
            return NULL;
        if (!least || x->ratio < least->ratio)
            least = x;
    }
    return least;
}

double rs_portfolio_penalty(const rs_portfolio *p, const rs_expert *e,
                            const char **nationality)
{
    const rs_portfolio_entry *x = rs_portfolio_member_over(p, e);
    if (nationality)
        *nationality = x ? x->nationality : NULL;
    return x ? rs_weights_table.portfolio * (1.0 - 1.0 / x->ratio) : 0.0;
}
