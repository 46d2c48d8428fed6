/*
 * Candidate scoring. Each part is a small pure function of the ToR and the
 * expert; the reasons are written next to the number they explain so the
 * two cannot drift apart.
 */
#include "matcher/score.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "core/taxonomy.h"
#include "matcher/admit.h"

#define W rs_weights_table

/* ---- reasons ---- */

typedef struct {
    rs_score *s;
    int on;        /* write reasons at all */
    int failed;    /* out of memory */
} why_list;

__attribute__((format(printf, 2, 3)))
static void why_add(why_list *w, const char *fmt, ...)
{
    if (!w->on || w->failed)
        return;
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char **why = realloc(w->s->why, (w->s->n_why + 1) * sizeof *why);
    char *copy = why ? strdup(buf) : NULL;
    if (why)
        w->s->why = why;
    if (!copy) {
        w->failed = 1;
        return;
    }
    w->s->why[w->s->n_why++] = copy;
}

/* ---- codes ---- */

/* Is `a` an ancestor of `b` ("E.10" of "E.10.01")? */
static int code_is_ancestor(const char *a, const char *b)
{
    size_t n = strlen(a);
    return strlen(b) > n && strncmp(a, b, n) == 0 && b[n] == '.';
}

static double code_similarity(const char *asked, const char *held, double one_level,
                              double two_levels, double same_top)
{
    /* Most pairs differ at once; this runs for every code of every expert
     * judged, the remedies of an impossible team judging thousands. */
    if (asked[0] != held[0])
        return 0.0;
    if (strcmp(asked, held) == 0)
        return 1.0;
    if (code_is_ancestor(asked, held) || code_is_ancestor(held, asked)) {
        int gap = abs(rs_code_depth(asked) - rs_code_depth(held));
        return gap == 1 ? one_level : two_levels;
    }
    /* Same top-level code: the first component before any dot. */
    size_t la = strcspn(asked, "."), lh = strcspn(held, ".");
    if (la == lh && strncmp(asked, held, la) == 0)
        return same_top;
    return 0.0;
}

double rs_field_similarity(const char *asked, const char *held)
{
    double s = code_similarity(asked, held, W.field_one_level, W.field_two_levels,
                               W.field_same_letter);
    return s == 1.0 ? W.field_exact : s;
}

double rs_competence_similarity(const char *asked, const char *held)
{
    /* Two sub-codes of one competence ("2.1", "2.3") are different skills:
     * no credit for the shared top. */
    double s = code_similarity(asked, held, W.competence_one_level, W.competence_one_level,
                               0.0);
    return s == 1.0 ? W.competence_exact : s;
}

static double best_code(const char *asked, char *const *held, size_t n,
                        double (*sim)(const char *, const char *), const char **best_held)
{
    double best = 0.0;
    if (best_held)
        *best_held = NULL;
    for (size_t i = 0; i < n; i++) {
        double s = sim(asked, held[i]);
        if (s > best) {
            best = s;
            if (best_held)
                *best_held = held[i];
        }
    }
    return best;
}

double rs_best_field(const char *asked, const rs_expert *e, const char **best_held)
{
    return best_code(asked, e->fields, e->n_fields, rs_field_similarity, best_held);
}

double rs_best_competence(const char *asked, const rs_expert *e, const char **best_held)
{
    return best_code(asked, e->competences, e->n_competences, rs_competence_similarity,
                     best_held);
}

/* Length of the nearest common ancestor of two codes, neither an ancestor of
 * the other: their common part up to its last dot (F.15.05, F.15.04: F.15). */
static int common_ancestor_len(const char *a, const char *b)
{
    int last = 0;
    for (int i = 0; a[i] && a[i] == b[i]; i++)
        if (a[i] == '.')
            last = i;
    return last;
}

static void why_code(why_list *w, const char *prefix, const char *asked, const char *held,
                     double s, double exact)
{
    if (!held)
        return;
    if (s >= exact)
        why_add(w, "%s%s exact match", prefix, asked);
    else if (code_is_ancestor(asked, held) || code_is_ancestor(held, asked))
        why_add(w, "%s%s matches %s", prefix, asked, held);
    else
        why_add(w, "%s%s near %s (same %.*s)", prefix, asked, held,
                common_ancestor_len(asked, held), asked);
}

