/*
 * Team verdicts. Each rule is one function that looks at the whole team and
 * says pass / warn / fail with a detail naming the experts concerned; they
 * share the same helpers as the team search (admit.h, nationality.h,
 * score.h), so `check` and `match` cannot disagree about a team.
 */
#include "matcher/check.h"

#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/taxonomy.h"
#include "core/term.h"
#include "matcher/admit.h"
#include "matcher/nationality.h"
#include "matcher/score.h"
#include "matcher/strbuf.h"
#include "matcher/worklang.h"

typedef struct {
    const rs_tor *t;
    const rs_expert *const *m;
    size_t n;
    const rs_portfolio *portfolio;
    int32_t ref_day;
    rs_verdicts *out;
    int failed;
} check_ctx;

static void verdict(check_ctx *c, const char *rule, rs_verdict_status status, rs_strbuf *b)
{
    char *detail = rs_strbuf_take(b);
    rs_verdict *items = detail ? realloc(c->out->items, (c->out->n + 1) * sizeof *items)
                               : NULL;
    if (!items) {
        free(detail);
        c->failed = 1;
        return;
    }
    c->out->items = items;
    items[c->out->n++] = (rs_verdict){rule, status, detail};
}

/* A verdict with a fixed detail. */
static void verdict_text(check_ctx *c, const char *rule, rs_verdict_status status,
                         const char *detail)
{
    rs_strbuf b = {0};
    rs_strbuf_add(&b, "%s", detail);
    verdict(c, rule, status, &b);
}

static void sep(rs_strbuf *b, size_t *count)
{
    if ((*count)++)
        rs_strbuf_add(b, "; ");
}

/* ---- hard rules ---- */

static void rule_team_size(check_ctx *c)
{
    rs_strbuf b = {0};
    size_t twice = 0;
    for (size_t i = 0; i < c->n; i++)
        for (size_t k = 0; k < i; k++)
            if (strcmp(c->m[i]->id, c->m[k]->id) == 0) {
                sep(&b, &twice);
                rs_strbuf_add(&b, "%s named twice", c->m[i]->id);
                break;
            }
    if (twice) {
        verdict(c, "team_size", RS_FAIL, &b);
        return;
    }
    rs_strbuf_add(&b, "%zu member%s", c->n, c->n == 1 ? "" : "s");
    if (c->n != (size_t)c->t->team_size) {
        rs_strbuf_add(&b, ", the ToR asks for %d", c->t->team_size);
        verdict(c, "team_size", RS_WARN, &b);
    } else {
        verdict(c, "team_size", RS_PASS, &b);
    }
}

static void rule_exclude(check_ctx *c)
{
    const rs_rules *r = &c->t->rules;
    rs_strbuf b = {0};
    size_t bad = 0;
    for (size_t i = 0; i < c->n; i++)
        if (rs_id_listed(r->exclude, r->n_exclude, c->m[i]->id)) {
            sep(&b, &bad);
            rs_strbuf_add(&b, "%s is excluded", c->m[i]->id);
        }
    if (bad)
        verdict(c, "exclude", RS_FAIL, &b);
    else
        verdict_text(c, "exclude", RS_PASS, "no excluded expert");
}

static int team_has(const check_ctx *c, const char *id)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->m[i]->id, id) == 0)
            return 1;
    return 0;
}

static void rule_require(check_ctx *c)
{
    const rs_rules *r = &c->t->rules;
    rs_strbuf b = {0};
    size_t missing = 0;
    if (r->n_require == 0) {
        verdict_text(c, "require", RS_PASS, "none required");
        return;
    }
    for (size_t i = 0; i < r->n_require; i++)
        if (!team_has(c, r->require[i])) {
            sep(&b, &missing);
            rs_strbuf_add(&b, "%s is required but not in the team", r->require[i]);
        }
    if (missing) {
        verdict(c, "require", RS_FAIL, &b);
        return;
    }
    for (size_t i = 0; i < r->n_require; i++)
        rs_strbuf_add(&b, "%s%s", i ? ", " : "", r->require[i]);
    rs_strbuf_add(&b, " in the team");
    verdict(c, "require", RS_PASS, &b);
}

