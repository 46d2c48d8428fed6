/* Per-expert hard rules. */
#include "matcher/admit.h"

#include <string.h>

#define LOAD_WINDOW_DAYS 365

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

static int32_t max32(int32_t a, int32_t b) { return a > b ? a : b; }
static int32_t min32(int32_t a, int32_t b) { return a < b ? a : b; }

int rs_load_days(const rs_expert *e, int32_t ref_day)
{
    int32_t lo = ref_day - LOAD_WINDOW_DAYS, hi = ref_day - 1;
    long total = 0;
    for (size_t i = 0; i < e->n_missions; i++) {
        const rs_mission *m = &e->missions[i];
        int32_t from = m->when.from;
        /* An open or reversed end is read as a mission still going on
         * until the reference day, or a one-day mission. */
        int32_t to = m->when.to == RS_DATE_OPEN ? hi : max32(m->when.to, from);
        int32_t a = max32(from, lo), b = min32(to, hi);
        if (a > b)
            continue;
        long inside = (long)b - a + 1, span = (long)to - from + 1;
        if (m->days > 0)
            total += ((long)m->days * inside * 2 + span) / (2 * span); /* rounded */
        else
            total += inside;
    }
    return total > INT32_MAX ? INT32_MAX : (int)total;
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