static double part_fields(const rs_tor *t, const rs_expert *e, why_list *w)
{
    double sum = 0.0;
    for (size_t i = 0; i < t->n_fields; i++) {
        const char *held;
        double s = rs_best_field(t->fields[i], e, &held);
        why_code(w, "", t->fields[i], held, s, W.field_exact);
        sum += s;
    }
    return t->n_fields ? sum / (double)t->n_fields : 0.0;
}

static double part_competences(const rs_tor *t, const rs_expert *e, why_list *w)
{
    double sum = 0.0;
    for (size_t i = 0; i < t->n_competences; i++) {
        const char *held;
        double s = rs_best_competence(t->competences[i], e, &held);
        why_code(w, "competence ", t->competences[i], held, s, W.competence_exact);
        sum += s;
    }
    return t->n_competences ? sum / (double)t->n_competences : 0.0;
}

/* ---- languages ---- */

rs_cefr rs_expert_level(const rs_expert *e, const char *code)
{
    rs_cefr best = RS_CEFR_NONE;
    for (size_t i = 0; i < e->n_languages; i++)
        if (rs_code2_equal(e->languages[i].code, code) && e->languages[i].level > best)
            best = e->languages[i].level;
    return best;
}

double rs_language_credit(rs_cefr asked, rs_cefr held)
{
    if (held == RS_CEFR_NONE)
        return 0.0;
    if (held >= asked)
        return 1.0;
    int below = (int)asked - (int)held;
    return below == 1 ? W.language_one_below : below == 2 ? W.language_two_below : 0.0;
}

static double part_language(const rs_tor *t, const rs_expert *e, why_list *w)
{
    double sum = 0.0;
    for (size_t i = 0; i < t->n_languages; i++) {
        const rs_language *l = &t->languages[i];
        rs_cefr held = rs_expert_level(e, l->code);
        sum += rs_language_credit(l->level, held);
        if (held == RS_CEFR_NONE)
            why_add(w, "no %s (%s asked)", l->code, rs_cefr_name(l->level));
        else
            why_add(w, "%s %s %s %s", l->code, rs_cefr_name(held),
                    held >= l->level ? "\u2265" : "<", rs_cefr_name(l->level));
    }
    return t->n_languages ? sum / (double)t->n_languages : 0.0;
}

/* ---- sector ---- */

int rs_status_is_public(rs_sector s)
{
    return s == RS_SECTOR_PUBLIC || s == RS_SECTOR_RETIRED_PUBLIC ||
           s == RS_SECTOR_MANDATED_BODY;
}

static double part_sector(const rs_expert *e, why_list *w)
{
    if ((unsigned)e->status > RS_SECTOR_INTERNATIONAL_ORG)
        return 0.0;
    if (e->status != RS_SECTOR_NONE)
        why_add(w, "%s", rs_sector_phrase(e->status));
    return W.sector[e->status];
}

/* ---- region ---- */

const char *rs_language_area(const char *iso2)
{
    static const char *const lingua_franca[] = {"fr", "es", "pt", "ar", "ru", "en"};
    const rs_partner_country *p = rs_taxonomy_partner(rs_taxonomy_get(), iso2);
    if (!p || !p->languages)
        return NULL;
    /* The list is "xx,yy,..."; scan it in order. */
    for (const char *s = p->languages; *s;) {
        size_t n = strcspn(s, ",");
        for (size_t k = 0; k < sizeof lingua_franca / sizeof *lingua_franca; k++)
            if (n == 2 && strncmp(s, lingua_franca[k], 2) == 0)
                return lingua_franca[k];
        s += n;
        if (*s == ',')
            s++;
    }
    return NULL;
}

static const char *country_label(const char *iso2)
{
    const char *name = rs_country_name(iso2);
    return name ? name : iso2;
}

