/* The hard rules, checked apart from the matcher, and the best team they
 * allow. See rules.h. */
#include "eval/rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"

/* ---- one expert ---- */

static int month_of(int32_t day)
{
    char buf[11];
    rs_date_format(day, buf);
    return atoi(buf) * 12 + atoi(buf + 5) - 1;
}

int rs_eval_load_days(const rs_expert *e, int32_t day)
{
    int now = month_of(day), days = 0;
    for (size_t i = 0; i < e->n_missions; i++) {
        const rs_mission *m = &e->missions[i];
        int started = month_of(m->when.from);
        if (started < now - 12 || started >= now)
            continue;
        if (m->days > 0)
            days += m->days;
        else if (m->when.to != RS_DATE_OPEN && m->when.to >= m->when.from)
            days += m->when.to - m->when.from + 1;
        else
            days += 1;
    }
    return days;
}

static int holds_nationality(const rs_expert *e, const char *iso2)
{
    for (size_t i = 0; i < e->n_nationalities; i++)
        if (strcmp(e->nationalities[i], iso2) == 0)
            return 1;
    return 0;
}

static int unavailable_in(const rs_expert *e, int32_t from, int32_t to)
{
    for (size_t i = 0; i < e->n_unavailable; i++)
        if (e->unavailable[i].from <= to && e->unavailable[i].to >= from)
            return 1;
    return 0;
}

const char *rs_eval_ruled_out(const rs_tor *t, const rs_expert *e, int32_t today)
{
    const rs_rules *r = &t->rules;
    for (size_t i = 0; i < r->n_exclude; i++)
        if (strcmp(r->exclude[i], e->id) == 0)
            return "exclude";
    for (size_t i = 0; i < r->n_exclude_nationalities; i++)
        if (holds_nationality(e, r->exclude_nationalities[i]))
            return "exclude_nationalities";
    if (r->available && t->has_window && unavailable_in(e, t->from, t->to))
        return "available";
    if (r->max_load_days >= 0 &&
        rs_eval_load_days(e, t->has_window ? t->from : today) > r->max_load_days)
        return "max_load_days";
    return NULL;
}

/* ---- a team ---- */

static rs_cefr declared_level(const rs_expert *e, const char *code)
{
    for (size_t i = 0; i < e->n_languages; i++)
        if (strcmp(e->languages[i].code, code) == 0)
            return e->languages[i].level;
    return RS_CEFR_NONE;
}

static int languages_met(const rs_tor *t, const rs_expert *const *m, size_t n)
{
    if (!t->rules.languages_covered)
        return 1;
    for (size_t l = 0; l < t->n_languages; l++) {
        int met = 0;
        for (size_t i = 0; i < n && !met; i++)
            met = declared_level(m[i], t->languages[l].code) >= t->languages[l].level;
        if (!met)
            return 0;
    }
    return 1;
}

/* max_same_nationality: every member holding a nationality counts for it,
 * whatever else it holds. */
static int holders_within(const rs_tor *t, const rs_expert *const *m, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < m[i]->n_nationalities; k++) {
            int holders = 0;
            for (size_t j = 0; j < n; j++)
                holders += holds_nationality(m[j], m[i]->nationalities[k]);
            if (holders > t->rules.max_same_nationality)
                return 0;
        }
    return 1;
}

/* min_nationalities: over every choice of one nationality per member, the
 * most distinct ones. */
typedef struct {
    const rs_expert *const *m;
    size_t n;
    const char *chosen[RS_TEAM_MAX];
    int most;
} nat_search;

static void choose(nat_search *s, size_t i)
{
    if (i == s->n) {
        int distinct = 0;
        for (size_t a = 0; a < s->n; a++) {
            int first = 1;
            for (size_t b = 0; b < a; b++)
                first &= strcmp(s->chosen[a], s->chosen[b]) != 0;
            distinct += first;
        }
        s->most = distinct > s->most ? distinct : s->most;
        return;
    }
    for (size_t k = 0; k < s->m[i]->n_nationalities && (size_t)s->most < s->n; k++) {
        s->chosen[i] = s->m[i]->nationalities[k];
        choose(s, i + 1);
    }
}

