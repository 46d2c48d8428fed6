/*
 * A match result as JSON (formats.md section 3) and as text for people.
 * Scores are rounded to 4 decimals in JSON: more digits are noise to a
 * reader and make outputs differ across compilers for no reason.
 */
#include <stdlib.h>
#include <string.h>

#include "core/jsonbuild.h"
#include "core/term.h"
#include "core/text.h"
#include "matcher/match.h"
#include "matcher/weights.h"

/* Scores as JSON shows them (never -0). */
static double round4(double x)
{
    return rs_round_shown(x, 4);
}

static json_t *shortlist_entry(rs_json_build *j, const rs_candidate *c)
{
    json_t *o = rs_json_take(j, json_object());
    json_t *parts = rs_json_take(j, json_object());
    json_t *why = rs_json_take(j, json_array());
    rs_json_set(j, o, "id", json_string(c->expert->id));
    rs_json_set(j, o, "name", json_string(c->expert->name ? c->expert->name : ""));
    rs_json_set(j, o, "score", json_real(round4(c->score.total)));
    for (int p = 0; p < RS_N_PARTS; p++)
        rs_json_set(j, parts, rs_part_names[p], json_real(round4(c->score.parts[p])));
    for (size_t i = 0; i < c->score.n_why; i++)
        rs_json_append(j, why, json_string(c->score.why[i]));
    rs_json_set(j, o, "parts", parts);
    rs_json_set(j, o, "why", why);
    return o;
}

/* Is ToR field i covered by some member (parent / child or closer)? */
static int field_covered(const rs_match_result *r, const rs_team *t, size_t i)
{
    for (size_t m = 0; m < t->n; m++)
        if (rs_best_field(r->tor->fields[i], r->candidates[t->members[m]].expert, NULL) >=
            rs_weights_table.cover_min)
            return 1;
    return 0;
}

static json_t *team_entry(rs_json_build *j, const rs_match_result *r, const rs_match_team *mt)
{
    const rs_team *t = &mt->team;
    json_t *o = rs_json_take(j, json_object());
    json_t *members = rs_json_take(j, json_array()), *nats = rs_json_take(j, json_array());
    json_t *coverage = rs_json_take(j, json_object());
    json_t *covered = rs_json_take(j, json_array()), *missing = rs_json_take(j, json_array());
    for (size_t m = 0; m < t->n; m++) {
        rs_json_append(j, members, json_string(r->candidates[t->members[m]].expert->id));
        rs_json_append(j, nats, json_string(t->nationalities[m]));
    }
    for (size_t i = 0; i < r->tor->n_fields; i++)
        rs_json_append(j, field_covered(r, t, i) ? covered : missing, json_string(r->tor->fields[i]));
    rs_json_set(j, coverage, "fields", covered);
    rs_json_set(j, coverage, "missing", missing);
    rs_json_set(j, o, "members", members);
    rs_json_set(j, o, "score", json_real(round4(t->score)));
    rs_json_set(j, o, "coverage", coverage);
    rs_json_set(j, o, "nationalities", nats);
    rs_json_set(j, o, "rules", rs_json_take(j, rs_verdicts_to_json(&mt->rules)));
    return o;
}

static json_t *infeasible_entry(rs_json_build *j, const rs_infeasible *x, int partial)
{
    if (!x)
        return json_null();
    json_t *o = rs_json_take(j, json_object()), *remedies = rs_json_take(j, json_array());
    rs_json_set(j, o, "rule", json_string(x->rule));
    rs_json_set(j, o, "detail", json_string(x->detail));
    for (size_t i = 0; i < x->n_remedies; i++)
        rs_json_append(j, remedies, json_string(x->remedies[i]));
    rs_json_set(j, o, "remedies", remedies);
    rs_json_set(j, o, "changes", x->changes ? json_incref(x->changes) : json_array());
    /* false: the roster was not searched in full, it may hold a team */
    rs_json_set(j, o, "whole_roster", json_boolean(!partial));
    return o;
}