static void rule_available(check_ctx *c)
{
    const rs_tor *t = c->t;
    if (!t->rules.available) {
        verdict_text(c, "available", RS_PASS, "not asked");
        return;
    }
    if (!t->has_window) {
        verdict_text(c, "available", RS_PASS, "no mission window given");
        return;
    }
    rs_strbuf b = {0};
    size_t bad = 0;
    char from[11], to[11];
    for (size_t i = 0; i < c->n; i++) {
        const rs_expert *e = c->m[i];
        for (size_t k = 0; k < e->n_unavailable; k++) {
            const rs_period *p = &e->unavailable[k];
            if (p->from <= t->to && p->to >= t->from) {
                rs_date_format(p->from, from);
                rs_date_format(p->to, to);
                sep(&b, &bad);
                rs_strbuf_add(&b, "%s unavailable %s..%s", e->id, from, to);
                break;
            }
        }
    }
    if (bad) {
        verdict(c, "available", RS_FAIL, &b);
        return;
    }
    rs_date_format(t->from, from);
    rs_date_format(t->to, to);
    rs_strbuf_add(&b, "all available %s..%s", from, to);
    verdict(c, "available", RS_PASS, &b);
}

static void rule_exclude_nationalities(check_ctx *c)
{
    const rs_rules *r = &c->t->rules;
    rs_strbuf b = {0};
    size_t bad = 0;
    if (r->n_exclude_nationalities == 0) {
        verdict_text(c, "exclude_nationalities", RS_PASS, "none excluded");
        return;
    }
    for (size_t i = 0; i < c->n; i++) {
        const char *nat = rs_expert_excluded_nationality(r, c->m[i]);
        if (nat) {
            sep(&b, &bad);
            rs_strbuf_add(&b, "%s holds %s", c->m[i]->id, nat);
        }
    }
    if (bad) {
        verdict(c, "exclude_nationalities", RS_FAIL, &b);
        return;
    }
    rs_strbuf_add(&b, "no member holds ");
    for (size_t k = 0; k < r->n_exclude_nationalities; k++)
        rs_strbuf_add(&b, "%s%s", k ? ", " : "", r->exclude_nationalities[k]);
    verdict(c, "exclude_nationalities", RS_PASS, &b);
}

static void rule_max_load(check_ctx *c)
{
    int max = c->t->rules.max_load_days;
    if (max < 0) {
        verdict_text(c, "max_load_days", RS_PASS, "no limit");
        return;
    }
    rs_strbuf b = {0};
    size_t bad = 0;
    int highest = 0;
    for (size_t i = 0; i < c->n; i++) {
        int days = rs_load_days(c->m[i], c->ref_day);
        if (days > highest)
            highest = days;
        if (days > max) {
            sep(&b, &bad);
            rs_strbuf_add(&b, "%s has %d mission days in last 12 months (max %d)", c->m[i]->id,
                          days, max);
        }
    }
    if (!bad)
        rs_strbuf_add(&b, "all at or under %d mission days (highest %d)", max, highest);
    verdict(c, "max_load_days", bad ? RS_FAIL : RS_PASS, &b);
}

/* "; es B2 inferred: the description is in es, a language of PE" when the
 * ToR gave no languages. */
static void add_inferred(const rs_tor *t, rs_strbuf *b)
{
    char basis[256];
    rs_tor_languages_basis_text(t, basis, sizeof basis);
    if (!basis[0])
        return;
    rs_strbuf_add(b, "%s", b->len ? "; " : "");
    for (size_t l = 0; l < t->n_languages; l++)
        rs_strbuf_add(b, "%s %s ", t->languages[l].code, rs_cefr_name(t->languages[l].level));
    rs_strbuf_add(b, "%s: %s", t->n_languages ? "inferred" : "none inferred", basis);
}

