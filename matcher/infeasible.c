/*
 * Infeasibility: relax the ToR one rule at a time and ask the oracle.
 * Feasibility only grows as a rule is relaxed further (more candidates, or
 * weaker team conditions), so the smallest working step of a numeric rule
 * is found by walking (or bisecting) from the ToR's value outwards.
 */
#include "matcher/infeasible.h"

#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "matcher/admit.h"
#include "matcher/score.h"
#include "matcher/strbuf.h"

#define REMEDIES_MAX 8
#define SHIFT_WEEKS 4

typedef enum {
    RX_LANGUAGE,      /* code to `level`; RS_CEFR_NONE drops it */
    RX_MAX_SAME,
    RX_MIN_NAT,
    RX_DROP_REQUIRE,  /* id */
    RX_SHIFT,         /* window moved by `value` days */
    RX_NO_AVAILABLE,
    RX_LOAD,
    RX_ALLOW_NAT,     /* code */
    RX_TEAM_SIZE,
    RX_MIN_EU,
} rx_kind;

typedef struct {
    rx_kind kind;
    int value;
    rs_cefr level;
    char code[3];
    const char *id;
} relax;

/* A shallow copy of the ToR whose arrays the relaxations may edit. */
typedef struct {
    rs_tor t;
    rs_language langs[RS_TOR_LANGUAGES_MAX];
    char **require;
    char (*nats)[3];
} relaxed;

/* A remedy: one relaxation, or two that only work together. */
typedef struct {
    relax x[2];
    size_t n;
} remedy;

typedef struct {
    const rs_tor *t;
    const rs_expert *const *experts;
    size_t n;
    rs_admit *admit;          /* per expert, under the original ToR */
    int32_t today;
    rs_feasible_fn feasible;
    void *ctx;
    remedy found[REMEDIES_MAX];
    size_t n_found;
    int from_pairs;           /* no single relaxation worked */
    int oom;
} explain;

static const char *rule_of(rx_kind k)
{
    switch (k) {
    case RX_LANGUAGE: return "languages_covered";
    case RX_MAX_SAME: return "max_same_nationality";
    case RX_MIN_NAT: return "min_nationalities";
    case RX_DROP_REQUIRE: return "require";
    case RX_SHIFT:
    case RX_NO_AVAILABLE: return "available";
    case RX_LOAD: return "max_load_days";
    case RX_ALLOW_NAT: return "exclude_nationalities";
    case RX_TEAM_SIZE: return "team_size";
    case RX_MIN_EU: return "min_eu_members";
    }
    return "";
}

static void remove_at(void *base, size_t size, size_t *n, size_t i)
{
    char *b = base;
    memmove(b + i * size, b + (i + 1) * size, (*n - i - 1) * size);
    (*n)--;
}

static void apply(relaxed *r, const relax *x)
{
    rs_tor *t = &r->t;
    switch (x->kind) {
    case RX_LANGUAGE:
        for (size_t i = 0; i < t->n_languages; i++)
            if (strcmp(t->languages[i].code, x->code) == 0) {
                if (x->level == RS_CEFR_NONE)
                    remove_at(t->languages, sizeof *t->languages, &t->n_languages, i);
                else
                    t->languages[i].level = x->level;
                break;
            }
        break;
    case RX_MAX_SAME: t->rules.max_same_nationality = x->value; break;
    case RX_MIN_NAT: t->rules.min_nationalities = x->value; break;
    case RX_DROP_REQUIRE:
        for (size_t i = 0; i < t->rules.n_require; i++)
            if (strcmp(t->rules.require[i], x->id) == 0) {
                remove_at(t->rules.require, sizeof *t->rules.require, &t->rules.n_require, i);
                break;
            }
        break;
    case RX_SHIFT:
        t->from += x->value;
        t->to += x->value;
        break;
    case RX_NO_AVAILABLE: t->rules.available = 0; break;
    case RX_LOAD: t->rules.max_load_days = x->value; break;
    case RX_ALLOW_NAT:
        for (size_t i = 0; i < t->rules.n_exclude_nationalities; i++)
            if (strcmp(t->rules.exclude_nationalities[i], x->code) == 0) {
                remove_at(t->rules.exclude_nationalities, 3,
                          &t->rules.n_exclude_nationalities, i);
                break;
            }
        break;
    case RX_TEAM_SIZE:
        t->team_size = x->value;
        if (t->rules.min_nationalities > x->value)
            t->rules.min_nationalities = x->value;
        if (t->rules.min_eu_members > x->value)
            t->rules.min_eu_members = x->value;
        break;
    case RX_MIN_EU: t->rules.min_eu_members = x->value; break;
    }
}