static double part_region(const rs_tor *t, const rs_expert *e, why_list *w)
{
    const rs_partner_country *home = rs_taxonomy_partner(rs_taxonomy_get(), t->country);
    const char *area = rs_language_area(t->country);
    int same_country = 0, same_region = 0, same_area = 0;
    for (size_t i = 0; i < e->n_missions; i++) {
        const char *c = e->missions[i].country;
        if (!c[0])
            continue;
        if (strcmp(c, t->country) == 0) {
            same_country++;
            continue;
        }
        const rs_partner_country *p = rs_taxonomy_partner(rs_taxonomy_get(), c);
        if (home && p && strcmp(p->region, home->region) == 0)
            same_region++;
        else if (area && rs_language_area(c) == area)
            same_area++;
    }
    if (same_country) {
        why_add(w, "%d mission%s in %s", same_country, same_country > 1 ? "s" : "",
                country_label(t->country));
        return W.region_country;
    }
    if (same_region) {
        why_add(w, "%d mission%s in the same region (%s)", same_region,
                same_region > 1 ? "s" : "", home->region);
        return W.region_region;
    }
    if (same_area) {
        why_add(w, "%d mission%s in the same language area (%s)", same_area,
                same_area > 1 ? "s" : "", area);
        return W.region_language;
    }
    return 0.0;
}

/* ---- load ---- */

static double part_load(int days, why_list *w)
{
    if (days == 0)
        why_add(w, "no mission days in last 12 months");
    else
        why_add(w, "%d mission day%s in last 12 months", days, days > 1 ? "s" : "");
    return 1.0 / (1.0 + days / W.load_half_days);
}

/* ---- total ---- */

void rs_score_free(rs_score *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n_why; i++)
        free(s->why[i]);
    free(s->why);
    memset(s, 0, sizeof *s);
}

static double clamp01(double x)
{
    return x != x ? 0.0 : x < 0.0 ? 0.0 : x > 1.0 ? 1.0 : x; /* NaN counts as 0 */
}

/* The parts t gives a basis for (score.h). */
static unsigned applicable(const rs_tor *t)
{
    unsigned on = 1u << RS_PART_TEXT | 1u << RS_PART_REGION | 1u << RS_PART_LOAD;
    if (t->n_fields)
        on |= 1u << RS_PART_FIELDS;
    if (t->n_competences)
        on |= 1u << RS_PART_COMPETENCES;
    if (t->n_languages)
        on |= 1u << RS_PART_LANGUAGE;
    if (t->rules.prefer_public)
        on |= 1u << RS_PART_SECTOR;
    return on;
}

/* The total: the weighted mean of the applicable parts. */
static void total(const rs_tor *t, rs_score *out)
{
    out->applicable = applicable(t);
    double sum = 0.0, weight = 0.0;
    for (int i = 0; i < RS_N_PARTS; i++)
        if (out->applicable & 1u << i) {
            sum += W.part[i] * out->parts[i];
            weight += W.part[i];
        }
    out->total = weight > 0.0 ? sum / weight : 0.0;
}

int rs_score_expert(const rs_tor *t, const rs_expert *e, double text, int32_t ref_day,
                    int with_why, rs_score *out)
{
    memset(out, 0, sizeof *out);
    why_list w = {.s = out, .on = with_why};
    double *p = out->parts;
    p[RS_PART_FIELDS] = part_fields(t, e, &w);
    p[RS_PART_COMPETENCES] = part_competences(t, e, &w);
    p[RS_PART_LANGUAGE] = part_language(t, e, &w);
    p[RS_PART_TEXT] = clamp01(text);
    if (p[RS_PART_TEXT] > 0.0)
        why_add(&w, "CV text matches the ToR (%.2f)", p[RS_PART_TEXT]);
    if (t->rules.prefer_public)
        p[RS_PART_SECTOR] = part_sector(e, &w);
    p[RS_PART_REGION] = part_region(t, e, &w);
    out->load_days = rs_load_days(e, ref_day);
    p[RS_PART_LOAD] = part_load(out->load_days, &w);
    total(t, out);
    if (w.failed) {
        rs_score_free(out);
        return -1;
    }
    return 0;
}

void rs_score_relaxed(const rs_tor *t, const rs_expert *e, int32_t ref_day, rs_score *s)
{
    why_list w = {.s = s, .on = 0};
    s->parts[RS_PART_LANGUAGE] = part_language(t, e, &w);
    s->load_days = rs_load_days(e, ref_day);
    s->parts[RS_PART_LOAD] = part_load(s->load_days, &w);
    total(t, s);
}