static void rule_languages(check_ctx *c)
{
    const rs_tor *t = c->t;
    if (t->n_languages == 0) {
        rs_strbuf b = {0};
        rs_strbuf_add(&b, "no language asked");
        add_inferred(t, &b);
        verdict(c, "languages_covered", RS_PASS, &b);
        return;
    }
    if (!t->rules.languages_covered) {
        verdict_text(c, "languages_covered", RS_PASS, "not asked");
        return;
    }
    rs_strbuf met = {0}, unmet = {0};
    size_t n_met = 0, n_unmet = 0;
    for (size_t l = 0; l < t->n_languages; l++) {
        const rs_language *want = &t->languages[l];
        const rs_expert *best = NULL;
        rs_cefr level = RS_CEFR_NONE;
        for (size_t i = 0; i < c->n; i++) {
            rs_cefr held = rs_expert_level(c->m[i], want->code);
            if (held > level) {
                level = held;
                best = c->m[i];
            }
        }
        if (level >= want->level) {
            sep(&met, &n_met);
            rs_strbuf_add(&met, "%s %s by %s", want->code, rs_cefr_name(level), best->id);
        } else {
            sep(&unmet, &n_unmet);
            rs_strbuf_add(&unmet, "%s %s not met", want->code, rs_cefr_name(want->level));
            if (best)
                rs_strbuf_add(&unmet, " (best: %s %s)", best->id, rs_cefr_name(level));
            else
                rs_strbuf_add(&unmet, " (no member speaks it)");
        }
    }
    rs_strbuf *said = n_unmet ? &unmet : &met;
    rs_strbuf_free(n_unmet ? &met : &unmet);
    add_inferred(c->t, said);
    verdict(c, "languages_covered", n_unmet ? RS_FAIL : RS_PASS, said);
}

static void add_nationalities(rs_strbuf *b, char (*nat)[3], size_t n)
{
    size_t shown = 0;
    rs_strbuf_add(b, " (");
    for (size_t i = 0; i < n; i++) {
        int seen = !nat[i][0];
        for (size_t k = 0; k < i && !seen; k++)
            seen = strcmp(nat[k], nat[i]) == 0;
        if (!seen)
            rs_strbuf_add(b, "%s%s", shown++ ? ", " : "", nat[i]);
    }
    rs_strbuf_add(b, ")");
}

/* Members holding code, named in b; returns how many. */
static int name_holders(check_ctx *c, const char *code, rs_strbuf *b)
{
    int count = 0;
    for (size_t i = 0; i < c->n; i++)
        if (rs_expert_holds(c->m[i], code)) {
            if (b)
                rs_strbuf_add(b, "%s%s", count ? ", " : "", c->m[i]->id);
            count++;
        }
    return count;
}

/* Does member i's nationality k already appear earlier (an earlier member,
 * or an earlier slot of i)? */
static int held_earlier(check_ctx *c, size_t i, size_t k)
{
    const char *code = c->m[i]->nationalities[k];
    for (size_t a = 0; a <= i; a++)
        for (size_t q = 0; q < (a < i ? c->m[a]->n_nationalities : k); q++)
            if (strcmp(c->m[a]->nationalities[q], code) == 0)
                return 1;
    return 0;
}

/* max_same_nationality counts every member holding a nationality, as the
 * team search does (nationality.h): the detail names each nationality with
 * too many holders, and them. */
static void rule_max_same(check_ctx *c)
{
    int max = c->t->rules.max_same_nationality;
    rs_strbuf b = {0};
    size_t shown = 0;
    for (size_t i = 0; i < c->n; i++)
        for (size_t k = 0; k < c->m[i]->n_nationalities; k++) {
            const char *code = c->m[i]->nationalities[k];
            if (held_earlier(c, i, k) || name_holders(c, code, NULL) <= max)
                continue;
            rs_strbuf_add(&b, "%s%d members hold %s (", shown++ ? ", " : "",
                          name_holders(c, code, NULL), code);
            name_holders(c, code, &b);
            rs_strbuf_add(&b, ")");
        }
    if (shown)
        rs_strbuf_add(&b, "; at most %d per nationality", max);
    else
        rs_strbuf_add(&b, "at most %d member%s per nationality", max, max == 1 ? "" : "s");
    verdict(c, "max_same_nationality", shown ? RS_FAIL : RS_PASS, &b);
}

/* min_nationalities on the choice of one nationality per member that the
 * team search makes: the most distinct nationalities over all choices. */