/* base with relaxations x[0..k) applied, in r: 0, or -1 when out of
 * memory. relaxed_free() after either. */
static int relax_copy(relaxed *r, const rs_tor *base, const relax *x, size_t k)
{
    *r = (relaxed){.t = *base};
    r->require = malloc((base->rules.n_require + 1) * sizeof *r->require);
    r->nats = malloc((base->rules.n_exclude_nationalities + 1) * sizeof *r->nats);
    if (!r->require || !r->nats)
        return -1;
    /* Empty lists may be NULL, which memcpy must not see. */
    if (base->n_languages)
        memcpy(r->langs, base->languages, base->n_languages * sizeof *r->langs);
    if (base->rules.n_require)
        memcpy(r->require, base->rules.require, base->rules.n_require * sizeof *r->require);
    if (base->rules.n_exclude_nationalities)
        memcpy(r->nats, base->rules.exclude_nationalities,
               base->rules.n_exclude_nationalities * sizeof *r->nats);
    r->t.languages = r->langs;
    r->t.rules.require = r->require;
    r->t.rules.exclude_nationalities = r->nats;
    for (size_t i = 0; i < k; i++)
        apply(r, &x[i]);
    return 0;
}

static void relaxed_free(relaxed *r)
{
    free(r->require);
    free(r->nats);
}

/* Ask the oracle about the ToR with relaxations x[0..k). */
static int try_relax(explain *e, const relax *x, size_t k)
{
    if (e->oom)
        return 0;
    relaxed r;
    int ok = relax_copy(&r, e->t, x, k) == 0 ? e->feasible(&r.t, e->ctx) : -1;
    relaxed_free(&r);
    if (ok < 0)
        e->oom = 1;
    return ok > 0;
}

static void keep(explain *e, const relax *x, size_t n)
{
    if (e->n_found == REMEDIES_MAX)
        return;
    remedy *r = &e->found[e->n_found++];
    memcpy(r->x, x, n * sizeof *x);
    r->n = n;
}

/* Keep relaxations x[0..n) as a remedy when they give a team. */
static int found(explain *e, const relax *x, size_t n)
{
    if (!try_relax(e, x, n))
        return 0;
    keep(e, x, n);
    return 1;
}

/* ---- single relaxations, smallest step first ---- */

static void try_languages(explain *e)
{
    const rs_tor *t = e->t;
    if (!t->rules.languages_covered)
        return;
    for (size_t i = 0; i < t->n_languages; i++) {
        relax x = {.kind = RX_LANGUAGE};
        memcpy(x.code, t->languages[i].code, 3);
        int done = 0;
        for (int l = (int)t->languages[i].level - 1; l >= RS_CEFR_A1 && !done; l--) {
            x.level = (rs_cefr)l;
            done = found(e, &x, 1);
        }
        x.level = RS_CEFR_NONE;
        if (!done)
            found(e, &x, 1);
    }
}

/* max_same_nationality up, or min_nationalities down; when neither helps
 * alone (a team of two French: one nationality is too few, two of one
 * nationality too many), both: fewer nationalities, and as many members
 * per nationality as that takes: at least ceil(k / v), more when dual
 * nationals make one nationality's holders outnumber that (every holder
 * counts, nationality.h). */
static void try_nationality_rules(explain *e)
{
    const rs_rules *r = &e->t->rules;
    int k = e->t->team_size, done = 0, up = 0, down = 0;
    for (int v = r->max_same_nationality + 1; v <= k && !up; v++)
        up = found(e, &(relax){.kind = RX_MAX_SAME, .value = v}, 1);
    for (int v = r->min_nationalities - 1; v >= 1 && !down; v--)
        down = found(e, &(relax){.kind = RX_MIN_NAT, .value = v}, 1);
    for (int v = r->min_nationalities - 1; v >= 1 && !up && !down && !done; v--) {
        int per = (k + v - 1) / v;
        if (per <= r->max_same_nationality)
            per = r->max_same_nationality + 1;
        for (; per <= k && !done; per++) {
            relax both[2] = {{.kind = RX_MIN_NAT, .value = v},
                             {.kind = RX_MAX_SAME, .value = per}};
            done = found(e, both, 2);
        }
    }
}

