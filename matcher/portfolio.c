/* The portfolio table: shares of recent mission days by nationality. */
#include "matcher/portfolio.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "matcher/weights.h"

static rs_portfolio_entry *find(const rs_portfolio *p, const char *nationality)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->items[i].nationality, nationality) == 0)
            return &p->items[i];
    return NULL;
}

int rs_portfolio_from_days(const char (*nationalities)[3], const double *days, size_t n,
                           rs_portfolio *out)
{
    memset(out, 0, sizeof *out);
    out->items = calloc(n + 1, sizeof *out->items);
    if (!out->items)
        return -1;
    for (size_t i = 0; i < n; i++) {
        double d = isfinite(days[i]) && days[i] > 0.0 ? days[i] : 0.0;
        rs_portfolio_entry *e = find(out, nationalities[i]);
        if (!e) {
            e = &out->items[out->n++];
            memcpy(e->nationality, nationalities[i], 2);
            e->nationality[2] = '\0';
        }
        e->days += d;
        out->total_days += d;
    }
    for (size_t i = 0; i < out->n; i++)
        out->items[i].share = out->total_days > 0.0 ? out->items[i].days / out->total_days
                                                    : 0.0;
    return 0;
}

void rs_portfolio_free(rs_portfolio *p)
{
    if (!p)
        return;
    free(p->items);
    memset(p, 0, sizeof *p);
}

double rs_portfolio_share(const rs_portfolio *p, const char *nationality)
{
    const rs_portfolio_entry *e = p ? find(p, nationality) : NULL;
    return e ? e->share : 0.0;
}

int rs_portfolio_over(double share)
{
    return share > rs_weights_table.portfolio_fair_share;
}

double rs_portfolio_penalty(const rs_portfolio *p, const rs_expert *e,
                            const char **nationality)
{
    const rs_weights *w = &rs_weights_table;
    double least = e->n_nationalities ? 2.0 : 0.0; /* above any share */
    if (nationality)
        *nationality = NULL;
    for (size_t i = 0; i < e->n_nationalities; i++) {
        double s = rs_portfolio_share(p, e->nationalities[i]);
        if (s < least) {
            least = s;
            if (nationality)
                *nationality = e->nationalities[i];
        }
    }
    double over = least - w->portfolio_fair_share;
    return over > 0.0 ? w->portfolio * over / (1.0 - w->portfolio_fair_share) : 0.0;
}