static void rule_nationalities(check_ctx *c)
{
    const rs_rules *r = &c->t->rules;
    char (*choice)[3] = calloc(c->n + 1, 3);
    int most = choice ? rs_nationality_assign(c->m, c->n, (int)c->n, choice) : -2;
    if (most == -2) {
        free(choice);
        c->failed = 1;
        return;
    }
    if (most < 0)
        most = 0;
    rs_strbuf b = {0};
    rs_strbuf_add(&b, "%d nationalit%s", most, most == 1 ? "y" : "ies");
    add_nationalities(&b, choice, c->n);
    rs_strbuf_add(&b, ", %d needed", r->min_nationalities);
    verdict(c, "min_nationalities", most >= r->min_nationalities ? RS_PASS : RS_FAIL, &b);
    free(choice);
    rule_max_same(c);
}

/* min_eu_members: members holding an EU nationality (a dual national
 * counts when either nationality is EU). */
static void rule_min_eu(check_ctx *c)
{
    int need = c->t->rules.min_eu_members;
    rs_strbuf b = {0};
    size_t eu = 0;
    for (size_t i = 0; i < c->n; i++) {
        const char *nat = rs_expert_eu_nationality(c->m[i]);
        if (nat)
            rs_strbuf_add(&b, "%s%s (%s)", eu++ ? ", " : "", c->m[i]->id, nat);
    }
    if (eu)
        rs_strbuf_add(&b, ": ");
    rs_strbuf_add(&b, "%zu EU national%s, %d needed", eu, eu == 1 ? "" : "s", need);
    verdict(c, "min_eu_members", eu >= (size_t)need ? RS_PASS : RS_FAIL, &b);
}

/* ---- soft preferences ---- */

static void rule_prefer_public(check_ctx *c)
{
    if (!c->t->rules.prefer_public) {
        verdict_text(c, "prefer_public", RS_PASS, "not asked");
        return;
    }
    rs_strbuf b = {0};
    size_t public = 0;
    for (size_t i = 0; i < c->n; i++)
        if (rs_status_is_public(c->m[i]->status)) {
            sep(&b, &public);
            /* formats.md: mandated bodies count as public expertise; say so,
             * as the sector's name alone does not. */
            if (c->m[i]->status == RS_SECTOR_MANDATED_BODY)
                rs_strbuf_add(&b, "%s mandated body (counts as public expertise)", c->m[i]->id);
            else
                rs_strbuf_add(&b, "%s %s", c->m[i]->id, rs_sector_phrase(c->m[i]->status));
        }
    if (!public)
        rs_strbuf_add(&b, "no member from the public sector or a mandated body");
    verdict(c, "prefer_public", public ? RS_PASS : RS_WARN, &b);
}

static void rule_gender_balance(check_ctx *c)
{
    if (!c->t->rules.gender_balance) {
        verdict_text(c, "gender_balance", RS_PASS, "not asked");
        return;
    }
    if (c->n < 2) {
        verdict_text(c, "gender_balance", RS_PASS, "team of one");
        return;
    }
    size_t f = 0, m = 0, other = 0;
    for (size_t i = 0; i < c->n; i++) {
        f += c->m[i]->gender == 'F';
        m += c->m[i]->gender == 'M';
    }
    other = c->n - f - m;
    rs_strbuf b = {0};
    rs_strbuf_add(&b, "%zu F, %zu M", f, m);
    if (other)
        rs_strbuf_add(&b, ", %zu not stated", other);
    verdict(c, "gender_balance", f && m ? RS_PASS : RS_WARN, &b);
}

static void rule_triangular(check_ctx *c)
{
    if (!c->t->rules.triangular) {
        verdict_text(c, "triangular", RS_PASS, "not asked");
        return;
    }
    rs_strbuf b = {0};
    size_t found = 0;
    for (size_t i = 0; i < c->n; i++)
        for (size_t k = 0; k < c->m[i]->n_nationalities; k++)
            if (!rs_country_is_eu(c->m[i]->nationalities[k])) {
                sep(&b, &found);
                rs_strbuf_add(&b, "%s (%s) from outside the EU", c->m[i]->id,
                              c->m[i]->nationalities[k]);
                break;
            }
    if (!found)
        rs_strbuf_add(&b, "no member from outside the EU");
    verdict(c, "triangular", found ? RS_PASS : RS_WARN, &b);
}