static void try_require(explain *e)
{
    for (size_t i = 0; i < e->t->rules.n_require; i++)
        found(e, &(relax){.kind = RX_DROP_REQUIRE, .id = e->t->rules.require[i]}, 1);
}

static void try_window(explain *e)
{
    const rs_tor *t = e->t;
    if (!t->rules.available || !t->has_window)
        return;
    int moved = 0;
    for (int w = 1; w <= SHIFT_WEEKS && !moved; w++)
        moved = found(e, &(relax){.kind = RX_SHIFT, .value = 7 * w}, 1) ||
                found(e, &(relax){.kind = RX_SHIFT, .value = -7 * w}, 1);
    if (!moved)
        found(e, &(relax){.kind = RX_NO_AVAILABLE}, 1);
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return x < y ? -1 : x > y;
}

/* The lowest max_load_days that gives a team: bisect over the loads of the
 * candidates the current limit turns away. */
static void try_load(explain *e)
{
    const rs_tor *t = e->t;
    if (t->rules.max_load_days < 0)
        return;
    int32_t ref = rs_tor_reference_day(t, e->today);
    int *loads = malloc((e->n + 1) * sizeof *loads);
    if (!loads) {
        e->oom = 1;
        return;
    }
    size_t n = 0;
    for (size_t i = 0; i < e->n; i++) {
        int d = rs_load_days(e->experts[i], ref);
        if (d > t->rules.max_load_days)
            loads[n++] = d;
    }
    qsort(loads, n, sizeof *loads, cmp_int);
    relax x = {.kind = RX_LOAD};
    if (n > 0 && (x.value = loads[n - 1], try_relax(e, &x, 1))) {
        size_t lo = 0, hi = n - 1; /* loads[hi] works */
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            x.value = loads[mid];
            if (try_relax(e, &x, 1))
                hi = mid;
            else
                lo = mid + 1;
        }
        x.value = loads[hi];
        keep(e, &x, 1);
    }
    free(loads);
}

static void try_nationalities_allowed(explain *e)
{
    const rs_rules *r = &e->t->rules;
    for (size_t i = 0; i < r->n_exclude_nationalities; i++) {
        relax x = {.kind = RX_ALLOW_NAT};
        memcpy(x.code, r->exclude_nationalities[i], 3);
        found(e, &x, 1);
    }
}

static void try_min_eu(explain *e)
{
    for (int v = e->t->rules.min_eu_members - 1; v >= 0; v--)
        if (found(e, &(relax){.kind = RX_MIN_EU, .value = v}, 1))
            break;
}

static void try_team_size(explain *e)
{
    for (int v = e->t->team_size - 1; v >= 1; v--) {
        if (e->t->rules.n_require > (size_t)v)
            break;
        if (found(e, &(relax){.kind = RX_TEAM_SIZE, .value = v}, 1))
            break;
    }
}

/* ---- pairs of one-step relaxations ---- */