json_t *rs_match_to_json(const rs_match_result *r)
{
    rs_json_build j = {0};
    json_t *o = rs_json_take(&j, json_object());
    json_t *shortlist = rs_json_take(&j, json_array()), *teams = rs_json_take(&j, json_array());
    json_t *alternates = rs_json_take(&j, json_array());
    rs_json_set(&j, o, "action", json_string(r->tor->action));
    rs_json_set(&j, o, "candidates_considered", json_integer((json_int_t)r->considered));
    for (size_t i = 0; i < r->n_shortlist; i++)
        rs_json_append(&j, shortlist, shortlist_entry(&j, &r->candidates[i]));
    for (size_t k = 0; k < r->n_teams; k++)
        rs_json_append(&j, teams, team_entry(&j, r, &r->teams[k]));
    for (size_t s = 0; s < r->n_alternates; s++)
        rs_json_append(&j, alternates, r->alternates[s] == RS_TEAM_NONE
                                   ? json_null()
                                   : json_string(r->candidates[r->alternates[s]].expert->id));
    rs_json_set(&j, o, "shortlist", shortlist);
    rs_json_set(&j, o, "teams", teams);
    rs_json_set(&j, o, "alternates", alternates);
    rs_json_set(&j, o, "infeasible", infeasible_entry(&j, r->infeasible, r->partial));
    if (j.failed) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* ---- text ---- */

/* Print s in exactly `width` columns (code points), cut with "…" if longer. */
static void print_cell_raw(FILE *f, const char *s, size_t width)
{
    size_t len = strlen(s), cols = rs_utf8_length(s, len);
    if (cols <= width) {
        fprintf(f, "%s%*s", s, (int)(width - cols), "");
        return;
    }
    size_t keep = 0, seen = 0;
    while (keep < len && seen < width - 1) {
        keep++;
        while (keep < len && ((unsigned char)s[keep] & 0xC0) == 0x80)
            keep++;
        seen++;
    }
    fprintf(f, "%.*s\u2026", (int)keep, s);
}

/* Text of the roster or the ToR is escaped before it is laid out, so no
 * stored byte acts on the terminal (core/term.h). */
static void print_cell(FILE *f, const char *s, size_t width)
{
    char *shown = rs_term_escape(s);
    print_cell_raw(f, shown ? shown : "?", width);
    free(shown);
}

static void text(FILE *f, const char *s)
{
    rs_term_write(f, s ? s : "", NULL);
}

static void print_header(FILE *f, const rs_match_result *r, const char *notes)
{
    const rs_tor *t = r->tor;
    text(f, t->action);
    fputs(": ", f);
    text(f, t->title);
    fprintf(f, " (%s), team of %d\n", t->country, t->team_size);
    if (notes)
        fputs(notes, f);
    fprintf(f, "%zu candidate%s considered, %zu admitted", r->considered,
            r->considered == 1 ? "" : "s", r->n_admitted);
    for (int a = RS_ADMIT_OK + 1; a < RS_N_ADMIT; a++) {
        size_t n = 0;
        for (size_t i = 0; i < r->n_candidates; i++)
            n += r->candidates[i].admit == (rs_admit)a;
        if (n)
            fprintf(f, ", %zu turned away by %s", n, rs_admit_rule((rs_admit)a));
    }
    fputs("\n", f);
}

static void print_shortlist(FILE *f, const rs_match_result *r)
{
    if (r->n_shortlist == 0)
        return; /* --shortlist 0: teams only */
    static const char *const heads[RS_N_PARTS] = {"field", "comp", "text", "lang",
                                                  "sect", "regn", "load"};
    fputs("\nShortlist\n    #  ", f);
    print_cell(f, "id", 14);
    print_cell(f, "name", 24);
    fputs(" score", f);
    for (int p = 0; p < RS_N_PARTS; p++)
        fprintf(f, " %5s", heads[p]);
    fputs("\n", f);
    for (size_t i = 0; i < r->n_shortlist; i++) {
        const rs_candidate *c = &r->candidates[i];
        fprintf(f, "  %3zu  ", i + 1);
        print_cell(f, c->expert->id, 14);
        print_cell(f, c->expert->name ? c->expert->name : "", 24);
        fprintf(f, " %5.3f", c->score.total);
        for (int p = 0; p < RS_N_PARTS; p++)
            fprintf(f, " %5.2f", c->score.parts[p]);
        fputs("\n       ", f);
        for (size_t w = 0; w < c->score.n_why; w++) {
            fputs(w ? "; " : "", f);
            text(f, c->score.why[w]);
        }
        fputs("\n", f);
    }
}

/* A member with every nationality it holds (FR/DZ), as search shows it:
 * max_same_nationality counts each of them. */
static void print_member(FILE *f, const rs_match_result *r, size_t cand)
{
    const rs_expert *e = r->candidates[cand].expert;
    text(f, e->id);
    fputs(" ", f);
    text(f, e->name);
    fputs(" (", f);
    for (size_t k = 0; k < e->n_nationalities; k++) {
        fputs(k ? "/" : "", f);
        text(f, e->nationalities[k]);
    }
    fputs(")", f);
}

static void print_team(FILE *f, const rs_match_result *r, size_t k)
{
    const rs_team *t = &r->teams[k].team;
    fprintf(f, "\n  %zu. score %.3f: ", k + 1, rs_round_shown(t->score, 3));
    for (size_t m = 0; m < t->n; m++) {
        fputs(m ? ", " : "", f);
        print_member(f, r, t->members[m]);
    }
    /* The penalty is shown as what it adds to the score: -0.031, or 0.000. */
    fprintf(f, "\n     members %.3f, coverage %.3f, preferences %.3f, portfolio %.3f\n",
            rs_round_shown(t->member_sum, 3), rs_round_shown(t->coverage, 3),
            rs_round_shown(t->preferences, 3), rs_round_shown(-t->portfolio, 3));
    if (r->tor->n_fields) {
        fputs("     fields covered:", f);
        for (size_t i = 0; i < r->tor->n_fields; i++)
            if (field_covered(r, t, i))
                fprintf(f, " %s", r->tor->fields[i]);
        size_t missing = 0;
        for (size_t i = 0; i < r->tor->n_fields; i++)
            if (!field_covered(r, t, i))
                fprintf(f, "%s %s", missing++ ? "" : "; missing:", r->tor->fields[i]);
        fputs(missing ? "\n" : "; none missing\n", f);
    }
    rs_verdicts_print(f, &r->teams[k].rules, "     ");
}

static void print_alternates(FILE *f, const rs_match_result *r)
{
    const rs_team *t = &r->teams[0].team;
    fputs("\nAlternates for team 1\n", f);
    for (size_t s = 0; s < r->n_alternates; s++) {
        fprintf(f, "  %s -> ", r->candidates[t->members[s]].expert->id);
        if (r->alternates[s] == RS_TEAM_NONE) {
            fputs("none that keeps the rules\n", f);
            continue;
        }
        const rs_expert *e = r->candidates[r->alternates[s]].expert;
        text(f, e->id);
        fputs(" ", f);
        text(f, e->name);
        fputs("\n", f);
    }
}

static void print_infeasible(FILE *f, const rs_infeasible *x, int partial)
{
    if (partial)
        fprintf(f, "\nNo team found among the candidates considered; too many of the "
                   "languages asked are widely spoken to search the roster in full, so it "
                   "may hold one.\n  %s: ", x->rule);
    else
        fprintf(f, "\nNo team meets the hard rules.\n  %s: ", x->rule);
    text(f, x->detail);
    fputs("\n", f);
    if (x->n_remedies)
        fputs("  What would give a team:\n", f);
    for (size_t i = 0; i < x->n_remedies; i++)
        fputs("    - ", f), text(f, x->remedies[i]), fputs("\n", f);
}

void rs_match_print(FILE *f, const rs_match_result *r)
{
    rs_match_print_noted(f, r, NULL);
}

void rs_match_print_noted(FILE *f, const rs_match_result *r, const char *notes)
{
    print_header(f, r, notes);
    print_shortlist(f, r);
    if (r->n_teams) {
        fputs("\nTeams\n", f);
        for (size_t k = 0; k < r->n_teams; k++)
            print_team(f, r, k);
        print_alternates(f, r);
    }
    if (r->infeasible)
        print_infeasible(f, r->infeasible, r->partial);
}
