/*
 * The hard rules that concern one expert alone: exclude, exclude_nationalities,
 * available and max_load_days. The index filters on them already; the matcher
 * applies them again with these functions, so a candidate that slipped
 * through (or was retrieved on purpose, e.g. a required id) is judged the
 * same way everywhere, and so `check` can say which rule an expert breaks.
 */
#ifndef RS_ADMIT_H
#define RS_ADMIT_H

#include <stdint.h>
#include "core/model.h"
#include "matcher/tor.h"

typedef enum {
    RS_ADMIT_OK = 0,
    RS_ADMIT_EXCLUDED,      /* rules.exclude lists the id */
    RS_ADMIT_NATIONALITY,   /* holds a nationality of rules.exclude_nationalities */
    RS_ADMIT_UNAVAILABLE,   /* unavailable on some day of the window */
    RS_ADMIT_LOAD,          /* more mission days than rules.max_load_days */
    RS_N_ADMIT
} rs_admit;

/* The rule's name as in the ToR ("exclude", "available", ...); "" for OK. */
const char *rs_admit_rule(rs_admit a);

/* The expert as the ToR's own request sees it: each mission of t->own for
 * e leaves e's missions (one equal mission: country, window, days, not
 * lead) with the unavailable period of its window. The team sent for a
 * request is neither busy with it, loaded by it nor credited for it
 * (docs/matching.md); missions of other actions stay. Equal missions and
 * periods count the same everywhere, so taking out either of two equal
 * ones is exact; a mission e does not hold (an index behind the store)
 * takes nothing out. Every expert the matcher judges for t goes through
 * this first. */
void rs_expert_drop_own(rs_expert *e, const rs_tor *t);

/* The first rule the expert breaks, in the order of rs_admit. `ref_day` is
 * rs_tor_reference_day(). */
rs_admit rs_admit_expert(const rs_tor *t, const rs_expert *e, int32_t ref_day);

/* 1 when no unavailable period overlaps [from, to] (inclusive). */
int rs_expert_available(const rs_expert *e, int32_t from, int32_t to);

/* The first of the expert's nationalities that is an EU member state's
 * (min_eu_members), or NULL. */
const char *rs_expert_eu_nationality(const rs_expert *e);

/* The first of the expert's nationalities the rules exclude, or NULL. */
const char *rs_expert_excluded_nationality(const rs_rules *r, const rs_expert *e);

/* Is id in the list? */
int rs_id_listed(char *const *ids, size_t n, const char *id);

/* The load itself is rs_load_days (core/model.h), shared with the index. */

#endif