static size_t one_steps(const explain *e, relax *out, size_t max)
{
    const rs_tor *t = e->t;
    const rs_rules *r = &t->rules;
    size_t n = 0;
    for (size_t i = 0; r->languages_covered && i < t->n_languages && n < max; i++) {
        relax x = {.kind = RX_LANGUAGE};
        memcpy(x.code, t->languages[i].code, 3);
        x.level = t->languages[i].level > RS_CEFR_A1 ? t->languages[i].level - 1 : RS_CEFR_NONE;
        out[n++] = x;
    }
    if (r->max_same_nationality < t->team_size && n < max)
        out[n++] = (relax){.kind = RX_MAX_SAME, .value = r->max_same_nationality + 1};
    if (r->min_nationalities > 1 && n < max)
        out[n++] = (relax){.kind = RX_MIN_NAT, .value = r->min_nationalities - 1};
    for (size_t i = 0; i < r->n_require && n < max; i++)
        out[n++] = (relax){.kind = RX_DROP_REQUIRE, .id = r->require[i]};
    if (r->available && t->has_window && n < max)
        out[n++] = (relax){.kind = RX_NO_AVAILABLE};
    if (r->max_load_days >= 0 && n < max)
        out[n++] = (relax){.kind = RX_LOAD, .value = 366};
    for (size_t i = 0; i < r->n_exclude_nationalities && n < max; i++) {
        relax x = {.kind = RX_ALLOW_NAT};
        memcpy(x.code, r->exclude_nationalities[i], 3);
        out[n++] = x;
    }
    if (r->min_eu_members > 0 && n < max)
        out[n++] = (relax){.kind = RX_MIN_EU, .value = r->min_eu_members - 1};
    if (t->team_size > 1 && r->n_require < (size_t)t->team_size && n < max)
        out[n++] = (relax){.kind = RX_TEAM_SIZE, .value = t->team_size - 1};
    return n;
}

static void try_pairs(explain *e)
{
    enum { STEPS_MAX = 24 };
    relax steps[STEPS_MAX];
    size_t n = one_steps(e, steps, STEPS_MAX);
    e->from_pairs = 1;
    for (size_t i = 0; i < n && e->n_found < REMEDIES_MAX && !e->oom; i++)
        for (size_t k = i + 1; k < n && e->n_found < REMEDIES_MAX && !e->oom; k++)
            found(e, (relax[2]){steps[i], steps[k]}, 2);
}

/* ---- words ---- */

static void describe(const rs_tor *t, rs_strbuf *b, const relax *x)
{
    char from[11], to[11];
    switch (x->kind) {
    case RX_LANGUAGE:
        if (x->level == RS_CEFR_NONE)
            rs_strbuf_add(b, "drop the %s requirement", x->code);
        else
            rs_strbuf_add(b, "lower %s to %s", x->code, rs_cefr_name(x->level));
        break;
    case RX_MAX_SAME: rs_strbuf_add(b, "relax max_same_nationality to %d", x->value); break;
    case RX_MIN_NAT: rs_strbuf_add(b, "relax min_nationalities to %d", x->value); break;
    case RX_DROP_REQUIRE: rs_strbuf_add(b, "drop required %s", x->id); break;
    case RX_SHIFT:
        rs_date_format(t->from + x->value, from);
        rs_date_format(t->to + x->value, to);
        rs_strbuf_add(b, "move the window %d week%s %s, to %s..%s", abs(x->value) / 7,
                      abs(x->value) == 7 ? "" : "s", x->value > 0 ? "later" : "earlier", from,
                      to);
        break;
    case RX_NO_AVAILABLE: rs_strbuf_add(b, "ignore availability"); break;
    case RX_LOAD: rs_strbuf_add(b, "relax max_load_days to %d", x->value); break;
    case RX_ALLOW_NAT: rs_strbuf_add(b, "allow nationals of %s", x->code); break;
    case RX_TEAM_SIZE: rs_strbuf_add(b, "reduce team_size to %d", x->value); break;
    case RX_MIN_EU: rs_strbuf_add(b, "relax min_eu_members to %d", x->value); break;
    }
}

/* ---- a remedy as a change of the ToR's JSON ---- */

/* patch.rules[key] = value (stolen); patch.rules made when absent. 0 or -1. */
static int set_rule(json_t *patch, const char *key, json_t *value)
{
    json_t *rules = json_object_get(patch, "rules");
    if (!rules && json_object_set_new(patch, "rules", rules = json_object()) != 0) {
        json_decref(value);
        return -1;
    }
    return json_object_set_new(rules, key, value);
}

/* Set in patch what relaxation x changes, with the values of the relaxed
 * ToR t (lists whole: a merge patch replaces an array). 0 or -1. */