/* Over-representation is portfolio.h's, the same as the report's and the
 * team score's: a member warns when every nationality held is over. */
static void rule_portfolio(check_ctx *c)
{
    if (!c->t->rules.portfolio_balance) {
        verdict_text(c, "portfolio_balance", RS_PASS, "not asked");
        return;
    }
    if (!c->portfolio || c->portfolio->total_days <= 0.0) {
        verdict_text(c, "portfolio_balance", RS_PASS, "no recent mission days to compare");
        return;
    }
    rs_strbuf b = {0};
    size_t over = 0;
    double total = c->portfolio->total_days, roster = (double)c->portfolio->experts;
    for (size_t i = 0; i < c->n; i++) {
        const rs_portfolio_entry *x = rs_portfolio_member_over(c->portfolio, c->m[i]);
        if (!x)
            continue;
        sep(&b, &over);
        rs_strbuf_add(&b, "%s: %s over-represented, %.1f%% of recent mission days for %.1f%% "
                      "of the roster (ratio %.2f)", c->m[i]->id, x->nationality,
                      100.0 * x->days / total, 100.0 * (double)x->experts / roster, x->ratio);
    }
    if (!over)
        rs_strbuf_add(&b, "no member's nationality over-represented in recent mission days "
                      "(share of days above %.2f times share of the roster, at least %ld days)",
                      RS_PORTFOLIO_OVER_RATIO, rs_portfolio_min_days(total));
    verdict(c, "portfolio_balance", over ? RS_WARN : RS_PASS, &b);
}

int rs_check_team(const rs_tor *t, const rs_expert *const *members, size_t n,
                  const rs_portfolio *portfolio, int32_t today, rs_verdicts *out)
{
    memset(out, 0, sizeof *out);
    check_ctx c = {.t = t, .m = members, .n = n, .portfolio = portfolio,
                   .ref_day = rs_tor_reference_day(t, today), .out = out};
    void (*const rules[])(check_ctx *) = {
        rule_team_size, rule_exclude, rule_require, rule_available,
        rule_exclude_nationalities, rule_max_load, rule_languages, rule_nationalities,
        rule_min_eu, rule_prefer_public, rule_gender_balance, rule_triangular, rule_portfolio};
    for (size_t i = 0; i < sizeof rules / sizeof *rules && !c.failed; i++)
        rules[i](&c);
    if (c.failed) {
        rs_verdicts_free(out);
        return -1;
    }
    return 0;
}

void rs_verdicts_free(rs_verdicts *v)
{
    if (!v)
        return;
    for (size_t i = 0; i < v->n; i++)
        free(v->items[i].detail);
    free(v->items);
    memset(v, 0, sizeof *v);
}

rs_outcome rs_verdicts_outcome(const rs_verdicts *v)
{
    int warn = 0;
    for (size_t i = 0; i < v->n; i++) {
        if (v->items[i].status == RS_FAIL)
            return RS_OUTCOME_FAILED;
        warn |= v->items[i].status == RS_WARN;
    }
    return warn ? RS_OUTCOME_WARNINGS : RS_OUTCOME_DONE;
}

const char *rs_verdict_status_name(rs_verdict_status s)
{
    return s == RS_PASS ? "pass" : s == RS_WARN ? "warn" : "fail";
}

json_t *rs_verdicts_to_json(const rs_verdicts *v)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < v->n; i++) {
        json_t *o = json_pack("{s:s, s:s, s:s}", "rule", v->items[i].rule, "status",
                              rs_verdict_status_name(v->items[i].status), "detail",
                              v->items[i].detail);
        if (!o || json_array_append_new(a, o) < 0) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

void rs_verdicts_print(FILE *f, const rs_verdicts *v, const char *indent)
{
    for (size_t i = 0; i < v->n; i++) {
        fprintf(f, "%s%-4s  %-22s ", indent ? indent : "",
                rs_verdict_status_name(v->items[i].status), v->items[i].rule);
        /* details quote ids and names: escaped like all printed text */
        rs_term_write(f, v->items[i].detail ? v->items[i].detail : "", NULL);
        fputc('\n', f);
    }
}
