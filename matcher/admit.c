/* Per-expert hard rules, and the expert as the ToR's own request sees it. */
#include "matcher/admit.h"

#include <stdlib.h>
#include <string.h>

#include "core/taxonomy.h"

const char *rs_admit_rule(rs_admit a)
{
    static const char *const names[RS_N_ADMIT] = {
        [RS_ADMIT_OK] = "",
        [RS_ADMIT_EXCLUDED] = "exclude",
        [RS_ADMIT_NATIONALITY] = "exclude_nationalities",
        [RS_ADMIT_UNAVAILABLE] = "available",
        [RS_ADMIT_LOAD] = "max_load_days",
    };
    return (unsigned)a < RS_N_ADMIT ? names[a] : "";
}

int rs_id_listed(char *const *ids, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(ids[i], id) == 0)
            return 1;
    return 0;
}

const char *rs_expert_eu_nationality(const rs_expert *e)
{
    for (size_t i = 0; i < e->n_nationalities; i++)
        if (rs_country_is_eu(e->nationalities[i]))
            return e->nationalities[i];
    return NULL;
}

const char *rs_expert_excluded_nationality(const rs_rules *r, const rs_expert *e)
{
    for (size_t i = 0; i < e->n_nationalities; i++)
        for (size_t k = 0; k < r->n_exclude_nationalities; k++)
            if (strcmp(e->nationalities[i], r->exclude_nationalities[k]) == 0)
                return e->nationalities[i];
    return NULL;
}

int rs_expert_available(const rs_expert *e, int32_t from, int32_t to)
{
    for (size_t i = 0; i < e->n_unavailable; i++) {
        const rs_period *p = &e->unavailable[i];
        if (p->from <= to && p->to >= from)
            return 0;
    }
    return 1;
}

/* Index of e's mission equal to the own mission m, or -1. */
static long own_mission_at(const rs_expert *e, const rs_own_mission *m)
{
    for (size_t i = 0; i < e->n_missions; i++) {
        const rs_mission *x = &e->missions[i];
        if (!x->lead && x->days == m->days && x->when.from == m->when.from &&
            x->when.to == m->when.to && strcmp(x->country, m->country) == 0)
            return (long)i;
    }
    return -1;
}

/* Index of e's unavailable period equal to p, or -1. */
static long period_at(const rs_expert *e, rs_period p)
{
    for (size_t i = 0; i < e->n_unavailable; i++)
        if (e->unavailable[i].from == p.from && e->unavailable[i].to == p.to)
            return (long)i;
    return -1;
}

static void drop_one(const rs_own_mission *m, rs_expert *e)
{
    long i = own_mission_at(e, m);
    if (i < 0)
        return;
    free(e->missions[i].action);
    memmove(&e->missions[i], &e->missions[i + 1],
            (e->n_missions - (size_t)i - 1) * sizeof *e->missions);
    e->n_missions--;
    /* The store made this period of the mission; a period the CV gives
     * too, over the same days, is the other copy and stays. */
    long p = period_at(e, m->when);
    if (p < 0)
        return;
    memmove(&e->unavailable[p], &e->unavailable[p + 1],
            (e->n_unavailable - (size_t)p - 1) * sizeof *e->unavailable);
    e->n_unavailable--;
}

void rs_expert_drop_own(rs_expert *e, const rs_tor *t)
{
    for (size_t k = 0; k < t->n_own; k++)
        if (strcmp(t->own[k].expert_id, e->id) == 0)
            drop_one(&t->own[k], e);
}

rs_admit rs_admit_expert(const rs_tor *t, const rs_expert *e, int32_t ref_day)
{
    const rs_rules *r = &t->rules;
    if (rs_id_listed(r->exclude, r->n_exclude, e->id))
        return RS_ADMIT_EXCLUDED;
    if (rs_expert_excluded_nationality(r, e))
        return RS_ADMIT_NATIONALITY;
    if (r->available && t->has_window && !rs_expert_available(e, t->from, t->to))
        return RS_ADMIT_UNAVAILABLE;
    if (r->max_load_days >= 0 && rs_load_days(e, ref_day) > r->max_load_days)
        return RS_ADMIT_LOAD;
    return RS_ADMIT_OK;
}