static int patch_one(json_t *patch, const rs_tor *t, const relax *x)
{
    json_t *list = NULL;
    char day[11];
    switch (x->kind) {
    case RX_LANGUAGE:
        list = json_array();
        for (size_t i = 0; list && i < t->n_languages; i++)
            json_array_append_new(list, json_pack("{s:s, s:s}", "code", t->languages[i].code,
                                                  "level", rs_cefr_name(t->languages[i].level)));
        return json_object_set_new(patch, "languages", list);
    case RX_MAX_SAME: return set_rule(patch, "max_same_nationality", json_integer(x->value));
    case RX_MIN_NAT: return set_rule(patch, "min_nationalities", json_integer(x->value));
    case RX_DROP_REQUIRE:
        list = json_array();
        for (size_t i = 0; list && i < t->rules.n_require; i++)
            json_array_append_new(list, json_string(t->rules.require[i]));
        return set_rule(patch, "require", list);
    case RX_SHIFT:
        rs_date_format(t->from, day);
        if (json_object_set_new(patch, "from", json_string(day)) != 0)
            return -1;
        rs_date_format(t->to, day);
        return json_object_set_new(patch, "to", json_string(day));
    case RX_NO_AVAILABLE: return set_rule(patch, "available", json_false());
    case RX_LOAD: return set_rule(patch, "max_load_days", json_integer(x->value));
    case RX_ALLOW_NAT:
        list = json_array();
        for (size_t i = 0; list && i < t->rules.n_exclude_nationalities; i++)
            json_array_append_new(list, json_string(t->rules.exclude_nationalities[i]));
        return set_rule(patch, "exclude_nationalities", list);
    case RX_TEAM_SIZE:
        /* The team's size drags the rules that cannot exceed it down too. */
        if (set_rule(patch, "min_nationalities", json_integer(t->rules.min_nationalities)) != 0 ||
            set_rule(patch, "min_eu_members", json_integer(t->rules.min_eu_members)) != 0)
            return -1;
        return json_object_set_new(patch, "team_size", json_integer(x->value));
    case RX_MIN_EU: return set_rule(patch, "min_eu_members", json_integer(x->value));
    }
    return -1;
}

/* The merge patch of remedy r on the ToR t, or NULL when out of memory. */
static json_t *change_of(const rs_tor *t, const remedy *r)
{
    relaxed copy;
    json_t *patch = relax_copy(&copy, t, r->x, r->n) == 0 ? json_object() : NULL;
    for (size_t k = 0; patch && k < r->n; k++)
        if (patch_one(patch, &copy.t, &r->x[k]) != 0) {
            json_decref(patch);
            patch = NULL;
        }
    relaxed_free(&copy);
    return patch;
}

static size_t count_admit(const explain *e, rs_admit a)
{
    size_t n = 0;
    for (size_t i = 0; i < e->n; i++)
        n += e->admit[i] == a;
    return n;
}

static void detail_language(const explain *e, const relax *x, rs_strbuf *b)
{
    rs_cefr asked = RS_CEFR_NONE;
    for (size_t i = 0; i < e->t->n_languages; i++)
        if (strcmp(e->t->languages[i].code, x->code) == 0)
            asked = e->t->languages[i].level;
    size_t in = 0, out = 0;
    for (size_t i = 0; i < e->n; i++)
        if (rs_expert_level(e->experts[i], x->code) >= asked) {
            if (e->admit[i] == RS_ADMIT_OK)
                in++;
            else
                out++;
        }
    if (in == 0) {
        rs_strbuf_add(b, "no candidate has %s at %s or above", x->code, rs_cefr_name(asked));
        if (out)
            rs_strbuf_add(b, " among those the per-expert rules admit (%zu more %s turned away)",
                          out, out == 1 ? "is" : "are");
    } else {
        rs_strbuf_add(b, "the %zu candidate%s with %s at %s cannot form a team under the other rules",
                      in, in == 1 ? "" : "s", x->code, rs_cefr_name(asked));
    }
}

static int cmp_code(const void *a, const void *b)
{
    return strcmp(a, b);
}

/* Distinct nationalities of the admitted candidates: how many, and the
 * first few (sorted) into shown. -1 when out of memory. */