/* NULL, or the nationality rule the team breaks. */
static const char *nationalities_broken(const rs_tor *t, const rs_expert *const *m, size_t n)
{
    nat_search s = {m, n, {0}, 0};
    if (n > RS_TEAM_MAX)
        return "team_size";
    for (size_t i = 0; i < n; i++)
        if (m[i]->n_nationalities == 0)
            return "min_nationalities";
    if (!holders_within(t, m, n))
        return "max_same_nationality";
    choose(&s, 0);
    return s.most >= t->rules.min_nationalities ? NULL : "min_nationalities";
}

/* The 27 EU member states, listed here again rather than taken from the
 * matcher's taxonomy, so that a wrong list there shows up here. */
static int eu_member_state(const char *iso2)
{
    static const char *const eu27 =
        "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK";
    for (const char *p = eu27; *p; p += p[2] ? 3 : 2)
        if (p[0] == iso2[0] && p[1] == iso2[1] && iso2[2] == '\0')
            return 1;
    return 0;
}

/* min_eu_members: a member counts when any of its nationalities is EU. */
static int eu_members_met(const rs_tor *t, const rs_expert *const *m, size_t n)
{
    int eu = 0;
    for (size_t i = 0; i < n; i++) {
        int holds = 0;
        for (size_t k = 0; k < m[i]->n_nationalities && !holds; k++)
            holds = eu_member_state(m[i]->nationalities[k]);
        eu += holds;
    }
    return eu >= t->rules.min_eu_members;
}

const char *rs_eval_team_broken(const rs_tor *t, const rs_expert *const *members, size_t n,
                                int32_t today)
{
    if (n != (size_t)t->team_size)
        return "team_size";
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(members[i]->id, members[j]->id) == 0)
                return "distinct members";
    for (size_t i = 0; i < n; i++) {
        const char *why = rs_eval_ruled_out(t, members[i], today);
        if (why)
            return why;
    }
    for (size_t r = 0; r < t->rules.n_require; r++) {
        int seated = 0;
        for (size_t i = 0; i < n && !seated; i++)
            seated = strcmp(members[i]->id, t->rules.require[r]) == 0;
        if (!seated)
            return "require";
    }
    if (!languages_met(t, members, n))
        return "languages_covered";
    const char *broken = nationalities_broken(t, members, n);
    if (broken)
        return broken;
    return eu_members_met(t, members, n) ? NULL : "min_eu_members";
}

/* ---- the best team, by branch and bound ---- */

typedef struct {
    const rs_tor *t;
    const rs_expert *const *experts;
    const int *grades;
    size_t *order, n;              /* admissible experts, best grade first */
    int *speaker_best;             /* [lang * (n + 1) + j]: best grade of a speaker at >= j */
    const rs_expert *team[RS_TEAM_MAX];
    size_t chosen[RS_TEAM_MAX];
    size_t seats, seated;
    int value, top;
    int32_t today;
    unsigned long max_nodes;
    rs_best_team *out;
} bb;

static int uncovered(const bb *s, size_t lang)
{
    for (size_t i = 0; i < s->seated; i++)
        if (declared_level(s->team[i], s->t->languages[lang].code) >= s->t->languages[lang].level)
            return 0;
    return 1;
}

/* The most that seats left open can add when filled from position j on:
 * each seat at most the grade at j, and one of them a speaker of every
 * language still uncovered. Negative: no completion can cover them. */
static int bound_from(const bb *s, size_t j)
{
    size_t open = s->seats - s->seated;
    if (open == 0)
        return 0;
    int g = s->grades[s->order[j]], speaker = g;
    for (size_t l = 0; s->t->rules.languages_covered && l < s->t->n_languages; l++)
        if (uncovered(s, l)) {
            int best = s->speaker_best[l * (s->n + 1) + j];
            if (best < 0)
                return -1;
            if (best < speaker)
                speaker = best;
        }
    return (int)(open - 1) * g + speaker;
}