static long admitted_nationalities(const explain *e, char (*shown)[3], size_t max_shown,
                                   size_t *n_shown)
{
    size_t total = 0;
    for (size_t i = 0; i < e->n; i++)
        if (e->admit[i] == RS_ADMIT_OK)
            total += e->experts[i]->n_nationalities;
    char (*all)[3] = malloc((total + 1) * sizeof *all);
    if (!all)
        return -1;
    size_t n = 0;
    for (size_t i = 0; i < e->n; i++)
        for (size_t k = 0; e->admit[i] == RS_ADMIT_OK && k < e->experts[i]->n_nationalities; k++)
            memcpy(all[n++], e->experts[i]->nationalities[k], 3);
    qsort(all, n, sizeof *all, cmp_code);
    long distinct = 0;
    *n_shown = 0;
    for (size_t i = 0; i < n; i++)
        if (i == 0 || strcmp(all[i], all[i - 1]) != 0) {
            distinct++;
            if (*n_shown < max_shown)
                memcpy(shown[(*n_shown)++], all[i], 3);
        }
    free(all);
    return distinct;
}

static void detail_nationalities(const explain *e, rs_strbuf *b, const char *rule)
{
    char seen[8][3];
    size_t n_seen = 0;
    long distinct = admitted_nationalities(e, seen, 8, &n_seen);
    if (distinct < 0) {
        b->failed = 1;
        return;
    }
    const rs_rules *r = &e->t->rules;
    if (distinct < r->min_nationalities) {
        rs_strbuf_add(b, "the candidates hold %ld nationalit%s (", distinct,
                      distinct == 1 ? "y" : "ies");
        for (size_t i = 0; i < n_seen; i++)
            rs_strbuf_add(b, "%s%s", i ? ", " : "", seen[i]);
        rs_strbuf_add(b, "), %d needed", r->min_nationalities);
    } else if (strcmp(rule, "max_same_nationality") == 0) {
        rs_strbuf_add(b, "no team of %d with at most %d member%s per nationality meets the other rules",
                      e->t->team_size, r->max_same_nationality,
                      r->max_same_nationality == 1 ? "" : "s");
    } else {
        rs_strbuf_add(b, "no team of %d with %d different nationalities meets the other rules",
                      e->t->team_size, r->min_nationalities);
    }
}

static void detail_min_eu(const explain *e, rs_strbuf *b)
{
    size_t eu = 0;
    for (size_t i = 0; i < e->n; i++)
        eu += e->admit[i] == RS_ADMIT_OK && rs_expert_eu_nationality(e->experts[i]);
    int need = e->t->rules.min_eu_members;
    if (eu < (size_t)need)
        rs_strbuf_add(b, "%zu candidate%s the per-expert rules admit hold%s an EU nationality, %d needed",
                      eu, eu == 1 ? "" : "s", eu == 1 ? "s" : "", need);
    else
        rs_strbuf_add(b, "no team of %d with %d EU national%s meets the other rules",
                      e->t->team_size, need, need == 1 ? "" : "s");
}

static void detail_require(const explain *e, const relax *x, rs_strbuf *b)
{
    for (size_t i = 0; i < e->n; i++)
        if (strcmp(e->experts[i]->id, x->id) == 0) {
            if (e->admit[i] != RS_ADMIT_OK)
                rs_strbuf_add(b, "required %s breaks rule %s", x->id, rs_admit_rule(e->admit[i]));
            else
                rs_strbuf_add(b, "required %s fits in no team that meets the other rules", x->id);
            return;
        }
    rs_strbuf_add(b, "required %s is not among the candidates", x->id);
}

static void detail_of(const explain *e, const relax *x, rs_strbuf *b)
{
    char from[11], to[11];
    const rs_tor *t = e->t;
    switch (x->kind) {
    case RX_LANGUAGE: detail_language(e, x, b); break;
    case RX_MAX_SAME: detail_nationalities(e, b, "max_same_nationality"); break;
    case RX_MIN_NAT: detail_nationalities(e, b, "min_nationalities"); break;
    case RX_DROP_REQUIRE: detail_require(e, x, b); break;
    case RX_SHIFT:
    case RX_NO_AVAILABLE:
        rs_date_format(t->from, from);
        rs_date_format(t->to, to);
        rs_strbuf_add(b, "%zu of %zu candidates %s unavailable between %s and %s",
                      count_admit(e, RS_ADMIT_UNAVAILABLE), e->n,
                      count_admit(e, RS_ADMIT_UNAVAILABLE) == 1 ? "is" : "are", from, to);
        break;
    case RX_LOAD:
        rs_strbuf_add(b, "%zu %s more than %d mission days in the last 12 months",
                      count_admit(e, RS_ADMIT_LOAD),
                      count_admit(e, RS_ADMIT_LOAD) == 1 ? "candidate has" : "candidates have",
                      t->rules.max_load_days);
        break;
    case RX_ALLOW_NAT:
        rs_strbuf_add(b, "%zu %s an excluded nationality", count_admit(e, RS_ADMIT_NATIONALITY),
                      count_admit(e, RS_ADMIT_NATIONALITY) == 1 ? "candidate holds"
                                                                 : "candidates hold");
        break;
    case RX_MIN_EU: detail_min_eu(e, b); break;
    case RX_TEAM_SIZE:
        rs_strbuf_add(b, "only %zu %s the per-expert rules; no team of %d meets the rules",
                      count_admit(e, RS_ADMIT_OK),
                      count_admit(e, RS_ADMIT_OK) == 1 ? "candidate passes" : "candidates pass",
                      t->team_size);
        break;
    }
}

/* ---- result ---- */

void rs_infeasible_free(rs_infeasible *x)
{
    if (!x)
        return;
    free(x->rule);
    free(x->detail);
    for (size_t i = 0; i < x->n_remedies; i++)
        free(x->remedies[i]);
    free(x->remedies);
    json_decref(x->changes);
    memset(x, 0, sizeof *x);
}

static int add_remedy(rs_infeasible *out, rs_strbuf *b)
{
    char *s = rs_strbuf_take(b);
    char **r = s ? realloc(out->remedies, (out->n_remedies + 1) * sizeof *r) : NULL;
    if (!r) {
        free(s);
        return -1;
    }
    out->remedies = r;
    r[out->n_remedies++] = s;
    return 0;
}

static int write_result(const explain *e, rs_infeasible *out)
{
    rs_strbuf b = {0};
    if (e->n_found) {
        const relax *first = &e->found[0].x[0];
        out->rule = strdup(rule_of(first->kind));
        detail_of(e, first, &b);
        if (e->from_pairs)
            rs_strbuf_add(&b, "; no single change is enough, two together are");
    } else {
        size_t admitted = count_admit(e, RS_ADMIT_OK);
        out->rule = strdup("team_size");
        rs_strbuf_add(&b, "only %zu %s the per-expert rules; no team of %d meets the rules "
                          "even with two of them relaxed",
                      admitted, admitted == 1 ? "candidate passes" : "candidates pass",
                      e->t->team_size);
    }
    out->detail = rs_strbuf_take(&b);
    if (!out->rule || !out->detail || !(out->changes = json_array()))
        return -1;
    for (size_t i = 0; i < e->n_found; i++) {
        for (size_t k = 0; k < e->found[i].n; k++) {
            rs_strbuf_add(&b, "%s", k ? " and " : "");
            describe(e->t, &b, &e->found[i].x[k]);
        }
        if (add_remedy(out, &b) < 0 ||
            json_array_append_new(out->changes, change_of(e->t, &e->found[i])) != 0)
            return -1;
    }
    return 0;
}

int rs_infeasible_explain(const rs_tor *t, const rs_expert *const *experts, size_t n,
                          int32_t today, rs_feasible_fn feasible, void *ctx,
                          rs_infeasible *out)
{
    memset(out, 0, sizeof *out);
    explain e = {.t = t, .experts = experts, .n = n, .today = today, .feasible = feasible,
                 .ctx = ctx};
    e.admit = malloc((n + 1) * sizeof *e.admit);
    if (!e.admit)
        return -1;
    int32_t ref = rs_tor_reference_day(t, today);
    for (size_t i = 0; i < n; i++)
        e.admit[i] = rs_admit_expert(t, experts[i], ref);

    void (*const singles[])(explain *) = {
        try_languages, try_nationality_rules, try_min_eu, try_require, try_window, try_load,
        try_nationalities_allowed, try_team_size};
    for (size_t i = 0; i < sizeof singles / sizeof *singles && !e.oom; i++)
        singles[i](&e);
    if (!e.n_found && !e.oom)
        try_pairs(&e);
    int rc = e.oom || write_result(&e, out) < 0 ? -1 : 0;
    free(e.admit);
    if (rc < 0)
        rs_infeasible_free(out);
    return rc;
}