static void record(bb *s)
{
    if (s->value <= s->out->best || rs_eval_team_broken(s->t, s->team, s->seats, s->today) != NULL)
        return;
    s->out->best = s->value;
    memcpy(s->out->members, s->chosen, s->seats * sizeof *s->chosen);
}

static int seated_already(const bb *s, size_t e)
{
    for (size_t i = 0; i < s->seated; i++)
        if (s->chosen[i] == e)
            return 1;
    return 0;
}

static void search(bb *s, size_t from)
{
    if (s->seated == s->seats) {
        record(s);
        return;
    }
    const char *broken = nationalities_broken(s->t, s->team, s->seated);
    if (broken && strcmp(broken, "max_same_nationality") == 0)
        return; /* more members never bring the count of one nationality down */
    for (size_t j = from; j < s->n; j++) {
        if (s->out->best >= s->top || s->out->cut)
            return;
        if (++s->out->nodes > s->max_nodes) {
            s->out->cut = 1;
            return;
        }
        int bound = bound_from(s, j);
        if (bound < 0 || s->value + bound <= s->out->best)
            return; /* the bound only falls as j grows */
        size_t e = s->order[j];
        if (seated_already(s, e))
            continue;
        s->team[s->seated] = s->experts[e];
        s->chosen[s->seated++] = e;
        s->value += s->grades[e];
        search(s, j + 1);
        s->value -= s->grades[e];
        s->seated--;
    }
}

static const int *sort_grades; /* qsort has no context argument */

static int by_grade(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    int gx = sort_grades[x], gy = sort_grades[y];
    if (gx != gy)
        return gy - gx;
    return x < y ? -1 : x > y;
}

/* Seat the required experts; -1 when one is missing or ruled out. */
static int seat_required(bb *s)
{
    for (size_t r = 0; r < s->t->rules.n_require; r++) {
        size_t at = 0;
        while (at < s->n && strcmp(s->experts[s->order[at]]->id, s->t->rules.require[r]) != 0)
            at++;
        if (at == s->n || s->seated == s->seats)
            return -1; /* ruled out (only admissible experts are in order) */
        size_t found = s->order[at];
        if (seated_already(s, found))
            continue;
        s->team[s->seated] = s->experts[found];
        s->chosen[s->seated++] = found;
        s->value += s->grades[found];
    }
    return 0;
}

int rs_eval_best_team(const rs_tor *t, const rs_expert *const *experts, const int *grades,
                      size_t n, int32_t today, unsigned long max_nodes, rs_best_team *out)
{
    memset(out, 0, sizeof *out);
    out->best = -1;
    bb s = {.t = t, .experts = experts, .grades = grades, .max_nodes = max_nodes, .out = out,
            .today = today};
    s.seats = (size_t)t->team_size;
    s.order = malloc((n + 1) * sizeof *s.order);
    s.speaker_best = malloc((t->n_languages ? t->n_languages : 1) * (n + 1) *
                            sizeof *s.speaker_best);
    if (!s.order || !s.speaker_best) {
        free(s.order);
        free(s.speaker_best);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        if (!rs_eval_ruled_out(t, experts[i], today))
            s.order[s.n++] = i;
    sort_grades = grades;
    qsort(s.order, s.n, sizeof *s.order, by_grade);
    for (size_t l = 0; l < t->n_languages; l++) {
        int *best = s.speaker_best + l * (s.n + 1);
        best[s.n] = -1;
        for (size_t j = s.n; j-- > 0;) {
            const rs_expert *e = experts[s.order[j]];
            int g = declared_level(e, t->languages[l].code) >= t->languages[l].level
                        ? grades[s.order[j]] : -1;
            best[j] = g > best[j + 1] ? g : best[j + 1];
        }
    }
    s.top = 3 * t->team_size;
    if (seat_required(&s) == 0)
        search(&s, 0);
    free(s.order);
    free(s.speaker_best);
    return 0;
}
